/**
 * Review activity by study day: counts, streaks, the heatmap and the due
 * forecast. A study day runs from 4am to 4am local time, as in the queue
 * (`startOfStudyDay`), so a review at 1am counts for the evening before.
 * Time zone offsets are minutes AHEAD of UTC (UTC+10 is 600, UTC-5 is -300).
 */
import type { CardProgress, ReviewRecord } from '../srs/types.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const DAY_STARTS_AT = 4 * HOUR;

/** A number of things on one study day. */
export interface DayCount {
  /** `YYYY-MM-DD`: the local date the study day starts on. */
  day: string;
  count: number;
}

/** A heatmap cell: 0 is no reviews, 1-4 the quartile of the day's count among the days with reviews. */
export type HeatLevel = 0 | 1 | 2 | 3 | 4;

/** Days since 1970-01-01 of the study day `at` falls in. */
function studyDayNumber(at: number, timezoneOffsetMinutes: number): number {
  return Math.floor((at + timezoneOffsetMinutes * MINUTE - DAY_STARTS_AT) / DAY);
}

function dayNumberKey(dayNumber: number): string {
  return new Date(dayNumber * DAY).toISOString().slice(0, 10);
}

/** Inverse of `dayNumberKey`; NaN for a key that is not `YYYY-MM-DD`. */
function keyDayNumber(key: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!match) return NaN;
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY;
}

/**
 * Study-day key of a time: the local date of (at - 4h) in the given offset.
 *
 * @example studyDayKey(Date.UTC(2026, 0, 5, 1), 0) === '2026-01-04' // 1am still belongs to the 4th
 * @example studyDayKey(Date.UTC(2026, 0, 4, 20), 600) === '2026-01-05' // 6am on the 5th in UTC+10
 */
export function studyDayKey(at: number, timezoneOffsetMinutes: number): string {
  return dayNumberKey(studyDayNumber(at, timezoneOffsetMinutes));
}

/** Number of reviews on each study day that has any, keyed by `studyDayKey`. */
export function reviewsPerDay(records: Iterable<Pick<ReviewRecord, 'review'>>, timezoneOffsetMinutes: number): Map<string, number> {
  // Counting by day number first saves building a date string per record.
  const byNumber = new Map<number, number>();
  for (const record of records) {
    const day = studyDayNumber(record.review, timezoneOffsetMinutes);
    byNumber.set(day, (byNumber.get(day) ?? 0) + 1);
  }
  const perDay = new Map<string, number>();
  for (const day of [...byNumber.keys()].sort((a, b) => a - b)) perDay.set(dayNumberKey(day), byNumber.get(day) ?? 0);
  return perDay;
}

/**
 * Consecutive study days with at least one review, ending today, or
 * yesterday when there is none yet today: the streak is still alive until
 * today's study day ends. `longest` is the longest run anywhere in `perDay`.
 */
export function streak(perDay: Map<string, number>, now: number, timezoneOffsetMinutes: number): { current: number; longest: number; studiedToday: boolean } {
  const today = studyDayNumber(now, timezoneOffsetMinutes);
  const studied = new Set<number>();
  for (const [key, count] of perDay) {
    const day = keyDayNumber(key);
    if (count > 0 && Number.isFinite(day)) studied.add(day);
  }
  const studiedToday = studied.has(today);
  let current = 0;
  for (let day = studiedToday ? today : today - 1; studied.has(day); day--) current++;

  let longest = 0;
  let run = 0;
  let previous = NaN;
  for (const day of [...studied].sort((a, b) => a - b)) {
    run = day === previous + 1 ? run + 1 : 1;
    if (run > longest) longest = run;
    previous = day;
  }
  return { current, longest, studiedToday };
}

/**
 * The last `days` study days up to today, oldest first, for a heatmap. Level
 * 0 means no reviews; days with reviews get 1-4 by the quartiles (nearest
 * rank) of the non-zero counts in the window, a count on a quartile taking
 * the lower level. So four active days with 1, 2, 3 and 4 reviews get levels
 * 1, 2, 3 and 4, and a steady learner with the same count every day sees one
 * colour.
 */
export function heatmap(perDay: Map<string, number>, now: number, timezoneOffsetMinutes: number, days = 365): { day: string; count: number; level: HeatLevel }[] {
  const today = studyDayNumber(now, timezoneOffsetMinutes);
  const length = Math.max(0, Math.floor(days));
  const cells = Array.from({ length }, (_, i) => {
    const day = dayNumberKey(today - length + 1 + i);
    return { day, count: perDay.get(day) ?? 0 };
  });
  const active = cells.map((c) => c.count).filter((count) => count > 0).sort((a, b) => a - b);
  const quartile = (p: number): number => active[Math.max(0, Math.ceil(p * active.length) - 1)] ?? 0;
  const [q1, q2, q3] = [quartile(0.25), quartile(0.5), quartile(0.75)];
  return cells.map(({ day, count }) => ({ day, count, level: count <= 0 ? 0 : count <= q1 ? 1 : count <= q2 ? 2 : count <= q3 ? 3 : 4 }));
}

/**
 * Cards falling due on each of the next `days` study days, today first.
 * Today includes everything overdue and learning steps due later today.
 * Suspended, retired and new cards are left out: new cards are not due, they
 * are introduced at the daily new-card rate.
 */
export function dueForecast(progress: Iterable<CardProgress>, now: number, timezoneOffsetMinutes: number, days = 30): DayCount[] {
  const today = studyDayNumber(now, timezoneOffsetMinutes);
  const counts = new Array<number>(Math.max(0, Math.floor(days))).fill(0);
  for (const p of progress) {
    if (p.suspended || p.retired || p.memory.state === 'new') continue;
    const offset = Math.max(0, studyDayNumber(p.memory.due, timezoneOffsetMinutes) - today);
    if (offset < counts.length) counts[offset] = (counts[offset] ?? 0) + 1;
  }
  return counts.map((count, i) => ({ day: dayNumberKey(today + i), count }));
}
