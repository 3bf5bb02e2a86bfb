/**
 * A long note's page in jsdom: the first step of it drawn, "show more" and
 * "show all" by keyboard, and a link to a fact past the first step drawing
 * everything up to it. A note of ordinary length shows no such controls.
 */
import { screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { tick } from 'svelte';
import { describe, expect, it } from 'vitest';
import { RENDER_STEP } from '../../src/lib/content/render-plan.ts';
import NoteView from '../../src/ui/topics/NoteView.svelte';
import { noteOf, renderWithTopics, vaultOf } from './harness.ts';

const FACTS = 3200;
const longVault = () => {
  const lines = ['# Long', '## Facts'];
  for (let i = 0; i < FACTS; i++) lines.push(`- fact number ${i}`);
  lines.push('## Last', '- the last fact');
  return vaultOf({ 'long.md': lines.join('\n') });
};
const factItems = (container: HTMLElement) => container.querySelectorAll('li.fact');

describe('NoteView of a long note', () => {
  it(`draws its first ${RENDER_STEP} parts, then more on request, then all`, { timeout: 20_000 }, async () => {
    const user = userEvent.setup();
    const vault = longVault();
    const { container } = renderWithTopics(vault, NoteView, { note: noteOf(vault, 'long') });
    const total = FACTS + 1 + 2; // the facts, the last fact, two headings
    // The "Facts" heading is the first part, so one step draws one fact fewer.
    expect(factItems(container)).toHaveLength(RENDER_STEP - 1);
    const more = screen.getByRole('group', { name: /A long note/ });
    expect(more).toHaveTextContent(`A long note: 1,500 of its ${total.toLocaleString('en-US')} facts, rows and headings are shown.`);
    expect(screen.queryByText('the last fact')).toBeNull();

    expect(within(more).getByRole('button', { name: 'Show all 1,703 (slow on a long note)' })).toBeInTheDocument();
    within(more).getByRole('button', { name: 'Show 1,500 more' }).focus();
    await user.keyboard('{Enter}');
    expect(factItems(container)).toHaveLength(2 * RENDER_STEP - 1);
    // Focus moves to the first fact drawn by the click.
    expect(document.activeElement).toHaveTextContent('fact number 1499');
    expect(screen.getByRole('group', { name: /A long note/ })).toHaveTextContent('3,000 of its 3,203');

    expect(screen.queryByRole('button', { name: /Show 1,500 more/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Show the other 203' }));
    expect(factItems(container)).toHaveLength(FACTS + 1);
    expect(screen.getByText('the last fact')).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: /A long note/ })).toBeNull();
  });

  it('draws everything up to a fact a link points at past the first step', { timeout: 20_000 }, async () => {
    const vault = longVault();
    const note = noteOf(vault, 'long');
    const { container, topics } = renderWithTopics(vault, NoteView, { note });
    const target = note.facts.find((f) => f.text === 'fact number 3100');
    expect(target).toBeDefined();
    topics.navigate(topics.factHref(target!));
    await tick();
    expect(container.querySelector(`[id="fact-${target!.id}"]`)).not.toBeNull();
    expect(factItems(container)).toHaveLength(3101);
    expect(screen.getByRole('group', { name: /A long note/ })).toHaveTextContent('3,102 of its 3,203');
    // "More" counts from what is drawn: the rest of the note.
    await userEvent.setup().click(screen.getByRole('button', { name: 'Show the other 101' }));
    expect(screen.getByText('the last fact')).toBeInTheDocument();
    expect(document.activeElement).toHaveTextContent('fact number 3101');
  });

  it('shows a note of ordinary length whole, with no such controls', () => {
    const vault = vaultOf({ 'short.md': '# Short\n\n## One\n- a fact\n- another fact\n' });
    const { container } = renderWithTopics(vault, NoteView, { note: noteOf(vault, 'short') });
    expect(factItems(container)).toHaveLength(2);
    expect(screen.queryByRole('group', { name: /A long note/ })).toBeNull();
  });
});
