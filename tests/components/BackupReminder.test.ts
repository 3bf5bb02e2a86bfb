/** The backup reminder: quiet with nothing to lose, shown after a week, put off for a day, gone after a backup. */
import { screen, waitFor } from '@testing-library/svelte';
import { render } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadBackupMeta, markBackedUp } from '../../src/data/backup-meta.ts';
import { VaultcardsDB } from '../../src/data/db.ts';
import { recordGrade } from '../../src/data/progress.ts';
import { createScheduler } from '../../src/lib/srs/scheduler.ts';
import { DEFAULT_SRS_SETTINGS } from '../../src/lib/srs/types.ts';
import BackupReminder from '../../src/ui/shared/BackupReminder.svelte';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 3, 1, 9);
let db: VaultcardsDB;
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

async function setup(studiedDaysAgo: number | null, backedUpDaysAgo: number | null) {
  db = new VaultcardsDB(`reminder-${Math.random()}`);
  if (studiedDaysAgo !== null) await recordGrade(db, createScheduler(DEFAULT_SRS_SETTINGS), 'card', 3, T0 - studiedDaysAgo * DAY);
  if (backedUpDaysAgo !== null) await markBackedUp(db, T0 - backedUpDaysAgo * DAY);
  render(BackupReminder, { props: { db, now: () => T0 } });
}

describe('BackupReminder', () => {
  it('says nothing to a learner with nothing to lose, or with a backup from this week', async () => {
    await setup(null, null);
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByRole('complementary')).toBeNull();
    db.close();
    document.body.innerHTML = '';
    await setup(30, 3);
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByText(/last backup/)).toBeNull();
  });

  it('reminds after a week, and "Remind me tomorrow" puts it off for a day', async () => {
    const user = userEvent.setup();
    await setup(30, 9);
    expect(await screen.findByText(/Your last backup was 9 days ago\./)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Remind me tomorrow' }));
    await waitFor(() => expect(screen.queryByText(/Your last backup was/)).toBeNull());
    expect((await loadBackupMeta(db)).snoozedUntil).toBe(T0 + DAY);
  });

  it('"Back up now" downloads the backup and records it', async () => {
    const user = userEvent.setup();
    URL.createObjectURL = vi.fn(() => 'blob:backup');
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    await setup(10, null);
    expect(await screen.findByText(/You have not backed up your progress yet\./)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Back up now' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Backup saved to your downloads.'));
    expect(click).toHaveBeenCalledTimes(1);
    expect((await loadBackupMeta(db)).lastBackupAt).toBe(T0);
    click.mockRestore();
  });
});
