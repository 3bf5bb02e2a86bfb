// @vitest-environment node
/**
 * Property tests of the backup reader and import: whatever file a learner
 * picks, `parseProgressFile` never throws and answers `{ ok: true }` or one of
 * its documented refusals; what it accepts keeps the schema's own invariants
 * and is exactly the file; importing an accepted file (replace) gives back the
 * file on export; a refused file changes nothing; merging a device's own
 * export into it changes nothing.
 *
 * The files: real exports (a device that used every feature, with a sandbox
 * and an own vault; one with a few grades; an empty one; a version 1 file),
 * then mutated: fields dropped, added, retyped; wrong, future, negative and
 * fractional versions; huge, negative and fractional numbers where integers
 * are expected; rows duplicated; random setting rows; vault ids that are not
 * slugs; notes with NUL bytes or over the 1 MB cap; images with wrong data
 * URLs or types; any value anywhere in the tree (the sandbox state too); the
 * text truncated or with characters changed; and random JSON and strings.
 *
 * FC_SEED=<n> replaces the fixed default seed; BACKUP_PROPS_SCALE=<k>
 * multiplies every run count.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BACKUP_META_KEY, markBackedUp } from '../../../src/data/backup-meta.ts';
import { SETTING_CHECKS } from '../../../src/data/backup-settings.ts';
import type { VaultcardsDB } from '../../../src/data/db.ts';
import { saveOwnVault } from '../../../src/data/own-vaults.ts';
import { recordGrade } from '../../../src/data/progress.ts';
import { exportProgress, importProgress, parseProgressFile, type ImportMode, type ParseResult, type ProgressFile } from '../../../src/data/progress-file.ts';
import { saveQuizResult } from '../../../src/data/quiz.ts';
import { SANDBOX_STATE_KEY } from '../../../src/data/sandbox.ts';
import { LIMITS } from '../../../src/lib/library/limits.ts';
import { NOW } from '../drills/helpers.ts';
import { DAY, ownVault, scheduler, useEverything } from './device.ts';
import { closeDbs, freshDb } from './fresh-db.ts';

const SCALE = Number(process.env.BACKUP_PROPS_SCALE ?? 1);
/** The default seed is fixed, so a run tries the same files every time; FC_SEED tries others. */
const SEED = process.env.FC_SEED === undefined ? 20_251_006 : Number(process.env.FC_SEED);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const RUNS = { mutated: runs(7000), text: runs(2000), random: runs(1500), replace: runs(400), refused: runs(200), merge: runs(300) };
const TIMEOUT = 120_000;

// ------------------------------------------------------------------ databases

afterEach(closeDbs);

/** A device that used every feature (see device.ts), plus a second vault and a backup made. */
async function useEverythingAndMore(db: VaultcardsDB): Promise<void> {
  await useEverything(db, { seed: 'backup-props', settings: { logLimit: 20 } });
  await saveOwnVault(db, ownVault('second-1', '# Second\n\nTerm\n: its definition\n', NOW + DAY));
  await markBackedUp(db, NOW);
}

/** Other data already on the device a file is imported into. */
async function otherData(db: VaultcardsDB): Promise<void> {
  await recordGrade(db, scheduler, 'card-a', 2, NOW - DAY);
  await recordGrade(db, scheduler, 'here-only', 3, NOW - 3 * DAY);
  await saveQuizResult(db, { at: NOW - DAY, score: 2, total: 2, questions: [] });
  await saveOwnVault(db, ownVault('here-only', '# Here\n\n- Only here\n', NOW - DAY));
  await markBackedUp(db, 42);
}

const exportOf = (db: VaultcardsDB) => exportProgress(db, 0);

/** The base files, built in `beforeAll`: named, as JSON values. */
const bases: { name: string; json: Record<string, unknown> }[] = [];

beforeAll(async () => {
  const everything = freshDb();
  await useEverythingAndMore(everything);
  const full = await exportProgress(everything, NOW + 10 * DAY);
  const few = freshDb();
  await recordGrade(few, scheduler, 'only-card', 3, NOW);
  await recordGrade(few, scheduler, 'only-card', 3, NOW + 4 * DAY);
  const empty = freshDb();
  const v1 = { ...structuredClone(full), version: 1 } as Record<string, unknown>;
  delete v1.vaults;
  bases.push(
    { name: 'everything', json: structuredClone(full) as unknown as Record<string, unknown> },
    { name: 'few grades', json: (await exportProgress(few, NOW)) as unknown as Record<string, unknown> },
    { name: 'empty', json: (await exportProgress(empty, NOW)) as unknown as Record<string, unknown> },
    { name: 'version 1', json: v1 },
  );
  for (const base of bases) expect((await parseProgressFile(JSON.stringify(base.json))).ok, base.name).toBe(true);
  await closeDbs();
}, TIMEOUT);

// ------------------------------------------------------------------ mutations

type Path = (string | number)[];

/** Every path in a JSON value (objects' keys and arrays' indexes), the root included. */
function pathsOf(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...at, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsOf(v, [...at, k], out);
  return out;
}
const basePaths = new Map<string, Path[]>();
function pathsOfBase(i: number): Path[] {
  const base = bases[i % bases.length] as (typeof bases)[number];
  let paths = basePaths.get(base.name);
  if (!paths) basePaths.set(base.name, (paths = pathsOf(base.json)));
  return paths;
}

function getAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const key of path) node = (node as Record<string | number, unknown> | undefined)?.[key];
  return node;
}
/** Sets (or with `undefined`, deletes) the value at a path; the root cannot be deleted. */
function setAt(root: Record<string, unknown>, path: Path, value: unknown): void {
  if (path.length === 0) return;
  const parent = getAt(root, path.slice(0, -1));
  const key = path[path.length - 1] as string | number;
  if (Array.isArray(parent) && typeof key === 'number') {
    if (value === undefined) parent.splice(key, 1);
    else parent[key] = value;
  } else if (parent && typeof parent === 'object') {
    if (value === undefined) delete (parent as Record<string, unknown>)[key];
    else (parent as Record<string, unknown>)[key] = value;
  }
}

const OVER_CAP = 'x'.repeat(LIMITS.noteBytes + 1);
/** Numbers where integers are expected. */
const oddNumberArb = fc.oneof(
  fc.constantFrom(-1, -0.5, 0.5, 1.5, 1e21, -1e21, 8.64e15 + 1, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308, 2 ** 53, 0, 1, 2, 3, 4, 5),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);
const oddValueArb: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 3 },
  { arbitrary: oddNumberArb, weight: 3 },
  { arbitrary: fc.constantFrom(null, true, false, '', '0', '2', [], {}, 'a\u0000b', OVER_CAP), weight: 2 },
  { arbitrary: fc.string({ maxLength: 20 }), weight: 2 },
);
const knownKeyArb = fc.constantFrom(...Object.keys(SETTING_CHECKS), BACKUP_META_KEY);
const settingRowArb = fc.record({ key: fc.oneof(knownKeyArb, fc.string({ maxLength: 12 })), value: oddValueArb });
const badVaultIdArb = fc.constantFrom('', '../x', 'UPPER', 'with space', 'a'.repeat(46), 'ünï', 'a/b', 'x\u0000');
const dataUrlArb = fc.constantFrom('javascript:alert(1)', 'data:image/png;base64,', 'data:image/gif;base64,R0lG', 'data:text/html;base64,PHNjcmlwdD4=', 'data:image/svg+xml;base64,PHN2Zz4=', '');
const mimeArb = fc.constantFrom('image/png', 'image/svg+xml', 'text/html', 'image/x-icon', '', 'IMAGE/PNG');

type Mutation =
  | { m: 'set'; pick: number; value: unknown }
  | { m: 'drop'; pick: number }
  | { m: 'addField'; pick: number; key: string; value: unknown }
  | { m: 'retype'; pick: number }
  | { m: 'number'; pick: number; value: unknown }
  | { m: 'version'; value: unknown }
  | { m: 'format'; value: unknown }
  | { m: 'duplicate'; list: 'progress' | 'reviews' | 'settings' | 'vaults'; pick: number }
  | { m: 'setting'; row: { key: string; value: unknown } }
  | { m: 'vaultId'; pick: number; id: string }
  | { m: 'noteText'; pick: number; text: string }
  | { m: 'notePath'; pick: number; path: string }
  | { m: 'image'; pick: number; dataUrl: string; mime: string; bytes: unknown };

const pickArb = fc.nat(100_000);
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ m: fc.constant('set' as const), pick: pickArb, value: oddValueArb }), weight: 4 },
  { arbitrary: fc.record({ m: fc.constant('drop' as const), pick: pickArb }), weight: 3 },
  { arbitrary: fc.record({ m: fc.constant('addField' as const), pick: pickArb, key: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'id', 'uid')), value: oddValueArb }), weight: 2 },
  { arbitrary: fc.record({ m: fc.constant('retype' as const), pick: pickArb }), weight: 3 },
  { arbitrary: fc.record({ m: fc.constant('number' as const), pick: pickArb, value: oddNumberArb }), weight: 4 },
  { arbitrary: fc.record({ m: fc.constant('version' as const), value: fc.oneof(oddNumberArb, fc.constantFrom('2', null, 3, 4, 99, -1, 0, 1.5, 2.0000001)) }), weight: 2 },
  { arbitrary: fc.record({ m: fc.constant('format' as const), value: fc.oneof(fc.constantFrom('vaultcards-drill', 'Vaultcards-progress', '', null), oddValueArb) }), weight: 1 },
  { arbitrary: fc.record({ m: fc.constant('duplicate' as const), list: fc.constantFrom('progress' as const, 'reviews' as const, 'settings' as const, 'vaults' as const), pick: pickArb }), weight: 3 },
  { arbitrary: fc.record({ m: fc.constant('setting' as const), row: settingRowArb }), weight: 3 },
  { arbitrary: fc.record({ m: fc.constant('vaultId' as const), pick: pickArb, id: fc.oneof(badVaultIdArb, fc.string({ maxLength: 50 })) }), weight: 2 },
  { arbitrary: fc.record({ m: fc.constant('noteText' as const), pick: pickArb, text: fc.oneof(fc.constantFrom('a\u0000b', '\u0000', OVER_CAP, '', '# fine'), fc.string({ maxLength: 30 })) }), weight: 2 },
  { arbitrary: fc.record({ m: fc.constant('notePath' as const), pick: pickArb, path: fc.oneof(fc.constantFrom('', 'a\u0000.md', 'x'.repeat(501), 'FOLDER/note.md', 'img/A.PNG'), fc.string({ maxLength: 20 })) }), weight: 2 },
  { arbitrary: fc.record({ m: fc.constant('image' as const), pick: pickArb, dataUrl: dataUrlArb, mime: mimeArb, bytes: fc.oneof(oddNumberArb, fc.constant(LIMITS.imageBytes + 1)) }), weight: 2 },
);

function retyped(value: unknown): unknown {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value.length;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === null) return {};
  if (Array.isArray(value)) return Object.fromEntries(value.map((v, i) => [String(i), v]));
  return [value];
}

/** The vaults of a file (as a mutable list), or an empty list. */
const vaultsOf = (file: Record<string, unknown>): Record<string, unknown>[] => (Array.isArray(file.vaults) ? (file.vaults as Record<string, unknown>[]) : []);
const at = <T>(list: T[], pick: number): T | undefined => (list.length ? list[pick % list.length] : undefined);

function mutate(file: Record<string, unknown>, paths: Path[], mutation: Mutation): void {
  switch (mutation.m) {
    case 'set':
      setAt(file, at(paths, mutation.pick) ?? [], structuredClone(mutation.value));
      break;
    case 'drop':
      setAt(file, at(paths, mutation.pick) ?? [], undefined);
      break;
    case 'addField': {
      const target = getAt(file, at(paths, mutation.pick) ?? []);
      if (target && typeof target === 'object' && !Array.isArray(target)) Object.defineProperty(target, mutation.key, { value: structuredClone(mutation.value), enumerable: true, writable: true, configurable: true });
      break;
    }
    case 'retype': {
      const path = at(paths, mutation.pick) ?? [];
      if (path.length) setAt(file, path, retyped(getAt(file, path)));
      break;
    }
    case 'number': {
      // One of the number fields (integers, epochs, counts, scores) anywhere in the file.
      const numeric = paths.filter((p) => typeof getAt(file, p) === 'number');
      const path = at(numeric, mutation.pick);
      if (path) setAt(file, path, mutation.value);
      break;
    }
    case 'version':
      file.version = mutation.value;
      break;
    case 'format':
      file.format = mutation.value;
      break;
    case 'duplicate': {
      const list = file[mutation.list];
      if (Array.isArray(list) && list.length) list.push(structuredClone(at(list, mutation.pick)));
      break;
    }
    case 'setting':
      if (Array.isArray(file.settings)) (file.settings as unknown[]).push(structuredClone(mutation.row));
      break;
    case 'vaultId': {
      const vault = at(vaultsOf(file), mutation.pick);
      if (vault) vault.id = mutation.id;
      break;
    }
    case 'noteText':
    case 'notePath': {
      const notes = vaultsOf(file).flatMap((v) => (Array.isArray(v.files) ? (v.files as Record<string, unknown>[]) : []));
      const note = at(notes, mutation.pick);
      if (note && mutation.m === 'noteText') note.text = mutation.text;
      if (note && mutation.m === 'notePath') note.path = mutation.path;
      break;
    }
    case 'image': {
      const images = vaultsOf(file).flatMap((v) => (Array.isArray(v.attachments) ? (v.attachments as Record<string, unknown>[]) : []));
      const image = at(images, mutation.pick);
      if (image) Object.assign(image, { dataUrl: mutation.dataUrl, mime: mutation.mime, bytes: mutation.bytes });
      break;
    }
  }
}

/**
 * A base file with 1-4 mutations. The arbitrary draws the recipe and `mutatedText` cooks it, so a
 * counterexample prints as the recipe rather than as a whole file.
 */
type Mutated = { base: number; mutations: Mutation[] };
const mutatedArb: fc.Arbitrary<Mutated> = fc.record({ base: fc.nat(), mutations: fc.array(mutationArb, { minLength: 1, maxLength: 4 }) });
function mutatedText({ base, mutations }: Mutated): string {
  const file = structuredClone((bases[base % bases.length] as (typeof bases)[number]).json);
  const paths = pathsOfBase(base);
  for (const mutation of mutations) mutate(file, paths, mutation);
  return JSON.stringify(file);
}

/** Text-level damage: truncation, changed, inserted or deleted characters, a BOM, trailing garbage. */
type TextDamage = { d: 'truncate'; at: number } | { d: 'change'; at: number; char: string } | { d: 'insert'; at: number; text: string } | { d: 'delete'; at: number; length: number } | { d: 'wrap'; before: string; after: string };
const textDamageArb: fc.Arbitrary<TextDamage> = fc.oneof(
  { arbitrary: fc.record({ d: fc.constant('truncate' as const), at: fc.nat() }), weight: 3 },
  { arbitrary: fc.record({ d: fc.constant('change' as const), at: fc.nat(), char: fc.constantFrom('"', '{', '}', '[', ']', ',', ':', '0', '-', 'e', '\\', ' ', 'x', '\u0000') }), weight: 3 },
  { arbitrary: fc.record({ d: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('1', '.5', 'e400', '-', '"x":1,', '\\u0000')) }), weight: 2 },
  { arbitrary: fc.record({ d: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 20 }) }), weight: 2 },
  { arbitrary: fc.record({ d: fc.constant('wrap' as const), before: fc.constantFrom('', '\uFEFF', ' ', '[', 'x'), after: fc.constantFrom('', ' ', '\n', ']', '{}', 'x') }), weight: 1 },
);
function damage(text: string, d: TextDamage): string {
  const i = text.length ? ('at' in d ? d.at % text.length : 0) : 0;
  switch (d.d) {
    case 'truncate':
      return text.slice(0, i);
    case 'change':
      return text.slice(0, i) + d.char + text.slice(i + 1);
    case 'insert':
      return text.slice(0, i) + d.text + text.slice(i);
    case 'delete':
      return text.slice(0, i) + text.slice(i + d.length);
    case 'wrap':
      return d.before + text + d.after;
  }
}
type Damaged = { base: number; damage: TextDamage[] };
const damagedArb: fc.Arbitrary<Damaged> = fc.record({ base: fc.nat(), damage: fc.array(textDamageArb, { minLength: 1, maxLength: 3 }) });
const damagedText = ({ base, damage: ds }: Damaged): string => ds.reduce(damage, JSON.stringify((bases[base % bases.length] as (typeof bases)[number]).json));

/** Random JSON (sometimes made to look like a backup) and random strings. */
const randomTextArb = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'),
  fc.dictionary(fc.constantFrom('format', 'version', 'exportedAt', 'progress', 'reviews', 'settings', 'vaults', 'x'), oddValueArb).map((o) => JSON.stringify({ format: 'vaultcards-progress', ...o })),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 100 }),
);

// ------------------------------------------------------------------ what must hold

const MESSAGE_FORMS: { form: RegExp; nothingImported: boolean }[] = [
  { form: /^This backup file is damaged: /, nothingImported: true },
  { form: /^This is not a Vaultcards backup file \(it has no "format": "vaultcards-progress"\)\.$/, nothingImported: false },
  { form: /^This file is not valid JSON: /, nothingImported: true },
  { form: /^This file was made by a newer version of Vaultcards \(file version [^)]+\); this app reads versions 1 to 2\. Update the app, then import it again\.$/, nothingImported: false },
  { form: /^This file is \d+ MB; a backup file can be at most 200 MB\.$/, nothingImported: false },
];

const seen = { accepted: 0, refused: 0, forms: new Map<string, number>(), replaced: 0, merged: 0 };

/** The reader's answer is one of its documented forms; an accepted file keeps the schema's invariants and is the file itself. */
function checkAnswer(text: string, result: ParseResult): void {
  if (!result.ok) {
    seen.refused += 1;
    expect(Object.keys(result).sort()).toEqual(['message', 'ok']);
    const match = MESSAGE_FORMS.find((f) => f.form.test(result.message));
    expect(match, `an undocumented refusal: ${result.message.slice(0, 300)}`).toBeDefined();
    if (match?.nothingImported) expect(result.message.endsWith('Nothing was imported.'), result.message.slice(-200)).toBe(true);
    const form = match?.form.source.slice(1, 30) ?? '?';
    seen.forms.set(form, (seen.forms.get(form) ?? 0) + 1);
    return;
  }
  seen.accepted += 1;
  expect(Object.keys(result).sort()).toEqual(['file', 'ok', 'version']);
  const input = JSON.parse(text) as Record<string, unknown>;
  // Nothing is added, dropped or changed on the way in (a version 1 file gains an empty vault list).
  expect(result.version).toBe(input.version);
  expect(result.file).toEqual(result.version === 1 ? { ...input, version: 2, vaults: [] } : input);
  const file = result.file;
  const unique = (values: string[]) => expect(new Set(values).size).toBe(values.length);
  for (const r of file.reviews) expect(r.uid).toBe(`${r.cardId}@${r.review}`);
  unique(file.reviews.map((r) => r.uid));
  unique(file.progress.map((p) => p.cardId));
  unique(file.settings.map((s) => s.key));
  unique(file.vaults.map((v) => v.id));
  for (const row of file.settings) expect(row.key === BACKUP_META_KEY || Object.hasOwn(SETTING_CHECKS, row.key), row.key).toBe(true);
  for (const p of file.progress) {
    for (const n of [p.addedAt, p.memory.due, p.memory.reps, p.memory.lapses, p.memory.learningSteps]) expect(Number.isSafeInteger(n) && n >= 0).toBe(true);
  }
  for (const v of file.vaults) {
    expect(v.id).toMatch(/^[a-z0-9-]{1,45}$/);
    const paths = [...v.files, ...v.attachments].map((f) => f.path.toLowerCase());
    unique(paths);
    for (const f of v.files) {
      expect(f.text.includes('\u0000')).toBe(false);
      expect(f.text.length).toBeLessThanOrEqual(LIMITS.noteBytes);
    }
    for (const a of v.attachments) {
      expect(a.dataUrl.startsWith(`data:${a.mime};base64,`)).toBe(true);
      expect(Number.isSafeInteger(a.bytes) && a.bytes >= 0 && a.bytes <= LIMITS.imageBytes).toBe(true);
    }
  }
}

async function readerHolds(text: string): Promise<ParseResult> {
  let result: ParseResult | undefined;
  try {
    result = await parseProgressFile(text);
  } catch (error) {
    expect.fail(`parseProgressFile threw ${String(error)}`);
  }
  checkAnswer(text, result);
  return result;
}

afterAll(() => {
  console.info(`backup reader: ${seen.accepted} accepted, ${seen.refused} refused; refusals by form: ${JSON.stringify(Object.fromEntries(seen.forms))}; imported with replace: ${seen.replaced}, merged twice: ${seen.merged}`);
});

// ------------------------------------------------------------------ the properties

const params = (numRuns: number) => ({ numRuns, seed: SEED });
const READER_RUNS = RUNS.mutated + RUNS.text + RUNS.random;

describe(`parseProgressFile on ${READER_RUNS} random and mutated files`, () => {
  it(
    `${RUNS.mutated} real exports with 1-4 mutations: never throws, answers a documented form, accepts only a file that keeps the schema's invariants, unchanged`,
    async () => {
      await fc.assert(
        fc.asyncProperty(mutatedArb, async (mutated) => {
          await readerHolds(mutatedText(mutated));
        }),
        params(RUNS.mutated),
      );
      // The mutations are not all fatal: some mutated files are accepted, and every form of refusal is met.
      expect(seen.accepted).toBeGreaterThan(RUNS.mutated / 50);
    },
    TIMEOUT,
  );

  it(
    `${RUNS.text} real exports truncated or with characters changed: the same`,
    async () => {
      await fc.assert(
        fc.asyncProperty(damagedArb, async (damaged) => {
          await readerHolds(damagedText(damaged));
        }),
        params(RUNS.text),
      );
    },
    TIMEOUT,
  );

  it(
    `${RUNS.random} random JSON values and strings: the same`,
    async () => {
      await fc.assert(
        fc.asyncProperty(randomTextArb, async (text) => {
          await readerHolds(text);
        }),
        params(RUNS.random),
      );
      for (const form of ['This backup file is damaged', 'This is not a Vaultcards', 'This file is not valid JSON', 'This file was made by a ne'])
        expect([...seen.forms.keys()].some((k) => k.replaceAll('\\', '').startsWith(form)), form).toBe(true);
    },
    TIMEOUT,
  );
});

/** Sorted as the export sorts, for comparing a file with an export. */
function canonical(file: ProgressFile): ProgressFile {
  const by = <T>(key: (x: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  return {
    ...file,
    exportedAt: 0,
    progress: [...file.progress].sort(by((p) => p.cardId)),
    reviews: [...file.reviews].sort(by((r) => r.uid)),
    settings: file.settings.filter((s) => s.key !== BACKUP_META_KEY).sort(by((s) => s.key)),
    vaults: [...file.vaults].sort(by((v) => v.id)),
  };
}

/** Files for the import properties: mutated ones (accepted or not) and the bases themselves. */
const importFileArb: fc.Arbitrary<Mutated> = fc.oneof({ arbitrary: mutatedArb, weight: 4 }, { arbitrary: fc.record({ base: fc.nat(), mutations: fc.constant<Mutation[]>([]) }), weight: 1 });

/** As the app's Import button does it: check, then import only an accepted file. */
async function restore(db: VaultcardsDB, text: string, mode: ImportMode): Promise<ParseResult> {
  const parsed = await parseProgressFile(text);
  if (parsed.ok) await importProgress(db, parsed.file, mode, scheduler, parsed.version);
  return parsed;
}

describe('importing random and mutated files (IndexedDB)', () => {
  it(
    `${RUNS.replace} accepted files (mutated or not): each restored with "replace" over other data exports as the file (without exportedAt and backup-meta)`,
    async () => {
      let imported = 0;
      await fc.assert(
        fc.asyncProperty(importFileArb, async (file) => {
          const parsed = await parseProgressFile(mutatedText(file));
          // Only accepted files count as runs (about a third of the drawn ones are).
          fc.pre(parsed.ok);
          if (!parsed.ok) return;
          imported += 1;
          seen.replaced += 1;
          const db = freshDb();
          await otherData(db);
          const before = await exportOf(db);
          await importProgress(db, parsed.file, 'replace', scheduler, parsed.version);
          const after = await exportOf(db);
          // A version 1 file holds progress only: the sandbox and own notes of the device stay.
          const expected =
            parsed.version === 1
              ? { ...parsed.file, settings: [...parsed.file.settings.filter((s) => s.key !== SANDBOX_STATE_KEY), ...before.settings.filter((s) => s.key === SANDBOX_STATE_KEY)], vaults: before.vaults }
              : parsed.file;
          expect(canonical(after)).toEqual(canonical(expected));
          // The device's own backup time is neither exported nor overwritten.
          expect((await db.settings.get(BACKUP_META_KEY))?.value).toEqual({ lastBackupAt: 42, snoozedUntil: null });
          await closeDbs();
        }),
        params(RUNS.replace),
      );
      expect(imported).toBe(RUNS.replace);
    },
    TIMEOUT,
  );

  it(
    `${RUNS.refused} refused files, each tried with "replace" and "merge": the database is exactly as it was`,
    async () => {
      const db = freshDb();
      await useEverythingAndMore(db);
      await otherData(db);
      const before = await exportOf(db);
      const meta = await db.settings.get(BACKUP_META_KEY);
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(fc.oneof(mutatedArb, damagedArb), fc.constantFrom<ImportMode>('replace', 'merge'), async (bad, mode) => {
          const text = 'mutations' in bad ? mutatedText(bad) : damagedText(bad);
          // An accepted file would change the database; only refused files are the point here.
          fc.pre(!(await parseProgressFile(text)).ok);
          expect((await restore(db, text, mode)).ok).toBe(false);
          refused += 1;
          expect(await exportOf(db)).toEqual(before);
          expect(await db.settings.get(BACKUP_META_KEY)).toEqual(meta);
        }),
        params(RUNS.refused),
      );
      expect(refused).toBe(RUNS.refused);
    },
    TIMEOUT,
  );

  it(
    `${RUNS.merge} devices merged with an accepted file (over other data): merging their own export into them changes nothing`,
    async () => {
      let merged = 0;
      await fc.assert(
        fc.asyncProperty(importFileArb, async (file) => {
          const parsed = await parseProgressFile(mutatedText(file));
          // Only accepted files count as runs (about a third of the drawn ones are).
          fc.pre(parsed.ok);
          if (!parsed.ok) return;
          merged += 1;
          seen.merged += 1;
          const db = freshDb();
          await otherData(db);
          await importProgress(db, parsed.file, 'merge', scheduler, parsed.version);
          const before = await exportOf(db);
          const summary = await importProgress(db, before, 'merge', scheduler);
          expect(summary).toEqual({ cards: 0, reviewsAdded: 0, cardsReplayed: 0, vaults: 0 });
          expect(await exportOf(db)).toEqual(before);
          await closeDbs();
        }),
        params(RUNS.merge),
      );
      expect(merged).toBe(RUNS.merge);
    },
    TIMEOUT,
  );
});
