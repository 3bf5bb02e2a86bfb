/**
 * Drills this browser made, kept in the settings table: the drill, its code
 * (for the link), when it was made, and the results collected for it. Every
 * read re-validates what is stored, so a damaged entry or result reads as none
 * instead of breaking the instructor's screens.
 */
import { drillSchema, resultSchema, type Drill, type DrillResult } from '../lib/drills/index.ts';
import type { VaultcardsDB } from './db.ts';

export const CREATED_KEY = 'drills-created';

export interface CreatedDrill {
  drill: Drill;
  /** The drill code (`d1.…`), as put in the link. */
  code: string;
  /** Epoch ms. */
  createdAt: number;
  results: DrillResult[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One stored entry, or null when it is not a valid one; results that fail validation are dropped one by one. */
export function parseCreatedEntry(value: unknown): CreatedDrill | null {
  if (!isRecord(value)) return null;
  const drill = drillSchema.safeParse(value.drill);
  if (!drill.success || typeof value.code !== 'string' || value.code === '') return null;
  const createdAt = typeof value.createdAt === 'number' && Number.isFinite(value.createdAt) ? value.createdAt : drill.data.createdAt;
  const results: DrillResult[] = [];
  for (const r of Array.isArray(value.results) ? value.results : []) {
    const parsed = resultSchema.safeParse(r);
    if (parsed.success && parsed.data.drillId === drill.data.id) results.push(parsed.data);
  }
  return { drill: drill.data, code: value.code, createdAt, results };
}

/** The drills made here, newest first; anything damaged reads as none. */
export async function loadCreatedDrills(db: VaultcardsDB): Promise<CreatedDrill[]> {
  const row = await db.settings.get(CREATED_KEY);
  if (!Array.isArray(row?.value)) return [];
  const seen = new Set<string>();
  const entries: CreatedDrill[] = [];
  for (const value of row.value) {
    const entry = parseCreatedEntry(value);
    if (entry && !seen.has(entry.drill.id)) {
      seen.add(entry.drill.id);
      entries.push(entry);
    }
  }
  return entries.sort((a, b) => b.createdAt - a.createdAt);
}

/** Adds a drill (or replaces the one with the same id, keeping its results). */
export async function saveCreatedDrill(db: VaultcardsDB, entry: CreatedDrill): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const entries = await loadCreatedDrills(db);
    const old = entries.find((e) => e.drill.id === entry.drill.id);
    const kept = entries.filter((e) => e.drill.id !== entry.drill.id);
    const results = old ? [...old.results, ...entry.results.filter((r) => !old.results.some((o) => o.checksum === r.checksum))] : entry.results;
    await db.settings.put({ key: CREATED_KEY, value: [{ ...entry, results }, ...kept] });
  });
}

/**
 * Appends results to a drill made here, in one transaction; returns the
 * drill's results after the change, or null when no such drill is stored.
 */
export async function addResults(db: VaultcardsDB, drillId: string, results: readonly DrillResult[]): Promise<DrillResult[] | null> {
  return db.transaction('rw', db.settings, async () => {
    const entries = await loadCreatedDrills(db);
    const entry = entries.find((e) => e.drill.id === drillId);
    if (!entry) return null;
    const fresh = results.filter((r) => r.drillId === drillId && resultSchema.safeParse(r).success);
    entry.results = [...entry.results, ...fresh];
    await db.settings.put({ key: CREATED_KEY, value: entries });
    return entry.results;
  });
}
