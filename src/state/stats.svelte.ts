/**
 * The stats screen: loads progress and the last year of review logs once,
 * then derives every figure with the pure functions of `lib/stats`.
 * The exam date is a setting, stored with the others.
 */
import { EXAM_DAY_KEY, loadProgress, loadSettings, reviewsSince, saveSettings, setSuspended } from '../data/progress.ts';
import type { VaultcardsDB } from '../data/db.ts';
import type { StudyCard } from '../lib/cards/types.ts';
import { dueForecast, heatmap, leeches, mastery, quizSummary, reviewsPerDay, sectionKey, sectionLabel, streak, trueRetention, type QuizHistoryEntry } from '../lib/stats/index.ts';
import { loadQuizHistory } from '../data/quiz.ts';
import { examReadiness, type Readiness } from '../lib/stats/readiness.ts';
import { createScheduler } from '../lib/srs/scheduler.ts';
import { DEFAULT_SRS_SETTINGS, type CardProgress, type ReviewRecord, type SrsSettings } from '../lib/srs/types.ts';
import type { ReviewClock } from './review.svelte.ts';

const DAY = 86_400_000;

export class StatsState {
  readonly #db: VaultcardsDB;
  readonly #cards: StudyCard[];
  readonly #clock: ReviewClock;
  ready = $state(false);
  error = $state('');
  notice = $state('');
  progress = $state.raw(new Map<string, CardProgress>());
  records = $state.raw<ReviewRecord[]>([]);
  settings = $state.raw<SrsSettings>(DEFAULT_SRS_SETTINGS);
  examDay = $state<number | null>(null);
  quizHistory = $state.raw<QuizHistoryEntry[]>([]);
  now = $state(0);

  constructor(db: VaultcardsDB, cards: StudyCard[], clock: ReviewClock) {
    this.#db = db;
    this.#cards = cards;
    this.#clock = clock;
    this.now = clock.now();
  }

  readonly offset = $derived.by(() => this.#clock.timezoneOffsetMinutes(this.now));
  readonly scheduler = $derived(createScheduler(this.settings));
  readonly perDay = $derived(reviewsPerDay(this.records, this.offset));
  readonly streak = $derived(streak(this.perDay, this.now, this.offset));
  readonly heatmap = $derived(heatmap(this.perDay, this.now, this.offset));
  readonly forecast = $derived(dueForecast(this.progress.values(), this.now, this.offset));
  readonly retention = $derived(trueRetention(this.records, this.now - 30 * DAY, this.now));
  readonly mastery = $derived.by(() => mastery(this.#cards, this.progress, (p, at) => this.scheduler.retrievability(p, at), this.now));
  readonly leeches = $derived.by(() => leeches(this.#cards, this.progress));
  /** Cards suspended by hand (leeches are listed with the leeches). */
  readonly suspended = $derived.by(() => this.#cards.filter((c) => this.progress.get(c.id)?.suspended && !this.progress.get(c.id)?.leech));
  readonly reviewsToday = $derived(this.streak.studiedToday ? (this.perDay.get(this.heatmap.at(-1)?.day ?? '') ?? 0) : 0);
  readonly quizzes = $derived(quizSummary(this.quizHistory));
  /** Section key -> "note › heading path", for quiz topics. */
  readonly topicLabels = $derived.by(() => new Map(this.#cards.map((c) => [sectionKey(c), sectionLabel(c)])));

  readonly readiness = $derived.by((): Readiness | null =>
    this.examDay === null ? null : examReadiness(this.#cards, this.progress, (p, at) => this.scheduler.retrievability(p, at), this.settings, this.examDay, this.now),
  );

  async init(): Promise<void> {
    try {
      this.now = this.#clock.now();
      const [settings, progress, records, exam, quizzes] = await Promise.all([
        loadSettings(this.#db),
        loadProgress(this.#db),
        reviewsSince(this.#db, this.now - 366 * DAY),
        this.#db.settings.get(EXAM_DAY_KEY),
        loadQuizHistory(this.#db),
      ]);
      this.quizHistory = quizzes;
      this.settings = settings;
      this.progress = progress;
      this.records = records;
      const day = (exam?.value as { examDay?: unknown } | undefined)?.examDay;
      this.examDay = typeof day === 'number' && Number.isFinite(day) ? day : null;
      this.ready = true;
    } catch (error) {
      this.error = `Your progress could not be read: ${(error as Error).message}`;
    }
  }

  /** Sets the exam date from an `<input type=date>` value (local midnight), or clears it. */
  async setExamDate(value: string): Promise<void> {
    if (value === '') {
      this.examDay = null;
      await this.#db.settings.delete(EXAM_DAY_KEY);
      return;
    }
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!match) {
      this.notice = 'Enter the exam date as a date.';
      return;
    }
    // Nine in the morning, local time: when exams usually start.
    const day = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 9) - this.offset * 60_000;
    this.examDay = day;
    await this.#db.settings.put({ key: EXAM_DAY_KEY, value: { examDay: day } });
  }

  /** Sets new cards per day to the pace that learns every card before the exam. */
  async applyPacing(newPerDay: number): Promise<void> {
    this.settings = { ...this.settings, newPerDay };
    await saveSettings(this.#db, this.settings);
    this.notice = `New cards per day set to ${newPerDay}.`;
  }

  async unsuspend(cardId: string): Promise<void> {
    const next = await setSuspended(this.#db, cardId, false, this.#clock.now());
    this.progress = new Map(this.progress).set(cardId, next);
    this.notice = next.leech ? 'Card unsuspended: it stays marked as a leech.' : 'Card unsuspended.';
  }

  /** The exam date as `YYYY-MM-DD` in local time, for the date input. */
  examDateValue(): string {
    if (this.examDay === null) return '';
    return new Date(this.examDay + this.offset * 60_000).toISOString().slice(0, 10);
  }
}
