/**
 * Exam-style questions generated from facts. A tagged union by `kind`, like the
 * content model and the cards, so a renderer or checker is one exhaustive switch.
 */
import type { ExamDomain } from '../exam/domains.ts';

export type QuestionKind = 'single' | 'multiple' | 'true-false' | 'numeric' | 'not' | 'matching' | 'cloze';

/** Every kind, in the order a quiz screen lists them. */
export const QUESTION_KINDS: readonly QuestionKind[] = Object.freeze(['single', 'multiple', 'true-false', 'numeric', 'not', 'matching', 'cloze']);

/**
 * The topics of the user's AWS Backup note a candidate must master. A question
 * belongs to one when its source section or fact is about it.
 */
export type QuestionFamily =
  | 'vault-lock'
  | 'audit-limits'
  | 'pricing-factors'
  | 'resource-assignment'
  | 'deletion-rules'
  | 'vault-encryption'
  | 'monitoring-services';

export const QUESTION_FAMILIES: readonly QuestionFamily[] = Object.freeze([
  'vault-lock',
  'audit-limits',
  'pricing-factors',
  'resource-assignment',
  'deletion-rules',
  'vault-encryption',
  'monitoring-services',
]);

/** A choice: ids are `a`..`f` for options and terms, `1`..`5` for the definitions of a matching question. */
export interface QuizOption {
  id: string;
  text: string;
}

/** Why the answer is right, quoted from the notes, with what the UI needs to link to the topic card (`#/n/<noteId>/f/<factId>`). */
export interface Explanation {
  /**
   * The source facts' text, verbatim, one per line. A fact under a term heading
   * (`resource type:` > `every instance/resource`) is prefixed with that heading,
   * since the fact alone does not say what it describes.
   */
  quote: string;
  factIds: string[];
  noteId: string;
  sectionId: string;
  path: string[];
  noteTitle: string;
}

/**
 * What a question was built from, so `validateQuestion` can check every option
 * against the notes without guessing from the wording of the stem.
 */
export type QuestionBasis =
  /** Options are definitions; the key is the definition of `term`. */
  | { type: 'definition'; term: string }
  /** Options are terms; the key is the term `definition` defines. */
  | { type: 'term'; definition: string }
  /** Each option (or the typed answer) fills the `[...]` of `prompt`; only the key makes a fact. */
  | { type: 'gap'; prompt: string }
  /** Options are items of the list `lead` names, or items from elsewhere. */
  | { type: 'list'; lead: string }
  /** A true-or-false statement made from the fact (or term: definition) `original`. */
  | { type: 'statement'; original: string }
  /** Matching: every pair is a term and its definition. */
  | { type: 'pairs' };

interface QuestionBase {
  /** Stable: kind, a hash of the source fact ids and a hash of what is asked (never of the seed). */
  id: string;
  kind: QuestionKind;
  stem: string;
  /** Source facts, in note order. */
  factIds: string[];
  /** The note's tags. */
  tags: string[];
  domain: ExamDomain;
  /** The section the question is about: `sectionKey` and `sectionLabel` of the stats module. */
  topic: { key: string; label: string };
  explanation: Explanation;
  family?: QuestionFamily;
  basis: QuestionBasis;
}

/** One key and three distractors (`numeric`: numbers; `not`: three true items and the odd one out, which is the key). */
export interface ChoiceQuestion extends QuestionBase {
  kind: 'single' | 'numeric' | 'not';
  options: QuizOption[];
  answer: string;
}

/** "Which TWO ...? (Choose TWO.)": 5 or more options, 2 or 3 of them right. */
export interface MultipleQuestion extends QuestionBase {
  kind: 'multiple';
  options: QuizOption[];
  answers: string[];
  choose: number;
}

export interface TrueFalseQuestion extends QuestionBase {
  kind: 'true-false';
  statement: string;
  answer: boolean;
  /** For a false statement: what was changed from the notes, e.g. `changed "20" to "25"`. */
  falseBecause?: string;
}

export interface MatchingQuestion extends QuestionBase {
  kind: 'matching';
  terms: QuizOption[];
  definitions: QuizOption[];
  /** Term id -> definition id. */
  pairs: Record<string, string>;
}

/** A typed answer: `prompt` holds `[...]`; any of `accepted` counts, compared with `normalizeAnswer`. */
export interface ClozeQuestion extends QuestionBase {
  kind: 'cloze';
  prompt: string;
  accepted: string[];
}

export type Question = ChoiceQuestion | MultipleQuestion | TrueFalseQuestion | MatchingQuestion | ClozeQuestion;

/**
 * What the learner answered, by kind: an option id (`single`, `numeric`, `not`),
 * option ids (`multiple`), a boolean (`true-false`), term id -> definition id
 * (`matching`) or the typed text (`cloze`).
 */
export type Response = string | string[] | boolean | Record<string, string>;

/** Filters shared by `generateQuestions` and `buildQuiz`. Empty or missing means "all". */
export interface QuestionFilter {
  kinds?: QuestionKind[];
  noteIds?: string[];
  /** Section keys (`noteId#sectionId`); a key also selects its subsections. */
  sectionKeys?: string[];
  /** Note tags; `aws-ccp-exam-notes/services` also selects `aws-ccp-exam-notes/services/storage/backup`. */
  tags?: string[];
}

/**
 * Everything the notes say, normalised, for checking that a key is true and a
 * distractor is not. Built from every fact of the vault by `buildTruthIndex`.
 */
export interface TruthIndex {
  /** `statementKey` of every fact text and of every `term: definition` pair. */
  statements: Set<string>;
  /** Fact id -> verbatim text. */
  factText: Map<string, string>;
  /** `statementKey` of a term -> `statementKey`s of its definitions. */
  definitions: Map<string, Set<string>>;
  /** `statementKey` of a list's lead -> `statementKey`s of its items. */
  lists: Map<string, Set<string>>;
  /** Token -> indexes of the facts holding it, to find what else the notes say about a term or a gap. */
  tokenFacts: Map<string, number[]>;
  /** Per fact (same index): its content tokens and its `statementKey`. */
  factTokens: Set<string>[];
  factKeys: string[];
}
