/**
 * Deterministic ids: each one is a hash of the sandbox's seed and a counter
 * kept in the state, so the same seed and the same calls give the same ids,
 * and a state loaded from JSON goes on handing out the same ids it would have.
 */
import { createRng } from '../quiz/rng.ts';
import type { SandboxState } from './model.ts';

function hexWords(seed: string, words: number): string {
  const rng = createRng(seed);
  let out = '';
  for (let i = 0; i < words; i++) out += Math.floor(rng.next() * 0x100000000).toString(16).padStart(8, '0');
  return out;
}

/** A fresh UUID-shaped id (version 4 layout), as AWS uses for job and plan ids. */
export function nextUuid(state: SandboxState): string {
  state.counter += 1;
  const h = hexWords(`${state.seed}#${state.counter}`, 4);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A fresh lower-case hex id of `length` characters (snapshot ids, version ids). */
export function nextHex(state: SandboxState, length: number): string {
  state.counter += 1;
  return hexWords(`${state.seed}#${state.counter}`, Math.ceil(length / 8)).slice(0, length);
}

/** A number in [0, 1) tied to a name, not to the counter (stable durations per resource and day). */
export function hashUnit(text: string): number {
  return createRng(text).next();
}
