/**
 * The Library screen: the learner's own vaults, importing notes into a new or
 * an existing vault, and removing one. An import is read, checked and compiled
 * before one write; then the app is mounted afresh on the new notes, and the
 * import's report survives that here, at module level.
 */
import type { VaultcardsDB } from '../data/db.ts';
import { loadOwnVaults, removeOwnVault, saveOwnVault } from '../data/own-vaults.ts';
import { writeFailureMessage } from '../data/storage.ts';
import type { ImportReport } from '../lib/library/import-vault.ts';
import { cleanVaultName, LIMITS, vaultIdFor } from '../lib/library/limits.ts';
import type { OwnVault } from '../lib/library/types.ts';
import type { ReadFiles } from '../ui/library/read-files.ts';

export type ImportTarget = { kind: 'new'; name: string } | { kind: 'existing'; id: string };

export interface LastImport {
  vaultName: string;
  report: ImportReport;
}

let lastImport: LastImport | null = null;
/** A removal's message, carried over the remount like the import report (only when fresh). */
let carried: { message: string; at: number } | null = null;

export class LibraryState {
  readonly #db: VaultcardsDB;
  readonly #changed: () => Promise<void>;
  vaults = $state.raw<OwnVault[]>([]);
  loaded = $state(false);
  busy = $state(false);
  error = $state('');
  message = $state('');
  /** The last import's report; kept across the remount that shows its notes. */
  last = $state.raw<LastImport | null>(lastImport);

  constructor(db: VaultcardsDB, changed: () => Promise<void>) {
    this.#db = db;
    this.#changed = changed;
    if (carried && Date.now() - carried.at < 10_000) this.message = carried.message;
    carried = null;
  }

  async init(): Promise<void> {
    try {
      this.vaults = await loadOwnVaults(this.#db);
    } catch (error) {
      this.error = `Your own notes could not be read: ${(error as Error).message}`;
    }
    this.loaded = true;
  }

  dismissReport(): void {
    lastImport = null;
    this.last = null;
  }

  /** Imports read files; on any failure nothing is written and `error` says why. */
  async importRead(read: ReadFiles, target: ImportTarget, removeMissing: boolean, now: number): Promise<boolean> {
    this.busy = true;
    this.error = '';
    this.message = '';
    try {
      const existing = target.kind === 'existing' ? this.vaults.find((v) => v.id === target.id) : undefined;
      if (target.kind === 'existing' && !existing) {
        this.error = 'That vault is no longer here (was it removed in another tab?). Nothing was imported.';
        return false;
      }
      if (!existing && this.vaults.length >= LIMITS.vaults) {
        this.error = `You already have ${LIMITS.vaults} vaults, the most the app keeps. Remove one or import into an existing vault. Nothing was imported.`;
        return false;
      }
      if (read.notes.length === 0 && read.images.length === 0) {
        const why = read.skipped.length ? ` (${read.skipped.length} skipped: ${read.skipped[0]?.path} ${read.skipped[0]?.reason}${read.skipped.length > 1 ? ', …' : ''})` : '';
        this.error = `No markdown notes to import${why}. Nothing was imported.`;
        return false;
      }
      const name = existing ? existing.name : cleanVaultName(target.kind === 'new' ? target.name : '');
      const id = existing ? existing.id : vaultIdFor(name, this.vaults.map((v) => v.id));
      // The parser is loaded here, for the first time in this visit.
      const { importVault } = await import('../lib/library/import-vault.ts');
      const { vault, report } = importVault({
        id,
        name,
        ...(existing ? { existing } : {}),
        notes: read.notes,
        images: read.images,
        skipped: read.skipped,
        hidden: read.hidden,
        removeMissing: Boolean(existing) && removeMissing,
        now,
      });
      if (vault.files.length === 0) {
        this.error = `None of these notes could be kept (${report.skipped[0]?.reason ?? 'no notes'}). Nothing was imported.`;
        return false;
      }
      try {
        await saveOwnVault(this.#db, vault);
      } catch (error) {
        this.error = writeFailureMessage(error, `the notes of “${name}”`);
        return false;
      }
      lastImport = { vaultName: name, report };
      this.last = lastImport;
      await this.#changed();
      return true;
    } catch (error) {
      this.error = `The import failed and nothing was changed: ${(error as Error).message}`;
      return false;
    } finally {
      this.busy = false;
    }
  }

  async remove(id: string): Promise<boolean> {
    const vault = this.vaults.find((v) => v.id === id);
    this.busy = true;
    this.error = '';
    try {
      await removeOwnVault(this.#db, id);
      lastImport = null;
      this.last = null;
      this.message = `Removed “${vault?.name ?? id}”.`;
      carried = { message: this.message, at: Date.now() };
      await this.#changed();
      return true;
    } catch (error) {
      this.error = writeFailureMessage(error, 'the removal');
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** How many of a vault's cards have been studied (have a review), for the removal question. */
  async studiedCards(cardIds: readonly string[]): Promise<number> {
    if (cardIds.length === 0) return 0;
    const rows = await this.#db.progress.where('cardId').anyOf([...cardIds]).toArray();
    return rows.filter((p) => p.memory.reps > 0).length;
  }
}
