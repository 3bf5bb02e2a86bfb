// @vitest-environment node
/**
 * Property tests: whatever a student or instructor pastes, the readers never
 * throw, and what they accept is a valid document.
 *
 * (a) arbitrary strings, (b) valid codes and files with random character
 * mutations (flip, insert, delete, transpose, truncate, change the prefix), fed
 * to `decodeDrill`, `decodeResult`, `parseDrillFile` and `parseResultFile`
 * (each reader gets at least 10,000 inputs of its own); (c) a valid drill with
 * random field changes, encoded without `encodeDrill`'s checks, is accepted
 * exactly when it still satisfies the schema, comes back unchanged when it is,
 * and for the changes whose validity is known in advance (a title, a pass
 * mark, an answer, a kind, a missing or extra member) is accepted exactly when
 * it should be.
 *
 * DRILL_PROPS_SCALE=<k> multiplies every run count (a longer soak); FC_SEED
 * replays a failure.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  canonicalJson,
  decodeDrill,
  decodeResult,
  drillFileText,
  drillSchema,
  encodeDrill,
  encodeResult,
  makeResult,
  parseDrillFile,
  parseResultFile,
  resultFileText,
  resultSchema,
  type Drill,
  type DrillRead,
  type DrillResult,
  type ResultRead,
} from '../../../src/lib/drills/index.ts';
import { toBase64Url } from '../../../src/lib/drills/codec.ts';
import { QUESTION_KINDS, type Question } from '../../../src/lib/quiz/types.ts';
import { clone, jsonCode, makeDrill, MINUTE, NOW, rightResponse, wrongResponse } from './helpers.ts';

const SCALE = Number(process.env.DRILL_PROPS_SCALE ?? 1);
const FC_SEED = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
const TIMEOUT = 60_000;

/** Run counts: each reader gets at least 10,000 inputs of its own (checked at the end). */
const RUNS = {
  stringsDrill: 4000,
  stringsResult: 5000,
  stringsFile: 5000,
  stringsResultFile: 5000,
  mutatedDrill: 5200,
  mutatedResult: 5000,
  mutatedFile: 5000,
  mutatedResultFile: 5000,
  fieldChanges: 800,
};
type Reader = 'decodeDrill' | 'decodeResult' | 'parseDrillFile' | 'parseResultFile';
/** Which reader each run count feeds. */
const READER: Record<keyof typeof RUNS, Reader> = {
  stringsDrill: 'decodeDrill',
  mutatedDrill: 'decodeDrill',
  fieldChanges: 'decodeDrill',
  stringsResult: 'decodeResult',
  mutatedResult: 'decodeResult',
  stringsFile: 'parseDrillFile',
  mutatedFile: 'parseDrillFile',
  stringsResultFile: 'parseResultFile',
  mutatedResultFile: 'parseResultFile',
};
const ran: Record<Reader, number> = { decodeDrill: 0, decodeResult: 0, parseDrillFile: 0, parseResultFile: 0 };
const params = (which: keyof typeof RUNS): { numRuns: number; seed?: number } => {
  const numRuns = Math.max(1, Math.round(RUNS[which] * SCALE));
  ran[READER[which]] += numRuns;
  return { numRuns, ...(FC_SEED === undefined ? {} : { seed: FC_SEED }) };
};

// ------------------------------------------------------------------ fixtures

const drills = [makeDrill({ seed: 'p1', count: 1 }), makeDrill({ seed: 'p5', count: 5 }), makeDrill({ seed: 'p12', count: 12, minutes: undefined })];
const results: DrillResult[] = await Promise.all(
  drills.map((d, n) =>
    makeResult(d, `Student ${n}`, Object.fromEntries(d.questions.map((q, i) => [q.id, i % 2 ? wrongResponse(q) : rightResponse(q)])), { startedAt: NOW }, NOW + 7 * MINUTE),
  ),
);
const drillCodes = await Promise.all(drills.map(encodeDrill));
const resultCodes = await Promise.all(results.map(encodeResult));
const drillFiles = drills.map(drillFileText);
const resultFiles = results.map(resultFileText);

// ------------------------------------------------------------------ checks

/** Every read is ok with a document the schema accepts, or refused with a short message. */
function checkDrillRead(read: DrillRead): void {
  if (read.ok) {
    expect(drillSchema.safeParse(read.drill).success).toBe(true);
  } else {
    expect(typeof read.message).toBe('string');
    expect(read.message.length).toBeGreaterThan(10);
    expect(read.message.length).toBeLessThan(600);
  }
}

function checkResultRead(read: ResultRead): void {
  if (read.ok) {
    expect(resultSchema.safeParse(read.result).success).toBe(true);
  } else {
    expect(typeof read.message).toBe('string');
    expect(read.message.length).toBeGreaterThan(10);
    expect(read.message.length).toBeLessThan(600);
  }
}

// ------------------------------------------------------------------ arbitraries

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const b64Char = fc.constantFrom(...B64.split(''));
/** Characters a mangled paste can contain: the code alphabet, its neighbours, spaces, and anything. */
const mutationChar = fc.oneof(
  { arbitrary: b64Char, weight: 6 },
  { arbitrary: fc.constantFrom('+', '/', '=', '.', '%', '#', '&', '?', ' ', '\n', '\t', '"', '{', '}'), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 1 },
);
const PREFIXES = ['d1.', 'r1.', 'd2.', 'r2.', 'D1.', 'd1', 'd1..', 'd0.', 'r0.', 'x1.', '', 'd01.', 'd999999.', 'https://x.example/#/drill/', 'drill=', 'result='];

type Op =
  | { t: 'flip'; at: number; ch: string }
  | { t: 'insert'; at: number; ch: string }
  | { t: 'delete'; at: number; len: number }
  | { t: 'swap'; at: number }
  | { t: 'truncate'; at: number }
  | { t: 'prefix'; prefix: string };
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ t: fc.constant('flip' as const), at: fc.nat(), ch: mutationChar }),
  fc.record({ t: fc.constant('insert' as const), at: fc.nat(), ch: mutationChar }),
  fc.record({ t: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ t: fc.constant('swap' as const), at: fc.nat() }),
  fc.record({ t: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ t: fc.constant('prefix' as const), prefix: fc.constantFrom(...PREFIXES) }),
);
const ops = fc.array(op, { minLength: 1, maxLength: 4 });

function mutate(text: string, changes: Op[]): string {
  let s = text;
  for (const c of changes) {
    const at = s.length === 0 ? 0 : ('at' in c ? c.at : 0) % s.length;
    switch (c.t) {
      case 'flip':
        s = s.slice(0, at) + c.ch + s.slice(at + 1);
        break;
      case 'insert':
        s = s.slice(0, at) + c.ch + s.slice(at);
        break;
      case 'delete':
        s = s.slice(0, at) + s.slice(at + c.len);
        break;
      case 'swap':
        s = s.slice(0, at) + s.charAt(at + 1) + s.charAt(at) + s.slice(at + 2);
        break;
      case 'truncate':
        s = s.slice(0, at);
        break;
      case 'prefix':
        s = c.prefix + s.replace(/^[a-z]\d+\./i, '');
        break;
    }
  }
  return s;
}

/** Arbitrary text, weighted toward what gets past the first checks (a code prefix, valid base64url, JSON). */
const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.tuple(fc.constantFrom(...PREFIXES), fc.string({ unit: b64Char, maxLength: 400 })).map(([p, s]) => p + s),
  fc.tuple(fc.constantFrom('d1.', 'r1.'), fc.uint8Array({ maxLength: 600 })).map(([p, b]) => p + toBase64Url(b)),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
);

/** JSON-ish text for the file reader: arbitrary JSON, and objects that claim the drill format. */
const fileText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 8 }).map((o) => JSON.stringify({ format: 'vaultcards-drill', version: 1, ...o })),
  fc.dictionary(fc.constantFrom('id', 'title', 'questions', 'passMark', 'topics', 'kinds', '__proto__', 'constructor'), fc.jsonValue({ maxDepth: 2 })).map((o) =>
    JSON.stringify({ ...(drills[0] as Drill), ...o }),
  ),
);

/** JSON-ish text for the result file reader: arbitrary JSON, and objects that claim the result format. */
const resultFileArb: fc.Arbitrary<string> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 8 }).map((o) => JSON.stringify({ format: 'vaultcards-result', version: 1, ...o })),
  fc.dictionary(fc.constantFrom('drillId', 'student', 'responses', 'score', 'checksum', 'startedAt', 'submittedAt', '__proto__', 'constructor'), fc.jsonValue({ maxDepth: 2 })).map((o) =>
    JSON.stringify({ ...(results[0] as DrillResult), ...o }),
  ),
);

// ------------------------------------------------------------------ (a) arbitrary strings

describe('(a) arbitrary strings never make a reader throw', () => {
  it('decodeDrill', { timeout: TIMEOUT }, async () => {
    await fc.assert(
      fc.asyncProperty(anyText, async (text) => checkDrillRead(await decodeDrill(text))),
      params('stringsDrill'),
    );
  });

  it('decodeResult', { timeout: TIMEOUT }, async () => {
    await fc.assert(
      fc.asyncProperty(anyText, async (text) => checkResultRead(await decodeResult(text))),
      params('stringsResult'),
    );
  });

  it('parseDrillFile', { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(fc.oneof(fileText, anyText), (text) => checkDrillRead(parseDrillFile(text))),
      params('stringsFile'),
    );
  });

  it('parseResultFile', { timeout: TIMEOUT }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(resultFileArb, anyText), async (text) => checkResultRead(await parseResultFile(text))),
      params('stringsResultFile'),
    );
  });
});

// ------------------------------------------------------------------ (b) mutated codes and files

describe('(b) valid codes and files with random mutations', () => {
  const changedButAccepted = { drill: 0 };

  it('decodeDrill: never throws; what it accepts is the original drill', { timeout: TIMEOUT }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: drillCodes.length - 1 }), ops, fc.boolean(), async (which, changes, asLink) => {
        const original = drillCodes[which] as string;
        const code = mutate(original, changes);
        const read = await decodeDrill(asLink ? `https://vaultcards.example/#/drill/${code}` : code);
        checkDrillRead(read);
        if (read.ok && canonicalJson(read.drill) !== canonicalJson(drills[which])) changedButAccepted.drill++;
      }),
      params('mutatedDrill'),
    );
  });

  it('decodeResult: never throws; what it accepts is exactly the original (the checksum sees every change)', { timeout: TIMEOUT }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: resultCodes.length - 1 }), ops, async (which, changes) => {
        const read = await decodeResult(mutate(resultCodes[which] as string, changes));
        checkResultRead(read);
        if (read.ok) expect(read.result).toEqual(results[which]);
      }),
      params('mutatedResult'),
    );
  });

  it('parseDrillFile: never throws; what it accepts is a valid drill', { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(fc.nat({ max: drillFiles.length - 1 }), ops, (which, changes) => {
        const read = parseDrillFile(mutate(drillFiles[which] as string, changes));
        checkDrillRead(read);
      }),
      params('mutatedFile'),
    );
  });

  it('parseResultFile: never throws; what it accepts is exactly the original (the checksum sees every change)', { timeout: TIMEOUT }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: resultFiles.length - 1 }), ops, async (which, changes) => {
        const read = await parseResultFile(mutate(resultFiles[which] as string, changes));
        checkResultRead(read);
        if (read.ok) expect(read.result).toEqual(results[which]);
      }),
      params('mutatedResultFile'),
    );
  });

  afterAll(() => {
    // The code's Adler-32 refuses every change to the drill's JSON (with deflate-raw about one
    // single-character change in ten slipped through as a valid, different drill). A file has no
    // such check: a hand edit that still satisfies the schema is accepted, as (c) shows.
    expect(changedButAccepted.drill).toBe(0);
  });
});

// ------------------------------------------------------------------ (c) field changes

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Change = { describe: string; apply: (d: Record<string, Json>) => void; valid?: boolean };

const base = drills[2] as Drill;
const choiceIndex = base.questions.findIndex((q) => q.kind === 'single' || q.kind === 'numeric' || q.kind === 'not');
const choice = base.questions[choiceIndex] as Extract<Question, { kind: 'single' | 'numeric' | 'not' }>;
const SHAPES: Record<string, string> = { single: 'choice', numeric: 'choice', not: 'choice', multiple: 'multiple', 'true-false': 'true-false', matching: 'matching', cloze: 'cloze' };
const REQUIRED = ['format', 'version', 'id', 'title', 'instructions', 'createdAt', 'passMark', 'shuffle', 'retakes', 'review', 'topics', 'kinds', 'sources', 'questions'];

/** Every path to a value in the drill, for untargeted changes. */
function pathsOf(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [path];
  const children = Array.isArray(value) ? value.map((v, i) => pathsOf(v, [...path, i])) : Object.entries(value).map(([k, v]) => pathsOf(v, [...path, k]));
  return [path, ...children.flat()];
}
const PATHS = pathsOf(base).filter((p) => p.length > 0);

function setAt(root: Record<string, Json>, path: (string | number)[], value: Json | undefined): void {
  let node: Json = root;
  for (const key of path.slice(0, -1)) node = (node as Record<string, Json>)[key] as Json;
  const last = path[path.length - 1] as string | number;
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete (node as Record<string, Json>)[last];
  } else (node as Record<string, Json>)[last] = value;
}

const jsonValue = fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>;
const change: fc.Arbitrary<Change> = fc.oneof(
  fc.string({ maxLength: 130 }).map((s): Change => ({ describe: `title=${JSON.stringify(s)}`, apply: (d) => void (d.title = s), valid: s.length >= 1 && s.length <= 120 && s.trim() !== '' })),
  fc.oneof(fc.integer({ min: -50, max: 150 }), fc.double({ min: -10, max: 110, noNaN: true })).map((n): Change => ({
    describe: `passMark=${n}`,
    apply: (d) => void (d.passMark = n),
    valid: Number.isInteger(n) && n >= 0 && n <= 100,
  })),
  fc.option(fc.integer({ min: -5, max: 400 })).map((n): Change => ({
    describe: `minutes=${n}`,
    apply: (d) => (n === null ? void delete d.minutes : void (d.minutes = n)),
    valid: n === null || (n >= 1 && n <= 300),
  })),
  fc.oneof(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'A', '1', ''), fc.string({ maxLength: 3 })).map((s): Change => ({
    describe: `questions[${choiceIndex}].answer=${JSON.stringify(s)}`,
    apply: (d) => void (((d.questions as Record<string, Json>[])[choiceIndex] as Record<string, Json>).answer = s),
    valid: choice.options.some((o) => o.id === s),
  })),
  fc.tuple(fc.nat({ max: base.questions.length - 1 }), fc.oneof(fc.constantFrom(...QUESTION_KINDS), fc.string({ maxLength: 10 }))).map(([i, k]): Change => ({
    describe: `questions[${i}].kind=${JSON.stringify(k)}`,
    apply: (d) => void (((d.questions as Json[])[i] as Record<string, Json>).kind = k),
    valid: Object.hasOwn(SHAPES, k) && SHAPES[k] === SHAPES[(base.questions[i] as Question).kind],
  })),
  fc.constantFrom(...REQUIRED).map((key): Change => ({ describe: `delete ${key}`, apply: (d) => void delete d[key], valid: false })),
  fc.tuple(fc.nat({ max: base.questions.length }), fc.string({ minLength: 1, maxLength: 10 }), jsonValue).map(([i, key, v]): Change => ({
    describe: `extra ${JSON.stringify(key)} on ${i === base.questions.length ? 'the drill' : `questions[${i}]`}`,
    apply: (d) => {
      const target = i === base.questions.length ? d : ((d.questions as Json[])[i] as Record<string, Json>);
      if (Object.hasOwn(target, key)) return; // not an extra member then
      Object.defineProperty(target, key, { value: v, enumerable: true, writable: true, configurable: true });
    },
    valid: undefined,
  })),
  jsonValue.map((v): Change => ({ describe: `shuffle=${JSON.stringify(v)}`, apply: (d) => void (d.shuffle = v), valid: typeof v === 'boolean' })),
  fc.tuple(fc.constantFrom(...PATHS), fc.option(jsonValue, { nil: undefined })).map(([path, v]): Change => ({
    describe: `${path.join('.')}=${JSON.stringify(v)}`,
    apply: (d) => setAt(d, path, v),
  })),
);

describe('(c) a valid drill with random field changes', () => {
  it('is accepted exactly when it still satisfies the schema (and when expected), and then unchanged', { timeout: TIMEOUT }, async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 3 }), async (changes) => {
        const doc = clone(base) as unknown as Record<string, Json>;
        for (const c of changes) {
          try {
            c.apply(doc);
          } catch {
            // An earlier change removed or replaced what this one changes.
          }
        }
        const json = JSON.stringify(doc);
        const read = await decodeDrill(await jsonCode('d1.', doc));
        checkDrillRead(read);
        const schemaOk = drillSchema.safeParse(JSON.parse(json)).success;
        expect(read.ok).toBe(schemaOk);
        if (read.ok) {
          accepted++;
          // Nothing dropped, added or coerced: strict objects, no transforms.
          expect(canonicalJson(read.drill) === canonicalJson(JSON.parse(json))).toBe(true);
        }
        // One change whose validity is known in advance: the reader agrees with it.
        const only = changes.length === 1 ? changes[0] : undefined;
        if (only?.valid !== undefined) expect(read.ok, only.describe).toBe(only.valid);
        // An extra member is never accepted.
        if (changes.length === 1 && only?.describe.startsWith('extra ') && json !== JSON.stringify(base)) expect(read.ok, only.describe).toBe(false);
      }),
      params('fieldChanges'),
    );
    // Both outcomes occur, so the property is not vacuous.
    expect(accepted).toBeGreaterThan(RUNS.fieldChanges * SCALE * 0.05);
    expect(accepted).toBeLessThan(RUNS.fieldChanges * SCALE * 0.9);
  });
});

describe('run count', () => {
  it('gives every reader at least 10,000 random and mutated inputs of its own', () => {
    for (const reader of Object.keys(ran) as Reader[]) {
      const planned = (Object.keys(RUNS) as (keyof typeof RUNS)[]).filter((k) => READER[k] === reader).reduce((n, k) => n + RUNS[k], 0);
      expect(planned, reader).toBeGreaterThanOrEqual(10_000);
      expect(ran[reader], reader).toBeGreaterThanOrEqual(10_000 * Math.min(1, SCALE));
    }
  });
});
