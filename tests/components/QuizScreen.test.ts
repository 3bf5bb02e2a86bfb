/** Each question kind answered by keyboard alone, in isolation, with the same questions every run (fixed seed). */
import { readFileSync } from 'node:fs';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VaultcardsDB } from '../../src/data/db.ts';
import { cardsFor } from '../../src/state/cards.ts';
import { checkAnswer, generateQuestions, type Question, type QuestionKind, type Response } from '../../src/lib/quiz/index.ts';
import QuizQuestion from '../../src/ui/quiz/QuizQuestion.svelte';
import QuizScreen from '../../src/ui/quiz/QuizScreen.svelte';
import { renderWithTopics, vaultOf } from './harness.ts';

const vault = vaultOf({ 'storage-aws-backup.md': readFileSync('content/storage-aws-backup.md', 'utf8') });
const bank = generateQuestions(vault, { seed: 'quiz-component' });
function questionOf<K extends QuestionKind>(kind: K): Extract<Question, { kind: K }> {
  const q = bank.find((x) => x.kind === kind);
  if (!q) throw new Error(`no ${kind} question from the note`);
  return q as Extract<Question, { kind: K }>;
}

/** Renders a question whose answer lives here, as the quiz state keeps it; returns the latest answer and the submit spy. */
function show(question: Question) {
  let value: Response | null = null;
  const onsubmit = vi.fn();
  const props = { question, value, onsubmit, onchange: (r: Response) => { value = r; void rendered.rerender({ ...props, value }); } };
  const rendered = render(QuizQuestion, { props });
  return { response: () => value, onsubmit };
}

const checkButton = () => screen.getByRole('button', { name: /Check answer/ });

describe('QuizQuestion by keyboard', () => {
  it.each(['single', 'numeric', 'not'] as const)('%s: a radio group; number keys pick, arrows move, Enter checks', async (kind) => {
    const user = userEvent.setup();
    const question = questionOf(kind);
    const { response, onsubmit } = show(question);
    expect(screen.getByRole('heading', { level: 2, name: question.stem })).toBeInTheDocument();
    const radios = screen.getAllByRole('radio');
    expect(radios).toHaveLength(4);
    expect(radios[0]).toHaveFocus();
    expect(checkButton()).toBeDisabled();
    await user.keyboard('{Enter}');
    expect(onsubmit).not.toHaveBeenCalled();

    await user.keyboard('3');
    expect(response()).toBe(question.options[2]?.id);
    await waitFor(() => expect(radios[2]).toBeChecked());
    expect(radios[2]).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(response()).toBe(question.options[3]?.id);
    const right = question.options.findIndex((o) => o.id === question.answer);
    await user.keyboard(String(right + 1));
    expect(checkAnswer(question, response() as Response)).toBe(true);
    await user.keyboard('{Enter}');
    expect(onsubmit).toHaveBeenCalledTimes(1);
  });

  it('multiple: checkboxes, "Choose TWO" shown, number keys toggle, Enter only once enough are chosen', async () => {
    const user = userEvent.setup();
    const question = questionOf('multiple');
    const { response, onsubmit } = show(question);
    expect(screen.getByText(`Choose ${question.choose === 2 ? 'TWO' : 'THREE'}`)).toBeVisible();
    expect(screen.getAllByRole('checkbox').length).toBeGreaterThanOrEqual(5);
    const keys = question.answers.map((id) => String(question.options.findIndex((o) => o.id === id) + 1));
    const wrong = String(question.options.findIndex((o) => !question.answers.includes(o.id)) + 1);
    await user.keyboard(wrong);
    await user.keyboard(wrong); // toggled off again
    expect(response()).toEqual([]);
    await user.keyboard(keys[0] ?? '');
    await user.keyboard('{Enter}');
    expect(onsubmit).not.toHaveBeenCalled();
    for (const key of keys.slice(1)) await user.keyboard(key);
    expect(checkAnswer(question, response() as Response)).toBe(true);
    await waitFor(() => expect(checkButton()).toBeEnabled());
    await user.keyboard('{Enter}');
    expect(onsubmit).toHaveBeenCalledTimes(1);
  });

  it('true-false: two radios, T and F answer', async () => {
    const user = userEvent.setup();
    const question = questionOf('true-false');
    const { response, onsubmit } = show(question);
    expect(screen.getByRole('radio', { name: /True/ })).toBeInTheDocument();
    expect(screen.getByText(`“${question.statement}”`)).toBeInTheDocument();
    await user.keyboard('t');
    expect(response()).toBe(true);
    await user.keyboard('F');
    expect(response()).toBe(false);
    await waitFor(() => expect(screen.getByRole('radio', { name: /False/ })).toBeChecked());
    await user.keyboard(question.answer ? 'T' : 'F');
    expect(checkAnswer(question, response() as Response)).toBe(true);
    await user.keyboard('{Enter}');
    expect(onsubmit).toHaveBeenCalledTimes(1);
  });

  it('matching: one select per term, labelled by the term; Enter checks when every term has a definition', async () => {
    const user = userEvent.setup();
    const question = questionOf('matching');
    const { response, onsubmit } = show(question);
    const selects = question.terms.map((t) => screen.getByRole('combobox', { name: t.text }));
    expect(selects[0]).toHaveFocus();
    // jsdom has no keyboard for a closed select (the e2e test uses arrows there): pick, then Tab on.
    for (const [i, term] of question.terms.entries()) {
      const definition = question.definitions.find((d) => d.id === question.pairs[term.id]);
      await user.selectOptions(selects[i] as HTMLElement, definition?.text ?? '');
      await user.keyboard('{Enter}');
      if (i < question.terms.length - 1) expect(onsubmit).not.toHaveBeenCalled();
      if (i < question.terms.length - 1) {
        await user.tab();
        expect(selects[i + 1]).toHaveFocus();
      }
    }
    expect(checkAnswer(question, response() as Response)).toBe(true);
    expect(onsubmit).toHaveBeenCalledTimes(1);
  });

  it('cloze: a labelled text box; number keys are typed, not shortcuts; Enter checks', async () => {
    const user = userEvent.setup();
    const question = questionOf('cloze');
    const { response, onsubmit } = show(question);
    const box = screen.getByRole('textbox', { name: /Your answer/ });
    expect(box).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(onsubmit).not.toHaveBeenCalled();
    await user.keyboard(question.accepted[0] ?? '');
    expect(checkAnswer(question, response() as Response)).toBe(true);
    await user.keyboard('{Enter}');
    expect(onsubmit).toHaveBeenCalledTimes(1);
  });
});

describe('QuizScreen', () => {
  let db: VaultcardsDB;
  afterEach(async () => {
    db.close();
    await Dexie.delete(db.name);
  });

  it('starts, checks, explains with links to the facts, and moves on with Enter', async () => {
    const user = userEvent.setup();
    db = new VaultcardsDB(`quiz-${Math.random()}`);
    const clock = { now: () => Date.UTC(2026, 0, 5, 9), timezoneOffsetMinutes: () => 0 };
    renderWithTopics(vault, QuizScreen, { db, clock });
    await user.click(screen.getByRole('button', { name: 'Start quick quiz (10 questions)' }));
    expect(await screen.findByText('Question 1 of 10')).toBeInTheDocument();
    const form = document.querySelector('form.quiz-question') as HTMLElement;
    const kind = form.dataset.kind;
    if (kind === 'cloze') await user.keyboard('zzz');
    else if (kind === 'true-false') await user.keyboard('t');
    else if (kind === 'multiple') await user.keyboard('12');
    else if (kind === 'matching') for (const select of screen.getAllByRole('combobox')) await user.selectOptions(select, (select as HTMLSelectElement).options[1]?.value ?? '');
    else await user.keyboard('1');
    await user.keyboard('{Enter}');
    const verdict = await screen.findByRole('heading', { level: 2, name: /Correct|Incorrect/ });
    expect(verdict.closest('[role="status"]')).not.toBeNull();
    // A wrong answer fails the cards of its facts; a right one leaves them alone.
    const facts = new Set(Array.from(document.querySelectorAll('.sources a'), (a) => decodeURIComponent(a.getAttribute('href')?.split('/f/')[1] ?? '')));
    const sharing = cardsFor(vault).filter((c) => c.factIds.some((id) => facts.has(id))).length;
    if (verdict.textContent?.includes('Incorrect')) {
      await waitFor(async () => expect(await db.reviews.count()).toBe(sharing));
      if (sharing > 0) expect(screen.getByText(/due again\.$/)).toBeInTheDocument();
    } else expect(await db.reviews.count()).toBe(0);
    expect(screen.getAllByRole('link', { name: /Open the topic card/ })[0]?.getAttribute('href')).toMatch(/^#\/n\/storage-aws-backup\/f\//);
    expect(screen.getByRole('button', { name: /Next question/ })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(await screen.findByText('Question 2 of 10')).toBeInTheDocument();
  });
});
