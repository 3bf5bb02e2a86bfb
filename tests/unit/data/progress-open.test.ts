/**
 * Opening the review screen reads only the rows due today (`openStudyDay`),
 * the rest after the first card (`readProgressRows`), reconciling each part
 * (`reconcileStoredCards`). Together they must leave the database and the
 * screen's progress as the old whole-table `syncCards` did.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VaultcardsDB } from '../../../src/data/db.ts';
import {
  loadProgress,
  loadSettings,
  openStudyDay,
  readProgressRows,
  reconcileStoredCards,
  recordGrade,
  reviewsSince,
  saveSettings,
  syncCards,
} from '../../../src/data/progress.ts';
import { endOfStudyDay, startOfStudyDay } from '../../../src/lib/srs/queue.ts';
import { createScheduler, newProgress } from '../../../src/lib/srs/scheduler.ts';
import { DEFAULT_SRS_SETTINGS, type CardProgress, type CardStateName } from '../../../src/lib/srs/types.ts';
import { createRng } from '../../../bench/prng.ts';
import { closeDbs, freshDb } from './fresh-db.ts';

const T0 = Date.UTC(2026, 0, 5, 9);
const DAY = 86_400_000;
const DAY_START = startOfStudyDay(T0, 0);
const DUE_BY = endOfStudyDay(DAY_START);
const scheduler = createScheduler(DEFAULT_SRS_SETTINGS);
afterEach(async () => {
  vi.restoreAllMocks();
  await closeDbs();
});

function row(cardId: string, state: CardStateName, due: number, flags: Partial<CardProgress> = {}): CardProgress {
  const base = newProgress(cardId, T0 - 30 * DAY);
  return { ...base, memory: { ...base.memory, state, due, reps: state === 'new' ? 0 : 3 }, ...flags };
}

/** Stored rows and the card ids generated now: studied cards, retired ones, ones that left the notes, new ones. */
function randomCase(seed: number): { rows: CardProgress[]; cardIds: string[] } {
  const random = createRng(seed).next;
  const rows: CardProgress[] = [];
  const cardIds: string[] = [];
  for (let i = 0; i < 40 + Math.floor(random() * 80); i++) {
    const id = `card-${Math.floor(random() * 1e6).toString(36)}-${i}`;
    const stored = random() < 0.7;
    const generated = random() < 0.85;
    if (generated) cardIds.push(id);
    if (!stored) continue;
    const state = (['new', 'learning', 'review', 'relearning'] as const)[Math.floor(random() * 4)] as CardStateName;
    // Due from ten days ago to twenty days ahead; now and then exactly at the day's end, or no due date IndexedDB can index.
    const due = random() < 0.05 ? DUE_BY : random() < 0.03 ? Number.NaN : T0 + Math.floor((random() - 0.33) * 30 * DAY);
    rows.push(row(id, state, due, { retired: random() < 0.25, suspended: random() < 0.1 }));
  }
  return { rows, cardIds };
}

async function seed(db: VaultcardsDB, rows: CardProgress[]): Promise<void> {
  await db.progress.bulkAdd(rows);
  await saveSettings(db, { ...DEFAULT_SRS_SETTINGS, newPerDay: 7 });
  await recordGrade(db, scheduler, 'graded-today', 3, T0 - 60_000);
  await recordGrade(db, scheduler, 'graded-yesterday', 3, DAY_START - 60_000);
}

/** What the review screen does: the rows due today first, then the rest a chunk at a time, then the whole map. */
async function openInParts(db: VaultcardsDB, cardIds: string[], chunkSize: number) {
  const day = await openStudyDay(db, new Set(cardIds), DAY_START, DUE_BY);
  const rest: CardProgress[] = [];
  for await (const chunk of readProgressRows(db, [...day.unread], chunkSize)) rest.push(...chunk);
  const reconciled = await reconcileStoredCards(db, new Set(cardIds), rest);
  const progress = new Map(day.progress);
  for (const r of rest) progress.set(r.cardId, r);
  for (const r of reconciled.updated) progress.set(r.cardId, r);
  return { day, rest, progress, retired: day.retired + reconciled.retired, revived: day.revived + reconciled.revived };
}

describe('openStudyDay', () => {
  it('reads every key, only the rows due by the end of the day, the settings and today\'s records, in one go', async () => {
    const db = freshDb();
    const { rows, cardIds } = randomCase(1);
    // Reconciliation aside: every stored card is generated and nothing is retired.
    const plain = rows.map((r) => ({ ...r, retired: false }));
    await seed(db, plain);
    const ids = [...new Set([...cardIds, ...plain.map((r) => r.cardId), 'graded-today', 'graded-yesterday'])];
    const day = await openStudyDay(db, new Set(ids), DAY_START, DUE_BY);
    const all = await loadProgress(db);
    const due = [...all.values()].filter((r) => r.memory.due <= DUE_BY);
    expect(day.progress).toEqual(new Map(due.map((r) => [r.cardId, r])));
    // In key order, as readProgressRows wants them.
    expect([...day.unread]).toEqual([...all.keys()].filter((id) => !day.progress.has(id)).sort());
    expect(day.unread.size).toBeGreaterThan(10);
    expect([...day.unread].every((id) => !(all.get(id)!.memory.due <= DUE_BY))).toBe(true);
    expect(day.dueBy).toBe(DUE_BY);
    expect(day.settings).toEqual(await loadSettings(db));
    expect(day.records).toEqual(await reviewsSince(db, DAY_START));
    expect(day.records.map((r) => r.cardId)).toEqual(['graded-today']);
    expect({ retired: day.retired, revived: day.revived }).toEqual({ retired: 0, revived: 0 });
  });

  it('opens nothing for writing when there is nothing to reconcile', async () => {
    const db = freshDb();
    await db.progress.bulkAdd([row('a', 'review', T0), row('b', 'review', T0 + 9 * DAY, { retired: true })]);
    const transaction = vi.spyOn(db, 'transaction');
    // 'b' is generated again but not read yet (due after today): it is revived with the rest.
    // A Map by card id will do as well as a set of ids.
    const day = await openStudyDay(db, new Map([['a', 1], ['b', 2]]), DAY_START, DUE_BY);
    expect([...day.unread]).toEqual(['b']);
    expect(transaction.mock.calls.map((call) => call[0])).toEqual(['r']);
  });

  it('gives what syncCards gives, database and progress, on 60 random vaults read in random chunks', async () => {
    for (let n = 0; n < 60; n++) {
      const { rows, cardIds } = randomCase(100 + n);
      const whole = freshDb();
      const parts = freshDb();
      await seed(whole, rows);
      await seed(parts, rows);
      const expected = await syncCards(whole, cardIds);
      const got = await openInParts(parts, cardIds, 1 + (n % 9) * 4);
      expect(got.progress, `vault ${n}`).toEqual(expected.progress);
      expect(await parts.progress.toArray(), `vault ${n}`).toEqual(await whole.progress.toArray());
      expect({ retired: got.retired, revived: got.revived }, `vault ${n}`).toEqual({ retired: expected.retired, revived: expected.revived });
      // The rows due today came back reconciled already: the first queue sees revived cards.
      for (const [id, p] of got.day.progress) expect(p, `vault ${n}, ${id}`).toEqual(expected.progress.get(id));
      expect(new Set(got.rest.map((r) => r.cardId))).toEqual(new Set(got.day.unread));
    }
  });
});

describe('readProgressRows', () => {
  it('reads just the rows asked for, in chunks, skipping ids with no row', async () => {
    const db = freshDb();
    await db.progress.bulkAdd(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => row(id, 'review', T0)));
    const chunks: string[][] = [];
    for await (const chunk of readProgressRows(db, ['a', 'c', 'cc', 'd', 'g'], 2)) chunks.push(chunk.map((r) => r.cardId));
    expect(chunks).toEqual([['a', 'c'], ['d'], ['g']]);
  });
});

describe('reconcileStoredCards', () => {
  it('writes only what another tab has not written already, and hands back the rows as stored', async () => {
    const db = freshDb();
    const a = row('a', 'review', T0);
    const b = row('b', 'review', T0, { retired: true });
    await db.progress.bulkAdd([a, b, row('c', 'review', T0)]);
    // Another tab revives 'b' between this tab's read and its write.
    await db.progress.put({ ...b, retired: false });
    const result = await reconcileStoredCards(db, new Set(['b', 'c']), [a, b]);
    expect(result.retired).toBe(1);
    expect(result.revived).toBe(0);
    expect(result.updated).toEqual([{ ...a, retired: true }, { ...b, retired: false }]);
    expect(await loadProgress(db)).toEqual(new Map([['a', { ...a, retired: true }], ['b', { ...b, retired: false }], ['c', row('c', 'review', T0)]]));
  });
});
