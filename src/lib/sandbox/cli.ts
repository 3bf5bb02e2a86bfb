/**
 * The sandbox's command box: reads `aws backup ...` lines the way the AWS CLI
 * reads them and prints what it would print, so a learner practises the real
 * commands without an AWS account.
 *
 * - `tokenize` splits a line like a POSIX shell (quotes, backslashes), so
 *   pasted JSON in single quotes works.
 * - `parseCommand` turns a line into an operation name and its input, with the
 *   AWS CLI's rules: options are the kebab-case input members, booleans are
 *   `--x` / `--no-x` flags, lists of strings take several words, structures and
 *   maps take JSON or the shorthand `Key=Value,Key2=Value2`, timestamps take
 *   ISO 8601 or epoch seconds, missing required options and unknown options are
 *   refused with the AWS CLI's messages.
 * - `formatOutput` prints a result as AWS CLI v2 does (4-space JSON, ISO 8601
 *   timestamps with a `+00:00` offset), or as its `text` output; `applyQuery`
 *   runs a `--query` (a JMESPath subset); `formatError` prints a refusal.
 * - `helpFor` and `complete` document and complete commands, options and enum
 *   values; `execute` ties it all together for a command box.
 *
 * The command table comes from `cli.generated.ts` (generated from the AWS
 * Backup API model). Everything here is pure: no DOM, no I/O, no clock.
 */
import type { ApiOutput, BackupApi, CallContext } from './api.ts';
import { BackupError } from './errors.ts';
import { CLI_COMMANDS, OTHER_COMMANDS, STRUCTURES, type CliCommand, type CliOption } from './cli.generated.ts';

/** Output formats the sandbox prints (`--output table` and `yaml` are refused with a CliError). */
export type OutputFormat = 'json' | 'text';

/** A command line, understood. */
export interface ParsedCommand {
  /** The AWS operation, e.g. `CreateBackupVault`. */
  operation: string;
  /** The CLI command, e.g. `create-backup-vault`. */
  command: string;
  /** The operation's input (PascalCase members; timestamps as `Date`). */
  input: Record<string, unknown>;
  /** `--region`, when given. */
  region?: string;
  /** `--output` (default `json`). */
  output: OutputFormat;
  /** `--query`, when given (already checked to be in the supported subset). */
  query?: string;
}

/** A line the AWS CLI would refuse before calling AWS; the message says what is wrong, in the AWS CLI's words where it has some. */
export class CliError extends Error {
  override readonly name = 'CliError';
}

// ---------------------------------------------------------------------------
// Command table

const BY_NAME = new Map<string, CliCommand>();
for (const c of CLI_COMMANDS) {
  BY_NAME.set(c.name, c);
  BY_NAME.set(c.operation, c);
}

/** The command for a CLI name (`create-backup-vault`) or an operation name (`CreateBackupVault`). */
export function findCommand(name: string): CliCommand | undefined {
  return BY_NAME.get(name);
}

/** Global options that take a value, and those that are flags. Only the first four do something in the sandbox. */
const GLOBAL_WITH_VALUE = new Set([
  '--region',
  '--output',
  '--query',
  '--cli-input-json',
  '--endpoint-url',
  '--profile',
  '--color',
  '--ca-bundle',
  '--cli-read-timeout',
  '--cli-connect-timeout',
  '--cli-binary-format',
]);
const GLOBAL_FLAGS = new Set(['--no-cli-pager', '--no-paginate', '--debug', '--no-sign-request', '--no-verify-ssl']);
/** The global options offered by completion and help (the rest are accepted silently). */
const GLOBAL_SHOWN = ['--region', '--output', '--query', '--cli-input-json'];
const NOT_SUPPORTED = new Set(['--generate-cli-skeleton', '--cli-auto-prompt', '--max-items', '--starting-token', '--page-size']);

// ---------------------------------------------------------------------------
// Tokenizer

interface Word {
  text: string;
  /** Index in the line of the word's first character (a quote included). */
  start: number;
}

interface Lexed {
  words: Word[];
  /** The line ends inside a quote (only in lenient mode). */
  open: boolean;
  /** The line ends with whitespace outside quotes: the next word has not started. */
  trailingSpace: boolean;
}

const SPACE = /\s/;

function lex(line: string, lenient: boolean): Lexed {
  const words: Word[] = [];
  let cur = '';
  let inWord = false;
  let start = 0;
  let open = false;
  const begin = (at: number) => {
    if (!inWord) {
      inWord = true;
      cur = '';
      start = at;
    }
  };
  let i = 0;
  while (i < line.length) {
    const ch = line[i]!;
    if (SPACE.test(ch)) {
      if (inWord) words.push({ text: cur, start });
      inWord = false;
      i++;
    } else if (ch === '\\') {
      const next = line[i + 1];
      if (next === '\n') {
        i += 2; // line continuation
      } else {
        begin(i);
        cur += next ?? '\\';
        i += 2;
      }
    } else if (ch === "'") {
      begin(i);
      const end = line.indexOf("'", i + 1);
      if (end < 0) {
        if (!lenient) throw new CliError("Bad command line: a single quote (') is not closed");
        cur += line.slice(i + 1);
        open = true;
        i = line.length;
      } else {
        cur += line.slice(i + 1, end);
        i = end + 1;
      }
    } else if (ch === '"') {
      begin(i);
      let j = i + 1;
      let closed = false;
      while (j < line.length) {
        const c = line[j]!;
        if (c === '"') {
          closed = true;
          break;
        }
        if (c === '\\' && j + 1 < line.length) {
          const n = line[j + 1]!;
          if (n === '\n') {
            j += 2;
            continue;
          }
          if (n === '"' || n === '\\' || n === '$' || n === '`') {
            cur += n;
            j += 2;
            continue;
          }
        }
        cur += c;
        j++;
      }
      if (!closed) {
        if (!lenient) throw new CliError('Bad command line: a double quote (") is not closed');
        open = true;
      }
      i = j + 1;
    } else {
      begin(i);
      cur += ch;
      i++;
    }
  }
  const last = line[line.length - 1];
  const trailingSpace = !inWord && (line.length === 0 || (last !== undefined && SPACE.test(last)));
  if (inWord) words.push({ text: cur, start });
  return { words, open, trailingSpace };
}

/**
 * Splits a command line into words like a POSIX shell does: whitespace
 * separates words; single quotes keep everything literally; double quotes keep
 * everything but `\"`, `\\`, `\$` and `` \` ``; a backslash outside quotes
 * escapes the next character; backslash-newline continues the line. So
 * `--backup-plan '{"BackupPlanName":"x"}'` gives one word of JSON.
 *
 * @throws CliError when a quote is not closed.
 */
export function tokenize(line: string): string[] {
  return lex(line, false).words.map((w) => w.text);
}

// ---------------------------------------------------------------------------
// Values

function parseError(option: string, detail: string): CliError {
  return new CliError(`Error parsing parameter '${option}': ${detail}`);
}

const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * A timestamp the way the AWS CLI accepts one: ISO 8601 (`2026-01-02`,
 * `2026-01-02T00:00:00Z`, with an offset or fractions) or epoch seconds. A time
 * without an offset is UTC (the AWS CLI would take the computer's zone; the
 * sandbox clock is UTC). Undefined when the text is neither.
 */
export function parseTimestamp(text: string): Date | undefined {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) {
    const d = new Date(Math.round(Number(t) * 1000));
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  const m = ISO_TIME.exec(t);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  let ms = Date.UTC(year, month - 1, day, hour, minute, second, Number((frac + '000').slice(0, 3)));
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59)
    return undefined;
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offset = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
    ms -= sign * offset * 60_000;
  }
  return new Date(ms);
}

function parseJson(option: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw parseError(option, `Invalid JSON: ${why}\nJSON received: ${text}`);
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** Refuses `file://` values: the sandbox has no files (paste the content instead). */
function refuseFile(option: string, text: string): void {
  if (/^fileb?:\/\//i.test(text.trim()))
    throw parseError(option, `${text.trim().split('//')[0]}// values are not supported in the sandbox (there are no files): paste the value itself`);
}

// --- Shorthand syntax -------------------------------------------------------
// The AWS CLI's shorthand grammar (`Key=Value,Key2=[a,b],Key3={K=V}`, a bare
// `Key=a,b` being a list), with its character classes and messages.

const SH_START = '!#-&(-+\\--<>-Z\\\\-z|-\\uffff';
const SH_FIRST_FOLLOW = '\\s!#-&(-+\\--\\\\^-|~-\\uffff';
const SH_SECOND_FOLLOW = '\\s!#-&(-+\\--<>-\\uffff';
const SH_FIRST = new RegExp(`(?:\\\\,|[${SH_START}])(?:\\\\,|[${SH_FIRST_FOLLOW}])*`, 'uy');
const SH_SECOND = new RegExp(`(?:\\\\,|[${SH_START}])(?:\\\\,|[${SH_SECOND_FOLLOW}])*`, 'uy');
const SH_SINGLE = /'(?:\\'|[^'])*'/y;
const SH_DOUBLE = /"(?:\\"|[^"])*"/y;
const SH_KEY = /[A-Za-z0-9\-_.#/:]*/y;

class ShorthandSyntaxError extends Error {}

type Shorthand = string | Shorthand[] | { [key: string]: Shorthand };

class ShorthandParser {
  #s: string;
  #i = 0;

  constructor(s: string) {
    this.#s = s;
  }

  parse(): Record<string, Shorthand> {
    const params: Record<string, Shorthand> = {};
    let [key, value] = this.#keyval();
    params[key] = value;
    let last = this.#i;
    while (this.#i < this.#s.length) {
      this.#expect(',', true);
      [key, value] = this.#keyval();
      if (Object.hasOwn(params, key))
        throw new ShorthandSyntaxError(
          `Second instance of key "${key}" encountered for input:\n${this.#location(last + 1)}\nThis is often because there is a preceding "," instead of a space.`,
        );
      params[key] = value;
      last = this.#i;
    }
    return params;
  }

  #keyval(): [string, Shorthand] {
    const key = this.#match(SH_KEY) ?? '';
    this.#ws();
    if (this.#cur() === '@') throw new ShorthandSyntaxError(`"${key}@=" reads a file, and the sandbox has no files: write the value itself`);
    this.#expect('=', true);
    return [key, this.#values()];
  }

  #values(): Shorthand {
    if (this.#eof()) return '';
    if (this.#cur() === '[') return this.#list();
    if (this.#cur() === '{') return this.#hash();
    return this.#csv();
  }

  #csv(): Shorthand {
    const first = this.#firstValue();
    this.#ws();
    if (this.#eof() || this.#cur() !== ',') return first;
    this.#expect(',', true);
    const list: Shorthand[] = [first];
    for (;;) {
      try {
        const v = this.#secondValue();
        this.#ws();
        if (this.#eof()) {
          list.push(v);
          break;
        }
        this.#expect(',', true);
        list.push(v);
      } catch (e) {
        if (!(e instanceof ShorthandSyntaxError) || this.#eof()) throw e;
        // `a=b,c=d`: what followed the comma was the next key; step back to the comma.
        while (this.#i >= 0 && this.#s[this.#i] !== ',') this.#i--;
        break;
      }
    }
    return list.length === 1 ? first : list;
  }

  #list(): Shorthand[] {
    this.#expect('[', true);
    const values: Shorthand[] = [];
    while (this.#cur() !== ']') {
      values.push(this.#explicitValue());
      this.#ws();
      if (this.#cur() !== ']') {
        this.#expect(',');
        this.#ws();
      }
    }
    this.#expect(']');
    return values;
  }

  #hash(): { [key: string]: Shorthand } {
    this.#expect('{', true);
    const out: { [key: string]: Shorthand } = {};
    while (this.#cur() !== '}') {
      const key = this.#match(SH_KEY) ?? '';
      this.#expect('=', true);
      const v = this.#explicitValue();
      this.#ws();
      if (this.#cur() !== '}') {
        this.#expect(',');
        this.#ws();
      }
      out[key] = v;
    }
    this.#expect('}');
    return out;
  }

  #explicitValue(): Shorthand {
    if (this.#cur() === '[') return this.#list();
    if (this.#cur() === '{') return this.#hash();
    return this.#firstValue();
  }

  #firstValue(): string {
    if (this.#cur() === "'") return this.#quoted(SH_SINGLE, "'");
    if (this.#cur() === '"') return this.#quoted(SH_DOUBLE, '"');
    const v = this.#match(SH_FIRST);
    return v === undefined ? '' : v.replaceAll('\\,', ',').trimEnd();
  }

  #secondValue(): string {
    if (this.#cur() === "'") return this.#quoted(SH_SINGLE, "'");
    if (this.#cur() === '"') return this.#quoted(SH_DOUBLE, '"');
    const v = this.#match(SH_SECOND);
    if (v === undefined) throw this.#syntax('<second>', '<none>');
    return v.replaceAll('\\,', ',').trimEnd();
  }

  #quoted(re: RegExp, q: string): string {
    const v = this.#match(re);
    if (v === undefined) throw this.#syntax(q === "'" ? '<singled quoted>' : '<double quoted>', '<none>');
    return v.slice(1, -1).replaceAll('\\' + q, q).replaceAll('\\\\', '\\');
  }

  #match(re: RegExp): string | undefined {
    re.lastIndex = this.#i;
    const m = re.exec(this.#s);
    if (!m) return undefined;
    this.#i += m[0].length;
    return m[0];
  }

  #expect(ch: string, ws = false): void {
    if (ws) this.#ws();
    if (this.#eof()) throw this.#syntax(ch, 'EOF');
    const actual = this.#s[this.#i]!;
    if (actual !== ch) throw this.#syntax(ch, actual);
    this.#i++;
    if (ws) this.#ws();
  }

  #syntax(expected: string, actual: string): ShorthandSyntaxError {
    return new ShorthandSyntaxError(`Expected: '${expected}', received: '${actual}' for input:\n${this.#location(this.#i)}`);
  }

  /** The input with a caret under `index` (on the line where it falls). */
  #location(index: number): string {
    const s = this.#s;
    const lineStart = s.lastIndexOf('\n', index - 1) + 1;
    const nl = s.indexOf('\n', index);
    const consumed = nl < 0 ? s : s.slice(0, nl);
    const rest = nl < 0 ? '' : s.slice(nl);
    return `${consumed}\n${' '.repeat(index - lineStart)}^${rest}`;
  }

  #cur(): string | undefined {
    return this.#s[this.#i];
  }

  #eof(): boolean {
    return this.#i >= this.#s.length;
  }

  #ws(): void {
    while (!this.#eof() && SPACE.test(this.#s[this.#i]!)) this.#i++;
  }
}

/** Parses the AWS CLI shorthand `Key=Value,...` into strings, lists and objects (types come later, from the model). */
function parseShorthand(option: string, text: string): Record<string, Shorthand> {
  try {
    return new ShorthandParser(text).parse();
  } catch (e) {
    if (e instanceof ShorthandSyntaxError) throw parseError(option, e.message);
    throw e;
  }
}

// --- Typing values by the model ---------------------------------------------

function describeType(type: string): string {
  if (type.endsWith('[]')) return `a list of ${describeType(type.slice(0, -2))}`;
  if (type.startsWith('{')) return 'a map';
  if (type.startsWith('@')) return 'a structure';
  return type === 'long' || type === 'integer' ? 'an integer' : `a ${type}`;
}

/**
 * Gives a parsed value the model's types: in shorthand (where everything is a
 * string) integers, booleans and lists are converted as the AWS CLI converts
 * them; in JSON and shorthand alike timestamps become `Date`s and members that
 * the structure does not have are refused, as botocore's validation does.
 */
function coerce(value: unknown, type: string, shorthand: boolean, path: string, option: string): unknown {
  if (value === null || value === undefined) return value;
  if (type.endsWith('[]')) {
    const item = type.slice(0, -2);
    const list = Array.isArray(value) ? value : shorthand ? [value] : value;
    if (!Array.isArray(list)) return value;
    return list.map((v, i) => coerce(v, item, shorthand, `${path}[${i}]`, option));
  }
  if (type.startsWith('{')) {
    if (!isRecord(value)) return value;
    const inner = type.slice(1, -1);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = coerce(v, inner, shorthand, `${path}.${k}`, option);
    return out;
  }
  if (type.startsWith('@')) {
    const fields = STRUCTURES[type.slice(1)];
    if (!fields || !isRecord(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const fieldType = fields[k];
      if (fieldType === undefined)
        throw new CliError(`Parameter validation failed:\nUnknown parameter in ${path}: "${k}", must be one of: ${Object.keys(fields).join(', ')}`);
      out[k] = coerce(v, fieldType, shorthand, `${path}.${k}`, option);
    }
    return out;
  }
  if (typeof value !== 'string' && !(type === 'timestamp' && typeof value === 'number')) return value;
  switch (type) {
    case 'integer':
    case 'long':
      if (!shorthand) return value;
      if (!/^[+-]?\d+$/.test(value as string)) throw parseError(option, `${path} must be ${describeType(type)}, received: '${String(value)}'`);
      return Number(value);
    case 'double':
      if (!shorthand) return value;
      if (!Number.isFinite(Number(value)) || (value as string).trim() === '')
        throw parseError(option, `${path} must be a number, received: '${String(value)}'`);
      return Number(value);
    case 'boolean':
      return shorthand ? (value as string).toLowerCase() === 'true' : value;
    case 'timestamp': {
      const d = typeof value === 'number' ? new Date(value * 1000) : parseTimestamp(value as string);
      if (d === undefined || Number.isNaN(d.getTime()))
        throw new CliError(
          `Parameter validation failed:\nInvalid timestamp for parameter ${path}, value: ${String(value)}: use ISO 8601 (2026-01-02T00:00:00Z) or epoch seconds`,
        );
      return d;
    }
    default:
      return value;
  }
}

function typeOf(opt: CliOption): string {
  return opt.type ?? opt.kind;
}

/** The value of an option that takes one word. */
function singleValue(opt: CliOption, text: string): unknown {
  refuseFile(opt.option, text);
  switch (opt.kind) {
    case 'string':
      return text;
    case 'integer':
    case 'long':
      if (!/^[+-]?\d+$/.test(text.trim())) throw new CliError(`aws: error: argument ${opt.option}: invalid int value: '${text}'`);
      return Number(text.trim());
    case 'timestamp': {
      const d = parseTimestamp(text);
      if (!d)
        throw new CliError(
          `Parameter validation failed:\nInvalid timestamp for parameter ${opt.member}, value: ${text}: use ISO 8601 (2026-01-02T00:00:00Z) or epoch seconds`,
        );
      return d;
    }
    case 'structure':
    case 'map': {
      const trimmed = text.trim();
      if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
        const v = parseJson(opt.option, text);
        if (!isRecord(v)) throw parseError(opt.option, `expected a JSON object, received: ${text}`);
        return coerce(v, typeOf(opt), false, opt.member, opt.option);
      }
      return coerce(parseShorthand(opt.option, text), typeOf(opt), true, opt.member, opt.option);
    }
    default:
      throw new Error(`unexpected kind ${opt.kind}`);
  }
}

/** The value of a list option from the words after it. */
function listValue(opt: CliOption, words: string[]): unknown[] {
  for (const w of words) refuseFile(opt.option, w);
  const type = typeOf(opt);
  const first = words[0] ?? '';
  if (words.length === 1 && first.trim().startsWith('[')) {
    const v = parseJson(opt.option, first);
    if (!Array.isArray(v)) throw parseError(opt.option, `expected a JSON array, received: ${first}`);
    return coerce(v, type, false, opt.member, opt.option) as unknown[];
  }
  if (opt.items === 'structure') {
    const item = type.slice(0, -2);
    return words.map((w, i) => {
      const t = w.trim();
      if (t.startsWith('{')) {
        const v = parseJson(opt.option, w);
        if (!isRecord(v)) throw parseError(opt.option, `expected a JSON object, received: ${w}`);
        return coerce(v, item, false, `${opt.member}[${i}]`, opt.option);
      }
      return coerce(parseShorthand(opt.option, w), item, true, `${opt.member}[${i}]`, opt.option);
    });
  }
  return words;
}

// ---------------------------------------------------------------------------
// Suggestions

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/** Commands close to a mistyped one: by edit distance, and those that have every word of it. */
function suggestions(word: string): string[] {
  const parts = word.toLowerCase().split('-').filter(Boolean);
  const scored = CLI_COMMANDS.map((c) => {
    const d = editDistance(word.toLowerCase(), c.name);
    const similarity = 1 - d / Math.max(word.length, c.name.length);
    const words = c.name.split('-');
    const all = parts.length > 0 && parts.every((p) => words.includes(p));
    return { name: c.name, d, score: similarity + (all ? 0.3 : 0), keep: similarity >= 0.6 || all };
  }).filter((s) => s.keep);
  scored.sort((a, b) => b.score - a.score || a.d - b.d || a.name.localeCompare(b.name));
  return scored.slice(0, 3).map((s) => s.name);
}

function unknownCommand(word: string): CliError {
  if (OTHER_COMMANDS.includes(word))
    return new CliError(
      `aws: error: ${word} is an AWS Backup command that the sandbox does not simulate; run "aws backup help" for the ${CLI_COMMANDS.length} commands it answers`,
    );
  const close = suggestions(word);
  if (close.length > 0) return new CliError(`aws: error: argument operation: Invalid choice: '${word}', maybe you meant: ${close.join(', ')}`);
  return new CliError(`aws: error: argument operation: Invalid choice: '${word}'; run "aws backup help" for the ${CLI_COMMANDS.length} commands of the sandbox`);
}

// ---------------------------------------------------------------------------
// Parsing a line

interface Globals {
  region?: string;
  output?: string;
  query?: string;
  cliInputJson?: string;
}

/** Reads the global option at `words[i]` into `g`; returns the index after it, or -1 when it is not a global option. */
function readGlobal(words: string[], i: number, g: Globals): number {
  const word = words[i]!;
  const eq = word.indexOf('=');
  const name = word.startsWith('--') && eq > 0 ? word.slice(0, eq) : word;
  if (GLOBAL_FLAGS.has(name)) {
    if (eq > 0) throw new CliError(`aws: error: argument ${name}: ignored explicit argument '${word.slice(eq + 1)}'`);
    return i + 1;
  }
  if (!GLOBAL_WITH_VALUE.has(name)) return -1;
  let value: string;
  let next: number;
  if (eq > 0) {
    value = word.slice(eq + 1);
    next = i + 1;
  } else {
    const v = words[i + 1];
    if (v === undefined || v.startsWith('--')) throw new CliError(`aws: error: argument ${name}: expected one argument`);
    value = v;
    next = i + 2;
  }
  if (name === '--region') g.region = value;
  else if (name === '--output') g.output = value;
  else if (name === '--query') g.query = value;
  else if (name === '--cli-input-json') g.cliInputJson = value;
  return next;
}

/** Where the command word is: after `aws backup` (global options allowed before it), or first on the line. */
function locateCommand(words: string[], g: Globals): number {
  let i = 0;
  const skipGlobals = () => {
    for (;;) {
      const w = words[i];
      if (w === undefined || !w.startsWith('--')) return;
      const next = readGlobal(words, i, g);
      if (next < 0) return;
      i = next;
    }
  };
  if (words[0] === 'aws') {
    i = 1;
    skipGlobals();
    const service = words[i];
    if (service === undefined) throw new CliError('aws: error: the following arguments are required: command');
    if (service !== 'backup')
      throw new CliError(
        `aws: error: argument command: Invalid choice: '${service}': the sandbox simulates AWS Backup only, so commands start with "aws backup"`,
      );
    i++;
  } else if (words[0] === 'backup') {
    i = 1;
  }
  skipGlobals();
  if (words[i] === undefined) throw new CliError('aws: error: the following arguments are required: operation');
  return i;
}

function isHelpWord(w: string | undefined): boolean {
  return w === 'help' || w === '--help' || w === '-h';
}

/**
 * Whether a line asks for help (`aws help`, `aws backup help`,
 * `aws backup <command> help`; `--help` and `-h` too), and for which command.
 * Undefined when the line is not a help request. Check this before
 * `parseCommand`, which refuses help lines.
 */
export function helpTarget(line: string): { command?: string } | undefined {
  let words: string[];
  try {
    words = tokenize(line);
  } catch {
    return undefined;
  }
  if (!isHelpWord(words[words.length - 1])) return undefined;
  const rest = words.slice(0, -1);
  if (rest[0] === 'aws') rest.shift();
  if (rest[0] === 'backup') rest.shift();
  const plain = rest.filter((w) => !w.startsWith('--'));
  if (plain.length === 0) return {};
  if (plain.length === 1 && rest.length === 1) return { command: plain[0]! };
  return undefined;
}

/**
 * Reads an `aws backup <command> [options]` line (also `<command> [options]`
 * alone) into the operation and its input, as the AWS CLI would before it
 * calls AWS. Global options: `--region`, `--output json|text`, `--query`
 * (a JMESPath subset, see `applyQuery`), `--cli-input-json` (merged under the
 * options of the line); `--endpoint-url`, `--profile`, `--no-cli-pager`,
 * `--no-paginate`, `--debug` and a few more are accepted and ignored. Enum
 * values are not checked (the AWS CLI does not check them either).
 *
 * @example parseCommand("aws backup create-backup-vault --backup-vault-name prod --backup-vault-tags team=ops")
 *   // → { operation: 'CreateBackupVault', command: 'create-backup-vault', input: { BackupVaultName: 'prod', BackupVaultTags: { team: 'ops' } }, output: 'json' }
 * @throws CliError naming the problem, in the AWS CLI's words where it has some.
 */
export function parseCommand(line: string): ParsedCommand {
  const words = tokenize(line);
  if (words.length === 0) throw new CliError('aws: error: the following arguments are required: command');
  const g: Globals = {};
  const at = locateCommand(words, g);
  const name = words[at]!;
  if (isHelpWord(name) || helpTarget(line))
    throw new CliError(`"${line.trim()}" asks for help: show helpFor() instead of running it`);
  const cmd = BY_NAME.get(name);
  if (!cmd || name !== cmd.name) throw unknownCommand(name);

  const options = new Map<string, CliOption>();
  for (const o of cmd.options) {
    options.set(o.option, o);
    if (o.kind === 'boolean') options.set(`--no-${o.option.slice(2)}`, o);
  }
  const input: Record<string, unknown> = {};
  const unknown: string[] = [];
  let i = at + 1;
  while (i < words.length) {
    const word = words[i]!;
    if (!word.startsWith('--')) {
      unknown.push(word);
      i++;
      continue;
    }
    const eq = word.indexOf('=');
    const flag = eq > 0 ? word.slice(0, eq) : word;
    const inline = eq > 0 ? word.slice(eq + 1) : undefined;
    const opt = options.get(flag);
    if (!opt) {
      const next = readGlobal(words, i, g);
      if (next >= 0) {
        i = next;
        continue;
      }
      if (NOT_SUPPORTED.has(flag)) throw new CliError(`aws: error: ${flag} is not supported in the sandbox`);
      unknown.push(word);
      i++;
      continue;
    }
    if (opt.kind === 'boolean') {
      if (inline !== undefined) throw new CliError(`aws: error: argument ${flag}: ignored explicit argument '${inline}'`);
      input[opt.member] = flag === opt.option;
      i++;
      continue;
    }
    if (opt.kind === 'list') {
      const values: string[] = [];
      if (inline !== undefined) values.push(inline);
      i++;
      while (i < words.length && !words[i]!.startsWith('--')) values.push(words[i++]!);
      if (values.length === 0) throw new CliError(`aws: error: argument ${opt.option}: expected at least one argument`);
      input[opt.member] = listValue(opt, values);
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const v = words[i + 1];
      if (v === undefined || v.startsWith('--')) throw new CliError(`aws: error: argument ${opt.option}: expected one argument`);
      value = v;
      i += 2;
    } else {
      i++;
    }
    input[opt.member] = singleValue(opt, value);
  }

  let merged = input;
  if (g.cliInputJson !== undefined) {
    const json = parseJson('--cli-input-json', g.cliInputJson);
    if (!isRecord(json)) throw parseError('--cli-input-json', `expected a JSON object, received: ${g.cliInputJson}`);
    const fromJson: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(json)) {
      const opt = cmd.options.find((o) => o.member === k);
      if (!opt)
        throw new CliError(
          `Parameter validation failed:\nUnknown parameter in input: "${k}", must be one of: ${cmd.options.map((o) => o.member).join(', ')}`,
        );
      fromJson[k] = coerce(v, typeOf(opt), false, k, '--cli-input-json');
    }
    merged = { ...fromJson, ...input };
  }

  const missing = cmd.options.filter((o) => o.required && merged[o.member] === undefined).map((o) => o.option);
  if (missing.length > 0) throw new CliError(`aws: error: the following arguments are required: ${missing.join(', ')}`);
  if (unknown.length > 0) throw new CliError(`Unknown options: ${unknown.join(', ')}`);

  const output = g.output ?? 'json';
  if (output === 'table' || output === 'yaml' || output === 'yaml-stream')
    throw new CliError(`aws: error: --output ${output} is not supported in the sandbox: use --output json or --output text`);
  if (output !== 'json' && output !== 'text')
    throw new CliError(`aws: error: argument --output: Invalid choice: '${output}', valid choices are: json | text | table`);
  if (g.query !== undefined) compileQuery(g.query);

  const parsed: ParsedCommand = { operation: cmd.operation, command: cmd.name, input: merged, output };
  if (g.region !== undefined) parsed.region = g.region;
  if (g.query !== undefined) parsed.query = g.query;
  return parsed;
}

// ---------------------------------------------------------------------------
// Output

/** `2026-01-01T05:00:00+00:00`, with `.ffffff` only when there are fractions: Python's `isoformat()`, as AWS CLI v2 prints. */
function isoTimestamp(d: Date): string {
  if (Number.isNaN(d.getTime())) return 'Invalid Date';
  const iso = d.toISOString();
  const ms = d.getUTCMilliseconds();
  return `${iso.slice(0, 19)}${ms ? `.${String(ms).padStart(3, '0')}000` : ''}+00:00`;
}

/** The output as the AWS CLI sees it: timestamps as ISO 8601 strings, no `undefined` members. */
function cliData(value: unknown): unknown {
  if (value instanceof Date) return isoTimestamp(value);
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : cliData(v)));
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = cliData(v);
    return out;
  }
  return value;
}

function pyStr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  return String(v);
}

const isScalar = (v: unknown) => !Array.isArray(v) && !isRecord(v);

/** The AWS CLI's `--output text`: scalars of a structure on one tab-separated line, nested parts below under their upper-cased key. */
function textLines(item: unknown, out: string[], identifier?: string, scalarKeys?: string[]): void {
  if (isRecord(item)) {
    const scalars: string[] = [];
    const nested: [string, unknown][] = [];
    if (scalarKeys === undefined) {
      for (const key of Object.keys(item).sort()) {
        const v = item[key];
        if (isScalar(v)) scalars.push(pyStr(v));
        else nested.push([key, v]);
      }
    } else {
      for (const key of scalarKeys) scalars.push(key in item ? pyStr(item[key]) : '');
      for (const key of Object.keys(item).sort()) if (!scalarKeys.includes(key)) nested.push([key, item[key]]);
    }
    if (scalars.length > 0) out.push([...(identifier !== undefined ? [identifier.toUpperCase()] : []), ...scalars].join('\t'));
    for (const [key, v] of nested) textLines(v, out, key);
  } else if (Array.isArray(item)) {
    if (item.length === 0) return;
    if (item.some(isRecord)) {
      const keys = new Set<string>();
      for (const el of item) if (isRecord(el)) for (const [k, v] of Object.entries(el)) if (isScalar(v)) keys.add(k);
      const all = [...keys].sort();
      for (const el of item) textLines(el, out, identifier, all);
    } else if (item.some(Array.isArray)) {
      const scalars = item.filter(isScalar);
      if (scalars.length > 0) scalarList(scalars, out, identifier);
      for (const el of item.filter((x) => !isScalar(x))) textLines(el, out, identifier);
    } else {
      scalarList(item, out, identifier);
    }
  } else {
    out.push(pyStr(item));
  }
}

function scalarList(items: unknown[], out: string[], identifier?: string): void {
  if (identifier !== undefined) for (const v of items) out.push(`${identifier.toUpperCase()}\t${pyStr(v)}`);
  else out.push(items.map(pyStr).join('\t'));
}

/**
 * Prints an operation's output as AWS CLI v2 prints it, without the final
 * newline: `json` (default) is 4-space indented JSON with timestamps such as
 * `2026-01-01T05:00:00+00:00` (`.456000` before the offset when there are
 * milliseconds); `text` is the AWS CLI's tab-separated text. An empty output
 * (`{}`, as from `DeleteBackupVault`) prints nothing: the empty string.
 */
export function formatOutput(output: unknown, format: OutputFormat = 'json'): string {
  if (output === undefined) return '';
  const data = cliData(output);
  if (isRecord(data) && Object.keys(data).length === 0) return '';
  if (format === 'text') {
    const lines: string[] = [];
    textLines(data, lines);
    return lines.join('\n');
  }
  return JSON.stringify(data, null, 4);
}

/**
 * A refusal as the AWS CLI prints it.
 *
 * @example formatError(err, 'DeleteBackupVault')
 *   // → "An error occurred (InvalidRequestException) when calling the DeleteBackupVault operation: Backup vault Default cannot be deleted: ..."
 */
export function formatError(err: { name: string; message: string }, operation: string): string {
  return `An error occurred (${err.name}) when calling the ${operation} operation: ${err.message}`;
}

// ---------------------------------------------------------------------------
// --query: a JMESPath subset

type Step =
  | { t: 'field'; name: string }
  | { t: 'index'; n: number }
  | { t: 'flatten' }
  | { t: 'wild' }
  | { t: 'filter'; left: Step[]; op: string; right: unknown }
  | { t: 'list'; items: Step[][] }
  | { t: 'hash'; items: [string, Step[]][] }
  | { t: 'current' };

const QUERY_HELP =
  'the sandbox supports a JMESPath subset: Name.Sub, List[], List[*], List[0], List[-1], List[?Key==`value`] (==, !=, <, <=, >, >=), [A, B], {Alias: A} and pipes (|); no functions';

class QueryParser {
  #s: string;
  #i = 0;

  constructor(s: string) {
    this.#s = s;
  }

  /** The expressions of a pipeline (`A | B`): each runs on what the one before gave. */
  parse(): Step[][] {
    const pipeline = [this.#expr()];
    this.#ws();
    while (this.#s[this.#i] === '|' && this.#s[this.#i + 1] !== '|') {
      this.#i++;
      pipeline.push(this.#expr());
      this.#ws();
    }
    if (this.#i < this.#s.length) throw this.#fail();
    return pipeline;
  }

  #fail(): CliError {
    return new CliError(`Bad value for --query ${this.#s}: cannot read it at character ${this.#i + 1}; ${QUERY_HELP}`);
  }

  #expr(): Step[] {
    this.#ws();
    const steps: Step[] = [];
    const c = this.#s[this.#i];
    if (c === '@') {
      this.#i++;
      steps.push({ t: 'current' });
    } else if (c === '[') steps.push(this.#bracket(true));
    else if (c === '{') steps.push(this.#hash());
    else steps.push({ t: 'field', name: this.#ident() });
    for (;;) {
      this.#ws();
      const ch = this.#s[this.#i];
      if (ch === '.') {
        this.#i++;
        this.#ws();
        const n = this.#s[this.#i];
        if (n === '[') steps.push(this.#multiList());
        else if (n === '{') steps.push(this.#hash());
        else steps.push({ t: 'field', name: this.#ident() }); // `.*` fails here: not supported
      } else if (ch === '[') {
        steps.push(this.#bracket(false));
      } else return steps;
    }
  }

  #ident(): string {
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.#s.slice(this.#i));
    if (m) {
      this.#i += m[0].length;
      return m[0];
    }
    if (this.#s[this.#i] === '"') {
      const end = this.#s.indexOf('"', this.#i + 1);
      if (end < 0) throw this.#fail();
      const name = this.#s.slice(this.#i + 1, end);
      this.#i = end + 1;
      return name;
    }
    throw this.#fail();
  }

  #bracket(start: boolean): Step {
    const rest = this.#s.slice(this.#i);
    let m: RegExpExecArray | null;
    if ((m = /^\[\s*\]/.exec(rest))) {
      this.#i += m[0].length;
      return { t: 'flatten' };
    }
    if ((m = /^\[\s*\*\s*\]/.exec(rest))) {
      this.#i += m[0].length;
      return { t: 'wild' };
    }
    if ((m = /^\[\s*(-?\d+)\s*\]/.exec(rest))) {
      this.#i += m[0].length;
      return { t: 'index', n: Number(m[1]) };
    }
    if (rest.startsWith('[?')) {
      this.#i += 2;
      const left = this.#expr();
      this.#ws();
      const op = /^(==|!=|<=|>=|<|>)/.exec(this.#s.slice(this.#i));
      if (!op) throw this.#fail();
      this.#i += op[0].length;
      this.#ws();
      const right = this.#literal();
      this.#ws();
      if (this.#s[this.#i] !== ']') throw this.#fail();
      this.#i++;
      return { t: 'filter', left, op: op[0], right };
    }
    if (start) return this.#multiList();
    throw this.#fail();
  }

  #literal(): unknown {
    const c = this.#s[this.#i];
    if (c === "'") {
      const end = this.#s.indexOf("'", this.#i + 1);
      if (end < 0) throw this.#fail();
      const v = this.#s.slice(this.#i + 1, end);
      this.#i = end + 1;
      return v;
    }
    if (c === '`') {
      const end = this.#s.indexOf('`', this.#i + 1);
      if (end < 0) throw this.#fail();
      const text = this.#s.slice(this.#i + 1, end);
      this.#i = end + 1;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return text; // JMESPath's old form: `foo` is the string foo
      }
    }
    throw this.#fail();
  }

  #multiList(): Step {
    this.#i++; // [
    const items: Step[][] = [];
    for (;;) {
      items.push(this.#expr());
      this.#ws();
      const c = this.#s[this.#i];
      this.#i++;
      if (c === ']') return { t: 'list', items };
      if (c !== ',') {
        this.#i--;
        throw this.#fail();
      }
    }
  }

  #hash(): Step {
    this.#i++; // {
    const items: [string, Step[]][] = [];
    for (;;) {
      this.#ws();
      const key = this.#ident();
      this.#ws();
      if (this.#s[this.#i] !== ':') throw this.#fail();
      this.#i++;
      items.push([key, this.#expr()]);
      this.#ws();
      const c = this.#s[this.#i];
      this.#i++;
      if (c === '}') return { t: 'hash', items };
      if (c !== ',') {
        this.#i--;
        throw this.#fail();
      }
    }
  }

  #ws(): void {
    while (this.#i < this.#s.length && SPACE.test(this.#s[this.#i]!)) this.#i++;
  }
}

function compileQuery(query: string): Step[][] {
  if (query.trim() === '') throw new CliError(`Bad value for --query: it is empty; ${QUERY_HELP}`);
  return new QueryParser(query).parse();
}

function compare(a: unknown, op: string, b: unknown): boolean {
  if (op === '==') return JSON.stringify(a) === JSON.stringify(b);
  if (op === '!=') return JSON.stringify(a) !== JSON.stringify(b);
  if (typeof a !== 'number' || typeof b !== 'number') return false;
  return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
}

function evaluate(value: unknown, steps: Step[], from = 0): unknown {
  let v = value;
  for (let i = from; i < steps.length; i++) {
    const step = steps[i]!;
    switch (step.t) {
      case 'current':
        break;
      case 'field':
        v = isRecord(v) ? (v[step.name] ?? null) : null;
        break;
      case 'index':
        v = Array.isArray(v) ? (v.at(step.n) ?? null) : null;
        break;
      case 'list':
        if (v === null) return null;
        v = step.items.map((e) => evaluate(v, e));
        break;
      case 'hash':
        if (v === null) return null;
        v = Object.fromEntries(step.items.map(([k, e]) => [k, evaluate(v, e)]));
        break;
      case 'flatten':
      case 'wild':
      case 'filter': {
        if (!Array.isArray(v)) return null;
        let items: unknown[] = v;
        if (step.t === 'flatten') items = v.flatMap((x: unknown) => (Array.isArray(x) ? (x as unknown[]) : [x]));
        else if (step.t === 'filter') {
          const f = step;
          items = v.filter((x: unknown) => compare(evaluate(x, f.left), f.op, f.right));
        }
        // The projection runs the steps up to the next `[]`, which flattens what it gave.
        let end = steps.findIndex((s, k) => k > i && s.t === 'flatten');
        if (end < 0) end = steps.length;
        const projected = items.map((x) => evaluate(x, steps.slice(0, end), i + 1)).filter((x) => x !== null);
        return end < steps.length ? evaluate(projected, steps, end) : projected;
      }
    }
  }
  return v;
}

/**
 * Runs a `--query` on an output, as the AWS CLI does before printing (on the
 * output with timestamps already ISO 8601 strings). Supported: the JMESPath
 * subset `A.B`, `A[]`, `A[*]`, `A[0]`, `A[-1]`, filters `A[?K=='v']` /
 * ``A[?N>`3`]`` (==, !=, <, <=, >, >=), multi-selects `[A, B]` and `{X: A}`,
 * pipes `A[?K=='v'] | [0]`; no functions, `&&`/`||` or `.*` (a CliError says
 * so). Checked against Python's jmespath on these forms.
 */
export function applyQuery(output: unknown, query: string): unknown {
  return compileQuery(query).reduce<unknown>((value, steps) => evaluate(value, steps), cliData(output));
}

// ---------------------------------------------------------------------------
// Help

function typeLabel(opt: CliOption): string {
  return opt.kind === 'list' ? `list of ${opt.items ?? 'string'}` : opt.kind;
}

function skeleton(type: string, indent: string, seen: Set<string>): string {
  if (type.endsWith('[]')) return `[\n${indent}  ${skeleton(type.slice(0, -2), indent + '  ', seen)}\n${indent}  ...\n${indent}]`;
  if (type.startsWith('{')) return `{"string": ${skeleton(type.slice(1, -1), indent, seen)}, ...}`;
  if (type.startsWith('@')) {
    const name = type.slice(1);
    const fields = STRUCTURES[name];
    if (!fields || seen.has(name)) return '{...}';
    const inner = new Set(seen).add(name);
    const lines = Object.entries(fields).map(([k, t]) => `${indent}  "${k}": ${skeleton(t, indent + '  ', inner)}`);
    return `{\n${lines.join(',\n')}\n${indent}}`;
  }
  return type === 'string' ? '"string"' : type;
}

/** The shorthand form of a structure or map, when it is simple enough for one (as the AWS CLI's help shows it). */
function shorthandHint(opt: CliOption): string | undefined {
  const type = typeOf(opt);
  if (opt.kind === 'map') return type === '{string}' ? 'KeyName1=string,KeyName2=string' : undefined;
  if (opt.kind !== 'structure' || !type.startsWith('@')) return undefined;
  const fields = STRUCTURES[type.slice(1)];
  if (!fields) return undefined;
  const parts: string[] = [];
  for (const [k, t] of Object.entries(fields)) {
    if (!/^[a-z]+(\[\])?$/.test(t)) return undefined; // nested structures, maps, lists of structures: JSON only
    parts.push(t.endsWith('[]') ? `${k}=${t.slice(0, -2)},${t.slice(0, -2)}` : `${k}=${t}`);
  }
  return parts.join(',');
}

function commandHelp(cmd: CliCommand): string {
  const ordered = [...cmd.options.filter((o) => o.required), ...cmd.options.filter((o) => !o.required)];
  const synopsis = ordered.map((o) => {
    const value = o.kind === 'boolean' ? '' : o.kind === 'list' ? ' <value> [<value>...]' : ' <value>';
    const text = o.kind === 'boolean' ? `${o.option} | --no-${o.option.slice(2)}` : `${o.option}${value}`;
    return `    ${o.required ? text : `[${text}]`}`;
  });
  const lines = [cmd.name, `  ${cmd.summary}`, `  Operation: ${cmd.operation}`, '', 'Synopsis:', `  aws backup ${cmd.name}`, ...synopsis];
  if (ordered.length > 0) lines.push('', 'Options:');
  for (const o of ordered) {
    lines.push(`  ${o.option} (${typeLabel(o)})${o.required ? ' [required]' : ''}`);
    if (o.doc) lines.push(`      ${o.doc}`);
    if (o.enum) lines.push(`      Values: ${o.enum.join(' | ')}`);
    if (o.kind === 'boolean') lines.push(`      A flag: ${o.option} for true, --no-${o.option.slice(2)} for false.`);
    if (o.kind === 'timestamp') lines.push('      ISO 8601 (2026-01-02T00:00:00Z) or epoch seconds.');
    if (o.kind === 'list' && o.items === 'string') lines.push('      Several values separated by spaces, or a JSON array.');
    const hint = shorthandHint(o);
    if (hint) lines.push(`      Shorthand: ${hint}`);
    if (o.kind === 'structure' || o.kind === 'map' || (o.kind === 'list' && o.items === 'structure'))
      lines.push(`      JSON: ${skeleton(typeOf(o), '      ', new Set())}`);
  }
  lines.push('', `Global options: ${GLOBAL_SHOWN.map((g) => `${g} <value>`).join(', ')} (see "aws backup help")`);
  return lines.join('\n');
}

function overview(): string {
  const width = Math.max(...CLI_COMMANDS.map((c) => c.name.length)) + 2;
  return [
    `aws backup: AWS Backup in the sandbox (${CLI_COMMANDS.length} commands)`,
    '',
    'Usage: aws backup <command> [options]',
    '       aws backup <command> help',
    '',
    'Commands:',
    ...CLI_COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'Global options:',
    '  --region <region>        The Region to call (else the sandbox default)',
    '  --output json|text       The output format (default json)',
    `  --query <expression>     Picks part of the output: ${QUERY_HELP.replace('the sandbox supports ', '')}`,
    '  --cli-input-json <json>  Input members as JSON; options on the line take precedence',
    '  --endpoint-url, --profile, --no-cli-pager, --no-paginate and --debug are accepted and ignored.',
  ].join('\n');
}

/**
 * Help text: without a command, every command with its summary and the global
 * options; with a command (CLI or operation name), its summary, synopsis and
 * options (required first) with type, `[required]`, enum values, the model's
 * description and the shorthand/JSON forms.
 *
 * @throws CliError for an unknown command (with suggestions).
 */
export function helpFor(command?: string): string {
  if (command === undefined || command === '' || command === 'backup') return overview();
  const cmd = BY_NAME.get(command);
  if (!cmd) throw unknownCommand(command);
  return commandHelp(cmd);
}

// ---------------------------------------------------------------------------
// Completion

function byPrefix(candidates: readonly string[], prefix: string): string[] {
  const p = prefix.toLowerCase();
  return candidates.filter((c) => c.toLowerCase().startsWith(p));
}

function optionCandidates(cmd: CliCommand, used: Set<string>): string[] {
  const names = (o: CliOption) => (o.kind === 'boolean' ? [o.option, `--no-${o.option.slice(2)}`] : [o.option]);
  const fresh = cmd.options.filter((o) => !used.has(o.member));
  return [
    ...fresh.filter((o) => o.required).flatMap(names),
    ...fresh.filter((o) => !o.required).flatMap(names),
    ...GLOBAL_SHOWN,
    ...cmd.options.filter((o) => used.has(o.member)).flatMap(names),
  ];
}

/**
 * Tab completion for a command box: the candidates for the word being typed
 * at the end of `line`, best first, and where that word starts (`replaceFrom`,
 * an index in `line`; equal to `line.length` after a space). It completes
 * `aws` and `backup`, the commands after `aws backup `, the options of a
 * command (options not used yet first, required ones first of those, then
 * global options, then the used ones), enum values of the option being given
 * (for lists, those not given yet) and `json`/`text` after `--output`.
 * Matching is by case-insensitive prefix.
 */
export function complete(line: string): { replaceFrom: number; candidates: string[] } {
  const { words, trailingSpace } = lex(line, true);
  const current = trailingSpace || words.length === 0 ? { text: '', start: line.length } : words[words.length - 1]!;
  const before = (trailingSpace ? words : words.slice(0, -1)).map((w) => w.text);
  const done = (candidates: string[]) => ({ replaceFrom: current.start, candidates });
  const prefix = current.text;

  let i = 0;
  const skipGlobals = (): string | undefined => {
    while (i < before.length && before[i]!.startsWith('--')) {
      const w = before[i]!;
      if (GLOBAL_FLAGS.has(w)) i++;
      else if (GLOBAL_WITH_VALUE.has(w)) {
        if (i + 1 >= before.length) return w; // its value is being typed
        i += 2;
      } else i++;
    }
    return undefined;
  };
  const globalValue = (option: string) => done(option === '--output' ? byPrefix(['json', 'text'], prefix) : []);

  if (before.length === 0) {
    if (prefix === '') return done(['aws']);
    return done(byPrefix(['aws', ...CLI_COMMANDS.map((c) => c.name)], prefix));
  }
  if (before[0] === 'aws') {
    i = 1;
    const pending = skipGlobals();
    if (pending) return globalValue(pending);
    if (i >= before.length) return done(prefix.startsWith('-') ? byPrefix(GLOBAL_SHOWN, prefix) : byPrefix(['backup'], prefix));
    if (before[i] !== 'backup') return done([]);
    i++;
  } else if (before[0] === 'backup') {
    i = 1;
  }
  const pending = skipGlobals();
  if (pending) return globalValue(pending);
  if (i >= before.length) {
    if (prefix.startsWith('-')) return done(byPrefix(GLOBAL_SHOWN, prefix));
    return done(byPrefix([...CLI_COMMANDS.map((c) => c.name), 'help'], prefix));
  }
  const cmd = BY_NAME.get(before[i]!);
  if (!cmd) return done([]);

  const used = new Set<string>();
  let last: CliOption | string | undefined;
  let valuesSince = 0;
  const given: string[] = [];
  for (const w of before.slice(i + 1)) {
    if (w.startsWith('--')) {
      const flag = w.includes('=') ? w.slice(0, w.indexOf('=')) : w;
      const opt = cmd.options.find((o) => o.option === flag || (o.kind === 'boolean' && flag === `--no-${o.option.slice(2)}`));
      if (opt) used.add(opt.member);
      last = opt ?? (GLOBAL_WITH_VALUE.has(flag) && !w.includes('=') ? flag : undefined);
      valuesSince = w.includes('=') ? 1 : 0;
      given.length = 0;
    } else {
      valuesSince++;
      given.push(w);
    }
  }
  const options = () => byPrefix(optionCandidates(cmd, used), prefix);
  if (prefix.startsWith('-')) return done(options());
  if (typeof last === 'string') return valuesSince === 0 ? globalValue(last) : done(prefix === '' ? options() : []);
  if (last && last.kind !== 'boolean') {
    if (last.kind === 'list') {
      const values = last.enum ? byPrefix(last.enum.filter((v) => !given.includes(v)), prefix) : [];
      return done(prefix === '' && valuesSince > 0 ? [...values, ...options()] : values);
    }
    if (valuesSince === 0) return done(last.enum ? byPrefix(last.enum, prefix) : []);
  }
  return done(prefix === '' ? options() : []);
}

// ---------------------------------------------------------------------------
// Running a line

/** What a command box shows for one line. */
export interface CliResult {
  /** `output`: the call succeeded; `error`: the line or the call was refused; `help`: help text. */
  kind: 'output' | 'error' | 'help';
  /** What the AWS CLI would print (without the final newline); empty when it prints nothing. */
  text: string;
  /** The operation called, when the line got that far. */
  operation?: string;
  /** The sandbox's refusal, when the call was refused: its `rule` says which sandbox rule and why. */
  error?: BackupError;
  /** The raw output of the call, when it succeeded (before `--query`). */
  output?: ApiOutput;
}

/**
 * Runs one command line against the sandbox (or any `BackupApi`): help lines
 * give help, other lines are parsed, called with `--region` overriding the
 * context's Region, filtered by `--query` and formatted; a CliError or a
 * refusal (`BackupError`) becomes error text. Other exceptions (bugs) are
 * thrown.
 */
export function execute(api: BackupApi, line: string, context: CallContext = {}): CliResult {
  try {
    const help = helpTarget(line);
    if (help) return { kind: 'help', text: helpFor(help.command) };
    const parsed = parseCommand(line);
    const ctx: CallContext = parsed.region !== undefined ? { ...context, region: parsed.region } : context;
    try {
      const output = api.call(parsed.operation, parsed.input, ctx);
      const shown = parsed.query !== undefined ? applyQuery(output, parsed.query) : output;
      return { kind: 'output', text: formatOutput(shown, parsed.output), operation: parsed.operation, output };
    } catch (e) {
      if (e instanceof BackupError) return { kind: 'error', text: formatError(e, parsed.operation), operation: parsed.operation, error: e };
      throw e;
    }
  } catch (e) {
    if (e instanceof CliError) return { kind: 'error', text: e.message };
    throw e;
  }
}
