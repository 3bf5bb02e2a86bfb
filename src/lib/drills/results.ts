/**
 * Results: a student's attempt graded and sealed with a checksum, and the
 * instructor's side: collecting pasted codes and files, refusing what does
 * not belong, and the tables an instructor reads (scores, hardest questions,
 * weakest topics, a CSV for a spreadsheet).
 */
import { checkAnswer } from '../quiz/answers.ts';
import type { Question, Response } from '../quiz/types.ts';
import { decodeResult, parseResultFile, resultChecksum } from './codec.ts';
import { cleanStudentName, MAX_ANSWER_MS, MAX_STUDENT, responseSchema } from './schema.ts';
import { RESULT_FORMAT, RESULT_VERSION, type Drill, type DrillAnswer, type DrillResult } from './types.ts';

/** When the attempt started (epoch ms) and the time spent on each question (question id -> ms). */
export interface AttemptTimes {
  startedAt: number;
  ms?: Readonly<Record<string, number>>;
}

/** A response as a result stores it: a typed answer capped at 2000 characters, a malformed one as unanswered. */
function storedResponse(response: Response | null | undefined): Response | null {
  if (response === null || response === undefined) return null;
  const capped = typeof response === 'string' ? response.slice(0, 2000) : response;
  return responseSchema.safeParse(capped).success ? capped : null;
}

const wholeMs = (ms: number | undefined): number => (typeof ms === 'number' && Number.isFinite(ms) ? Math.min(MAX_ANSWER_MS, Math.max(0, Math.round(ms))) : 0);

/**
 * A student's finished attempt as a result document: every drill question in
 * the drill's order (unanswered ones as `null`), graded with `checkAnswer`
 * against the drill's own questions, with score, percent, pass and checksum.
 * `now` is the finish time. Throws a RangeError when the name is empty after
 * cleaning or longer than 80 characters (check with `cleanStudentName` first).
 */
export async function makeResult(
  drill: Drill,
  student: string,
  responses: Readonly<Record<string, Response | null | undefined>>,
  times: AttemptTimes,
  now: number,
): Promise<DrillResult> {
  const name = cleanStudentName(student);
  if (name.length < 1 || name.length > MAX_STUDENT) throw new RangeError(`A student name needs 1 to ${MAX_STUDENT} characters.`);
  const answers: DrillAnswer[] = drill.questions.map((q) => {
    const response = storedResponse(Object.hasOwn(responses, q.id) ? responses[q.id] : null);
    const ms = times.ms && Object.hasOwn(times.ms, q.id) ? times.ms[q.id] : 0;
    return { questionId: q.id, response, correct: response !== null && checkAnswer(q, response), ms: wholeMs(ms) };
  });
  const score = answers.filter((a) => a.correct).length;
  const total = answers.length;
  const body: Omit<DrillResult, 'checksum'> = {
    format: RESULT_FORMAT,
    version: RESULT_VERSION,
    drillId: drill.id,
    drillTitle: drill.title,
    student: name,
    startedAt: Math.min(times.startedAt, now),
    finishedAt: now,
    answers,
    score,
    total,
    percent: Math.round((100 * score) / total),
    passed: 100 * score >= drill.passMark * total,
  };
  return { ...body, checksum: await resultChecksum(body) };
}

/** One refused input: its first 40 characters (to find it in what was pasted) and why. */
export interface CollectProblem {
  input: string;
  message: string;
}

/** What `collectResults` gives: the new results, and why each refused input was refused. */
export interface Collected {
  /** New results, in the order they were given. */
  accepted: DrillResult[];
  problems: CollectProblem[];
}

/** Who a result is from, for matching attempts: the cleaned name, case-insensitive. */
export function studentKey(name: string): string {
  return cleanStudentName(name).toLowerCase();
}

/** Why a decoded result does not belong to `drill`, or null when it does. */
function misfit(drill: Drill, result: DrillResult): string | null {
  if (result.drillId !== drill.id) return `This result is for drill «${result.drillTitle}» (id ${result.drillId}), not this one.`;
  const questions = new Map(drill.questions.map((q) => [q.id, q]));
  const matched = result.answers.filter((a) => questions.has(a.questionId)).length;
  if (matched !== questions.size || result.answers.length !== questions.size) return `This result does not fit this drill: it answers ${matched} of the drill's ${questions.size} questions.`;
  const regraded = result.answers.filter((a) => a.response !== null && checkAnswer(questions.get(a.questionId) as Question, a.response)).length;
  const agrees = result.answers.every((a) => a.correct === (a.response !== null && checkAnswer(questions.get(a.questionId) as Question, a.response)));
  if (!agrees) return `This result's marks do not match its answers: it says ${result.score} of ${result.total}; its answers graded against this drill give ${regraded}.`;
  return null;
}

/** A token that may be a code: it has a code's prefix, or is too long to be a word of a pasted message. */
const looksLikeCode = (token: string): boolean => /^[a-z]\d{1,6}\./i.test(token) || token.length >= 20;

/**
 * Reads results for `drill` from what the instructor pasted or opened. Each
 * input is a JSON result file (starts with `{`) or any number of codes
 * separated by whitespace, commas or semicolons; short words between codes
 * ("Ana:", "here") are skipped. Refused, with a message: codes and files that
 * do not decode or fail their checksum, results of another drill, results
 * whose marks do not match their answers graded against this drill, and
 * exact duplicates (same student, same checksum) of a result given earlier or
 * in `existing` (results already collected). A second attempt by the same
 * student is accepted; `resultTable` numbers the attempts.
 */
export async function collectResults(drill: Drill, inputs: readonly string[], existing: readonly DrillResult[] = []): Promise<Collected> {
  const accepted: DrillResult[] = [];
  const problems: CollectProblem[] = [];
  const seen = new Set(existing.map((r) => `${studentKey(r.student)}\u0000${r.checksum}`));
  const take = (input: string, result: DrillResult): void => {
    const problem = misfit(drill, result);
    if (problem) {
      problems.push({ input: input.slice(0, 40), message: problem });
      return;
    }
    const key = `${studentKey(result.student)}\u0000${result.checksum}`;
    if (seen.has(key)) {
      problems.push({ input: input.slice(0, 40), message: `This result of «${result.student}» is already imported.` });
      return;
    }
    seen.add(key);
    accepted.push(result);
  };
  for (const input of inputs) {
    if (typeof input !== 'string') continue;
    const trimmed = input.trim();
    if (trimmed === '') continue;
    if (trimmed.startsWith('{')) {
      const read = await parseResultFile(trimmed);
      if (read.ok) take(trimmed, read.result);
      else problems.push({ input: trimmed.slice(0, 40), message: read.message });
      continue;
    }
    const tokens = trimmed.split(/[\s,;]+/).filter(looksLikeCode);
    if (tokens.length === 0) {
      problems.push({ input: trimmed.slice(0, 40), message: 'There is no result code here (a result code starts with "r1.").' });
      continue;
    }
    for (const token of tokens) {
      const read = await decodeResult(token);
      if (read.ok) take(token, read.result);
      else problems.push({ input: token.slice(0, 40), message: read.message });
    }
  }
  return { accepted, problems };
}

/** Results ordered by student, then attempt; each with its attempt number (1 = first, by start time). */
function withAttempts(results: readonly DrillResult[]): { result: DrillResult; attempt: number }[] {
  const byStudent = new Map<string, DrillResult[]>();
  for (const r of results) {
    const key = studentKey(r.student);
    byStudent.set(key, [...(byStudent.get(key) ?? []), r]);
  }
  const rows: { result: DrillResult; attempt: number; key: string }[] = [];
  for (const [key, list] of byStudent) {
    list
      .sort((a, b) => a.startedAt - b.startedAt || a.finishedAt - b.finishedAt || (a.checksum < b.checksum ? -1 : a.checksum > b.checksum ? 1 : 0))
      .forEach((result, i) => rows.push({ result, attempt: i + 1, key }));
  }
  return rows.sort((a, b) => a.key.localeCompare(b.key, 'en') || a.attempt - b.attempt);
}

/** One line of the instructor's table. */
export interface ResultRow {
  student: string;
  score: number;
  total: number;
  percent: number;
  passed: boolean;
  /** Minutes from start to finish, one decimal. */
  minutes: number;
  finishedAt: number;
  /** 1 for a student's first attempt, 2 for the second...: more than 1 on a drill without retakes deserves a look. */
  attempt: number;
  /** Tells rows apart (a keyed list, a "remove" button). */
  checksum: string;
}

/** The table of results: by student (case-insensitive), then attempt; `passed` judged by the drill's pass mark. */
export function resultTable(drill: Drill, results: readonly DrillResult[]): ResultRow[] {
  return withAttempts(results).map(({ result: r, attempt }) => ({
    student: r.student,
    score: r.score,
    total: r.total,
    percent: r.percent,
    // Judged by the instructor's copy of the pass mark.
    passed: 100 * r.score >= drill.passMark * r.total,
    minutes: Math.round((r.finishedAt - r.startedAt) / 6000) / 10,
    finishedAt: r.finishedAt,
    attempt,
    checksum: r.checksum,
  }));
}

/** Each student's last attempt, for statistics that should count a student once. */
export function latestAttempts(results: readonly DrillResult[]): DrillResult[] {
  const last = new Map<string, { result: DrillResult; attempt: number }>();
  for (const row of withAttempts(results)) last.set(studentKey(row.result.student), row);
  return [...last.values()].map((r) => r.result);
}

/** How one question went: `percent` of those who answered it got it right (null when nobody answered). */
export interface QuestionStat {
  questionId: string;
  /** Position in the drill, from 1. */
  number: number;
  kind: Question['kind'];
  stem: string;
  topic: { key: string; label: string };
  right: number;
  /** Results that gave a response. */
  answered: number;
  /** Results that hold the question (answered or left blank). */
  asked: number;
  percent: number | null;
}

/** How one topic went, over all its questions. */
export interface TopicStat {
  key: string;
  label: string;
  questions: number;
  right: number;
  answered: number;
  asked: number;
  percent: number | null;
}

interface Tally {
  right: number;
  answered: number;
  asked: number;
}

function tallyByQuestion(drill: Drill, results: readonly DrillResult[]): Map<string, Tally> {
  const tallies = new Map(drill.questions.map((q) => [q.id, { right: 0, answered: 0, asked: 0 }]));
  for (const r of results) {
    for (const a of r.answers) {
      const t = tallies.get(a.questionId);
      if (!t) continue;
      t.asked++;
      if (a.response !== null) t.answered++;
      if (a.correct) t.right++;
    }
  }
  return tallies;
}

const percentOf = (t: Tally): number | null => (t.answered > 0 ? Math.round((100 * t.right) / t.answered) : null);

/** Hardest first: lowest share right among those who answered; unanswered last; ties in drill order. */
function byDifficulty(a: Tally & { order: number }, b: Tally & { order: number }): number {
  if (a.answered === 0 || b.answered === 0) return (a.answered === 0 ? 1 : 0) - (b.answered === 0 ? 1 : 0) || a.order - b.order;
  return a.right * b.answered - b.right * a.answered || a.order - b.order;
}

/**
 * Per question: right / answered and the percent, hardest first (what to go
 * over in class). Counts every result given; pass `latestAttempts(results)` to
 * count each student once.
 */
export function questionDifficulty(drill: Drill, results: readonly DrillResult[]): QuestionStat[] {
  const tallies = tallyByQuestion(drill, results);
  return drill.questions
    .map((q, i) => {
      const t = tallies.get(q.id) ?? { right: 0, answered: 0, asked: 0 };
      return { order: i, questionId: q.id, number: i + 1, kind: q.kind, stem: q.stem, topic: { ...q.topic }, ...t, percent: percentOf(t) };
    })
    .sort(byDifficulty)
    .map(({ order: _order, ...stat }) => stat);
}

/**
 * Per topic (the questions' `topic`: a section of the notes): the share of
 * answers that were right, weakest first (what to teach again).
 */
export function topicWeakness(drill: Drill, results: readonly DrillResult[]): TopicStat[] {
  const tallies = tallyByQuestion(drill, results);
  const topics = new Map<string, TopicStat & { order: number }>();
  drill.questions.forEach((q, i) => {
    const t = tallies.get(q.id) ?? { right: 0, answered: 0, asked: 0 };
    const topic = topics.get(q.topic.key) ?? { order: i, key: q.topic.key, label: q.topic.label, questions: 0, right: 0, answered: 0, asked: 0, percent: null };
    topic.questions++;
    topic.right += t.right;
    topic.answered += t.answered;
    topic.asked += t.asked;
    topics.set(q.topic.key, topic);
  });
  return [...topics.values()]
    .map((t) => ({ ...t, percent: percentOf(t) }))
    .sort(byDifficulty)
    .map(({ order: _order, ...stat }) => stat);
}

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line
 * break, quotes doubled; and a cell a spreadsheet would run as a formula
 * (starting with =, +, -, @, tab or carriage return) gets a leading apostrophe,
 * so a student named `=HYPERLINK(...)` stays text.
 */
export function csvCell(value: string | number | boolean): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The result table as CSV for a spreadsheet: a header row, CRLF line ends,
 * `passed` as yes/no and `finished` as an ISO 8601 UTC time.
 */
export function resultsCsv(rows: readonly ResultRow[]): string {
  const header = ['student', 'score', 'total', 'percent', 'passed', 'minutes', 'finished', 'attempt'];
  const lines = rows.map((r) => [r.student, r.score, r.total, r.percent, r.passed ? 'yes' : 'no', r.minutes, new Date(r.finishedAt).toISOString(), r.attempt]);
  return [header, ...lines].map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
