/**
 * The sandbox in IndexedDB: its whole state (saved JSON, checked on load) and
 * the learner's lab completions, both in the settings table. The state has
 * its own export file; lab completions travel with the progress file.
 */
import type { VaultcardsDB } from './db.ts';

export const SANDBOX_STATE_KEY = 'sandbox-state';
export const SANDBOX_LABS_KEY = 'sandbox-labs';

/** What a learner did in a lab: when it was first completed. */
export interface LabRecord {
  completedAt: number;
}

export type LabRecords = Record<string, LabRecord>;

/** The saved sandbox JSON, or undefined when none was saved. Not checked here: the engine's loader checks it. */
export async function loadSandboxJson(db: VaultcardsDB): Promise<unknown> {
  return (await db.settings.get(SANDBOX_STATE_KEY))?.value;
}

export async function saveSandboxJson(db: VaultcardsDB, json: unknown): Promise<void> {
  await db.settings.put({ key: SANDBOX_STATE_KEY, value: json });
}

export async function clearSandboxJson(db: VaultcardsDB): Promise<void> {
  await db.settings.delete(SANDBOX_STATE_KEY);
}

export function isLabRecords(value: unknown): value is LabRecords {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every(
    (r) => typeof r === 'object' && r !== null && typeof (r as { completedAt?: unknown }).completedAt === 'number',
  );
}

/** Lab completions; a damaged value reads as none rather than breaking the screen. */
export async function loadLabRecords(db: VaultcardsDB): Promise<LabRecords> {
  const value = (await db.settings.get(SANDBOX_LABS_KEY))?.value;
  return isLabRecords(value) ? value : {};
}

/** Marks a lab completed (the first completion time is kept). */
export async function recordLabCompleted(db: VaultcardsDB, labId: string, at: number): Promise<LabRecords> {
  return db.transaction('rw', db.settings, async () => {
    const records = await loadLabRecords(db);
    if (!records[labId]) records[labId] = { completedAt: at };
    await db.settings.put({ key: SANDBOX_LABS_KEY, value: records });
    return records;
  });
}
