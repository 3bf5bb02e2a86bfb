import { describe, expect, it } from 'vitest';
import { dueForecast, heatmap, reviewsPerDay, streak, studyDayKey } from '../../../src/lib/stats/index.ts';
import { startOfStudyDay } from '../../../src/lib/srs/queue.ts';
import { byId, DAY, HOUR, MINUTE, progress } from './helpers.ts';

const UTC_PLUS_10 = 600;
const UTC_MINUS_5 = -300;

describe('studyDayKey', () => {
  it('rolls over at 4am, not midnight (UTC)', () => {
    expect(studyDayKey(Date.UTC(2026, 0, 5, 3, 59), 0)).toBe('2026-01-04');
    expect(studyDayKey(Date.UTC(2026, 0, 5, 4), 0)).toBe('2026-01-05');
    expect(studyDayKey(Date.UTC(2026, 0, 5, 23, 59), 0)).toBe('2026-01-05');
    expect(studyDayKey(Date.UTC(2026, 0, 1, 1), 0)).toBe('2025-12-31');
  });

  it('rolls over at 4am local time in UTC+10', () => {
    // 4am on the 5th in Sydney is 18:00 UTC on the 4th.
    expect(studyDayKey(Date.UTC(2026, 0, 4, 17, 59), UTC_PLUS_10)).toBe('2026-01-04');
    expect(studyDayKey(Date.UTC(2026, 0, 4, 18), UTC_PLUS_10)).toBe('2026-01-05');
    // 6am local on the 5th, still the 4th in UTC.
    expect(studyDayKey(Date.UTC(2026, 0, 4, 20), UTC_PLUS_10)).toBe('2026-01-05');
  });

  it('rolls over at 4am local time in UTC-5', () => {
    // 4am on the 5th in New York (winter) is 09:00 UTC on the 5th.
    expect(studyDayKey(Date.UTC(2026, 0, 5, 8, 59), UTC_MINUS_5)).toBe('2026-01-04');
    expect(studyDayKey(Date.UTC(2026, 0, 5, 9), UTC_MINUS_5)).toBe('2026-01-05');
    // 9pm local on the 5th is already the 6th in UTC.
    expect(studyDayKey(Date.UTC(2026, 0, 6, 2), UTC_MINUS_5)).toBe('2026-01-05');
  });

  it('agrees with the queue on where a study day starts', () => {
    for (const offset of [0, UTC_PLUS_10, UTC_MINUS_5, 330]) {
      for (let at = Date.UTC(2026, 2, 1); at < Date.UTC(2026, 2, 3); at += 37 * MINUTE) {
        const start = startOfStudyDay(at, offset);
        expect(studyDayKey(start, offset)).toBe(studyDayKey(at, offset));
        expect(studyDayKey(start - 1, offset)).not.toBe(studyDayKey(at, offset));
      }
    }
  });
});

describe('reviewsPerDay', () => {
  it('counts reviews by local study day, days in order', () => {
    const records = [
      Date.UTC(2026, 0, 6, 2), // 21:00 on the 5th in UTC-5
      Date.UTC(2026, 0, 5, 10), // 05:00 on the 5th
      Date.UTC(2026, 0, 5, 8), // 03:00 on the 5th: still the 4th
      Date.UTC(2026, 0, 6, 8, 59), // 03:59 on the 6th: still the 5th
      Date.UTC(2026, 0, 6, 9), // 04:00 on the 6th
    ].map((review) => ({ review }));
    const perDay = reviewsPerDay(records, UTC_MINUS_5);
    expect([...perDay]).toEqual([
      ['2026-01-04', 1],
      ['2026-01-05', 3],
      ['2026-01-06', 1],
    ]);
    expect([...reviewsPerDay(records, 0)]).toEqual([
      ['2026-01-05', 3],
      ['2026-01-06', 2],
    ]);
  });

  it('is empty with no reviews', () => {
    expect(reviewsPerDay([], 0).size).toBe(0);
  });
});

describe('streak', () => {
  /** 2026-01-10 12:00 UTC: study day 2026-01-10 in UTC. */
  const NOW = Date.UTC(2026, 0, 10, 12);
  const days = (...keys: string[]): Map<string, number> => new Map(keys.map((k) => [k, 3]));
  const RUN = ['2026-01-03', '2026-01-04', '2026-01-05', '2026-01-06', '2026-01-08', '2026-01-09'];

  it('counts back from today; a missed day breaks it', () => {
    expect(streak(days(...RUN, '2026-01-10'), NOW, 0)).toEqual({ current: 3, longest: 4, studiedToday: true });
  });

  it('keeps yesterday\'s streak alive while today has no review yet', () => {
    expect(streak(days(...RUN), NOW, 0)).toEqual({ current: 2, longest: 4, studiedToday: false });
  });

  it('is 0 when neither today nor yesterday was studied', () => {
    expect(streak(days('2026-01-03', '2026-01-04', '2026-01-05', '2026-01-08'), NOW, 0)).toEqual({ current: 0, longest: 3, studiedToday: false });
    expect(streak(new Map(), NOW, 0)).toEqual({ current: 0, longest: 0, studiedToday: false });
  });

  it('ignores days with a zero count', () => {
    const perDay = days('2026-01-08', '2026-01-09', '2026-01-10');
    perDay.set('2026-01-09', 0);
    expect(streak(perDay, NOW, 0)).toEqual({ current: 1, longest: 1, studiedToday: true });
  });

  it('takes today from the time zone and the 4am rollover', () => {
    const perDay = days('2026-01-08', '2026-01-09');
    // 02:00 UTC on the 10th is still the 9th's study day in UTC...
    expect(streak(perDay, Date.UTC(2026, 0, 10, 2), 0)).toEqual({ current: 2, longest: 2, studiedToday: true });
    // ...but 12:00 on the 10th in UTC+10.
    expect(streak(perDay, Date.UTC(2026, 0, 10, 2), UTC_PLUS_10)).toEqual({ current: 2, longest: 2, studiedToday: false });
    // In UTC+10, 20:00 UTC on the 10th is 6am on the 11th: the 9th is two days back.
    expect(streak(perDay, Date.UTC(2026, 0, 10, 20), UTC_PLUS_10).current).toBe(0);
  });

  it('counts a longest run across a month end', () => {
    expect(streak(days('2026-01-30', '2026-01-31', '2026-02-01', '2026-02-02'), Date.UTC(2026, 1, 20, 12), 0)).toEqual({ current: 0, longest: 4, studiedToday: false });
  });
});

describe('heatmap', () => {
  const NOW = Date.UTC(2026, 0, 10, 12);

  it('has one cell per study day, oldest first, ending today', () => {
    const cells = heatmap(new Map(), NOW, 0);
    expect(cells).toHaveLength(365);
    expect(cells[0]?.day).toBe('2025-01-11');
    expect(cells.at(-1)?.day).toBe('2026-01-10');
    expect(cells.every((c) => c.count === 0 && c.level === 0)).toBe(true);
    expect(heatmap(new Map(), NOW, 0, 7).map((c) => c.day)).toEqual([
      '2026-01-04', '2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08', '2026-01-09', '2026-01-10',
    ]);
  });

  it('ends on the local study day', () => {
    // 01:00 UTC on the 10th is the 9th in UTC but 11am on the 10th in UTC+10.
    expect(heatmap(new Map(), Date.UTC(2026, 0, 10, 1), 0, 1)[0]?.day).toBe('2026-01-09');
    expect(heatmap(new Map(), Date.UTC(2026, 0, 10, 1), UTC_PLUS_10, 1)[0]?.day).toBe('2026-01-10');
  });

  it('levels days by the quartiles of the non-zero counts', () => {
    const perDay = new Map([
      ['2026-01-03', 1],
      ['2026-01-04', 2],
      ['2026-01-05', 3],
      ['2026-01-06', 4],
      ['2026-01-07', 5],
      ['2026-01-08', 6],
      ['2026-01-09', 7],
      ['2026-01-10', 8],
    ]);
    const cells = heatmap(perDay, NOW, 0, 10);
    expect(cells.map((c) => [c.count, c.level])).toEqual([
      [0, 0], [0, 0], [1, 1], [2, 1], [3, 2], [4, 2], [5, 3], [6, 3], [7, 4], [8, 4],
    ]);
    expect(heatmap(new Map([['2026-01-07', 1], ['2026-01-08', 2], ['2026-01-09', 3], ['2026-01-10', 4]]), NOW, 0, 4).map((c) => c.level)).toEqual([1, 2, 3, 4]);
  });

  it('takes the quartiles from the window only, and gives equal days one level', () => {
    const perDay = new Map([
      ['2025-06-01', 500],
      ['2026-01-08', 10],
      ['2026-01-09', 10],
      ['2026-01-10', 10],
    ]);
    expect(heatmap(perDay, NOW, 0, 5).map((c) => c.level)).toEqual([0, 0, 1, 1, 1]);
    const year = heatmap(perDay, NOW, 0);
    expect(year.find((c) => c.day === '2025-06-01')).toEqual({ day: '2025-06-01', count: 500, level: 4 });
  });
});

describe('dueForecast', () => {
  /** 2026-01-10 12:00 UTC; the study day runs to 04:00 on the 11th. */
  const NOW = Date.UTC(2026, 0, 10, 12);

  it('puts overdue cards and everything due before the rollover into day 0', () => {
    const cards = [
      progress('overdue', 'review', Date.UTC(2026, 0, 1, 9)),
      progress('tonight', 'review', Date.UTC(2026, 0, 10, 22)),
      progress('before-rollover', 'review', Date.UTC(2026, 0, 11, 3, 59)),
      progress('learning', 'learning', NOW + 10 * MINUTE),
      progress('relearning', 'relearning', NOW - HOUR),
      progress('tomorrow', 'review', Date.UTC(2026, 0, 11, 4)),
      progress('in-two-days', 'review', Date.UTC(2026, 0, 12, 18)),
      progress('last-day', 'review', Date.UTC(2026, 1, 8, 12)),
      progress('beyond', 'review', Date.UTC(2026, 1, 9, 12)),
    ];
    const forecast = dueForecast(byId(cards).values(), NOW, 0);
    expect(forecast).toHaveLength(30);
    expect(forecast.slice(0, 3)).toEqual([
      { day: '2026-01-10', count: 5 },
      { day: '2026-01-11', count: 1 },
      { day: '2026-01-12', count: 1 },
    ]);
    expect(forecast[29]).toEqual({ day: '2026-02-08', count: 1 });
    expect(forecast.reduce((n, d) => n + d.count, 0)).toBe(8);
  });

  it('leaves out suspended, retired and new cards', () => {
    const cards = [
      progress('due', 'review', NOW - DAY),
      progress('suspended', 'review', NOW - DAY, { suspended: true }),
      progress('leech', 'relearning', NOW, { suspended: true, leech: true }),
      progress('retired', 'review', NOW - DAY, { retired: true }),
      progress('new', 'new', NOW - DAY),
    ];
    expect(dueForecast(cards, NOW, 0, 3)).toEqual([
      { day: '2026-01-10', count: 1 },
      { day: '2026-01-11', count: 0 },
      { day: '2026-01-12', count: 0 },
    ]);
  });

  it('counts days in the local time zone', () => {
    // 01:00 UTC on the 11th: before the rollover in UTC, 11am on the 11th in UTC+10.
    const cards = [progress('c', 'review', Date.UTC(2026, 0, 11, 1))];
    expect(dueForecast(cards, NOW, 0, 2).map((d) => d.count)).toEqual([1, 0]);
    // In UTC+10 now is 22:00 on the 10th; the card is due on the 11th.
    expect(dueForecast(cards, NOW, UTC_PLUS_10, 2)).toEqual([
      { day: '2026-01-10', count: 0 },
      { day: '2026-01-11', count: 1 },
    ]);
  });
});
