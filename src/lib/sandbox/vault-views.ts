/** The console's vault views: the lock's mode in words. */
import type { Vault } from './model.ts';

/** "None", "Governance mode", "Compliance mode, changeable until …" or "Compliance mode, immutable since …". */
export function lockMode(vault: Vault, now: number): string {
  const lock = vault.lock;
  if (!lock) return 'None';
  const range = [lock.MinRetentionDays !== undefined ? `min ${lock.MinRetentionDays} d` : '', lock.MaxRetentionDays !== undefined ? `max ${lock.MaxRetentionDays} d` : '']
    .filter(Boolean)
    .join(', ');
  const days = range ? ` (${range})` : '';
  if (lock.LockDate === undefined) return `Governance mode${days}`;
  const when = new Date(lock.LockDate).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  return now >= lock.LockDate ? `Compliance mode${days}, immutable since ${when}` : `Compliance mode${days}, changeable until ${when}`;
}
