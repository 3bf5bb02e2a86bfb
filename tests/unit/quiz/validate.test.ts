import { describe, expect, it } from 'vitest';
import { buildVault } from '../../../src/lib/content/index.ts';
import {
  buildTruthIndex,
  generateQuestions,
  validateQuestion,
  type ChoiceQuestion,
  type ClozeQuestion,
  type MatchingQuestion,
  type MultipleQuestion,
  type Question,
  type TrueFalseQuestion,
} from '../../../src/lib/quiz/index.ts';
import { ambiguity, factsOf, userVault } from './helpers.ts';

const vault = userVault();
const truths = buildTruthIndex(vault);
const facts = factsOf(vault);
const bank = generateQuestions(vault, { seed: 'validate' });

function find<Q extends Question>(test: (q: Question) => boolean): Q {
  const q = bank.find(test);
  if (!q) throw new Error('no such question in the bank');
  return structuredClone(q) as Q;
}
const keyText = (q: ChoiceQuestion): string => q.options.find((o) => o.id === q.answer)?.text ?? '';
const distractor = (q: ChoiceQuestion) => q.options.find((o) => o.id !== q.answer) as { id: string; text: string };

/** Both the validator and the independent check in helpers.ts must see the problem. */
function expectCaught(q: Question, reason: RegExp): void {
  const problems = validateQuestion(q, truths);
  expect(problems.join('\n')).toMatch(reason);
  expect(ambiguity(q, facts).length, 'the independent check').toBeGreaterThan(0);
}

describe('validateQuestion', () => {
  it('passes every generated question', () => {
    expect(bank.length).toBeGreaterThan(50);
    for (const q of bank) expect(validateQuestion(q, truths), q.stem).toEqual([]);
  });

  it('rejects a distractor that also fills the gap truly (the key written another way)', () => {
    const q = find<ChoiceQuestion>((x) => x.stem === 'Which service monitors AWS backup API calls?');
    distractor(q).text = 'cloudtrail';
    expectCaught(q, /repeat after normalising[\s\S]*makes a true fact/);
  });

  it('rejects a distractor that makes another fact true', () => {
    const questions = generateQuestions(
      buildVault([
        {
          path: 'messaging.md',
          text: '# messaging\n## services\n- Amazon SNS sends email notifications\n- Amazon SES sends email notifications\n- AWS Lambda runs code without servers\n- Amazon EC2 runs virtual servers in the cloud\n- Amazon S3 stores objects in buckets\n- Amazon SQS queues messages between services\n',
        },
      ]),
      { seed: 'two-true' },
    );
    const prompts = questions.filter((q) => q.basis.type === 'gap' && q.basis.prompt === '[...] sends email notifications');
    // SES and SNS both send email notifications: a single-answer question may offer one of them, never both,
    // and a typed answer that accepts only one of them is not asked.
    expect(prompts.length).toBeGreaterThan(0);
    for (const q of prompts) {
      expect(q.kind).toBe('single');
      const texts = (q as ChoiceQuestion).options.map((o) => o.text);
      expect(texts.includes('Amazon SNS') && texts.includes('Amazon SES')).toBe(false);
    }
    // And the swap SNS -> SES is not a false statement.
    expect(questions.some((q) => q.kind === 'true-false' && !q.answer && /Amazon S[EN]S sends email/.test(q.statement))).toBe(false);
  });

  it('rejects a number that repeats the key after normalising', () => {
    const q = find<ChoiceQuestion>((x) => x.kind === 'numeric' && x.stem.endsWith('max of [...] report plans per account'));
    distractor(q).text = ' 20 ';
    expectCaught(q, /repeat after normalising/);
  });

  it('rejects a missing key, a key not among the options and the wrong number of options', () => {
    const missing = find<ChoiceQuestion>((x) => x.stem === 'What is a backup vault?');
    missing.answer = 'e';
    expectCaught(missing, /key "e" is not among the options/);
    const short = find<ChoiceQuestion>((x) => x.stem === 'What is a backup vault?');
    short.options = short.options.filter((o) => o.id === short.answer).concat(short.options.filter((o) => o.id !== short.answer).slice(0, 2));
    expect(validateQuestion(short, truths).join('\n')).toMatch(/3 options, not 4/);
  });

  it('rejects a sibling fact of the term as a wrong definition', () => {
    const q = find<ChoiceQuestion>((x) => x.stem === 'What is a backup vault?');
    distractor(q).text = 'can create multiple backup vaults if you need different encryption keys/access policies for different backup groups';
    expectCaught(q, /also defines "backup vault"/);
  });

  it('rejects the third pricing factor offered as a distractor', () => {
    const q = find<MultipleQuestion>((x) => x.kind === 'multiple' && x.family === 'pricing-factors');
    const third = ['backup storage used', 'amount of backup data transferred between AWS regions', 'amount of backup data restored'].find((t) => !q.options.some((o) => o.text === t)) ?? '';
    const wrong = q.options.find((o) => !q.answers.includes(o.id));
    if (wrong) wrong.text = third;
    expectCaught(q, /is in the list "AWS backup pricing — charged for"/);
  });

  it('rejects a multiple-response question with the wrong counts', () => {
    const q = find<MultipleQuestion>((x) => x.kind === 'multiple' && x.family === 'pricing-factors');
    q.answers = q.answers.slice(0, 1);
    expect(validateQuestion(q, truths).join('\n')).toMatch(/1 answers, not 2 or 3[\s\S]*choose 2 but 1 answers/);
    const fewer = find<MultipleQuestion>((x) => x.kind === 'multiple' && x.family === 'pricing-factors');
    fewer.options = fewer.options.slice(0, 4);
    expect(validateQuestion(fewer, truths).join('\n')).toMatch(/4 options, not 5 or more/);
  });

  it('rejects a NOT question with two items from outside the list', () => {
    const q = find<ChoiceQuestion>((x) => x.kind === 'not' && x.family === 'pricing-factors');
    distractor(q).text = 'number of recovery points';
    expectCaught(q, /"number of recovery points" is not in the list/);
  });

  it('rejects a true statement marked false and a false statement marked true', () => {
    const stated = find<TrueFalseQuestion>((x) => x.kind === 'true-false' && x.answer && x.statement === 'max of 20 report plans per account');
    stated.answer = false;
    stated.falseBecause = 'nothing';
    expectCaught(stated, /marked false but the notes say it/);
    const changed = find<TrueFalseQuestion>((x) => x.kind === 'true-false' && !x.answer);
    changed.answer = true;
    expectCaught(changed, /marked true but the notes do not say it/);
  });

  it('rejects a false statement without what was changed', () => {
    const q = find<TrueFalseQuestion>((x) => x.kind === 'true-false' && !x.answer);
    delete q.falseBecause;
    expectCaught(q, /must say what was changed/);
  });

  it('rejects a matching question whose pairs are crossed', () => {
    const q = find<MatchingQuestion>((x) => x.kind === 'matching' && x.family === 'monitoring-services');
    const [a, b] = q.terms;
    if (a && b) [q.pairs[a.id], q.pairs[b.id]] = [q.pairs[b.id] ?? '', q.pairs[a.id] ?? ''];
    expectCaught(q, /is not what the notes say of/);
  });

  it('rejects a typed answer that does not make the fact', () => {
    const q = find<ClozeQuestion>((x) => x.kind === 'cloze' && x.prompt === '[...] monitors AWS backup API calls');
    q.accepted = ['CloudWatch'];
    expectCaught(q, /"CloudWatch" does not make a fact/);
  });

  it('rejects unknown source facts and a quote that is not the fact', () => {
    const q = find<ChoiceQuestion>((x) => x.stem === 'What is a backup vault?');
    q.factIds = ['storage-aws-backup#nope'];
    q.explanation = { ...q.explanation, factIds: q.factIds };
    expect(validateQuestion(q, truths).join('\n')).toMatch(/unknown fact storage-aws-backup#nope/);
    const misquoted = find<ChoiceQuestion>((x) => x.stem === 'What is a backup vault?');
    misquoted.explanation.quote = 'container; stores your backups';
    expect(validateQuestion(misquoted, truths).join('\n')).toMatch(/does not quote fact/);
  });

  it('rejects the note subject as a wrong answer in its own note', () => {
    const q = find<ChoiceQuestion>((x) => x.stem === 'Which service monitors AWS backup API calls?');
    q.explanation.noteTitle = 'AWS backup';
    distractor(q).text = 'AWS Backup';
    expect(validateQuestion(q, truths).join('\n')).toMatch(/is what the note is about/);
    expect(keyText(q)).toBe('CloudTrail');
  });
});
