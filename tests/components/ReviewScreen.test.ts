/** The review screen by keyboard: reveal, grade, undo, with a fixed clock and a fresh database. */
import { screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { VaultcardsDB } from '../../src/data/db.ts';
import ReviewScreen from '../../src/ui/review/ReviewScreen.svelte';
import { renderWithTopics, vaultOf } from './harness.ts';

const NOTE = `# AWS Backup
## audit reports
- max of 20 report plans per account
## pricing
- charged for
\t- backup storage used
\t- amount of backup data restored
`;
const T0 = Date.UTC(2026, 0, 5, 9);
let db: VaultcardsDB;

afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

function setup() {
  db = new VaultcardsDB(`review-${Math.random()}`);
  let now = T0;
  const clock = { now: () => now, timezoneOffsetMinutes: () => 0 };
  const rendered = renderWithTopics(vaultOf({ 'backup.md': NOTE }), ReviewScreen, { filter: {}, db, clock });
  return { ...rendered, advance: (ms: number) => (now += ms) };
}

const count = (name: string) => document.querySelector(`[data-count="${name}"]`)?.textContent;

describe('ReviewScreen', () => {
  it('reveals with Space, grades with 1-4, undoes with U, and shows intervals on the buttons', async () => {
    const user = userEvent.setup();
    setup();
    await screen.findByRole('button', { name: /Show answer/ });
    expect(count('new')).toBe('4');
    const prompt = screen.getByRole('heading', { level: 2 }).textContent;
    expect(prompt).toBe('max of [...] report plans per account');

    await user.keyboard(' ');
    expect(await screen.findByRole('button', { name: 'Good, next in 10m (key 3)' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Again, next in 1m (key 1)' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('max of 20 report plans per account');

    await user.keyboard('3');
    await waitFor(() => expect(count('done')).toBe('1'));
    expect(count('new')).toBe('3');
    expect(screen.getByRole('heading', { level: 2 }).textContent).not.toBe(prompt);
    expect(await db.reviews.count()).toBe(1);

    await user.keyboard('u');
    await waitFor(() => expect(count('done')).toBe('0'));
    expect(count('new')).toBe('4');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(prompt);
    expect(await db.reviews.count()).toBe(0);
  });

  it('ignores grade keys before the answer is shown, and Enter reveals too', async () => {
    const user = userEvent.setup();
    setup();
    await screen.findByRole('button', { name: /Show answer/ });
    await user.keyboard('3');
    expect(await db.reviews.count()).toBe(0);
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('button', { name: /^Easy, next in/ })).toBeInTheDocument();
    await user.keyboard('4');
    await waitFor(async () => expect(await db.reviews.count()).toBe(1));
  });

  it('suspends the card on screen: it leaves the queue and is stored as suspended', async () => {
    const user = userEvent.setup();
    setup();
    await screen.findByRole('button', { name: /Show answer/ });
    const prompt = screen.getByRole('heading', { level: 2 }).textContent;
    await user.click(screen.getByRole('button', { name: 'Suspend card' }));
    expect(await screen.findByText('Card suspended.')).toBeInTheDocument();
    expect(count('new')).toBe('3');
    expect(screen.getByRole('heading', { level: 2 }).textContent).not.toBe(prompt);
    const rows = await db.progress.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.suspended).toBe(true);
  });

  it('says when the next card is due once nothing is left', async () => {
    const user = userEvent.setup();
    setup();
    await screen.findByRole('button', { name: /Show answer/ });
    for (let i = 0; i < 4; i++) {
      await user.keyboard(' ');
      await screen.findByRole('button', { name: /^Good/ });
      await user.keyboard('3');
      await waitFor(() => expect(count('done')).toBe(String(i + 1)));
    }
    expect(await screen.findByText('Nothing to review right now')).toBeInTheDocument();
    expect(screen.getByText(/The next card is due/)).toBeInTheDocument();
  });
});
