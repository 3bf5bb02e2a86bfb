/**
 * Spaced-repetition data: plain objects with times as epoch milliseconds, so
 * they go into IndexedDB and JSON exports unchanged and two devices can merge
 * them. Scheduling itself is ts-fsrs, wrapped in `scheduler.ts`.
 */

/** Again, Hard, Good, Easy: the values of ts-fsrs's `Rating`. */
export type Grade = 1 | 2 | 3 | 4;

export type CardStateName = 'new' | 'learning' | 'review' | 'relearning';

/** FSRS memory state of one card, dates as epoch ms so it stores in IndexedDB and JSON as is. */
export interface MemoryState {
  due: number;
  stability: number;
  difficulty: number;
  /** Days between the last two reviews, counted by UTC calendar date as ts-fsrs counts them. */
  elapsedDays: number;
  scheduledDays: number;
  /** Index of the (re)learning step the card is on. */
  learningSteps: number;
  reps: number;
  lapses: number;
  state: CardStateName;
  lastReview: number | null;
}

export interface CardProgress {
  cardId: string;
  memory: MemoryState;
  suspended: boolean;
  /** Set when the card lapsed `leechLapses` times; stays set after the learner unsuspends it. */
  leech: boolean;
  /** the card's facts left the notes: kept with its history, not studied */
  retired: boolean;
  addedAt: number;
}

/**
 * One grade as it happened; `uid` = `${cardId}@${review}` makes logs from two
 * tabs or two devices unionable.
 *
 * `before` is the memory state the grade started from; `state` to
 * `learningSteps` describe the card after it (what ts-fsrs puts on the card),
 * except `elapsedDays` (days since the previous review, at this review) and
 * `lastElapsedDays` (the same figure at the previous review), which are the
 * two ts-fsrs review-log fields of those names.
 */
export interface ReviewRecord {
  uid: string;
  cardId: string;
  grade: Grade;
  /** When the grade was given (epoch ms). */
  review: number;
  /** memory state BEFORE this review, so undo can restore exactly */
  before: MemoryState;
  /** state after */
  state: CardStateName;
  due: number;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  lastElapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  /** this grade made the card a leech (undo clears it) */
  madeLeech: boolean;
  /** suspended flag before this grade */
  wasSuspended: boolean;
  durationMs?: number;
}

export interface SrsSettings {
  /** Probability of recall the intervals aim for, 0 < r < 1. */
  desiredRetention: number;
  /** Longest interval, in days. */
  maximumInterval: number;
  /** Steps of a new card before it graduates, `<integer><m|h|d>`. */
  learningSteps: string[];
  /** Steps of a lapsed card before it returns to review. */
  relearningSteps: string[];
  enableFuzz: boolean;
  /** Mixed with the card id and review count into the fuzz seed, so fuzz is repeatable. */
  seed: string;
  newPerDay: number;
  reviewsPerDay: number;
  /** Lapses that make a card a leech (suspended); 0 turns the rule off. */
  leechLapses: number;
}

export const DEFAULT_SRS_SETTINGS: Readonly<SrsSettings> = Object.freeze({
  desiredRetention: 0.9,
  maximumInterval: 36500,
  learningSteps: ['1m', '10m'],
  relearningSteps: ['10m'],
  enableFuzz: true,
  seed: 'vaultcards',
  newPerDay: 20,
  reviewsPerDay: 200,
  leechLapses: 8,
});

/** A call the scheduler cannot honour: bad settings, or an undo or grade that does not fit the card. */
export class SrsError extends Error {
  override name = 'SrsError';
}
