/** The student's side of drills: opening a code (bad and good), taking a drill by keyboard, the result code, no retake when not allowed. */
import { readFileSync } from 'node:fs';
import { webcrypto } from 'node:crypto';
import { CompressionStream as NodeCompressionStream, DecompressionStream as NodeDecompressionStream } from 'node:stream/web';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VaultcardsDB } from '../../src/data/db.ts';
import { ASSIGNED_KEY, loadAssigned } from '../../src/data/drills-assigned.ts';
import { buildVault } from '../../src/lib/content/index.ts';
import { buildDrill, decodeResult, encodeDrill, type Drill, type DrillOptions } from '../../src/lib/drills/index.ts';
import type { Question } from '../../src/lib/quiz/index.ts';
import AssignedDrills from '../../src/ui/drills/AssignedDrills.svelte';
import DrillOpen from '../../src/ui/drills/DrillOpen.svelte';
import DrillTake from '../../src/ui/drills/DrillTake.svelte';
import { renderWithTopics } from './harness.ts';

// jsdom may lack the compression streams and crypto.subtle the codes need: borrow Node's.
const g = globalThis as Record<string, unknown>;
g.CompressionStream ??= NodeCompressionStream;
g.DecompressionStream ??= NodeDecompressionStream;
if (!globalThis.crypto?.subtle) Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true });

const vault = buildVault([{ path: 'storage-aws-backup.md', text: readFileSync('content/storage-aws-backup.md', 'utf8') }]);
const NOW = Date.UTC(2026, 0, 5, 9);
let time = NOW;
const clock = { now: () => time, timezoneOffsetMinutes: () => 0 };

function makeDrill(over: Partial<DrillOptions> = {}): Drill {
  const built = buildDrill(vault, {
    seed: 'student-test',
    title: 'AWS Backup: week 2',
    instructions: 'Answer without your notes.',
    noteIds: [],
    sectionKeys: [],
    tags: [],
    kinds: ['single', 'true-false'],
    count: 3,
    minutes: 20,
    passMark: 60,
    dueAt: NOW + 7 * 86_400_000,
    shuffle: false,
    retakes: false,
    review: true,
    now: NOW,
    ...over,
  });
  if (!built.ok) throw new Error(built.message);
  return built.drill;
}

/** The key that answers `question` right (or wrong): an option number, or T / F. */
function keyFor(question: Question, right: boolean): string {
  if (question.kind === 'true-false') return question.answer === right ? 'T' : 'F';
  if (question.kind === 'single' || question.kind === 'numeric' || question.kind === 'not') {
    const i = question.options.findIndex((o) => (o.id === question.answer) === right);
    return String(i + 1);
  }
  throw new Error(`no key for a ${question.kind} question`);
}

let db: VaultcardsDB;
beforeEach(() => {
  time = NOW;
  db = new VaultcardsDB(`drills-student-${Math.random()}`);
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

describe('opening a drill', () => {
  it('a garbage code shows the library message and writes nothing', async () => {
    renderWithTopics(vault, DrillOpen, { code: 'd1.not-a-real-code!!', db, clock });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/drill/i);
    expect(screen.getByRole('link', { name: 'Back to drills' })).toHaveAttribute('href', '#/drills');
    expect(await db.settings.get(ASSIGNED_KEY)).toBeUndefined();
  });

  it('a valid code is added to the assigned drills and described', async () => {
    const drill = makeDrill();
    renderWithTopics(vault, DrillOpen, { code: await encodeDrill(drill), db, clock });
    expect(await screen.findByRole('heading', { level: 1, name: drill.title })).toBeInTheDocument();
    expect(screen.getByText('Answer without your notes.')).toBeVisible();
    expect(screen.getByText('20 minutes')).toBeVisible();
    expect(screen.getByText('60%')).toBeVisible();
    expect(screen.getByText(/^Due /)).toBeVisible();
    expect(screen.getByText('(in your notes)')).toBeVisible();
    expect(screen.getByRole('link', { name: 'Start the drill' })).toHaveAttribute('href', `#/drills/take/${drill.id}`);
    const stored = await loadAssigned(db);
    expect(stored.map((e) => e.drill.id)).toEqual([drill.id]);
  });

  it('the hub opens a pasted link and lists the drill; garbage is refused', async () => {
    const user = userEvent.setup();
    const drill = makeDrill();
    renderWithTopics(vault, AssignedDrills, { db, clock });
    const box = await screen.findByLabelText('Open a drill (paste a link, code or drill file)');
    await user.type(box, 'hello');
    await user.click(screen.getByRole('button', { name: 'Open the drill' }));
    expect(await screen.findByRole('alert')).toBeVisible();
    expect(await db.settings.get(ASSIGNED_KEY)).toBeUndefined();
    await user.clear(box);
    box.focus();
    await user.paste(`https://example.org/#/drill/${await encodeDrill(drill)}`);
    await user.click(screen.getByRole('button', { name: 'Open the drill' }));
    expect(await screen.findByRole('heading', { level: 3, name: drill.title })).toBeVisible();
    expect(screen.getByText(/3 questions · Not taken yet/)).toBeVisible();
  });
});

describe('taking a drill', () => {
  it('by keyboard: name, three answers, submit; the result code decodes with the right score; no retake', async () => {
    const user = userEvent.setup();
    const drill = makeDrill();
    expect(drill.questions).toHaveLength(3);
    renderWithTopics(vault, DrillOpen, { code: await encodeDrill(drill), db, clock });
    await screen.findByRole('link', { name: 'Start the drill' });

    const first = renderWithTopics(vault, DrillTake, { drillId: drill.id, db, clock });
    const name = await screen.findByLabelText('Your name');
    await user.click(screen.getByRole('button', { name: 'Begin the drill' }));
    expect(await screen.findByText(/Type your name/)).toBeVisible();
    await user.type(name, '  Ana   Lopez {Enter}');
    expect(await screen.findByText('Question 1 of 3')).toBeVisible();
    expect(screen.getByRole('timer')).toHaveTextContent('20:00');

    const plan = [false, true, true]; // the first question's fact has a flashcard in this app
    for (const [i, question] of drill.questions.entries()) {
      expect(await screen.findByText(`Question ${i + 1} of 3`)).toBeVisible();
      time += 10_000;
      await user.keyboard(keyFor(question, plan[i] ?? true));
      await user.keyboard('{Enter}');
    }
    // Progress is saved as the student goes.
    await waitFor(async () => expect((await loadAssigned(db))[0]?.inProgress?.responses).toBeDefined());
    expect(Object.keys((await loadAssigned(db))[0]?.inProgress?.responses ?? {})).toHaveLength(3);
    await user.click(screen.getByRole('button', { name: 'Submit the drill' }));

    expect(await screen.findByRole('heading', { level: 2, name: /Your score: 2 of 3/ })).toBeVisible();
    expect(screen.getByText('You passed: the pass mark is 60%.')).toBeVisible();
    expect(screen.getByText(/does not stop someone from forging a result/)).toBeVisible();
    expect(screen.getByRole('heading', { name: 'Review' })).toBeVisible();
    const codeBox = screen.getByLabelText<HTMLTextAreaElement>('Result code');
    await waitFor(() => expect(codeBox.value).toMatch(/^r1\./));
    expect(codeBox).toHaveAttribute('readonly');
    const read = await decodeResult(codeBox.value);
    if (!read.ok) throw new Error(read.message);
    expect(read.result).toMatchObject({ drillId: drill.id, student: 'Ana Lopez', score: 2, total: 3, passed: true });
    expect(read.result.answers.map((a) => a.correct)).toEqual(plan);
    expect(screen.getByRole('button', { name: 'Download result file' })).toBeEnabled();

    const stored = await loadAssigned(db);
    expect(stored[0]?.attempts).toHaveLength(1);
    expect(stored[0]?.inProgress).toBeUndefined();
    // The wrong answer's facts are in this app's notes: their cards were failed.
    await waitFor(async () => expect(await db.reviews.count()).toBeGreaterThan(0));
    first.unmount();

    // Retakes not allowed: the attempt is shown again, with no way to begin another.
    const again = renderWithTopics(vault, DrillTake, { drillId: drill.id, db, clock });
    expect(await screen.findByText('This drill allows one attempt; this is yours.')).toBeVisible();
    expect(screen.getByRole('heading', { level: 2, name: /Your score: 2 of 3/ })).toBeVisible();
    expect(screen.queryByLabelText('Your name')).toBeNull();
    expect(screen.queryByRole('button', { name: /Take it again|Begin/ })).toBeNull();
    again.unmount();

    renderWithTopics(vault, AssignedDrills, { db, clock });
    const item = (await screen.findByRole('heading', { level: 3, name: drill.title })).closest('li') as HTMLElement;
    expect(within(item).getByText(/1 attempt, best 67%/)).toBeVisible();
    expect(within(item).queryByRole('link', { name: /Retake/ })).toBeNull();
    expect(within(item).getByRole('link', { name: /See your result/ })).toBeVisible();
  });

  it('resumes an attempt in progress after a reload, and submits it when the time has run out', async () => {
    const user = userEvent.setup();
    const drill = makeDrill({ minutes: 1 });
    renderWithTopics(vault, DrillOpen, { code: await encodeDrill(drill), db, clock });
    await screen.findByRole('link', { name: 'Start the drill' });
    const first = renderWithTopics(vault, DrillTake, { drillId: drill.id, db, clock });
    await user.type(await screen.findByLabelText('Your name'), 'Bo{Enter}');
    const q = drill.questions[0];
    if (!q) throw new Error('no question');
    await user.keyboard(keyFor(q, true));
    await waitFor(async () => expect(Object.keys((await loadAssigned(db))[0]?.inProgress?.responses ?? {})).toHaveLength(1));
    first.unmount();

    const resumed = renderWithTopics(vault, DrillTake, { drillId: drill.id, db, clock });
    expect(await screen.findByText('Question 1 of 3')).toBeVisible();
    expect(screen.getAllByRole('radio').some((r) => (r as HTMLInputElement).checked)).toBe(true);
    resumed.unmount();

    time += 2 * 60_000;
    renderWithTopics(vault, DrillTake, { drillId: drill.id, db, clock });
    expect(await screen.findByText(/The time ran out/)).toBeVisible();
    expect(screen.getByRole('heading', { level: 2, name: /Your score: 1 of 3/ })).toBeVisible();
  });
});
