/**
 * Bench page `queue.html`: `window.benchQueue()` times today's study queue on
 * the seeded IndexedDB, two ways, each against a baseline timed alternately
 * with it (baseline, measured, baseline, measured…) so both see the same load:
 *
 * - `read`: what the review screen awaits before its first card, on an open
 *   connection: `openStudyDay` (one read-only transaction: every progress
 *   key, the rows due by the day's end through the `memory.due` index, the
 *   settings, today's records; a read-write one only for reconciliation
 *   changes), then `countToday`, `buildQueue` and `unreadCannotChange`; when
 *   that says the rest could change the queue, the screen waits for the rest
 *   too, and so does this. Baseline: every row the screen ends up reading,
 *   the plainest way, raw IndexedDB without Dexie: one read-only transaction
 *   with `getAll()` of the progress store, `get` of the settings row and
 *   `getAll` of the reviews index since the day's start.
 * - `readRest`: what the screen reads after its first card is shown (the
 *   other rows, `readProgressRows` a chunk a task, and `reconcileStoredCards`),
 *   start to end, pauses included.
 * - `samples`: `buildQueue` alone on data already in memory, with the
 *   arguments the screen passes. Baseline: a plain loop over the same progress
 *   rows counting the due ones, averaged over 20 loops per sample (one loop
 *   is below the 0.1 ms resolution of `performance.now()` here).
 */
import vault from 'virtual:vaultcards/notes';
import { generateCards } from '../src/lib/cards/generate.ts';
import { DB_NAME, VaultcardsDB } from '../src/data/db.ts';
import { loadProgress, loadSettings, openStudyDay, readProgressRows, reconcileStoredCards, reviewsSince, SRS_KEY } from '../src/data/progress.ts';
import { buildQueue, countToday, endOfStudyDay, startOfStudyDay, unreadCannotChange, type StudyQueue } from '../src/lib/srs/queue.ts';
import type { CardProgress } from '../src/lib/srs/types.ts';

export interface QueueResult {
  cards: number;
  progressRows: number;
  todayRecords: number;
  counts: StudyQueue['counts'];
  /** ms per buildQueue call. */
  samples: number[];
  /** ms per plain scan of the progress rows for due ones (mean of `SCAN_BATCH` scans). */
  scanBaseline: number[];
  /** ms per countToday + buildQueue: what the screen's `queue` derivation recomputes. */
  withCountToday: number[];
  /** ms per read from IndexedDB + queue, as the review screen does it. */
  read: number[];
  /** ms per raw IndexedDB read of every row the screen ends up reading. */
  readBaseline: number[];
  /** ms per read of the rows left for after the first card, pauses between chunks included. */
  readRest: number[];
  /** Rounds in which the screen had to wait for the rest before its first queue. */
  waitedForRest: number;
  /** ms per raw IndexedDB read of the progress keys and only the rows due by the day's end: what a read could cost. */
  readDueOnly: number[];
  /** ms, once each, for what the review screen also does before its first card. */
  loading: Record<'generateCards' | 'openDb' | 'loadProgress' | 'reviewsSince', number>;
}

const SCAN_BATCH = 20;
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function openRaw(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** The rows the review screen reads, with nothing but IndexedDB; resolves with how many. */
function rawRead(idb: IDBDatabase, since: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const tx = idb.transaction(['progress', 'settings', 'reviews'], 'readonly');
    let rows = 0;
    const count = (request: IDBRequest<unknown[]>): void => {
      request.onsuccess = () => (rows += request.result.length);
    };
    count(tx.objectStore('progress').getAll());
    tx.objectStore('settings').get(SRS_KEY);
    count(tx.objectStore('reviews').index('review').getAll(IDBKeyRange.lowerBound(since)));
    tx.oncomplete = () => resolve(rows);
    tx.onerror = () => reject(tx.error);
  });
}

/**
 * What the read could shrink to: every progress key (to tell new cards from
 * studied ones and to reconcile) and only the rows due by the day's end, by
 * the `memory.due` index, plus the settings row and today's records.
 */
function rawDueRead(idb: IDBDatabase, since: number, dayEnd: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const tx = idb.transaction(['progress', 'settings', 'reviews'], 'readonly');
    let rows = 0;
    const count = <T>(request: IDBRequest<T[]>): void => {
      request.onsuccess = () => (rows += request.result.length);
    };
    const progress = tx.objectStore('progress');
    count(progress.getAllKeys());
    count(progress.index('memory.due').getAll(IDBKeyRange.upperBound(dayEnd)));
    tx.objectStore('settings').get(SRS_KEY);
    count(tx.objectStore('reviews').index('review').getAll(IDBKeyRange.lowerBound(since)));
    tx.oncomplete = () => resolve(rows);
    tx.onerror = () => reject(tx.error);
  });
}

/** The rows the screen reads after its first card, as `ReviewState` reads them, added to `progress`. */
async function readTheRest(db: VaultcardsDB, cardIds: ReadonlySet<string>, unread: ReadonlySet<string>, progress: Map<string, CardProgress>): Promise<void> {
  const rows: CardProgress[] = [];
  for await (const chunk of readProgressRows(db, [...unread])) {
    for (const row of chunk) rows.push(row);
    await nextTask();
  }
  const reconciled = await reconcileStoredCards(db, cardIds, rows);
  for (const row of rows) progress.set(row.cardId, row);
  for (const row of reconciled.updated) progress.set(row.cardId, row);
}

/** Due progress rows by the plainest loop: the floor under any queue. */
function scanDue(progress: Map<string, CardProgress>, dayEnd: number): number {
  let due = 0;
  for (const p of progress.values()) if (!p.suspended && !p.retired && p.memory.due <= dayEnd) due++;
  return due;
}

async function benchQueue(warmup = 10, runs = 60, readWarmup = 3, readRuns = 25): Promise<QueueResult> {
  const t0 = performance.now();
  const cards = generateCards(vault);
  const t1 = performance.now();
  const db = new VaultcardsDB();
  await db.open();
  const t2 = performance.now();
  const progress = await loadProgress(db);
  const t3 = performance.now();
  const settings = await loadSettings(db);
  const now = Date.now();
  const dayStart = startOfStudyDay(now, -new Date(now).getTimezoneOffset());
  const t4 = performance.now();
  const todayRecords = await reviewsSince(db, dayStart);
  const t5 = performance.now();
  const loading = { generateCards: t1 - t0, openDb: t2 - t1, loadProgress: t3 - t2, reviewsSince: t5 - t4 };

  // The whole read, as ReviewState.init() and its first `queue` do it.
  const cardIds = new Set(cards.map((c) => c.id));
  const dayEnd = endOfStudyDay(dayStart);
  const full = buildQueue(cards, progress, settings, now, dayStart, countToday(todayRecords, dayStart));
  const idb = await openRaw();
  const read: number[] = [];
  const readBaseline: number[] = [];
  const readDueOnly: number[] = [];
  const readRest: number[] = [];
  let waitedForRest = 0;
  for (let i = 0; i < readWarmup + readRuns; i++) {
    const d0 = performance.now();
    await rawDueRead(idb, dayStart, dayEnd);
    const d1 = performance.now();
    if (i >= readWarmup) readDueOnly.push(d1 - d0);
    await nextTask();
    const b0 = performance.now();
    await rawRead(idb, dayStart);
    const b1 = performance.now();
    await nextTask();
    const r0 = performance.now();
    const day = await openStudyDay(db, cardIds, dayStart, dayEnd);
    const unread = day.unread.size ? { cardIds: day.unread, dueAfter: day.dueBy } : null;
    let first = buildQueue(cards, day.progress, day.settings, now, dayStart, countToday(day.records, dayStart), {}, unread);
    const waited = !unreadCannotChange(first, unread, dayStart);
    if (waited) {
      await readTheRest(db, cardIds, day.unread, day.progress);
      first = buildQueue(cards, day.progress, day.settings, now, dayStart, countToday(day.records, dayStart));
    }
    const r1 = performance.now();
    if (!waited) {
      await readTheRest(db, cardIds, day.unread, day.progress);
      readRest.push(performance.now() - r1);
    }
    // What the screen shows first must be the queue of every row.
    if (JSON.stringify(first) !== JSON.stringify(full)) throw new Error('the first queue differs from the queue of every row');
    if (i >= readWarmup) {
      readBaseline.push(b1 - b0);
      read.push(r1 - r0);
      if (waited) waitedForRest++;
    }
    await nextTask();
  }
  idb.close();
  db.close();

  const today = countToday(todayRecords, dayStart);
  let queue = buildQueue(cards, progress, settings, now, dayStart, today);
  for (let i = 0; i < warmup; i++) queue = buildQueue(cards, progress, settings, now, dayStart, today);
  const samples: number[] = [];
  const whole: number[] = [];
  const scanBaseline: number[] = [];
  let due = 0;
  for (let i = 0; i < runs; i++) {
    const s0 = performance.now();
    for (let k = 0; k < SCAN_BATCH; k++) due += scanDue(progress, dayStart + 86_400_000);
    const s1 = performance.now();
    await nextTask();
    const start = performance.now();
    queue = buildQueue(cards, progress, settings, now, dayStart, today);
    const built = performance.now();
    buildQueue(cards, progress, settings, now, dayStart, countToday(todayRecords, dayStart));
    scanBaseline.push((s1 - s0) / SCAN_BATCH);
    samples.push(built - start);
    whole.push(performance.now() - built);
    await nextTask();
  }
  if (due < 0) throw new Error('unreachable: keeps the scan from being optimized away');
  return {
    cards: cards.length,
    progressRows: progress.size,
    todayRecords: todayRecords.length,
    counts: queue.counts,
    samples,
    scanBaseline,
    withCountToday: whole,
    read,
    readBaseline,
    readRest,
    waitedForRest,
    readDueOnly,
    loading,
  };
}

Object.assign(window, { benchQueue });
