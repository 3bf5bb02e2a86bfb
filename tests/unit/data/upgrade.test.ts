/**
 * Every earlier schema version, with data in it, opens under the current one
 * (version 2, which added own vaults) with nothing lost. Version 1's layout is
 * written with a raw Dexie from the stores kept verbatim in db.ts.
 */
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { SCHEMA_V1, VaultcardsDB } from '../../../src/data/db.ts';
import { loadOwnVaults, saveOwnVault } from '../../../src/data/own-vaults.ts';
import { recordGrade } from '../../../src/data/progress.ts';
import { exportProgress } from '../../../src/data/progress-file.ts';
import { importVault } from '../../../src/lib/library/import-vault.ts';
import { createScheduler } from '../../../src/lib/srs/scheduler.ts';
import { DEFAULT_SRS_SETTINGS } from '../../../src/lib/srs/types.ts';

const T0 = Date.UTC(2026, 0, 5, 9);
const names: string[] = [];
const opened: Dexie[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) db.close();
  for (const name of names.splice(0)) await Dexie.delete(name);
});

describe('schema version 1 → 2', () => {
  it('keeps progress, reviews and every kind of setting, and gains the own-vaults table', async () => {
    const name = `upgrade-v1-${Math.random()}`;
    names.push(name);
    // Data as version 1 stored it, made with the current code in a scratch database.
    const scratch = new VaultcardsDB(`${name}-scratch`);
    names.push(scratch.name);
    opened.push(scratch);
    const scheduler = createScheduler(DEFAULT_SRS_SETTINGS);
    for (let i = 0; i < 30; i++) await recordGrade(scratch, scheduler, `card-${i % 7}`, ((i % 4) + 1) as 1 | 2 | 3 | 4, T0 + i * 3_600_000);
    const progress = await scratch.progress.toArray();
    const reviews = await scratch.reviews.toArray();
    const settings = [
      { key: 'srs', value: { ...DEFAULT_SRS_SETTINGS, newPerDay: 9 } },
      { key: 'exam', value: { examDay: T0 + 86_400_000 * 30 } },
      { key: 'quiz-history', value: [{ at: T0, score: 1, total: 2, questions: [] }] },
      { key: 'sandbox-labs', value: { 'compliance-lock': { completedAt: T0 } } },
      { key: 'sandbox-state', value: { accountId: '111111111111', state: { version: 1 } } },
    ];

    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    await v1.table('progress').bulkAdd(progress);
    await v1.table('reviews').bulkAdd(reviews);
    await v1.table('settings').bulkAdd(settings);
    v1.close();

    const current = new VaultcardsDB(name);
    opened.push(current);
    const file = await exportProgress(current, T0);
    expect(file.progress).toEqual(progress);
    expect(file.reviews).toEqual(reviews);
    expect(file.settings).toEqual([...settings].sort((a, b) => a.key.localeCompare(b.key)));
    expect(file.vaults).toEqual([]);
    expect(current.verno).toBe(2);
    // The new table works on the upgraded database.
    const { vault } = importVault({ id: 'mine', name: 'Mine', notes: [{ path: 'a.md', text: '# A\n\n- a fact\n' }], images: [], skipped: [], removeMissing: false, now: T0 });
    await saveOwnVault(current, vault);
    expect((await loadOwnVaults(current)).map((v) => v.id)).toEqual(['mine']);
    // And grading goes on from the stored state.
    const next = await recordGrade(current, scheduler, 'card-0', 3, T0 + 40 * 3_600_000);
    expect(next.progress.memory.reps).toBe(progress.find((p) => p.cardId === 'card-0')!.memory.reps + 1);
  });
});
