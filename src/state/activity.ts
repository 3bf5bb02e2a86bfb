/**
 * What the learner is in the middle of: a review with a card on screen, a quiz
 * started and not finished, an exam running. The app update waits while any
 * of them is, so a reload never cuts one short.
 *
 * A plain module (no runes): the screens' state classes report here, the
 * update state listens.
 */

import type { ActivityKind } from '../lib/pwa/update.ts';

export type { ActivityKind };

/** Told the kinds in progress (oldest first, one entry per kind) whenever that list changes. */
export type ActivityListener = (kinds: readonly ActivityKind[]) => void;

const open = new Map<symbol, ActivityKind>();
const listeners = new Set<ActivityListener>();
let announced: readonly ActivityKind[] = [];
let pending = false;

/**
 * Listeners hear of a change once the current task's changes are done: a
 * screen that ends one activity and begins the next in one go (an effect
 * re-running) never looks free for a moment, and no listener runs inside the
 * screen's effect.
 */
function notify(): void {
  if (pending) return;
  pending = true;
  queueMicrotask(() => {
    pending = false;
    const kinds = activeKinds();
    if (kinds.length === announced.length && kinds.every((k, i) => k === announced[i])) return;
    announced = kinds;
    for (const listener of [...listeners]) listener(kinds);
  });
}

/**
 * Marks `kind` as in progress until the returned function is called (calling
 * it again does nothing). Two of the same kind at once are counted apart, so
 * one ending does not end the other.
 *
 * @example
 * const end = beginActivity('quiz');
 * // ... the quiz is answered ...
 * end();
 */
export function beginActivity(kind: ActivityKind): () => void {
  const token = Symbol(kind);
  open.set(token, kind);
  notify();
  return () => {
    if (open.delete(token)) notify();
  };
}

/** The kinds in progress, oldest first, each once. */
export function activeKinds(): ActivityKind[] {
  return [...new Set(open.values())];
}

/** Whether anything is in progress. */
export function isBusy(): boolean {
  return open.size > 0;
}

/** Calls `listener` after each change of the kinds in progress (in a microtask, not at once); returns the unsubscribe function. */
export function subscribe(listener: ActivityListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
