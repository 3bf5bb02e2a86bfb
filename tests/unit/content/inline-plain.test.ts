// @vitest-environment node
/**
 * `parseInline` reads a line with no markup (`isPlainLine`) without marked.
 * That shortcut must give exactly what marked gives: here both ways are
 * compared on every line of the shipped notes and of the benchmark's notes,
 * on lines from the parser's property-test generator (as generated, and with
 * their marks taken out so that most become plain), and on random unicode.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlainLine, parseInline, parseInlineWithMarked } from '../../../src/lib/content/inline.ts';
import { benchNotes } from '../../../scripts/bench/notes.ts';
import { inlineText, lineText } from './note-arbitraries.ts';

/** The characters `countMarks` counts: taking them out of a line usually leaves a plain one. */
const MARKS = /[\\<![`*_~$@&]/g;
const FC_SEED = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
const seed = FC_SEED === undefined ? {} : { seed: FC_SEED };

/** Both ways agree on a plain line (nodes, links, tags, issues); a line that is not plain is left to marked. */
function sameBothWays(line: string): boolean {
  if (!isPlainLine(line)) return false;
  expect(parseInline(line), JSON.stringify(line)).toEqual(parseInlineWithMarked(line));
  return true;
}

describe("parseInline's plain-line shortcut gives what marked gives", () => {
  it('on every line of the shipped notes and of 100 benchmark notes', () => {
    const texts = [
      ...readdirSync('content').filter((f) => f.endsWith('.md')).map((f) => readFileSync(join('content', f), 'utf8')),
      ...benchNotes(100, { terms: [7, 11] }).map((f) => f.text),
    ];
    let plain = 0;
    let lines = 0;
    for (const text of texts) {
      for (const raw of text.split('\n')) {
        // What the line stage hands on: list markers and quotes off, the rest as written.
        for (const line of [raw, raw.replace(/^[\s>]*(?:[-*+]|\d+[.)])?\s+/, ''), raw.replace(MARKS, '')]) {
          lines++;
          if (sameBothWays(line)) plain++;
        }
      }
    }
    // Most lines of these notes are plain: the comparison is not vacuous.
    expect(plain).toBeGreaterThan(lines / 3);
  });

  it("on the property tests' lines, as generated and with their marks taken out", () => {
    let plain = 0;
    fc.assert(
      fc.property(fc.oneof(inlineText, lineText), (line) => {
        sameBothWays(line);
        if (sameBothWays(line.replace(MARKS, ''))) plain++;
      }),
      { numRuns: 5000, ...seed },
    );
    expect(plain).toBeGreaterThan(2500);
  });

  it('on random unicode, tags, highlights, spaces and punctuation', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 8 }),
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.constantFrom(' ', '  ', '\t', '\u00a0', '\u2003', '==', '=', '#', '#tag', '#a/b', '#123', '#0055FF', '(#x', ',#y', ':', '/', '.', 'ftp', 'http', 'www', 'w.', '%%', '^b1', ']]', ']', '|', '>', '"', "'", '-', '+'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (pieces) => {
        const line = pieces.join('').replace(MARKS, '');
        sameBothWays(line);
        sameBothWays(line.trim());
      }),
      { numRuns: 5000, ...seed },
    );
  });

  it('leaves addresses and line breaks to marked, which links them', () => {
    for (const line of ['see www.example.com', 'at https://aws.amazon.com now', 'FTP://host/x', 'WWW.EXAMPLE.COM', 'two\nlines']) {
      expect(isPlainLine(line)).toBe(false);
    }
    expect(parseInline('see www.example.com').inline.some((n) => n.type === 'extlink')).toBe(true);
    expect(isPlainLine('retention: 35 days, #backup ==key== (default)')).toBe(true);
  });
});
