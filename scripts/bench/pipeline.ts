/**
 * Benchmark (e): the notes pipeline in Node. A generated vault of 1,000 notes
 * (about 4.9 MB, `benchNotes(1000, { terms: [7, 11] })`) is parsed and turned
 * into cards (`generateCards(buildVault(files))`), and, as the baseline, every
 * note's text is run through marked's lexer alone (`marked.lexer(text)`, the
 * same marked the pipeline uses). The two alternate (baseline, pipeline,
 * baseline, pipeline…) so both see the same machine load; the heap is
 * collected before each timed run when node runs with `--expose-gc`.
 * Prints one JSON line.
 *
 *   node --expose-gc --import tsx scripts/bench/pipeline.ts [runs=10] [notes=1000]
 *
 * `npm run bench` bundles it with Vite and runs it with plain node instead.
 */
import { marked } from 'marked';
import { generateCards } from '../../src/lib/cards/generate.ts';
import { buildVault } from '../../src/lib/content/vault.ts';
import { benchNotes } from './notes.ts';

const runs = Number(process.argv[2] ?? 10);
const count = Number(process.argv[3] ?? 1000);
const WARMUP = 1;
const collect = (globalThis as { gc?: () => void }).gc ?? ((): void => {});

const files = benchNotes(count, { terms: [7, 11] });
const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);

/** ms to lex every note's text with marked; returns the token count too, so the work is not dropped. */
function lexAll(): { ms: number; tokens: number } {
  const start = performance.now();
  let tokens = 0;
  for (const file of files) tokens += marked.lexer(file.text).length;
  return { ms: performance.now() - start, tokens };
}

/** ms to build the vault and its cards (as the notes plugin and an import do), and of each stage. */
function pipeline(): { ms: number; vaultMs: number; cards: number; facts: number } {
  const start = performance.now();
  const vault = buildVault(files);
  const built = performance.now();
  const cards = generateCards(vault);
  const end = performance.now();
  return { ms: end - start, vaultMs: built - start, cards: cards.length, facts: vault.stats.facts };
}

const lexer: number[] = [];
const built: number[] = [];
const vaultOnly: number[] = [];
const cardsOnly: number[] = [];
let last = { cards: 0, facts: 0, tokens: 0 };
for (let i = 0; i < WARMUP + runs; i++) {
  collect();
  const lexed = lexAll();
  collect();
  const made = pipeline();
  last = { cards: made.cards, facts: made.facts, tokens: lexed.tokens };
  if (i >= WARMUP) {
    lexer.push(lexed.ms);
    built.push(made.ms);
    vaultOnly.push(made.vaultMs);
    cardsOnly.push(made.ms - made.vaultMs);
  }
}
console.log(JSON.stringify({ notes: files.length, bytes, ...last, gcBetweenRuns: Boolean((globalThis as { gc?: unknown }).gc), lexer, pipeline: built, buildVault: vaultOnly, generateCards: cardsOnly }));
