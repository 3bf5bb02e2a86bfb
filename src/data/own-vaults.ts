/**
 * The learner's own notes in IndexedDB: one row per vault (sources, images and
 * the compiled notes). Startup reads this table only when the light
 * `hasOwnVaults` flag in localStorage says there is something to read, so the
 * first screen of a learner without own notes never waits for IndexedDB.
 */
import type { OwnVault } from '../lib/library/types.ts';
import type { VaultcardsDB } from './db.ts';

const FLAG = 'vaultcards.own-vaults';

/** Whether the last write left own vaults in the database (a hint: the table is the truth). */
export function hasOwnVaultsHint(): boolean {
  try {
    return localStorage.getItem(FLAG) === '1';
  } catch {
    return false;
  }
}

export function setOwnVaultsHint(present: boolean): void {
  try {
    if (present) localStorage.setItem(FLAG, '1');
    else localStorage.removeItem(FLAG);
  } catch {
    // Storage blocked: startup will read the table anyway when it is told to.
  }
}

/** Every own vault, in name order. */
export async function loadOwnVaults(db: VaultcardsDB): Promise<OwnVault[]> {
  const vaults = await db.vaults.toArray();
  setOwnVaultsHint(vaults.length > 0);
  return vaults.sort((a, b) => a.name.localeCompare(b.name));
}

/** Writes a vault whole (a new one or a re-import), in one transaction. */
export async function saveOwnVault(db: VaultcardsDB, vault: OwnVault): Promise<void> {
  await db.transaction('rw', db.vaults, async () => {
    await db.vaults.put(vault);
  });
  setOwnVaultsHint(true);
}

/**
 * Removes a vault's notes. Card progress and review logs stay: the cards are
 * retired when the screens next load (see `syncCards`) and come back with their
 * history if the same notes are imported again into a vault of the same name.
 */
export async function removeOwnVault(db: VaultcardsDB, id: string): Promise<void> {
  const left = await db.transaction('rw', db.vaults, async () => {
    await db.vaults.delete(id);
    return db.vaults.count();
  });
  setOwnVaultsHint(left > 0);
}
