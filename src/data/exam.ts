/**
 * The practice exam in progress, kept in the settings table so a reload or a
 * browser restart resumes it: the same questions, answers and flags, and the
 * same absolute deadline (the time keeps running while the tab is closed).
 */
import type { ChoiceQuestion, MultipleQuestion } from '../lib/quiz/index.ts';
import type { VaultcardsDB } from './db.ts';

export const EXAM_IN_PROGRESS_KEY = 'exam-in-progress';

/** The questions a practice exam asks: single answer and multiple response. */
export type ExamQuestion = (ChoiceQuestion & { kind: 'single' }) | MultipleQuestion;

export interface ExamInProgress {
  questions: ExamQuestion[];
  /** Chosen option ids per question, in question order; empty = unanswered. */
  answers: string[][];
  flags: boolean[];
  /** The question on screen. */
  index: number;
  /** Epoch ms. */
  startedAt: number;
  /** Epoch ms: when the exam is submitted whatever the state. */
  deadline: number;
  minutes: number;
  /** The number of questions asked for (65), when the notes gave fewer. */
  scaledFrom: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function isExamQuestion(v: unknown): v is ExamQuestion {
  if (!isRecord(v) || typeof v.id !== 'string' || typeof v.stem !== 'string' || !isStringArray(v.factIds)) return false;
  if (!isRecord(v.topic) || !isRecord(v.explanation) || typeof v.domain !== 'string') return false;
  if (!Array.isArray(v.options) || !v.options.every((o) => isRecord(o) && typeof o.id === 'string' && typeof o.text === 'string')) return false;
  if (v.kind === 'single') return typeof v.answer === 'string';
  if (v.kind === 'multiple') return isStringArray(v.answers) && typeof v.choose === 'number';
  return false;
}

/** Checks a stored value; anything that is not a whole exam reads as none. */
export function parseExamInProgress(value: unknown): ExamInProgress | null {
  if (!isRecord(value)) return null;
  const { questions, answers, flags, index, startedAt, deadline, minutes, scaledFrom } = value;
  if (!Array.isArray(questions) || questions.length === 0 || !questions.every(isExamQuestion)) return null;
  if (!Array.isArray(answers) || answers.length !== questions.length || !answers.every(isStringArray)) return null;
  if (!Array.isArray(flags) || flags.length !== questions.length || !flags.every((f) => typeof f === 'boolean')) return null;
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= questions.length) return null;
  if (!isTime(startedAt) || !isTime(deadline) || deadline < startedAt || !isTime(minutes) || !isTime(scaledFrom)) return null;
  return { questions, answers, flags, index, startedAt, deadline, minutes, scaledFrom };
}

/** Replaces the stored exam in progress. */
export async function saveExamInProgress(db: VaultcardsDB, exam: ExamInProgress): Promise<void> {
  // A plain copy: Svelte state proxies cannot be cloned into IndexedDB.
  await db.settings.put({ key: EXAM_IN_PROGRESS_KEY, value: JSON.parse(JSON.stringify(exam)) as ExamInProgress });
}

/** The stored exam in progress, or null when there is none or it is damaged. */
export async function loadExamInProgress(db: VaultcardsDB): Promise<ExamInProgress | null> {
  const row = await db.settings.get(EXAM_IN_PROGRESS_KEY);
  return parseExamInProgress(row?.value);
}

export async function clearExamInProgress(db: VaultcardsDB): Promise<void> {
  await db.settings.delete(EXAM_IN_PROGRESS_KEY);
}
