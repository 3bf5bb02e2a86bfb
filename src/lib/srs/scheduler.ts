import {
  fsrs,
  generatorParameters,
  GenSeedStrategyWithCardId,
  Rating,
  State,
  StrategyMode,
  type Card,
  type FSRS,
  type FSRSParameters,
  type Grade as FsrsGrade,
  type ReviewLog,
  type StepUnit,
} from 'ts-fsrs';
import { SrsError, type CardProgress, type CardStateName, type Grade, type MemoryState, type ReviewRecord, type SrsSettings } from './types.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const GRADES: readonly Grade[] = [1, 2, 3, 4];

/** For each grade, when the card would be due and the interval to print on its button. */
export type GradePreview = Record<Grade, { due: number; label: string }>;

export interface Scheduler {
  /** For each grade, the progress it would give and the interval to show on the button ("1m", "10m", "1d", "3.2mo"...). */
  preview(progress: CardProgress, now: number): GradePreview;
  /**
   * Applies a grade: new progress plus the review record. Leech rule: when
   * lapses reach `settings.leechLapses` the card is suspended and flagged
   * leech (`madeLeech` on that record). A card that is already a leech is not
   * suspended again, so unsuspending one lets the learner keep at it.
   *
   * @throws SrsError when `now` is not after the card's last review: ts-fsrs
   *   refuses negative elapsed days, and an equal time would repeat the uid.
   */
  grade(progress: CardProgress, grade: Grade, now: number, durationMs?: number): { progress: CardProgress; record: ReviewRecord };
  /**
   * Undoes `record`, which must be the latest grade of this card: memory,
   * suspended and leech flags come back exactly as they were before it.
   *
   * @throws SrsError when the progress is not what `record` left behind.
   */
  undo(progress: CardProgress, record: ReviewRecord): CardProgress;
  /** Recall probability (FSRS retrievability, 0..1) at time `at`; 0 for new cards. */
  retrievability(progress: CardProgress, at: number): number;
}

/** A card nobody has studied yet, due at once. */
export function newProgress(cardId: string, now: number): CardProgress {
  return {
    cardId,
    memory: {
      due: now,
      stability: 0,
      difficulty: 0,
      elapsedDays: 0,
      scheduledDays: 0,
      learningSteps: 0,
      reps: 0,
      lapses: 0,
      state: 'new',
      lastReview: null,
    },
    suspended: false,
    leech: false,
    retired: false,
    addedAt: now,
  };
}

/**
 * The ts-fsrs parameters the settings stand for. Exported so tests (and a
 * future "compare with ts-fsrs" tool) build the very same `fsrs()` instance.
 *
 * @throws SrsError for a retention outside (0, 1), a maximum interval below
 *   one day, or a step that is not `<integer><m|h|d>`.
 */
export function fsrsParameters(settings: SrsSettings): FSRSParameters {
  const { desiredRetention, maximumInterval } = settings;
  if (!(desiredRetention > 0 && desiredRetention < 1)) {
    throw new SrsError(`desiredRetention must be between 0 and 1 (exclusive), got ${desiredRetention}`);
  }
  if (!(Number.isInteger(maximumInterval) && maximumInterval >= 1)) {
    throw new SrsError(`maximumInterval must be a whole number of days >= 1, got ${maximumInterval}`);
  }
  return generatorParameters({
    request_retention: desiredRetention,
    maximum_interval: maximumInterval,
    enable_fuzz: settings.enableFuzz,
    enable_short_term: true,
    learning_steps: parseSteps(settings.learningSteps, 'learningSteps'),
    relearning_steps: parseSteps(settings.relearningSteps, 'relearningSteps'),
  });
}

// ts-fsrs reads steps with parseInt, so '1.5m' would silently become 1 minute.
function parseSteps(steps: readonly string[], name: string): StepUnit[] {
  return steps.map((step) => {
    if (!/^[1-9]\d*[mhd]$/.test(step)) {
      throw new SrsError(`${name}: "${step}" is not a step like 1m, 10m, 2h or 1d`);
    }
    return step as StepUnit;
  });
}

/** The extra field on the card handed to ts-fsrs that its SEED strategy reads. */
const FUZZ_KEY_FIELD = 'fuzzKey';

/**
 * The fuzz seed ts-fsrs ends up with: `GenSeedStrategyWithCardId` appends the
 * card's review count (this review included) to the key we put on the card.
 * The separators keep `("a1", 2)` and `("a", 12)` apart.
 *
 * @example fuzzSeed('vaultcards', 'c1', 3) === 'vaultcards/c1/3'
 */
export function fuzzSeed(seed: string, cardId: string, repsAfterReview: number): string {
  return `${fuzzKey(seed, cardId)}${repsAfterReview}`;
}

function fuzzKey(seed: string, cardId: string): string {
  return `${seed}/${cardId}/`;
}

/**
 * A scheduler for one set of settings. Same settings, progress, grade and
 * `now` give the same result on every device: fuzz is seeded from
 * `settings.seed`, the card id and its review count, never from the clock.
 */
export function createScheduler(settings: SrsSettings): Scheduler {
  const params = fsrsParameters(settings);
  const engine: FSRS = fsrs(params).useStrategy(StrategyMode.SEED, GenSeedStrategyWithCardId(FUZZ_KEY_FIELD));
  const { leechLapses, maximumInterval } = settings;

  const toEngineCard = (progress: CardProgress): Card & { [FUZZ_KEY_FIELD]: string } => ({
    ...toFsrsCard(progress.memory),
    [FUZZ_KEY_FIELD]: fuzzKey(settings.seed, progress.cardId),
  });

  return {
    preview(progress, now) {
      assertNotBefore(progress, now);
      const log = engine.repeat(toEngineCard(progress), new Date(now));
      const entry = (grade: Grade) => {
        const due = capInterval(fromFsrsCard(log[FSRS_GRADE[grade]].card), now, maximumInterval).due;
        return { due, label: formatInterval(due - now) };
      };
      return { 1: entry(1), 2: entry(2), 3: entry(3), 4: entry(4) };
    },

    grade(progress, grade, now, durationMs) {
      const last = progress.memory.lastReview;
      if (last !== null && now <= last) {
        throw new SrsError(`card ${progress.cardId}: a grade at ${now} must come after its last review at ${last}`);
      }
      const { card, log } = engine.next(toEngineCard(progress), new Date(now), FSRS_GRADE[grade]);
      const memory = capInterval(fromFsrsCard(card), now, maximumInterval);
      const madeLeech =
        leechLapses > 0 && !progress.leech && memory.lapses > progress.memory.lapses && memory.lapses >= leechLapses;
      const record: ReviewRecord = {
        uid: `${progress.cardId}@${now}`,
        cardId: progress.cardId,
        grade,
        review: now,
        before: { ...progress.memory },
        state: memory.state,
        due: memory.due,
        stability: memory.stability,
        difficulty: memory.difficulty,
        elapsedDays: log.elapsed_days,
        lastElapsedDays: log.last_elapsed_days,
        scheduledDays: memory.scheduledDays,
        learningSteps: memory.learningSteps,
        madeLeech,
        wasSuspended: progress.suspended,
      };
      // Left out rather than stored as undefined, so records compare and export cleanly.
      if (durationMs !== undefined) record.durationMs = durationMs;
      const next: CardProgress = {
        ...progress,
        memory,
        suspended: progress.suspended || madeLeech,
        leech: progress.leech || madeLeech,
      };
      return { progress: next, record };
    },

    undo(progress, record) {
      if (record.cardId !== progress.cardId) {
        throw new SrsError(`cannot undo a review of ${record.cardId} on card ${progress.cardId}`);
      }
      if (!leftBehindBy(progress.memory, record)) {
        throw new SrsError(`card ${progress.cardId}: review ${record.uid} is not its latest, so it cannot be undone`);
      }
      const rolledBack = fromFsrsCard(engine.rollback(toFsrsCard(progress.memory), toFsrsLog(record)));
      // ts-fsrs's review log keeps the previous *last review* in `due`, not the
      // previous due date, so for a card that had been reviewed before its
      // rollback puts `due` at the review time. `record.before` holds the real
      // due date; every other field must agree, or the record is corrupt. (The
      // log is rebuilt from `before`, so what this catches is a review count,
      // lapse count or last review that does not fit the card.)
      const before = record.before;
      if (!sameMemory({ ...rolledBack, due: before.due }, before)) {
        throw new SrsError(`card ${progress.cardId}: review ${record.uid} disagrees with ts-fsrs rollback`);
      }
      return {
        ...progress,
        memory: { ...before },
        suspended: record.wasSuspended,
        leech: record.madeLeech ? false : progress.leech,
      };
    },

    retrievability(progress, at) {
      if (progress.memory.state === 'new') return 0;
      return engine.get_retrievability(toFsrsCard(progress.memory), new Date(at), false);
    },
  };
}

/**
 * ts-fsrs caps each interval at the maximum but then keeps Hard < Good < Easy
 * apart by a day each, so with a cap of 10 days Good can come out at 11 and
 * Easy at 12. A maximum the learner set should hold, so we cap once more.
 */
function capInterval(memory: MemoryState, reviewedAt: number, maximumInterval: number): MemoryState {
  if (memory.state !== 'review' || memory.scheduledDays <= maximumInterval) return memory;
  return { ...memory, scheduledDays: maximumInterval, due: reviewedAt + maximumInterval * DAY };
}

function assertNotBefore(progress: CardProgress, now: number): void {
  const last = progress.memory.lastReview;
  if (last !== null && now < last) {
    throw new SrsError(`card ${progress.cardId}: time ${now} is before its last review at ${last}`);
  }
}

/** Whether `memory` is exactly the state `record` produced. */
function leftBehindBy(memory: MemoryState, record: ReviewRecord): boolean {
  return (
    memory.lastReview === record.review &&
    memory.due === record.due &&
    memory.state === record.state &&
    memory.stability === record.stability &&
    memory.difficulty === record.difficulty &&
    memory.elapsedDays === record.elapsedDays &&
    memory.scheduledDays === record.scheduledDays &&
    memory.learningSteps === record.learningSteps &&
    memory.reps === record.before.reps + 1
  );
}

function sameMemory(a: MemoryState, b: MemoryState): boolean {
  return (Object.keys(b) as (keyof MemoryState)[]).every((key) => a[key] === b[key]);
}

/** Suspends a card; its memory is untouched, so unsuspending resumes where it was. */
export function suspend(p: CardProgress): CardProgress {
  return { ...p, suspended: true };
}

/** Lets a card be studied again. A leech stays flagged as one, so the learner can still see it is hard. */
export function unsuspend(p: CardProgress): CardProgress {
  return { ...p, suspended: false };
}

/**
 * An interval as short text for a grade button, the way Anki prints it:
 * whole minutes, hours and days, then months (30 days) and years (365 days)
 * to one decimal.
 *
 * @example formatInterval(10 * 60_000) === '10m'; formatInterval(45 * 86_400_000) === '1.5mo'
 */
export function formatInterval(ms: number): string {
  if (!(ms >= MINUTE)) return '<1m';
  const minutes = Math.round(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.round(ms / HOUR);
  if (hours < 24) return `${hours}h`;
  const days = Math.round(ms / DAY);
  if (days < 30) return `${days}d`;
  if (ms < 365 * DAY) return `${oneDecimal(ms / (30 * DAY))}mo`;
  return `${oneDecimal(ms / (365 * DAY))}y`;
}

function oneDecimal(value: number): string {
  return String(Math.round(value * 10) / 10);
}

const FSRS_GRADE: Record<Grade, FsrsGrade> = {
  1: Rating.Again,
  2: Rating.Hard,
  3: Rating.Good,
  4: Rating.Easy,
};

const STATE_NAME: Record<State, CardStateName> = {
  [State.New]: 'new',
  [State.Learning]: 'learning',
  [State.Review]: 'review',
  [State.Relearning]: 'relearning',
};

const FSRS_STATE: Record<CardStateName, State> = {
  new: State.New,
  learning: State.Learning,
  review: State.Review,
  relearning: State.Relearning,
};

/** Our stored memory state as the card object ts-fsrs works on. */
export function toFsrsCard(memory: MemoryState): Card {
  const card: Card = {
    due: new Date(memory.due),
    stability: memory.stability,
    difficulty: memory.difficulty,
    elapsed_days: memory.elapsedDays,
    scheduled_days: memory.scheduledDays,
    learning_steps: memory.learningSteps,
    reps: memory.reps,
    lapses: memory.lapses,
    state: FSRS_STATE[memory.state],
  };
  if (memory.lastReview !== null) card.last_review = new Date(memory.lastReview);
  return card;
}

/** A ts-fsrs card as the memory state we store. */
export function fromFsrsCard(card: Card): MemoryState {
  return {
    due: card.due.getTime(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: STATE_NAME[card.state],
    lastReview: card.last_review ? card.last_review.getTime() : null,
  };
}

/**
 * The review log ts-fsrs would have written for `record`: its log describes
 * the card before the review, with the previous last review (or, for a new
 * card, the previous due date) in `due`.
 */
function toFsrsLog(record: ReviewRecord): ReviewLog {
  const before = record.before;
  return {
    rating: FSRS_GRADE[record.grade],
    state: FSRS_STATE[before.state],
    due: new Date(before.lastReview ?? before.due),
    stability: before.stability,
    difficulty: before.difficulty,
    elapsed_days: record.elapsedDays,
    last_elapsed_days: record.lastElapsedDays,
    scheduled_days: before.scheduledDays,
    learning_steps: before.learningSteps,
    review: new Date(record.review),
  };
}
