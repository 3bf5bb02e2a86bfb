/**
 * Bench page `exam.html`: `window.benchExam()` takes the first notes of the
 * bench vault that hold at least 5,000 facts and times `buildExam` for a
 * 65-question practice exam, one new seed per sample. The first call also
 * indexes the facts (cached per vault after that) and is reported apart.
 *
 * Baseline, timed alternately with it: shuffling the same facts (a seeded
 * Fisher-Yates on a copy of the array) and taking the first 65, averaged over
 * `SHUFFLE_BATCH` shuffles per sample (one is below the 0.1 ms resolution of
 * `performance.now()` here).
 */
import vault from 'virtual:vaultcards/notes';
import type { Fact, Vault } from '../src/lib/content/types.ts';
import { buildExam } from '../src/lib/quiz/index.ts';
import { createRng, type Rng } from './prng.ts';

const SHUFFLE_BATCH = 20;

export interface ExamResult {
  notes: number;
  facts: number;
  questions: number;
  minutes: number;
  /** ms of the first call: indexing the facts plus one exam. */
  firstCall: number;
  /** ms per exam after that. */
  samples: number[];
  /** ms per shuffle of the facts and pick of 65 (mean of `SHUFFLE_BATCH`). */
  baseline: number[];
}

/** The first `take` of `facts` in a random order: the least an exam generator must do. */
function shuffleAndTake(facts: readonly Fact[], take: number, rng: Rng): Fact[] {
  const copy = [...facts];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as Fact, copy[i] as Fact];
  }
  return copy.slice(0, take);
}

function vaultOfFacts(minFacts: number): Vault {
  const notes = [];
  let facts = 0;
  for (const note of vault.notes) {
    if (facts >= minFacts) break;
    notes.push(note);
    facts += note.facts.length;
  }
  return { ...vault, notes };
}

async function benchExam(warmup = 5, runs = 40, minFacts = 5000): Promise<ExamResult> {
  const subset = vaultOfFacts(minFacts);
  const t0 = performance.now();
  let exam = buildExam(subset, { seed: 'bench-first', questions: 65 });
  const firstCall = performance.now() - t0;
  for (let i = 0; i < warmup; i++) buildExam(subset, { seed: `bench-warm-${i}`, questions: 65 });
  const facts = subset.notes.flatMap((note) => note.facts);
  const rng = createRng(65);
  const samples: number[] = [];
  const baseline: number[] = [];
  let picked = 0;
  for (let i = 0; i < runs; i++) {
    const b0 = performance.now();
    for (let k = 0; k < SHUFFLE_BATCH; k++) picked += shuffleAndTake(facts, 65, rng).length;
    baseline.push((performance.now() - b0) / SHUFFLE_BATCH);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const start = performance.now();
    exam = buildExam(subset, { seed: `bench-${i}`, questions: 65 });
    samples.push(performance.now() - start);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  if (picked !== runs * SHUFFLE_BATCH * Math.min(65, facts.length)) throw new Error('the baseline picked the wrong number of facts');
  return {
    notes: subset.notes.length,
    facts: subset.notes.reduce((n, note) => n + note.facts.length, 0),
    questions: exam.questions.length,
    minutes: exam.minutes,
    firstCall,
    samples,
    baseline,
  };
}

Object.assign(window, { benchExam });
