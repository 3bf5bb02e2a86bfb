/**
 * Reading and writing study progress. Every change that touches more than one
 * table runs in one Dexie transaction, so a reload or a second tab never sees a
 * grade without its review log, or the other way round.
 */
import { reconcileCards } from '../lib/cards/reconcile.ts';
import { newProgress, type Scheduler } from '../lib/srs/scheduler.ts';
import type { CardProgress, Grade, ReviewRecord, SrsSettings } from '../lib/srs/types.ts';
import { DEFAULT_SRS_SETTINGS } from '../lib/srs/types.ts';
import type { VaultcardsDB } from './db.ts';

export const SRS_KEY = 'srs';
/** The exam date of the stats screen's readiness panel: `{ examDay }`. */
export const EXAM_DAY_KEY = 'exam';

/** All progress rows by card id. */
export async function loadProgress(db: VaultcardsDB): Promise<Map<string, CardProgress>> {
  const rows = await db.progress.toArray();
  return new Map(rows.map((p) => [p.cardId, p]));
}

/** Review records since `since` (epoch ms), oldest first. */
export async function reviewsSince(db: VaultcardsDB, since: number): Promise<ReviewRecord[]> {
  return db.reviews.where('review').aboveOrEqual(since).sortBy('review');
}

/**
 * Marks stored cards that are no longer generated as retired (history kept) and
 * brings back retired cards whose facts returned. Cards never studied have no
 * row and need nothing.
 */
export async function syncCards(db: VaultcardsDB, cardIds: string[]): Promise<{ retired: number; revived: number; progress: Map<string, CardProgress> }> {
  return db.transaction('rw', db.progress, async () => {
    const stored = await db.progress.toArray();
    const { toRetire, toRevive } = reconcileCards(cardIds, stored);
    const byId = new Map(stored.map((p) => [p.cardId, p]));
    const changed = [
      ...toRetire.map((id) => ({ ...(byId.get(id) as CardProgress), retired: true })),
      ...toRevive.map((id) => ({ ...(byId.get(id) as CardProgress), retired: false })),
    ];
    if (changed.length) await db.progress.bulkPut(changed);
    for (const row of changed) byId.set(row.cardId, row);
    // The rows were just read: hand them back so the caller need not read them again.
    return { retired: toRetire.length, revived: toRevive.length, progress: byId };
  });
}

/** The cards generated now, by id: a `Set` of ids or a `Map` by id. */
export interface CardIds {
  has(cardId: string): boolean;
}

/** What the review screen reads before its first card (see `openStudyDay`). */
export interface StudyDayStart {
  settings: SrsSettings;
  /** The stored rows due by `dueBy`, by card id, reconciled with the cards given. */
  progress: Map<string, CardProgress>;
  /**
   * Every other stored card id, in key order: rows due after `dueBy` (or with
   * no due date IndexedDB can index), read later with `readProgressRows` and
   * reconciled with `reconcileStoredCards`.
   */
  unread: Set<string>;
  dueBy: number;
  /** Review records since the day's start, oldest first (as `reviewsSince`). */
  records: ReviewRecord[];
  retired: number;
  revived: number;
}

/**
 * The least the review screen needs for its first queue, in one read-only
 * transaction: every progress key (a card with no row is new), only the rows
 * due by `dueBy` through the `memory.due` index, the settings and the records
 * since `since`. Copying all 10,000 rows out of IndexedDB was most of the time
 * to the first card, and rows due after today only matter once nothing is due.
 * The rows read are reconciled with `cardIds` (see `reconcileStoredCards`).
 *
 * @example const day = await openStudyDay(db, new Set(cards.map((c) => c.id)), dayStart, endOfStudyDay(dayStart))
 */
export async function openStudyDay(db: VaultcardsDB, cardIds: CardIds, since: number, dueBy: number): Promise<StudyDayStart> {
  const [keys, due, settings, records] = await db.transaction('r', db.progress, db.reviews, db.settings, () =>
    Promise.all([
      db.progress.toCollection().primaryKeys(),
      db.progress.where('memory.due').belowOrEqual(dueBy).toArray(),
      loadSettings(db),
      reviewsSince(db, since),
    ]),
  );
  const reconciled = await reconcileStoredCards(db, cardIds, due);
  const progress = new Map<string, CardProgress>();
  for (const row of due) progress.set(row.cardId, row);
  for (const row of reconciled.updated) progress.set(row.cardId, row);
  const unread = new Set<string>();
  for (const id of keys) if (!progress.has(id)) unread.add(id);
  return { settings, progress, unread, dueBy, records, retired: reconciled.retired, revived: reconciled.revived };
}

/**
 * The stored rows of `cardIds` (in key order, as `openStudyDay` lists them), `chunkSize` at a time, one short read-only transaction per chunk, so
 * the caller can let the screen run between chunks. Ids with no row are
 * skipped.
 */
export async function* readProgressRows(db: VaultcardsDB, cardIds: readonly string[], chunkSize = 1000): AsyncGenerator<CardProgress[]> {
  const wanted = new Set(cardIds);
  for (let i = 0; i < cardIds.length; i += chunkSize) {
    const from = cardIds[i] as string;
    const to = cardIds[i + chunkSize];
    // A key range reads with one getAll, not a `get` per key; the rows between that were read already are dropped.
    const range = to === undefined ? db.progress.where('cardId').aboveOrEqual(from) : db.progress.where('cardId').between(from, to, true, false);
    const rows = await range.toArray();
    yield rows.filter((row) => wanted.has(row.cardId));
  }
}

/**
 * Reconciles some stored rows with the cards generated now (see
 * `syncCards`): those no longer generated are retired, retired ones generated
 * again are revived. Only the changes are written, in one read-write
 * transaction that reads those rows again (another tab may have just done the
 * same); nothing is opened for writing when nothing changes. Reconciling every
 * stored row in parts gives what `syncCards` gives.
 *
 * @returns the rows changed, as they are now stored (a row another tab changed
 *   already is read back, not written), and how many this call changed.
 */
export async function reconcileStoredCards(
  db: VaultcardsDB,
  cardIds: CardIds,
  rows: Iterable<CardProgress>,
): Promise<{ retired: number; revived: number; updated: CardProgress[] }> {
  // What `reconcileCards` decides, without the list of cards never studied (a set of every card id to build).
  const retire = new Map<string, boolean>();
  for (const row of rows) {
    const generated = cardIds.has(row.cardId);
    if (row.retired === generated) retire.set(row.cardId, !generated);
  }
  if (retire.size === 0) return { retired: 0, revived: 0, updated: [] };
  return db.transaction('rw', db.progress, async () => {
    const stored = await db.progress.bulkGet([...retire.keys()]);
    const updated: CardProgress[] = [];
    const written: CardProgress[] = [];
    for (const row of stored) {
      if (!row) continue;
      const retired = retire.get(row.cardId) as boolean;
      if (row.retired === retired) {
        updated.push(row);
      } else {
        const next = { ...row, retired };
        updated.push(next);
        written.push(next);
      }
    }
    if (written.length) await db.progress.bulkPut(written);
    const retired = written.filter((row) => row.retired).length;
    return { retired, revived: written.length - retired, updated };
  });
}

/**
 * Grades a card: reads its current progress inside the transaction (another tab
 * may have just graded it), schedules, and writes progress and log together.
 */
export async function recordGrade(
  db: VaultcardsDB,
  scheduler: Scheduler,
  cardId: string,
  grade: Grade,
  now: number,
  durationMs?: number,
): Promise<{ progress: CardProgress; record: ReviewRecord }> {
  return db.transaction('rw', db.progress, db.reviews, async () => {
    const current = (await db.progress.get(cardId)) ?? newProgress(cardId, now);
    // A grade must come after the card's last review (ts-fsrs refuses time going
    // backwards, and two tabs grading in the same millisecond would share a uid).
    let at = Math.max(now, (current.memory.lastReview ?? -1) + 1);
    while (await db.reviews.get(`${cardId}@${at}`)) at++;
    const result = scheduler.grade(current, grade, at, durationMs);
    await db.progress.put(result.progress);
    await db.reviews.add(result.record);
    return result;
  });
}

/**
 * Stores a grade the screen already applied (so the next card shows before
 * IndexedDB answers). If another tab graded the card in between, the grade is
 * rescheduled from what is stored, and that is what gets written and returned.
 */
export async function commitGrade(
  db: VaultcardsDB,
  scheduler: Scheduler,
  expected: CardProgress,
  applied: { progress: CardProgress; record: ReviewRecord },
): Promise<{ progress: CardProgress; record: ReviewRecord; rescheduled: boolean }> {
  return db.transaction('rw', db.progress, db.reviews, async () => {
    const stored = (await db.progress.get(expected.cardId)) ?? null;
    const unchanged = stored === null ? expected.memory.reps === 0 : stored.memory.reps === expected.memory.reps && stored.memory.lastReview === expected.memory.lastReview;
    let result = applied;
    if (!unchanged || (await db.reviews.get(applied.record.uid))) {
      const base = stored ?? expected;
      let at = Math.max(applied.record.review, (base.memory.lastReview ?? -1) + 1);
      while (await db.reviews.get(`${base.cardId}@${at}`)) at++;
      result = scheduler.grade({ ...base, suspended: base.suspended }, applied.record.grade, at, applied.record.durationMs);
    }
    await db.progress.put(result.progress);
    await db.reviews.add(result.record);
    return { ...result, rescheduled: result !== applied };
  });
}

/**
 * Undoes one grade, if it is still the latest for its card (a later grade from
 * another tab would otherwise be silently rewritten). Returns the restored
 * progress, or null when the grade can no longer be undone.
 */
export async function undoGrade(db: VaultcardsDB, scheduler: Scheduler, uid: string): Promise<CardProgress | null> {
  return db.transaction('rw', db.progress, db.reviews, async () => {
    const record = await db.reviews.get(uid);
    if (!record) return null;
    const latest = await db.reviews.where('[cardId+review]').between([record.cardId, -Infinity], [record.cardId, Infinity]).last();
    if (latest?.uid !== uid) return null;
    const progress = await db.progress.get(record.cardId);
    if (!progress) return null;
    const restored = scheduler.undo(progress, record);
    await db.progress.put(restored);
    await db.reviews.delete(uid);
    return restored;
  });
}

/** Suspends or unsuspends a card (a card with no row yet gets one). */
export async function setSuspended(db: VaultcardsDB, cardId: string, suspended: boolean, now: number): Promise<CardProgress> {
  return db.transaction('rw', db.progress, async () => {
    const current = (await db.progress.get(cardId)) ?? newProgress(cardId, now);
    const next = { ...current, suspended };
    await db.progress.put(next);
    return next;
  });
}

/** Study settings, defaults filled in for anything not stored. */
export async function loadSettings(db: VaultcardsDB): Promise<SrsSettings> {
  const row = await db.settings.get(SRS_KEY);
  return { ...DEFAULT_SRS_SETTINGS, ...((row?.value as Partial<SrsSettings> | undefined) ?? {}) };
}

export async function saveSettings(db: VaultcardsDB, settings: SrsSettings): Promise<void> {
  await db.settings.put({ key: SRS_KEY, value: settings });
}
