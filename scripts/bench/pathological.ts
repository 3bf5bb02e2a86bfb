/**
 * Benchmark (h): every kind of pathological note (`pathological-notes.ts`) at
 * 1 MB through `buildVault` and `generateCards`, as an import of that note
 * would run them; the goal (issue 10) is at most 1 s each. Each kind is run
 * once to warm up, then `runs` times, the heap collected before each run when
 * node runs with `--expose-gc`. Prints one JSON line: the samples of each kind.
 *
 *   node --expose-gc --import tsx scripts/bench/pathological.ts [runs=5]
 *
 * `npm run bench` bundles it with Vite and runs it with plain node instead.
 */
import { generateCards } from '../../src/lib/cards/generate.ts';
import { buildVault } from '../../src/lib/content/vault.ts';
import { MB, PATHOLOGICAL_NOTES } from './pathological-notes.ts';

const runs = Number(process.argv[2] ?? 5);
const collect = (globalThis as { gc?: () => void }).gc ?? ((): void => {});

const kinds: { kind: string; bytes: number; samples: number[] }[] = [];
for (const [kind, make] of Object.entries(PATHOLOGICAL_NOTES)) {
  const text = make(MB);
  const samples: number[] = [];
  for (let i = 0; i <= runs; i++) {
    collect();
    const start = performance.now();
    generateCards(buildVault([{ path: 'pathological.md', text }]));
    if (i > 0) samples.push(performance.now() - start);
  }
  kinds.push({ kind, bytes: text.length, samples });
}
console.log(JSON.stringify({ kinds }));
