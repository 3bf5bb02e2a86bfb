/**
 * Test-only: databases of their own for each test. `freshDb` opens one and
 * remembers it; `closeDbs` (an `afterEach` in each test file) closes and
 * deletes them all.
 */
import Dexie from 'dexie';
import { VaultcardsDB } from '../../../src/data/db.ts';

const open: VaultcardsDB[] = [];
let counter = 0;

export function freshDb(name = `test-${Date.now()}-${counter++}`): VaultcardsDB {
  const db = new VaultcardsDB(name);
  open.push(db);
  return db;
}

export async function closeDbs(): Promise<void> {
  for (const db of open.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
}
