/**
 * Zod schemas for drills and results. A drill link or a result code is
 * untrusted input (hand-edited, cut short, autocorrected in a chat), so every
 * member is checked, objects are strict (an unknown member means a mutated or
 * foreign document, and it is refused rather than half-used), every string and
 * array is capped, and the members that must agree (an answer and its options,
 * a score and its answers) are checked against each other.
 */
import { z } from 'zod';
import type { ExamDomain } from '../exam/domains.ts';
import type { Question, QuestionFamily, QuestionKind } from '../quiz/types.ts';
import { DRILL_FORMAT, DRILL_VERSION, RESULT_FORMAT, RESULT_VERSION, type Drill, type DrillResult } from './types.ts';

/** At most this many questions in a drill (and answers in a result). */
export const MAX_QUESTIONS = 200;
/** Longest drill title: fits a heading and a file name. */
export const MAX_TITLE = 120;
/** Longest instructions: a few paragraphs, not a second document inside the link. */
export const MAX_INSTRUCTIONS = 2000;
/** Longest student name, after `cleanStudentName`. */
export const MAX_STUDENT = 80;
/** Longest time limit: five hours. */
export const MAX_MINUTES = 300;
/** The longest time one answer may record: a week (a tab left open offline). */
export const MAX_ANSWER_MS = 7 * 24 * 60 * 60 * 1000;

const KINDS = ['single', 'multiple', 'true-false', 'numeric', 'not', 'matching', 'cloze'] as const satisfies readonly QuestionKind[];
const DOMAINS = ['cloud-concepts', 'security-compliance', 'technology-services', 'billing-pricing-support'] as const satisfies readonly ExamDomain[];
const FAMILIES = [
  'vault-lock',
  'audit-limits',
  'pricing-factors',
  'resource-assignment',
  'deletion-rules',
  'vault-encryption',
  'monitoring-services',
] as const satisfies readonly QuestionFamily[];

const epoch = z.number().int().min(0).max(8.64e15);
/** Ids, keys, tags: generous for long note names, small enough that 200 questions stay far below the size cap. */
const key = z.string().min(1).max(500);
const text = z.string().max(5000);
const nonEmptyText = z.string().min(1).max(5000);
/** Option, term and definition ids (`a`..`f`, `1`..`5`): letters and digits only, so no `__proto__` or path tricks. */
const optionId = z.string().regex(/^[A-Za-z0-9]{1,16}$/, 'must be 1 to 16 letters or digits');
const drillId = z.string().regex(/^[A-Za-z0-9_-]{4,64}$/, 'must be 4 to 64 letters, digits, - or _');

const option = z.strictObject({ id: optionId, text: nonEmptyText });
const explanation = z.strictObject({
  quote: z.string().max(20_000),
  factIds: z.array(key).max(100),
  noteId: key,
  sectionId: key,
  path: z.array(z.string().max(1000)).max(20),
  noteTitle: z.string().max(1000),
});
const basis = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('definition'), term: text }),
  z.strictObject({ type: z.literal('term'), definition: text }),
  z.strictObject({ type: z.literal('gap'), prompt: text }),
  z.strictObject({ type: z.literal('list'), lead: text }),
  z.strictObject({ type: z.literal('statement'), original: text }),
  z.strictObject({ type: z.literal('pairs') }),
]);
const base = {
  id: key,
  stem: nonEmptyText,
  factIds: z.array(key).max(100),
  tags: z.array(key).max(100),
  domain: z.enum(DOMAINS),
  topic: z.strictObject({ key, label: z.string().min(1).max(2000) }),
  explanation,
  family: z.enum(FAMILIES).optional(),
  basis,
};
const options = z.array(option).min(2).max(12);

/** Adds an issue when two items share an id. */
function uniqueIds(ids: string[], ctx: z.RefinementCtx, path: (string | number)[], what: string): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) ctx.addIssue({ code: 'custom', message: `${what} "${id}" appears twice`, path: [...path, i, 'id'] });
    seen.add(id);
  });
}

const choiceQuestion = z
  .strictObject({ ...base, kind: z.literal(['single', 'numeric', 'not']), options, answer: optionId })
  .superRefine((q, ctx) => {
    uniqueIds(
      q.options.map((o) => o.id),
      ctx,
      ['options'],
      'option',
    );
    if (!q.options.some((o) => o.id === q.answer)) ctx.addIssue({ code: 'custom', message: `the answer "${q.answer}" is not one of the options`, path: ['answer'] });
  });
const multipleQuestion = z
  .strictObject({ ...base, kind: z.literal('multiple'), options, answers: z.array(optionId).min(1).max(12), choose: z.number().int().min(1).max(12) })
  .superRefine((q, ctx) => {
    uniqueIds(
      q.options.map((o) => o.id),
      ctx,
      ['options'],
      'option',
    );
    const ids = new Set(q.options.map((o) => o.id));
    if (new Set(q.answers).size !== q.answers.length) ctx.addIssue({ code: 'custom', message: 'an answer appears twice', path: ['answers'] });
    q.answers.forEach((a, i) => {
      if (!ids.has(a)) ctx.addIssue({ code: 'custom', message: `the answer "${a}" is not one of the options`, path: ['answers', i] });
    });
    if (q.choose !== q.answers.length) ctx.addIssue({ code: 'custom', message: `says choose ${q.choose} but has ${q.answers.length} answers`, path: ['choose'] });
  });
const trueFalseQuestion = z.strictObject({ ...base, kind: z.literal('true-false'), statement: nonEmptyText, answer: z.boolean(), falseBecause: text.optional() });
const matchingQuestion = z
  .strictObject({
    ...base,
    kind: z.literal('matching'),
    terms: options,
    definitions: options,
    pairs: z.record(optionId, optionId),
  })
  .superRefine((q, ctx) => {
    uniqueIds(
      q.terms.map((o) => o.id),
      ctx,
      ['terms'],
      'term',
    );
    uniqueIds(
      q.definitions.map((o) => o.id),
      ctx,
      ['definitions'],
      'definition',
    );
    const terms = new Set(q.terms.map((t) => t.id));
    const definitions = new Set(q.definitions.map((d) => d.id));
    for (const t of terms) if (!Object.hasOwn(q.pairs, t)) ctx.addIssue({ code: 'custom', message: `term "${t}" has no definition`, path: ['pairs'] });
    for (const [t, d] of Object.entries(q.pairs)) {
      if (!terms.has(t)) ctx.addIssue({ code: 'custom', message: `"${t}" is not a term`, path: ['pairs', t] });
      else if (!definitions.has(d)) ctx.addIssue({ code: 'custom', message: `"${d}" is not a definition`, path: ['pairs', t] });
    }
  });
const clozeQuestion = z.strictObject({ ...base, kind: z.literal('cloze'), prompt: nonEmptyText, accepted: z.array(z.string().min(1).max(1000)).min(1).max(50) });

/** Every question kind of `types.ts`, strict. An unknown kind gets a message that names the kinds this app knows. */
export const questionSchema: z.ZodType<Question> = z.discriminatedUnion('kind', [choiceQuestion, multipleQuestion, trueFalseQuestion, matchingQuestion, clozeQuestion], {
  error: (issue) => {
    if (issue.code !== 'invalid_union') return undefined;
    const input: unknown = issue.input;
    const kind = input && typeof input === 'object' ? (input as { kind?: unknown }).kind : undefined;
    const shown = typeof kind === 'string' ? `"${kind.slice(0, 40)}"` : kind === undefined ? 'missing' : 'not a string';
    return `unknown question kind (${shown}); this app knows ${KINDS.join(', ')}`;
  },
});

/** A drill document, version 1 (see `Drill`). */
export const drillSchema: z.ZodType<Drill> = z
  .strictObject({
    format: z.literal(DRILL_FORMAT),
    version: z.literal(DRILL_VERSION),
    id: drillId,
    title: z.string().min(1).max(MAX_TITLE).refine((t) => t.trim() !== '', 'must not be blank'),
    instructions: z.string().max(MAX_INSTRUCTIONS),
    createdAt: epoch,
    dueAt: epoch.optional(),
    minutes: z.number().int().min(1).max(MAX_MINUTES).optional(),
    passMark: z.number().int().min(0).max(100),
    shuffle: z.boolean(),
    retakes: z.boolean(),
    review: z.boolean(),
    topics: z.strictObject({ noteIds: z.array(key).max(500), sectionKeys: z.array(key).max(500), tags: z.array(key).max(500) }),
    kinds: z.array(z.enum(KINDS)).max(KINDS.length),
    sources: z.array(z.strictObject({ noteId: key, title: z.string().max(1000) })).max(500),
    questions: z.array(questionSchema).min(1).max(MAX_QUESTIONS),
  })
  .superRefine((d, ctx) => {
    if (new Set(d.kinds).size !== d.kinds.length) ctx.addIssue({ code: 'custom', message: 'a kind appears twice', path: ['kinds'] });
    if (d.dueAt !== undefined && d.dueAt < d.createdAt) ctx.addIssue({ code: 'custom', message: 'is before the drill was made', path: ['dueAt'] });
    uniqueIds(
      d.questions.map((q) => q.id),
      ctx,
      ['questions'],
      'question',
    );
  });

/**
 * A student name as results carry it: trimmed, runs of whitespace made one
 * space, control characters removed, Unicode NFC (so "José" typed two ways is
 * one student). Empty when nothing is left.
 */
export function cleanStudentName(name: string): string {
  return name
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Responses as `types.ts` allows them, capped. */
export const responseSchema = z.union([
  z.string().max(2000),
  z.array(optionId).max(12),
  z.boolean(),
  z.record(optionId, optionId).refine((r) => Object.keys(r).length <= 12, 'has more than 12 pairs'),
]);

const answer = z.strictObject({
  questionId: key,
  response: responseSchema.nullable(),
  correct: z.boolean(),
  ms: z.number().int().min(0).max(MAX_ANSWER_MS),
});

/** A result document, version 1 (see `DrillResult`). The checksum's value is checked by the codec, not here. */
export const resultSchema: z.ZodType<DrillResult> = z
  .strictObject({
    format: z.literal(RESULT_FORMAT),
    version: z.literal(RESULT_VERSION),
    drillId,
    drillTitle: z.string().min(1).max(MAX_TITLE),
    student: z
      .string()
      .min(1)
      .max(MAX_STUDENT)
      .refine((s) => s === cleanStudentName(s), 'must be trimmed, with single spaces and no control characters'),
    startedAt: epoch,
    finishedAt: epoch,
    answers: z.array(answer).min(1).max(MAX_QUESTIONS),
    score: z.number().int().min(0).max(MAX_QUESTIONS),
    total: z.number().int().min(1).max(MAX_QUESTIONS),
    percent: z.number().int().min(0).max(100),
    passed: z.boolean(),
    checksum: z.string().regex(/^[0-9a-f]{16}$/, 'must be 16 hex digits'),
  })
  .superRefine((r, ctx) => {
    if (r.finishedAt < r.startedAt) ctx.addIssue({ code: 'custom', message: 'is before startedAt', path: ['finishedAt'] });
    if (r.total !== r.answers.length) ctx.addIssue({ code: 'custom', message: `is ${r.total} but there are ${r.answers.length} answers`, path: ['total'] });
    const right = r.answers.filter((a) => a.correct).length;
    if (r.score !== right) ctx.addIssue({ code: 'custom', message: `is ${r.score} but ${right} answers are marked correct`, path: ['score'] });
    if (r.total > 0 && r.percent !== Math.round((100 * r.score) / r.total)) ctx.addIssue({ code: 'custom', message: `does not match ${r.score} of ${r.total}`, path: ['percent'] });
    const seen = new Set<string>();
    r.answers.forEach((a, i) => {
      if (seen.has(a.questionId)) ctx.addIssue({ code: 'custom', message: `question "${a.questionId.slice(0, 60)}" is answered twice`, path: ['answers', i, 'questionId'] });
      seen.add(a.questionId);
    });
  });

/** `questions[3].options[0].id`: where a problem is, as a person reads it. */
function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '';
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p).slice(0, 40)}`))
    .join('')
    .replace(/^\./, '');
}

/**
 * The first problem zod found, as `path: message (and N more problems)`,
 * capped so a hostile document cannot make a screen-long message.
 */
export function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue ? formatPath(issue.path) : '';
  const message = (issue?.message ?? 'invalid').slice(0, 200);
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem${error.issues.length > 2 ? 's' : ''})` : '';
  return `${where ? `${where}: ` : ''}${message}${more}`;
}
