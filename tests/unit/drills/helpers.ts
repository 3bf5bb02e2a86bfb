/**
 * Shared by the drill tests: the user's AWS Backup note as a vault, drills
 * built from it, right and wrong responses to any question, and codes made
 * from arbitrary JSON (bypassing `encodeDrill`'s own checks) to feed the
 * decoder what a hand-edited or foreign link would hold.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { buildVault } from '../../../src/lib/content/index.ts';
import type { Vault } from '../../../src/lib/content/types.ts';
import { buildDrill, type Drill, type DrillOptions } from '../../../src/lib/drills/index.ts';
import { CODE_COMPRESSION, compress, toBase64Url } from '../../../src/lib/drills/codec.ts';
import type { Question, Response } from '../../../src/lib/quiz/types.ts';

export const vault: Vault = buildVault([{ path: 'storage-aws-backup.md', text: readFileSync('content/storage-aws-backup.md', 'utf8') }]);

/** Monday 6 January 2025, 09:00 UTC. */
export const NOW = Date.UTC(2025, 0, 6, 9, 0, 0);
export const MINUTE = 60_000;

export function drillOptions(over: Partial<DrillOptions> = {}): DrillOptions {
  return {
    seed: 'drill-test',
    title: 'AWS Backup: week 2',
    instructions: 'Answer without your notes. 20 minutes.',
    noteIds: [],
    sectionKeys: [],
    tags: [],
    kinds: [],
    count: 10,
    minutes: 20,
    passMark: 70,
    shuffle: true,
    retakes: false,
    review: true,
    now: NOW,
    ...over,
  };
}

export function makeDrill(over: Partial<DrillOptions> = {}): Drill {
  const built = buildDrill(vault, drillOptions(over));
  if (!built.ok) throw new Error(built.message);
  return built.drill;
}

/** A response `checkAnswer` accepts. */
export function rightResponse(q: Question): Response {
  switch (q.kind) {
    case 'single':
    case 'numeric':
    case 'not':
      return q.answer;
    case 'multiple':
      return [...q.answers];
    case 'true-false':
      return q.answer;
    case 'matching':
      return { ...q.pairs };
    case 'cloze':
      return q.accepted[0] ?? '';
  }
}

/** A response of the right shape that `checkAnswer` refuses. */
export function wrongResponse(q: Question): Response {
  switch (q.kind) {
    case 'single':
    case 'numeric':
    case 'not':
      return q.options.find((o) => o.id !== q.answer)?.id ?? 'zz';
    case 'multiple':
      return q.options.filter((o) => !q.answers.includes(o.id)).map((o) => o.id).slice(0, q.choose);
    case 'true-false':
      return !q.answer;
    case 'matching':
      return {};
    case 'cloze':
      return 'definitely not the answer';
  }
}

/** Compresses as the codec does, for codes the codec would refuse to make. */
export const deflate = compress;

/** `prefix` + base64url(compressed text): any text as a code. */
export async function rawCode(prefix: string, text: string, format: CompressionFormat = CODE_COMPRESSION): Promise<string> {
  return prefix + toBase64Url(await deflate(new TextEncoder().encode(text), format));
}

/** Any value's JSON as a code. */
export const jsonCode = (prefix: string, value: unknown): Promise<string> => rawCode(prefix, JSON.stringify(value));

/** A deep copy, for mutating a fixture. */
export const clone = <T>(value: T): T => structuredClone(value);

export function expectRefused(read: { ok: boolean; message?: string }, message: string): void {
  expect(read).toEqual({ ok: false, message });
}
