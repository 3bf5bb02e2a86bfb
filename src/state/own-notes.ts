/**
 * Loading the learner's own vaults at startup (only when there are some): read
 * from IndexedDB, compiled again when the app's notes pipeline has changed
 * since they were stored (the parser is loaded only then), and summarised for
 * the topics screens (names, images).
 */
import { appDb, type VaultcardsDB } from '../data/db.ts';
import { loadOwnVaults, saveOwnVault } from '../data/own-vaults.ts';
import { PARSER_VERSION, type OwnVault } from '../lib/library/types.ts';

/** What the topics screens need of an own vault besides its notes. */
export interface OwnVaultSummary {
  id: string;
  name: string;
  /** Images by lower-cased path and by lower-cased file name (how `![[x.png]]` finds them). */
  images: Record<string, string>;
}

export function summarize(vault: OwnVault): OwnVaultSummary {
  const images: Record<string, string> = {};
  for (const a of vault.attachments) {
    const path = a.path.toLowerCase();
    images[path] = a.dataUrl;
    images[path.split('/').pop() ?? path] ??= a.dataUrl;
  }
  return { id: vault.id, name: vault.name, images };
}

export async function loadAppOwnVaults(db: VaultcardsDB = appDb()): Promise<OwnVault[]> {
  const vaults = await loadOwnVaults(db);
  const out: OwnVault[] = [];
  for (const vault of vaults) {
    if (vault.parser === PARSER_VERSION) {
      out.push(vault);
      continue;
    }
    const { recompile } = await import('../lib/library/import-vault.ts');
    const fresh = recompile(vault);
    // A failed write (a full disk) only means compiling again next time.
    await saveOwnVault(db, fresh).catch(() => undefined);
    out.push(fresh);
  }
  return out;
}
