/**
 * Bench page `exam.html`: `window.benchExam()` takes the first notes of the
 * bench vault that hold at least 5,000 facts and times `buildExam` for a
 * 65-question practice exam, one new seed per sample. The first call also
 * indexes the facts (cached per vault after that) and is reported apart.
 */
import vault from 'virtual:vaultcards/notes';
import type { Vault } from '../src/lib/content/types.ts';
import { buildExam } from '../src/lib/quiz/index.ts';

export interface ExamResult {
  notes: number;
  facts: number;
  questions: number;
  minutes: number;
  /** ms of the first call: indexing the facts plus one exam. */
  firstCall: number;
  /** ms per exam after that. */
  samples: number[];
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
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    exam = buildExam(subset, { seed: `bench-${i}`, questions: 65 });
    samples.push(performance.now() - start);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return {
    notes: subset.notes.length,
    facts: subset.notes.reduce((n, note) => n + note.facts.length, 0),
    questions: exam.questions.length,
    minutes: exam.minutes,
    firstCall,
    samples,
  };
}

Object.assign(window, { benchExam });
