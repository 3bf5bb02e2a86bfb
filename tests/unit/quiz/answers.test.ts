import { describe, expect, it } from 'vitest';
import { checkAnswer, generateQuestions, normalizeAnswer, scaledScore, type ChoiceQuestion, type ClozeQuestion, type MatchingQuestion, type MultipleQuestion, type Question, type TrueFalseQuestion } from '../../../src/lib/quiz/index.ts';
import { userVault } from './helpers.ts';

const bank = generateQuestions(userVault(), { seed: 'answers' });
const first = <Q extends Question>(test: (q: Question) => boolean): Q => {
  const q = bank.find(test);
  if (!q) throw new Error('no such question');
  return q as Q;
};

describe('normalizeAnswer', () => {
  it.each([
    ['Cloud Trail ', 'cloudtrail'],
    ['cloudtrails', 'cloudtrail'],
    ['CloudTrail', 'cloudtrail'],
    ['  S3   Bucket.', 's3bucket'],
    ['policies', 'policy'],
    ['processes', 'process'],
    ['Résumé', 'resume'],
    ['1,000', '1000'],
    ['90 Days', '90day'],
    ['SNS', 'sns'],
    ['KMS', 'kms'],
    ['status', 'status'],
  ])('%j -> %j', (input, expected) => {
    expect(normalizeAnswer(input)).toBe(expected);
  });

  it('keeps what changes the meaning', () => {
    expect(normalizeAnswer('1.5')).not.toBe(normalizeAnswer('15'));
    expect(normalizeAnswer('CloudTrail')).not.toBe(normalizeAnswer('CloudWatch'));
    expect(normalizeAnswer('EC2')).not.toBe(normalizeAnswer('EC'));
  });
});

describe('checkAnswer', () => {
  it('single, numeric and NOT: the key id only', () => {
    for (const kind of ['single', 'numeric', 'not'] as const) {
      const q = first<ChoiceQuestion>((x) => x.kind === kind);
      expect(checkAnswer(q, q.answer)).toBe(true);
      const wrong = q.options.find((o) => o.id !== q.answer)?.id ?? '';
      expect(checkAnswer(q, wrong)).toBe(false);
      expect(checkAnswer(q, [q.answer])).toBe(false);
    }
  });

  it('multiple: exactly the answers, in any order, no partial credit', () => {
    const q = first<MultipleQuestion>((x) => x.kind === 'multiple');
    expect(checkAnswer(q, [...q.answers].reverse())).toBe(true);
    expect(checkAnswer(q, q.answers.slice(0, 1))).toBe(false);
    const extra = q.options.find((o) => !q.answers.includes(o.id))?.id ?? '';
    expect(checkAnswer(q, [...q.answers, extra])).toBe(false);
    expect(checkAnswer(q, [q.answers[0] ?? '', q.answers[0] ?? ''])).toBe(false);
    expect(checkAnswer(q, q.answers[0] ?? '')).toBe(false);
  });

  it('true or false: the boolean', () => {
    const yes = first<TrueFalseQuestion>((x) => x.kind === 'true-false' && x.answer);
    const no = first<TrueFalseQuestion>((x) => x.kind === 'true-false' && !x.answer);
    expect(checkAnswer(yes, true)).toBe(true);
    expect(checkAnswer(yes, false)).toBe(false);
    expect(checkAnswer(no, false)).toBe(true);
    expect(checkAnswer(no, 'false')).toBe(false);
  });

  it('matching: every pair', () => {
    const q = first<MatchingQuestion>((x) => x.kind === 'matching');
    expect(checkAnswer(q, { ...q.pairs })).toBe(true);
    const [a, b] = q.terms;
    const crossed = { ...q.pairs, [a?.id ?? '']: q.pairs[b?.id ?? ''] ?? '', [b?.id ?? '']: q.pairs[a?.id ?? ''] ?? '' };
    expect(checkAnswer(q, crossed)).toBe(false);
    const partial = { ...q.pairs };
    delete partial[a?.id ?? ''];
    expect(checkAnswer(q, partial)).toBe(false);
    expect(checkAnswer(q, Object.values(q.pairs))).toBe(false);
  });

  it('typed cloze: tolerant of case, spacing, plural and the AWS prefix, not of another word', () => {
    const q = first<ClozeQuestion>((x) => x.kind === 'cloze' && x.prompt === '[...] monitors AWS backup API calls');
    for (const typed of ['CloudTrail', 'cloudtrail', 'Cloud Trail ', 'cloudtrails', 'AWS CloudTrail', 'aws cloud trail']) expect(checkAnswer(q, typed), typed).toBe(true);
    for (const typed of ['CloudWatch', 'Cloud', '', '   ', 'trail']) expect(checkAnswer(q, typed), typed).toBe(false);
    const lock = first<ClozeQuestion>((x) => x.kind === 'cloze' && x.prompt.startsWith('[...] allows you to force'));
    expect(checkAnswer(lock, 'backup vault locks')).toBe(true);
    expect(checkAnswer(lock, 'backup vault')).toBe(false);
    const plans = first<ClozeQuestion>((x) => x.kind === 'cloze' && x.prompt === 'max of [...] report plans per account');
    expect(checkAnswer(plans, ' 20 ')).toBe(true);
    expect(checkAnswer(plans, '2')).toBe(false);
  });

  it('a number typed with or without its unit', () => {
    const synthetic: ClozeQuestion = { ...first<ClozeQuestion>((x) => x.kind === 'cloze'), prompt: 'event history shows the last [...] of events', accepted: ['90 days', '90'] };
    expect(checkAnswer(synthetic, '90')).toBe(true);
    expect(checkAnswer(synthetic, '90 Days')).toBe(true);
    expect(checkAnswer(synthetic, '90 day')).toBe(true);
    expect(checkAnswer(synthetic, '60 days')).toBe(false);
  });
});

describe('scaledScore', () => {
  it('maps linearly from 100 to 1000', () => {
    expect(scaledScore(0, 65)).toEqual({ score: 100, passed: false });
    expect(scaledScore(65, 65)).toEqual({ score: 1000, passed: true });
    expect(scaledScore(10, 20)).toEqual({ score: 550, passed: false });
  });

  it('passes at 700, which is two thirds of the questions', () => {
    expect(scaledScore(2, 3)).toEqual({ score: 700, passed: true });
    expect(scaledScore(20, 30)).toEqual({ score: 700, passed: true });
    expect(scaledScore(19, 30)).toEqual({ score: 670, passed: false });
    expect(scaledScore(44, 65)).toEqual({ score: 709, passed: true });
    expect(scaledScore(43, 65)).toEqual({ score: 695, passed: false });
  });

  it('clamps what cannot happen', () => {
    expect(scaledScore(70, 65).score).toBe(1000);
    expect(scaledScore(-3, 65).score).toBe(100);
    expect(scaledScore(0, 0)).toEqual({ score: 100, passed: false });
  });
});
