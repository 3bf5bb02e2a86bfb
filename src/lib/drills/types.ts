/**
 * Instructor drills: a set of questions an instructor assigns with no server.
 * A drill travels as a link or a file, a student takes it offline, and the
 * result comes back as a code or a file. Both documents are versioned JSON, so
 * an older app can say "update me" instead of misreading a newer one.
 */
import type { Question, QuestionKind, Response } from '../quiz/types.ts';

/** The `format` of a drill document: tells a drill from a result or a progress file opened by mistake. */
export const DRILL_FORMAT = 'vaultcards-drill';
/** The drill version this app writes and reads; a higher one gets "update the app", not a misreading. */
export const DRILL_VERSION = 1;
/** The `format` of a result document. */
export const RESULT_FORMAT = 'vaultcards-drill-result';
/** The result version this app writes and reads. */
export const RESULT_VERSION = 1;

/** The filters the instructor chose (empty = all), kept so the drill can say what it covers. */
export interface DrillTopics {
  noteIds: string[];
  /** `noteId#sectionId`, as in `QuestionFilter.sectionKeys`. */
  sectionKeys: string[];
  tags: string[];
}

/** A note the questions were made from, so a student can see (and open) the notes a drill is about. */
export interface DrillSource {
  noteId: string;
  title: string;
}

/**
 * A drill, version 1. Self-contained: `questions` are the full question
 * objects (options, answers, explanations), so a student whose notes differ
 * from the instructor's still takes exactly the drill that was assigned and is
 * graded against it.
 */
export interface Drill {
  format: typeof DRILL_FORMAT;
  version: typeof DRILL_VERSION;
  /** Random-looking, made from the build seed: tells drills apart when results come back. */
  id: string;
  /** 1..120 characters. */
  title: string;
  /** At most 2000 characters. */
  instructions: string;
  /** Epoch ms. */
  createdAt: number;
  /** Epoch ms; advisory (the app cannot enforce it offline). */
  dueAt?: number;
  /** Time limit in whole minutes, 1..300; none when missing. */
  minutes?: number;
  /** Percent of the questions needed to pass, 0..100. */
  passMark: number;
  /** Each student gets the questions in their own order, seeded by student name and drill id. */
  shuffle: boolean;
  /** Whether a student may take the drill again. */
  retakes: boolean;
  /** Whether the student sees the review (answers and explanations) at the end. */
  review: boolean;
  topics: DrillTopics;
  /** The kinds asked for; empty means all. */
  kinds: QuestionKind[];
  sources: DrillSource[];
  /** 1..200 questions with unique ids. */
  questions: Question[];
}

/** One question's answer in a result: `response` is null when the student left it unanswered. */
export interface DrillAnswer {
  questionId: string;
  response: Response | null;
  correct: boolean;
  /** Time spent on the question, whole ms. */
  ms: number;
}

/**
 * A student's attempt at a drill, version 1. `checksum` is the first 16 hex
 * digits of SHA-256 over the canonical JSON of every other member: it catches
 * a code damaged in transit (a lost character, an autocorrected letter), NOT
 * forgery — anyone can recompute it, so a result proves nothing about who
 * wrote it.
 */
export interface DrillResult {
  format: typeof RESULT_FORMAT;
  version: typeof RESULT_VERSION;
  drillId: string;
  drillTitle: string;
  /** 1..80 characters, trimmed, inner whitespace collapsed. */
  student: string;
  startedAt: number;
  finishedAt: number;
  /** One per drill question, in the drill's order (not the student's shuffled order). */
  answers: DrillAnswer[];
  /** Number right. */
  score: number;
  total: number;
  /** `Math.round(100 * score / total)`. */
  percent: number;
  /** `100 * score >= passMark * total`, judged when the result was made. */
  passed: boolean;
  checksum: string;
}

/** What decoding or parsing a drill gives: the drill, or a message the user can act on. Never thrown. */
export type DrillRead = { ok: true; drill: Drill } | { ok: false; message: string };

/** What decoding or parsing a result gives: the result, or a message the user can act on. Never thrown. */
export type ResultRead = { ok: true; result: DrillResult } | { ok: false; message: string };
