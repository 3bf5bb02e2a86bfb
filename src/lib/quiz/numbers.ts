/**
 * Plausible wrong numbers for a limit: round values near the right one, the
 * way an examiner picks them (20 -> 15, 24, 25, 30; 90 days -> 60 days, 120 days).
 */

/** Numbers as the cards find them: `1,000`, `2.5`, `90 days`, `99.9%`. */
export const NUMBER = /(?<![\p{L}\d.,_/-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s?(%|TB|GB|MB|KB|PB|TiB|GiB|MiB|ms|vCPUs?|days?|hours?|minutes?|mins?|seconds?|years?|months?|weeks?|nodes?|devices?))?(?![\p{L}\d])/gu;

/** Values an examiner reaches for; the candidates nearest the key are drawn from these and from simple multiples. */
const ROUND = [1, 2, 3, 5, 10, 12, 15, 20, 24, 25, 30, 45, 50, 60, 90, 100, 120, 150, 180, 200, 250, 300, 365, 400, 500, 600, 750, 1000, 1500, 2000, 2500, 5000, 10000];
const UNIT_WORDS = new Set(['day', 'hour', 'minute', 'min', 'second', 'year', 'month', 'week', 'node', 'device', 'vCPU']);

interface ParsedNumber {
  value: number;
  decimals: number;
  commas: boolean;
  space: string;
  unit: string;
}

function parse(text: string): ParsedNumber | null {
  const m = /^(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(\s?)(.*)$/.exec(text.trim());
  if (!m) return null;
  const digits = m[1] ?? '';
  return { value: Number(digits.replace(/,/g, '')), decimals: digits.split('.')[1]?.length ?? 0, commas: digits.includes(','), space: m[2] ?? '', unit: m[3] ?? '' };
}

/** `1 minute`, `5 minutes`, `1,500 GB`: the unit agrees with the number. */
function format(value: number, like: ParsedNumber): string {
  let digits = like.decimals > 0 ? value.toFixed(like.decimals) : String(Math.round(value));
  if (like.commas || (value >= 10000 && like.decimals === 0)) digits = Number(digits).toLocaleString('en-US');
  let unit = like.unit;
  const singular = unit.endsWith('s') ? unit.slice(0, -1) : unit;
  if (UNIT_WORDS.has(singular)) unit = value === 1 ? singular : `${singular}s`;
  return unit ? `${digits}${like.space}${unit}` : digits;
}

/**
 * Wrong values for the number `text` (with its unit), nearest first: never the
 * key itself, never a negative or a percentage above 100. The caller draws a
 * few of the nearest and checks each against the notes.
 *
 * @example nearbyNumbers('20').slice(0, 4) // ['24', '25', '15', '30']
 */
export function nearbyNumbers(text: string, limit = 6): string[] {
  const parsed = parse(text);
  if (!parsed) return [];
  const { value, decimals } = parsed;
  const candidates = new Set<number>();
  if (decimals === 0) {
    for (const r of ROUND) candidates.add(r);
    for (const f of [0.5, 2, 5, 10, 0.1, 0.2]) candidates.add(Math.round(value * f));
    // Below 4 the round values are too far apart: 1 -> 2, 3; 2 -> 1, 3, 4.
    if (value < 4) for (const d of [-2, -1, 1, 2]) candidates.add(value + d);
  } else {
    const step = 10 ** -decimals;
    for (const f of [0.5, 2, 10, 0.1]) candidates.add(value * f);
    for (const d of [-5, -1, 1, 5]) candidates.add(value + d * step);
  }
  const cap = parsed.unit === '%' ? 100 : Infinity;
  const key = format(value, parsed);
  const out = [...candidates]
    .filter((c) => c > 0 && c <= cap && Number.isFinite(c))
    .map((c) => ({ c, distance: Math.abs(Math.log(c / value)) }))
    .filter(({ c }) => format(c, parsed) !== key)
    .sort((a, b) => a.distance - b.distance || a.c - b.c)
    .map(({ c }) => format(c, parsed));
  return [...new Set(out)].slice(0, limit);
}

/** The numbers in a sentence, with where they are. */
export function numbersIn(text: string): { text: string; index: number }[] {
  return [...text.matchAll(NUMBER)].map((m) => ({ text: m[0], index: m.index ?? 0 }));
}
