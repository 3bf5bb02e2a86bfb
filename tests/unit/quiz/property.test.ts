import { describe, expect, it } from 'vitest';
import { buildExam, buildQuiz, buildTruthIndex, validateQuestion, type Question, type QuestionKind } from '../../../src/lib/quiz/index.ts';
import { ambiguity, factsOf, shippedVault } from './helpers.ts';

const SEEDS = 1000;

describe(`property: ${SEEDS} seeds over the shipped notes`, () => {
  const vault = shippedVault();
  const truths = buildTruthIndex(vault);
  const facts = factsOf(vault);

  it('builds 20-question quizzes with no invalid or ambiguous question', () => {
    const failures: string[] = [];
    const kinds = new Map<QuestionKind, number>();
    const distinct = new Set<string>();
    for (let i = 0; i < SEEDS; i++) {
      const seed = `property-${i}`;
      const quiz = buildQuiz(vault, { seed, count: 20 });
      if (quiz.length !== 20) failures.push(`${seed}: ${quiz.length} questions`);
      if (new Set(quiz.map((q) => q.id)).size !== quiz.length) failures.push(`${seed}: a question repeats`);
      const asked = quiz.flatMap((q) => q.factIds);
      if (new Set(asked).size !== asked.length) failures.push(`${seed}: a fact is asked twice`);
      for (const q of quiz) {
        kinds.set(q.kind, (kinds.get(q.kind) ?? 0) + 1);
        distinct.add(JSON.stringify(q));
        const problems = [...validateQuestion(q, truths), ...ambiguity(q, facts)];
        if (problems.length > 0) failures.push(`${seed}: ${q.stem} -> ${problems.join('; ')}`);
      }
      if (failures.length > 20) break;
    }
    expect(failures).toEqual([]);
    // Every kind turns up, and the seeds vary the questions rather than repeat a few.
    expect([...kinds.keys()].sort()).toEqual(['cloze', 'matching', 'multiple', 'not', 'numeric', 'single', 'true-false']);
    expect(distinct.size).toBeGreaterThan(1000);
  }, 120_000);

  it('builds exams with no invalid or ambiguous question', () => {
    const failures: string[] = [];
    for (let i = 0; i < SEEDS; i += 10) {
      const { questions } = buildExam(vault, { seed: `exam-${i}` });
      for (const q of questions as Question[]) {
        const problems = [...validateQuestion(q, truths), ...ambiguity(q, facts)];
        if (problems.length > 0) failures.push(`exam-${i}: ${q.stem} -> ${problems.join('; ')}`);
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);
});
