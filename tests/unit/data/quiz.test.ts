import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { VaultcardsDB } from '../../../src/data/db.ts';
import { recordGrade } from '../../../src/data/progress.ts';
import { loadQuizHistory, QUIZ_HISTORY_LIMIT, recordQuizAnswer, saveQuizResult, type QuizResult } from '../../../src/data/quiz.ts';
import type { StudyCard } from '../../../src/lib/cards/types.ts';
import type { Question } from '../../../src/lib/quiz/index.ts';
import { createScheduler } from '../../../src/lib/srs/scheduler.ts';
import { DEFAULT_SRS_SETTINGS } from '../../../src/lib/srs/types.ts';

const T0 = Date.UTC(2026, 0, 5, 9);
const scheduler = createScheduler(DEFAULT_SRS_SETTINGS);
let db: VaultcardsDB;

afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

function fresh(): VaultcardsDB {
  db = new VaultcardsDB(`quiz-${Math.random()}`);
  return db;
}

const card = (id: string, factIds: string[]): StudyCard => ({
  id, kind: 'definition', noteId: 'n', noteTitle: 'N', sectionId: 's', path: [], factIds, prompt: '', answer: '', context: [], tags: [],
});
const CARDS = [card('c1', ['n#f1']), card('c2', ['n#f1', 'n#f2']), card('c3', ['n#f3'])];
const question = { id: 'q1', kind: 'true-false', factIds: ['n#f1', 'n#f2'], topic: { key: 'n#s', label: 'N › s' } } as unknown as Question;

describe('recordQuizAnswer', () => {
  it('fails every card sharing a fact with a wrongly answered question, in one go', async () => {
    fresh();
    const records = await recordQuizAnswer(db, scheduler, CARDS, question, false, T0);
    expect(records.map((r) => [r.cardId, r.grade])).toEqual([['c1', 1], ['c2', 1]]);
    expect(await db.reviews.count()).toBe(2);
    expect((await db.progress.get('c1'))?.memory.reps).toBe(1);
    expect(await db.progress.get('c3')).toBeUndefined();
  });

  it('leaves cards alone after a right answer', async () => {
    fresh();
    expect(await recordQuizAnswer(db, scheduler, CARDS, question, true, T0)).toEqual([]);
    expect(await db.reviews.count()).toBe(0);
  });

  it('lapses a card already in review and counts after an earlier review at the same time', async () => {
    fresh();
    await recordGrade(db, scheduler, 'c1', 3, T0);
    await recordGrade(db, scheduler, 'c1', 3, T0 + 600_000);
    const [record] = await recordQuizAnswer(db, scheduler, CARDS, question, false, T0 + 600_000);
    expect(record?.review).toBe(T0 + 600_001);
    expect(await db.reviews.where('cardId').equals('c1').count()).toBe(3);
  });
});

describe('quiz history', () => {
  const result = (at: number): QuizResult => ({ at, score: 7, total: 10, questions: [{ id: 'q1', correct: true, topic: 'n#s' }] });

  it('starts empty, appends results in order and survives reopening', async () => {
    fresh();
    expect(await loadQuizHistory(db)).toEqual([]);
    await saveQuizResult(db, result(T0));
    await saveQuizResult(db, result(T0 + 1));
    db.close();
    await db.open();
    expect((await loadQuizHistory(db)).map((r) => r.at)).toEqual([T0, T0 + 1]);
    expect((await db.settings.get('quiz-history'))?.value).toHaveLength(2);
  });

  it(`keeps only the newest ${QUIZ_HISTORY_LIMIT} results`, async () => {
    fresh();
    await db.settings.put({ key: 'quiz-history', value: Array.from({ length: QUIZ_HISTORY_LIMIT }, (_, i) => result(i)) });
    await saveQuizResult(db, result(T0));
    const history = await loadQuizHistory(db);
    expect(history).toHaveLength(QUIZ_HISTORY_LIMIT);
    expect(history[0]?.at).toBe(1);
    expect(history.at(-1)?.at).toBe(T0);
  });

  it('reads a damaged value as no history', async () => {
    fresh();
    await db.settings.put({ key: 'quiz-history', value: { not: 'a list' } });
    expect(await loadQuizHistory(db)).toEqual([]);
  });
});
