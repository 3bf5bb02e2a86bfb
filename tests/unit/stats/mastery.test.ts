import { describe, expect, it, vi } from 'vitest';
import { leeches, mastery, type MasteryRow } from '../../../src/lib/stats/index.ts';
import { createScheduler, newProgress } from '../../../src/lib/srs/scheduler.ts';
import { DEFAULT_SRS_SETTINGS, type CardProgress } from '../../../src/lib/srs/types.ts';
import { byId, card, DAY, MINUTE, progress } from './helpers.ts';

const NOW = Date.UTC(2026, 0, 10, 12);
const EMPTY: Omit<MasteryRow, 'key' | 'label'> = { cards: 0, new: 0, learning: 0, young: 0, mature: 0, suspended: 0, meanRecall: 0 };

describe('mastery with a fake recall', () => {
  const backup = { noteTitle: 'AWS backup' };
  const cards = [
    card('v1', 'backup', 'vault', ['concepts', 'backup vault'], backup),
    card('v2', 'backup', 'vault', ['concepts', 'backup vault'], backup),
    card('v3', 'backup', 'vault', ['concepts', 'backup vault'], backup),
    card('v4', 'backup', 'vault', ['concepts', 'backup vault'], backup),
    card('p1', 'backup', 'pricing', ['pricing'], backup),
    card('p2', 'backup', 'pricing', ['pricing'], backup),
    card('p3', 'backup', 'pricing', ['pricing'], backup),
    card('t1', 'trail', 'top', [], { noteTitle: 'AWS CloudTrail' }),
  ];
  const entries = byId([
    progress('v1', 'review', NOW + DAY, {}, { stability: 30 }), // mature
    progress('v2', 'review', NOW + DAY, {}, { stability: 20.9 }), // young: just under 21 days
    progress('v3', 'learning', NOW),
    // v4 has no progress: new
    progress('p1', 'relearning', NOW),
    progress('p2', 'review', NOW, { suspended: true, leech: true }, { stability: 40 }),
    progress('p3', 'new', NOW),
    progress('t1', 'review', NOW, { retired: true }),
  ]);
  const RECALL: Record<string, number> = { v1: 0.9, v2: 0.8, v3: 0.7, p1: 0.4, p2: 0.1, t1: 0.5 };
  const recall = vi.fn((p: CardProgress, _at: number) => RECALL[p.cardId] ?? NaN);
  const result = mastery(cards, entries, recall, NOW);

  it('counts cards per note by exclusive state, leaving retired cards out', () => {
    expect(result.notes).toEqual([
      // mean over the 6 active cards: (0.9 + 0.8 + 0.7 + 0 + 0.4 + 0) / 6; the suspended card is left out
      { key: 'backup', label: 'AWS backup', cards: 7, new: 2, learning: 2, young: 1, mature: 1, suspended: 1, meanRecall: expect.closeTo(2.8 / 6, 12) },
    ]);
  });

  it('counts cards per section, labelled with note title and heading path', () => {
    expect(result.sections).toEqual([
      { key: 'backup#vault', label: 'AWS backup › concepts › backup vault', cards: 4, new: 1, learning: 1, young: 1, mature: 1, suspended: 0, meanRecall: expect.closeTo(2.4 / 4, 12) },
      { key: 'backup#pricing', label: 'AWS backup › pricing', cards: 3, new: 1, learning: 1, young: 0, mature: 0, suspended: 1, meanRecall: expect.closeTo(0.4 / 2, 12) },
    ]);
  });

  it('asks for the recall of studied active cards only, at the given time', () => {
    expect(recall.mock.calls.map(([p, at]) => [p.cardId, at])).toEqual([
      ['v1', NOW],
      ['v2', NOW],
      ['v3', NOW],
      ['p1', NOW],
    ]);
  });

  it('gives a row with only suspended cards a mean recall of 0', () => {
    const only = mastery([card('x', 'n', 's', ['s'])], byId([progress('x', 'review', NOW, { suspended: true })]), () => 1, NOW);
    expect(only.sections).toEqual([{ ...EMPTY, key: 'n#s', label: 'n › s', cards: 1, suspended: 1 }]);
  });

  it('keeps sections of the same id in different notes apart', () => {
    const both = mastery([card('a', 'n1', 'top', []), card('b', 'n2', 'top', [])], new Map(), () => 1, NOW);
    expect(both.sections.map((s) => [s.key, s.label, s.cards, s.new])).toEqual([
      ['n1#top', 'n1', 1, 1],
      ['n2#top', 'n2', 1, 1],
    ]);
    expect(both.notes.map((s) => s.key)).toEqual(['n1', 'n2']);
  });

  it('is empty without cards', () => {
    expect(mastery([], entries, recall, NOW)).toEqual({ notes: [], sections: [] });
  });
});

describe('mastery with the real scheduler', () => {
  const scheduler = createScheduler(DEFAULT_SRS_SETTINGS);
  const T0 = Date.UTC(2026, 0, 5, 9);
  // Good, Good: graduates with a 2-day interval.
  const a = scheduler.grade(scheduler.grade(newProgress('a', T0), 3, T0).progress, 3, T0 + 10 * MINUTE).progress;
  // Easy: straight to an 8-day interval; then Good when due makes it mature.
  const b = scheduler.grade(newProgress('b', T0), 4, T0).progress;
  const bMature = scheduler.grade(b, 3, b.memory.due).progress;
  const cards = ['a', 'b', 'c'].map((id) => card(id, 'backup', 'vault', ['backup vault']));
  const AT = Date.UTC(2026, 0, 8, 9);

  it('averages FSRS retrievability, a new card counting 0', () => {
    expect(a.memory).toMatchObject({ state: 'review', scheduledDays: 2 });
    expect(b.memory).toMatchObject({ state: 'review', scheduledDays: 8 });
    const rows = mastery(cards, byId([a, b]), scheduler.retrievability, AT);
    expect(rows.notes[0]).toMatchObject({ cards: 3, new: 1, young: 2, mature: 0 });
    expect(rows.notes[0]?.meanRecall).toBeCloseTo((0.90949326 + 0.95428521 + 0) / 3, 6);
    // Just reviewed, everything is recalled; a week later, less is.
    expect(mastery(cards.slice(0, 1), byId([a]), scheduler.retrievability, a.memory.lastReview ?? NaN).notes[0]?.meanRecall).toBeCloseTo(1, 6);
    expect(mastery(cards, byId([a, b]), scheduler.retrievability, AT + 7 * DAY).notes[0]?.meanRecall).toBeLessThan(rows.notes[0]?.meanRecall ?? 0);
  });

  it('counts a card whose stability reached 21 days as mature', () => {
    expect(bMature.memory.stability).toBeGreaterThanOrEqual(21);
    const rows = mastery(cards, byId([a, bMature]), scheduler.retrievability, bMature.memory.lastReview ?? NaN);
    expect(rows.sections[0]).toMatchObject({ cards: 3, new: 1, young: 1, mature: 1 });
  });
});

describe('leeches', () => {
  const cards = ['a', 'b', 'c', 'd', 'e'].map((id) => card(id, 'n', 's', []));

  it('lists flagged cards, most lapses first, then in card order; unsuspended leeches stay, retired ones go', () => {
    const entries = byId([
      progress('a', 'relearning', NOW, { leech: true, suspended: true }, { lapses: 8 }),
      progress('b', 'review', NOW, {}, { lapses: 12 }), // many lapses but not flagged (leech rule off)
      progress('c', 'review', NOW, { leech: true, suspended: false }, { lapses: 9 }),
      progress('d', 'relearning', NOW, { leech: true, suspended: true }, { lapses: 8 }),
      progress('e', 'relearning', NOW, { leech: true, suspended: true, retired: true }, { lapses: 10 }),
    ]);
    const found = leeches(cards, entries);
    expect(found.map((l) => [l.card.id, l.progress.memory.lapses])).toEqual([
      ['c', 9],
      ['a', 8],
      ['d', 8],
    ]);
    expect(found[0]?.card).toBe(cards[2]);
  });

  it('is empty when no card is a leech', () => {
    expect(leeches(cards, byId([progress('a', 'review', NOW)]))).toEqual([]);
  });
});
