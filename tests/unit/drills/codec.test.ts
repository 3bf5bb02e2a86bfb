// @vitest-environment node
/**
 * Drill and result codes and files: round trips, the link forms a student may
 * paste, and every refusal word for word (these messages are what a student
 * or instructor reads).
 */
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  codesSupported,
  decodeDrill,
  decodeResult,
  drillCodeOf,
  drillFileText,
  drillHref,
  encodeDrill,
  encodeResult,
  makeResult,
  openDrill,
  parseDrillFile,
  parseResultFile,
  resultChecksum,
  resultFileText,
  type Drill,
  type DrillResult,
} from '../../../src/lib/drills/index.ts';
import { fromBase64Url, sha256Plain, toBase64Url } from '../../../src/lib/drills/codec.ts';
import { clone, expectRefused, jsonCode, makeDrill, MINUTE, NOW, rawCode, rightResponse, wrongResponse } from './helpers.ts';

const DAMAGED_DRILL = 'The drill code is damaged or incomplete. Copy the whole link or code again.';
const DAMAGED_RESULT = 'The result code is damaged or incomplete. Copy the whole code again.';
const NEWER_DRILL = (v: number): string => `This drill was made by a newer version of Vaultcards (version ${v}); this app reads version 1. Update the app, then open the drill again.`;
const NEWER_RESULT = (v: number): string => `This result was made by a newer version of Vaultcards (version ${v}); this app reads version 1. Update the app, then import it again.`;
const SCHEMA = (problem: string): string => `This drill is damaged or was changed by hand: ${problem}.`;

const drill = makeDrill({ count: 12 });

async function sampleResult(d: Drill = drill): Promise<DrillResult> {
  const responses = Object.fromEntries(d.questions.map((q, i) => [q.id, i % 3 === 0 ? wrongResponse(q) : rightResponse(q)]));
  return makeResult(d, 'Ana Lopez', responses, { startedAt: NOW, ms: Object.fromEntries(d.questions.map((q) => [q.id, 30_000])) }, NOW + 12 * MINUTE);
}

describe('platform', () => {
  it('runs where CompressionStream, DecompressionStream and crypto.subtle exist', () => {
    expect(codesSupported()).toBe(true);
    expect(typeof crypto.subtle.digest).toBe('function');
  });
});

describe('base64url', () => {
  it('round-trips every byte value and every length mod 3', () => {
    for (let n = 0; n < 10; n++) {
      const bytes = new Uint8Array(256 + n).map((_, i) => (i * 7 + n) & 255);
      const text = toBase64Url(bytes);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(fromBase64Url(text)).toEqual(bytes);
    }
  });

  it('refuses characters outside the alphabet and impossible lengths', () => {
    expect(fromBase64Url('ab+c')).toBeNull();
    expect(fromBase64Url('ab=c')).toBeNull();
    expect(fromBase64Url('abcde')).toBeNull();
  });
});

describe('drill codes', () => {
  it('round-trips: d1. + base64url, decoded equal to the drill', async () => {
    const code = await encodeDrill(drill);
    expect(code).toMatch(/^d1\.[A-Za-z0-9_-]+$/);
    // 12 questions compress well below their JSON.
    expect(code.length).toBeLessThan(JSON.stringify(drill).length / 2);
    expect(await decodeDrill(code)).toEqual({ ok: true, drill });
  });

  it('reads the code from the link forms a student may paste', async () => {
    const code = await encodeDrill(drill);
    const wrapped = code.replace(/(.{60})/g, '$1\n  ');
    const forms = [
      code,
      `  ${code}\n`,
      drillHref(code),
      `https://vaultcards.example/${drillHref(code)}`,
      `https://vaultcards.example/app/index.html#/drill/${code}?from=mail`,
      `https://vaultcards.example/?drill=${code}`,
      `https://vaultcards.example/#/open?x=1&drill=${code}&y=2`,
      `drill=${code}`,
      `https://vaultcards.example/#/drill/${wrapped}`,
      `https://vaultcards.example/#/drill/${code.replace('.', '%2E')}`,
    ];
    for (const form of forms) {
      expect(drillCodeOf(form)).toBe(code);
      expect(await decodeDrill(form)).toEqual({ ok: true, drill });
    }
    expect(drillHref(code)).toBe(`#/drill/${code}`);
  });

  it('keeps optional members out when unset, and in when set', async () => {
    const plain = makeDrill({ count: 3, minutes: undefined, dueAt: undefined });
    expect('minutes' in plain).toBe(false);
    expect('dueAt' in plain).toBe(false);
    expect(await decodeDrill(await encodeDrill(plain))).toEqual({ ok: true, drill: plain });
    const timed = makeDrill({ count: 3, minutes: 300, dueAt: NOW + 7 * 24 * 60 * MINUTE });
    expect(await decodeDrill(await encodeDrill(timed))).toEqual({ ok: true, drill: timed });
  });

  it('refuses to make a code from an invalid drill', async () => {
    await expect(encodeDrill({ ...drill, passMark: 101 })).rejects.toThrow(/passMark/);
  });
});

describe('drill code refusals, word for word', () => {
  it('empty or not a code', async () => {
    expectRefused(await decodeDrill(''), 'There is no drill code here. Paste the whole link or code.');
    expectRefused(await decodeDrill('  \n '), 'There is no drill code here. Paste the whole link or code.');
    expectRefused(await decodeDrill('hello world'), 'This is not a Vaultcards drill code (a drill code starts with "d1.").');
    expectRefused(await decodeDrill('https://vaultcards.example/#/quiz'), 'This is not a Vaultcards drill code (a drill code starts with "d1.").');
    expectRefused(await decodeDrill('x1.AAAA'), 'This is not a Vaultcards drill code (a drill code starts with "d1.").');
    expectRefused(await decodeDrill('d0.AAAA'), 'This is not a Vaultcards drill code (a drill code starts with "d1.").');
  });

  it('truncated, garbled and bad base64', async () => {
    const code = await encodeDrill(drill);
    for (const cut of [3, 4, 10, Math.floor(code.length / 2), code.length - 2]) expectRefused(await decodeDrill(code.slice(0, cut)), DAMAGED_DRILL);
    const mid = Math.floor(code.length / 2);
    const garbled = code.slice(0, mid) + 'QUJDREVGR0hJSktMTU5PUA' + code.slice(mid + 22);
    expectRefused(await decodeDrill(garbled), DAMAGED_DRILL);
    expectRefused(await decodeDrill('d1.abc$def'), DAMAGED_DRILL);
    expectRefused(await decodeDrill('d1.abc+def/ghi='), DAMAGED_DRILL);
    expectRefused(await decodeDrill('d1.A'), DAMAGED_DRILL);
    expectRefused(await decodeDrill('d1.AAAAA'), DAMAGED_DRILL);
    expectRefused(await decodeDrill('d1.'), DAMAGED_DRILL);
    expectRefused(await decodeDrill('d01.' + code.slice(3)), DAMAGED_DRILL);
  });

  it('refuses every single-character change instead of using a changed drill (the zlib Adler-32)', async () => {
    const code = await encodeDrill(drill);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let refused = 0;
    for (let i = 0; i < 400; i++) {
      const at = 3 + ((i * 7919) % (code.length - 3));
      const ch = alphabet[(i * 31) % 64] as string;
      if (code[at] === ch) continue;
      const read = await decodeDrill(code.slice(0, at) + ch + code.slice(at + 1));
      if (read.ok) expect(read.drill).toEqual(drill); // only a change in the last character's unused bits
      else refused++;
    }
    expect(refused).toBeGreaterThan(380);
    // A code compressed as deflate-raw (no checksum) is not a d1 code.
    expectRefused(await decodeDrill(await rawCode('d1.', JSON.stringify(drill), 'deflate-raw')), DAMAGED_DRILL);
  });

  it('an oversized code, before any work', async () => {
    expectRefused(await decodeDrill('d1.' + 'A'.repeat(200_000)), 'This drill code is 200,003 characters long; a drill code can be at most 200,000.');
    expectRefused(await decodeDrill('x'.repeat(1_000_000)), 'This drill code is 1,000,000 characters long; a drill code can be at most 200,000.');
  });

  it('a decompression bomb: a tiny code that unpacks past 2 MB is stopped', async () => {
    const bomb = await rawCode('d1.', `{"format":"vaultcards-drill","title":"${'A'.repeat(20 * 1024 * 1024)}"}`);
    expect(bomb.length).toBeLessThan(40_000);
    const started = performance.now();
    expectRefused(await decodeDrill(bomb), 'This drill is larger than 2 MB when unpacked, so it was not opened.');
    expect(performance.now() - started).toBeLessThan(2000);
    // Just under the cap is unpacked (and then refused for what it holds, not its size).
    const under = await rawCode('d1.', `{"format":"vaultcards-drill","version":1,"pad":"${'A'.repeat(2 * 1024 * 1024 - 100)}"}`);
    const read = await decodeDrill(under);
    expect(read.ok).toBe(false);
    expect(read.ok ? '' : read.message).toMatch(/^This drill is damaged or was changed by hand: /);
  });

  it('a newer version, in the prefix or in the document', async () => {
    const code = await encodeDrill(drill);
    expectRefused(await decodeDrill('d3.' + code.slice(3)), NEWER_DRILL(3));
    expectRefused(await decodeDrill('d12.AAAA'), NEWER_DRILL(12));
    expectRefused(await decodeDrill(await jsonCode('d1.', { ...drill, version: 3 })), NEWER_DRILL(3));
  });

  it('another format, a result instead of a drill, not JSON', async () => {
    expectRefused(await decodeDrill(await jsonCode('d1.', { ...drill, format: 'vaultcards-progress' })), 'This is not a Vaultcards drill (it has no "format": "vaultcards-drill").');
    expectRefused(await decodeDrill(await jsonCode('d1.', [1, 2, 3])), 'This is not a Vaultcards drill (it has no "format": "vaultcards-drill").');
    expectRefused(await decodeDrill(await jsonCode('d1.', null)), 'This is not a Vaultcards drill (it has no "format": "vaultcards-drill").');
    const resultCode = await encodeResult(await sampleResult());
    expectRefused(await decodeDrill(resultCode), 'This is a drill result, not a drill. Import results on the drill’s results screen.');
    expectRefused(await decodeDrill(await jsonCode('d1.', await sampleResult())), 'This is a drill result, not a drill. Import results on the drill’s results screen.');
    expectRefused(await decodeDrill(await rawCode('d1.', '{"format": "vaultcards-drill", ')), 'The drill code is damaged: what it unpacks to is not valid JSON.');
    // Bytes that are not UTF-8.
    expectRefused(await decodeDrill('d1.' + toBase64Url(await (await import('./helpers.ts')).deflate(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])))), DAMAGED_DRILL);
  });

  it('schema violations name the first problem', async () => {
    const single = drill.questions.findIndex((q) => q.kind === 'single' || q.kind === 'numeric' || q.kind === 'not');
    expect(single).toBeGreaterThanOrEqual(0);

    const noAnswer = clone(drill) as unknown as { questions: Record<string, unknown>[] };
    delete noAnswer.questions[single]?.answer;
    expectRefused(await decodeDrill(await jsonCode('d1.', noAnswer)), SCHEMA(`questions[${single}].answer: Invalid input: expected string, received undefined`));

    const badAnswer = clone(drill) as unknown as { questions: Record<string, unknown>[] };
    (badAnswer.questions[single] as Record<string, unknown>).answer = 'f9';
    expectRefused(await decodeDrill(await jsonCode('d1.', badAnswer)), SCHEMA(`questions[${single}].answer: the answer "f9" is not one of the options`));

    const essay = clone(drill) as unknown as { questions: Record<string, unknown>[] };
    (essay.questions[0] as Record<string, unknown>).kind = 'essay';
    expectRefused(await decodeDrill(await jsonCode('d1.', essay)), SCHEMA('questions[0].kind: unknown question kind ("essay"); this app knows single, multiple, true-false, numeric, not, matching, cloze'));

    const many = clone(drill);
    many.questions = Array.from({ length: 201 }, (_, i) => ({ ...(drill.questions[i % drill.questions.length] as Drill['questions'][number]), id: `q${i}` }));
    expectRefused(await decodeDrill(await jsonCode('d1.', many)), SCHEMA('questions: Too big: expected array to have <=200 items'));

    expectRefused(await decodeDrill(await jsonCode('d1.', { ...drill, evil: true })), SCHEMA('Unrecognized key: "evil"'));
    expectRefused(await decodeDrill(await jsonCode('d1.', { ...drill, passMark: '70' })), SCHEMA('passMark: Invalid input: expected number, received string'));
    expectRefused(await decodeDrill(await jsonCode('d1.', { ...drill, minutes: 301 })), SCHEMA('minutes: Too big: expected number to be <=300'));
    expectRefused(await decodeDrill(await jsonCode('d1.', { ...drill, title: '' })), SCHEMA('title: Too small: expected string to have >=1 characters (and 1 more problem)'));
    expectRefused(await decodeDrill(await jsonCode('d1.', { ...drill, questions: [] })), SCHEMA('questions: Too small: expected array to have >=1 items'));
    expectRefused(await decodeDrill(await jsonCode('d1.', { ...drill, version: 0 })), SCHEMA('version: Invalid input: expected 1'));

    const twice = clone(drill);
    twice.questions[1] = { ...(twice.questions[1] as Drill['questions'][number]), id: twice.questions[0]?.id ?? '' };
    expectRefused(await decodeDrill(await jsonCode('d1.', twice)), SCHEMA(`questions[1].id: question "${drill.questions[0]?.id}" appears twice`));
  });

  it('never throws on non-string input from untyped callers', async () => {
    expect((await decodeDrill(undefined as unknown as string)).ok).toBe(false);
    expect((await decodeResult(42 as unknown as string)).ok).toBe(false);
    expect(parseDrillFile(null as unknown as string).ok).toBe(false);
  });
});

describe('drill files', () => {
  it('round-trips as pretty JSON; openDrill takes a file or a link', async () => {
    const text = drillFileText(drill);
    expect(text.startsWith('{\n  "format": "vaultcards-drill",\n  "version": 1,')).toBe(true);
    expect(parseDrillFile(text)).toEqual({ ok: true, drill });
    expect(await openDrill(text)).toEqual({ ok: true, drill });
    expect(await openDrill(`https://vaultcards.example/#/drill/${await encodeDrill(drill)}`)).toEqual({ ok: true, drill });
  });

  it('refuses, word for word', async () => {
    expectRefused(parseDrillFile('{"format": "vaultcards-drill", "versi'), 'This file is not valid JSON, so it is not a Vaultcards drill file, or it was cut short (truncated).');
    expectRefused(parseDrillFile(''), 'This file is not valid JSON, so it is not a Vaultcards drill file, or it was cut short (truncated).');
    expectRefused(parseDrillFile('{"format": "vaultcards-progress", "version": 1}'), 'This is not a Vaultcards drill file (it has no "format": "vaultcards-drill").');
    expectRefused(parseDrillFile(JSON.stringify({ ...drill, version: 2 })), NEWER_DRILL(2));
    expectRefused(parseDrillFile(resultFileText(await sampleResult())), 'This is a drill result, not a drill. Import results on the drill’s results screen.');
    expectRefused(parseDrillFile(JSON.stringify({ ...drill, shuffle: 'yes' })), 'This drill file is damaged or was changed by hand: shuffle: Invalid input: expected boolean, received string.');
    expectRefused(parseDrillFile(' '.repeat(2 * 1024 * 1024 + 1)), 'This file is 2.0 MB; a drill file can be at most 2 MB.');
    // The cap is on UTF-8 bytes: 1.1 million two-byte characters are 2.1 MB.
    expectRefused(parseDrillFile('é'.repeat(1_100_000)), 'This file is 2.1 MB; a drill file can be at most 2 MB.');
  });
});

describe('result codes and files', () => {
  it('round-trip with a verified checksum', async () => {
    const result = await sampleResult();
    expect(result.checksum).toMatch(/^[0-9a-f]{16}$/);
    expect(result.checksum).toBe(await resultChecksum(result));
    const code = await encodeResult(result);
    expect(code).toMatch(/^r1\.[A-Za-z0-9_-]+$/);
    expect(await decodeResult(code)).toEqual({ ok: true, result });
    expect(await decodeResult(`\n ${code.slice(0, 20)}\n${code.slice(20)} \n`)).toEqual({ ok: true, result });
    expect(await decodeResult(`https://vaultcards.example/#/results?result=${code}`)).toEqual({ ok: true, result });
    expect(await parseResultFile(resultFileText(result))).toEqual({ ok: true, result });
  });

  it('the checksum catches a changed score (made consistent, so only the checksum can tell)', async () => {
    const result = await sampleResult();
    const wrong = result.answers.findIndex((a) => !a.correct);
    const forged = clone(result);
    (forged.answers[wrong] as DrillResult['answers'][number]).correct = true;
    forged.score += 1;
    forged.percent = Math.round((100 * forged.score) / forged.total);
    expectRefused(await decodeResult(await jsonCode('r1.', forged)), 'The result code does not match its checksum: it was changed or damaged in transit.');
    expectRefused(await parseResultFile(JSON.stringify(forged)), 'The result file does not match its checksum: it was changed or damaged in transit.');
    // A changed name or time too.
    expectRefused(await decodeResult(await jsonCode('r1.', { ...result, student: 'Ana Lopes' })), 'The result code does not match its checksum: it was changed or damaged in transit.');
    expectRefused(await decodeResult(await jsonCode('r1.', { ...result, finishedAt: result.finishedAt + 1 })), 'The result code does not match its checksum: it was changed or damaged in transit.');
    // Recomputing the checksum makes a forgery pass the codec: it is not a signature (collectResults regrades; see results.test.ts).
    const resealed = { ...forged, checksum: await resultChecksum(forged) };
    expect((await decodeResult(await jsonCode('r1.', resealed))).ok).toBe(true);
  });

  it('an inconsistent score is refused by the schema before the checksum', async () => {
    const result = await sampleResult();
    expectRefused(
      await decodeResult(await jsonCode('r1.', { ...result, score: result.score + 1 })),
      `This result is damaged or was changed by hand: score: is ${result.score + 1} but ${result.score} answers are marked correct (and 1 more problem).`,
    );
  });

  it('refuses, word for word', async () => {
    const code = await encodeResult(await sampleResult());
    expectRefused(await decodeResult(''), 'There is no result code here. Paste the whole code.');
    expectRefused(await decodeResult(code.slice(0, code.length - 7)), DAMAGED_RESULT);
    expectRefused(await decodeResult('r1.abc$'), DAMAGED_RESULT);
    expectRefused(await decodeResult('r4.' + code.slice(3)), NEWER_RESULT(4));
    expectRefused(await decodeResult(await encodeDrill(drill)), 'This is a drill, not a drill result. Open a drill with its link; results are what students send back.');
    expectRefused(await decodeResult('hello'), 'This is not a Vaultcards result code (a result code starts with "r1.").');
    expectRefused(await decodeResult('r1.' + 'A'.repeat(200_000)), 'This result code is 200,003 characters long; a result code can be at most 200,000.');
    expectRefused(await decodeResult(await rawCode('r1.', `{"format":"vaultcards-drill-result","x":"${'A'.repeat(3 * 1024 * 1024)}"}`)), 'This result is larger than 2 MB when unpacked, so it was not opened.');
    expectRefused(await parseResultFile('nope'), 'This file is not valid JSON, so it is not a Vaultcards result file, or it was cut short (truncated).');
    expectRefused(await parseResultFile(drillFileText(drill)), 'This is a drill, not a drill result. Open a drill with its link; results are what students send back.');
    expectRefused(await parseResultFile('{"format":"vaultcards-drill-result","version":2}'), NEWER_RESULT(2));
    expectRefused(await parseResultFile('{"format":"vaultcards-drill-result","version":1}'), 'This result file is damaged or was changed by hand: drillId: Invalid input: expected string, received undefined (and 10 more problems).');
  });
});

describe('checksum internals', () => {
  it('canonical JSON sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined }, e: null })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1,"e":null}');
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
  });

  it('the plain SHA-256 (for pages without crypto.subtle) agrees with crypto.subtle', async () => {
    const hex = (b: Uint8Array): string => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
    expect(hex(sha256Plain(new TextEncoder().encode('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    for (const n of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000, 70_000]) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 31 + n) & 255);
      expect(hex(sha256Plain(bytes))).toBe(hex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))));
    }
  });
});
