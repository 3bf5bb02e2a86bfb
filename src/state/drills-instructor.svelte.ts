/**
 * The instructor's drills: the ones made in this browser, building and saving a
 * new one, and collecting the results students send back. One shared instance
 * (`instructorDrills()`) so the hub's list sees a drill the builder just made.
 */
import { appDb, type VaultcardsDB } from '../data/db.ts';
import { addResults, loadCreatedDrills, saveCreatedDrill, type CreatedDrill } from '../data/drills-created.ts';
import { buildDrill, collectResults, encodeDrill, type Collected, type DrillOptions } from '../lib/drills/index.ts';
import type { Vault } from '../lib/content/index.ts';
import { systemClock } from './review.svelte.ts';

/** What the form gives: everything but the seed and the time, which come from here. */
export type DrillForm = Omit<DrillOptions, 'seed' | 'now'>;

export type CreateOutcome = { ok: true; entry: CreatedDrill; message?: string } | { ok: false; message: string };

export class InstructorDrills {
  entries: CreatedDrill[] = $state.raw([]);
  loaded = $state(false);
  busy = $state(false);
  error = $state('');
  readonly #db: VaultcardsDB;
  readonly #now: () => number;
  #loading: Promise<void> | null = null;

  constructor(db: VaultcardsDB, clock: { now(): number } = systemClock) {
    this.#db = db;
    this.#now = () => clock.now();
  }

  /** Reads the stored drills (once; `force` reads again). */
  load(force = false): Promise<void> {
    if (!this.#loading || force) {
      this.#loading = loadCreatedDrills(this.#db)
        .then((entries) => {
          this.entries = entries;
          this.error = '';
        })
        .catch((e: unknown) => {
          this.error = `The drills made here could not be read: ${e instanceof Error ? e.message : String(e)}`;
        })
        .finally(() => (this.loaded = true));
    }
    return this.#loading;
  }

  byId(id: string): CreatedDrill | undefined {
    return this.entries.find((e) => e.drill.id === id);
  }

  /** Builds a drill from the vault, encodes it and saves it; a refused build gives its message. */
  async create(vault: Vault, form: DrillForm): Promise<CreateOutcome> {
    const now = this.#now();
    const built = buildDrill(vault, { ...form, seed: `${form.title}\u0000${now}`, now });
    if (!built.ok) return built;
    this.busy = true;
    try {
      const entry: CreatedDrill = { drill: built.drill, code: await encodeDrill(built.drill), createdAt: now, results: [] };
      await saveCreatedDrill(this.#db, entry);
      await this.load(true);
      return { ok: true, entry, ...(built.message ? { message: built.message } : {}) };
    } catch (e) {
      return { ok: false, message: `The drill could not be saved or encoded: ${e instanceof Error ? e.message : String(e)}` };
    } finally {
      this.busy = false;
    }
  }

  /** Reads pasted codes and files for a drill made here and saves what is accepted; null when there is no such drill. */
  async collect(drillId: string, inputs: readonly string[]): Promise<Collected | null> {
    const entry = this.byId(drillId);
    if (!entry) return null;
    this.busy = true;
    try {
      const collected = await collectResults(entry.drill, inputs, entry.results);
      if (collected.accepted.length > 0) {
        await addResults(this.#db, drillId, collected.accepted);
        await this.load(true);
      }
      return collected;
    } finally {
      this.busy = false;
    }
  }
}

let shared: InstructorDrills | null = null;

/** The app's instructor drills, on the app's database and clock. */
export function instructorDrills(): InstructorDrills {
  shared ??= new InstructorDrills(appDb(), systemClock);
  return shared;
}
