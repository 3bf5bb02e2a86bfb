import { describe, expect, it } from 'vitest';
import { trueRetention } from '../../../src/lib/stats/index.ts';
import { DAY, HOUR, record } from './helpers.ts';

const NOW = Date.UTC(2026, 0, 31, 12);
const SINCE = NOW - 30 * DAY;

describe('trueRetention', () => {
  it('counts Hard, Good and Easy as passed and Again as failed, for review cards only', () => {
    const records = [
      record('a', NOW - 2 * DAY, 3, 'review'),
      record('b', NOW - 2 * DAY, 2, 'review'),
      record('c', NOW - 3 * DAY, 4, 'review'),
      record('d', NOW - 4 * DAY, 1, 'review'),
      // learning and relearning steps, and the first look at a new card, do not count
      record('e', NOW - HOUR, 1, 'learning'),
      record('f', NOW - HOUR, 3, 'learning'),
      record('g', NOW - HOUR, 3, 'relearning'),
      record('h', NOW - HOUR, 1, 'new'),
    ];
    expect(trueRetention(records, SINCE, NOW)).toEqual({ passed: 3, total: 4, rate: 0.75 });
  });

  it('keeps to [since, now], both ends included', () => {
    const records = [
      record('edge-start', SINCE, 1, 'review'),
      record('edge-end', NOW, 3, 'review'),
      record('too-early', SINCE - 1, 3, 'review'),
      record('too-late', NOW + 1, 1, 'review'),
    ];
    expect(trueRetention(records, SINCE, NOW)).toEqual({ passed: 1, total: 2, rate: 0.5 });
  });

  it('is null with nothing to count', () => {
    expect(trueRetention([], SINCE, NOW)).toEqual({ passed: 0, total: 0, rate: null });
    expect(trueRetention([record('e', NOW, 3, 'learning')], SINCE, NOW).rate).toBeNull();
  });
});
