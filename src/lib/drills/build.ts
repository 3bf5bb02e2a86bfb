/**
 * Making a drill from the instructor's notes, and the per-student view of it
 * (question order, deadline). Pure and seeded: the same options always give
 * the same drill, so a drill can be rebuilt in a test or compared later.
 */
import type { Vault } from '../content/types.ts';
import { buildQuiz } from '../quiz/quiz.ts';
import { createRng } from '../quiz/rng.ts';
import { QUESTION_KINDS, type Question, type QuestionKind } from '../quiz/types.ts';
import { cleanStudentName, drillSchema, firstProblem, MAX_INSTRUCTIONS, MAX_MINUTES, MAX_QUESTIONS, MAX_TITLE } from './schema.ts';
import { DRILL_FORMAT, DRILL_VERSION, type Drill, type DrillSource } from './types.ts';

/** What the instructor's form gives `buildDrill`; `now` is passed in so a build is reproducible. */
export interface DrillOptions {
  /** Seeds the question choice and the drill id: a new seed per drill gives a new id. */
  seed: string;
  title: string;
  instructions: string;
  noteIds: string[];
  sectionKeys: string[];
  tags: string[];
  /** Empty means every kind. */
  kinds: QuestionKind[];
  /** Questions wanted, 1..200. */
  count: number;
  /** Time limit in whole minutes, 1..300; none when missing. */
  minutes?: number;
  /** Percent needed to pass, 0..100. */
  passMark: number;
  dueAt?: number;
  shuffle: boolean;
  retakes: boolean;
  review: boolean;
  /** Epoch ms: the drill's `createdAt`. */
  now: number;
}

/** The outcome of `buildDrill`: with `ok: true`, `message` (when present) says the drill is shorter than asked. */
export type BuildDrillResult = { ok: true; drill: Drill; message?: string } | { ok: false; message: string };

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A random-looking drill id made from the seed (16 letters and digits, about
 * 82 bits): it tells drills apart when results come back, without
 * `Math.random`, so the same seed rebuilds the same drill.
 */
export function drillIdFromSeed(seed: string): string {
  const rng = createRng(`${seed}\u0000drill-id`);
  let id = '';
  for (let i = 0; i < 16; i++) id += ID_ALPHABET[rng.int(ID_ALPHABET.length)] ?? 'a';
  return id;
}

const isEpoch = (n: number): boolean => Number.isInteger(n) && n >= 0 && n <= 8.64e15;
const unique = <T>(items: readonly T[]): T[] => [...new Set(items)];

/**
 * Builds a drill from the notes the instructor chose, with `buildQuiz` (so
 * the questions are validated against the notes and mix the kinds). When the
 * notes give fewer questions than asked the drill is built with what there is
 * and `message` says so; with none it is refused. Options a form could get
 * wrong (blank title, a due date in the past, a limit out of range) are
 * refused with a message that names the field.
 */
export function buildDrill(vault: Vault, options: DrillOptions): BuildDrillResult {
  const title = options.title.replace(/\s+/g, ' ').trim();
  if (title === '') return { ok: false, message: 'Give the drill a title.' };
  if (title.length > MAX_TITLE) return { ok: false, message: `The title is ${title.length} characters long; it can be at most ${MAX_TITLE}.` };
  const instructions = options.instructions.trim();
  if (instructions.length > MAX_INSTRUCTIONS) return { ok: false, message: `The instructions are ${instructions.length} characters long; they can be at most ${MAX_INSTRUCTIONS}.` };
  if (!Number.isInteger(options.count) || options.count < 1 || options.count > MAX_QUESTIONS) return { ok: false, message: `The number of questions must be a whole number from 1 to ${MAX_QUESTIONS}.` };
  if (options.minutes !== undefined && (!Number.isInteger(options.minutes) || options.minutes < 1 || options.minutes > MAX_MINUTES)) {
    return { ok: false, message: `The time limit must be a whole number of minutes from 1 to ${MAX_MINUTES}, or none.` };
  }
  if (!Number.isInteger(options.passMark) || options.passMark < 0 || options.passMark > 100) return { ok: false, message: 'The pass mark must be a whole percent from 0 to 100.' };
  if (!isEpoch(options.now)) return { ok: false, message: 'The current time is not a valid date.' };
  if (options.dueAt !== undefined && (!isEpoch(options.dueAt) || options.dueAt < options.now)) return { ok: false, message: 'The due date is in the past; choose a later one, or none.' };
  const unknownKind = options.kinds.find((k) => !QUESTION_KINDS.includes(k));
  if (unknownKind !== undefined) return { ok: false, message: `There is no question kind "${unknownKind}".` };
  const noteIds = new Set(vault.notes.map((n) => n.id));
  const missing = options.noteIds.filter((id) => !noteIds.has(id));
  if (missing.length > 0) return { ok: false, message: `These notes are not in the vault: ${missing.join(', ')}.` };

  const kinds = unique(options.kinds);
  const topics = { noteIds: unique(options.noteIds), sectionKeys: unique(options.sectionKeys), tags: unique(options.tags) };
  const questions = buildQuiz(vault, { seed: options.seed, count: options.count, ...topics, kinds });
  if (questions.length === 0) return { ok: false, message: 'The chosen notes, sections, tags and kinds give no questions. Choose more topics or more kinds.' };

  const titles = new Map(vault.notes.map((n) => [n.id, n.title]));
  const used = new Set(questions.map((q) => q.explanation.noteId));
  const sources: DrillSource[] = vault.notes.filter((n) => used.has(n.id)).map((n) => ({ noteId: n.id, title: titles.get(n.id) ?? n.id }));
  const drill: Drill = {
    format: DRILL_FORMAT,
    version: DRILL_VERSION,
    id: drillIdFromSeed(options.seed),
    title,
    instructions,
    createdAt: options.now,
    ...(options.dueAt !== undefined ? { dueAt: options.dueAt } : {}),
    ...(options.minutes !== undefined ? { minutes: options.minutes } : {}),
    passMark: options.passMark,
    shuffle: options.shuffle,
    retakes: options.retakes,
    review: options.review,
    topics,
    kinds,
    sources,
    questions,
  };
  // The notes could hold a question past a cap (a 6,000-character fact): refuse here, not when a student opens the link.
  const checked = drillSchema.safeParse(drill);
  if (!checked.success) return { ok: false, message: `These notes make a drill this app cannot share: ${firstProblem(checked.error)}.` };
  if (questions.length < options.count) {
    const n = questions.length;
    return { ok: true, drill, message: `The chosen notes give ${n} question${n === 1 ? '' : 's'}, not ${options.count}; the drill has ${n}.` };
  }
  return { ok: true, drill };
}

/**
 * The questions in the order `student` sees them: the drill's order, or with
 * `shuffle` an order seeded by the student's name (cleaned, case-insensitive)
 * and the drill id, so a student who reopens the drill gets the same order and
 * two students sitting side by side get different ones.
 */
export function drillQuestionOrder(drill: Drill, student: string): Question[] {
  if (!drill.shuffle) return [...drill.questions];
  return createRng(`${drill.id}\u0000${cleanStudentName(student).toLowerCase()}`).shuffle(drill.questions);
}

/** When an attempt started at `startedAt` runs out of time (epoch ms), or null without a time limit. */
export function drillDeadline(drill: Drill, startedAt: number): number | null {
  return drill.minutes === undefined ? null : startedAt + drill.minutes * 60_000;
}
