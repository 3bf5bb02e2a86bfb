/**
 * Seeded randomness for quizzes. The same seed always gives the same sequence,
 * on every machine, so a quiz can be rebuilt from its seed (after a reload, in a
 * test) and `Math.random` is never needed.
 */

/** A source of numbers in [0, 1) and the few helpers a quiz needs. */
export interface Rng {
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** A new array in a random order (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[];
}

/**
 * cyrb128: four 32-bit words from a string, so that seeds which differ in one
 * character give unrelated generators.
 */
function seedWords(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/**
 * A generator seeded from a string: sfc32 (small fast counting, from
 * PractRand), which passes the usual statistical batteries and needs no BigInt.
 *
 * @example createRng('quiz-1').shuffle(['a', 'b', 'c'])
 */
export function createRng(seed: string): Rng {
  let [a, b, c, d] = seedWords(seed);
  const next = (): number => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // The first outputs still carry the hash's structure; discard them.
  for (let i = 0; i < 12; i++) next();
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    shuffle<T>(items: readonly T[]): T[] {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(i + 1);
        const tmp = out[i] as T;
        out[i] = out[j] as T;
        out[j] = tmp;
      }
      return out;
    },
  };
}
