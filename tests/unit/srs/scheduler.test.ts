import { describe, expect, it } from 'vitest';
import {
  createEmptyCard,
  fsrs,
  generatorParameters,
  GenSeedStrategyWithCardId,
  Rating,
  StrategyMode,
  type Card,
  type Grade as FsrsGrade,
  type StepUnit,
} from 'ts-fsrs';
import {
  createScheduler,
  formatInterval,
  fuzzSeed,
  newProgress,
  suspend,
  toFsrsCard,
  unsuspend,
  type Scheduler,
} from '../../../src/lib/srs/scheduler.ts';
import {
  DEFAULT_SRS_SETTINGS,
  SrsError,
  type CardProgress,
  type Grade,
  type ReviewRecord,
  type SrsSettings,
} from '../../../src/lib/srs/types.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 0, 5, 9);

const settings = (patch: Partial<SrsSettings> = {}): SrsSettings => ({ ...DEFAULT_SRS_SETTINGS, ...patch });

const FSRS_RATING: Record<Grade, FsrsGrade> = { 1: Rating.Again, 2: Rating.Hard, 3: Rating.Good, 4: Rating.Easy };

interface Step {
  progress: CardProgress;
  record: ReviewRecord;
}

/** Grades in turn, each `late` ms after the card comes due (the first at `start`). */
function run(scheduler: Scheduler, start: CardProgress, grades: Grade[], at = T0, late = 3 * HOUR): Step[] {
  const steps: Step[] = [];
  let progress = start;
  let now = at;
  for (const grade of grades) {
    const step = scheduler.grade(progress, grade, now);
    steps.push(step);
    progress = step.progress;
    now = progress.memory.due + late;
  }
  return steps;
}

function last<T>(items: T[]): T {
  const item = items[items.length - 1];
  if (item === undefined) throw new Error('empty list');
  return item;
}

/** A card in review: graded Easy when new. */
function reviewCard(scheduler: Scheduler, cardId: string): CardProgress {
  return scheduler.grade(newProgress(cardId, T0), 4, T0).progress;
}

/** Lapses a review card `times` times: Again at its due time, then Good out of relearning. */
function lapse(scheduler: Scheduler, start: CardProgress, times: number): { progress: CardProgress; lapses: ReviewRecord[] } {
  let progress = start;
  const lapses: ReviewRecord[] = [];
  for (let i = 0; i < times; i++) {
    const again = scheduler.grade(progress, 1, progress.memory.due);
    lapses.push(again.record);
    progress = scheduler.grade(again.progress, 3, again.progress.memory.due).progress;
  }
  return { progress, lapses };
}

describe('scheduling matches ts-fsrs', () => {
  // The brief's sequence, then three more Goods so that intervals reach the fuzzed range.
  const grades: Grade[] = [3, 3, 1, 2, 4, 3, 3, 3];

  it.each([
    ['defaults', settings()],
    ['without fuzz, other retention, cap and steps', settings({ enableFuzz: false, desiredRetention: 0.85, maximumInterval: 365, learningSteps: ['5m', '1h'], relearningSteps: ['20m', '1h'] })],
    ['another seed', settings({ seed: 'elsewhere' })],
  ])('gives the due, stability and difficulty of ts-fsrs itself (%s)', (_name, s) => {
    const ours = run(createScheduler(s), newProgress('c1', T0), grades);

    const engine = fsrs(
      generatorParameters({
        request_retention: s.desiredRetention,
        maximum_interval: s.maximumInterval,
        enable_fuzz: s.enableFuzz,
        enable_short_term: true,
        learning_steps: s.learningSteps as StepUnit[],
        relearning_steps: s.relearningSteps as StepUnit[],
      }),
    ).useStrategy(StrategyMode.SEED, GenSeedStrategyWithCardId('cid'));
    let card: Card & { cid: string } = { ...createEmptyCard(T0), cid: `${s.seed}/c1/` };
    let now = T0;
    grades.forEach((grade, i) => {
      const next = engine.next(card, new Date(now), FSRS_RATING[grade]).card;
      const mine = ours[i]?.progress.memory;
      expect(mine?.due, `grade ${i + 1}`).toBe(next.due.getTime());
      expect(mine?.stability, `grade ${i + 1}`).toBe(next.stability);
      expect(mine?.difficulty, `grade ${i + 1}`).toBe(next.difficulty);
      expect(mine?.scheduledDays, `grade ${i + 1}`).toBe(next.scheduled_days);
      card = { ...next, cid: card.cid };
      now = next.due.getTime() + 3 * HOUR;
    });
    // The comparison covers fuzzed intervals, not only the short ones fuzz leaves
    // alone, and stays under the cap, where we deliberately differ (see below).
    const longest = Math.max(...ours.map((step) => step.progress.memory.scheduledDays));
    expect(longest).toBeGreaterThanOrEqual(3);
    expect(longest).toBeLessThan(s.maximumInterval);
  });

  it('builds the fuzz seed from settings.seed, the card id and its review count', () => {
    expect(fuzzSeed('vaultcards', 'c1', 3)).toBe('vaultcards/c1/3');
    expect(fuzzSeed('vaultcards', 'a1', 2)).not.toBe(fuzzSeed('vaultcards', 'a', 12));
  });

  it('is repeatable: the same call twice gives the same result', () => {
    const scheduler = createScheduler(settings());
    const card = run(scheduler, newProgress('c9', T0), [3, 3, 3]);
    const progress = last(card).progress;
    const at = progress.memory.due + DAY;
    expect(scheduler.grade(progress, 3, at)).toStrictEqual(scheduler.grade(progress, 3, at));
  });
});

describe('learning steps and preview', () => {
  const scheduler = createScheduler(settings());

  it('puts a new card graded Again 1 minute out and Good 10 minutes out', () => {
    const again = scheduler.grade(newProgress('c1', T0), 1, T0).progress.memory;
    expect(again.due).toBe(T0 + MINUTE);
    expect(again.state).toBe('learning');
    const good = scheduler.grade(newProgress('c1', T0), 3, T0).progress.memory;
    expect(good.due).toBe(T0 + 10 * MINUTE);
    expect(good.state).toBe('learning');
    expect(good.learningSteps).toBe(1);
  });

  it('graduates a card that passes its last learning step', () => {
    const [, second] = run(scheduler, newProgress('c1', T0), [3, 3], T0, 0);
    expect(second?.progress.memory.state).toBe('review');
    expect(second?.progress.memory.scheduledDays).toBe(2);
  });

  it('labels each button with the interval the grade then gives', () => {
    const fresh = newProgress('c1', T0);
    const preview = scheduler.preview(fresh, T0);
    expect(Object.values(preview).map((p) => p.label)).toEqual(['1m', '6m', '10m', '8d']);
    for (const grade of [1, 2, 3, 4] as const) {
      const { progress } = scheduler.grade(fresh, grade, T0);
      expect(progress.memory.due).toBe(preview[grade].due);
      expect(formatInterval(progress.memory.due - T0)).toBe(preview[grade].label);
    }
  });

  it('previews a review card exactly as it is then graded, fuzz included', () => {
    const progress = last(run(scheduler, newProgress('c2', T0), [3, 3, 3, 3])).progress;
    expect(progress.memory.state).toBe('review');
    const now = progress.memory.due + 5 * HOUR;
    const preview = scheduler.preview(progress, now);
    for (const grade of [1, 2, 3, 4] as const) {
      expect(scheduler.grade(progress, grade, now).progress.memory.due).toBe(preview[grade].due);
    }
    expect(preview[1].label).toBe('10m');
  });

  it('uses custom steps', () => {
    const custom = createScheduler(settings({ learningSteps: ['5m', '1h', '3h'] }));
    const labels = Object.values(custom.preview(newProgress('c1', T0), T0)).map((p) => p.label);
    expect(labels.slice(0, 3)).toEqual(['5m', '33m', '1h']);
  });

  it('refuses a grade that is not after the last review', () => {
    const progress = scheduler.grade(newProgress('c1', T0), 3, T0).progress;
    expect(() => scheduler.grade(progress, 3, T0)).toThrow(SrsError);
    expect(() => scheduler.grade(progress, 3, T0 - MINUTE)).toThrow(/must come after its last review/);
    expect(() => scheduler.preview(progress, T0 - MINUTE)).toThrow(SrsError);
  });
});

describe('settings', () => {
  /** The Good interval of a card graded Easy when new and Good when due. */
  function goodInterval(s: SrsSettings): number {
    const scheduler = createScheduler(s);
    const card = reviewCard(scheduler, 'c1');
    return scheduler.grade(card, 3, card.memory.due).progress.memory.scheduledDays;
  }

  it('gives longer intervals for a lower desired retention', () => {
    const low = goodInterval(settings({ enableFuzz: false, desiredRetention: 0.8 }));
    const mid = goodInterval(settings({ enableFuzz: false, desiredRetention: 0.9 }));
    const high = goodInterval(settings({ enableFuzz: false, desiredRetention: 0.95 }));
    expect([low, mid, high]).toEqual([246, 39, 9]);
  });

  it('caps intervals at the maximum interval', () => {
    const easy: Grade[] = [4, 4, 4, 4, 4, 4];
    const capped = run(createScheduler(settings({ maximumInterval: 10 })), newProgress('c1', T0), easy);
    const free = run(createScheduler(settings()), newProgress('c1', T0), easy);
    const cappedDays = capped.map((s) => s.progress.memory.scheduledDays);
    expect(Math.max(...cappedDays)).toBe(10);
    expect(last(capped).progress.memory.due).toBe(last(capped).record.review + 10 * DAY);
    expect(Math.max(...free.map((s) => s.progress.memory.scheduledDays))).toBeGreaterThan(100);
  });

  it('holds the cap where ts-fsrs would go past it to keep Good and Easy apart', () => {
    const scheduler = createScheduler(settings({ maximumInterval: 10 }));
    const steps = run(scheduler, newProgress('c1', T0), [4, 4, 4]);
    const card = last(steps).progress;
    expect(card.memory.scheduledDays).toBe(10);
    const now = card.memory.due;
    const preview = scheduler.preview(card, now);
    expect([preview[2].label, preview[3].label, preview[4].label]).toEqual(['9d', '10d', '10d']);
    const engine = fsrs(generatorParameters({ maximum_interval: 10, enable_fuzz: true })).useStrategy(
      StrategyMode.SEED,
      GenSeedStrategyWithCardId('cid'),
    );
    const seeded: Card & { cid: string } = { ...toFsrsCard(card.memory), cid: 'vaultcards/c1/' };
    const theirs = engine.repeat(seeded, new Date(now));
    expect([theirs[Rating.Hard], theirs[Rating.Good], theirs[Rating.Easy]].map((r) => r.card.scheduled_days)).toEqual([9, 10, 11]);
  });

  it('rejects settings ts-fsrs would misread or refuse', () => {
    expect(() => createScheduler(settings({ learningSteps: ['1.5m'] }))).toThrow(/learningSteps: "1.5m"/);
    expect(() => createScheduler(settings({ relearningSteps: ['10'] }))).toThrow(SrsError);
    expect(() => createScheduler(settings({ desiredRetention: 1 }))).toThrow(/desiredRetention/);
    expect(() => createScheduler(settings({ maximumInterval: 0 }))).toThrow(/maximumInterval/);
  });
});

describe('fuzz', () => {
  const ids = Array.from({ length: 40 }, (_, i) => `card-${i}`);
  /** Each card after Good, Good, Good, Good: intervals long enough to be fuzzed. */
  const dues = (s: SrsSettings) => {
    const scheduler = createScheduler(s);
    return ids.map((id) => last(run(scheduler, newProgress(id, T0), [3, 3, 3, 3])).progress.memory.due);
  };

  it('gives the same dues from two scheduler instances with the same seed', () => {
    expect(dues(settings())).toEqual(dues(settings()));
  });

  it('gives different dues for some cards under another seed', () => {
    const a = dues(settings());
    const b = dues(settings({ seed: 'another device' }));
    expect(a.filter((due, i) => due !== b[i]).length).toBeGreaterThan(0);
  });

  it('is active: turning it off changes some dues, and differs across cards', () => {
    const on = dues(settings());
    const off = dues(settings({ enableFuzz: false }));
    expect(on.filter((due, i) => due !== off[i]).length).toBeGreaterThan(0);
    // Without fuzz every card follows the same path; with it they spread.
    expect(new Set(off).size).toBe(1);
    expect(new Set(on).size).toBeGreaterThan(1);
  });
});

describe('undo', () => {
  const scheduler = createScheduler(settings());

  it('walks back several grades to exactly the earlier progress', () => {
    const start = newProgress('c1', T0);
    const steps = run(scheduler, start, [3, 3, 1, 2, 4, 3, 1]);
    const history = [start, ...steps.map((s) => s.progress)];
    let progress = last(history);
    for (let i = steps.length - 1; i >= 0; i--) {
      progress = scheduler.undo(progress, steps[i]!.record);
      expect(progress, `undo of grade ${i + 1}`).toStrictEqual(history[i]);
    }
    expect(progress).toStrictEqual(start);
  });

  it('restores the due date ts-fsrs rollback cannot know', () => {
    const steps = run(scheduler, newProgress('c1', T0), [4, 3]);
    const good = last(steps);
    const before = good.record.before;
    // The review came 3 hours after the due date; ts-fsrs rollback would put due at the review time.
    expect(good.record.review).toBe(before.due + 3 * HOUR);
    const undone = scheduler.undo(good.progress, good.record);
    expect(undone.memory.due).toBe(before.due);
    expect(undone).toStrictEqual(steps[0]?.progress);
  });

  it('undoes the grade that made a leech: not suspended, not a leech', () => {
    const { progress, lapses } = lapse(scheduler, reviewCard(scheduler, 'c1'), 7);
    expect(progress.memory.lapses).toBe(7);
    const eighth = scheduler.grade(progress, 1, progress.memory.due);
    expect(eighth.progress.suspended).toBe(true);
    expect(eighth.progress.leech).toBe(true);
    expect(lapses.every((r) => !r.madeLeech)).toBe(true);
    expect(scheduler.undo(eighth.progress, eighth.record)).toStrictEqual(progress);
  });

  it('keeps a manual suspension that was there before the grade', () => {
    const card = suspend(newProgress('c1', T0));
    const { progress, record } = scheduler.grade(card, 3, T0);
    expect(record.wasSuspended).toBe(true);
    expect(scheduler.undo(unsuspend(progress), record)).toStrictEqual(card);
  });

  it('refuses a record that is not the card’s latest grade, or is another card’s', () => {
    const steps = run(scheduler, newProgress('c1', T0), [3, 3, 3]);
    expect(() => scheduler.undo(last(steps).progress, steps[1]!.record)).toThrow(/is not its latest/);
    const other = scheduler.grade(newProgress('c2', T0), 3, T0);
    expect(() => scheduler.undo(last(steps).progress, other.record)).toThrow(SrsError);
  });

  it('refuses a record whose before-state does not fit the card, as ts-fsrs rollback sees it', () => {
    const { progress, record } = last(run(scheduler, newProgress('c1', T0), [3, 3, 1]));
    const corrupt = { ...record, before: { ...record.before, lapses: 5 } };
    expect(() => scheduler.undo(progress, corrupt)).toThrow(/disagrees with ts-fsrs rollback/);
  });
});

describe('records', () => {
  const scheduler = createScheduler(settings());

  it('describe the grade: uid, before, the state after, and the duration when given', () => {
    const fresh = newProgress('c1', T0);
    const { progress, record } = scheduler.grade(fresh, 3, T0 + 5 * MINUTE, 4200);
    expect(record).toStrictEqual({
      uid: `c1@${T0 + 5 * MINUTE}`,
      cardId: 'c1',
      grade: 3,
      review: T0 + 5 * MINUTE,
      before: fresh.memory,
      state: 'learning',
      due: T0 + 15 * MINUTE,
      stability: progress.memory.stability,
      difficulty: progress.memory.difficulty,
      elapsedDays: 0,
      lastElapsedDays: 0,
      scheduledDays: 0,
      learningSteps: 1,
      madeLeech: false,
      wasSuspended: false,
      durationMs: 4200,
    });
    expect('durationMs' in scheduler.grade(fresh, 3, T0).record).toBe(false);
  });

  it('count elapsed days between reviews', () => {
    const steps = run(scheduler, newProgress('c1', T0), [4, 3], T0, 2 * DAY);
    expect(last(steps).record.elapsedDays).toBe(steps[0]!.progress.memory.scheduledDays + 2);
  });
});

describe('leeches', () => {
  const scheduler = createScheduler(settings());

  it('suspends a card and flags it a leech at its 8th lapse', () => {
    const { progress, lapses } = lapse(scheduler, reviewCard(scheduler, 'c1'), 8);
    expect(lapses.map((r) => r.madeLeech)).toEqual([false, false, false, false, false, false, false, true]);
    expect(lapses[7]?.before.lapses).toBe(7);
    expect(progress.memory.lapses).toBe(8);
    expect(progress.suspended).toBe(true);
    expect(progress.leech).toBe(true);
  });

  it('does not suspend an unsuspended leech again at its next lapse', () => {
    const { progress } = lapse(scheduler, reviewCard(scheduler, 'c1'), 8);
    const { progress: after, lapses } = lapse(scheduler, unsuspend(progress), 1);
    expect(lapses[0]?.madeLeech).toBe(false);
    expect(after.suspended).toBe(false);
    expect(after.leech).toBe(true);
    expect(after.memory.lapses).toBe(9);
  });

  it('follows a custom threshold, and 0 turns the rule off', () => {
    const three = createScheduler(settings({ leechLapses: 3 }));
    expect(lapse(three, reviewCard(three, 'c1'), 3).lapses.map((r) => r.madeLeech)).toEqual([false, false, true]);
    const off = createScheduler(settings({ leechLapses: 0 }));
    const { progress } = lapse(off, reviewCard(off, 'c1'), 10);
    expect([progress.suspended, progress.leech]).toEqual([false, false]);
  });

  it('does not count Again in (re)learning as a lapse', () => {
    const steps = run(scheduler, newProgress('c1', T0), [1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(last(steps).progress.memory.lapses).toBe(0);
    expect(last(steps).progress.leech).toBe(false);
  });
});

describe('suspend and unsuspend', () => {
  it('flip the suspended flag and leave memory and the original alone', () => {
    const card = createScheduler(settings()).grade(newProgress('c1', T0), 3, T0).progress;
    const suspended = suspend(card);
    expect(suspended.suspended).toBe(true);
    expect(suspended.memory).toStrictEqual(card.memory);
    expect(card.suspended).toBe(false);
    expect(unsuspend(suspended)).toStrictEqual(card);
  });

  it('keep a leech flagged when it is unsuspended', () => {
    const leech: CardProgress = { ...newProgress('c1', T0), suspended: true, leech: true };
    expect(unsuspend(leech)).toMatchObject({ suspended: false, leech: true });
  });
});

describe('retrievability', () => {
  const scheduler = createScheduler(settings({ enableFuzz: false }));

  it('is 0 for a new card', () => {
    expect(scheduler.retrievability(newProgress('c1', T0), T0 + DAY)).toBe(0);
  });

  it('starts at 1, is near the desired retention when due, then keeps falling', () => {
    const card = reviewCard(scheduler, 'c1');
    const progress = scheduler.grade(card, 3, card.memory.due).progress;
    expect(scheduler.retrievability(progress, progress.memory.lastReview ?? 0)).toBe(1);
    expect(scheduler.retrievability(progress, progress.memory.due)).toBeCloseTo(0.9, 2);
    expect(scheduler.retrievability(progress, progress.memory.due + 30 * DAY)).toBeCloseTo(0.856, 3);
  });

  it('agrees with ts-fsrs', () => {
    const card = reviewCard(scheduler, 'c1');
    const at = card.memory.due + 3 * DAY;
    const engine = fsrs(generatorParameters({ enable_fuzz: false }));
    expect(scheduler.retrievability(card, at)).toBe(engine.get_retrievability(toFsrsCard(card.memory), new Date(at), false));
  });
});

describe('formatInterval', () => {
  it.each([
    [0, '<1m'],
    [-5 * MINUTE, '<1m'],
    [59_999, '<1m'],
    [MINUTE, '1m'],
    [10 * MINUTE, '10m'],
    [59 * MINUTE, '59m'],
    [2 * HOUR, '2h'],
    [90 * MINUTE, '2h'],
    [DAY, '1d'],
    [12 * DAY, '12d'],
    [30 * DAY, '1mo'],
    [45 * DAY, '1.5mo'],
    [365 * DAY, '1y'],
    [Math.round(2.1 * 365 * DAY), '2.1y'],
  ])('%i ms is %s', (ms, label) => {
    expect(formatInterval(ms)).toBe(label);
  });
});
