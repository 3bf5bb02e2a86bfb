/**
 * The student's side of drills: the assigned list (opening a code, link or
 * file adds to it), and taking one: name first, the drill's own question
 * order, saved on every answer (a reload resumes it), a countdown from an
 * absolute deadline that submits at time-out, then the result, its code, and
 * wrong answers fed to spaced repetition.
 */
import type { StudyCard } from '../lib/cards/types.ts';
import {
  cleanStudentName,
  drillDeadline,
  drillQuestionOrder,
  encodeResult,
  makeResult,
  MAX_STUDENT,
  openDrill,
  type Drill,
  type DrillRead,
  type DrillResult,
} from '../lib/drills/index.ts';
import type { Question, Response } from '../lib/quiz/index.ts';
import { createScheduler } from '../lib/srs/scheduler.ts';
import type { VaultcardsDB } from '../data/db.ts';
import { addAssigned, loadAssigned, recordAttempt, saveProgress, type AssignedDrill, type DrillInProgress } from '../data/drills-assigned.ts';
import { loadSettings } from '../data/progress.ts';
import { recordQuizAnswer } from '../data/quiz.ts';
import { systemClock, type ReviewClock } from './review.svelte.ts';

/** The hub's list, and opening a drill from what a student pastes or picks. */
export class AssignedDrillsState {
  readonly #db: VaultcardsDB;
  readonly #clock: ReviewClock;
  list = $state.raw<AssignedDrill[]>([]);
  loaded = $state(false);
  notice = $state('');

  constructor(db: VaultcardsDB, clock: ReviewClock = systemClock) {
    this.#db = db;
    this.#clock = clock;
  }

  async refresh(): Promise<void> {
    try {
      this.list = await loadAssigned(this.#db);
    } catch (error) {
      this.notice = `Your assigned drills could not be read: ${(error as Error).message}`;
    }
    this.loaded = true;
  }

  /** Opens a code, a link or a drill file's text; on success the drill is added (nothing is written otherwise). */
  async open(text: string): Promise<DrillRead> {
    const read = await openDrill(text);
    if (!read.ok) return read;
    await this.add(read.drill);
    return read;
  }

  async add(drill: Drill): Promise<AssignedDrill> {
    const entry = await addAssigned(this.#db, drill, this.#clock.now());
    await this.refresh();
    return entry;
  }
}

export type TakePhase = 'loading' | 'missing' | 'name' | 'taking' | 'done';

/** Best score of the attempts, as a percent, or null without any. */
export const bestPercent = (attempts: readonly DrillResult[]): number | null => (attempts.length ? Math.max(...attempts.map((a) => a.percent)) : null);

export class DrillAttemptState {
  readonly #db: VaultcardsDB;
  readonly #cards: readonly StudyCard[];
  readonly #clock: ReviewClock;
  readonly drillId: string;
  #timer: ReturnType<typeof setInterval> | null = null;
  #writes: Promise<void> = Promise.resolve();
  /** When the question on screen was shown (for the time spent on it). */
  #shownAt = 0;
  #submitting = false;

  phase = $state<TakePhase>('loading');
  entry = $state.raw<AssignedDrill | null>(null);
  progress = $state.raw<DrillInProgress | null>(null);
  result = $state.raw<DrillResult | null>(null);
  code = $state('');
  timedOut = $state(false);
  nameError = $state('');
  notice = $state('');
  now = $state(0);

  constructor(db: VaultcardsDB, cards: readonly StudyCard[], drillId: string, clock: ReviewClock = systemClock) {
    this.#db = db;
    this.#cards = cards;
    this.#clock = clock;
    this.drillId = drillId;
    this.now = clock.now();
  }

  readonly drill = $derived<Drill | null>(this.entry?.drill ?? null);
  readonly questions = $derived.by((): Question[] => {
    const drill = this.drill;
    const order = this.progress?.order;
    if (!drill || !order) return [];
    const byId = new Map(drill.questions.map((q) => [q.id, q]));
    return order.flatMap((id) => byId.get(id) ?? []);
  });
  readonly index = $derived(this.progress?.index ?? 0);
  readonly current = $derived<Question | null>(this.questions[this.index] ?? null);
  readonly deadline = $derived(this.drill && this.progress ? drillDeadline(this.drill, this.progress.startedAt) : null);
  readonly remaining = $derived(this.deadline === null ? null : Math.max(0, this.deadline - this.now));
  readonly answered = $derived(this.progress ? this.questions.filter((q) => this.progress?.responses[q.id] != null).length : 0);
  /** A new attempt may be started: the drill allows retakes, or there is none yet. */
  readonly canStart = $derived(!!this.entry && (this.entry.drill.retakes || this.entry.attempts.length === 0));

  /** Reads the drill: resumes an attempt in progress, shows the last result when no retake is allowed, else asks the name. */
  async load(): Promise<void> {
    try {
      this.entry = (await loadAssigned(this.#db)).find((e) => e.drill.id === this.drillId) ?? null;
    } catch (error) {
      this.notice = `The drill could not be read: ${(error as Error).message}`;
    }
    const entry = this.entry;
    if (!entry) return void (this.phase = 'missing');
    if (entry.inProgress) {
      this.progress = entry.inProgress;
      this.phase = 'taking';
      this.#shownAt = this.#clock.now();
      this.#startTimer();
      return;
    }
    const last = entry.attempts.at(-1);
    if (last && !entry.drill.retakes) return this.#showResult(last);
    this.phase = 'name';
  }

  /** Starts an attempt under `name` (checked and cleaned); false with `nameError` set when it is not usable. */
  begin(name: string): boolean {
    const drill = this.drill;
    if (!drill || !this.canStart) return false;
    const student = cleanStudentName(name);
    if (student === '') return ((this.nameError = 'Type your name: it goes into the result your instructor receives.'), false);
    if (student.length > MAX_STUDENT) return ((this.nameError = `Your name can be at most ${MAX_STUDENT} characters long.`), false);
    this.nameError = '';
    const startedAt = this.#clock.now();
    this.now = startedAt;
    this.result = null;
    this.code = '';
    this.#save({ student, startedAt, order: drillQuestionOrder(drill, student).map((q) => q.id), responses: {}, ms: {}, index: 0 });
    this.#shownAt = startedAt;
    this.phase = 'taking';
    this.#startTimer();
    return true;
  }

  answer(response: Response): void {
    const p = this.progress;
    const q = this.current;
    if (!p || !q || this.phase !== 'taking') return;
    this.#save({ ...p, responses: { ...p.responses, [q.id]: response }, ms: this.#spent(p) });
  }

  goTo(index: number): void {
    const p = this.progress;
    if (!p || this.phase !== 'taking' || index < 0 || index >= p.order.length || index === this.index) return;
    this.#save({ ...p, index, ms: this.#spent(p) });
  }

  /** Grades and stores the attempt, feeds wrong answers to spaced repetition, and makes the result code. */
  async submit(timedOut = false): Promise<void> {
    const p = this.progress;
    const drill = this.drill;
    if (!p || !drill || this.phase !== 'taking' || this.#submitting) return;
    this.#submitting = true;
    this.#stopTimer();
    const deadline = this.deadline;
    const now = Math.min(this.#clock.now(), deadline ?? Infinity);
    const ms = this.#spent(p);
    await this.#writes;
    try {
      const result = await makeResult(drill, p.student, p.responses, { startedAt: p.startedAt, ms }, now);
      this.entry = (await recordAttempt(this.#db, drill.id, result)) ?? this.entry;
      this.timedOut = timedOut;
      this.progress = null;
      await this.#showResult(result);
      await this.#feedRepetition(drill, result, now);
    } catch (error) {
      this.notice = `The drill could not be submitted: ${(error as Error).message}`;
    } finally {
      this.#submitting = false;
    }
  }

  /** Stops the countdown (the screen calls it when it goes away). */
  dispose(): void {
    this.#stopTimer();
  }

  /** Resolves when every write started so far has finished. */
  settled(): Promise<void> {
    return this.#writes;
  }

  async #showResult(result: DrillResult): Promise<void> {
    this.result = result;
    this.phase = 'done';
    try {
      this.code = await encodeResult(result);
    } catch (error) {
      this.notice = `The result code could not be made (use the file instead): ${(error as Error).message}`;
    }
  }

  /** A wrong answer fails the cards of its facts, when those facts are in this app's notes; others are skipped. */
  async #feedRepetition(drill: Drill, result: DrillResult, now: number): Promise<void> {
    const wrong = result.answers.filter((a) => a.response !== null && !a.correct).map((a) => a.questionId);
    if (wrong.length === 0) return;
    try {
      const scheduler = createScheduler(await loadSettings(this.#db));
      for (const q of drill.questions) if (wrong.includes(q.id)) await recordQuizAnswer(this.#db, scheduler, this.#cards, q, false, now);
    } catch (error) {
      this.notice = `Your wrong answers were not added to your reviews: ${(error as Error).message}`;
    }
  }

  /** The time spent so far, with the question on screen credited up to now. */
  #spent(p: DrillInProgress): Record<string, number> {
    const id = p.order[p.index ?? 0];
    const at = this.#clock.now();
    const extra = Math.max(0, at - this.#shownAt);
    this.#shownAt = at;
    return id === undefined ? p.ms : { ...p.ms, [id]: (p.ms[id] ?? 0) + extra };
  }

  #save(progress: DrillInProgress): void {
    this.progress = progress;
    this.#writes = this.#writes
      .then(() => saveProgress(this.#db, this.drillId, progress))
      .catch((error: unknown) => {
        this.notice = `Your answers could not be saved: ${(error as Error).message}`;
      });
  }

  #tick(): void {
    this.now = this.#clock.now();
    if (this.deadline !== null && this.now >= this.deadline) void this.submit(true);
  }

  #startTimer(): void {
    this.#stopTimer();
    if (this.deadline === null) return;
    this.#tick();
    this.#timer = setInterval(() => this.#tick(), 1000);
  }

  #stopTimer(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }
}

/** A date and time in the reader's locale, e.g. "5 Jan 2026, 09:00". */
export function formatWhen(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The due date in words: none, due on a date, or overdue since it. */
export function dueText(dueAt: number | undefined, now: number): string {
  if (dueAt === undefined) return 'No due date';
  return dueAt < now ? `Overdue: it was due ${formatWhen(dueAt)}` : `Due ${formatWhen(dueAt)}`;
}

/** "20 minutes", or "No time limit". */
export const limitText = (minutes: number | undefined): string => (minutes === undefined ? 'No time limit' : `${minutes} minute${minutes === 1 ? '' : 's'}`);
