import { describe, expect, it } from 'vitest';
import {
  describeSchedule,
  isMoreFrequentThanHourly,
  nextOccurrence,
  occurrencesBetween,
  parseSchedule,
  ScheduleError,
  type Schedule,
} from '../../../src/lib/sandbox/schedule.ts';

// Expected instants were worked out by hand from a calendar (1 January 2027 is a Friday,
// 1 January 2028 a Saturday, 2028 is a leap year), never by the code under test.
const t = (iso: string): number => Date.parse(iso);

function next(expression: string, afterIso: string): string | null {
  const found = nextOccurrence(parseSchedule(expression), t(afterIso));
  return found === null ? null : new Date(found).toISOString();
}

function refusal(expression: string): string {
  try {
    parseSchedule(expression);
  } catch (error) {
    expect(error).toBeInstanceOf(ScheduleError);
    return (error as Error).message;
  }
  throw new Error(`${expression} was accepted`);
}

function cron(expression: string): Extract<Schedule, { kind: 'cron' }> {
  const schedule = parseSchedule(expression);
  if (schedule.kind !== 'cron') throw new Error('not a cron schedule');
  return schedule;
}

describe('cron schedules', () => {
  it('runs the AWS default cron(0 5 ? * * *) daily at 05:00 UTC, strictly after the given time', () => {
    expect(next('cron(0 5 ? * * *)', '2027-01-01T04:59:59.999Z')).toBe('2027-01-01T05:00:00.000Z');
    expect(next('cron(0 5 ? * * *)', '2027-01-01T05:00:00.000Z')).toBe('2027-01-02T05:00:00.000Z');
    expect(next('cron(0 5 ? * * *)', '2027-01-01T05:00:30.000Z')).toBe('2027-01-02T05:00:00.000Z');
    expect(next('cron(0 5 ? * * *)', '2027-12-31T06:00:00.000Z')).toBe('2028-01-01T05:00:00.000Z');
  });

  it('runs cron(0 */12 ? * * *) at midnight and noon', () => {
    expect(cron('cron(0 */12 ? * * *)').hours).toEqual([0, 12]);
    expect(next('cron(0 */12 ? * * *)', '2027-03-10T00:00:00Z')).toBe('2027-03-10T12:00:00.000Z');
    expect(next('cron(0 */12 ? * * *)', '2027-03-10T12:00:00Z')).toBe('2027-03-11T00:00:00.000Z');
  });

  it('runs cron(0 5 ? * MON-FRI *) on weekdays only', () => {
    // Friday 1 January 2027 after 05:00: next is Monday the 4th.
    expect(next('cron(0 5 ? * MON-FRI *)', '2027-01-01T06:00:00Z')).toBe('2027-01-04T05:00:00.000Z');
    expect(next('cron(0 5 ? * MON-FRI *)', '2027-01-04T05:00:00Z')).toBe('2027-01-05T05:00:00.000Z');
  });

  it('runs cron(0 5 1 * ? *) on the first of each month', () => {
    expect(next('cron(0 5 1 * ? *)', '2027-01-15T00:00:00Z')).toBe('2027-02-01T05:00:00.000Z');
    expect(next('cron(0 5 1 * ? *)', '2027-12-01T05:00:00Z')).toBe('2028-01-01T05:00:00.000Z');
  });

  it('runs cron(0 5 L * ? *) on the last day of the month, February included', () => {
    expect(next('cron(0 5 L * ? *)', '2028-02-01T00:00:00Z')).toBe('2028-02-29T05:00:00.000Z');
    expect(next('cron(0 5 L * ? *)', '2027-02-01T00:00:00Z')).toBe('2027-02-28T05:00:00.000Z');
    expect(next('cron(0 5 L * ? *)', '2027-04-01T00:00:00Z')).toBe('2027-04-30T05:00:00.000Z');
    expect(next('cron(0 5 L * ? *)', '2027-12-31T05:00:00Z')).toBe('2028-01-31T05:00:00.000Z');
  });

  it('runs cron(0 8 ? * 6L *) on the last Friday of the month', () => {
    expect(next('cron(0 8 ? * 6L *)', '2027-01-01T00:00:00Z')).toBe('2027-01-29T08:00:00.000Z');
    expect(next('cron(0 8 ? * 6L *)', '2027-01-29T08:00:00Z')).toBe('2027-02-26T08:00:00.000Z');
    expect(next('cron(0 8 ? * FRIL *)', '2027-01-01T00:00:00Z')).toBe('2027-01-29T08:00:00.000Z');
  });

  it('runs cron(0 8 ? * 2#1 *) on the first Monday, and skips months without a fifth one', () => {
    expect(next('cron(0 8 ? * 2#1 *)', '2027-01-01T00:00:00Z')).toBe('2027-01-04T08:00:00.000Z');
    expect(next('cron(0 8 ? * 2#1 *)', '2027-01-04T08:00:00Z')).toBe('2027-02-01T08:00:00.000Z');
    expect(next('cron(0 8 ? * MON#1 *)', '2027-01-01T00:00:00Z')).toBe('2027-01-04T08:00:00.000Z');
    // February 2027 has four Mondays (1, 8, 15, 22); March 2027 has five (1 ... 29).
    expect(next('cron(0 8 ? * 2#5 *)', '2027-02-01T00:00:00Z')).toBe('2027-03-29T08:00:00.000Z');
  });

  it('runs cron(0 8 15W * ? *) on the weekday nearest the 15th', () => {
    // 15 January 2027 is a Friday: the day itself.
    expect(next('cron(0 8 15W * ? *)', '2027-01-01T00:00:00Z')).toBe('2027-01-15T08:00:00.000Z');
    // 15 May 2027 is a Saturday: Friday the 14th.
    expect(next('cron(0 8 15W * ? *)', '2027-05-01T00:00:00Z')).toBe('2027-05-14T08:00:00.000Z');
    // 15 August 2027 is a Sunday: Monday the 16th.
    expect(next('cron(0 8 15W * ? *)', '2027-08-01T00:00:00Z')).toBe('2027-08-16T08:00:00.000Z');
  });

  it('keeps W inside the month, and LW finds the last weekday', () => {
    // 1 January 2028 is a Saturday: 1W moves forward to Monday the 3rd, not back into December.
    expect(next('cron(0 8 1W * ? *)', '2027-12-31T00:00:00Z')).toBe('2028-01-03T08:00:00.000Z');
    // 30 April 2028 is a Sunday and the month's last day: 30W moves back to Friday the 28th.
    expect(next('cron(0 8 30W * ? *)', '2028-04-01T00:00:00Z')).toBe('2028-04-28T08:00:00.000Z');
    // 31 July 2027 is a Saturday: LW is Friday the 30th.
    expect(next('cron(0 8 LW * ? *)', '2027-07-01T00:00:00Z')).toBe('2027-07-30T08:00:00.000Z');
    // 31W never matches in 30-day months: from April 2027 the next is 31 May 2027 (a Monday).
    expect(next('cron(0 8 31W * ? *)', '2027-04-01T00:00:00Z')).toBe('2027-05-31T08:00:00.000Z');
  });

  it('runs cron(0 5 ? JAN,JUL * 2027-2028) only in those months and years, then stops', () => {
    expect(next('cron(0 5 ? JAN,JUL * 2027-2028)', '2026-06-01T00:00:00Z')).toBe('2027-01-01T05:00:00.000Z');
    expect(next('cron(0 5 ? JAN,JUL * 2027-2028)', '2027-01-31T05:00:00Z')).toBe('2027-07-01T05:00:00.000Z');
    expect(next('cron(0 5 ? JAN,JUL * 2027-2028)', '2027-07-31T05:00:00Z')).toBe('2028-01-01T05:00:00.000Z');
    expect(next('cron(0 5 ? JAN,JUL * 2027-2028)', '2028-07-31T05:00:00Z')).toBeNull();
  });

  it('reads names in any case', () => {
    const lower = cron('cron(0 5 ? jan,Jul mon-Fri 2027)');
    const upper = cron('cron(0 5 ? JAN,JUL MON-FRI 2027)');
    expect({ ...lower, source: '' }).toEqual({ ...upper, source: '' });
    expect(lower.months).toEqual([1, 7]);
    expect(lower.dayOfWeek).toEqual({ kind: 'days', days: [2, 3, 4, 5, 6] });
    expect(cron('cron(0 8 15w * ? *)').dayOfMonth).toEqual({ kind: 'nearestWeekday', day: 15 });
    expect(cron('cron(0 8 l * ? *)').dayOfMonth).toEqual({ kind: 'last' });
  });

  it('expands increments and lists as AWS documents them', () => {
    expect(cron('cron(1/10 * ? * * *)').minutes).toEqual([1, 11, 21, 31, 41, 51]);
    expect(cron('cron(0/15 * ? * * *)').minutes).toEqual([0, 15, 30, 45]);
    expect(cron('cron(*/20 * ? * * *)').minutes).toEqual([0, 20, 40]);
    expect(cron('cron(5-30/5 * ? * * *)').minutes).toEqual([5, 10, 15, 20, 25, 30]);
    expect(cron('cron(0 3,1,3 ? * * *)').hours).toEqual([1, 3]);
    expect(cron('cron(0 0 ? JAN/3 * *)').months).toEqual([1, 4, 7, 10]);
    expect(cron('cron(0 0 ? * * *)').years).toHaveLength(2199 - 1970 + 1);
  });

  it('returns null for dates that never exist, quickly', () => {
    const started = performance.now();
    expect(next('cron(0 0 30 2 ? *)', '2027-01-01T00:00:00Z')).toBeNull();
    expect(next('cron(0 0 31 4,6,9,11 ? *)', '2027-01-01T00:00:00Z')).toBeNull();
    expect(next('cron(0 5 ? * * *)', '2199-12-31T05:00:00Z')).toBeNull();
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('finds a yearly occurrence without walking the year', () => {
    const yearly = parseSchedule('cron(0 5 1 1 ? *)');
    expect(nextOccurrence(yearly, t('2027-01-01T05:00:00Z'))).toBe(t('2028-01-01T05:00:00Z'));
    const started = performance.now();
    let after: number | null = t('2027-01-01T00:00:00Z');
    let count = 0;
    while (after !== null && count < 1000) {
      after = nextOccurrence(yearly, after);
      if (after !== null) count++;
    }
    // One a year from 2027 through 2199, the last year AWS allows.
    expect(count).toBe(2199 - 2027 + 1);
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('walks 365 daily occurrences one by one, fast', () => {
    const daily = parseSchedule('cron(0 5 ? * * *)');
    const started = performance.now();
    let after = t('2027-01-01T00:00:00Z');
    for (let i = 0; i < 365; i++) after = nextOccurrence(daily, after) ?? Number.NaN;
    expect(after).toBe(t('2027-12-31T05:00:00Z'));
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('rate schedules', () => {
  it('counts rate(1 day) from the anchor, truncated to its minute', () => {
    const schedule = parseSchedule('rate(1 day)');
    expect(schedule).toEqual({ kind: 'rate', source: 'rate(1 day)', everyMs: 86_400_000, value: 1, unit: 'day' });
    const anchor = t('2027-01-01T10:00:30Z');
    expect(nextOccurrence(schedule, anchor, anchor)).toBe(t('2027-01-02T10:00:00Z'));
    expect(nextOccurrence(schedule, t('2027-01-02T10:00:00Z'), anchor)).toBe(t('2027-01-03T10:00:00Z'));
    expect(nextOccurrence(schedule, t('2027-01-05T09:59:00Z'), anchor)).toBe(t('2027-01-05T10:00:00Z'));
    // Before the anchor, the first occurrence is still one interval after it.
    expect(nextOccurrence(schedule, t('2026-06-01T00:00:00Z'), anchor)).toBe(t('2027-01-02T10:00:00Z'));
  });

  it('counts from the given time when there is no anchor', () => {
    expect(nextOccurrence(parseSchedule('rate(12 hours)'), t('2027-01-01T10:00:00Z'))).toBe(t('2027-01-01T22:00:00Z'));
  });

  it('lists rate(12 hours) and rate(1 hour) occurrences', () => {
    const anchor = t('2027-01-01T00:00:00Z');
    expect(occurrencesBetween(parseSchedule('rate(12 hours)'), anchor, t('2027-01-03T00:00:00Z'), anchor)).toEqual([
      t('2027-01-01T12:00:00Z'),
      t('2027-01-02T00:00:00Z'),
      t('2027-01-02T12:00:00Z'),
      t('2027-01-03T00:00:00Z'),
    ]);
    const hourly = occurrencesBetween(parseSchedule('rate(1 hour)'), t('2027-01-01T00:30:00Z'), t('2027-01-01T03:00:00Z'), anchor);
    expect(hourly).toEqual([t('2027-01-01T01:00:00Z'), t('2027-01-01T02:00:00Z'), t('2027-01-01T03:00:00Z')]);
    expect(parseSchedule('rate(5 minutes)')).toMatchObject({ everyMs: 300_000, value: 5, unit: 'minute' });
    expect(parseSchedule('rate(2 days)')).toMatchObject({ everyMs: 2 * 86_400_000, value: 2, unit: 'day' });
  });

  it('refuses malformed rates with the reason', () => {
    expect(refusal('rate(1 hours)')).toBe('rate(1 hours): a value of 1 needs the singular unit "hour"');
    expect(refusal('rate(5 minute)')).toBe('rate(5 minute): a value other than 1 needs the plural unit "minutes"');
    expect(refusal('rate(0 days)')).toBe('rate(0 days): the value must be a positive whole number');
    expect(refusal('rate(x days)')).toBe('rate(x days): the value must be a positive whole number');
    expect(refusal('rate(-1 days)')).toBe('rate(-1 days): the value must be a positive whole number');
    expect(refusal('rate(1.5 hours)')).toBe('rate(1.5 hours): the value must be a positive whole number');
    expect(refusal('rate(2 weeks)')).toBe('rate(2 weeks): the unit must be minute(s), hour(s) or day(s)');
    expect(refusal('rate(5)')).toBe('rate(5): expected rate(value unit), e.g. rate(12 hours)');
    expect(refusal('rate()')).toBe('rate(): expected rate(value unit), e.g. rate(12 hours)');
  });
});

describe('refused cron expressions', () => {
  it.each([
    ['cron(0 5 * * *)', 'Cron expression must have 6 fields (minutes hours day-of-month month day-of-week year); got 5'],
    ['cron(0 5 ? * * * *)', 'Cron expression must have 6 fields (minutes hours day-of-month month day-of-week year); got 7'],
    ['cron()', 'Cron expression must have 6 fields (minutes hours day-of-month month day-of-week year); got 0'],
    ['cron(0 5 * * * *)', 'Day-of-month and day-of-week cannot both be specified; use ? in one of them'],
    ['cron(0 5 1 * MON *)', 'Day-of-month and day-of-week cannot both be specified; use ? in one of them'],
    ['cron(0 5 ? * ? *)', 'Day-of-month and day-of-week cannot both be ?; specify one of them'],
    ['cron(61 5 ? * * *)', 'Minutes field: 61 is out of range 0-59'],
    ['cron(0 24 ? * * *)', 'Hours field: 24 is out of range 0-23'],
    ['cron(0 5 32 * ? *)', 'Day-of-month field: 32 is out of range 1-31'],
    ['cron(0 5 0 * ? *)', 'Day-of-month field: 0 is out of range 1-31'],
    ['cron(0 5 ? 13 * *)', 'Month field: 13 is out of range 1-12'],
    ['cron(0 5 ? * 8 *)', 'Day-of-week field: 8 is out of range 1-7'],
    ['cron(0 5 ? * * 2200)', 'Year field: 2200 is out of range 1970-2199'],
    ['cron(0 5 ? * * 1969)', 'Year field: 1969 is out of range 1970-2199'],
    ['cron(0 5 ? * 2#6 *)', 'Day-of-week field: occurrence 6 in "2#6" is out of range 1-5'],
    ['cron(0/0 5 ? * * *)', 'Minutes field: step 0 is out of range 1-59'],
    ['cron(*/60 5 ? * * *)', 'Minutes field: step 60 is out of range 1-59'],
    ['cron(0/x 5 ? * * *)', 'Minutes field: step "x" in "0/x" is not a whole number'],
    ['cron(0 5 ? * MON/2 *)', 'Day-of-week field: increments (/) are not allowed in "MON/2"'],
    ['cron(0 22-2 ? * * *)', 'Hours field: range 22-2 goes backwards; split it into two ranges (22-23,0-2)'],
    ['cron(0 5 ? * FRI-MON *)', 'Day-of-week field: range FRI-MON goes backwards; split it into two ranges (FRI-SAT,SUN-MON)'],
    ['cron(0 5 ? FOO * *)', 'Month field: "FOO" is not a number or a name (JAN-DEC)'],
    ['cron(0 5 ? * FUN *)', 'Day-of-week field: "FUN" is not a number or a name (SUN-SAT)'],
    ['cron(0 5 JAN * ? *)', 'Day-of-month field: "JAN" is not a number'],
    ['cron(x 5 ? * * *)', 'Minutes field: "x" is not a number'],
    ['cron(0,,5 5 ? * * *)', 'Minutes field: empty value in "0,,5"'],
    ['cron(? 5 1 * ? *)', 'Minutes field: ? is only allowed in day-of-month or day-of-week'],
    ['cron(0 5 1,L * ? *)', 'Day-of-month field: L and W cannot be combined with other values in "1,L"'],
    ['cron(0 5 ? * 2#1,3 *)', 'Day-of-week field: L and # cannot be combined with other values in "2#1,3"'],
    ['every day at 5', 'Schedule expression must be cron(...) or rate(...); got "every day at 5"'],
    ['', 'Schedule expression must be cron(...) or rate(...); got ""'],
    ['cron 0 5 ? * * *', 'Schedule expression must be cron(...) or rate(...); got "cron 0 5 ? * * *"'],
  ])('refuses %s', (expression, message) => {
    expect(refusal(expression)).toBe(message);
  });

  it('refuses a value that is not a string', () => {
    expect(refusal(undefined as unknown as string)).toBe('Schedule expression must be a string');
  });

  it('accepts surrounding and repeated white space', () => {
    expect(cron('  cron( 0  5 ? * * * )  ').source).toBe('cron( 0  5 ? * * * )');
  });
});

describe('isMoreFrequentThanHourly', () => {
  it.each([
    ['cron(0/30 * ? * * *)', true],
    ['cron(0,59 5 ? * * *)', true],
    ['rate(30 minutes)', true],
    ['rate(59 minutes)', true],
    ['rate(60 minutes)', false],
    ['rate(1 hour)', false],
    ['rate(1 day)', false],
    ['cron(0 * ? * * *)', false],
    ['cron(0 5 ? * * *)', false],
    ['cron(0 */12 ? * * *)', false],
  ])('%s → %s', (expression, expected) => {
    expect(isMoreFrequentThanHourly(parseSchedule(expression))).toBe(expected);
  });
});

describe('occurrencesBetween', () => {
  it('counts a year of a daily schedule: 365, or 366 in a leap year', () => {
    const daily = parseSchedule('cron(0 5 ? * * *)');
    expect(occurrencesBetween(daily, t('2027-01-01T00:00:00Z'), t('2028-01-01T00:00:00Z'))).toHaveLength(365);
    expect(occurrencesBetween(daily, t('2028-01-01T00:00:00Z'), t('2029-01-01T00:00:00Z'))).toHaveLength(366);
  });

  it('excludes from and includes to', () => {
    const daily = parseSchedule('cron(0 5 ? * * *)');
    const found = occurrencesBetween(daily, t('2027-01-01T05:00:00Z'), t('2027-01-03T05:00:00Z'));
    expect(found).toEqual([t('2027-01-02T05:00:00Z'), t('2027-01-03T05:00:00Z')]);
  });

  it('stops at the limit and returns nothing for an empty window', () => {
    const everyMinute = parseSchedule('cron(* * ? * * *)');
    expect(occurrencesBetween(everyMinute, t('2027-01-01T00:00:00Z'), t('2028-01-01T00:00:00Z'))).toHaveLength(10_000);
    expect(occurrencesBetween(everyMinute, t('2027-01-01T00:00:00Z'), t('2027-01-02T00:00:00Z'), undefined, 3)).toEqual([
      t('2027-01-01T00:01:00Z'),
      t('2027-01-01T00:02:00Z'),
      t('2027-01-01T00:03:00Z'),
    ]);
    expect(occurrencesBetween(everyMinute, t('2027-01-02T00:00:00Z'), t('2027-01-01T00:00:00Z'))).toEqual([]);
    expect(occurrencesBetween(parseSchedule('rate(1 day)'), 0, 10, 0, 0)).toEqual([]);
  });

  it('crosses the end of the allowed years without error', () => {
    const found = occurrencesBetween(parseSchedule('cron(0 5 ? * * 2027)'), t('2027-12-30T00:00:00Z'), t('2028-01-05T00:00:00Z'));
    expect(found).toEqual([t('2027-12-30T05:00:00Z'), t('2027-12-31T05:00:00Z')]);
  });
});

describe('describeSchedule', () => {
  it.each([
    ['cron(0 5 ? * * *)', 'daily at 05:00 UTC'],
    ['cron(30 17 * * ? *)', 'daily at 17:30 UTC'],
    ['cron(0 */12 ? * * *)', 'daily at 00:00 and 12:00 UTC'],
    ['cron(0 * ? * * *)', 'every hour at minute 00'],
    ['cron(0 5 ? * MON-FRI *)', 'at 05:00 UTC every Monday to Friday'],
    ['cron(0 5 ? * SUN *)', 'at 05:00 UTC every Sunday'],
    ['cron(0 5 1 * ? *)', 'at 05:00 UTC on the first day of every month'],
    ['cron(0 5 15 * ? *)', 'at 05:00 UTC on the 15th day of every month'],
    ['cron(0 5 L * ? *)', 'at 05:00 UTC on the last day of every month'],
    ['cron(0 5 LW * ? *)', 'at 05:00 UTC on the last weekday of every month'],
    ['cron(0 8 15W * ? *)', 'at 08:00 UTC on the weekday nearest the 15th of every month'],
    ['cron(0 8 ? * 6L *)', 'at 08:00 UTC on the last Friday of every month'],
    ['cron(0 8 ? * 2#1 *)', 'at 08:00 UTC on the first Monday of every month'],
    ['cron(0 5 1 1 ? *)', 'at 05:00 UTC on the first day of January'],
    ['cron(0 5 ? JAN,JUL * 2027-2028)', 'daily at 05:00 UTC in January and July, in 2027 and 2028'],
    ['cron(0 5 ? * * 2027-2030)', 'daily at 05:00 UTC, from 2027 to 2030'],
    ['cron(0/30 * ? * * *)', 'on cron schedule cron(0/30 * ? * * *)'],
    ['rate(1 day)', 'every day'],
    ['rate(12 hours)', 'every 12 hours'],
    ['rate(1 hour)', 'every hour'],
    ['rate(30 minutes)', 'every 30 minutes'],
  ])('%s → %s', (expression, expected) => {
    expect(describeSchedule(parseSchedule(expression))).toBe(expected);
  });
});
