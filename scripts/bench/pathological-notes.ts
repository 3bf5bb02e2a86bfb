/**
 * Notes built to hurt a parser: deep nesting, runs of `[[`, `%%`, `#`,
 * backticks, `*`, `_`, `=`, `|`, `[`, `![[`, one very long line, a YAML alias
 * bomb, hundreds of thousands of tiny lines or headings. Each kind is made to
 * a size in bytes (1 MB, the most a note may be, unless said otherwise), so
 * the unit test can compare a quarter of it with the whole (is the time
 * linear?) and `npm run bench` can time the whole (at most 1 s, row (h)).
 */

export const MB = 1024 * 1024;

/** `unit` (then `sep`) repeated to `bytes`. */
const fill = (unit: string, sep: string, bytes: number): string => (unit + sep).repeat(Math.ceil(bytes / (unit.length + sep.length))).slice(0, bytes);

/** Lines made by `line(i)` until they reach `bytes`. */
function lines(line: (i: number) => string, bytes: number): string {
  const out: string[] = [];
  for (let i = 0, size = 0; size < bytes; i++) {
    const text = line(i);
    out.push(text);
    size += text.length + 1;
  }
  return out.join('\n');
}

/** Nine YAML aliases each expanding the one before nine times (9^10 strings if expanded), then a list to `bytes`. */
export function billionLaughs(bytes = MB): string {
  const out = ['---', 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) out.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(',')}]`);
  const head = [...out, '---', '# Laughs', '- a line'].join('\n') + '\n';
  return head + lines((i) => `- filler ${i} ${'word '.repeat(40)}`, bytes - head.length);
}

/** A table of `columns` columns (header, delimiter row, then body rows) to `bytes`. */
export function wideTable(columns: number, bytes = MB): string {
  const header = `| ${Array.from({ length: columns }, (_, i) => `h${i}`).join(' | ')} |`;
  const rule = `|${'---|'.repeat(columns)}`;
  return lines((i) => (i === 0 ? header : i === 1 ? rule : `| ${Array.from({ length: columns }, (_, c) => `c${(c + i) % 10}`).join(' | ')} |`), bytes);
}

/** A front matter of `keys` keys (about 1 MB for 100,000), then a heading and a line. */
export function manyKeys(keys: number): string {
  const out = ['---'];
  for (let i = 0; i < keys; i++) out.push(`k${i}: v`);
  return [...out, '---', '# Keys', '- a line'].join('\n');
}

/** Each kind of pathological note, made to about `bytes` (never less). */
export const PATHOLOGICAL_NOTES: Record<string, (bytes: number) => string> = {
  'deep nesting: thousands of indentation levels (spaces)': (bytes) => lines((i) => `${' '.repeat(i % 4000)}- item ${i}`, bytes),
  'deep nesting: thousands of indentation levels (tabs)': (bytes) => lines((i) => `${'\t'.repeat(i % 2000)}- x`, bytes),
  'deep quotes: > repeated up to 3,000 levels': (bytes) => lines((i) => `${'>'.repeat(i % 3000)} q`, bytes),
  '[[ without ]] on one line': (bytes) => fill('[[', '', bytes),
  '[[ without ]] on lines of 400': (bytes) => lines(() => '[['.repeat(200), bytes),
  '![[ on one line': (bytes) => fill('![[', '', bytes),
  '%% unbalanced': (bytes) => `${fill('%%', ' ', bytes)}%`,
  '%% balanced': (bytes) => fill('%% c %%', ' ', bytes),
  '# on one line': (bytes) => fill('#', '', bytes),
  'backticks on one line': (bytes) => fill('`', '', bytes),
  'backtick runs': (bytes) => fill('```````', ' ', bytes),
  '* on one line': (bytes) => fill('*', '', bytes),
  '*a on one line': (bytes) => fill('*a', '', bytes),
  '_ on one line': (bytes) => fill('_', '', bytes),
  '= on one line': (bytes) => fill('=', '', bytes),
  '==a on one line': (bytes) => fill('==a', '', bytes),
  '| on one line': (bytes) => fill('|', '', bytes),
  '[ on one line': (bytes) => fill('[', '', bytes),
  '< and <mark> on one line': (bytes) => fill('<mark><', '', bytes),
  '$ on one line': (bytes) => fill('$', '', bytes),
  'one very long line of words': (bytes) => fill('word ', '', bytes),
  'YAML front matter with an alias bomb': billionLaughs,
  // Past the first 64 KB a front matter is not read: this one is timed for reading that far, then skipping the rest.
  'YAML front matter of 100,000 keys or more': (bytes) => `---\n${lines((i) => `k${i}: v`, bytes)}\n---\n# Keys\n- a line`,
  '> on one line (a million nested quotes)': (bytes) => fill('>', '', bytes),
  'a table with 10,000 columns': (bytes) => wideTable(10_000, bytes),
  'many tiny lines (524,288 lines of `a`)': (bytes) => fill('a', '\n', bytes),
  'runs of # on many lines (`#` to `######`, 233,000 headings)': (bytes) => lines((i) => '#'.repeat(1 + (i % 6)), bytes),
  'distinct facts up to the cap (41,000 items, 82,000 cards)': (bytes) => lines((i) => `- item ${i} is: value ${i % 97}`, bytes),
};
