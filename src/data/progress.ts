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
