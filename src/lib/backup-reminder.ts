/** The gentle reminder to back up: when it is due. */

export interface BackupMeta {
  /** Epoch ms of the last export, or null when none was made here. */
  lastBackupAt: number | null;
  /** Until when the reminder was put off (epoch ms). */
  snoozedUntil: number | null;
}

const DAY = 86_400_000;
/** The reminder shows when the last backup is more than this old. */
export const REMIND_AFTER_DAYS = 7;

/**
 * Whether to remind, and how long it has been. A learner with nothing to lose
 * (no review, no own notes) is not reminded; one who never backed up is
 * reminded once their first review is more than a week old.
 */
export function reminderDue(meta: BackupMeta, firstActivityAt: number | null, now: number): { due: boolean; days: number | null } {
  if (firstActivityAt === null) return { due: false, days: null };
  if (meta.snoozedUntil !== null && now < meta.snoozedUntil) return { due: false, days: null };
  const since = meta.lastBackupAt ?? firstActivityAt;
  const days = Math.floor((now - since) / DAY);
  return { due: now - since > REMIND_AFTER_DAYS * DAY, days: meta.lastBackupAt === null ? null : days };
}
