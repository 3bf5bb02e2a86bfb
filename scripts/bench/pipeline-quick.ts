/**
 * A quick look at benchmark (e) without the whole bench: the same 1,000
 * generated notes (`benchNotes(1000, { terms: [7, 11] })`), `marked.lexer` on
 * every note's text against `generateCards(buildVault(files))`, interleaved,
 * the heap collected before each timed run. Prints the medians, the ratios
 * and the load average, and a fingerprint of everything the pipeline made
 * (ids, texts, inline trees, cards), so a faster pipeline can be checked to
 * make exactly the same vault.
 *
 *   node --expose-gc --import tsx scripts/bench/pipeline-quick.ts [runs=7] [notes=1000]
 */
import { loadavg } from 'node:os';
import { marked } from 'marked';
import { generateCards } from '../../src/lib/cards/generate.ts';
import { stableHash } from '../../src/lib/content/ids.ts';
import { buildVault } from '../../src/lib/content/vault.ts';
import { benchNotes } from './notes.ts';

const runs = Number(process.argv[2] ?? 7);
const count = Number(process.argv[3] ?? 1000);
const collect = (globalThis as { gc?: () => void }).gc ?? ((): void => {});
const files = benchNotes(count, { terms: [7, 11] });
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

const lexer: number[] = [];
const vaultMs: number[] = [];
const cardsMs: number[] = [];
const total: number[] = [];
for (let i = 0; i <= runs; i++) {
  collect();
  let start = performance.now();
  let tokens = 0;
  for (const file of files) tokens += marked.lexer(file.text).length;
  const lexMs = performance.now() - start;
  collect();
  start = performance.now();
  const vault = buildVault(files);
  const built = performance.now();
  const cards = generateCards(vault);
  const end = performance.now();
  if (i === 0) {
    // Warm-up run: not timed, but fingerprinted.
    // Keys sorted: the order in which an object's fields were set is not part of what was made.
    const sorted = (_key: string, value: unknown): unknown =>
      value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : value;
    const fingerprint = stableHash(JSON.stringify({ notes: vault.notes, warnings: vault.warnings, stats: vault.stats, cards }, sorted));
    console.log(`notes ${vault.notes.length}, facts ${vault.stats.facts}, cards ${cards.length}, tokens ${tokens}, fingerprint ${fingerprint}`);
    continue;
  }
  lexer.push(lexMs);
  vaultMs.push(built - start);
  cardsMs.push(end - built);
  total.push(end - start);
}
const lex = median(lexer);
const fmt = (ms: number): string => `${ms.toFixed(0)} ms (${(ms / lex).toFixed(2)}x)`;
console.log(`runs ${runs}: lexer ${lex.toFixed(0)} ms; pipeline ${fmt(median(total))}; buildVault ${fmt(median(vaultMs))}; generateCards ${fmt(median(cardsMs))}; load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
