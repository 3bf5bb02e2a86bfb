import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildVault } from '../../../src/lib/content/index.ts';
import type { Vault } from '../../../src/lib/content/types.ts';
import { examDomainOf } from '../../../src/lib/exam/index.ts';
import {
  buildTruthIndex,
  familyOf,
  generateQuestions,
  QUESTION_FAMILIES,
  QUESTION_KINDS,
  validateQuestion,
  type ChoiceQuestion,
  type ClozeQuestion,
  type MatchingQuestion,
  type MultipleQuestion,
  type Question,
  type QuestionKind,
  type TrueFalseQuestion,
} from '../../../src/lib/quiz/index.ts';
import { sectionKey, sectionLabel } from '../../../src/lib/stats/index.ts';
import { ambiguity, factsOf, shippedVault, USER_NOTE, userVault } from './helpers.ts';

const fixture = readFileSync('tests/fixtures/quiz/compute-lambda.md', 'utf8');
const fixtureVault = buildVault([{ path: 'compute-lambda.md', text: fixture }]);
const user = userVault();
const shipped = shippedVault();

type OfKind<K extends QuestionKind> = K extends ChoiceQuestion['kind'] ? ChoiceQuestion : Extract<Question, { kind: K }>;
const ofKind = <K extends QuestionKind>(questions: Question[], kind: K): OfKind<K>[] => questions.filter((q) => q.kind === kind) as OfKind<K>[];
const keyOf = (q: ChoiceQuestion): string => q.options.find((o) => o.id === q.answer)?.text ?? '';
const count = (questions: Question[], by: (q: Question) => string): Record<string, number> =>
  questions.reduce<Record<string, number>>((acc, q) => ({ ...acc, [by(q)]: (acc[by(q)] ?? 0) + 1 }), {});

describe('generateQuestions: every kind', () => {
  it.each([
    ['the fixture note', fixtureVault],
    ["the user's note", user],
  ] as [string, Vault][])('comes out of %s, each question valid and unambiguous', (_name, vault) => {
    const questions = generateQuestions(vault, { seed: 'kinds' });
    const kinds = count(questions, (q) => q.kind);
    for (const kind of QUESTION_KINDS) expect(kinds[kind], kind).toBeGreaterThan(0);
    const truths = buildTruthIndex(vault);
    const facts = factsOf(vault);
    for (const q of questions) {
      expect(validateQuestion(q, truths), q.stem).toEqual([]);
      expect(ambiguity(q, facts), q.stem).toEqual([]);
    }
  });

  it('only gives the kinds asked for', () => {
    const questions = generateQuestions(user, { seed: 'k', kinds: ['numeric', 'matching'] });
    expect(new Set(questions.map((q) => q.kind))).toEqual(new Set(['numeric', 'matching']));
  });
});

describe("generateQuestions: the user's note", () => {
  const questions = generateQuestions(user, { seed: 'user-note' });

  it('asks the report plan limit among nearby numbers, none of which is stated', () => {
    const plans = ofKind(questions, 'numeric').find((q) => q.stem.endsWith('max of [...] report plans per account'));
    expect(plans).toBeDefined();
    expect(keyOf(plans as ChoiceQuestion)).toBe('20');
    const others = (plans as ChoiceQuestion).options.map((o) => o.text).filter((t) => t !== '20');
    expect(others).toHaveLength(3);
    for (const n of others) expect(Number(n)).not.toBe(20);
  });

  it('asks which service monitors the API calls, with only services as options', () => {
    const q = ofKind(questions, 'single').find((x) => x.stem === 'Which service monitors AWS backup API calls?');
    expect(q).toBeDefined();
    expect(keyOf(q as ChoiceQuestion)).toBe('CloudTrail');
    expect(q?.family).toBe('monitoring-services');
  });

  it('asks what a backup vault is with the definitions of other terms', () => {
    const q = ofKind(questions, 'single').find((x) => x.stem === 'What is a backup vault?') as ChoiceQuestion;
    expect(keyOf(q)).toBe('container; stores/organizes your backups');
    // No other fact of the backup vault section (all true of a vault) stands as a distractor.
    const vaultFacts = user.notes[0]?.facts.filter((f) => f.sectionId === 'concepts-backup-vault').map((f) => f.text) ?? [];
    for (const o of q.options) if (o.id !== q.answer) expect(vaultFacts).not.toContain(o.text);
  });

  it('asks two of the three pricing factors and never offers the third as a distractor', () => {
    const q = ofKind(questions, 'multiple').find((x) => x.family === 'pricing-factors') as MultipleQuestion;
    expect(q.stem).toBe('Which TWO of the following complete “AWS backup pricing — charged for …”? (Choose TWO.)');
    expect(q.choose).toBe(2);
    expect(q.options.length).toBeGreaterThanOrEqual(5);
    const factors = ['backup storage used', 'amount of backup data transferred between AWS regions', 'amount of backup data restored'];
    const offered = q.options.filter((o) => factors.includes(o.text));
    expect(offered.map((o) => o.id).sort()).toEqual([...q.answers].sort());
  });

  it('asks which is NOT a pricing factor with the three factors and one thing from elsewhere', () => {
    const q = ofKind(questions, 'not').find((x) => x.family === 'pricing-factors') as ChoiceQuestion;
    const factors = new Set(['backup storage used', 'amount of backup data transferred between AWS regions', 'amount of backup data restored']);
    expect(q.options.filter((o) => factors.has(o.text))).toHaveLength(3);
    expect(factors.has(keyOf(q))).toBe(false);
  });

  it('makes false statements by a nearby number, a flipped modal and a sibling term, and says what changed', () => {
    const falses = ofKind(questions, 'true-false').filter((q) => !q.answer);
    const because = falses.map((q) => q.falseBecause ?? '');
    expect(because.every((b) => b !== '')).toBe(true);
    expect(falses.find((q) => q.basis.type === 'statement' && q.basis.original === 'max of 20 report plans per account')?.falseBecause).toMatch(/^changed “20” to “\d+”$/);
    expect(falses.find((q) => q.statement.startsWith('can delete AWS backup default vault'))?.falseBecause).toBe('changed “cannot” to “can”');
    const swapped = falses.find((q) => q.basis.type === 'statement' && q.basis.original === 'CloudTrail monitors AWS backup API calls') as TrueFalseQuestion;
    expect(swapped.falseBecause).toMatch(/^swapped “CloudTrail” for “.+”$/);
    expect(swapped.statement).not.toContain('CloudTrail');
    expect(falses.find((q) => q.statement === 'resource: every instance/resource')?.falseBecause).toBe('“every instance/resource” describes resource type, not resource');
  });

  it('matches the five monitoring services to what they do', () => {
    const q = ofKind(questions, 'matching').find((x) => x.family === 'monitoring-services') as MatchingQuestion;
    expect(q.terms.map((t) => t.text).sort()).toEqual(['AWS Organizations', 'Amazon SNS', 'CloudTrail', 'CloudWatch', 'amazon EventBridge']);
    const cloudTrail = q.terms.find((t) => t.text === 'CloudTrail');
    expect(q.definitions.find((d) => d.id === q.pairs[cloudTrail?.id ?? ''])?.text).toBe('monitors AWS backup API calls');
  });

  it('types the vault lock term, accepting it without the AWS prefix', () => {
    const q = ofKind(questions, 'cloze').find((x) => x.prompt === '[...] allows you to force retention periods/early deletions') as ClozeQuestion;
    expect(q.accepted).toEqual(['AWS backup vault lock', 'backup vault lock']);
    expect(q.family).toBe('vault-lock');
  });

  it('covers every named family, several kinds each', () => {
    const byFamily = new Map<string, Set<QuestionKind>>();
    for (const q of questions) if (q.family) byFamily.set(q.family, (byFamily.get(q.family) ?? new Set()).add(q.kind));
    for (const family of QUESTION_FAMILIES) expect(byFamily.get(family)?.size ?? 0, family).toBeGreaterThanOrEqual(2);
    console.info('families from the user note:', JSON.stringify(count(questions.filter((q) => q.family), (q) => `${q.family}`)), 'kinds:', JSON.stringify(count(questions, (q) => q.kind)));
  });

  it.each([
    ['vault-lock', /vault lock/],
    ['audit-limits', /\b(1|10|20) |report plans?|same region and account|2 framework types/],
    ['pricing-factors', /charged for/],
    ['resource-assignment', /resource type|single instance of a resource type|assigned as 2 types/],
    ['deletion-rules', /cannot delete AWS backup default vault|deleting a backup plan/],
    ['vault-encryption', /KMS|encryption key/],
    ['monitoring-services', /Organizations|EventBridge|CloudWatch|CloudTrail|SNS/],
  ])('the %s family comes from the matching facts', (family, text) => {
    const members = questions.filter((q) => q.family === family);
    expect(members.length).toBeGreaterThan(0);
    // A nested fact (`backup storage used`) has its parent (`charged for`) in the stem.
    for (const q of members) expect(`${q.stem}\n${q.explanation.quote}`).toMatch(text);
  });
});

describe('familyOf', () => {
  it('names the family of a fact from its text and section', () => {
    expect(familyOf('AWS backup vault lock allows you to force retention periods/early deletions', ['concepts', 'backup vault'])).toBe('vault-lock');
    expect(familyOf('cannot delete AWS backup default vault and AWS EFS automatic backup vault', ['concepts', 'backup vault'])).toBe('deletion-rules');
    expect(familyOf('encrypting backups in a vault needs a AWS KMS (key management system) encryption key', ['concepts', 'backup vault'])).toBe('vault-encryption');
    expect(familyOf('1 framework per account; max of 10 per region', ['concepts', 'audit manager', 'audit frameworks'])).toBe('audit-limits');
    expect(familyOf('backup storage used', ['pricing'], ['charged for'])).toBe('pricing-factors');
    expect(familyOf('every instance/resource', ['concepts', 'backup plan', 'can be assigned as 2 types:', 'resource type:'])).toBe('resource-assignment');
    expect(familyOf('CloudTrail monitors AWS backup API calls', ['monitoring'])).toBe('monitoring-services');
  });

  it('leaves other facts without a family', () => {
    expect(familyOf('stores new backups periodically', ['concepts', 'backup plan'])).toBeUndefined();
    expect(familyOf('set of controls for assessing backup practices', ['concepts', 'audit manager', 'audit frameworks'])).toBeUndefined();
    // Encryption outside a vault is not the vault-encryption family.
    expect(familyOf('KMS keys encrypt EBS volumes', ['volumes'])).toBeUndefined();
  });
});

describe('every question carries its source', () => {
  const questions = generateQuestions(shipped, { seed: 'sources' });
  const facts = new Map(shipped.notes.flatMap((note) => note.facts.map((f) => [f.id, { fact: f, note }] as const)));

  it('has kind, note tags, exam domain, source facts, topic and an explanation quoting the facts verbatim', () => {
    for (const q of questions) {
      expect(QUESTION_KINDS).toContain(q.kind);
      const note = shipped.notes.find((n) => n.id === q.explanation.noteId);
      expect(note, q.id).toBeDefined();
      if (!note) continue;
      const section = note.sections.find((s) => s.id === q.explanation.sectionId);
      expect(section, q.id).toBeDefined();
      expect(q.tags).toEqual(note.tags);
      expect(q.domain).toBe(examDomainOf({ tags: note.tags, noteTitle: note.title, path: section?.path ?? [] }));
      expect(q.topic).toEqual({ key: sectionKey({ noteId: note.id, sectionId: section?.id ?? '' }), label: sectionLabel({ noteTitle: note.title, path: section?.path ?? [] }) });
      expect(q.explanation).toMatchObject({ factIds: q.factIds, noteId: note.id, noteTitle: note.title, path: section?.path });
      expect(q.factIds.length).toBeGreaterThan(0);
      for (const id of q.factIds) {
        expect(facts.get(id)?.note.id, id).toBe(note.id);
        expect(q.explanation.quote).toContain(facts.get(id)?.fact.text);
      }
    }
  });

  it('gives ids that are unique and shaped kind/facts/content', () => {
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
    for (const q of questions) expect(q.id).toMatch(new RegExp(`^${q.kind}/[0-9a-z]{11}/[0-9a-z]{11}$`));
  });

  it('keeps an id when only the seed changes', () => {
    const a = new Map(generateQuestions(user, { seed: 'one', kinds: ['single', 'true-false', 'cloze', 'numeric'] }).map((q) => [q.id, q.stem]));
    const b = new Map(generateQuestions(user, { seed: 'two', kinds: ['single', 'true-false', 'cloze', 'numeric'] }).map((q) => [q.id, q.stem]));
    const shared = [...a.keys()].filter((id) => b.has(id));
    expect(shared.length).toBeGreaterThan(a.size * 0.8);
    for (const id of shared) expect(b.get(id)).toBe(a.get(id));
  });
});

describe('determinism', () => {
  it('gives deep-equal questions for the same seed', () => {
    expect(generateQuestions(shipped, { seed: 'same' })).toEqual(generateQuestions(shippedVault(), { seed: 'same' }));
  });

  it('gives another order and other options for another seed', () => {
    const a = generateQuestions(shipped, { seed: 'seed-a' });
    const b = generateQuestions(shipped, { seed: 'seed-b' });
    expect(a.map((q) => q.id)).not.toEqual(b.map((q) => q.id));
    const byId = new Map(b.map((q) => [q.id, q]));
    const reordered = ofKind(a, 'single').filter((q) => {
      const other = byId.get(q.id);
      return other?.kind === 'single' && JSON.stringify(other.options) !== JSON.stringify(q.options);
    });
    expect(reordered.length).toBeGreaterThan(0);
  });
});

describe('filters', () => {
  it('keeps to the notes asked for, and draws distractors from every note', () => {
    const questions = generateQuestions(shipped, { seed: 'f', noteIds: [USER_NOTE] });
    expect(questions.length).toBeGreaterThan(0);
    expect(questions.every((q) => q.explanation.noteId === USER_NOTE)).toBe(true);
  });

  it('takes a section with its subsections', () => {
    const questions = generateQuestions(shipped, { seed: 'f', sectionKeys: [`${USER_NOTE}#concepts-audit-manager`] });
    expect(new Set(questions.map((q) => q.topic.key))).toEqual(new Set([`${USER_NOTE}#concepts-audit-manager-audit-frameworks`, `${USER_NOTE}#concepts-audit-manager-audit-reports`]));
  });

  it('takes a tag with the tags below it', () => {
    const monitoring = generateQuestions(shipped, { seed: 'f', tags: ['#aws-ccp-exam-notes/services/monitoring'] });
    expect(new Set(monitoring.map((q) => q.explanation.noteId))).toEqual(new Set(['monitoring-CloudTrail', 'monitoring-cloudwatch']));
    expect(generateQuestions(shipped, { seed: 'f', tags: ['aws-ccp-exam-notes/services/mon'] })).toEqual([]);
  });
});
