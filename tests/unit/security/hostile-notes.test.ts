/**
 * The XSS corpus through the notes pipeline (the same one that compiles the
 * shipped notes at build time and imported notes in the browser): every
 * payload goes through `buildVault`, `generateCards` and `generateQuestions`,
 * and what comes out holds only the known `Inline` node types, only
 * http(s)/mailto link addresses, no image with a script or document scheme,
 * and markup only inside text the UI prints as text. A hostile front matter
 * (an alias bomb) finishes quickly with a warning.
 */
import { describe, expect, it } from 'vitest';
import { generateCards } from '../../../src/lib/cards/index.ts';
import { buildVault } from '../../../src/lib/content/index.ts';
import type { Inline, Note, Vault } from '../../../src/lib/content/types.ts';
import { generateQuestions } from '../../../src/lib/quiz/index.ts';
import { familyCounts, INLINE_PAYLOADS, PAYLOADS } from '../../fixtures/xss/payloads.ts';
import { hostileNotes, NUL_NOTE } from '../../fixtures/xss/notes.ts';

const KNOWN = new Set(['text', 'strong', 'em', 'del', 'code', 'keyterm', 'wikilink', 'embed', 'image', 'footnote', 'math', 'extlink', 'tag', 'br']);
/** Node types the UI prints with `{...}` interpolation: markup in them is shown as text. */
const PRINTED_AS_TEXT = new Set(['text', 'code', 'math', 'wikilink', 'embed', 'footnote', 'tag']);
const SAFE_HREF = /^(?:https?:|mailto:)/i;
/** What a browser would treat as a scheme after removing the characters it ignores. */
const scheme = (url: string): string =>
  url
    .replace(/[\u0000-\u0020]/g, '')
    .toLowerCase()
    .split(':')[0] ?? '';

function problemsIn(nodes: readonly Inline[], where: string, out: string[]): void {
  for (const node of nodes) {
    if (!KNOWN.has(node.type)) out.push(`${where}: unknown node type ${node.type}`);
    switch (node.type) {
      case 'extlink':
        // Markup inside a mailto body is harmless in an attribute; only the scheme matters.
        if (!SAFE_HREF.test(node.href) || !['http', 'https', 'mailto'].includes(scheme(node.href))) out.push(`${where}: extlink href ${node.href}`);
        break;
      case 'image': {
        const s = scheme(node.target);
        if (node.external ? !/^https?:/i.test(node.target) : ['javascript', 'vbscript', 'data'].includes(s) || /^data:text/i.test(node.target))
          out.push(`${where}: image target ${node.target}`);
        break;
      }
      default:
    }
    if ('children' in node) problemsIn(node.children, where, out);
    // Markup may stay as letters on screen, but only in nodes rendered as text.
    const text = 'text' in node ? node.text : '';
    if (/<\s*script/i.test(text) && !PRINTED_AS_TEXT.has(node.type)) out.push(`${where}: <script in a ${node.type}`);
  }
}

function vaultProblems(vault: Vault): string[] {
  const out: string[] = [];
  const check = (note: Note): void => {
    for (const fact of note.facts) {
      problemsIn(fact.inline, `${note.file}:${fact.line}`, out);
      for (const cells of fact.row?.cells ?? []) problemsIn(cells, `${note.file}:${fact.line} cell`, out);
    }
    for (const section of note.sections) for (const item of [...(section.items ?? []), ...(section.shown ?? [])]) problemsIn(item.inline, `${note.file}:${item.line}`, out);
    for (const callout of note.callouts) problemsIn(callout.title, `${note.file}:${callout.line} callout title`, out);
    for (const table of note.tables) for (const cell of table.header) problemsIn(cell, `${note.file}:${table.line} header`, out);
    for (const link of note.externalLinks) if (!SAFE_HREF.test(link.href)) out.push(`${note.file}:${link.line}: external link ${link.href}`);
    // Tags are printed as text and put in links through encodeURIComponent: any characters are data.
    for (const tag of note.tags) if (typeof tag !== 'string') out.push(`${note.file}: tag ${String(tag)}`);
  };
  vault.notes.forEach(check);
  return out;
}

describe('the XSS corpus', () => {
  it('holds at least 120 payloads, unique ids, every family represented', () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(120);
    expect(new Set(PAYLOADS.map((x) => x.id)).size).toBe(PAYLOADS.length);
    expect(Object.values(familyCounts()).every((n) => n >= 8)).toBe(true);
  });
});

describe('hostile notes through the pipeline', () => {
  const started = performance.now();
  const vault = buildVault(hostileNotes());
  const buildMs = performance.now() - started;

  it('finishes quickly (the alias bomb does not hang) and warns about the broken front matter', () => {
    expect(buildMs).toBeLessThan(5000);
    expect(vault.notes.length).toBe(hostileNotes().length);
    const frontMatter = vault.warnings.filter((w) => w.code === 'front-matter').map((w) => w.file);
    expect(frontMatter).toContain('Front matter fm04.md');
    expect(frontMatter).toContain('Front matter fm08.md');
  });

  it('keeps only known inline nodes, safe addresses and markup as text', () => {
    expect(vaultProblems(vault)).toEqual([]);
    // The inline payloads all became facts: none was lost or split.
    const one = vault.notes.find((n) => n.id === 'Hostile note one');
    expect(one?.facts.length).toBe(INLINE_PAYLOADS.length);
  });

  it('gives titles, descriptions and tags as plain strings', () => {
    for (const note of vault.notes) {
      expect(typeof note.title).toBe('string');
      expect(typeof note.description).toBe('string');
      expect(note.tags.every((t) => typeof t === 'string')).toBe(true);
    }
    // A prototype key in the front matter stays data: it pollutes nothing.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('makes cards and questions whose strings are data, with sources inside the vault', () => {
    const cards = generateCards(vault);
    expect(cards.length).toBeGreaterThan(INLINE_PAYLOADS.length);
    const questions = generateQuestions(vault, { seed: 'xss' });
    expect(questions.length).toBeGreaterThan(20);
    const ids = new Set(vault.notes.map((n) => n.id));
    for (const q of questions) {
      expect(ids.has(q.explanation.noteId)).toBe(true);
      // Every field is plain JSON data (strings, numbers, booleans): nothing callable.
      expect(JSON.parse(JSON.stringify(q))).toEqual(q);
    }
    for (const c of cards) expect(JSON.parse(JSON.stringify(c))).toEqual(c);
  });

  it('parses the NUL payloads without trouble (the Library refuses the file as binary before this)', () => {
    expect(vaultProblems(buildVault([NUL_NOTE]))).toEqual([]);
  });
});
