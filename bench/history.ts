/**
 * A deterministic year of study for the benchmarks: a heavy learner who adds
 * `newPerDay` cards a day in note order and, once a day, does every card due,
 * graded through the app's own scheduler, until the history holds exactly
 * `reviews` records. The last 300 records are today's, squeezed into the two
 * hours before `now`; yesterday's session stops early where the count says, so
 * today has some reviews done and a few hundred cards still due.
 *
 * Grades: a review card is recalled with probability R^(1/ease), R being the
 * FSRS retrievability at that moment and `ease` (0.5-1) how easy this learner
 * finds the card, so forgetting follows the schedule; new and learning cards
 * get Again now and then. Cards that lapse often become leeches (suspended)
 * by the scheduler's own rule.
 *
 * The play is the same whatever the date: it runs on a timeline that starts on
 * a study-day boundary and is shifted by whole days at the end, so only the
 * time zone and the time of day of today's session can change it. (In the
 * first minutes after the 4am rollover today's session has no time, and the
 * history ends 300 records short.)
 */
import { startOfStudyDay } from '../src/lib/srs/queue.ts';
import { createScheduler, newProgress } from '../src/lib/srs/scheduler.ts';
import type { CardProgress, Grade, ReviewRecord, SrsSettings } from '../src/lib/srs/types.ts';
import { createRng } from './prng.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Longest history played before giving up on reaching the count. */
const MAX_DAYS = 500;
/** Reviews done today before the benchmark starts; the rest of today's cards stay due. */
const TODAY_REVIEWS = 300;

export interface HistoryOptions {
  cardIds: string[];
  settings: SrsSettings;
  now: number;
  /** Minutes the local clock is ahead of UTC at `now`. */
  timezoneOffsetMinutes: number;
  /** Review records to produce in all. */
  reviews: number;
  seed?: number;
}

export interface History {
  progress: CardProgress[];
  reviews: ReviewRecord[];
  /** Records made in today's session. */
  reviewsToday: number;
  /** Study days before today that the history covers. */
  days: number;
}

interface Slot {
  progress: CardProgress;
  /** How easy this learner finds the card, 0.5-1. */
  ease: number;
}

/** The study settings the simulated learner uses (and the benchmark stores): a heavy user's daily limits. */
export function benchSettings(defaults: SrsSettings): SrsSettings {
  return { ...defaults, newPerDay: 28, reviewsPerDay: 1000 };
}

/** Plays the history; pure apart from the time it takes (one scheduler call per record). */
export function simulateHistory(options: HistoryOptions): History {
  const { cardIds, settings, now, reviews: target } = options;
  const rng = createRng(options.seed ?? 7);
  const scheduler = createScheduler(settings);
  const today = startOfStudyDay(now, options.timezoneOffsetMinutes, 4);
  const first = today - MAX_DAYS * DAY;
  let slots: Slot[] = [];
  const records: ReviewRecord[] = [];
  let nextNew = 0;

  const gradeFor = (slot: Slot, at: number): Grade => {
    const state = slot.progress.memory.state;
    if (state === 'review') {
      if (!rng.chance(scheduler.retrievability(slot.progress, at) ** (1 / slot.ease))) return 1;
      return rng.chance(0.4) ? 2 : rng.chance(0.9) ? 3 : 4;
    }
    if (rng.chance(state === 'new' ? 0.35 : 0.25)) return 1;
    return rng.chance(0.1) ? 2 : rng.chance(0.95) ? 3 : 4;
  };

  /** One session: learning cards whenever due, else due reviews (oldest first), then the day's new cards. */
  const session = (dayStart: number, start: number, end: number, limit: number, step: () => number): void => {
    const pending = slots.filter((s) => s.progress.memory.state === 'review' && !s.progress.suspended && s.progress.memory.due <= dayStart + DAY);
    pending.sort((a, b) => a.progress.memory.due - b.progress.memory.due);
    for (let i = 0; i < settings.newPerDay && nextNew < cardIds.length; i++) {
      pending.push({ progress: newProgress(cardIds[nextNew++] as string, start), ease: 0.5 + rng.next() * 0.5 });
    }
    let learning = slots.filter((s) => isLearning(s.progress) && !s.progress.suspended);
    let next = 0;
    for (let t = start; records.length < limit && t < end; t += step()) {
      const soonest = learning.reduce<Slot | null>((min, s) => (!min || s.progress.memory.due < min.progress.memory.due ? s : min), null);
      let slot: Slot;
      if (soonest && soonest.progress.memory.due <= t) slot = soonest;
      else if (next < pending.length) slot = pending[next++] as Slot;
      else if (soonest && soonest.progress.memory.due < Math.min(end, t + HOUR)) slot = soonest;
      else break;
      if (isLearning(slot.progress)) t = Math.max(t, slot.progress.memory.due);
      if (slot.progress.memory.state === 'new') slots.push(slot);
      const { progress, record } = scheduler.grade(slot.progress, gradeFor(slot, t), t, step());
      slot.progress = progress;
      records.push(record);
      learning = learning.filter((l) => l !== slot);
      if (isLearning(progress) && !progress.suspended) learning.push(slot);
    }
  };

  // Whole days until the history is `TODAY_REVIEWS` short of the count (that
  // day's session stops there); the next day is today.
  let day = 0;
  for (; day < MAX_DAYS && records.length < target - TODAY_REVIEWS; day++) {
    const dayStart = first + day * DAY;
    session(dayStart, dayStart + 13 * HOUR + rng.int(0, 6 * 60) * MINUTE, dayStart + DAY - HOUR, target - TODAY_REVIEWS, () => rng.int(4, 15) * SECOND);
  }
  // Today, on the simulated timeline; everything moves by whole days afterwards.
  const shift = today - (first + day * DAY);
  const before = records.length;
  const simNow = now - shift;
  const start = Math.max(first + day * DAY + MINUTE, simNow - 2 * HOUR);
  const gap = Math.max(50, Math.min(10 * SECOND, Math.floor((simNow - MINUTE - start) / (target - records.length + 1))));
  session(first + day * DAY, start, simNow - MINUTE, target, () => gap);

  for (const record of records) shiftRecord(record, shift);
  for (const slot of slots) shiftProgress(slot.progress, shift);
  return { progress: slots.map((s) => s.progress), reviews: records, reviewsToday: records.length - before, days: day };
}

function isLearning(progress: CardProgress): boolean {
  return progress.memory.state === 'learning' || progress.memory.state === 'relearning';
}

function shiftRecord(record: ReviewRecord, by: number): void {
  record.review += by;
  record.uid = `${record.cardId}@${record.review}`;
  record.due += by;
  record.before.due += by;
  if (record.before.lastReview !== null) record.before.lastReview += by;
}

function shiftProgress(progress: CardProgress, by: number): void {
  progress.memory.due += by;
  if (progress.memory.lastReview !== null) progress.memory.lastReview += by;
  progress.addedAt += by;
}
