/**
 * Drills and results as text that survives a chat, an email or a URL: a
 * versioned prefix, then the JSON document compressed with the platform's own
 * `CompressionStream` and written in base64url (`d1.…` for a drill, `r1.…`
 * for a result). Also the same documents as JSON files.
 *
 * The compression is zlib `deflate` (RFC 1950), not `deflate-raw`: its 6 extra
 * bytes carry an Adler-32 checksum of the JSON that the platform verifies while
 * unpacking. Without it about one single-character change in ten (a typo, an
 * autocorrect) still unpacked to a valid drill with, say, another letter in an
 * answer; a drill has no checksum of its own, so the code must catch that.
 *
 * Everything read here is untrusted, so decoding never throws: every string
 * gives either the document or a message that says what to do. The compressed
 * size, the unpacked size (enforced chunk by chunk, so a tiny "zip bomb" code
 * is stopped before it fills memory), the JSON, the format, the version and
 * every member are checked, in that order.
 */
import { DRILL_FORMAT, DRILL_VERSION, RESULT_FORMAT, RESULT_VERSION, type Drill, type DrillRead, type DrillResult, type ResultRead } from './types.ts';
import { drillSchema, firstProblem, resultSchema } from './schema.ts';
import type { z } from 'zod';

/** The longest code accepted (characters after any link around it). A 200-question drill is about a quarter of it. */
export const MAX_CODE_CHARS = 200_000;
/** The largest document accepted, unpacked from a code or read from a file (UTF-8 bytes of its JSON). */
export const MAX_JSON_BYTES = 2 * 1024 * 1024;
/** What every drill code this app writes starts with: the letter says drill, the number the version. */
export const DRILL_CODE_PREFIX = `d${DRILL_VERSION}.`;
/** What every result code this app writes starts with. */
export const RESULT_CODE_PREFIX = `r${RESULT_VERSION}.`;

/** Input bytes fed to the decompressor at a time: deflate expands at most ~1032:1, so one slice unpacks to about 1 MB at worst. */
const INFLATE_SLICE = 1024;

// ---------------------------------------------------------------- base64url

/** Bytes -> base64url without padding (URL- and fragment-safe, no escaping needed). */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** base64url (padding optional) -> bytes, or null when it is not well-formed base64url. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- compression

/** zlib deflate: deflate with a header and an Adler-32 trailer that `DecompressionStream` checks (see the module comment). */
export const CODE_COMPRESSION: CompressionFormat = 'deflate';

/** Whether this platform has the compression streams codes need (Safari before 16.4 has none). */
export function codesSupported(): boolean {
  try {
    new CompressionStream(CODE_COMPRESSION);
    new DecompressionStream(CODE_COMPRESSION);
    return true;
  } catch {
    return false;
  }
}

/** `bytes` compressed with the platform's `CompressionStream` (the codes' format unless told; tests make other ones). */
export async function compress(bytes: Uint8Array<ArrayBuffer>, format: CompressionFormat = CODE_COMPRESSION): Promise<Uint8Array> {
  const stream = new CompressionStream(format);
  const writer = stream.writable.getWriter();
  // Written while the output is read, so backpressure cannot stall either side.
  const writing = writer.write(bytes).then(() => writer.close());
  writing.catch(() => undefined); // surfaces on the reading side, and in the await below
  const chunks: Uint8Array[] = [];
  const reader = stream.readable.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  await writing;
  return concat(chunks);
}

function concat(chunks: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

type Inflated = { ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false; reason: 'damaged' | 'too-large' | 'unsupported' };

/**
 * Unpacks, stopping as soon as the output passes `cap` bytes. The input goes
 * in 1 KB slices and the output is read as it comes, so memory stays near
 * `cap` however far the data would expand. Damaged data (a bad block, a wrong
 * Adler-32, a missing end) errors the stream: `damaged`.
 */
async function inflateCapped(bytes: Uint8Array<ArrayBuffer>, cap: number): Promise<Inflated> {
  let stream: DecompressionStream;
  try {
    stream = new DecompressionStream(CODE_COMPRESSION);
  } catch {
    return { ok: false, reason: 'unsupported' };
  }
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  let stopped = false;
  // Errors surface on the reading side; the writing side's are expected once reading stops.
  const feeding = (async () => {
    for (let i = 0; i < bytes.length && !stopped; i += INFLATE_SLICE) {
      await writer.ready;
      await writer.write(bytes.subarray(i, i + INFLATE_SLICE));
    }
    if (!stopped) await writer.close();
  })().catch(() => undefined);
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > cap) {
        stopped = true;
        await reader.cancel().catch(() => undefined);
        await writer.abort().catch(() => undefined);
        return { ok: false, reason: 'too-large' };
      }
      chunks.push(value);
    }
  } catch {
    stopped = true;
    await writer.abort().catch(() => undefined);
    return { ok: false, reason: 'damaged' };
  }
  // The output ended: the input was all taken, or what is left follows the end of the compressed
  // data (Node ignores such junk; browsers error, which lands in the catch above). Not awaited, so
  // a platform that stops consuming after the end cannot hang the read.
  stopped = true;
  void feeding;
  return { ok: true, bytes: concat(chunks) };
}

// ---------------------------------------------------------------- checksum

/**
 * JSON with every object's keys sorted (arrays keep their order, `undefined`
 * members are left out as `JSON.stringify` does), so the same document always
 * gives the same text and the same checksum, whatever order it was built in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.keys(value)
    .sort()
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

/**
 * The checksum of a result: the first 16 hex digits of SHA-256 over the
 * canonical JSON of every member but `checksum`. It detects damage in transit
 * (a dropped or changed character that still decodes); it is NOT a signature:
 * anyone who edits a result can recompute it, so it does not prove who made a
 * result or that its score is honest.
 */
export async function resultChecksum(result: Omit<DrillResult, 'checksum'> | DrillResult): Promise<string> {
  const { checksum: _ignored, ...rest } = result as DrillResult;
  const hash = await sha256(new TextEncoder().encode(canonicalJson(rest)));
  return [...hash.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** SHA-256 with `crypto.subtle`, or a plain implementation where it is missing (pages served over plain http). */
async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle) {
    try {
      return new Uint8Array(await subtle.digest('SHA-256', bytes));
    } catch {
      // fall through to the plain implementation
    }
  }
  return sha256Plain(bytes);
}

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** FIPS 180-4 SHA-256, for platforms without `crypto.subtle`. Exported for the test that compares it with `crypto.subtle`. */
export function sha256Plain(data: Uint8Array): Uint8Array {
  const bitLength = data.length * 8;
  const padded = new Uint8Array(Math.ceil((data.length + 9) / 64) * 64);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bitLength / 0x100000000));
  view.setUint32(padded.length - 4, bitLength >>> 0);
  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Uint32Array(64);
  const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n));
  for (let block = 0; block < padded.length; block += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(block + i * 4);
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15] as number;
      const b = w[i - 2] as number;
      const s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3);
      const s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10);
      w[i] = ((w[i - 16] as number) + s0 + (w[i - 7] as number) + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = [h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]] as number[] as [number, number, number, number, number, number, number, number];
    for (let i = 0; i < 64; i++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + (K[i] as number) + (w[i] as number)) >>> 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    const next = [a, b, c, d, e, f, g, hh];
    for (let i = 0; i < 8; i++) h[i] = ((h[i] as number) + (next[i] as number)) >>> 0;
  }
  const out = new Uint8Array(32);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) outView.setUint32(i * 4, h[i] as number);
  return out;
}

// ---------------------------------------------------------------- shared reading

/** What differs between reading a drill and reading a result. */
interface Kind<T> {
  noun: 'drill' | 'result';
  prefix: 'd' | 'r';
  format: string;
  version: number;
  schema: z.ZodType<T>;
  /** The other document's format and what to say when it is given instead. */
  otherFormat: string;
  otherMessage: string;
  otherPrefix: 'd' | 'r';
  /** What to do after updating the app. */
  again: string;
}

type Read<T> = { ok: true; value: T } | { ok: false; message: string };

const DRILL_KIND: Kind<Drill> = {
  noun: 'drill',
  prefix: 'd',
  format: DRILL_FORMAT,
  version: DRILL_VERSION,
  schema: drillSchema,
  otherFormat: RESULT_FORMAT,
  otherMessage: 'This is a drill result, not a drill. Import results on the drill’s results screen.',
  otherPrefix: 'r',
  again: 'open the drill again',
};
const RESULT_KIND: Kind<DrillResult> = {
  noun: 'result',
  prefix: 'r',
  format: RESULT_FORMAT,
  version: RESULT_VERSION,
  schema: resultSchema,
  otherFormat: DRILL_FORMAT,
  otherMessage: 'This is a drill, not a drill result. Open a drill with its link; results are what students send back.',
  otherPrefix: 'd',
  again: 'import it again',
};

/** 200000 -> "200,000", the same on every locale (messages are tested word for word). */
function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function newerMessage(kind: Kind<unknown>, version: number): string {
  const noun = kind.noun === 'drill' ? 'This drill' : 'This result';
  return `${noun} was made by a newer version of Vaultcards (version ${version}); this app reads version ${kind.version}. Update the app, then ${kind.again}.`;
}

/** Format, version, then every member: the checks shared by codes and files, on parsed JSON. */
function checkDocument<T>(kind: Kind<T>, data: unknown, where: 'code' | 'file'): Read<T> {
  const format = data && typeof data === 'object' && !Array.isArray(data) ? (data as { format?: unknown }).format : undefined;
  if (format === kind.otherFormat) return { ok: false, message: kind.otherMessage };
  if (format !== kind.format) {
    const thing = where === 'file' ? `Vaultcards ${kind.noun} file` : `Vaultcards ${kind.noun}`;
    return { ok: false, message: `This is not a ${thing} (it has no "format": "${kind.format}").` };
  }
  const version = (data as { version?: unknown }).version;
  if (typeof version === 'number' && Number.isInteger(version) && version > kind.version) return { ok: false, message: newerMessage(kind, version) };
  const parsed = kind.schema.safeParse(data);
  if (!parsed.success) {
    const noun = where === 'file' ? `This ${kind.noun} file` : `This ${kind.noun}`;
    return { ok: false, message: `${noun} is damaged or was changed by hand: ${firstProblem(parsed.error)}.` };
  }
  return { ok: true, value: parsed.data };
}

/** A code (prefix + base64url) -> the checked document. */
async function readCode<T>(kind: Kind<T>, code: string): Promise<Read<T>> {
  const damaged = `The ${kind.noun} code is damaged or incomplete. Copy the whole ${kind.noun === 'drill' ? 'link or code' : 'code'} again.`;
  if (code === '') return { ok: false, message: `There is no ${kind.noun} code here. Paste the whole ${kind.noun === 'drill' ? 'link or code' : 'code'}.` };
  if (code.length > MAX_CODE_CHARS) return { ok: false, message: `This ${kind.noun} code is ${thousands(code.length)} characters long; a ${kind.noun} code can be at most ${thousands(MAX_CODE_CHARS)}.` };
  const prefix = /^([a-z])(\d{1,6})\./.exec(code);
  if (!prefix) return { ok: false, message: `This is not a Vaultcards ${kind.noun} code (a ${kind.noun} code starts with "${kind.prefix}${kind.version}.").` };
  const version = Number(prefix[2]);
  if (prefix[1] === kind.otherPrefix && version >= 1) return { ok: false, message: kind.otherMessage };
  if (prefix[1] !== kind.prefix || version < 1) return { ok: false, message: `This is not a Vaultcards ${kind.noun} code (a ${kind.noun} code starts with "${kind.prefix}${kind.version}.").` };
  if (version > kind.version) return { ok: false, message: newerMessage(kind, version) };
  if (prefix[0] !== `${kind.prefix}${kind.version}.`) return { ok: false, message: damaged }; // "d01." and the like
  const bytes = fromBase64Url(code.slice(prefix[0].length));
  if (!bytes || bytes.length === 0) return { ok: false, message: damaged };
  const inflated = await inflateCapped(bytes, MAX_JSON_BYTES);
  if (!inflated.ok) {
    if (inflated.reason === 'too-large') return { ok: false, message: `This ${kind.noun} is larger than ${MAX_JSON_BYTES / 1024 / 1024} MB when unpacked, so it was not opened.` };
    if (inflated.reason === 'unsupported') return { ok: false, message: `This browser cannot unpack ${kind.noun} codes (it has no DecompressionStream). Update the browser, or use a ${kind.noun} file instead.` };
    return { ok: false, message: damaged };
  }
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes);
  } catch {
    return { ok: false, message: damaged };
  }
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return { ok: false, message: `The ${kind.noun} code is damaged: what it unpacks to is not valid JSON.` };
  }
  return checkDocument(kind, data, 'code');
}

/** A file's text -> the checked document. */
function readFile<T>(kind: Kind<T>, text: string): Read<T> {
  // A UTF-16 length is at most the UTF-8 byte length, so this is a cheap first check; the exact one follows.
  if (text.length > MAX_JSON_BYTES || new TextEncoder().encode(text).length > MAX_JSON_BYTES) {
    const mb = (new TextEncoder().encode(text.slice(0, MAX_JSON_BYTES * 4)).length / 1024 / 1024).toFixed(1);
    return { ok: false, message: `This file is ${mb} MB; a ${kind.noun} file can be at most ${MAX_JSON_BYTES / 1024 / 1024} MB.` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, message: `This file is not valid JSON, so it is not a Vaultcards ${kind.noun} file, or it was cut short (truncated).` };
  }
  return checkDocument(kind, data, 'file');
}

/** Serialises a checked document for a code: throws (a bug, or a document too large to share) rather than make a code that cannot be opened. */
async function writeCode<T>(kind: Kind<T>, doc: T): Promise<string> {
  const checked = kind.schema.safeParse(doc);
  if (!checked.success) throw new TypeError(`Not a valid ${kind.noun}: ${firstProblem(checked.error)}`);
  const bytes = new TextEncoder().encode(JSON.stringify(doc));
  if (bytes.length > MAX_JSON_BYTES) throw new RangeError(`This ${kind.noun} is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; at most ${MAX_JSON_BYTES / 1024 / 1024} MB can be shared.`);
  const code = `${kind.prefix}${kind.version}.${toBase64Url(await compress(bytes))}`;
  if (code.length > MAX_CODE_CHARS) throw new RangeError(`This ${kind.noun} makes a code of ${thousands(code.length)} characters; at most ${thousands(MAX_CODE_CHARS)} can be opened. Share it as a file.`);
  return code;
}

// ---------------------------------------------------------------- drills

/**
 * A drill as a code: `d1.` + base64url(deflate(JSON)). Put it in a link
 * with `drillHref`. Rejects (TypeError) when the drill does not satisfy the
 * schema and (RangeError) when it is too large to be opened again, so a code
 * that was made can always be read; and when the platform has no
 * `CompressionStream` (check `codesSupported()` first).
 */
export async function encodeDrill(drill: Drill): Promise<string> {
  return writeCode(DRILL_KIND, drill);
}

/** The in-app address of a drill code, `#/drill/<code>`: append it to the app's URL to make the link to send. */
export function drillHref(code: string): string {
  return `#/drill/${code}`;
}

/**
 * The drill code in `text`: a bare code, or a URL or fragment holding
 * `#/drill/<code>` or `drill=<code>`. Whitespace anywhere is dropped, since a
 * long link is often wrapped by mail clients.
 */
export function drillCodeOf(text: string): string {
  const compact = text.replace(/\s+/g, '');
  const found = /(?:#\/?drill\/|[?&#]drill=|^drill=)([^&#/?]*)/.exec(compact);
  let code = found ? (found[1] ?? '') : compact;
  if (code.includes('%')) {
    try {
      code = decodeURIComponent(code);
    } catch {
      // a stray % is simply part of a damaged code
    }
  }
  return code;
}

/**
 * Reads a drill from a code or a link (see `drillCodeOf`). Never throws: any
 * string gives the drill or a message a student can act on.
 */
export async function decodeDrill(text: string): Promise<DrillRead> {
  try {
    if (typeof text !== 'string') return { ok: false, message: 'There is no drill code here. Paste the whole link or code.' };
    // Far longer than any code: refuse before scanning it.
    if (text.length > 4 * MAX_CODE_CHARS) return { ok: false, message: `This drill code is ${thousands(text.length)} characters long; a drill code can be at most ${thousands(MAX_CODE_CHARS)}.` };
    const read = await readCode(DRILL_KIND, drillCodeOf(text));
    return read.ok ? { ok: true, drill: read.value } : read;
  } catch {
    return { ok: false, message: 'The drill code is damaged or incomplete. Copy the whole link or code again.' };
  }
}

/** A drill as a file: pretty JSON, so an instructor can read (and keep) what was assigned. */
export function drillFileText(drill: Drill): string {
  return `${JSON.stringify(drill, null, 2)}\n`;
}

/** Reads a drill file (at most 2 MB). Never throws. */
export function parseDrillFile(text: string): DrillRead {
  try {
    if (typeof text !== 'string') return { ok: false, message: 'This file is not valid JSON, so it is not a Vaultcards drill file, or it was cut short (truncated).' };
    const read = readFile(DRILL_KIND, text);
    return read.ok ? { ok: true, drill: read.value } : read;
  } catch {
    return { ok: false, message: 'This file could not be read as a Vaultcards drill file.' };
  }
}

/** One box for everything a student may paste or open: a file's JSON (starts with `{`), or a link or code. Never throws. */
export async function openDrill(text: string): Promise<DrillRead> {
  if (typeof text === 'string' && text.trimStart().startsWith('{')) return parseDrillFile(text);
  return decodeDrill(text);
}

// ---------------------------------------------------------------- results

/** A result as a code: `r1.` + base64url(deflate(JSON)); its own checksum is inside. Rejects like `encodeDrill`. */
export async function encodeResult(result: DrillResult): Promise<string> {
  return writeCode(RESULT_KIND, result);
}

async function verifyChecksum(result: DrillResult, where: 'code' | 'file'): Promise<ResultRead> {
  if ((await resultChecksum(result)) !== result.checksum) {
    return { ok: false, message: `The result ${where} does not match its checksum: it was changed or damaged in transit.` };
  }
  return { ok: true, result };
}

/**
 * Reads a result code (whitespace anywhere is ignored; `result=<code>` in a
 * link is accepted too) and verifies its checksum. Never throws.
 */
export async function decodeResult(text: string): Promise<ResultRead> {
  try {
    if (typeof text !== 'string') return { ok: false, message: 'There is no result code here. Paste the whole code.' };
    if (text.length > 4 * MAX_CODE_CHARS) return { ok: false, message: `This result code is ${thousands(text.length)} characters long; a result code can be at most ${thousands(MAX_CODE_CHARS)}.` };
    const compact = text.replace(/\s+/g, '');
    const code = /(?:#\/?result\/|[?&#]result=|^result=)([^&#/?]*)/.exec(compact)?.[1] ?? compact;
    const read = await readCode(RESULT_KIND, code);
    return read.ok ? verifyChecksum(read.value, 'code') : read;
  } catch {
    return { ok: false, message: 'The result code is damaged or incomplete. Copy the whole code again.' };
  }
}

/** A result as a file: pretty JSON. */
export function resultFileText(result: DrillResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

/** Reads a result file (at most 2 MB) and verifies its checksum. Never throws (async only for SHA-256). */
export async function parseResultFile(text: string): Promise<ResultRead> {
  try {
    if (typeof text !== 'string') return { ok: false, message: 'This file is not valid JSON, so it is not a Vaultcards result file, or it was cut short (truncated).' };
    const read = readFile(RESULT_KIND, text);
    return read.ok ? verifyChecksum(read.value, 'file') : read;
  } catch {
    return { ok: false, message: 'This file could not be read as a Vaultcards result file.' };
  }
}
