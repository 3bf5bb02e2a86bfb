import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { generateCards } from '../../../src/lib/cards/generate.ts';
import type { StudyCard } from '../../../src/lib/cards/types.ts';
import { buildVault } from '../../../src/lib/content/index.ts';
import { mastery } from '../../../src/lib/stats/mastery.ts';
import { examReadiness } from '../../../src/lib/stats/readiness.ts';
import { createScheduler, newProgress } from '../../../src/lib/srs/scheduler.ts';
import { DEFAULT_SRS_SETTINGS, type CardProgress, type SrsSettings } from '../../../src/lib/srs/types.ts';
import { byId, card, DAY, HOUR, MINUTE, progress } from './helpers.ts';

const NOW = Date.UTC(2026, 1, 1, 9);
/** Four weeks later, 9am. */
const EXAM = Date.UTC(2026, 2, 1, 9);
const settings = (patch: Partial<SrsSettings> = {}): SrsSettings => ({ ...DEFAULT_SRS_SETTINGS, ...patch });

const BACKUP = { noteTitle: 'AWS backup', tags: ['aws-ccp-exam-notes/services/storage/backup'] };
const WAF = { noteTitle: 'AWS Well-Architected Framework', tags: [] };
const backup = (id: string, sectionId: string, path: string[]): StudyCard => card(id, 'storage-aws-backup', sectionId, path, BACKUP);
const CARDS = [
  backup('p1', 'pricing', ['pricing']),
  backup('p2', 'pricing', ['pricing']),
  backup('a1', 'audit', ['concepts', 'audit manager', 'audit frameworks']),
  backup('a2', 'audit', ['concepts', 'audit manager', 'audit frameworks']),
  backup('a3', 'audit', ['concepts', 'audit manager', 'audit frameworks']),
  backup('a4', 'audit', ['concepts', 'audit manager', 'audit frameworks']),
  backup('v1', 'vault', ['concepts', 'backup vault']),
  backup('v2', 'vault', ['concepts', 'backup vault']),
  backup('v3', 'vault', ['concepts', 'backup vault']),
  backup('v4', 'vault', ['concepts', 'backup vault']),
  card('d1', 'well-architected', 'design', ['design principles'], WAF),
  card('d2', 'well-architected', 'design', ['design principles'], WAF),
];
const PROGRESS = byId([
  progress('p1', 'review', NOW),
  progress('p2', 'review', NOW),
  progress('a1', 'review', NOW),
  // a2 has no progress
  progress('a3', 'review', NOW, { suspended: true, leech: true }),
  progress('a4', 'review', NOW, { retired: true }),
  progress('v1', 'new', NOW),
  progress('v4', 'review', NOW),
  progress('d1', 'review', NOW),
  progress('d2', 'learning', NOW),
]);
/** Projected recall on exam day per card. */
const RECALL: Record<string, number> = { p1: 0.8, p2: 0.6, a1: 1, a3: 0.5, a4: 0.2, v4: 0.9, d1: 0.95, d2: 0.95 };
const fakeRecall = (p: CardProgress, _at: number): number => RECALL[p.cardId] ?? NaN;

describe('examReadiness: rollups', () => {
  const recall = vi.fn(fakeRecall);
  const r = examReadiness(CARDS, PROGRESS, recall, settings(), EXAM, NOW);

  it('projects recall on exam day for learned cards only', () => {
    expect(recall.mock.calls.map(([p, at]) => [p.cardId, at])).toEqual(
      ['p1', 'p2', 'a1', 'a3', 'v4', 'd1', 'd2'].map((id) => [id, EXAM]),
    );
  });

  it('rolls up by note and section; suspended cards count, retired ones do not, unlearned project 0', () => {
    expect(r.byNote).toEqual([
      { key: 'storage-aws-backup', label: 'AWS backup', cards: 9, expectedRecall: expect.closeTo((1.4 + 1.5 + 0.9) / 9, 12), unlearned: 4 },
      { key: 'well-architected', label: 'AWS Well-Architected Framework', cards: 2, expectedRecall: expect.closeTo(0.95, 12), unlearned: 0 },
    ]);
    expect(r.bySection).toEqual([
      { key: 'storage-aws-backup#pricing', label: 'AWS backup › pricing', cards: 2, expectedRecall: expect.closeTo(0.7, 12), unlearned: 0 },
      { key: 'storage-aws-backup#audit', label: 'AWS backup › concepts › audit manager › audit frameworks', cards: 3, expectedRecall: expect.closeTo(0.5, 12), unlearned: 1 },
      { key: 'storage-aws-backup#vault', label: 'AWS backup › concepts › backup vault', cards: 4, expectedRecall: expect.closeTo(0.225, 12), unlearned: 3 },
      { key: 'well-architected#design', label: 'AWS Well-Architected Framework › design principles', cards: 2, expectedRecall: expect.closeTo(0.95, 12), unlearned: 0 },
    ]);
  });

  it('rolls up by exam domain, all four in exam-guide order', () => {
    expect(r.byDomain.map((d) => [d.domain, d.key, d.label, d.weight, d.cards, d.unlearned])).toEqual([
      ['cloud-concepts', 'cloud-concepts', 'Cloud Concepts', 0.24, 2, 0],
      ['security-compliance', 'security-compliance', 'Security and Compliance', 0.3, 3, 1],
      ['technology-services', 'technology-services', 'Cloud Technology and Services', 0.34, 4, 3],
      ['billing-pricing-support', 'billing-pricing-support', 'Billing, Pricing, and Support', 0.12, 2, 0],
    ]);
    expect(r.byDomain.map((d) => d.expectedRecall)).toEqual([expect.closeTo(0.95, 12), expect.closeTo(0.5, 12), expect.closeTo(0.225, 12), expect.closeTo(0.7, 12)]);
  });

  it('weights the overall figure as the exam does', () => {
    // 0.24 * 0.95 + 0.30 * 0.5 + 0.34 * 0.225 + 0.12 * 0.7; an unweighted card mean would be 4.7 / 11 = 0.427
    expect(r.overall).toBeCloseTo(0.5385, 12);
    expect(r.examDay).toBe(EXAM);
    expect(r.daysLeft).toBe(28);
  });

  it('renormalises the weights over the domains that have cards', () => {
    const noConcepts = examReadiness(CARDS.filter((c) => c.noteId !== 'well-architected'), PROGRESS, fakeRecall, settings(), EXAM, NOW);
    expect(noConcepts.byDomain[0]).toMatchObject({ domain: 'cloud-concepts', cards: 0, expectedRecall: 0, unlearned: 0 });
    expect(noConcepts.overall).toBeCloseTo((0.3 * 0.5 + 0.34 * 0.225 + 0.12 * 0.7) / 0.76, 12);
    const onlyPricing = examReadiness(CARDS.slice(0, 2), PROGRESS, fakeRecall, settings(), EXAM, NOW);
    expect(onlyPricing.overall).toBeCloseTo(0.7, 12);
  });

  it('is all zeros without cards', () => {
    const empty = examReadiness([], new Map(), fakeRecall, settings(), EXAM, NOW);
    expect(empty).toMatchObject({ overall: 0, byNote: [], bySection: [], studyNext: [], pacing: { newCards: 0, daysLeft: 28, newPerDay: 0, onTrack: true } });
    expect(empty.byDomain.every((d) => d.cards === 0 && d.expectedRecall === 0)).toBe(true);
  });
});

describe('examReadiness: study next', () => {
  it('lists the weakest sections with something to do, and what to do', () => {
    const r = examReadiness(CARDS, PROGRESS, fakeRecall, settings(), EXAM, NOW);
    expect(r.studyNext).toEqual([
      { sectionKey: 'storage-aws-backup#vault', noteId: 'storage-aws-backup', sectionId: 'vault', label: 'AWS backup › concepts › backup vault', expectedRecall: expect.closeTo(0.225, 12), advice: 'learn 3 new cards' },
      { sectionKey: 'storage-aws-backup#audit', noteId: 'storage-aws-backup', sectionId: 'audit', label: 'AWS backup › concepts › audit manager › audit frameworks', expectedRecall: expect.closeTo(0.5, 12), advice: 'learn 1 new card and review 1 card' },
      { sectionKey: 'storage-aws-backup#pricing', noteId: 'storage-aws-backup', sectionId: 'pricing', label: 'AWS backup › pricing', expectedRecall: expect.closeTo(0.7, 12), advice: 'review 2 cards' },
    ]);
  });

  it('measures "review" against the desired retention', () => {
    // At 0.5 the pricing cards (0.8, 0.6) are fine and the suspended audit card (0.5) is not below it.
    const r = examReadiness(CARDS, PROGRESS, fakeRecall, settings({ desiredRetention: 0.5 }), EXAM, NOW);
    expect(r.studyNext.map((s) => [s.sectionKey, s.advice])).toEqual([
      ['storage-aws-backup#vault', 'learn 3 new cards'],
      ['storage-aws-backup#audit', 'learn 1 new card'],
    ]);
  });

  it('breaks ties by more cards first, then card order, and stops at 5', () => {
    const sizes = [2, 5, 1, 5, 3, 4, 2];
    const cards = sizes.flatMap((size, s) => Array.from({ length: size }, (_, i) => card(`s${s}c${i}`, 'n', `s${s}`, [`section ${s}`])));
    const r = examReadiness(cards, new Map(), fakeRecall, settings(), EXAM, NOW);
    expect(r.studyNext.map((s) => [s.sectionKey, s.advice])).toEqual([
      ['n#s1', 'learn 5 new cards'],
      ['n#s3', 'learn 5 new cards'],
      ['n#s5', 'learn 4 new cards'],
      ['n#s4', 'learn 3 new cards'],
      ['n#s0', 'learn 2 new cards'],
    ]);
    expect(r.studyNext.every((s) => s.expectedRecall === 0)).toBe(true);
  });
});

describe('examReadiness: pacing', () => {
  const newCards = (count: number): StudyCard[] => Array.from({ length: count }, (_, i) => card(`c${i}`, 'n', 's', []));

  it('spreads new cards over the days left, keeping 3 days before the exam for reviews', () => {
    expect(examReadiness(newCards(100), new Map(), fakeRecall, settings(), EXAM, NOW).pacing).toEqual({ newCards: 100, daysLeft: 28, newPerDay: 4, onTrack: true });
    expect(examReadiness(newCards(101), new Map(), fakeRecall, settings({ newPerDay: 4 }), EXAM, NOW).pacing).toEqual({ newCards: 101, daysLeft: 28, newPerDay: 5, onTrack: false });
    expect(examReadiness(newCards(7), new Map(), fakeRecall, settings({ newPerDay: 3 }), NOW + 5 * DAY, NOW).pacing).toEqual({ newCards: 7, daysLeft: 5, newPerDay: 4, onTrack: false });
  });

  it('keeps fewer buffer days when the exam is close, but always one study day', () => {
    const pace = (examDay: number) => examReadiness(newCards(30), new Map(), fakeRecall, settings(), examDay, NOW).pacing;
    expect(pace(NOW + 4 * DAY)).toMatchObject({ daysLeft: 4, newPerDay: 30 });
    expect(pace(NOW + 3 * DAY)).toMatchObject({ daysLeft: 3, newPerDay: 30 });
    expect(pace(NOW + 2 * DAY)).toMatchObject({ daysLeft: 2, newPerDay: 30, onTrack: false });
    // later today: one (part) day left
    expect(pace(NOW + 2 * HOUR)).toMatchObject({ daysLeft: 1, newPerDay: 30, onTrack: false });
    // 5 days: 2 days for new cards
    expect(pace(NOW + 5 * DAY)).toMatchObject({ daysLeft: 5, newPerDay: 15, onTrack: true });
    // 27.5 days rounds up to 28
    expect(pace(EXAM - 12 * HOUR)).toMatchObject({ daysLeft: 28, newPerDay: 2 });
  });

  it('counts unlearned suspended cards, not learned or retired ones', () => {
    const cards = newCards(4);
    const entries = byId([
      progress('c0', 'review', NOW),
      progress('c1', 'new', NOW, { suspended: true }),
      progress('c2', 'new', NOW, { retired: true }),
    ]);
    expect(examReadiness(cards, entries, () => 0.9, settings(), EXAM, NOW).pacing.newCards).toBe(2);
  });

  it('asks for every new card at once when the exam day has passed, projecting recall at now', () => {
    const recall = vi.fn(fakeRecall);
    const past = examReadiness(CARDS, PROGRESS, recall, settings({ newPerDay: 100 }), NOW - DAY, NOW);
    expect(past.daysLeft).toBe(0);
    expect(past.examDay).toBe(NOW - DAY);
    expect(past.pacing).toEqual({ newCards: 4, daysLeft: 0, newPerDay: 4, onTrack: false });
    expect(new Set(recall.mock.calls.map(([, at]) => at))).toEqual(new Set([NOW]));
    // Nothing left to learn: on track even then.
    const learned = examReadiness(CARDS.slice(0, 2), PROGRESS, fakeRecall, settings(), NOW - DAY, NOW);
    expect(learned.pacing).toEqual({ newCards: 0, daysLeft: 0, newPerDay: 0, onTrack: true });
  });
});

describe('examReadiness with generated cards and the real scheduler', () => {
  const text = readFileSync('content/storage-aws-backup.md', 'utf8');
  const cards = generateCards(buildVault([{ path: 'storage-aws-backup.md', text }]));
  const scheduler = createScheduler(DEFAULT_SRS_SETTINGS);

  it('sorts the note\'s sections into domains and projects FSRS recall to the exam', () => {
    const pricing = cards.filter((c) => c.sectionId === 'pricing');
    expect(pricing).toHaveLength(4);
    // Every pricing card learned with Easy on NOW: 8-day intervals, so by the exam four weeks on recall has dropped.
    const entries = byId(pricing.map((c) => scheduler.grade(newProgress(c.id, NOW), 4, NOW).progress));
    const r = examReadiness(cards, entries, scheduler.retrievability, settings(), EXAM, NOW);
    const billing = r.byDomain.find((d) => d.domain === 'billing-pricing-support');
    const expected = scheduler.retrievability(entries.get(pricing[0]?.id ?? '') ?? newProgress('x', NOW), EXAM);
    expect(expected).toBeGreaterThan(0.5);
    expect(expected).toBeLessThan(0.9);
    expect(billing).toMatchObject({ cards: 4, unlearned: 0, expectedRecall: expect.closeTo(expected, 12) });
    expect(r.byDomain.map((d) => d.cards)).toEqual([0, 7, 14, 4]);
    expect(r.overall).toBeCloseTo((0.12 * expected) / 0.76, 12);
    // Five sections are wholly unlearned (recall 0), so they come first, bigger ones first.
    expect(r.studyNext.map((s) => [s.label, s.advice])).toEqual([
      ['AWS backup › concepts › audit manager › audit frameworks', 'learn 5 new cards'],
      ['AWS backup › monitoring', 'learn 5 new cards'],
      ['AWS backup › concepts › backup vault', 'learn 4 new cards'],
      ['AWS backup › concepts › backup plan › can be assigned as 2 types:', 'learn 3 new cards'],
      ['AWS backup › concepts › audit manager › audit reports', 'learn 2 new cards'],
    ]);
    const pricingOnly = examReadiness(pricing, entries, scheduler.retrievability, settings(), EXAM, NOW);
    expect(pricingOnly.studyNext).toEqual([
      { sectionKey: 'storage-aws-backup#pricing', noteId: 'storage-aws-backup', sectionId: 'pricing', label: 'AWS backup › pricing', expectedRecall: expect.closeTo(expected, 12), advice: 'review 4 cards' },
    ]);
    expect(r.pacing).toEqual({ newCards: 21, daysLeft: 28, newPerDay: 1, onTrack: true });
  });
});

describe('speed', () => {
  /** 10,000 cards in 100 notes of 10 sections, 70% of them studied. */
  function bigDeck(): { cards: StudyCard[]; entries: Map<string, CardProgress> } {
    const cards: StudyCard[] = [];
    const entries = new Map<string, CardProgress>();
    const states = ['review', 'review', 'review', 'learning', 'relearning', 'review', 'review'] as const;
    for (let i = 0; i < 10_000; i++) {
      const note = i % 100;
      const section = Math.floor(i / 100) % 10;
      const id = `c${i}`;
      cards.push(card(id, `note-${note}`, `s${section}`, [section === 0 ? 'pricing' : `section ${section}`], { noteTitle: `Note ${note}`, tags: [`aws-ccp-exam-notes/services/x${note}`] }));
      if (i % 10 < 7) {
        const state = states[i % 7] ?? 'review';
        entries.set(id, progress(id, state, NOW + (i % 30) * DAY, { suspended: i % 97 === 0 }, { stability: 1 + (i % 60), lastReview: NOW - (i % 20) * DAY - MINUTE }));
      }
    }
    return { cards, entries };
  }

  it('rolls up 10,000 cards well under 50 ms, with the real retrievability', () => {
    const { cards, entries } = bigDeck();
    const scheduler = createScheduler(DEFAULT_SRS_SETTINGS);
    const best = (run: () => void): number => {
      let fastest = Infinity;
      for (let i = 0; i < 5; i++) {
        const start = performance.now();
        run();
        fastest = Math.min(fastest, performance.now() - start);
      }
      return fastest;
    };
    const readiness = examReadiness(cards, entries, scheduler.retrievability, settings(), EXAM, NOW);
    expect(readiness.bySection).toHaveLength(1000);
    expect(readiness.byDomain.map((d) => d.cards)).toEqual([0, 0, 9000, 1000]);
    // Best of five: the first run also pays for compiling ts-fsrs, and a busy machine adds noise.
    expect(best(() => examReadiness(cards, entries, scheduler.retrievability, settings(), EXAM, NOW))).toBeLessThan(50);
    expect(best(() => mastery(cards, entries, scheduler.retrievability, NOW))).toBeLessThan(50);
  });
});
