import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { SCHEMA_V1, VaultcardsDB } from '../../../src/data/db.ts';
import { commitGrade, loadProgress, loadSettings, recordGrade, reviewsSince, saveSettings, setSuspended, syncCards, undoGrade } from '../../../src/data/progress.ts';
import { exportProgress, importProgress, parseProgressFile, type ProgressFile } from '../../../src/data/progress-file.ts';
import { createScheduler } from '../../../src/lib/srs/scheduler.ts';
import { DEFAULT_SRS_SETTINGS, type Grade } from '../../../src/lib/srs/types.ts';
import { closeDbs, freshDb } from './fresh-db.ts';

const T0 = Date.UTC(2026, 0, 5, 9);
const MIN = 60_000;
const DAY = 86_400_000;
const scheduler = createScheduler(DEFAULT_SRS_SETTINGS);

afterEach(closeDbs);

async function study(db: VaultcardsDB, plan: [string, Grade, number][]): Promise<void> {
  for (const [card, grade, at] of plan) await recordGrade(db, scheduler, card, grade, at);
}

const withoutTime = (file: ProgressFile) => ({ ...file, exportedAt: 0 });

describe('progress repository', () => {
  it('writes progress and its review log together, and they survive reopening', async () => {
    const db = freshDb();
    const { progress, record } = await recordGrade(db, scheduler, 'card-a', 3, T0, 4200);
    expect(progress.memory.state).toBe('learning');
    expect(record).toMatchObject({ uid: `card-a@${T0}`, cardId: 'card-a', grade: 3, durationMs: 4200 });
    db.close();
    const again = freshDb(db.name);
    expect((await loadProgress(again)).get('card-a')).toEqual(progress);
    expect(await reviewsSince(again, T0 - DAY)).toEqual([record]);
  });

  it('keeps both reviews when two tabs grade the same card in the same millisecond', async () => {
    const db = freshDb();
    const tabA = freshDb(db.name);
    const tabB = freshDb(db.name);
    await Promise.all([recordGrade(tabA, scheduler, 'card-a', 3, T0), recordGrade(tabB, scheduler, 'card-a', 3, T0)]);
    const logs = await reviewsSince(db, 0);
    expect(logs).toHaveLength(2);
    expect(new Set(logs.map((l) => l.uid)).size).toBe(2);
    expect((await loadProgress(db)).get('card-a')?.memory.reps).toBe(2);
  });

  it('stores a grade computed ahead of the write, and reschedules it if another tab graded the card first', async () => {
    const db = freshDb();
    const start = (await loadProgress(db)).get('card-a') ?? (await import('../../../src/lib/srs/scheduler.ts')).newProgress('card-a', T0);
    const applied = scheduler.grade(start, 3, T0 + MIN);
    await recordGrade(db, scheduler, 'card-a', 1, T0); // the other tab, first
    const stored = await commitGrade(db, scheduler, start, applied);
    expect(stored.rescheduled).toBe(true);
    expect(stored.progress.memory.reps).toBe(2);
    expect((await reviewsSince(db, 0)).map((r) => r.grade)).toEqual([1, 3]);
    // Without interference the computed grade is stored as it is.
    const next = scheduler.grade(stored.progress, 3, T0 + 20 * MIN);
    expect(await commitGrade(db, scheduler, stored.progress, next)).toEqual({ ...next, rescheduled: false });
    expect((await loadProgress(db)).get('card-a')).toEqual(next.progress);
  });

  it('undoes the latest grade of a card exactly, and refuses to rewrite an older one', async () => {
    const db = freshDb();
    const first = await recordGrade(db, scheduler, 'card-a', 3, T0);
    const second = await recordGrade(db, scheduler, 'card-a', 3, T0 + 10 * MIN);
    expect(await undoGrade(db, scheduler, first.record.uid)).toBeNull();
    expect(await undoGrade(db, scheduler, second.record.uid)).toEqual(first.progress);
    expect((await loadProgress(db)).get('card-a')).toEqual(first.progress);
    expect((await reviewsSince(db, 0)).map((r) => r.uid)).toEqual([first.record.uid]);
    expect(await undoGrade(db, scheduler, 'no-such@1')).toBeNull();
  });

  it('suspends and unsuspends', async () => {
    const db = freshDb();
    expect((await setSuspended(db, 'card-a', true, T0)).suspended).toBe(true);
    expect((await loadProgress(db)).get('card-a')?.suspended).toBe(true);
    expect((await setSuspended(db, 'card-a', false, T0)).suspended).toBe(false);
  });

  it('retires cards that are no longer generated, keeping their history, and revives them', async () => {
    const db = freshDb();
    await study(db, [['card-a', 3, T0], ['card-b', 3, T0]]);
    expect(await syncCards(db, ['card-b', 'card-c'])).toMatchObject({ retired: 1, revived: 0 });
    const progress = await loadProgress(db);
    expect(progress.get('card-a')?.retired).toBe(true);
    expect(progress.get('card-b')?.retired).toBe(false);
    expect(progress.has('card-c')).toBe(false);
    expect((await reviewsSince(db, 0)).map((r) => r.cardId).sort()).toEqual(['card-a', 'card-b']);
    const revived = await syncCards(db, ['card-a', 'card-b']);
    expect(revived).toMatchObject({ retired: 0, revived: 1 });
    expect(revived.progress).toEqual(await loadProgress(db));
  });

  it('stores settings with defaults for what is missing', async () => {
    const db = freshDb();
    expect(await loadSettings(db)).toEqual(DEFAULT_SRS_SETTINGS);
    await saveSettings(db, { ...DEFAULT_SRS_SETTINGS, newPerDay: 5 });
    expect((await loadSettings(db)).newPerDay).toBe(5);
  });
});

describe('progress file', () => {
  async function seeded(): Promise<VaultcardsDB> {
    const db = freshDb();
    await study(db, [['card-a', 3, T0], ['card-a', 3, T0 + 10 * MIN], ['card-b', 1, T0 + MIN], ['card-a', 4, T0 + 3 * DAY]]);
    await setSuspended(db, 'card-c', true, T0);
    await saveSettings(db, { ...DEFAULT_SRS_SETTINGS, newPerDay: 7 });
    return db;
  }

  it('round-trips: export, import into an empty database, export again gives the same file', async () => {
    const source = await seeded();
    const file = await exportProgress(source, T0);
    expect(file.reviews).toHaveLength(4);
    const text = JSON.stringify(file);
    const parsed = await parseProgressFile(text);
    expect(parsed.ok).toBe(true);
    const target = freshDb();
    await importProgress(target, (parsed as { file: ProgressFile }).file, 'replace', scheduler);
    expect(withoutTime(await exportProgress(target, T0 + 1))).toEqual(withoutTime(file));
  });

  it('replace makes the database equal to the file, dropping what was there', async () => {
    const target = await seeded();
    const other = freshDb();
    await study(other, [['card-z', 3, T0]]);
    const file = await exportProgress(other, T0);
    await importProgress(target, file, 'replace', scheduler);
    expect([...(await loadProgress(target)).keys()]).toEqual(['card-z']);
    expect(await loadSettings(target)).toEqual(DEFAULT_SRS_SETTINGS);
  });

  it('merge unions review logs and reschedules from the combined history', async () => {
    const phone = freshDb();
    const laptop = freshDb();
    await study(phone, [['card-a', 3, T0], ['card-a', 3, T0 + 10 * MIN]]);
    await study(laptop, [['card-a', 3, T0 + 2 * DAY], ['card-b', 3, T0]]);
    await saveSettings(laptop, { ...DEFAULT_SRS_SETTINGS, newPerDay: 3 });
    const summary = await importProgress(laptop, await exportProgress(phone, T0), 'merge', scheduler);
    expect(summary).toMatchObject({ reviewsAdded: 2, cardsReplayed: 1 });
    const logs = await reviewsSince(laptop, 0);
    expect(logs.filter((l) => l.cardId === 'card-a').map((l) => l.review)).toEqual([T0, T0 + 10 * MIN, T0 + 2 * DAY]);
    const a = (await loadProgress(laptop)).get('card-a');
    expect(a?.memory.reps).toBe(3);
    expect(a?.memory.lastReview).toBe(T0 + 2 * DAY);
    expect((await loadProgress(laptop)).get('card-b')?.memory.reps).toBe(1);
    expect((await loadSettings(laptop)).newPerDay).toBe(3);
    // Merging the same file again changes nothing.
    const before = withoutTime(await exportProgress(laptop, T0));
    expect((await importProgress(laptop, await exportProgress(phone, T0), 'merge', scheduler)).reviewsAdded).toBe(0);
    expect(withoutTime(await exportProgress(laptop, T0))).toEqual(before);
  });

  it.each([
    ['not JSON', 'hello', /not valid JSON/],
    ['truncated', '{"format":"vaultcards-progress","version":1,"exportedAt":1,"progress":[', /truncated/],
    ['another format', '{"format":"anki","version":1}', /not a Vaultcards backup file/],
    ['a future version', '{"format":"vaultcards-progress","version":3,"exportedAt":1,"progress":[],"reviews":[],"settings":[],"vaults":[]}', /newer version of Vaultcards \(file version 3\)/],
    ['a bad row', '{"format":"vaultcards-progress","version":1,"exportedAt":1,"progress":[{"cardId":"x","memory":{"due":1,"stability":1,"difficulty":1,"elapsedDays":0,"scheduledDays":0,"learningSteps":0,"reps":-1,"lapses":0,"state":"new","lastReview":null},"suspended":false,"leech":false,"retired":false,"addedAt":1}],"reviews":[],"settings":[]}', /progress\[0\]\.memory\.reps/],
    ['an unknown field', '{"format":"vaultcards-progress","version":1,"exportedAt":1,"progress":[],"reviews":[],"settings":[],"extra":true}', /damaged/],
  ])('refuses %s with a clear message', async (_name, text, message) => {
    const result = await parseProgressFile(text);
    expect(result.ok).toBe(false);
    expect((result as { message: string }).message).toMatch(message);
  });

  it('refuses a file with a forged duplicate review and changes nothing', async () => {
    const db = await seeded();
    const file = await exportProgress(db, T0);
    const before = withoutTime(file);
    const forged = { ...file, reviews: [...file.reviews, file.reviews[0]] };
    expect(await parseProgressFile(JSON.stringify(forged))).toMatchObject({ ok: false, message: expect.stringMatching(/appears twice/) });
    expect(withoutTime(await exportProgress(db, T0))).toEqual(before);
  });
});

describe('schema upgrades', () => {
  it('opens data written with schema version 1', async () => {
    const name = `upgrade-${Date.now()}-${Math.random()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    const source = freshDb();
    await study(source, [['card-a', 3, T0], ['card-a', 1, T0 + 10 * MIN]]);
    const file = await exportProgress(source, T0);
    await v1.table('progress').bulkAdd(file.progress);
    await v1.table('reviews').bulkAdd(file.reviews);
    await v1.table('settings').add({ key: 'srs', value: { ...DEFAULT_SRS_SETTINGS, newPerDay: 9 } });
    v1.close();

    const current = freshDb(name);
    expect(withoutTime(await exportProgress(current, T0))).toEqual(withoutTime({ ...file, settings: [{ key: 'srs', value: { ...DEFAULT_SRS_SETTINGS, newPerDay: 9 } }] }));
    expect(await undoGrade(current, scheduler, file.reviews.at(-1)!.uid)).not.toBeNull();
  });
});
