// @vitest-environment node
/** Building a drill from the notes, the per-student order, and grading an attempt into a result. */
import { describe, expect, it } from 'vitest';
import {
  buildDrill,
  cleanStudentName,
  drillDeadline,
  drillIdFromSeed,
  drillQuestionOrder,
  drillSchema,
  makeResult,
  resultChecksum,
  resultSchema,
  type Drill,
} from '../../../src/lib/drills/index.ts';
import { drillOptions, makeDrill, MINUTE, NOW, rightResponse, vault, wrongResponse } from './helpers.ts';

describe('buildDrill', () => {
  it('builds a self-contained, valid drill from the notes', () => {
    const built = buildDrill(vault, drillOptions({ instructions: '  Answer alone.  ', title: '  AWS   Backup:\tweek 2 ' }));
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    const { drill } = built;
    expect(built.message).toBeUndefined();
    expect(drillSchema.safeParse(drill).success).toBe(true);
    expect(drill).toMatchObject({
      format: 'vaultcards-drill',
      version: 1,
      id: drillIdFromSeed('drill-test'),
      title: 'AWS Backup: week 2',
      instructions: 'Answer alone.',
      createdAt: NOW,
      minutes: 20,
      passMark: 70,
      shuffle: true,
      retakes: false,
      review: true,
      topics: { noteIds: [], sectionKeys: [], tags: [] },
      kinds: [],
      sources: [{ noteId: 'storage-aws-backup', title: 'AWS backup' }],
    });
    expect(drill.questions).toHaveLength(10);
    expect(drill.id).toMatch(/^[a-z0-9]{16}$/);
    // Full questions travel with the drill: options, answers, explanations.
    for (const q of drill.questions) expect(q.explanation.quote.length).toBeGreaterThan(0);
  });

  it('is deterministic per seed, and a new seed gives a new id', () => {
    expect(buildDrill(vault, drillOptions())).toEqual(buildDrill(vault, drillOptions()));
    expect(drillIdFromSeed('a')).not.toBe(drillIdFromSeed('b'));
    expect(makeDrill({ seed: 'other' }).id).not.toBe(makeDrill().id);
  });

  it('honours kinds and topics', () => {
    const tf = makeDrill({ kinds: ['true-false'], count: 8 });
    expect(tf.questions.every((q) => q.kind === 'true-false')).toBe(true);
    expect(tf.kinds).toEqual(['true-false']);
    const key = 'storage-aws-backup#pricing';
    const pricing = makeDrill({ sectionKeys: [key], count: 3 });
    expect(pricing.questions.every((q) => q.topic.key.startsWith(key))).toBe(true);
    expect(pricing.topics.sectionKeys).toEqual([key]);
  });

  it('builds with what there is when the notes give fewer questions, and says so', () => {
    const built = buildDrill(vault, drillOptions({ count: 200 }));
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    const n = built.drill.questions.length;
    expect(n).toBeGreaterThan(10);
    expect(n).toBeLessThan(200);
    expect(built.message).toBe(`The chosen notes give ${n} questions, not 200; the drill has ${n}.`);
  });

  it('refuses what a form can get wrong, word for word', () => {
    const refuse = (over: Parameters<typeof drillOptions>[0]): string => {
      const built = buildDrill(vault, drillOptions(over));
      return built.ok ? 'built' : built.message;
    };
    expect(refuse({ title: '   ' })).toBe('Give the drill a title.');
    expect(refuse({ title: 'x'.repeat(121) })).toBe('The title is 121 characters long; it can be at most 120.');
    expect(refuse({ instructions: 'x'.repeat(2001) })).toBe('The instructions are 2001 characters long; they can be at most 2000.');
    expect(refuse({ count: 0 })).toBe('The number of questions must be a whole number from 1 to 200.');
    expect(refuse({ count: 201 })).toBe('The number of questions must be a whole number from 1 to 200.');
    expect(refuse({ minutes: 0 })).toBe('The time limit must be a whole number of minutes from 1 to 300, or none.');
    expect(refuse({ minutes: 12.5 })).toBe('The time limit must be a whole number of minutes from 1 to 300, or none.');
    expect(refuse({ passMark: 101 })).toBe('The pass mark must be a whole percent from 0 to 100.');
    expect(refuse({ dueAt: NOW - 1 })).toBe('The due date is in the past; choose a later one, or none.');
    expect(refuse({ noteIds: ['monitoring-cloudwatch'] })).toBe('These notes are not in the vault: monitoring-cloudwatch.');
    expect(refuse({ kinds: ['essay' as never] })).toBe('There is no question kind "essay".');
    expect(refuse({ tags: ['no-such-tag'] })).toBe('The chosen notes, sections, tags and kinds give no questions. Choose more topics or more kinds.');
  });
});

describe('the student side', () => {
  const drill = makeDrill({ count: 12 });

  it('shuffles per student, the same each time, and not at all without shuffle', () => {
    const ids = (qs: Drill['questions']): string[] => qs.map((q) => q.id);
    const ana = ids(drillQuestionOrder(drill, 'Ana Lopez'));
    expect([...ana].sort()).toEqual(ids(drill.questions).sort());
    expect(ids(drillQuestionOrder(drill, '  ana   LOPEZ '))).toEqual(ana);
    expect(ids(drillQuestionOrder(drill, 'Ben'))).not.toEqual(ana);
    expect(ana).not.toEqual(ids(drill.questions));
    expect(ids(drillQuestionOrder({ ...drill, shuffle: false }, 'Ana Lopez'))).toEqual(ids(drill.questions));
    // Another drill id, another order for the same student.
    expect(ids(drillQuestionOrder({ ...drill, id: 'another-drill' }, 'Ana Lopez'))).not.toEqual(ana);
  });

  it('gives the deadline of a timed drill', () => {
    expect(drillDeadline(drill, NOW)).toBe(NOW + 20 * MINUTE);
    expect(drillDeadline(makeDrill({ minutes: undefined }), NOW)).toBeNull();
  });

  it('cleans student names', () => {
    expect(cleanStudentName('  Ana \t Lopez\n')).toBe('Ana Lopez');
    expect(cleanStudentName('Jose\u0301')).toBe('José');
    expect(cleanStudentName('a\u0000b')).toBe('a b');
    expect(cleanStudentName(' \n ')).toBe('');
  });
});

describe('makeResult', () => {
  const drill = makeDrill({ count: 12 });
  const all = (pick: typeof rightResponse) => Object.fromEntries(drill.questions.map((q) => [q.id, pick(q)]));

  it('grades all right, all wrong, and unanswered', async () => {
    const right = await makeResult(drill, 'Ana', all(rightResponse), { startedAt: NOW }, NOW + MINUTE);
    expect(right).toMatchObject({ score: 12, total: 12, percent: 100, passed: true, student: 'Ana', drillId: drill.id, drillTitle: drill.title, startedAt: NOW, finishedAt: NOW + MINUTE });
    const wrong = await makeResult(drill, 'Ana', all(wrongResponse), { startedAt: NOW }, NOW + MINUTE);
    expect(wrong).toMatchObject({ score: 0, percent: 0, passed: false });
    expect(wrong.answers.every((a) => a.response !== null && !a.correct)).toBe(true);
    const blank = await makeResult(drill, 'Ana', {}, { startedAt: NOW }, NOW + MINUTE);
    expect(blank.answers.every((a) => a.response === null && !a.correct && a.ms === 0)).toBe(true);
    for (const r of [right, wrong, blank]) {
      expect(resultSchema.safeParse(r).success).toBe(true);
      expect(r.checksum).toBe(await resultChecksum(r));
    }
  });

  it('keeps the drill order, cleans the name, passes at exactly the pass mark', async () => {
    // 7 right of 10 with a pass mark of 70: passed.
    const ten = makeDrill({ count: 10, passMark: 70 });
    const responses = Object.fromEntries(ten.questions.map((q, i) => [q.id, i < 7 ? rightResponse(q) : wrongResponse(q)]));
    const r = await makeResult(ten, '  Ana   Lopez ', responses, { startedAt: NOW, ms: { [ten.questions[0]?.id ?? '']: 1234.6 } }, NOW + 5 * MINUTE);
    expect(r.answers.map((a) => a.questionId)).toEqual(ten.questions.map((q) => q.id));
    expect(r).toMatchObject({ student: 'Ana Lopez', score: 7, total: 10, percent: 70, passed: true });
    expect(r.answers[0]?.ms).toBe(1235);
    const six = await makeResult(ten, 'Ana', { ...responses, [ten.questions[0]?.id ?? '']: wrongResponse(ten.questions[0] as Drill['questions'][number]) }, { startedAt: NOW }, NOW);
    expect(six).toMatchObject({ score: 6, percent: 60, passed: false });
  });

  it('stores malformed responses as unanswered, caps times and typed text', async () => {
    const q = drill.questions[0] as Drill['questions'][number];
    const r = await makeResult(drill, 'Ana', { [q.id]: [1, 2] as never }, { startedAt: NOW + 10, ms: { [q.id]: -5 } }, NOW);
    expect(r.answers[0]).toMatchObject({ response: null, correct: false, ms: 0 });
    // A clock that went backwards does not make a result the schema refuses.
    expect(r.startedAt).toBe(NOW);
    const cloze = makeDrill({ kinds: ['cloze'], count: 1 });
    const long = await makeResult(cloze, 'Ana', { [cloze.questions[0]?.id ?? '']: 'x'.repeat(5000) }, { startedAt: NOW, ms: { [cloze.questions[0]?.id ?? '']: 1e15 } }, NOW);
    expect(long.answers[0]?.response).toHaveLength(2000);
    expect(long.answers[0]?.ms).toBe(7 * 24 * 60 * MINUTE);
  });

  it('refuses an empty or overlong name', async () => {
    await expect(makeResult(drill, '  ', {}, { startedAt: NOW }, NOW)).rejects.toThrow('A student name needs 1 to 80 characters.');
    await expect(makeResult(drill, 'x'.repeat(81), {}, { startedAt: NOW }, NOW)).rejects.toThrow('A student name needs 1 to 80 characters.');
  });
});
