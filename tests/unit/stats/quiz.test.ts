import { describe, expect, it } from 'vitest';
import { quizSummary } from '../../../src/lib/stats/index.ts';

const T0 = Date.UTC(2026, 0, 5, 9);
const entry = (at: number, answers: [string, boolean][]) => ({
  at,
  score: answers.filter(([, ok]) => ok).length,
  total: answers.length,
  questions: answers.map(([topic, correct]) => ({ topic, correct })),
});

describe('quizSummary', () => {
  it('lists results oldest first with the share correct, keeping the last ones', () => {
    const history = [entry(T0 + 2, [['a', true], ['b', false]]), entry(T0, [['a', false]]), entry(T0 + 1, [['a', true]])];
    expect(quizSummary(history).recent.map((r) => [r.at, r.share])).toEqual([[T0, 0], [T0 + 1, 1], [T0 + 2, 0.5]]);
    expect(quizSummary(history, 2).recent.map((r) => r.at)).toEqual([T0 + 1, T0 + 2]);
  });

  it('ranks topics by wrong answers, then by share wrong, and leaves out topics never missed', () => {
    const history = [
      entry(T0, [['pricing', false], ['monitoring', false], ['vault', true], ['monitoring', true]]),
      entry(T0 + 1, [['pricing', false], ['monitoring', false], ['locks', false]]),
    ];
    expect(quizSummary(history).weakest).toEqual([
      { topic: 'pricing', wrong: 2, asked: 2 },
      { topic: 'monitoring', wrong: 2, asked: 3 },
      { topic: 'locks', wrong: 1, asked: 1 },
    ]);
  });

  it('copes with no history', () => {
    expect(quizSummary([])).toEqual({ recent: [], weakest: [] });
  });
});
