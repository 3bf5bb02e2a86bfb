/**
 * Quiz answers in the study history: a wrong answer is a failed review of the
 * cards made from the same facts, and every finished quiz is kept (the last
 * 200) in the settings table for the stats screen.
 */
import type { StudyCard } from '../lib/cards/types.ts';
import type { Question } from '../lib/quiz/index.ts';
import type { Scheduler } from '../lib/srs/scheduler.ts';
import type { ReviewRecord } from '../lib/srs/types.ts';
import type { VaultcardsDB } from './db.ts';
import { recordGrade } from './progress.ts';

export const QUIZ_HISTORY_KEY = 'quiz-history';
/** Enough for a year of daily quizzes; older results are dropped first. */
export const QUIZ_HISTORY_LIMIT = 200;

/** One answered question of a finished quiz; `topic` is the section key (`noteId#sectionId`). */
export interface QuizAnswerResult {
  id: string;
  correct: boolean;
  topic: string;
}

export interface QuizResult {
  /** When the quiz was finished (epoch ms). */
  at: number;
  score: number;
  total: number;
  questions: QuizAnswerResult[];
}

/**
 * Feeds one quiz answer to spaced repetition. A wrong answer grades every card
 * sharing a source fact with the question as Again (grade 1), in one
 * transaction; a right answer changes nothing, since a recognised option is
 * weaker evidence than a recalled card. Returns the review logs written.
 *
 * @example await recordQuizAnswer(db, scheduler, cardsFor(vault), question, false, Date.now())
 */
export async function recordQuizAnswer(
  db: VaultcardsDB,
  scheduler: Scheduler,
  cards: readonly StudyCard[],
  question: Question,
  correct: boolean,
  now: number,
): Promise<ReviewRecord[]> {
  if (correct) return [];
  const facts = new Set(question.factIds);
  const failed = cards.filter((card) => card.factIds.some((id) => facts.has(id)));
  if (failed.length === 0) return [];
  return db.transaction('rw', db.progress, db.reviews, async () => {
    const records: ReviewRecord[] = [];
    for (const card of failed) records.push((await recordGrade(db, scheduler, card.id, 1, now)).record);
    return records;
  });
}

/** Finished quizzes, oldest first; anything stored that is not a list reads as none. */
export async function loadQuizHistory(db: VaultcardsDB): Promise<QuizResult[]> {
  const row = await db.settings.get(QUIZ_HISTORY_KEY);
  return Array.isArray(row?.value) ? (row.value as QuizResult[]) : [];
}

/** Appends a finished quiz to the history, keeping the newest `QUIZ_HISTORY_LIMIT`. */
export async function saveQuizResult(db: VaultcardsDB, result: QuizResult): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const history = [...(await loadQuizHistory(db)), result].slice(-QUIZ_HISTORY_LIMIT);
    await db.settings.put({ key: QUIZ_HISTORY_KEY, value: history });
  });
}
