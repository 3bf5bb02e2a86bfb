import { describe, expect, it } from 'vitest';
import { EXAM_DOMAINS } from '../../../src/lib/exam/index.ts';
import { buildExam, buildQuiz, buildTruthIndex, examMinutes, validateQuestion, type Question } from '../../../src/lib/quiz/index.ts';
import { median, shippedVault, syntheticVault, USER_NOTE } from './helpers.ts';

const shipped = shippedVault();
const large = syntheticVault(313);
const byDomain = (questions: Question[]): Record<string, number> => questions.reduce<Record<string, number>>((acc, q) => ({ ...acc, [q.domain]: (acc[q.domain] ?? 0) + 1 }), {});

describe('buildExam', () => {
  it('asks only single-answer and multiple-response questions, each fact once, all valid', () => {
    const truths = buildTruthIndex(shipped);
    const { questions } = buildExam(shipped, { seed: 'exam' });
    expect(questions.length).toBeGreaterThan(20);
    expect(new Set(questions.map((q) => q.kind))).toEqual(new Set(['single', 'multiple']));
    const asked = questions.flatMap((q) => q.factIds);
    expect(new Set(asked).size).toBe(asked.length);
    for (const q of questions) expect(validateQuestion(q, truths), q.stem).toEqual([]);
  });

  it('is shorter when the notes cannot fill 65 questions, with the time scaled and the request kept', () => {
    const exam = buildExam(shipped, { seed: 'short' });
    expect(exam.questions.length).toBeLessThan(65);
    expect(exam.scaledFrom).toBe(65);
    expect(exam.minutes).toBe(Math.ceil((90 * exam.questions.length) / 65));
    // Asking for more than the notes hold gives the same questions as asking for exactly that many.
    expect(buildExam(shipped, { seed: 'short', questions: 200 }).questions.length).toBe(exam.questions.length);
  });

  it('scales 90 minutes for 65 questions, rounding up', () => {
    expect(examMinutes(65)).toBe(90);
    expect(examMinutes(30)).toBe(42);
    expect(examMinutes(10)).toBe(14);
    expect(examMinutes(1)).toBe(2);
    expect(examMinutes(0)).toBe(0);
    const thirty = buildExam(large, { seed: 'thirty', questions: 30 });
    expect(thirty).toMatchObject({ minutes: 42, scaledFrom: 30 });
    expect(thirty.questions).toHaveLength(30);
  });

  it('spreads a full exam over the domains by the official weights', () => {
    const { questions, minutes } = buildExam(large, { seed: 'spread' });
    expect(questions).toHaveLength(65);
    expect(minutes).toBe(90);
    // 24/30/34/12 % of 65 by largest remainder.
    expect(byDomain(questions)).toEqual({ 'cloud-concepts': 16, 'security-compliance': 19, 'technology-services': 22, 'billing-pricing-support': 8 });
    for (const d of EXAM_DOMAINS) expect(Math.abs((byDomain(questions)[d.id] ?? 0) - d.weight * 65)).toBeLessThan(1);
  });

  it('gives a domain the notes cannot fill to the others', () => {
    const { questions } = buildExam(shipped, { seed: 'domains', questions: 20 });
    expect(questions).toHaveLength(20);
    expect(byDomain(questions)['cloud-concepts']).toBeUndefined();
  });

  it('is the same for a seed and different for another', () => {
    expect(buildExam(shipped, { seed: 'a' })).toEqual(buildExam(shippedVault(), { seed: 'a' }));
    expect(buildExam(shipped, { seed: 'a' }).questions.map((q) => q.id)).not.toEqual(buildExam(shipped, { seed: 'b' }).questions.map((q) => q.id));
  });

  it('builds a 65-question exam from about 5,000 facts quickly', () => {
    expect(large.stats.facts).toBeGreaterThanOrEqual(5000);
    const fresh = syntheticVault(313);
    const cold = performance.now();
    buildExam(fresh, { seed: 'cold' });
    const coldMs = performance.now() - cold;
    for (let i = 0; i < 3; i++) buildExam(large, { seed: `warm-${i}` });
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const start = performance.now();
      const { questions } = buildExam(large, { seed: `bench-${i}` });
      times.push(performance.now() - start);
      expect(questions).toHaveLength(65);
    }
    console.info(`buildExam, ${large.stats.facts} facts, 65 questions: median ${median(times).toFixed(1)} ms after warm-up (first exam of a new vault, with its index: ${coldMs.toFixed(0)} ms)`);
    expect(median(times)).toBeLessThan(500);
  }, 60_000);
});

describe('buildQuiz', () => {
  it('gives the count asked for, each question once, each fact once', () => {
    const quiz = buildQuiz(shipped, { seed: 'quiz', count: 10 });
    expect(quiz).toHaveLength(10);
    expect(new Set(quiz.map((q) => q.id)).size).toBe(10);
    const asked = quiz.flatMap((q) => q.factIds);
    expect(new Set(asked).size).toBe(asked.length);
  });

  it('mixes the kinds evenly', () => {
    for (let i = 0; i < 20; i++) {
      const quiz = buildQuiz(shipped, { seed: `mix-${i}`, count: 14 });
      const kinds = quiz.reduce<Record<string, number>>((acc, q) => ({ ...acc, [q.kind]: (acc[q.kind] ?? 0) + 1 }), {});
      expect(Object.keys(kinds).length, JSON.stringify(kinds)).toBeGreaterThanOrEqual(6);
      expect(Math.max(...Object.values(kinds)), JSON.stringify(kinds)).toBeLessThanOrEqual(3);
    }
  });

  it('keeps to the filter and the kinds asked for', () => {
    const quiz = buildQuiz(shipped, { seed: 'topic', count: 8, noteIds: [USER_NOTE], kinds: ['true-false', 'numeric'] });
    expect(quiz).toHaveLength(8);
    expect(quiz.every((q) => q.explanation.noteId === USER_NOTE && (q.kind === 'true-false' || q.kind === 'numeric'))).toBe(true);
  });

  it('returns fewer when the filter holds fewer', () => {
    const quiz = buildQuiz(shipped, { seed: 'few', count: 50, sectionKeys: [`${USER_NOTE}#pricing`] });
    expect(quiz.length).toBeGreaterThan(0);
    expect(quiz.length).toBeLessThan(50);
    expect(quiz.every((q) => q.topic.key === `${USER_NOTE}#pricing`)).toBe(true);
  });

  it('asks more about weak and due topics', () => {
    const topic = `${USER_NOTE}#monitoring`;
    let plain = 0;
    let weighted = 0;
    for (let i = 0; i < 100; i++) {
      plain += buildQuiz(shipped, { seed: `w-${i}`, count: 10 }).filter((q) => q.topic.key === topic).length;
      weighted += buildQuiz(shipped, { seed: `w-${i}`, count: 10, weights: new Map([[topic, 20]]) }).filter((q) => q.topic.key === topic).length;
    }
    expect(weighted).toBeGreaterThan(plain * 2);
  });

  it('draws a topic of weight 0 only when nothing else is left', () => {
    const zero = new Map([[`${USER_NOTE}#monitoring`, 0]]);
    for (let i = 0; i < 20; i++) expect(buildQuiz(shipped, { seed: `z-${i}`, count: 10, weights: zero }).some((q) => q.topic.key === `${USER_NOTE}#monitoring`)).toBe(false);
    const only = buildQuiz(shipped, { seed: 'z', count: 5, weights: zero, sectionKeys: [`${USER_NOTE}#monitoring`] });
    expect(only).toHaveLength(5);
  });

  it('is the same for a seed and different for another', () => {
    expect(buildQuiz(shipped, { seed: 'same', count: 20 })).toEqual(buildQuiz(shippedVault(), { seed: 'same', count: 20 }));
    expect(buildQuiz(shipped, { seed: 'one', count: 20 })).not.toEqual(buildQuiz(shipped, { seed: 'two', count: 20 }));
  });

  it('builds a quick quiz from about 5,000 facts without building the whole bank', () => {
    buildQuiz(large, { seed: 'warm', count: 10 });
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      expect(buildQuiz(large, { seed: `q-${i}`, count: 10 })).toHaveLength(10);
      times.push(performance.now() - start);
    }
    console.info(`buildQuiz, ${large.stats.facts} facts, 10 questions: median ${median(times).toFixed(1)} ms`);
    expect(median(times)).toBeLessThan(500);
  }, 30_000);
});
