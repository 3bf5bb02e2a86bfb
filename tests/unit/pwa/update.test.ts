/** The update prompt's decisions: when SKIP_WAITING goes out and when the page reloads, never while the learner is busy. */
import { describe, expect, it } from 'vitest';
import { INITIAL_UPDATE_STATE, updateMessage, updateStep, type UpdateCommand, type UpdateEvent, type UpdateState } from '../../../src/lib/pwa/update.ts';

const WAITING: UpdateEvent = { type: 'waiting' };
const ACCEPT: UpdateEvent = { type: 'user-accepted' };
const LATER: UpdateEvent = { type: 'user-postponed' };
const CONTROLLER: UpdateEvent = { type: 'controller-changed' };
const busy = (value: boolean): UpdateEvent => ({ type: 'busy-changed', busy: value });

/** Runs `events` from the start; returns the final state and every command, in order, each after the event that caused it. */
function run(...events: UpdateEvent[]): { state: UpdateState; log: string[] } {
  let state = INITIAL_UPDATE_STATE;
  const log: string[] = [];
  for (const event of events) {
    const step = updateStep(state, event);
    state = step.state;
    log.push(...step.commands.map((c: UpdateCommand) => `${event.type} -> ${c}`));
  }
  return { state, log };
}

describe('updateStep', () => {
  it('offers a waiting worker, and does nothing until the learner accepts', () => {
    expect(run(WAITING)).toEqual({ state: { phase: 'available', busy: false, takenOver: false }, log: [] });
  });

  it('accepted while free: SKIP_WAITING, then a reload once the new worker controls the page', () => {
    const { state, log } = run(WAITING, ACCEPT, CONTROLLER);
    expect(log).toEqual(['user-accepted -> skip-waiting', 'controller-changed -> reload']);
    expect(state.phase).toBe('reloading');
  });

  it('accepted while a quiz runs: nothing is sent until it ends, then SKIP_WAITING and the reload', () => {
    const during = run(WAITING, busy(true), ACCEPT);
    expect(during.state.phase).toBe('deferred');
    expect(during.log).toEqual([]);
    const { state, log } = run(WAITING, busy(true), ACCEPT, busy(false), CONTROLLER);
    expect(log).toEqual(['busy-changed -> skip-waiting', 'controller-changed -> reload']);
    expect(state.phase).toBe('reloading');
  });

  it('the learner becoming busy between SKIP_WAITING and the takeover holds the reload until they finish', () => {
    const held = run(WAITING, ACCEPT, busy(true), CONTROLLER);
    expect(held.log).toEqual(['user-accepted -> skip-waiting']);
    expect(held.state).toEqual({ phase: 'deferred', busy: true, takenOver: true });
    // Only a reload is left: the new worker already controls the page.
    expect(run(WAITING, ACCEPT, busy(true), CONTROLLER, busy(false)).log).toEqual(['user-accepted -> skip-waiting', 'busy-changed -> reload']);
  });

  it('"Later" hides the banner and sends nothing; pressing Reload afterwards still works', () => {
    expect(run(WAITING, LATER)).toEqual({ state: { phase: 'dismissed', busy: false, takenOver: false }, log: [] });
    expect(run(WAITING, LATER, ACCEPT).log).toEqual(['user-accepted -> skip-waiting']);
  });

  it('"Later" calls off an update waiting for the quiz to end', () => {
    const { state, log } = run(WAITING, busy(true), ACCEPT, LATER, busy(false));
    expect(state.phase).toBe('dismissed');
    expect(log).toEqual([]);
  });

  it('a newer version after "Later" is offered again', () => {
    expect(run(WAITING, LATER, WAITING).state.phase).toBe('available');
  });

  it('a newer worker arriving after SKIP_WAITING was sent gets its own', () => {
    expect(run(WAITING, ACCEPT, WAITING).log).toEqual(['user-accepted -> skip-waiting', 'waiting -> skip-waiting']);
  });

  it('another tab let the new version in: this page is offered a reload, and reloads only when the learner is free', () => {
    const offered = run(CONTROLLER);
    expect(offered.state).toEqual({ phase: 'available', busy: false, takenOver: true });
    expect(run(CONTROLLER, ACCEPT).log).toEqual(['user-accepted -> reload']);
    expect(run(busy(true), CONTROLLER, ACCEPT).log).toEqual([]);
    expect(run(busy(true), CONTROLLER, ACCEPT, busy(false)).log).toEqual(['busy-changed -> reload']);
  });

  it('an update waiting for the learner that the new worker takes meanwhile ends in a reload, not a second SKIP_WAITING', () => {
    expect(run(WAITING, busy(true), ACCEPT, CONTROLLER, busy(false)).log).toEqual(['busy-changed -> reload']);
  });

  it('becoming busy or free without an update changes nothing else', () => {
    expect(run(busy(true), busy(false))).toEqual({ state: INITIAL_UPDATE_STATE, log: [] });
  });

  it('once reloading, nothing more happens', () => {
    const { log } = run(WAITING, ACCEPT, CONTROLLER, WAITING, ACCEPT, CONTROLLER, busy(true), busy(false));
    expect(log).toEqual(['user-accepted -> skip-waiting', 'controller-changed -> reload']);
  });
});

describe('updateMessage', () => {
  const at = (phase: UpdateState['phase'], isBusy = false): UpdateState => ({ phase, busy: isBusy, takenOver: false });
  it('says nothing without an update or after "Later"', () => {
    expect(updateMessage(at('idle'), [])).toBe('');
    expect(updateMessage(at('dismissed'), ['quiz'])).toBe('');
  });
  it('names what the update waits for', () => {
    expect(updateMessage(at('available'), [])).toBe('A new version of Vaultcards is available.');
    expect(updateMessage(at('available', true), ['exam'])).toBe('A new version of Vaultcards is available. Updating waits until you finish your exam.');
    expect(updateMessage(at('deferred', true), ['quiz'])).toBe('Vaultcards will update when you finish your quiz.');
    expect(updateMessage(at('deferred', true), ['review', 'quiz', 'exam'])).toBe('Vaultcards will update when you finish your review, quiz and exam.');
    expect(updateMessage(at('activating'), [])).toBe('Updating Vaultcards…');
  });
});
