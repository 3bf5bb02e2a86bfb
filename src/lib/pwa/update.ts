/**
 * When a new version of the app may take over: the decisions of the "update
 * available" prompt, without a browser. The caller feeds it what happened
 * (a new service worker is waiting, the learner became busy or free, pressed a
 * button, the worker took control) and carries out the commands it returns:
 * `skip-waiting` (post `{ type: 'SKIP_WAITING' }` to the waiting worker) and
 * `reload` (reload the page so it runs the new version).
 *
 * The rule it keeps: nothing is sent and nothing reloads while a review, quiz
 * or exam is in progress; an update accepted then happens when it ends.
 */

/** What the learner can be in the middle of (see `src/state/activity.ts`). */
export type ActivityKind = 'review' | 'quiz' | 'exam';

export type UpdatePhase =
  /** Nothing new. */
  | 'idle'
  /** A new version is ready: the banner offers "Reload to update" and "Later". */
  | 'available'
  /** The learner pressed "Later": the banner is hidden until another version arrives. */
  | 'dismissed'
  /** Accepted while busy: applied as soon as the activity ends. */
  | 'deferred'
  /** SKIP_WAITING sent: waiting for the new worker to take control of the page. */
  | 'activating'
  /** The reload is under way. */
  | 'reloading';

export interface UpdateState {
  readonly phase: UpdatePhase;
  /** A review, quiz or exam is in progress. */
  readonly busy: boolean;
  /**
   * The new worker already controls this page (another tab let it in, or it
   * took over while the learner was busy): only a reload is left to do.
   */
  readonly takenOver: boolean;
}

export type UpdateEvent =
  /** A new service worker has installed and waits (also at start-up, when one was already waiting). */
  | { type: 'waiting' }
  | { type: 'busy-changed'; busy: boolean }
  /** "Reload to update". */
  | { type: 'user-accepted' }
  /** "Later". */
  | { type: 'user-postponed' }
  /** The page's controller changed from one worker to another (not the first worker taking control of a new page). */
  | { type: 'controller-changed' };

export type UpdateCommand = 'skip-waiting' | 'reload';

export interface UpdateStep {
  state: UpdateState;
  commands: UpdateCommand[];
}

export const INITIAL_UPDATE_STATE: UpdateState = { phase: 'idle', busy: false, takenOver: false };

/** Goes ahead with an accepted update, or keeps it for later when the learner is busy. */
function apply(state: UpdateState): UpdateStep {
  if (state.busy) return { state: { ...state, phase: 'deferred' }, commands: [] };
  if (state.takenOver) return { state: { ...state, phase: 'reloading' }, commands: ['reload'] };
  return { state: { ...state, phase: 'activating' }, commands: ['skip-waiting'] };
}

const stay = (state: UpdateState): UpdateStep => ({ state, commands: [] });

/**
 * The next state after `event`, and what to do now.
 *
 * @example
 * let step = updateStep(INITIAL_UPDATE_STATE, { type: 'waiting' });     // phase 'available'
 * step = updateStep(step.state, { type: 'busy-changed', busy: true });
 * step = updateStep(step.state, { type: 'user-accepted' });             // 'deferred', no command
 * step = updateStep(step.state, { type: 'busy-changed', busy: false }); // 'activating', ['skip-waiting']
 * step = updateStep(step.state, { type: 'controller-changed' });        // 'reloading', ['reload']
 */
export function updateStep(state: UpdateState, event: UpdateEvent): UpdateStep {
  switch (event.type) {
    case 'waiting':
      switch (state.phase) {
        case 'idle':
        case 'dismissed':
          return stay({ ...state, phase: 'available', takenOver: false });
        case 'available':
        case 'deferred':
          // A still newer worker waits: it is the one to let in later.
          return stay({ ...state, takenOver: false });
        case 'activating':
          // It arrived after SKIP_WAITING went to the one before: it needs its own.
          return { state, commands: ['skip-waiting'] };
        case 'reloading':
          return stay(state);
      }
      break;
    case 'busy-changed': {
      const next = { ...state, busy: event.busy };
      return state.phase === 'deferred' && !event.busy ? apply(next) : stay(next);
    }
    case 'user-accepted':
      return state.phase === 'available' || state.phase === 'dismissed' ? apply(state) : stay(state);
    case 'user-postponed':
      return state.phase === 'available' || state.phase === 'deferred' ? stay({ ...state, phase: 'dismissed' }) : stay(state);
    case 'controller-changed':
      switch (state.phase) {
        case 'activating':
          return apply({ ...state, takenOver: true });
        case 'idle':
        case 'available':
        case 'dismissed':
          // Another tab let the new version in: this page runs the old code under the new worker.
          return stay({ ...state, phase: 'available', takenOver: true });
        case 'deferred':
          return stay({ ...state, takenOver: true });
        case 'reloading':
          return stay(state);
      }
  }
  return stay(state);
}

/** "your quiz", "your review and quiz": what is in progress, for the banner. */
function yours(names: readonly ActivityKind[]): string {
  if (names.length === 0) return 'what you are doing';
  if (names.length === 1) return `your ${names[0]}`;
  return `your ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * The banner's sentence for `state` (empty when there is no banner), naming
 * the `kinds` of activity in progress.
 *
 * @example
 * updateMessage({ phase: 'deferred', busy: true, takenOver: false }, ['quiz'])
 * // 'Vaultcards will update when you finish your quiz.'
 */
export function updateMessage(state: UpdateState, kinds: readonly ActivityKind[]): string {
  switch (state.phase) {
    case 'idle':
    case 'dismissed':
      return '';
    case 'available':
      return state.busy
        ? `A new version of Vaultcards is available. Updating waits until you finish ${yours(kinds)}.`
        : 'A new version of Vaultcards is available.';
    case 'deferred':
      return `Vaultcards will update when you finish ${yours(kinds)}.`;
    case 'activating':
    case 'reloading':
      return 'Updating Vaultcards…';
  }
}
