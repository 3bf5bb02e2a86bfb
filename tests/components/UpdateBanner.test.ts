/**
 * The update banner with a fake browser side, and the screens that hold an
 * update back: a review with a card on screen, a quiz in progress, a running
 * exam — each let go when it ends or when the screen goes away.
 */
import { readFileSync } from 'node:fs';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VaultcardsDB } from '../../src/data/db.ts';
import { loadQuizHistory } from '../../src/data/quiz.ts';
import { beginActivity, isBusy } from '../../src/state/activity.ts';
import { AppUpdateState } from '../../src/state/app-update.svelte.ts';
import ExamScreen from '../../src/ui/exam/ExamScreen.svelte';
import QuizScreen from '../../src/ui/quiz/QuizScreen.svelte';
import ReviewScreen from '../../src/ui/review/ReviewScreen.svelte';
import UpdateBanner from '../../src/ui/shared/UpdateBanner.svelte';
import { renderWithTopics, vaultOf } from './harness.ts';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function banner() {
  const host = { skipWaiting: vi.fn(), reload: vi.fn() };
  const update = new AppUpdateState(host);
  cleanups.push(() => update.dispose());
  const rendered = render(UpdateBanner, { props: { update } });
  cleanups.push(() => rendered.unmount());
  return { host, update };
}

describe('UpdateBanner', () => {
  it('is an empty status region until a new version waits, then offers Reload and Later', async () => {
    const user = userEvent.setup();
    const { host, update } = banner();
    const region = screen.getByRole('status');
    expect(region).toBeEmptyDOMElement();
    update.send({ type: 'waiting' });
    await waitFor(() => expect(region).toHaveTextContent('A new version of Vaultcards is available.'));
    await user.tab();
    expect(screen.getByRole('button', { name: 'Reload to update' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(host.skipWaiting).toHaveBeenCalledTimes(1);
    expect(host.reload).not.toHaveBeenCalled();
    expect(region).toHaveTextContent('Updating Vaultcards…');
    update.send({ type: 'controller-changed' });
    expect(host.reload).toHaveBeenCalledTimes(1);
  });

  it('"Later" hides it and sends nothing', async () => {
    const user = userEvent.setup();
    const { host, update } = banner();
    update.send({ type: 'waiting' });
    await user.click(await screen.findByRole('button', { name: 'Later' }));
    expect(screen.getByRole('status')).toBeEmptyDOMElement();
    expect(host.skipWaiting).not.toHaveBeenCalled();
  });

  it('accepted during a quiz: says it will update when the quiz ends, keeps focus in the banner, and updates then', async () => {
    const user = userEvent.setup();
    const { host, update } = banner();
    const endQuiz = beginActivity('quiz');
    cleanups.push(endQuiz);
    update.send({ type: 'waiting' });
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Updating waits until you finish your quiz.'));
    await user.click(screen.getByRole('button', { name: 'Reload to update' }));
    expect(screen.getByRole('status')).toHaveTextContent('Vaultcards will update when you finish your quiz.');
    expect(screen.queryByRole('button', { name: 'Reload to update' })).toBeNull();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Later' })).toHaveFocus());
    expect(host.skipWaiting).not.toHaveBeenCalled();
    endQuiz();
    await waitFor(() => expect(host.skipWaiting).toHaveBeenCalledTimes(1));
    update.send({ type: 'controller-changed' });
    expect(host.reload).toHaveBeenCalledTimes(1);
  });
});

describe('what an update waits for', () => {
  const vault = vaultOf({ 'storage-aws-backup.md': readFileSync('content/storage-aws-backup.md', 'utf8') });
  const clock = { now: () => Date.UTC(2026, 0, 5, 9), timezoneOffsetMinutes: () => 0 };
  function freshDb(): VaultcardsDB {
    const db = new VaultcardsDB(`update-${Math.random()}`);
    cleanups.push(async () => {
      db.close();
      await Dexie.delete(db.name);
    });
    return db;
  }

  it('a quiz from its first question until its result is stored', async () => {
    const user = userEvent.setup();
    const db = freshDb();
    const rendered = renderWithTopics(vault, QuizScreen, { db, clock });
    cleanups.push(rendered.unmount);
    expect(isBusy()).toBe(false);
    await user.clear(screen.getByRole('spinbutton', { name: 'Questions' }));
    await user.type(screen.getByRole('spinbutton', { name: 'Questions' }), '1');
    await user.click(screen.getByRole('button', { name: 'Start topic quiz' }));
    expect(await screen.findByText('Question 1 of 1')).toBeInTheDocument();
    await waitFor(() => expect(isBusy()).toBe(true));
    const kind = (document.querySelector('form.quiz-question') as HTMLElement).dataset.kind;
    if (kind === 'matching') for (const select of screen.getAllByRole('combobox')) await user.selectOptions(select, (select as HTMLSelectElement).options[1]?.value ?? '');
    else await user.keyboard(kind === 'cloze' ? 'zzz' : kind === 'true-false' ? 't' : kind === 'multiple' ? '12' : '1');
    await user.keyboard('{Enter}');
    await screen.findByRole('heading', { level: 2, name: /Correct|Incorrect/ });
    expect(isBusy()).toBe(true);
    await user.keyboard('{Enter}');
    await screen.findByRole('heading', { level: 2, name: /Your score/ });
    await waitFor(() => expect(isBusy()).toBe(false));
    expect(await loadQuizHistory(db)).toHaveLength(1);
  });

  it('a quiz left unfinished is let go when its screen goes away', async () => {
    const user = userEvent.setup();
    const rendered = renderWithTopics(vault, QuizScreen, { db: freshDb(), clock });
    await user.click(screen.getByRole('button', { name: 'Start quick quiz (10 questions)' }));
    await screen.findByText('Question 1 of 10');
    await waitFor(() => expect(isBusy()).toBe(true));
    rendered.unmount();
    await waitFor(() => expect(isBusy()).toBe(false));
  });

  it('a review while a card is on screen, until the screen goes away', async () => {
    const rendered = renderWithTopics(vault, ReviewScreen, { filter: {}, db: freshDb(), clock });
    await screen.findByRole('button', { name: /Show answer/ });
    await waitFor(() => expect(isBusy()).toBe(true));
    rendered.unmount();
    await waitFor(() => expect(isBusy()).toBe(false));
  });

  it('an exam from its start until its result is stored', async () => {
    const user = userEvent.setup();
    const db = freshDb();
    const rendered = renderWithTopics(vault, ExamScreen, { db, clock });
    cleanups.push(rendered.unmount);
    await user.click(await screen.findByRole('button', { name: 'Start practice exam' }));
    await screen.findByText(/^Question 1 of \d+$/);
    await waitFor(() => expect(isBusy()).toBe(true));
    await user.click(screen.getByRole('button', { name: 'Review and submit' }));
    await user.click(await screen.findByRole('button', { name: 'Submit' }));
    await waitFor(() => expect(isBusy()).toBe(false));
    expect(await loadQuizHistory(db)).toHaveLength(1);
  });

  it('an exam is let go when its screen goes away', async () => {
    const user = userEvent.setup();
    const rendered = renderWithTopics(vault, ExamScreen, { db: freshDb(), clock });
    await user.click(await screen.findByRole('button', { name: 'Start practice exam' }));
    await screen.findByText(/^Question 1 of \d+$/);
    await waitFor(() => expect(isBusy()).toBe(true));
    rendered.unmount();
    await waitFor(() => expect(isBusy()).toBe(false));
  });
});
