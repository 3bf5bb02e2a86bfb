/** The practice exam by keyboard: start, answer, flag, navigate, review, submit; and the automatic submit when time runs out. */
import { readFileSync } from 'node:fs';
import { screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VaultcardsDB } from '../../src/data/db.ts';
import { loadExamInProgress } from '../../src/data/exam.ts';
import { loadQuizHistory } from '../../src/data/quiz.ts';
import ExamScreen from '../../src/ui/exam/ExamScreen.svelte';
import { renderWithTopics, vaultOf } from './harness.ts';

const vault = vaultOf({ 'storage-aws-backup.md': readFileSync('content/storage-aws-backup.md', 'utf8') });
const T0 = Date.UTC(2026, 0, 5, 9);
let db: VaultcardsDB;
let unmount: () => void = () => {};

afterEach(async () => {
  unmount();
  db.close();
  await Dexie.delete(db.name);
});

function open(clock: { t: number }) {
  db = new VaultcardsDB(`exam-${Math.random()}`);
  const rendered = renderWithTopics(vault, ExamScreen, { db, clock: { now: () => clock.t, timezoneOffsetMinutes: () => 0 } });
  unmount = rendered.unmount;
}

async function pressButton(user: ReturnType<typeof userEvent.setup>, name: string | RegExp): Promise<void> {
  screen.getAllByRole('button', { name })[0]?.focus();
  await user.keyboard('{Enter}');
}

/** Opens the screen at `T0` and starts an exam by keyboard; the clock can then be moved. */
async function startedExam() {
  const user = userEvent.setup();
  const clock = { t: T0 };
  open(clock);
  await screen.findByText(/questions: \d+ minutes\./);
  await pressButton(user, 'Start practice exam');
  await screen.findByRole('timer');
  return { user, clock };
}

describe('ExamScreen', () => {
  it('runs an exam by keyboard: answer, flag, navigator, review, submit', async () => {
    const user = userEvent.setup();
    const clock = { t: T0 };
    open(clock);
    const format = await screen.findByText(/questions: \d+ minutes\./);
    const [, count, minutes] = /(\d+) questions: (\d+) minutes/.exec(format.textContent ?? '') ?? [];
    await pressButton(user, 'Start practice exam');
    expect(await screen.findByText(`Question 1 of ${count}`)).toBeInTheDocument();
    expect(screen.getByRole('timer')).toHaveTextContent(`${minutes}:00`);

    await user.keyboard('1');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Question 1, answered' })).toBeInTheDocument());
    await pressButton(user, 'Next');
    expect(await screen.findByText(`Question 2 of ${count}`)).toBeInTheDocument();
    await pressButton(user, /Flag for review/);
    expect(screen.getByRole('button', { name: /Flag for review/ })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('button', { name: 'Question 2, unanswered, flagged' })).toHaveAttribute('aria-current', 'step');
    await waitFor(async () => expect((await loadExamInProgress(db))?.flags[1]).toBe(true));

    await pressButton(user, 'Question 1, answered');
    expect(await screen.findByText(`Question 1 of ${count}`)).toBeInTheDocument();
    await pressButton(user, 'Review and submit');
    expect(await screen.findByRole('heading', { name: `Unanswered (${Number(count) - 1})` })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Flagged for review (1)' })).toBeInTheDocument();
    await pressButton(user, 'Submit');
    expect(await screen.findByRole('heading', { name: /Scaled score: \d+ — Fail/ })).toHaveFocus();
    expect(screen.getByRole('table', { name: 'By exam domain' })).toBeInTheDocument();
    await waitFor(async () => expect(await loadQuizHistory(db)).toHaveLength(1));
    expect(await loadExamInProgress(db)).toBeNull();
  });

  it('submits by itself when the time runs out', async () => {
    const { clock } = await startedExam();
    clock.t = T0 + 24 * 60 * 60_000;
    expect(await screen.findByText(/The time ran out/, {}, { timeout: 2500 })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: /Scaled score: 100 — Fail/ })).toBeInTheDocument();
  });

  it('a full disk at submit leaves the exam in progress and writes nothing of the result, and says why', async () => {
    const { user } = await startedExam();
    await user.keyboard('1');
    await waitFor(async () => expect((await loadExamInProgress(db))?.answers[0]).toHaveLength(1));
    const reviewsBefore = await db.reviews.count();
    // The quiz history is the last thing the submit writes: failing there must undo the failed reviews too.
    const put = db.settings.put.bind(db.settings);
    vi.spyOn(db.settings, 'put').mockImplementation((row, key) =>
      (row as { key: string }).key === 'quiz-history' ? (Promise.reject(new DOMException('full', 'QuotaExceededError')) as never) : put(row, key),
    );
    await pressButton(user, 'Review and submit');
    await pressButton(user, 'Submit');
    expect(await screen.findByText(/The result could not be saved: this device's storage for the app is full/)).toBeInTheDocument();
    vi.restoreAllMocks();
    expect(await db.reviews.count()).toBe(reviewsBefore);
    expect(await loadQuizHistory(db)).toEqual([]);
    expect((await loadExamInProgress(db))?.answers[0]).toHaveLength(1);
  });
});
