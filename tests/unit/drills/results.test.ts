// @vitest-environment node
/**
 * The instructor's side: collecting pasted codes and files, and the tables,
 * checked against numbers worked out by hand on a four-question drill.
 */
import { describe, expect, it } from 'vitest';
import {
  collectResults,
  csvCell,
  encodeResult,
  latestAttempts,
  makeResult,
  questionDifficulty,
  resultChecksum,
  resultFileText,
  resultsCsv,
  resultTable,
  topicWeakness,
  type Drill,
  type DrillResult,
  type ResultRow,
} from '../../../src/lib/drills/index.ts';
import type { Question, Response } from '../../../src/lib/quiz/types.ts';
import { clone, makeDrill, MINUTE, NOW, rightResponse, wrongResponse } from './helpers.ts';

/** Four questions; the first two in topic A, the last two in topic B. Pass mark 70%. */
function fixtureDrill(): Drill {
  const drill = makeDrill({ seed: 'fixture', count: 4, kinds: ['single', 'true-false'], passMark: 70, title: 'Backup basics' });
  const topics = [
    { key: 'storage-aws-backup#a', label: 'Topic A' },
    { key: 'storage-aws-backup#a', label: 'Topic A' },
    { key: 'storage-aws-backup#b', label: 'Topic B' },
    { key: 'storage-aws-backup#b', label: 'Topic B' },
  ];
  return { ...drill, questions: drill.questions.map((q, i) => ({ ...q, topic: topics[i] as Question['topic'] })) };
}

const drill = fixtureDrill();
const [q1, q2, q3, q4] = drill.questions as [Question, Question, Question, Question];

type Mark = 'right' | 'wrong' | 'blank';
const respond = (q: Question, mark: Mark): Response | null => (mark === 'right' ? rightResponse(q) : mark === 'wrong' ? wrongResponse(q) : null);

/** A result whose answers are marked as given, taking `minutes`, started `startMin` minutes after NOW. */
function attempt(d: Drill, student: string, marks: [Mark, Mark, Mark, Mark], startMin: number, minutes: number): Promise<DrillResult> {
  const responses = Object.fromEntries(d.questions.map((q, i) => [q.id, respond(q, marks[i] as Mark)]));
  return makeResult(d, student, responses, { startedAt: NOW + startMin * MINUTE }, NOW + (startMin + minutes) * MINUTE);
}

// By hand:
//            q1     q2     q3     q4     score  percent  passed (70%)  minutes
// Ana #1     right  right  wrong  right  3/4    75       yes           9.5
// Ben        right  wrong  wrong  blank  1/4    25       no            12
// Cy         right  right  blank  blank  2/4    50       no            3.25 -> 3.3
// Ana #2     right  right  right  right  4/4    100      yes           5
const ana = await attempt(drill, 'Ana', ['right', 'right', 'wrong', 'right'], 0, 9.5);
const ben = await attempt(drill, 'Ben', ['right', 'wrong', 'wrong', 'blank'], 1, 12);
const cy = await attempt(drill, 'Cy', ['right', 'right', 'blank', 'blank'], 2, 3.25);
const anaAgain = await attempt(drill, 'ana', ['right', 'right', 'right', 'right'], 60, 5);

describe('collectResults', () => {
  it('takes a pasted batch: 3 good codes, one bad, one for another drill, one duplicate', async () => {
    const other = makeDrill({ seed: 'other', count: 4, kinds: ['single', 'true-false'], title: 'Another drill' });
    const dee = await attempt(other, 'Dee', ['right', 'right', 'right', 'right'], 0, 1);
    const [a, b, c, d] = await Promise.all([encodeResult(ana), encodeResult(ben), encodeResult(cy), encodeResult(dee)]);
    const batch = `Ana: ${a}\n${b}, ${c}\n\nr1.AAAA$$\n${d}\nagain ${a}\n`;
    const { accepted, problems } = await collectResults(drill, [batch]);
    expect(accepted).toEqual([ana, ben, cy]);
    expect(problems).toEqual([
      { input: 'r1.AAAA$$', message: 'The result code is damaged or incomplete. Copy the whole code again.' },
      { input: d.slice(0, 40), message: `This result is for drill «Another drill» (id ${other.id}), not this one.` },
      { input: a.slice(0, 40), message: 'This result of «Ana» is already imported.' },
    ]);
  });

  it('takes files and several inputs; keeps a second attempt; knows what was already collected', async () => {
    const { accepted, problems } = await collectResults(drill, [resultFileText(ana), await encodeResult(anaAgain), '   ', await encodeResult(ben)], [ben]);
    expect(accepted).toEqual([ana, anaAgain]);
    expect(problems).toEqual([{ input: (await encodeResult(ben)).slice(0, 40), message: 'This result of «Ben» is already imported.' }]);
  });

  it('says when an input holds no code, or a file is damaged', async () => {
    const file = resultFileText(ana).replace('"score": 3', '"score": 2');
    const { accepted, problems } = await collectResults(drill, ['thanks, see you', file]);
    expect(accepted).toEqual([]);
    expect(problems).toEqual([
      { input: 'thanks, see you', message: 'There is no result code here (a result code starts with "r1.").' },
      { input: file.trim().slice(0, 40), message: 'This result file is damaged or was changed by hand: score: is 2 but 3 answers are marked correct (and 1 more problem).' },
    ]);
  });

  it('regrades against the drill: a resealed forgery and a result for other questions are refused', async () => {
    const forged = clone(ben);
    const wrong = forged.answers.findIndex((a) => a.response !== null && !a.correct);
    (forged.answers[wrong] as DrillResult['answers'][number]).correct = true;
    forged.score += 1;
    forged.percent = Math.round((100 * forged.score) / forged.total);
    forged.checksum = await resultChecksum(forged);
    const shorter = await makeResult({ ...drill, questions: drill.questions.slice(0, 3) }, 'Eve', {}, { startedAt: NOW }, NOW);
    const { accepted, problems } = await collectResults(drill, [await encodeResult(forged), await encodeResult(shorter)]);
    expect(accepted).toEqual([]);
    expect(problems.map((p) => p.message)).toEqual([
      "This result's marks do not match its answers: it says 2 of 4; its answers graded against this drill give 1.",
      "This result does not fit this drill: it answers 3 of the drill's 4 questions.",
    ]);
  });
});

describe('tables, by hand', () => {
  const results = [anaAgain, cy, ben, ana];

  it('resultTable: by student, then attempt', () => {
    const rows = resultTable(drill, results);
    expect(rows.map(({ checksum: _c, ...r }) => r)).toEqual([
      { student: 'Ana', score: 3, total: 4, percent: 75, passed: true, minutes: 9.5, finishedAt: NOW + 9.5 * MINUTE, attempt: 1 },
      { student: 'ana', score: 4, total: 4, percent: 100, passed: true, minutes: 5, finishedAt: NOW + 65 * MINUTE, attempt: 2 },
      { student: 'Ben', score: 1, total: 4, percent: 25, passed: false, minutes: 12, finishedAt: NOW + 13 * MINUTE, attempt: 1 },
      { student: 'Cy', score: 2, total: 4, percent: 50, passed: false, minutes: 3.3, finishedAt: NOW + 5.25 * MINUTE, attempt: 1 },
    ]);
    expect(rows.map((r) => r.checksum)).toEqual([ana.checksum, anaAgain.checksum, ben.checksum, cy.checksum]);
    expect(latestAttempts(results)).toEqual([anaAgain, ben, cy]);
  });

  it('questionDifficulty over Ana #1, Ben, Cy: hardest first', () => {
    // q1 3/3 = 100; q2 2/3 = 67; q3 0/2 = 0 (Cy blank); q4 1/1 = 100 (Ben and Cy blank). Ties in drill order.
    const stats = questionDifficulty(drill, [ana, ben, cy]);
    expect(stats.map((s) => [s.number, s.questionId, s.right, s.answered, s.asked, s.percent])).toEqual([
      [3, q3.id, 0, 2, 3, 0],
      [2, q2.id, 2, 3, 3, 67],
      [1, q1.id, 3, 3, 3, 100],
      [4, q4.id, 1, 1, 3, 100],
    ]);
    expect(stats[0]).toMatchObject({ kind: q3.kind, stem: q3.stem, topic: { key: 'storage-aws-backup#b', label: 'Topic B' } });
    // Nobody answered: null, listed last.
    const blank = questionDifficulty(drill, [cy]);
    expect(blank.map((s) => [s.number, s.percent])).toEqual([
      [1, 100],
      [2, 100],
      [3, null],
      [4, null],
    ]);
    expect(questionDifficulty(drill, []).every((s) => s.percent === null && s.asked === 0)).toBe(true);
  });

  it('topicWeakness over Ana #1, Ben, Cy: weakest first', () => {
    // A (q1, q2): right 3+2 = 5 of 6 answered = 83. B (q3, q4): right 0+1 = 1 of 2+1 = 3 answered = 33.
    expect(topicWeakness(drill, [ana, ben, cy])).toEqual([
      { key: 'storage-aws-backup#b', label: 'Topic B', questions: 2, right: 1, answered: 3, asked: 6, percent: 33 },
      { key: 'storage-aws-backup#a', label: 'Topic A', questions: 2, right: 5, answered: 6, asked: 6, percent: 83 },
    ]);
  });

  it('judges passing by the drill’s pass mark', () => {
    expect(resultTable({ ...drill, passMark: 80 }, [ana])[0]?.passed).toBe(false);
  });
});

describe('CSV', () => {
  const row = (student: string, over: Partial<ResultRow> = {}): ResultRow => ({
    student,
    score: 3,
    total: 4,
    percent: 75,
    passed: true,
    minutes: 9.5,
    finishedAt: Date.UTC(2025, 0, 6, 9, 9, 30),
    attempt: 1,
    checksum: '0123456789abcdef',
    ...over,
  });

  it('writes RFC 4180: header, CRLF, quotes only where needed, quotes doubled', () => {
    const csv = resultsCsv([row('Ana'), row('Lopez, Ana', { passed: false, attempt: 2 }), row('Say "hi"'), row('two\nlines')]);
    expect(csv).toBe(
      [
        'student,score,total,percent,passed,minutes,finished,attempt',
        'Ana,3,4,75,yes,9.5,2025-01-06T09:09:30.000Z,1',
        '"Lopez, Ana",3,4,75,no,9.5,2025-01-06T09:09:30.000Z,2',
        '"Say ""hi""",3,4,75,yes,9.5,2025-01-06T09:09:30.000Z,1',
        '"two\nlines",3,4,75,yes,9.5,2025-01-06T09:09:30.000Z,1',
        '',
      ].join('\r\n'),
    );
    expect(resultsCsv([])).toBe('student,score,total,percent,passed,minutes,finished,attempt\r\n');
  });

  it('defuses formulas: a cell starting with = + - @ (or tab, CR) gets an apostrophe', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    expect(csvCell('Ana =1')).toBe('Ana =1');
    expect(csvCell(42)).toBe('42');
    expect(resultsCsv([row('=cmd|" /C calc"!A0')]).split('\r\n')[1]).toBe(`"'=cmd|"" /C calc""!A0",3,4,75,yes,9.5,2025-01-06T09:09:30.000Z,1`);
  });
});
