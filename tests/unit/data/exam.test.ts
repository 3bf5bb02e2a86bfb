import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { VaultcardsDB } from '../../../src/data/db.ts';
import { clearExamInProgress, EXAM_IN_PROGRESS_KEY, loadExamInProgress, saveExamInProgress, type ExamInProgress, type ExamQuestion } from '../../../src/data/exam.ts';

const T0 = Date.UTC(2026, 0, 5, 9);
let db: VaultcardsDB;

afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

function fresh(): VaultcardsDB {
  db = new VaultcardsDB(`exam-${Math.random()}`);
  return db;
}

const base = {
  factIds: ['n#f1'], tags: [], domain: 'technology-services', topic: { key: 'n#s', label: 'N › S' },
  explanation: { quote: 'A fact.', factIds: ['n#f1'], noteId: 'n', sectionId: 's', path: ['S'], noteTitle: 'N' },
  basis: { type: 'pairs' },
  options: [{ id: 'a', text: 'A' }, { id: 'b', text: 'B' }, { id: 'c', text: 'C' }, { id: 'd', text: 'D' }, { id: 'e', text: 'E' }],
} as const;
const single = { ...base, id: 'q1', kind: 'single', stem: 'Which one?', answer: 'a' } as unknown as ExamQuestion;
const multiple = { ...base, id: 'q2', kind: 'multiple', stem: 'Which TWO?', answers: ['a', 'c'], choose: 2 } as unknown as ExamQuestion;

const exam: ExamInProgress = {
  questions: [single, multiple],
  answers: [['b'], []],
  flags: [false, true],
  index: 1,
  startedAt: T0,
  deadline: T0 + 3 * 60_000,
  minutes: 3,
  scaledFrom: 65,
};

describe('exam in progress', () => {
  it('saves, loads and clears', async () => {
    fresh();
    expect(await loadExamInProgress(db)).toBeNull();
    await saveExamInProgress(db, exam);
    expect(await loadExamInProgress(db)).toEqual(exam);
    await saveExamInProgress(db, { ...exam, answers: [['b'], ['a', 'c']], index: 0 });
    expect(await loadExamInProgress(db)).toMatchObject({ answers: [['b'], ['a', 'c']], index: 0 });
    await clearExamInProgress(db);
    expect(await loadExamInProgress(db)).toBeNull();
  });

  it.each<[string, unknown]>([
    ['a string', 'exam'],
    ['no questions', { ...exam, questions: [] }],
    ['answers of the wrong length', { ...exam, answers: [['b']] }],
    ['an answer that is not a list', { ...exam, answers: ['b', []] }],
    ['flags that are not booleans', { ...exam, flags: [0, 1] }],
    ['an index out of range', { ...exam, index: 2 }],
    ['a deadline before the start', { ...exam, deadline: T0 - 1 }],
    ['no deadline', { ...exam, deadline: undefined }],
    ['a question of another kind', { ...exam, questions: [{ ...single, kind: 'cloze' }, multiple] }],
    ['a question without options', { ...exam, questions: [{ ...single, options: undefined }, multiple] }],
  ])('reads a damaged value (%s) as none', async (_, value) => {
    fresh();
    await db.settings.put({ key: EXAM_IN_PROGRESS_KEY, value });
    expect(await loadExamInProgress(db)).toBeNull();
  });
});
