/**
 * Deterministic ids: each one is a hash of the sandbox's seed and a counter
 * kept in the state, so the same seed and the same calls give the same ids,
 * and a state loaded from JSON goes on handing out the same ids it would have.
 */
import { createRng } from '../quiz/rng.ts';
import type { SandboxState } from './model.ts';

const seedHashes = new Map<string, number>();

/** A 32-bit hash of the seed, computed once per seed. */
function seedHash(seed: string): number {
  let h = seedHashes.get(seed);
  if (h === undefined) {
    h = Math.floor(createRng(`ids:${seed}`).next() * 0x100000000);
    seedHashes.set(seed, h);
  }
  return h;
}

/** splitmix32 step: a well-mixed 32-bit word from any 32-bit input. */
function mix(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** `words` 32-bit words as hex, from the seed and the counter (cheap: ids are made by the hundred thousand). */
function hexWords(seed: string, counter: number, words: number): string {
  let x = seedHash(seed) ^ Math.imul(counter, 0x27d4eb2d);
  let out = '';
  for (let i = 0; i < words; i++) {
    x = mix(x + i);
    out += (HEX_BYTE[x >>> 24] as string) + HEX_BYTE[(x >>> 16) & 255] + HEX_BYTE[(x >>> 8) & 255] + HEX_BYTE[x & 255];
  }
  return out;
}

/** A fresh UUID-shaped id (version 4 layout), as AWS uses for job and plan ids. */
export function nextUuid(state: SandboxState): string {
  state.counter += 1;
  const h = hexWords(state.seed, state.counter, 4);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A fresh lower-case hex id of `length` characters (snapshot ids, version ids). */
export function nextHex(state: SandboxState, length: number): string {
  state.counter += 1;
  return hexWords(state.seed, state.counter, Math.ceil(length / 8)).slice(0, length);
}

/** A number in [0, 1) tied to a text, not to the counter (FNV-1a, then mixed). */
export function hashUnit(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return mix(h) / 0x100000000;
}

/** The id of the n-th event of a sandbox (made when shown, not stored: there are millions). */
export function eventId(seed: string, n: number): string {
  const h = hexWords(`${seed}:events`, n, 4);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
