/**
 * The quick quiz: ten questions drawn from the notes (weighted toward topics
 * with lapsed or due cards), one at a time, checked, explained, and fed to
 * spaced repetition. The seed and the time come in from outside, so the quiz
 * a test sees is always the same.
 */
import { failureReason } from '../data/storage.ts';
import type { StudyCard } from '../lib/cards/types.ts';
import type { Vault } from '../lib/content/types.ts';
import { buildQuiz, checkAnswer, type Question, type QuestionKind, type Response } from '../lib/quiz/index.ts';
import { createScheduler, type Scheduler } from '../lib/srs/scheduler.ts';
import type { CardProgress } from '../lib/srs/types.ts';
import type { VaultcardsDB } from '../data/db.ts';
import { loadProgress, loadSettings } from '../data/progress.ts';
import { recordQuizAnswer, saveQuizResult } from '../data/quiz.ts';
import { beginActivity } from './activity.ts';
import { systemClock, type ReviewClock } from './review.svelte.ts';

export const QUICK_QUIZ_QUESTIONS = 10;

export type QuizPhase = 'start' | 'question' | 'feedback' | 'done';

export interface QuizAnswer {
  response: Response;
  correct: boolean;
  /** Flashcards failed by this answer: those sharing a source fact, when it was wrong. */
  failedCards: number;
}

/** Whether `response` is a whole answer to `question` (what Enter and "Check answer" need). */
export function isComplete(question: Question, response: Response | null): boolean {
  if (response === null) return false;
  switch (question.kind) {
    case 'single':
    case 'numeric':
    case 'not':
      return typeof response === 'string' && response !== '';
    case 'multiple':
      return Array.isArray(response) && response.length === question.choose;
    case 'true-false':
      return typeof response === 'boolean';
    case 'matching':
      return typeof response === 'object' && !Array.isArray(response) && question.terms.every((t) => Boolean((response as Record<string, string>)[t.id]));
    case 'cloze':
      return typeof response === 'string' && response.trim() !== '';
  }
}

/** Section key -> weight: 3 where a card has lapsed or is due, so weak topics come up more. */
function topicWeights(cards: readonly StudyCard[], progress: ReadonlyMap<string, CardProgress>, now: number): Map<string, number> {
  const weights = new Map<string, number>();
  for (const card of cards) {
    const p = progress.get(card.id);
    if (!p || p.suspended || p.retired) continue;
    if (p.memory.lapses > 0 || p.memory.due <= now) weights.set(`${card.noteId}#${card.sectionId}`, 3);
  }
  return weights;
}

/** A topic quiz: which notes, sections (`noteId#sectionId`), tags and kinds, and how many questions. */
export interface TopicQuizOptions {
  noteIds?: string[];
  sectionKeys?: string[];
  tags?: string[];
  kinds?: QuestionKind[];
  count: number;
}

export class QuizState {
  readonly #vault: Vault;
  readonly #cards: readonly StudyCard[];
  readonly #db: VaultcardsDB;
  readonly #clock: ReviewClock;
  #scheduler: Scheduler | null = null;
  #writes: Promise<void> = Promise.resolve();

  phase = $state<QuizPhase>('start');
  questions = $state.raw<Question[]>([]);
  answers = $state.raw<QuizAnswer[]>([]);
  index = $state(0);
  /** The answer being made to the question on screen. */
  draft = $state.raw<Response | null>(null);
  /** Short message after a failed write, read out by screen readers. */
  notice = $state('');
  busy = $state(false);

  constructor(vault: Vault, cards: readonly StudyCard[], db: VaultcardsDB, clock: ReviewClock = systemClock) {
    this.#vault = vault;
    this.#cards = cards;
    this.#db = db;
    this.#clock = clock;
    // A quiz started and not finished: an app update waits until it ends (or the
    // screen goes away) and its answers and result are stored.
    $effect(() => {
      if (!this.#inProgress) return;
      const end = beginActivity('quiz');
      return () => void this.settled().then(end, end);
    });
  }

  readonly #inProgress = $derived(this.phase === 'question' || this.phase === 'feedback');
  readonly current = $derived<Question | null>(this.questions[this.index] ?? null);
  readonly currentAnswer = $derived<QuizAnswer | null>(this.answers[this.index] ?? null);
  readonly complete = $derived(this.current !== null && isComplete(this.current, this.draft));
  readonly score = $derived(this.answers.filter((a) => a.correct).length);
  readonly isLast = $derived(this.index >= this.questions.length - 1);

  /**
   * Draws a new quiz from `seed` (the screen passes the current time): the
   * quick quiz by default, or a topic quiz limited to `topic` (notes, sections,
   * tags, kinds) with its own question count.
   */
  async start(seed: string, topic?: TopicQuizOptions): Promise<void> {
    this.busy = true;
    try {
      const [settings, progress] = await Promise.all([loadSettings(this.#db), loadProgress(this.#db)]);
      this.#scheduler = createScheduler(settings);
      const weights = topicWeights(this.#cards, progress, this.#clock.now());
      this.questions = topic
        ? buildQuiz(this.#vault, { ...topic, seed, count: topic.count, weights })
        : buildQuiz(this.#vault, { seed, count: QUICK_QUIZ_QUESTIONS, weights });
      this.notice =
        this.questions.length > 0 ? '' : topic ? 'No question can be made from that selection: choose more topics or kinds.' : 'Your notes have no facts a question can be made from yet.';
    } catch (error) {
      this.questions = [];
      this.notice = `The quiz could not start: ${(error as Error).message}`;
    } finally {
      this.busy = false;
    }
    this.answers = [];
    this.index = 0;
    this.draft = null;
    this.phase = this.questions.length ? 'question' : 'start';
  }

  setDraft(response: Response): void {
    if (this.phase === 'question') this.draft = response;
  }

  /** Checks the draft answer; a wrong one fails the source facts' cards in the background. */
  check(): void {
    const question = this.current;
    if (this.phase !== 'question' || !question || this.draft === null || !this.complete) return;
    const correct = checkAnswer(question, this.draft);
    const facts = new Set(question.factIds);
    const failedCards = correct ? 0 : this.#cards.filter((card) => card.factIds.some((id) => facts.has(id))).length;
    this.answers = [...this.answers, { response: this.draft, correct, failedCards }];
    this.phase = 'feedback';
    const scheduler = this.#scheduler;
    if (failedCards === 0 || !scheduler) return;
    const now = this.#clock.now();
    this.#queue(() => recordQuizAnswer(this.#db, scheduler, this.#cards, question, false, now), 'The failed review was not saved');
  }

  /** The next question, or the score once the last one is answered (the result is stored then). */
  next(): void {
    if (this.phase !== 'feedback') return;
    if (!this.isLast) {
      this.index++;
      this.draft = null;
      this.phase = 'question';
      return;
    }
    this.phase = 'done';
    const result = {
      at: this.#clock.now(),
      score: this.score,
      total: this.questions.length,
      questions: this.questions.map((q, i) => ({ id: q.id, correct: this.answers[i]?.correct ?? false, topic: q.topic.key })),
    };
    this.#queue(() => saveQuizResult(this.#db, result), 'The quiz result was not saved');
  }

  /** Resolves when every write this quiz started has finished. */
  settled(): Promise<void> {
    return this.#writes;
  }

  #queue(task: () => Promise<unknown>, failure: string): void {
    this.#writes = this.#writes.then(async () => {
      try {
        await task();
      } catch (error) {
        this.notice = `${failure}: ${failureReason(error)}`;
      }
    });
  }
}
