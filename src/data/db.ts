/**
 * The one IndexedDB database, through Dexie. Rows are the domain objects of
 * `src/lib/srs` as they are (dates as epoch ms), so no mapping layer is needed.
 *
 * Schema versions: each `version(n)` stays in this file forever; a change adds
 * `version(n + 1)` with an upgrade, and `tests/unit/data/upgrade.test.ts`
 * opens data written by every earlier version.
 */
import Dexie, { type Table } from 'dexie';
import type { OwnVault } from '../lib/library/types.ts';
import type { CardProgress, ReviewRecord } from '../lib/srs/types.ts';

export interface SettingRow {
  key: string;
  value: unknown;
}

export const DB_NAME = 'vaultcards';

/** Version 1's stores, kept verbatim: the upgrade test writes data in this layout. */
export const SCHEMA_V1 = {
  progress: '&cardId, memory.due, retired',
  reviews: '&uid, cardId, review, [cardId+review]',
  settings: '&key',
} as const;

/** Version 2 adds the learner's own notes: one row per imported vault. */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  vaults: '&id',
} as const;

export class VaultcardsDB extends Dexie {
  progress!: Table<CardProgress, string>;
  reviews!: Table<ReviewRecord, string>;
  settings!: Table<SettingRow, string>;
  vaults!: Table<OwnVault, string>;

  constructor(name = DB_NAME) {
    super(name);
    this.version(1).stores(SCHEMA_V1);
    // A new table only: rows of version 1 stay as they are, so no upgrade function is needed.
    this.version(2).stores(SCHEMA_V2);
  }
}

let shared: VaultcardsDB | null = null;

/** The app's database, opened on first use. Tests make their own with a fresh name. */
export function appDb(): VaultcardsDB {
  shared ??= new VaultcardsDB();
  return shared;
}
