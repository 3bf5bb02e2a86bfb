/** The registry of what is in progress, which the app update waits on. */
import { afterEach, describe, expect, it } from 'vitest';
import { activeKinds, beginActivity, isBusy, subscribe, type ActivityKind } from '../../../src/state/activity.ts';

const ends: (() => void)[] = [];
const begin = (kind: ActivityKind): (() => void) => {
  const end = beginActivity(kind);
  ends.push(end);
  return end;
};

/** Lets queued notifications run. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(async () => {
  for (const end of ends.splice(0)) end();
  await settle();
});

describe('activity registry', () => {
  it('is busy from begin to end, and tells listeners each change once the current task is done', async () => {
    const seen: (readonly ActivityKind[])[] = [];
    const stop = subscribe((kinds) => seen.push(kinds));
    expect(isBusy()).toBe(false);
    const endQuiz = begin('quiz');
    expect(isBusy()).toBe(true);
    expect(seen).toEqual([]);
    await settle();
    const endExam = begin('exam');
    expect(activeKinds()).toEqual(['quiz', 'exam']);
    await settle();
    endQuiz();
    await settle();
    endExam();
    expect(isBusy()).toBe(false);
    await settle();
    expect(seen).toEqual([['quiz'], ['quiz', 'exam'], ['exam'], []]);
    stop();
  });

  it('an end and a begin in one go (a screen moving to its next step) are never heard as a moment of rest', async () => {
    const seen: (readonly ActivityKind[])[] = [];
    const stop = subscribe((kinds) => seen.push(kinds));
    const end = beginActivity('exam');
    await settle();
    end();
    begin('exam');
    await settle();
    expect(seen).toEqual([['exam']]);
    stop();
  });

  it('two of one kind are counted apart, and ending one twice ends only it', () => {
    const first = begin('review');
    begin('review');
    first();
    first();
    expect(isBusy()).toBe(true);
    expect(activeKinds()).toEqual(['review']);
  });

  it('a listener is not told when the list of kinds stays the same', async () => {
    begin('review');
    await settle();
    let calls = 0;
    const stop = subscribe(() => calls++);
    const second = begin('review');
    await settle();
    second();
    await settle();
    expect(calls).toBe(0);
    stop();
  });

  it('an unsubscribed listener hears nothing', async () => {
    let calls = 0;
    subscribe(() => calls++)();
    begin('exam');
    await settle();
    expect(calls).toBe(0);
  });
});
