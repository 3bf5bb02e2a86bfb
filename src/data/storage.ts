/**
 * The browser's storage as the learner should see it: how much is used, whether
 * it is persistent, and what a full disk means. A write that fails for lack of
 * space aborts its transaction (nothing half-written), and the message says so.
 */

export type Persistence = 'persistent' | 'best-effort' | 'unsupported';

export interface StorageInfo {
  persistence: Persistence;
  /** Bytes used and available to this site, when the browser says. */
  usage: number | null;
  quota: number | null;
}

/** Asks for persistent storage (once granted it stays) and reports usage. */
export async function storageInfo(request: boolean): Promise<StorageInfo> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  let persistence: Persistence = 'unsupported';
  if (storage?.persisted) {
    try {
      const granted = (await storage.persisted()) || (request && storage.persist ? await storage.persist() : false);
      persistence = granted ? 'persistent' : 'best-effort';
    } catch {
      persistence = 'best-effort';
    }
  }
  let usage: number | null = null;
  let quota: number | null = null;
  if (storage?.estimate) {
    try {
      const estimate = await storage.estimate();
      usage = estimate.usage ?? null;
      quota = estimate.quota ?? null;
    } catch {
      // No estimate in this browser: shown as unknown.
    }
  }
  return { persistence, usage, quota };
}

/** Is this error (or the one Dexie wraps) the browser saying the disk or quota is full? */
export function isQuotaError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const name = (current as { name?: unknown }).name;
    if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
    current = (current as { inner?: unknown }).inner;
  }
  return false;
}

/** Why the database could not be opened, for a learner: no storage at all is named as such. */
export function openFailureReason(error: unknown): string {
  const name = (error as { name?: string })?.name;
  if (name === 'MissingAPIError' || typeof indexedDB === 'undefined') {
    return 'this browser gives the app no storage (IndexedDB is missing or blocked; private windows and some privacy settings do this). Open the app in a normal window to keep your progress';
  }
  if (isQuotaError(error)) return "this device's storage for the app is full (QuotaExceededError)";
  return (error as Error)?.message ?? String(error);
}

/** Why a write failed, in a few words: a full disk is named as such. */
export function failureReason(error: unknown): string {
  if (isQuotaError(error)) return "this device's storage for the app is full (QuotaExceededError); free some space or remove an imported notes vault";
  return (error as Error)?.message ?? String(error);
}

/** What to tell the learner when a write failed; `what` names what was being saved. */
export function writeFailureMessage(error: unknown, what: string): string {
  if (isQuotaError(error)) {
    return `There is no room left to save ${what}: this device's storage for the app is full (QuotaExceededError). Nothing was changed. Free some space on the device, or remove an imported notes vault or the sandbox state, then try again.`;
  }
  return `Saving ${what} failed and nothing was changed: ${(error as Error)?.message ?? String(error)}`;
}
