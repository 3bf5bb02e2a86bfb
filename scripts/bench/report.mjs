/**
 * The benchmark's output: a table on stdout, and the "Latest figures" part of
 * docs/benchmarks.md (between the two `bench:results` markers; the rest of
 * that page is written by hand and left alone).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

/**
 * @typedef {import('./stats.mjs').Summary} Summary
 * @typedef {{
 *   name: string,
 *   unit: 'ms' | 'KB' | 'MB',
 *   summary: Summary,
 *   baseline?: Summary,
 *   baselineLabel?: string,
 *   ratio?: number,
 *   goal?: { max: number, on: 'value' | 'ratio' },
 * }} Row
 *   `baseline` is measured in the same run, and `ratio` is median / baseline median unless
 *   given (a budget row gives its own: the fraction of the budget, with `baselineLabel`).
 *   `goal.on` says whether the median or the ratio must stay at or under `max`.
 */

const number = (value) => (Number.isFinite(value) ? value.toFixed(value < 10 ? 2 : 1) : '–');
const amount = (value, unit) => (Number.isFinite(value) ? `${unit === 'MB' ? Math.round(value) : number(value)} ${unit}` : '–');

/** The row's ratio to its baseline (or its own, for a budget row); NaN when it has none. */
export function ratio(row) {
  if (row.ratio !== undefined) return row.ratio;
  return row.baseline ? row.summary.median / row.baseline.median : NaN;
}

const ratioText = (row) => (Number.isFinite(ratio(row)) ? `${ratio(row).toFixed(ratio(row) < 10 ? 2 : 1)}×` : '–');
const baselineText = (row) => row.baselineLabel ?? (row.baseline ? amount(row.baseline.median, row.unit) : '–');
const goalText = (row) => (!row.goal ? '' : row.goal.on === 'ratio' ? `<= ${row.goal.max}×` : `<= ${row.goal.max} ${row.unit}`);

/** 'ok', 'MISSED' or '' (no goal) for one row. */
export function status(row) {
  if (!row.goal) return '';
  const value = row.goal.on === 'ratio' ? ratio(row) : row.summary.median;
  return value <= row.goal.max ? 'ok' : 'MISSED';
}

/** What a missed row missed by, in words. */
export function missedText(row) {
  const got = row.goal?.on === 'ratio' ? `ratio ${ratioText(row)} (median ${amount(row.summary.median, row.unit)}, baseline ${baselineText(row)})` : `median ${amount(row.summary.median, row.unit)}`;
  return `${row.name.trim()}: ${got}, goal ${goalText(row)}`;
}

/** The rows as a plain-text table for the terminal. */
export function table(rows) {
  const head = ['benchmark', 'median', 'baseline median', 'ratio', 'runs', 'goal', 'status'];
  const body = rows.map((r) => [r.name, amount(r.summary.median, r.unit), baselineText(r), ratioText(r), String(r.summary.runs), goalText(r), status(r)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((line) => line[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/**
 * The generated markdown: figures, data set and machine.
 * @param {{ rows: Row[], data: Record<string, string | number>, machine: Record<string, string | number>, date: string, totalSeconds: number, loadAtEnd: string }} result
 */
export function markdown({ rows, data, machine, date, totalSeconds, loadAtEnd }) {
  const cell = (text) => text.replace(/<=/g, '≤');
  const lines = [
    START,
    `Measured ${date} by \`npm run bench\` (${totalSeconds} s in all).`,
    '',
    '| benchmark | median | baseline median | ratio | runs | goal | status |',
    '|---|--:|--:|--:|--:|--:|---|',
    ...rows.map((r) => `| ${r.name.replace(/^ +/, '↳ ')} | ${amount(r.summary.median, r.unit)} | ${baselineText(r)} | ${ratioText(r)} | ${r.summary.runs} | ${cell(goalText(r)) || '–'} | ${status(r) === 'MISSED' ? '**MISSED**' : status(r) || '–'} |`),
    '',
    `Data: ${Object.entries(data).map(([k, v]) => `${k} ${typeof v === 'number' ? v.toLocaleString('en-US') : v}`).join(', ')}.`,
    '',
    `Machine: ${machine.nproc} CPUs (\`nproc\`), ${machine.cpu}; ${machine.chromium}, headless; Node ${machine.node}; load average ${machine.load} when the run started, ${loadAtEnd} when it ended.`,
    END,
  ];
  return lines.join('\n');
}

/** Puts the generated part into `path`, creating a bare page when it has none. */
export function writeDoc(path, generated) {
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  const next =
    from >= 0 && to > from
      ? text.slice(0, from) + generated + text.slice(to + END.length)
      : `${text || '# Benchmarks\n\nRun `npm run bench`.\n'}\n## Latest figures\n\n${generated}\n`;
  writeFileSync(path, next);
}
