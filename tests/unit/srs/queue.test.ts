import { describe, expect, it } from 'vitest';
import {
  buildQueue,
  countToday,
  endOfStudyDay,
  startOfStudyDay,
  unreadCannotChange,
  type DayCounts,
  type QueueCard,
  type QueueFilter,
  type UnreadProgress,
} from '../../../src/lib/srs/queue.ts';
import { createRng } from '../../../bench/prng.ts';
import { createScheduler, newProgress } from '../../../src/lib/srs/scheduler.ts';
import {
  DEFAULT_SRS_SETTINGS,
  SrsError,
  type CardProgress,
  type CardStateName,
  type MemoryState,
  type SrsSettings,
} from '../../../src/lib/srs/types.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** 2026-01-05 09:00 UTC; the study day (UTC, 4am) started at 04:00. */
const NOW = Date.UTC(2026, 0, 5, 9);
const DAY_START = Date.UTC(2026, 0, 5, 4);
const DAY_END = DAY_START + DAY;
const NONE: DayCounts = { newStudied: 0, reviewsDone: 0 };

const settings = (patch: Partial<SrsSettings> = {}): SrsSettings => ({ ...DEFAULT_SRS_SETTINGS, ...patch });

function card(id: string, noteId = 'n1', sectionId = 's1', tags: string[] = []): QueueCard {
  return { id, noteId, sectionId, tags };
}

function cards(prefix: string, count: number): QueueCard[] {
  return Array.from({ length: count }, (_, i) => card(`${prefix}${i}`));
}

function progress(cardId: string, state: CardStateName, due: number, flags: Partial<CardProgress> = {}): CardProgress {
  const memory: MemoryState = {
    due,
    stability: state === 'new' ? 0 : 5,
    difficulty: state === 'new' ? 0 : 5,
    elapsedDays: 0,
    scheduledDays: state === 'review' ? 5 : 0,
    learningSteps: 0,
    reps: state === 'new' ? 0 : 3,
    lapses: 0,
    state,
    lastReview: state === 'new' ? null : due - 5 * DAY,
  };
  return { cardId, memory, suspended: false, leech: false, retired: false, addedAt: NOW - 30 * DAY, ...flags };
}

function byId(entries: CardProgress[]): Map<string, CardProgress> {
  return new Map(entries.map((p) => [p.cardId, p]));
}

describe('buildQueue: daily limits', () => {
  it('takes 20 new cards a day by default, in the order given', () => {
    const q = buildQueue(cards('n', 30), new Map(), settings(), NOW, DAY_START, NONE);
    expect(q.new).toEqual(Array.from({ length: 20 }, (_, i) => `n${i}`));
    expect(q.counts).toEqual({ learning: 0, review: 0, new: 20, dueToday: 20, learningLater: 0 });
    expect(q.nextDue).toBeNull();
  });

  it('follows a custom new-card limit', () => {
    const q = buildQueue(cards('n', 30), new Map(), settings({ newPerDay: 5 }), NOW, DAY_START, NONE);
    expect(q.new).toEqual(['n0', 'n1', 'n2', 'n3', 'n4']);
  });

  it('counts progress entries still in the new state as new', () => {
    const all = cards('n', 3);
    const q = buildQueue(all, byId([progress('n1', 'new', NOW)]), settings(), NOW, DAY_START, NONE);
    expect(q.new).toEqual(['n0', 'n1', 'n2']);
  });

  it('takes what was studied today off the new-card limit', () => {
    const all = cards('n', 30);
    expect(buildQueue(all, new Map(), settings(), NOW, DAY_START, { newStudied: 18, reviewsDone: 0 }).new).toEqual(['n0', 'n1']);
    expect(buildQueue(all, new Map(), settings(), NOW, DAY_START, { newStudied: 25, reviewsDone: 0 }).new).toEqual([]);
  });

  it('caps reviews at 200 a day, less those already done', () => {
    const all = cards('r', 250);
    const entries = byId(all.map((c, i) => progress(c.id, 'review', NOW - i * HOUR)));
    const q = buildQueue(all, entries, settings(), NOW, DAY_START, NONE);
    expect(q.review).toHaveLength(200);
    expect(q.counts.review).toBe(200);
    // Oldest due first: r249 has been due longest.
    expect(q.review.slice(0, 3)).toEqual(['r249', 'r248', 'r247']);
    const later = buildQueue(all, entries, settings(), NOW, DAY_START, { newStudied: 0, reviewsDone: 190 });
    expect(later.review).toEqual(['r249', 'r248', 'r247', 'r246', 'r245', 'r244', 'r243', 'r242', 'r241', 'r240']);
    expect(buildQueue(all, entries, settings({ reviewsPerDay: 3 }), NOW, DAY_START, NONE).review).toEqual(['r249', 'r248', 'r247']);
  });

  it('does not limit learning cards', () => {
    const all = cards('l', 300);
    const entries = byId(all.map((c) => progress(c.id, 'learning', NOW - MINUTE)));
    const q = buildQueue(all, entries, settings(), NOW, DAY_START, { newStudied: 20, reviewsDone: 200 });
    expect(q.learning).toHaveLength(300);
  });
});

describe('buildQueue: what is due and in which order', () => {
  const all = [card('new1'), card('rev-later-today'), card('learn-old'), card('rev-old'), card('learn-new'), card('new2'), card('relearn'), card('rev-tomorrow')];
  const entries = byId([
    progress('rev-later-today', 'review', NOW + 6 * HOUR),
    progress('learn-old', 'learning', NOW - 20 * MINUTE),
    progress('rev-old', 'review', NOW - 3 * DAY),
    progress('learn-new', 'learning', NOW - MINUTE),
    progress('relearn', 'relearning', NOW - 5 * MINUTE),
    progress('rev-tomorrow', 'review', DAY_END + HOUR),
  ]);

  it('puts learning cards by due, reviews due today oldest first, then new cards as given', () => {
    const q = buildQueue(all, entries, settings(), NOW, DAY_START, NONE);
    expect(q.learning).toEqual(['learn-old', 'relearn', 'learn-new']);
    expect(q.review).toEqual(['rev-old', 'rev-later-today']);
    expect(q.new).toEqual(['new1', 'new2']);
    expect(q.counts).toEqual({ learning: 3, review: 2, new: 2, dueToday: 7, learningLater: 0 });
    expect(q.nextDue).toBeNull();
  });

  it('keeps learning cards due later today out of `learning`, counting them apart', () => {
    const later = byId([progress('a', 'learning', NOW + 10 * MINUTE), progress('b', 'relearning', NOW + 2 * MINUTE), progress('c', 'review', NOW)]);
    const q = buildQueue([card('a'), card('b'), card('c')], later, settings(), NOW, DAY_START, NONE);
    expect(q.learning).toEqual([]);
    expect(q.review).toEqual(['c']);
    expect(q.counts.learningLater).toBe(2);
    expect(q.counts.dueToday).toBe(1);
    expect(q.nextDue).toBeNull();
  });

  it('leaves suspended and retired cards out, whatever their state', () => {
    const mixed = [card('s-new'), card('r-new'), card('s-rev'), card('r-rev'), card('s-learn'), card('r-learn'), card('ok')];
    const flagged = byId([
      progress('s-new', 'new', NOW, { suspended: true }),
      progress('r-new', 'new', NOW, { retired: true }),
      progress('s-rev', 'review', NOW - DAY, { suspended: true, leech: true }),
      progress('r-rev', 'review', NOW - DAY, { retired: true }),
      progress('s-learn', 'learning', NOW - MINUTE, { suspended: true }),
      progress('r-learn', 'relearning', NOW - MINUTE, { retired: true }),
    ]);
    const q = buildQueue(mixed, flagged, settings(), NOW, DAY_START, NONE);
    expect([q.learning, q.review, q.new]).toEqual([[], [], ['ok']]);
    expect(q.counts.dueToday).toBe(1);
  });

  it('studies an unsuspended leech again', () => {
    const leech = byId([progress('x', 'review', NOW - DAY, { leech: true })]);
    expect(buildQueue([card('x')], leech, settings(), NOW, DAY_START, NONE).review).toEqual(['x']);
  });
});

describe('buildQueue: filter', () => {
  const all = [
    card('a', 'storage', 'backup', ['aws/backup', 'exam']),
    card('b', 'storage', 'vault', ['aws/backup']),
    card('c', 'compute', 'ec2', ['exam']),
    card('d', 'compute', 'lambda', []),
  ];
  const ids = (filter: Parameters<typeof buildQueue>[6]) => buildQueue(all, new Map(), settings(), NOW, DAY_START, NONE, filter).new;

  it('keeps everything for an empty filter or empty lists', () => {
    expect(ids({})).toEqual(['a', 'b', 'c', 'd']);
    expect(ids({ noteIds: [], sectionIds: [], tags: [] })).toEqual(['a', 'b', 'c', 'd']);
  });

  it('matches any listed value of one kind', () => {
    expect(ids({ noteIds: ['compute'] })).toEqual(['c', 'd']);
    expect(ids({ sectionIds: ['vault', 'lambda'] })).toEqual(['b', 'd']);
    expect(ids({ tags: ['exam', 'nothing'] })).toEqual(['a', 'c']);
  });

  it('needs every kind given to match', () => {
    expect(ids({ noteIds: ['storage'], tags: ['exam'] })).toEqual(['a']);
    expect(ids({ noteIds: ['storage', 'compute'], sectionIds: ['ec2', 'vault'], tags: ['aws/backup'] })).toEqual(['b']);
    expect(ids({ noteIds: ['compute'], tags: ['aws/backup'] })).toEqual([]);
  });

  it('filters learning and review cards too', () => {
    const entries = byId([progress('a', 'learning', NOW - MINUTE), progress('c', 'review', NOW - DAY)]);
    const q = buildQueue(all, entries, settings(), NOW, DAY_START, NONE, { noteIds: ['compute'] });
    expect([q.learning, q.review, q.new]).toEqual([[], ['c'], ['d']]);
  });
});

describe('buildQueue: nextDue when nothing is due', () => {
  it('is null when there are no cards at all', () => {
    const q = buildQueue([], new Map(), settings(), NOW, DAY_START, NONE);
    expect(q.nextDue).toBeNull();
    expect(q.counts.dueToday).toBe(0);
  });

  it('is the due time of the next learning step', () => {
    const entries = byId([progress('a', 'learning', NOW + 10 * MINUTE), progress('b', 'relearning', NOW + 4 * MINUTE), progress('c', 'review', DAY_END + 5 * DAY)]);
    const q = buildQueue([card('a'), card('b'), card('c')], entries, settings(), NOW, DAY_START, NONE);
    expect(q.learning).toEqual([]);
    expect(q.counts.learningLater).toBe(2);
    expect(q.nextDue).toBe(NOW + 4 * MINUTE);
  });

  it('is the start of the study day that brings the next review', () => {
    const tomorrow = byId([progress('a', 'review', DAY_END + 6 * HOUR)]);
    expect(buildQueue([card('a')], tomorrow, settings(), NOW, DAY_START, NONE).nextDue).toBe(DAY_END);
    const inThreeDays = byId([progress('a', 'review', DAY_END + 2 * DAY + HOUR)]);
    expect(buildQueue([card('a')], inThreeDays, settings(), NOW, DAY_START, NONE).nextDue).toBe(DAY_START + 3 * DAY);
  });

  it('is the next study day when a daily limit holds cards back', () => {
    const entries = byId([progress('r', 'review', NOW - DAY)]);
    const done: DayCounts = { newStudied: 20, reviewsDone: 200 };
    const q = buildQueue([card('r'), card('n')], entries, settings(), NOW, DAY_START, done);
    expect(q.counts.dueToday).toBe(0);
    expect(q.nextDue).toBe(DAY_END);
  });

  it('ignores cards a zero limit never lets through', () => {
    const q = buildQueue([card('n')], new Map(), settings({ newPerDay: 0 }), NOW, DAY_START, NONE);
    expect(q.nextDue).toBeNull();
  });

  it('ignores suspended and retired cards', () => {
    const entries = byId([progress('a', 'learning', NOW + MINUTE, { suspended: true }), progress('b', 'review', DAY_END + HOUR, { retired: true })]);
    expect(buildQueue([card('a'), card('b')], entries, settings(), NOW, DAY_START, NONE).nextDue).toBeNull();
  });
});

describe('buildQueue: speed', () => {
  it('builds a queue of 10,000 cards well under 50 ms', () => {
    const states: CardStateName[] = ['new', 'learning', 'review', 'relearning'];
    const all: QueueCard[] = Array.from({ length: 10_000 }, (_, i) => card(`c${i}`, `note${i % 50}`, `sec${i % 400}`, [`t${i % 7}`, 'exam']));
    // Deterministic spread of dues from a week ago to a week ahead.
    const entries = byId(all.map((c, i) => progress(c.id, states[i % 4] ?? 'new', NOW + (((i * 7919) % 20_160) - 10_080) * MINUTE, { suspended: i % 97 === 0 })));
    const filter = { tags: ['t1', 't3', 'exam'] };
    buildQueue(all, entries, settings(), NOW, DAY_START, NONE, filter);
    let best = Infinity;
    let q = buildQueue(all, entries, settings(), NOW, DAY_START, NONE, filter);
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      q = buildQueue(all, entries, settings(), NOW, DAY_START, NONE, filter);
      best = Math.min(best, performance.now() - start);
    }
    expect(q.review).toHaveLength(200);
    expect(q.new).toHaveLength(20);
    expect(q.learning.length).toBeGreaterThan(1000);
    expect(best).toBeLessThan(50);
  });
});


/** Leaves out the rows due after the day's end (as `openStudyDay` does), listing their cards as unread. */
function splitAtDayEnd(all: Map<string, CardProgress>, dueAfter: number): { read: Map<string, CardProgress>; unread: UnreadProgress } {
  const read = new Map<string, CardProgress>();
  const ids = new Set<string>();
  for (const [id, p] of all) {
    if (p.memory.due <= dueAfter) read.set(id, p);
    else ids.add(id);
  }
  return { read, unread: { cardIds: ids, dueAfter } };
}

describe('buildQueue: with the rows due after today left unread', () => {
  it('skips unread cards instead of taking them for new', () => {
    const all = byId([progress('r', 'review', NOW + 5 * DAY), progress('l', 'learning', NOW + 2 * DAY)]);
    const { read, unread } = splitAtDayEnd(all, DAY_END);
    const deck = [card('r'), card('l'), card('n')];
    const partial = buildQueue(deck, read, settings(), NOW, DAY_START, NONE, {}, unread);
    expect(partial.new).toEqual(['n']);
    expect(partial).toEqual(buildQueue(deck, all, settings(), NOW, DAY_START, NONE));
    expect(unreadCannotChange(partial, unread, DAY_START)).toBe(true);
  });

  it('says the queue may change when nothing is due now (nextDue needs every row) or the study day rolled over', () => {
    const all = byId([progress('r', 'review', DAY_END + 3 * DAY)]);
    const { read, unread } = splitAtDayEnd(all, DAY_END);
    const partial = buildQueue([card('r')], read, settings(), NOW, DAY_START, NONE, {}, unread);
    expect(partial.nextDue).toBeNull();
    expect(buildQueue([card('r')], all, settings(), NOW, DAY_START, NONE).nextDue).toBe(DAY_START + 3 * DAY);
    expect(unreadCannotChange(partial, unread, DAY_START)).toBe(false);

    // Read for yesterday: a row due after yesterday's end may be due today.
    const yesterday = splitAtDayEnd(byId([progress('r', 'review', DAY_START + HOUR)]), DAY_START);
    const rolled = buildQueue([card('r'), card('n')], yesterday.read, settings(), NOW, DAY_START, NONE, {}, yesterday.unread);
    expect(rolled.counts.dueToday).toBe(1);
    expect(unreadCannotChange(rolled, yesterday.unread, DAY_START)).toBe(false);
    expect(unreadCannotChange(rolled, null, DAY_START)).toBe(true);
    expect(unreadCannotChange(rolled, { cardIds: new Set(), dueAfter: 0 }, DAY_START)).toBe(true);
  });

  it('gives the queue of all rows whenever it says so, on 400 random decks, filters, limits and days', () => {
    const random = createRng(9).next;
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    let held = 0;
    let differed = 0;
    for (let round = 0; round < 400; round++) {
      const deck: QueueCard[] = Array.from({ length: 5 + Math.floor(random() * 60) }, (_, i) => card(`c${i}`, pick(['n1', 'n2']), pick(['s1', 's2']), random() < 0.3 ? ['t'] : []));
      const rows: CardProgress[] = [];
      for (const c of deck) {
        if (random() < 0.25) continue;
        const state = pick<CardStateName>(['new', 'learning', 'review', 'review', 'relearning']);
        // A row still new was written at its writer's now: never due after today's end (see unreadCannotChange).
        const due = state === 'new' ? NOW - Math.floor(random() * 5 * DAY) : NOW + Math.floor((random() - 0.3) * 6 * DAY);
        rows.push(progress(c.id, state, due, { suspended: random() < 0.1, retired: random() < 0.1 }));
      }
      // Rows of cards no longer generated stay stored.
      for (let i = 0; i < 3; i++) rows.push(progress(`gone${i}`, 'review', NOW + Math.floor((random() - 0.3) * 6 * DAY)));
      const all = byId(rows);
      // Read for today, or for yesterday (the day rolled over since the rows were read).
      const dueAfter = random() < 0.8 ? DAY_END : DAY_START;
      const { read, unread } = splitAtDayEnd(all, dueAfter);
      const limits = settings({ newPerDay: pick([0, 2, 20]), reviewsPerDay: pick([0, 3, 200]) });
      const today: DayCounts = { newStudied: pick([0, 1, 5]), reviewsDone: pick([0, 2]) };
      const filter: QueueFilter = pick([{}, { noteIds: ['n1'] }, { sectionIds: ['s2'] }, { tags: ['t'] }]);
      const full = buildQueue(deck, all, limits, NOW, DAY_START, today, filter);
      const partial = buildQueue(deck, read, limits, NOW, DAY_START, today, filter, unread);
      if (unreadCannotChange(partial, unread, DAY_START)) {
        held++;
        expect(partial, `round ${round}`).toEqual(full);
      } else if (JSON.stringify(partial) !== JSON.stringify(full)) {
        differed++;
      }
    }
    // Both sides were tried: queues that hold, and queues that would have been wrong.
    expect(held).toBeGreaterThan(100);
    expect(differed).toBeGreaterThan(20);
  });

  it('ends the study day 24 hours after it starts', () => {
    expect(endOfStudyDay(DAY_START)).toBe(DAY_END);
  });
});

describe('startOfStudyDay', () => {
  it('rolls over at 4am UTC by default offset 0', () => {
    expect(startOfStudyDay(Date.UTC(2026, 0, 5, 9), 0)).toBe(Date.UTC(2026, 0, 5, 4));
    expect(startOfStudyDay(Date.UTC(2026, 0, 5, 1), 0)).toBe(Date.UTC(2026, 0, 4, 4));
  });

  it('follows a zone east of UTC (UTC+10)', () => {
    // 19:00 local on the 5th: the day began at 04:00 local on the 5th, 18:00 UTC on the 4th.
    expect(startOfStudyDay(Date.UTC(2026, 0, 5, 9), 600)).toBe(Date.UTC(2026, 0, 4, 18));
    // 03:00 local on the 5th still belongs to the 4th's study day.
    expect(startOfStudyDay(Date.UTC(2026, 0, 4, 17), 600)).toBe(Date.UTC(2026, 0, 3, 18));
    // 04:00 local exactly starts a new day.
    expect(startOfStudyDay(Date.UTC(2026, 0, 4, 18), 600)).toBe(Date.UTC(2026, 0, 4, 18));
  });

  it('follows a zone west of UTC (UTC-5)', () => {
    // 03:59 local on the 5th: still the 4th's day, which began 09:00 UTC on the 4th.
    expect(startOfStudyDay(Date.UTC(2026, 0, 5, 8, 59), -300)).toBe(Date.UTC(2026, 0, 4, 9));
    // 04:00 local on the 5th.
    expect(startOfStudyDay(Date.UTC(2026, 0, 5, 9), -300)).toBe(Date.UTC(2026, 0, 5, 9));
    // 23:00 local on the 5th is 04:00 UTC on the 6th: a different calendar day in UTC, the same study day.
    expect(startOfStudyDay(Date.UTC(2026, 0, 6, 4), -300)).toBe(Date.UTC(2026, 0, 5, 9));
  });

  it('takes another rollover hour, and refuses one that is not an hour of the day', () => {
    expect(startOfStudyDay(Date.UTC(2026, 0, 5, 1), 0, 0)).toBe(Date.UTC(2026, 0, 5, 0));
    expect(startOfStudyDay(Date.UTC(2026, 0, 5, 1), 330, 6)).toBe(Date.UTC(2026, 0, 5, 0, 30));
    expect(() => startOfStudyDay(NOW, 0, 24)).toThrow(SrsError);
    expect(() => startOfStudyDay(NOW, 0, 4.5)).toThrow(/whole hour/);
  });
});

describe('countToday', () => {
  const record = (review: number, state: CardStateName) => ({ review, before: { ...newProgress('x', 0).memory, state } });

  it('counts grades of new cards and of review cards since the day started', () => {
    const counts = countToday(
      [
        record(DAY_START - 1, 'new'),
        record(DAY_START, 'new'),
        record(NOW, 'new'),
        record(NOW, 'review'),
        record(NOW + HOUR, 'review'),
        record(NOW, 'learning'),
        record(NOW, 'relearning'),
        record(DAY_END, 'review'),
      ],
      DAY_START,
    );
    expect(counts).toEqual({ newStudied: 2, reviewsDone: 2 });
  });

  it('feeds buildQueue: new cards studied today come off the limit', () => {
    const scheduler = createScheduler(settings({ newPerDay: 3 }));
    const all = cards('n', 5);
    const first = scheduler.grade(newProgress('n0', NOW), 3, NOW);
    const entries = byId([first.progress]);
    const today = countToday([first.record], DAY_START);
    expect(today).toEqual({ newStudied: 1, reviewsDone: 0 });
    const q = buildQueue(all, entries, settings({ newPerDay: 3 }), NOW + MINUTE, DAY_START, today);
    expect(q.new).toEqual(['n1', 'n2']);
    expect(q.counts.learningLater).toBe(1);
    expect(q.nextDue).toBeNull();
  });
});
