/**
 * Small pure pieces of the console's vault views: the lock's mode in words,
 * and tags typed as `key=value, key2=value2`.
 */
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

/** Tags from `key=value, key2=value2`; an empty text is no tags. */
export function parseTagsText(text: string): { ok: true; tags: Record<string, string> } | { ok: false; message: string } {
  const tags: Record<string, string> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return { ok: false, message: `“${part}” is not a tag: write key=value, separated by commas.` };
    const key = part.slice(0, eq).trim();
    if (key in tags) return { ok: false, message: `The tag key “${key}” appears twice.` };
    tags[key] = part.slice(eq + 1).trim();
  }
  return { ok: true, tags };
}
