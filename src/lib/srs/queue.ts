import { SrsError, type CardProgress, type ReviewRecord, type SrsSettings } from './types.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Which cards to study. A card matches when it matches ANY listed value of
 * each kind given, and every kind given (AND across kinds). A kind left out or
 * given as an empty list does not narrow the queue, so `{}` means all cards.
 */
export interface QueueFilter {
  noteIds?: string[];
  sectionIds?: string[];
  tags?: string[];
}

/** The little the queue needs to know about a card. */
export interface QueueCard {
  id: string;
  noteId: string;
  sectionId: string;
  tags: string[];
}

/** Already done today (the caller counts its logs since `dayStart` with `countToday`). */
export interface DayCounts {
  newStudied: number;
  reviewsDone: number;
}

export interface StudyQueue {
  /** (Re)learning cards due now, soonest due first. */
  learning: string[];
  /** Review cards due by the end of the study day, oldest due first, up to what is left of the daily limit. */
  review: string[];
  /** New cards in the order given, up to what is left of the daily limit. */
  new: string[];
  counts: {
    learning: number;
    review: number;
    new: number;
    /** learning + review + new: what can be studied now. */
    dueToday: number;
    /** (Re)learning cards that come due later in this study day; not in `learning` yet. */
    learningLater: number;
  };
  /**
   * When nothing can be studied now: the earliest time something can, be it a
   * learning step coming due or (when a daily limit is used up, or the next
   * review is on another day) the start of the study day that brings it.
   * `null` when something can be studied now, or nothing ever will.
   */
  nextDue: number | null;
}

/**
 * Stored progress that was left unread, so that the first card shows before
 * every row is read: the rows of `cardIds` were all due after `dueAfter` (or
 * had no due date IndexedDB could index) when the others were read.
 */
export interface UnreadProgress {
  cardIds: ReadonlySet<string>;
  dueAfter: number;
}

/** End of the study day that starts at `dayStart`: reviews due up to it are due today. */
export function endOfStudyDay(dayStart: number): number {
  return dayStart + DAY;
}

/**
 * Builds today's study queue in one pass over the cards; only the cards that
 * are due get sorted. Suspended and retired cards never appear; cards with no
 * progress entry are new.
 *
 * @param dayStart start of the current study day (see `startOfStudyDay`);
 *   review cards due before `dayStart + 24h` count as due today.
 * @param unread cards whose stored progress is not in `progress` yet: skipped,
 *   neither new nor due (see `unreadCannotChange` for when that is the queue
 *   all rows would give).
 */
export function buildQueue(
  cards: QueueCard[],
  progress: ReadonlyMap<string, CardProgress>,
  settings: SrsSettings,
  now: number,
  dayStart: number,
  today: DayCounts,
  filter: QueueFilter = {},
  unread?: UnreadProgress | null,
): StudyQueue {
  const dayEnd = dayStart + DAY;
  const matches = cardFilter(filter);
  const newLeft = Math.max(0, settings.newPerDay - today.newStudied);
  const reviewsLeft = Math.max(0, settings.reviewsPerDay - today.reviewsDone);

  const learningDue: { id: string; due: number }[] = [];
  const reviewDue: { id: string; due: number }[] = [];
  const newIds: string[] = [];
  let newAvailable = 0;
  let learningLater = 0;
  let nextLearning = Infinity;
  let nextReview = Infinity;

  for (const card of cards) {
    if (!matches(card)) continue;
    const p = progress.get(card.id);
    if (p === undefined && unread?.cardIds.has(card.id)) continue;
    if (p === undefined || p.memory.state === 'new') {
      if (p?.suspended || p?.retired) continue;
      newAvailable++;
      if (newIds.length < newLeft) newIds.push(card.id);
      continue;
    }
    if (p.suspended || p.retired) continue;
    const due = p.memory.due;
    if (p.memory.state === 'review') {
      if (due <= dayEnd) reviewDue.push({ id: card.id, due });
      else if (due < nextReview) nextReview = due;
    } else if (due <= now) {
      learningDue.push({ id: card.id, due });
    } else {
      if (due < dayEnd) learningLater++;
      if (due < nextLearning) nextLearning = due;
    }
  }

  learningDue.sort(byDue);
  reviewDue.sort(byDue);
  const learning = learningDue.map((c) => c.id);
  const review = reviewDue.slice(0, reviewsLeft).map((c) => c.id);
  const counts = {
    learning: learning.length,
    review: review.length,
    new: newIds.length,
    dueToday: learning.length + review.length + newIds.length,
    learningLater,
  };

  let nextDue: number | null = null;
  if (counts.dueToday === 0) {
    let next = nextLearning;
    // Cards held back by a daily limit come back when the next study day starts.
    const heldBack = (reviewDue.length > 0 && settings.reviewsPerDay > 0) || (newAvailable > 0 && settings.newPerDay > 0);
    if (heldBack) next = Math.min(next, dayEnd);
    // A review card shows from the start of the study day whose end reaches its due time.
    if (nextReview !== Infinity && settings.reviewsPerDay > 0) {
      next = Math.min(next, dayStart + Math.ceil((nextReview - dayEnd) / DAY) * DAY);
    }
    nextDue = next === Infinity ? null : next;
  }

  return { learning, review, new: newIds, counts, nextDue };
}

/**
 * Whether a queue built with `unread` rows skipped is the queue all rows would
 * give. Rows due after the end of the study day are never learning or review
 * cards today, so they change only `nextDue`, and that only when nothing can be
 * studied now: the queue holds when something can, and the rows were left
 * unread for this study day (not one that has rolled over since).
 *
 * One kind of row it cannot see: a card never studied (state `new`) stored
 * with a due date after today's end, which is a new card to the full queue.
 * Only a clock running more than a day ahead when the row was written makes
 * one (`newProgress` dates a row at its writer's `now`).
 */
export function unreadCannotChange(queue: StudyQueue, unread: UnreadProgress | null, dayStart: number): boolean {
  if (unread === null || unread.cardIds.size === 0) return true;
  return queue.counts.dueToday > 0 && unread.dueAfter >= dayStart + DAY;
}

function byDue(a: { due: number }, b: { due: number }): number {
  return a.due - b.due;
}

function cardFilter(filter: QueueFilter): (card: QueueCard) => boolean {
  const notes = nonEmptySet(filter.noteIds);
  const sections = nonEmptySet(filter.sectionIds);
  const tags = nonEmptySet(filter.tags);
  if (!notes && !sections && !tags) return () => true;
  return (card) =>
    (!notes || notes.has(card.noteId)) &&
    (!sections || sections.has(card.sectionId)) &&
    (!tags || card.tags.some((tag) => tags.has(tag)));
}

function nonEmptySet(values: string[] | undefined): Set<string> | null {
  return values && values.length > 0 ? new Set(values) : null;
}

/**
 * Start of the study day that `now` falls in. Like Anki, the day rolls over at
 * `dayStartsAtHour` local time (4am), so a late-night session counts as the
 * evening's day.
 *
 * @param timezoneOffsetMinutes minutes the local clock is ahead of UTC:
 *   UTC+10 is 600, UTC-5 is -300, i.e. `-new Date(now).getTimezoneOffset()`.
 * @example startOfStudyDay(Date.UTC(2026, 0, 5, 1), 0) === Date.UTC(2026, 0, 4, 4)
 * @throws SrsError when `dayStartsAtHour` is not a whole hour from 0 to 23.
 */
export function startOfStudyDay(now: number, timezoneOffsetMinutes: number, dayStartsAtHour = 4): number {
  if (!(Number.isInteger(dayStartsAtHour) && dayStartsAtHour >= 0 && dayStartsAtHour < 24)) {
    throw new SrsError(`dayStartsAtHour must be a whole hour from 0 to 23, got ${dayStartsAtHour}`);
  }
  const offset = timezoneOffsetMinutes * 60_000;
  const rollover = dayStartsAtHour * HOUR;
  // Shifting local time back by the rollover hour turns "study day" into "calendar day".
  const localDay = Math.floor((now + offset - rollover) / DAY);
  return localDay * DAY + rollover - offset;
}

/**
 * What the learner already did in the study day starting at `dayStart`. A
 * grade of a new card counts as a new card studied; a grade of a review card
 * as a review done. Grades of cards in (re)learning count as neither, since
 * the queue never limits learning cards.
 */
export function countToday(records: Iterable<Pick<ReviewRecord, 'review' | 'before'>>, dayStart: number): DayCounts {
  const dayEnd = dayStart + DAY;
  let newStudied = 0;
  let reviewsDone = 0;
  for (const record of records) {
    if (record.review < dayStart || record.review >= dayEnd) continue;
    if (record.before.state === 'new') newStudied++;
    else if (record.before.state === 'review') reviewsDone++;
  }
  return { newStudied, reviewsDone };
}
