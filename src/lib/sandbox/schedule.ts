/**
 * Schedule expressions of AWS Backup plan rules (`ScheduleExpression`): the AWS
 * `cron(...)` and `rate(...)` formats shared with EventBridge scheduled rules.
 *
 * The sandbox needs them for three things: refusing what AWS refuses (with a
 * message that names the problem), working out when the next backup jobs start
 * (so simulated time can create recovery points), and saying in plain English
 * what a schedule means. Everything is evaluated in UTC: the sandbox only
 * accepts the `UTC` and `Etc/UTC` values of `ScheduleExpressionTimezone`, so no
 * time-zone arithmetic is needed. Times are epoch milliseconds; occurrences fall
 * on whole minutes.
 */

/** The day-of-month field once parsed; `any` is `?` (the day-of-week field decides). */
export type DayOfMonthRule =
  | { kind: 'any' }
  /** Plain days (from numbers, ranges, steps or `*`); days a month lacks never match. */
  | { kind: 'days'; days: readonly number[] }
  /** `L`: the last day of the month. */
  | { kind: 'last' }
  /** `LW`: the last Monday-to-Friday day of the month. */
  | { kind: 'lastWeekday' }
  /** `15W`: the Monday-to-Friday day nearest the given day, without leaving the month. */
  | { kind: 'nearestWeekday'; day: number };

/** The day-of-week field once parsed; days of the week are 1 = Sunday to 7 = Saturday, as in AWS. */
export type DayOfWeekRule =
  | { kind: 'any' }
  | { kind: 'days'; days: readonly number[] }
  /** `5L`: the last such weekday of the month (last Thursday here). */
  | { kind: 'lastOfMonth'; day: number }
  /** `3#2`: the nth such weekday of the month (second Tuesday here). */
  | { kind: 'nth'; day: number; nth: number };

/** A parsed `cron(...)`: every numeric field is kept as its sorted list of matching values. */
export interface CronSchedule {
  kind: 'cron';
  source: string;
  minutes: readonly number[];
  hours: readonly number[];
  dayOfMonth: DayOfMonthRule;
  months: readonly number[];
  dayOfWeek: DayOfWeekRule;
  years: readonly number[];
}

export type RateUnit = 'minute' | 'hour' | 'day';

/** A parsed `rate(...)`; `value` and `unit` are kept for describing it the way it was written. */
export interface RateSchedule {
  kind: 'rate';
  source: string;
  everyMs: number;
  value: number;
  unit: RateUnit;
}

export type Schedule = CronSchedule | RateSchedule;

/**
 * A refused schedule expression. The message names the field and the problem,
 * since a learner has to be able to fix the expression from the message alone.
 */
export class ScheduleError extends Error {
  override readonly name = 'ScheduleError';
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const UNIT_MS: Record<RateUnit, number> = { minute: MINUTE_MS, hour: HOUR_MS, day: DAY_MS };

/** AWS's year range for cron; it also bounds every search, so impossible dates end in null. */
const MIN_YEAR = 1970;
const MAX_YEAR = 2199;

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const MONTH_WORDS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAY_WORDS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const NTH_WORDS = ['first', 'second', 'third', 'fourth', 'fifth'];

interface FieldSpec {
  /** The field's name as AWS's documentation writes it, for messages. */
  label: string;
  min: number;
  max: number;
  /** Three-letter names standing for min, min + 1, ... (months and days of the week). */
  names?: readonly string[];
  /** Whether `/` increments are allowed (AWS allows them everywhere but day-of-week). */
  steps: boolean;
}

const MINUTES: FieldSpec = { label: 'Minutes', min: 0, max: 59, steps: true };
const HOURS: FieldSpec = { label: 'Hours', min: 0, max: 23, steps: true };
const DAY_OF_MONTH: FieldSpec = { label: 'Day-of-month', min: 1, max: 31, steps: true };
const MONTH: FieldSpec = { label: 'Month', min: 1, max: 12, names: MONTH_NAMES, steps: true };
const DAY_OF_WEEK: FieldSpec = { label: 'Day-of-week', min: 1, max: 7, names: DAY_NAMES, steps: false };
const YEAR: FieldSpec = { label: 'Year', min: MIN_YEAR, max: MAX_YEAR, steps: true };

/**
 * Parses an AWS `cron(...)` or `rate(...)` expression.
 *
 * Stricter than a generic cron library where AWS is: six fields, exactly one of
 * the two day fields `?`, singular/plural rate units. `L`, `W` and `#` must stand
 * alone in their field (as in the Quartz format AWS's cron derives from), and a
 * range may not wrap around (`FRI-MON`), so the sandbox never accepts something
 * whose meaning is in doubt.
 *
 * @throws ScheduleError naming the field and the problem.
 */
export function parseSchedule(expression: string): Schedule {
  // API input arrives untyped; a missing expression is a refusal, not a crash.
  if (typeof expression !== 'string') throw new ScheduleError('Schedule expression must be a string');
  const source = expression.trim();
  const cron = /^cron\((.*)\)$/s.exec(source);
  if (cron) return parseCron(source, cron[1] ?? '');
  const rate = /^rate\((.*)\)$/s.exec(source);
  if (rate) return parseRate(source, rate[1] ?? '');
  throw new ScheduleError(`Schedule expression must be cron(...) or rate(...); got "${expression}"`);
}

function parseRate(source: string, body: string): RateSchedule {
  const parts = body.trim().split(/\s+/);
  const [valueText, unitText] = parts;
  if (parts.length !== 2 || valueText === undefined || unitText === undefined) {
    throw new ScheduleError(`${source}: expected rate(value unit), e.g. rate(12 hours)`);
  }
  if (!/^\d+$/.test(valueText) || Number(valueText) < 1 || !Number.isSafeInteger(Number(valueText))) {
    throw new ScheduleError(`${source}: the value must be a positive whole number`);
  }
  const value = Number(valueText);
  const singular = unitText.endsWith('s') ? unitText.slice(0, -1) : unitText;
  if (singular !== 'minute' && singular !== 'hour' && singular !== 'day') {
    throw new ScheduleError(`${source}: the unit must be minute(s), hour(s) or day(s)`);
  }
  if (value === 1 && singular !== unitText) {
    throw new ScheduleError(`${source}: a value of 1 needs the singular unit "${singular}"`);
  }
  if (value !== 1 && singular === unitText) {
    throw new ScheduleError(`${source}: a value other than 1 needs the plural unit "${singular}s"`);
  }
  return { kind: 'rate', source, everyMs: value * UNIT_MS[singular], value, unit: singular };
}

function parseCron(source: string, body: string): CronSchedule {
  const fields = body.trim() === '' ? [] : body.trim().split(/\s+/);
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields;
  if (
    fields.length !== 6 ||
    minutes === undefined ||
    hours === undefined ||
    dayOfMonth === undefined ||
    month === undefined ||
    dayOfWeek === undefined ||
    year === undefined
  ) {
    throw new ScheduleError(
      `Cron expression must have 6 fields (minutes hours day-of-month month day-of-week year); got ${fields.length}`,
    );
  }
  if (dayOfMonth === '?' && dayOfWeek === '?') {
    throw new ScheduleError('Day-of-month and day-of-week cannot both be ?; specify one of them');
  }
  if (dayOfMonth !== '?' && dayOfWeek !== '?') {
    throw new ScheduleError('Day-of-month and day-of-week cannot both be specified; use ? in one of them');
  }
  return {
    kind: 'cron',
    source,
    minutes: parseList(minutes, MINUTES),
    hours: parseList(hours, HOURS),
    dayOfMonth: parseDayOfMonth(dayOfMonth),
    months: parseList(month, MONTH),
    dayOfWeek: parseDayOfWeek(dayOfWeek),
    years: parseList(year, YEAR),
  };
}

function fail(spec: FieldSpec, problem: string): never {
  throw new ScheduleError(`${spec.label} field: ${problem}`);
}

function refuseSpecialInList(text: string, spec: FieldSpec, specials: RegExp, what: string): void {
  if (text.includes(',') && specials.test(text)) fail(spec, `${what} cannot be combined with other values in "${text}"`);
}

function parseDayOfMonth(text: string): DayOfMonthRule {
  const upper = text.toUpperCase();
  if (upper === '?') return { kind: 'any' };
  if (upper === 'L') return { kind: 'last' };
  if (upper === 'LW') return { kind: 'lastWeekday' };
  const weekday = /^(\d+)W$/.exec(upper);
  if (weekday) return { kind: 'nearestWeekday', day: checkValue(Number(weekday[1]), DAY_OF_MONTH) };
  refuseSpecialInList(upper, DAY_OF_MONTH, /[LW]/, 'L and W');
  return { kind: 'days', days: parseList(text, DAY_OF_MONTH) };
}

function parseDayOfWeek(text: string): DayOfWeekRule {
  const upper = text.toUpperCase();
  if (upper === '?') return { kind: 'any' };
  // A lone L is the last day of the week, Saturday.
  if (upper === 'L') return { kind: 'days', days: [7] };
  const last = /^(\d+|[A-Z]{3})L$/.exec(upper);
  if (last) return { kind: 'lastOfMonth', day: parseValue(last[1] ?? '', DAY_OF_WEEK) };
  const nth = /^(\d+|[A-Z]{3})#(\d+)$/.exec(upper);
  if (nth) {
    const day = parseValue(nth[1] ?? '', DAY_OF_WEEK);
    const n = Number(nth[2]);
    if (n < 1 || n > 5) fail(DAY_OF_WEEK, `occurrence ${nth[2]} in "${text}" is out of range 1-5`);
    return { kind: 'nth', day, nth: n };
  }
  refuseSpecialInList(upper, DAY_OF_WEEK, /#|\dL|(^|,)L(,|$)/, 'L and #');
  return { kind: 'days', days: parseList(text, DAY_OF_WEEK) };
}

/** Parses a comma list of values, ranges, `*` and increments into sorted distinct values. */
function parseList(text: string, spec: FieldSpec): number[] {
  if (text === '?') fail(spec, '? is only allowed in day-of-month or day-of-week');
  const values = new Set<number>();
  for (const item of text.split(',')) {
    if (item === '') fail(spec, `empty value in "${text}"`);
    const slash = item.indexOf('/');
    const base = slash === -1 ? item : item.slice(0, slash);
    let step = 1;
    if (slash !== -1) {
      if (!spec.steps) fail(spec, `increments (/) are not allowed in "${item}"`);
      const stepText = item.slice(slash + 1);
      if (!/^\d+$/.test(stepText)) fail(spec, `step "${stepText}" in "${item}" is not a whole number`);
      step = Number(stepText);
      if (step < 1 || step > spec.max - spec.min) fail(spec, `step ${stepText} is out of range 1-${spec.max - spec.min}`);
    }
    let from: number;
    let to: number;
    if (base === '*') {
      from = spec.min;
      to = spec.max;
    } else {
      const dash = base.indexOf('-', 1);
      if (dash === -1) {
        from = parseValue(base, spec);
        // `0/15` runs from its start to the end of the field; a lone value is itself.
        to = slash === -1 ? from : spec.max;
      } else {
        from = parseValue(base.slice(0, dash), spec);
        to = parseValue(base.slice(dash + 1), spec);
        if (from > to) {
          fail(spec, `range ${base} goes backwards; split it into two ranges (${base.slice(0, dash)}-${spec.names?.[spec.max - spec.min] ?? spec.max},${spec.names?.[0] ?? spec.min}-${base.slice(dash + 1)})`);
        }
      }
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return [...values].sort((a, b) => a - b);
}

/** A single number or (for months and days of the week) a case-insensitive name. */
function parseValue(text: string, spec: FieldSpec): number {
  if (/^\d+$/.test(text)) return checkValue(Number(text), spec);
  const index = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  if (index !== -1) return spec.min + index;
  if (spec.names) {
    fail(spec, `"${text}" is not a number or a name (${spec.names[0]}-${spec.names[spec.names.length - 1]})`);
  }
  fail(spec, `"${text}" is not a number`);
}

function checkValue(value: number, spec: FieldSpec): number {
  if (value < spec.min || value > spec.max) fail(spec, `${value} is out of range ${spec.min}-${spec.max}`);
  return value;
}

function assertTime(name: string, value: number): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite epoch time in milliseconds; got ${value}`);
}

/**
 * The first occurrence strictly after `after`, or null when there is none (the
 * cron's years have run out, or its dates never exist, such as 30 February).
 *
 * A rate schedule counts from `anchor` (truncated to its minute, since AWS
 * starts jobs on whole minutes): its occurrences are anchor + k × every for
 * k ≥ 1, as a rate rule first fires one interval after it is created. Without
 * an anchor it counts from `after` itself. Cron schedules ignore the anchor.
 */
export function nextOccurrence(schedule: Schedule, after: number, anchor?: number): number | null {
  assertTime('after', after);
  if (schedule.kind === 'rate') return nextRate(schedule, after, anchor ?? after);
  const first = cronOccurrences(schedule, after).next();
  return first.done ? null : first.value;
}

/**
 * All occurrences in (from, to], in order, at most `limit` of them. The anchor
 * of a rate schedule defaults to `from`. The limit keeps a mistaken
 * every-minute schedule over a long window from building a huge array.
 */
export function occurrencesBetween(schedule: Schedule, from: number, to: number, anchor?: number, limit = 10_000): number[] {
  assertTime('from', from);
  assertTime('to', to);
  const found: number[] = [];
  if (to <= from || limit <= 0) return found;
  if (schedule.kind === 'rate') {
    for (let t = nextRate(schedule, from, anchor ?? from); t <= to && found.length < limit; t += schedule.everyMs) found.push(t);
    return found;
  }
  for (const t of cronOccurrences(schedule, from)) {
    if (t > to || found.length >= limit) break;
    found.push(t);
  }
  return found;
}

function nextRate(schedule: RateSchedule, after: number, anchor: number): number {
  assertTime('anchor', anchor);
  const start = Math.floor(anchor / MINUTE_MS) * MINUTE_MS;
  const k = Math.max(1, Math.floor((after - start) / schedule.everyMs) + 1);
  return start + k * schedule.everyMs;
}

/**
 * Walks the matching instants after `after` field by field (year, month, day,
 * hour, minute), so a yearly schedule costs a handful of steps rather than a
 * year of minutes, and an impossible one gives up after the last year AWS allows.
 */
function* cronOccurrences(cron: CronSchedule, after: number): Generator<number> {
  const start = new Date(Math.floor(after / MINUTE_MS) * MINUTE_MS + MINUTE_MS);
  const startYear = start.getUTCFullYear();
  const startMonth = start.getUTCMonth() + 1;
  const startDay = start.getUTCDate();
  const startHour = start.getUTCHours();
  const startMinute = start.getUTCMinutes();
  for (const year of cron.years) {
    if (year < startYear) continue;
    // Each `at*` flag says the walk is still on the start's own year, month, ... so lower values are in the past.
    const atYear = year === startYear;
    for (const month of cron.months) {
      if (atYear && month < startMonth) continue;
      const atMonth = atYear && month === startMonth;
      for (const day of matchingDays(cron, year, month)) {
        if (atMonth && day < startDay) continue;
        const atDay = atMonth && day === startDay;
        for (const hour of cron.hours) {
          if (atDay && hour < startHour) continue;
          const atHour = atDay && hour === startHour;
          for (const minute of cron.minutes) {
            if (atHour && minute < startMinute) continue;
            yield Date.UTC(year, month - 1, day, hour, minute);
          }
        }
      }
    }
  }
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 1 = Sunday ... 7 = Saturday, AWS's numbering. */
function weekday(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
}

/** The days of one month that the day-of-month or day-of-week rule selects, ascending. */
function matchingDays(cron: CronSchedule, year: number, month: number): number[] {
  const length = daysInMonth(year, month);
  const dom = cron.dayOfMonth;
  switch (dom.kind) {
    case 'days':
      return dom.days.filter((d) => d <= length);
    case 'last':
      return [length];
    case 'lastWeekday':
      return [nearestWeekday(year, month, length, length)];
    case 'nearestWeekday':
      return dom.day > length ? [] : [nearestWeekday(year, month, dom.day, length)];
    case 'any':
      break;
  }
  const dow = cron.dayOfWeek;
  switch (dow.kind) {
    case 'days': {
      const first = weekday(year, month, 1);
      const days: number[] = [];
      for (let d = 1; d <= length; d++) if (dow.days.includes(((first - 1 + d - 1) % 7) + 1)) days.push(d);
      return days;
    }
    case 'lastOfMonth':
      return [length - ((weekday(year, month, length) - dow.day + 7) % 7)];
    case 'nth': {
      const day = 1 + ((dow.day - weekday(year, month, 1) + 7) % 7) + 7 * (dow.nth - 1);
      return day > length ? [] : [day];
    }
    case 'any':
      return [];
  }
}

/** The Monday-to-Friday day nearest `day`, staying inside the month (so 1W on a Saturday is Monday the 3rd). */
function nearestWeekday(year: number, month: number, day: number, length: number): number {
  const wd = weekday(year, month, day);
  if (wd === 7) return day === 1 ? day + 2 : day - 1;
  if (wd === 1) return day === length ? day - 2 : day + 1;
  return day;
}

/**
 * Whether the schedule can start backups less than an hour apart, which AWS
 * Backup refuses. Exact, not sampled: a cron whose minutes field holds two
 * values fires twice within some hour, and one with a single minute value
 * cannot fire twice within 60 minutes.
 */
export function isMoreFrequentThanHourly(schedule: Schedule): boolean {
  return schedule.kind === 'rate' ? schedule.everyMs < HOUR_MS : schedule.minutes.length > 1;
}

/**
 * A one-line English description, for showing a learner what the expression
 * they wrote means. Shapes that read badly in words fall back to
 * "on cron schedule cron(...)" rather than risk a misleading sentence.
 */
export function describeSchedule(schedule: Schedule): string {
  if (schedule.kind === 'rate') {
    return schedule.value === 1 ? `every ${schedule.unit}` : `every ${schedule.value} ${schedule.unit}s`;
  }
  return describeCron(schedule) ?? `on cron schedule ${schedule.source}`;
}

function describeCron(cron: CronSchedule): string | null {
  const allMonths = cron.months.length === 12;
  const inMonths = allMonths ? '' : ` in ${joinRuns(cron.months, (m) => MONTH_WORDS[m - 1] ?? String(m))}`;
  const ofMonths = allMonths ? 'every month' : joinRuns(cron.months, (m) => MONTH_WORDS[m - 1] ?? String(m));
  const years = describeYears(cron.years);
  const dom = cron.dayOfMonth;
  const dow = cron.dayOfWeek;
  const everyDay = (dom.kind === 'days' && dom.days.length === 31) || (dow.kind === 'days' && dow.days.length === 7);

  const minute = cron.minutes[0];
  if (cron.hours.length === 24 && cron.minutes.length === 1 && minute !== undefined) {
    return everyDay ? `every hour at minute ${pad(minute)}${inMonths}${years}` : null;
  }
  if (cron.hours.length * cron.minutes.length > 4) return null;
  const times = cron.hours.flatMap((h) => cron.minutes.map((m) => `${pad(h)}:${pad(m)}`));
  const at = `at ${joinWords(times)} UTC`;

  if (everyDay) return `daily ${at}${inMonths}${years}`;
  let days: string;
  if (dow.kind === 'days') {
    days = `every ${joinRuns(dow.days, (d) => DAY_WORDS[d - 1] ?? String(d))}${inMonths}`;
  } else if (dow.kind === 'lastOfMonth') {
    days = `on the last ${DAY_WORDS[dow.day - 1]} of ${ofMonths}`;
  } else if (dow.kind === 'nth') {
    days = `on the ${NTH_WORDS[dow.nth - 1]} ${DAY_WORDS[dow.day - 1]} of ${ofMonths}`;
  } else if (dom.kind === 'last') {
    days = `on the last day of ${ofMonths}`;
  } else if (dom.kind === 'lastWeekday') {
    days = `on the last weekday of ${ofMonths}`;
  } else if (dom.kind === 'nearestWeekday') {
    days = `on the weekday nearest the ${ordinal(dom.day)} of ${ofMonths}`;
  } else if (dom.kind === 'days' && dom.days.length === 1 && dom.days[0] !== undefined) {
    days = `on the ${dom.days[0] === 1 ? 'first' : ordinal(dom.days[0])} day of ${ofMonths}`;
  } else if (dom.kind === 'days') {
    days = `on days ${joinRuns(dom.days, String)} of ${ofMonths}`;
  } else {
    return null;
  }
  return `${at} ${days}${years}`;
}

function describeYears(years: readonly number[]): string {
  if (years.length === MAX_YEAR - MIN_YEAR + 1) return '';
  const first = years[0];
  const last = years[years.length - 1];
  if (first !== undefined && last !== undefined && years.length >= 3 && last - first === years.length - 1) {
    return `, from ${first} to ${last}`;
  }
  return `, in ${joinRuns(years, String)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

/** "a", "a and b", "a, b and c". */
function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** Sorted values in words, with runs of three or more written "x to y" (MON-FRI: "Monday to Friday"). */
function joinRuns(values: readonly number[], name: (v: number) => string): string {
  const parts: string[] = [];
  let i = 0;
  while (i < values.length) {
    let j = i;
    while (j + 1 < values.length && values[j + 1] === (values[j] ?? 0) + 1) j++;
    const a = values[i] ?? 0;
    const b = values[j] ?? 0;
    if (j - i >= 2) parts.push(`${name(a)} to ${name(b)}`);
    else for (let k = i; k <= j; k++) parts.push(name(values[k] ?? 0));
    i = j + 1;
  }
  return joinWords(parts);
}
