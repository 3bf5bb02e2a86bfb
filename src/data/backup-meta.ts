/**
 * When this device last made a backup, for the weekly reminder. Kept in the
 * settings table under a key that backups neither carry nor overwrite.
 */
import type { VaultcardsDB } from './db.ts';
import type { BackupMeta } from '../lib/backup-reminder.ts';

export type { BackupMeta };

/** Device-local facts about backups (when the last one was made); never exported, kept on import. */
export const BACKUP_META_KEY = 'backup-meta';

export async function loadBackupMeta(db: VaultcardsDB): Promise<BackupMeta> {
  const value = (await db.settings.get(BACKUP_META_KEY))?.value as Partial<BackupMeta> | undefined;
  const time = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return { lastBackupAt: time(value?.lastBackupAt), snoozedUntil: time(value?.snoozedUntil) };
}

export async function markBackedUp(db: VaultcardsDB, at: number): Promise<void> {
  await db.settings.put({ key: BACKUP_META_KEY, value: { lastBackupAt: at, snoozedUntil: null } satisfies BackupMeta });
}

export async function snoozeReminder(db: VaultcardsDB, until: number): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const meta = await loadBackupMeta(db);
    await db.settings.put({ key: BACKUP_META_KEY, value: { ...meta, snoozedUntil: until } satisfies BackupMeta });
  });
}

/** When the learner started having something to lose: the first review, or the first own vault. */
export async function firstActivityAt(db: VaultcardsDB): Promise<number | null> {
  const [review, vaults] = await Promise.all([db.reviews.orderBy('review').first(), db.vaults.toArray()]);
  const times = [review?.review, ...vaults.map((v) => v.createdAt)].filter((t): t is number => typeof t === 'number');
  return times.length ? Math.min(...times) : null;
}
