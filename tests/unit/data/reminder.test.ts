/** The weekly backup reminder, the own-vaults startup hint, and what a full disk is called. */
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { firstActivityAt, loadBackupMeta, markBackedUp, snoozeReminder } from '../../../src/data/backup-meta.ts';
import { VaultcardsDB } from '../../../src/data/db.ts';
import { hasOwnVaultsHint, removeOwnVault, saveOwnVault } from '../../../src/data/own-vaults.ts';
import { recordGrade } from '../../../src/data/progress.ts';
import { isQuotaError, writeFailureMessage } from '../../../src/data/storage.ts';
import { reminderDue } from '../../../src/lib/backup-reminder.ts';
import { importVault } from '../../../src/lib/library/import-vault.ts';
import { createScheduler } from '../../../src/lib/srs/scheduler.ts';
import { DEFAULT_SRS_SETTINGS } from '../../../src/lib/srs/types.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 5, 1);
let db: VaultcardsDB;
afterEach(async () => {
  db?.close();
  if (db) await Dexie.delete(db.name);
  localStorage.clear();
});

describe('reminderDue', () => {
  const none = { lastBackupAt: null, snoozedUntil: null };
  it('never reminds a learner with nothing to lose', () => {
    expect(reminderDue(none, null, T0 + 100 * DAY)).toEqual({ due: false, days: null });
  });
  it('reminds once the last backup (or, without one, the first review) is more than a week old', () => {
    expect(reminderDue(none, T0, T0 + 7 * DAY)).toEqual({ due: false, days: null });
    expect(reminderDue(none, T0, T0 + 7 * DAY + 1)).toEqual({ due: true, days: null });
    expect(reminderDue({ lastBackupAt: T0, snoozedUntil: null }, T0 - 50 * DAY, T0 + 6 * DAY)).toEqual({ due: false, days: 6 });
    expect(reminderDue({ lastBackupAt: T0, snoozedUntil: null }, T0 - 50 * DAY, T0 + 9 * DAY)).toEqual({ due: true, days: 9 });
  });
  it('stays quiet while snoozed', () => {
    expect(reminderDue({ lastBackupAt: T0, snoozedUntil: T0 + 10 * DAY }, T0, T0 + 9 * DAY).due).toBe(false);
    expect(reminderDue({ lastBackupAt: T0, snoozedUntil: T0 + 10 * DAY }, T0, T0 + 10 * DAY).due).toBe(true);
  });
});

describe('backup meta and the own-vaults hint', () => {
  it('stores the last backup and a snooze, and finds the first activity', async () => {
    db = new VaultcardsDB(`meta-${Math.random()}`);
    expect(await loadBackupMeta(db)).toEqual({ lastBackupAt: null, snoozedUntil: null });
    expect(await firstActivityAt(db)).toBeNull();
    await recordGrade(db, createScheduler(DEFAULT_SRS_SETTINGS), 'c', 3, T0 + DAY);
    expect(await firstActivityAt(db)).toBe(T0 + DAY);
    await markBackedUp(db, T0 + 2 * DAY);
    await snoozeReminder(db, T0 + 3 * DAY);
    expect(await loadBackupMeta(db)).toEqual({ lastBackupAt: T0 + 2 * DAY, snoozedUntil: T0 + 3 * DAY });
    await db.settings.put({ key: 'backup-meta', value: 'garbage' });
    expect(await loadBackupMeta(db)).toEqual({ lastBackupAt: null, snoozedUntil: null });
  });

  it('the startup hint follows the vaults table', async () => {
    db = new VaultcardsDB(`hint-${Math.random()}`);
    expect(hasOwnVaultsHint()).toBe(false);
    const { vault } = importVault({ id: 'v', name: 'V', notes: [{ path: 'a.md', text: '# A\n\n- fact\n' }], images: [], skipped: [], removeMissing: false, now: T0 - DAY });
    await saveOwnVault(db, vault);
    expect(hasOwnVaultsHint()).toBe(true);
    expect(await firstActivityAt(db)).toBe(T0 - DAY);
    await removeOwnVault(db, 'v');
    expect(hasOwnVaultsHint()).toBe(false);
  });
});

describe('a full disk', () => {
  it('is recognised directly or wrapped by Dexie, and the message says nothing changed', () => {
    const full = new DOMException('quota', 'QuotaExceededError');
    expect(isQuotaError(full)).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: full })).toBe(true);
    expect(isQuotaError(new Error('other'))).toBe(false);
    expect(writeFailureMessage(full, 'your notes')).toMatch(/^There is no room left to save your notes: .*Nothing was changed/);
    expect(writeFailureMessage(new Error('boom'), 'your notes')).toBe('Saving your notes failed and nothing was changed: boom');
  });
});
