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
 * @typedef {{ name: string, summary: Summary, target?: number, note?: string }} Row
 */

const ms = (value) => (Number.isFinite(value) ? value.toFixed(value < 10 ? 2 : 1) : '–');

/** 'ok', 'MISSED' or '' (no target) for one row. */
export function status(row) {
  if (row.target === undefined) return '';
  return row.summary.median <= row.target ? 'ok' : 'MISSED';
}

/** The rows as a plain-text table for the terminal. */
export function table(rows) {
  const head = ['benchmark', 'median ms', 'p90 ms', 'min ms', 'max ms', 'runs', 'target', 'status'];
  const body = rows.map((r) => [r.name, ms(r.summary.median), ms(r.summary.p90), ms(r.summary.min), ms(r.summary.max), String(r.summary.runs), r.target === undefined ? '' : `<= ${r.target} ms`, status(r)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((line) => line[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/**
 * The generated markdown: figures, data set and machine.
 * @param {{ rows: Row[], data: Record<string, string | number>, machine: Record<string, string | number>, date: string, totalSeconds: number }} result
 */
export function markdown({ rows, data, machine, date, totalSeconds }) {
  const lines = [
    START,
    `Measured ${date} by \`npm run bench\` (${totalSeconds} s in all).`,
    '',
    '| benchmark | median | p90 | min | max | runs | target | status |',
    '|---|--:|--:|--:|--:|--:|--:|---|',
    ...rows.map((r) => `| ${r.name} | ${ms(r.summary.median)} ms | ${ms(r.summary.p90)} ms | ${ms(r.summary.min)} ms | ${ms(r.summary.max)} ms | ${r.summary.runs} | ${r.target === undefined ? '–' : `≤ ${r.target} ms`} | ${status(r) === 'MISSED' ? '**MISSED**' : status(r) || '–'} |`),
    '',
    `Data: ${Object.entries(data).map(([k, v]) => `${k} ${typeof v === 'number' ? v.toLocaleString('en-US') : v}`).join(', ')}.`,
    '',
    `Machine: ${machine.nproc} CPUs (\`nproc\`), ${machine.cpu}; ${machine.chromium}, headless; Node ${machine.node}; load average ${machine.load} when the run started.`,
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
