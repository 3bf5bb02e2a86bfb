/**
 * The notes the app shows are the shipped notes plus the learner's own vaults.
 * `main.ts` mounts the app with them and registers here how to do it again;
 * a screen that changed the own vaults (an import, a removal, a restored
 * backup) calls `notesChanged()` and the app is mounted afresh on the new
 * notes, at the same address. Kept free of IndexedDB code: it is in the first
 * screen's bundle.
 */

let remount: (() => Promise<void>) | null = null;

export function onNotesChanged(fn: () => Promise<void>): void {
  remount = fn;
}

export async function notesChanged(): Promise<void> {
  await remount?.();
}
