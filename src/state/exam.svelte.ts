/**
 * The practice exam: built from the notes in the CCP format, answered in any
 * order with flags and a countdown, saved on every change (so a reload
 * resumes it), submitted by the learner or when the time runs out, then
 * scored, broken down and fed to spaced repetition.
 */
import { failureReason } from '../data/storage.ts';
import type { StudyCard } from '../lib/cards/types.ts';
import type { Vault } from '../lib/content/types.ts';
import { EXAM_DOMAINS } from '../lib/exam/domains.ts';
import { buildExam, checkAnswer, scaledScore } from '../lib/quiz/index.ts';
import { createScheduler } from '../lib/srs/scheduler.ts';
import type { VaultcardsDB } from '../data/db.ts';
import { clearExamInProgress, loadExamInProgress, saveExamInProgress, type ExamInProgress, type ExamQuestion } from '../data/exam.ts';
import { loadSettings } from '../data/progress.ts';
import { recordQuizAnswer, saveQuizResult } from '../data/quiz.ts';
import { beginActivity } from './activity.ts';
import { systemClock, type ReviewClock } from './review.svelte.ts';

export type ExamPhase = 'loading' | 'start' | 'exam' | 'review' | 'done';

/** Correct of total for one domain or topic. */
export interface ExamTally {
  key: string;
  label: string;
  correct: number;
  total: number;
}

export interface ExamResult {
  questions: ExamQuestion[];
  answers: string[][];
  correct: boolean[];
  score: number;
  passed: boolean;
  right: number;
  byDomain: ExamTally[];
  byTopic: ExamTally[];
  /** True when the time ran out before the learner submitted. */
  timedOut: boolean;
}

/** `mm:ss` of a duration in ms, rounded up to the second (90 minutes = `90:00`). */
export function formatRemaining(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}

function tally(keys: { key: string; label: string }[], correct: boolean[]): ExamTally[] {
  const byKey = new Map<string, ExamTally>();
  keys.forEach(({ key, label }, i) => {
    const t = byKey.get(key) ?? { key, label, correct: 0, total: 0 };
    t.total++;
    if (correct[i]) t.correct++;
    byKey.set(key, t);
  });
  return [...byKey.values()];
}

export class ExamState {
  readonly #vault: Vault;
  readonly #cards: readonly StudyCard[];
  readonly #db: VaultcardsDB;
  readonly #clock: ReviewClock;
  #timer: ReturnType<typeof setInterval> | null = null;
  #writes: Promise<void> = Promise.resolve();

  phase = $state<ExamPhase>('loading');
  exam = $state.raw<ExamInProgress | null>(null);
  result = $state.raw<ExamResult | null>(null);
  /** The clock, read each second; the remaining time is `deadline - now`, never a count of ticks. */
  now = $state(0);
  notice = $state('');
  /** The exam the start screen offers, drawn by `prepare`. */
  plan = $state.raw<{ questions: ExamQuestion[]; minutes: number; scaledFrom: number } | null>(null);

  constructor(vault: Vault, cards: readonly StudyCard[], db: VaultcardsDB, clock: ReviewClock = systemClock) {
    this.#vault = vault;
    this.#cards = cards;
    this.#db = db;
    this.#clock = clock;
    this.now = clock.now();
    // A running exam (or its review before submitting): an app update waits until it is submitted or the screen goes away.
    $effect(() => {
      if (this.#running) return beginActivity('exam');
    });
  }

  readonly #running = $derived(this.phase === 'exam' || this.phase === 'review');

  readonly current = $derived<ExamQuestion | null>(this.exam?.questions[this.exam.index] ?? null);
  readonly remaining = $derived(this.exam ? Math.max(0, this.exam.deadline - this.now) : 0);
  readonly unanswered = $derived<number[]>(this.exam ? this.exam.answers.flatMap((a, i) => (a.length === 0 ? [i] : [])) : []);
  readonly flagged = $derived<number[]>(this.exam ? this.exam.flags.flatMap((f, i) => (f ? [i] : [])) : []);

  /** Resumes a stored exam, if any (submitting it when its time ran out meanwhile); otherwise offers a new one drawn from `seed`. */
  async load(seed: string): Promise<void> {
    try {
      const stored = await loadExamInProgress(this.#db);
      if (stored) {
        this.exam = stored;
        this.phase = 'exam';
        this.#startTimer();
        return;
      }
    } catch (error) {
      this.notice = `The exam in progress could not be read: ${(error as Error).message}`;
    }
    this.offer(seed);
  }

  /** Back to the start screen with a new exam drawn from `seed`. */
  offer(seed: string): void {
    this.prepare(seed);
    this.phase = 'start';
  }

  /**
   * Draws the exam the start screen describes from `seed` (the screen passes
   * the current time), so the number of questions and minutes it shows are
   * those of the exam that starts.
   */
  prepare(seed: string): void {
    const built = buildExam(this.#vault, { seed });
    const questions = built.questions.filter((q): q is ExamQuestion => q.kind === 'single' || q.kind === 'multiple');
    this.plan = { questions, minutes: built.minutes, scaledFrom: built.scaledFrom };
    this.notice = questions.length === 0 ? 'Your notes have no facts an exam question can be made from yet.' : '';
  }

  /** Starts the prepared exam and its countdown: the deadline is absolute, now plus the exam's minutes. */
  start(): void {
    const plan = this.plan;
    if (!plan || plan.questions.length === 0) return;
    const startedAt = this.#clock.now();
    this.now = startedAt;
    this.result = null;
    this.plan = null;
    this.#update({
      questions: plan.questions,
      answers: plan.questions.map(() => []),
      flags: plan.questions.map(() => false),
      index: 0,
      startedAt,
      deadline: startedAt + plan.minutes * 60_000,
      minutes: plan.minutes,
      scaledFrom: plan.scaledFrom,
    });
    this.phase = 'exam';
    this.#startTimer();
  }

  answer(ids: string[]): void {
    const exam = this.exam;
    if (!exam || this.phase !== 'exam') return;
    this.#update({ ...exam, answers: exam.answers.map((a, i) => (i === exam.index ? ids : a)) });
  }

  toggleFlag(): void {
    const exam = this.exam;
    if (!exam || this.phase !== 'exam') return;
    this.#update({ ...exam, flags: exam.flags.map((f, i) => (i === exam.index ? !f : f)) });
  }

  goTo(index: number): void {
    const exam = this.exam;
    if (!exam || index < 0 || index >= exam.questions.length) return;
    this.phase = 'exam';
    if (index !== exam.index) this.#update({ ...exam, index });
  }

  openReview(): void {
    if (this.exam) this.phase = 'review';
  }

  /** Scores the exam, feeds wrong answers to spaced repetition, stores the result and forgets the exam in progress. */
  async submit(timedOut = false): Promise<void> {
    const exam = this.exam;
    if (!exam || this.phase === 'done') return;
    // Held until the result is stored, so an update waiting for the exam cannot reload before that.
    const saving = beginActivity('exam');
    this.#stopTimer();
    const correct = exam.questions.map((q, i) => checkAnswer(q, q.kind === 'single' ? (exam.answers[i]?.[0] ?? '') : (exam.answers[i] ?? [])));
    const right = correct.filter(Boolean).length;
    const { score, passed } = scaledScore(right, exam.questions.length);
    const domainNames = new Map(EXAM_DOMAINS.map((d) => [d.id, d.name]));
    this.result = {
      questions: exam.questions,
      answers: exam.answers,
      correct,
      score,
      passed,
      right,
      byDomain: tally(exam.questions.map((q) => ({ key: q.domain, label: domainNames.get(q.domain) ?? q.domain })), correct),
      byTopic: tally(exam.questions.map((q) => q.topic), correct),
      timedOut,
    };
    this.exam = null;
    this.phase = 'done';
    const now = this.#clock.now();
    await this.#writes;
    try {
      // One transaction: the failed reviews, the result and the end of the exam in progress are
      // written together, so a reload or a full disk in the middle leaves the exam as it was.
      const db = this.#db;
      await db.transaction('rw', [db.settings, db.progress, db.reviews], async () => {
        const scheduler = createScheduler(await loadSettings(db));
        for (const [i, q] of exam.questions.entries()) await recordQuizAnswer(db, scheduler, this.#cards, q, correct[i] ?? false, now);
        await saveQuizResult(db, { at: now, score: right, total: exam.questions.length, questions: exam.questions.map((q, i) => ({ id: q.id, correct: correct[i] ?? false, topic: q.topic.key })) });
        await clearExamInProgress(db);
      });
    } catch (error) {
      this.notice = `The result could not be saved: ${failureReason(error)}`;
    } finally {
      saving();
    }
  }

  /** Stops the countdown (the screen calls it when it goes away). */
  dispose(): void {
    this.#stopTimer();
  }

  #update(exam: ExamInProgress): void {
    this.exam = exam;
    this.#writes = this.#writes
      .then(() => saveExamInProgress(this.#db, exam))
      .catch((error: unknown) => {
        this.notice = `The exam could not be saved: ${failureReason(error)}`;
      });
  }

  #tick(): void {
    this.now = this.#clock.now();
    if (this.exam && this.now >= this.exam.deadline) void this.submit(true);
  }

  #startTimer(): void {
    this.#stopTimer();
    this.#tick();
    this.#timer = setInterval(() => this.#tick(), 1000);
  }

  #stopTimer(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }
}
