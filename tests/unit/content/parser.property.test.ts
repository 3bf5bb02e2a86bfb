// @vitest-environment node
/**
 * Property tests of the notes pipeline: fast-check writes notes from random
 * mixes of the Obsidian constructs the pipeline knows (front matter valid and
 * broken, ATX and `===` headings with `%% fold %%`, nested lists with tabs and
 * spaces, ordered and task items, block ids, wiki-links of every form and
 * malformed ones, embeds and images, highlights, `<mark>`, tags, `%%` and HTML
 * comments closed and unclosed, callouts nested with `>>`, tables with and
 * without a delimiter row, fenced code closed and not, footnotes, math, raw
 * HTML, CRLF and lone CR line ends, unicode), builds a vault of a few of them
 * and checks:
 *
 * 1. `buildVault`, `generateCards` and `generateQuestions` never throw; every
 *    id reference points at something that exists (sections, facts, blocks,
 *    summary, links, callouts, tables, cards, questions), ids are unique per
 *    note; every line number is within the file, and every fact's words are on
 *    its line (a code block's on the lines below its fence, a table row's cells
 *    on the row); warnings name the file and a line in it; every inline node is
 *    one of the `Inline` union's shapes.
 * 2. Parsing is deterministic, and the vault does not depend on the order of
 *    its files.
 * 3. Ids are stable: an unrelated section (a heading of the same level and a
 *    line under it) added right before an ATX heading that is not the note's
 *    first keeps every section id, every studied fact's and navigation item's
 *    id (in order), every id of the other notes, and every definition and
 *    cloze card's id; at most one new fact appears. Lines only shown (code, footnotes,
 *    embeds) are keyed by their line, so only those above the addition keep
 *    theirs.
 *
 * NOTES_PROPS_SCALE=<k> multiplies every run count (a soak); FC_SEED replays a failure.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateCards } from '../../../src/lib/cards/index.ts';
import { buildVault, lexLines, type NoteFile } from '../../../src/lib/content/index.ts';
import type { Fact, Inline, Note, Vault } from '../../../src/lib/content/types.ts';
import { generateQuestions } from '../../../src/lib/quiz/index.ts';
import { blockId, FOLDERS, heading, inlineText, lineText, name, wikiInner, word } from './note-arbitraries.ts';

const SCALE = Number(process.env.NOTES_PROPS_SCALE ?? 1);
const FC_SEED = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
const TIMEOUT = 120_000;

/** Run counts per property; they sum to 10,000 (checked at the end). */
const RUNS = { consistent: 5500, cardsAndQuiz: 1000, deterministic: 2000, stableIds: 1500 };
let ran = 0;
const params = (runs: number): { numRuns: number; seed?: number } => {
  const numRuns = Math.max(1, Math.round(runs * SCALE));
  ran += numRuns;
  return { numRuns, ...(FC_SEED === undefined ? {} : { seed: FC_SEED }) };
};

// Words, wiki-links and inline text: ./note-arbitraries.ts (shared with inline-plain.test.ts).

// ------------------------------------------------------------------ blocks (each a list of lines)

const indentUnit = fc.constantFrom('  ', '    ', '\t', ' \t', '   ');
const bullet = fc.constantFrom('-', '*', '+', '1.', '2)', '10.');
const taskBox = fc.constantFrom('', '', '', '[ ] ', '[x] ', '[X] ', '[-] ', '[>] ');

const listBlock = fc
  .array(fc.tuple(fc.nat({ max: 4 }), bullet, taskBox, lineText, indentUnit), { minLength: 1, maxLength: 6 })
  .map((items) => {
    let depth = 0;
    return items.map(([d, b, task, text, unit]) => {
      depth = Math.min(d, depth + 1);
      return `${unit.repeat(depth)}${b} ${task}${text}`;
    });
  });
const keyInsights = fc
  .tuple(fc.constantFrom('- key insights:', '- Key insight', '* key insights'), fc.array(lineText, { minLength: 1, maxLength: 3 }))
  .map(([lead, items]) => [lead, ...items.map((t) => `  - ${t}`)]);
const toc = fc.array(heading, { minLength: 1, maxLength: 3 }).map((hs) => ['table of contents:', ...hs.map((h) => `- [[#${h}]]`)]);
const atxHeading = fc
  .tuple(fc.integer({ min: 1, max: 7 }), fc.oneof(heading, inlineText), fc.constantFrom('', '', ' %% fold %%', ' ##', ' ^b1'), fc.constantFrom('', ' ', '  '))
  .map(([level, text, tail, lead]) => [`${lead}${'#'.repeat(level)} ${text}${tail}`]);
const setextHeading = fc.tuple(fc.oneof(heading, inlineText), fc.constantFrom('===', '=', '  ====  ')).map(([t, u]) => [t, u]);
const paragraph = fc.array(lineText, { minLength: 1, maxLength: 3 });
const rule = fc.constantFrom<string[]>(['---'], ['***'], ['- - -'], ['___']);
const blockIdAlone = blockId.map((b) => [`^${b}`]);
const cell = fc.oneof(word, inlineText, fc.constant(''), wikiInner.map((i) => `[[${i}]]`));
const table = fc
  .tuple(
    fc.array(cell, { minLength: 1, maxLength: 4 }),
    fc.array(fc.array(cell, { minLength: 0, maxLength: 6 }), { maxLength: 4 }),
    fc.boolean(),
    fc.constantFrom('---', ':--', '--:', ':-:'),
    fc.boolean(),
  )
  .map(([header, rows, withDelimiter, align, outerPipes]) => {
    const row = (cells: string[]): string => (outerPipes ? `| ${cells.join(' | ')} |` : cells.join(' | '));
    const lines = [row(header)];
    if (withDelimiter) lines.push(row(header.map(() => align)));
    for (const r of rows) lines.push(row(r));
    return lines;
  });
const code = fc
  .tuple(fc.constantFrom('```', '~~~', '````', '$$'), fc.constantFrom('', 'js', 'yaml', 'json {x}'), fc.array(fc.oneof(inlineText, fc.constant(''), fc.constant('# not a heading')), { maxLength: 4 }), fc.boolean(), fc.constantFrom('', '  ', '\t'))
  .map(([fence, lang, body, closed, indent]) => {
    const open = fence === '$$' ? '$$' : `${fence}${lang}`;
    return [`${indent}${open}`, ...body.map((l) => `${indent}${l}`), ...(closed ? [`${indent}${fence}`] : [])];
  });
const callout = fc
  .tuple(
    fc.constantFrom('[!warning]-', '[!note]', '[!Tip]+', '[!my-type]', '[!faq]-', '', '[!]', '[!x'),
    fc.option(inlineText),
    fc.array(fc.tuple(fc.constantFrom('> ', '>', '>> ', '> > ', '>>> ', '> - ', '>   - ', '> 1. ', '> | a | b |', '> ```', '>> [!tip] ', '> > [!danger]+ '), fc.option(lineText)), { maxLength: 5 }),
  )
  .map(([type, title, body]) => [`> ${type} ${title ?? ''}`.trimEnd(), ...body.map(([prefix, text]) => `${prefix}${text ?? ''}`)]);
const footnote = fc.tuple(fc.constantFrom('1', 'note', 'x y'), fc.option(lineText)).map(([label, text]) => [`[^${label}]: ${text ?? ''}`]);
const comment = fc
  .tuple(fc.constantFrom('%%', '<!--'), fc.array(inlineText, { maxLength: 3 }), fc.boolean(), fc.boolean())
  .map(([open, body, closed, oneLine]) => {
    const close = open === '%%' ? '%%' : '-->';
    if (oneLine) return [`${open} ${body.join(' ')} ${closed ? close : ''}`.trim()];
    return [open, ...body, ...(closed ? [close] : [])];
  });
const rawHtml = fc.constantFrom<string[]>(['<div>text in a div</div>'], ['<details><summary>s</summary>'], ['<p align="center">x</p>'], ['<table><tr><td>1</td></tr></table>'], ['<script>', 'alert(1)', '</script>']);
const blank = fc.constant<string[]>(['']);

const block: fc.Arbitrary<string[]> = fc.oneof(
  { weight: 6, arbitrary: listBlock },
  { weight: 5, arbitrary: atxHeading },
  { weight: 5, arbitrary: paragraph },
  { weight: 5, arbitrary: blank },
  { weight: 2, arbitrary: setextHeading },
  { weight: 2, arbitrary: keyInsights },
  { weight: 1, arbitrary: toc },
  { weight: 2, arbitrary: rule },
  { weight: 2, arbitrary: blockIdAlone },
  { weight: 3, arbitrary: table },
  { weight: 3, arbitrary: code },
  { weight: 3, arbitrary: callout },
  { weight: 2, arbitrary: footnote },
  { weight: 2, arbitrary: comment },
  { weight: 1, arbitrary: rawHtml },
);

const frontMatter: fc.Arbitrary<string[]> = fc.constantFrom<string[]>(
  [],
  [],
  ['---', 'title: From front matter', 'tags: [aws, backup]', 'description: A note', '---'],
  ['---', 'service: Service name', 'tags: "#aws #storage"', '---'],
  ['---', 'title: [unclosed', '---'],
  ['---', '- a list', '- not a map', '---'],
  ['---', 'just a scalar', '---'],
  ['---', 'a: &x [1, 2]', 'b: *x', 'c: *nope', '---'],
  ['---', 'title: no closing line'],
  ['---', 'tabs:\t[1', '...'],
  ['---', '---'],
  ['', '---', 'title: after a blank line', '---'],
);
const lineEnd = fc.constantFrom('\n', '\n', '\n', '\r\n', 'mixed');

/** Lines joined by LF, CRLF or a mix (with a lone CR now and then), maybe with a final newline. */
const joinLines = (lines: string[], eol: string, finalNewline: boolean): string => {
  let text = '';
  lines.forEach((line, i) => {
    if (i > 0) text += eol === 'mixed' ? ['\n', '\r\n', '\r'][i % 3] : eol;
    text += line;
  });
  return finalNewline ? `${text}\n` : text;
};

/** One note: front matter, then blocks. */
const noteText = fc
  .tuple(frontMatter, fc.array(block, { maxLength: 12 }), lineEnd, fc.boolean())
  .map(([fm, blocks, eol, finalNewline]) => joinLines([...fm, ...blocks.flat()], eol, finalNewline));

/** A note of sections: front matter, then 2 to 4 ATX headings, each with a few blocks under it. */
const sectionedNoteText = fc
  .tuple(frontMatter, fc.array(fc.tuple(fc.integer({ min: 1, max: 6 }), heading, fc.array(block, { maxLength: 4 })), { minLength: 2, maxLength: 4 }), lineEnd, fc.boolean())
  .map(([fm, sections, eol, finalNewline]) => joinLines([...fm, ...sections.flatMap(([level, title, blocks]) => [`${'#'.repeat(level)} ${title}`, ...blocks.flat()])], eol, finalNewline));

/** A vault of 1 to 3 notes with distinct paths (two of them may share a base name in different folders). */
const vaultOf = (note: fc.Arbitrary<string>): fc.Arbitrary<NoteFile[]> =>
  fc
    .uniqueArray(fc.tuple(fc.constantFrom(...FOLDERS), name), { minLength: 1, maxLength: 3, selector: ([f, n]) => `${f}${n}` })
    .chain((paths) => fc.tuple(...paths.map(() => note)).map((texts) => paths.map(([f, n], i) => ({ path: `${f}${n}.md`, text: texts[i] as string }))));
const vaultFiles = vaultOf(noteText);

// ------------------------------------------------------------------ checks

/** The note's lines as the lexer numbers them (CRLF and a lone CR end a line). */
const linesOf = (text: string): string[] => text.replace(/\r\n?/g, '\n').split('\n');

/** Letters and digits, each lower-cased alone (so a Greek final sigma reads the same wherever it is). */
function letters(text: string): string {
  let out = '';
  for (const c of text.replace(/[^\p{L}\p{N}]+/gu, '')) out += c.toLowerCase();
  return out;
}

function isSubsequence(needle: string, hay: string): boolean {
  let at = 0;
  for (const ch of needle) {
    at = hay.indexOf(ch, at);
    if (at < 0) return false;
    at += ch.length;
  }
  return true;
}

const fail = (file: string, message: string): never => {
  throw new Error(`${file}: ${message}`);
};

/** Every inline node has exactly one of the union's shapes: known type, known members, right types. */
function checkInline(nodes: Inline[], links: number, where: string): void {
  if (!Array.isArray(nodes)) fail(where, 'inline is not an array');
  for (const node of nodes) {
    const keys = Object.keys(node).sort().join(',');
    const want = (shape: string): void => {
      if (keys !== shape) fail(where, `inline ${node.type} has members ${keys}, not ${shape}`);
    };
    const str = (v: unknown, what: string): void => {
      if (typeof v !== 'string') fail(where, `inline ${node.type}.${what} is not a string`);
    };
    switch (node.type) {
      case 'text':
      case 'code':
      case 'math':
        want('text,type');
        str(node.text, 'text');
        break;
      case 'strong':
      case 'em':
      case 'del':
      case 'keyterm':
        want('children,type');
        checkInline(node.children, links, where);
        break;
      case 'wikilink':
      case 'embed':
        want('link,text,type');
        str(node.text, 'text');
        if (!Number.isInteger(node.link) || node.link < 0 || node.link >= links) fail(where, `inline ${node.type} points at link ${node.link} of ${links}`);
        break;
      case 'image': {
        const extra = keys.split(',').filter((k) => !['alt', 'target', 'type', 'width', 'external'].includes(k));
        if (extra.length > 0 || !keys.includes('alt') || !keys.includes('target')) fail(where, `inline image has members ${keys}`);
        str(node.target, 'target');
        str(node.alt, 'alt');
        if ('width' in node && !(Number.isInteger(node.width) && (node.width as number) > 0)) fail(where, `image width ${node.width}`);
        if ('external' in node && node.external !== true) fail(where, 'image external is not true');
        break;
      }
      case 'footnote':
        want('label,type');
        str(node.label, 'label');
        break;
      case 'extlink':
        want('children,href,type');
        if (!/^(?:https?:|mailto:)/i.test(node.href)) fail(where, `extlink to ${node.href}`);
        checkInline(node.children, links, where);
        break;
      case 'tag':
        want('tag,type');
        str(node.tag, 'tag');
        break;
      case 'br':
        want('type');
        break;
      default:
        fail(where, `inline node outside the union: ${JSON.stringify(node)}`);
    }
  }
}

/** Wiki-link indexes used by inline nodes. */
function linksIn(nodes: Inline[], out: number[] = []): number[] {
  for (const node of nodes) {
    if (node.type === 'wikilink' || node.type === 'embed') out.push(node.link);
    else if ('children' in node) linksIn(node.children, out);
  }
  return out;
}

const allFactsOf = (note: Note): Fact[] => [...note.facts, ...note.sections.flatMap((s) => [...(s.items ?? []), ...(s.shown ?? [])])];

/** Everything in one note points at something that exists, at a line of the file that holds its words. */
function checkNote(note: Note, text: string, vault: Vault): void {
  const f = note.file;
  const lines = linesOf(text);
  const inFile = (line: number, what: string): void => {
    if (!Number.isInteger(line) || line < 1 || line > lines.length) fail(f, `${what} at line ${line} of ${lines.length}`);
  };
  const sections = new Map(note.sections.map((s) => [s.id, s]));
  if (sections.size !== note.sections.length) fail(f, 'two sections share an id');
  const facts = allFactsOf(note);
  const byId = new Map(facts.map((x) => [x.id, x]));
  if (byId.size !== facts.length) fail(f, `two facts share an id: ${facts.map((x) => x.id).filter((id, i, all) => all.indexOf(id) !== i).join(', ')}`);
  const studied = new Set(note.facts.map((x) => x.id));

  for (const s of note.sections) {
    inFile(s.line, `section ${s.id}`);
    if (s.noteId !== note.id) fail(f, `section ${s.id} names note ${s.noteId}`);
    if (s.parentId !== null && !sections.get(s.parentId)?.childIds.includes(s.id)) fail(f, `section ${s.id}: parent ${s.parentId} does not list it`);
    for (const c of s.childIds) if (sections.get(c)?.parentId !== s.id) fail(f, `section ${s.id}: child ${c} missing or has another parent`);
    for (const id of s.factIds) {
      if (!studied.has(id)) fail(f, `section ${s.id} lists fact ${id}, which is not a studied fact`);
      if (byId.get(id)?.sectionId !== s.id) fail(f, `section ${s.id} lists fact ${id} of another section`);
    }
    for (const x of [...(s.items ?? []), ...(s.shown ?? [])]) if (x.sectionId !== s.id) fail(f, `section ${s.id} holds ${x.id} of section ${x.sectionId}`);
  }
  if (note.sections[0]?.id !== 'top' || note.sections[0].parentId !== null) fail(f, 'the first section is not the top');
  for (const s of note.sections.slice(1)) if (s.parentId === null) fail(f, `section ${s.id} has no parent`);
  const listed = note.sections.flatMap((s) => s.factIds);
  if (listed.length !== note.facts.length || new Set(listed).size !== listed.length) fail(f, 'facts and sections.factIds differ');

  for (const x of facts) {
    const where = `${f} fact ${x.id} (line ${x.line})`;
    inFile(x.line, `fact ${x.id}`);
    if (x.noteId !== note.id || !sections.has(x.sectionId)) fail(where, 'bad note or section');
    if (x.parentId !== null && !byId.has(x.parentId)) fail(where, `parent ${x.parentId} does not exist`);
    for (const c of x.childIds) if (byId.get(c)?.parentId !== x.id) fail(where, `child ${c} missing or has another parent`);
    for (const l of x.links) {
      if (!note.links[l]) fail(where, `link ${l} does not exist`);
      if (note.links[l]?.line !== x.line) fail(where, `link ${l} is on line ${note.links[l]?.line}`);
    }
    checkInline(x.inline, note.links.length, where);
    const used = linksIn(x.inline);
    if (x.row) {
      const table = note.tables[x.row.table];
      if (!table) fail(where, `table ${x.row.table} does not exist`);
      if (x.row.cells.length !== table?.header.length) fail(where, `${x.row.cells.length} cells under ${table?.header.length} headers`);
      for (const c of x.row.cells) {
        checkInline(c, note.links.length, where);
        used.push(...linksIn(c));
        if (!isSubsequence(letters(plainOf(c)), letters(lines[x.line - 1] ?? ''))) fail(where, `cell "${plainOf(c)}" is not on its line "${lines[x.line - 1]}"`);
      }
    }
    for (const l of used) if (!x.links.includes(l)) fail(where, `inline link ${l} is not among the fact's links ${x.links.join(',')}`);
    if (x.callout !== undefined && !note.callouts[x.callout]) fail(where, `callout ${x.callout} does not exist`);
    if (x.blockId !== undefined && !note.blocks[x.blockId]) fail(where, `block id ${x.blockId} is not in note.blocks`);
    // The fact's words are on its line (a code block's on the lines after its fence).
    const source = x.kind === 'code' ? lines.slice(x.line).join('\n') : (lines[x.line - 1] ?? '');
    if (!x.row && !isSubsequence(letters(x.kind === 'code' ? (x.code?.text ?? '') : x.text), letters(source))) fail(where, `text "${x.text}" is not on its line "${lines[x.line - 1]}"`);
    if (x.kind === 'code' && x.code?.text !== x.text) fail(where, 'code fact text differs from its code');
  }
  for (const id of note.summaryFactIds) if (!studied.has(id)) fail(f, `summary fact ${id} is not a studied fact`);
  for (const [b, target] of Object.entries(note.blocks)) {
    if (target.factId !== undefined && !byId.has(target.factId)) fail(f, `block ^${b} points at missing fact ${target.factId}`);
    if (target.sectionId !== undefined && !sections.has(target.sectionId)) fail(f, `block ^${b} points at missing section ${target.sectionId}`);
    if (target.factId === undefined && target.sectionId === undefined) fail(f, `block ^${b} points nowhere`);
  }
  note.callouts.forEach((c, i) => {
    if (!c || c.index !== i) fail(f, `callout ${i} missing or misnumbered`);
    inFile(c.line, `callout ${i}`);
    if (!sections.has(c.sectionId)) fail(f, `callout ${i} in missing section ${c.sectionId}`);
    if (c.parent !== null && !(c.parent >= 0 && c.parent < i)) fail(f, `callout ${i} has parent ${c.parent}`);
    checkInline(c.title, note.links.length, `${f} callout ${i}`);
  });
  if (Object.keys(note.callouts).length !== note.callouts.length) fail(f, 'callouts has holes');
  note.tables.forEach((t, i) => {
    if (t.index !== i) fail(f, `table ${i} misnumbered`);
    inFile(t.line, `table ${i}`);
    if (!sections.has(t.sectionId)) fail(f, `table ${i} in missing section`);
    if (t.align.length !== t.header.length) fail(f, `table ${i}: ${t.align.length} alignments for ${t.header.length} headers`);
    if (t.callout !== undefined && !note.callouts[t.callout]) fail(f, `table ${i} in missing callout`);
    for (const h of t.header) {
      checkInline(h, note.links.length, `${f} table ${i}`);
      if (!isSubsequence(letters(plainOf(h)), letters(lines[t.line - 1] ?? ''))) fail(f, `table ${i} header "${plainOf(h)}" not on line ${t.line}`);
    }
  });
  note.links.forEach((link, i) => {
    inFile(link.line, `link ${i}`);
    const r = link.resolved;
    if (r === null) return;
    const target = vault.notes.find((n) => n.id === r.note);
    if (!target) fail(f, `link ${i} resolved to missing note ${r.note}`);
    if (r.sectionId !== undefined && !target?.sections.some((s) => s.id === r.sectionId)) fail(f, `link ${i} resolved to missing section ${r.sectionId}`);
    if (r.factId !== undefined && !allFactsOf(target as Note).some((x) => x.id === r.factId)) fail(f, `link ${i} resolved to missing fact ${r.factId}`);
  });
  for (const e of note.externalLinks) {
    inFile(e.line, 'external link');
    if (!/^(?:https?:|mailto:)/i.test(e.href)) fail(f, `external link to ${e.href}`);
  }
}

function plainOf(nodes: Inline[]): string {
  return nodes.map((n) => ('text' in n && n.type !== 'embed' ? n.text : 'children' in n ? plainOf(n.children) : n.type === 'tag' ? n.tag : '')).join('');
}

function checkVault(files: NoteFile[], vault: Vault): void {
  const texts = new Map(files.map((x) => [x.path, x.text]));
  for (const note of vault.notes) checkNote(note, texts.get(note.file) ?? fail(note.file, 'note of no file'), vault);
  if (new Set(vault.notes.map((n) => n.id.toLowerCase())).size !== vault.notes.length) fail('vault', 'two notes share an id');
  for (const w of vault.warnings) {
    const text = texts.get(w.file);
    if (text === undefined) fail(w.file, `warning for a file not in the vault: ${w.message}`);
    const count = linesOf(text as string).length;
    if (!Number.isInteger(w.line) || w.line < 1 || w.line > count) fail(w.file, `warning at line ${w.line} of ${count}: ${w.code} ${w.message}`);
    if (typeof w.message !== 'string' || w.message === '') fail(w.file, 'warning without a message');
  }
  expect(vault.stats.notes).toBe(vault.notes.length);
  expect(vault.stats.facts).toBe(vault.notes.reduce((n, note) => n + note.facts.length, 0));
}

// ------------------------------------------------------------------ properties

describe('the notes pipeline on random notes of Obsidian constructs', () => {
  it('builds a vault whose every index, id reference, line and inline node is sound', { timeout: TIMEOUT }, () => {
    /** In how many vaults each construct turned up, so the checks are not vacuous. */
    const seen = new Map<string, number>();
    const saw = (what: string, yes: boolean): void => {
      if (yes) seen.set(what, (seen.get(what) ?? 0) + 1);
    };
    fc.assert(
      fc.property(vaultFiles, (files) => {
        const vault = buildVault(files);
        checkVault(files, vault);
        const notes = vault.notes;
        const facts = notes.flatMap(allFactsOf);
        saw('callout', notes.some((n) => n.callouts.some((c) => c.kind === 'callout')));
        saw('nested callout', notes.some((n) => n.callouts.some((c) => c.kind === 'callout' && c.parent !== null)));
        saw('table row', facts.some((x) => x.kind === 'row'));
        saw('code', facts.some((x) => x.kind === 'code'));
        saw('footnote', facts.some((x) => x.kind === 'footnote'));
        saw('task', facts.some((x) => x.task === 'done'));
        saw('nested item', facts.some((x) => x.depth >= 2));
        saw('summary', notes.some((n) => n.summaryFactIds.length > 0));
        saw('block link resolved', notes.some((n) => n.links.some((l) => l.kind === 'block' && l.resolved?.factId !== undefined)));
        saw('heading link resolved', notes.some((n) => n.links.some((l) => l.kind === 'heading' && l.resolved?.sectionId !== undefined)));
        saw('title from front matter', notes.some((n) => n.titleSource === 'front-matter'));
        saw('folded section', notes.some((n) => n.sections.some((s) => s.folded)));
        for (const w of vault.warnings) saw(`warning ${w.code}`, true);
      }),
      params(RUNS.consistent),
    );
    const want = [
      'callout', 'nested callout', 'table row', 'code', 'footnote', 'task', 'nested item', 'summary', 'block link resolved', 'heading link resolved', 'title from front matter', 'folded section',
      'warning malformed-link', 'warning empty-link', 'warning unresolved-heading', 'warning unresolved-block', 'warning duplicate-block-id', 'warning front-matter',
      'warning unsafe-link', 'warning html-dropped', 'warning unclosed-comment', 'warning table-row', 'warning unsafe-image',
    ];
    for (const what of want) expect(seen.get(what) ?? 0, what).toBeGreaterThan(RUNS.consistent * SCALE * 0.005);
  });

  it('makes cards and quiz questions that point at facts and sections of the vault', { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(vaultFiles, fc.string({ maxLength: 8 }), (files, seed) => {
        const vault = buildVault(files);
        const notes = new Map(vault.notes.map((n) => [n.id, n]));
        const studied = new Set(vault.notes.flatMap((n) => n.facts.map((x) => x.id)));
        const cards = generateCards(vault);
        if (new Set(cards.map((c) => c.id)).size !== cards.length) fail('cards', 'two cards share an id');
        for (const card of cards) {
          const note = notes.get(card.noteId);
          if (!note?.sections.some((s) => s.id === card.sectionId)) fail('cards', `card ${card.id} in a missing note or section`);
          // A list of sub-sections that hold no facts makes a card of no fact (its items are the headings).
          if (card.factIds.length === 0 && card.kind !== 'list-recall' && card.kind !== 'cloze-list') fail('cards', `card ${card.id} of no fact`);
          if (!card.factIds.every((id) => studied.has(id))) fail('cards', `card ${card.id} from missing facts ${card.factIds.join(',')}`);
          if (card.cloze && `${card.cloze.before}[...]${card.cloze.after}` !== card.prompt && card.kind !== 'cloze-list') fail('cards', `card ${card.id}: cloze does not make its prompt`);
        }
        const questions = generateQuestions(vault, { seed });
        if (new Set(questions.map((q) => q.id)).size !== questions.length) fail('quiz', 'two questions share an id');
        for (const q of questions) {
          if (!q.factIds.every((id) => studied.has(id))) fail('quiz', `question ${q.id} from missing facts`);
          if (!notes.get(q.explanation.noteId)?.sections.some((s) => s.id === q.explanation.sectionId)) fail('quiz', `question ${q.id} explained by a missing section`);
        }
      }),
      params(RUNS.cardsAndQuiz),
    );
  });

  it('is deterministic and does not depend on the order of the files', { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(vaultFiles, (files) => {
        const once = JSON.stringify(buildVault(files));
        expect(JSON.stringify(buildVault([...files].reverse().map((x) => ({ ...x }))))).toBe(once);
      }),
      params(RUNS.deterministic),
    );
  });

  it('keeps fact, section and card ids when an unrelated section is added before a heading', { timeout: TIMEOUT }, () => {
    let checked = 0;
    fc.assert(
      fc.property(vaultOf(sectionedNoteText), fc.nat(), fc.nat(), (files, pickFile, pickHeading) => {
        const file = files[pickFile % files.length] as NoteFile;
        const lines = linesOf(file.text);
        // ATX headings as the lexer sees them (not a `#` line in code, a comment or a callout), the first one
        // excepted (a first H1 is the note's title, which an added heading above it would take).
        const headings = lexLines(file.text)
          .tokens.filter((t) => t.type === 'heading')
          .slice(1)
          .filter((t) => /^ {0,3}#/.test(lines[t.line - 1] ?? ''));
        const target = headings[pickHeading % Math.max(1, headings.length)];
        if (target?.type !== 'heading') return;
        const at = target.line - 1;
        const added = ['', `${'#'.repeat(target.level)} zqxv unrelated`, 'zqxv unrelated line', ''];
        const changed = [...lines.slice(0, at), ...added, ...lines.slice(at)].join('\n');
        const before = buildVault(files);
        const after = buildVault(files.map((x) => (x === file ? { path: x.path, text: changed } : x)));
        checked++;

        const ids = (facts: Fact[]) => facts.map((x) => x.id);
        const nav = (n: Note) => n.sections.flatMap((s) => ids(s.items ?? []));
        const shownAbove = (n: Note) => n.sections.flatMap((s) => ids((s.shown ?? []).filter((x) => x.line <= at)));
        for (const note of before.notes) {
          const other = after.notes.find((n) => n.id === note.id) as Note;
          if (note.file !== file.path) {
            expect(JSON.stringify(other)).toBe(JSON.stringify(note));
            continue;
          }
          // Sections, studied facts and navigation items keep their ids and order; the added ones are new.
          expect(other.sections.map((s) => s.id).filter((id) => !id.includes('zqxv-unrelated'))).toEqual(note.sections.map((s) => s.id));
          expect(ids(other.facts).filter((id) => !note.facts.some((x) => x.id === id)).length).toBeLessThanOrEqual(1);
          expect(ids(other.facts).filter((id) => note.facts.some((x) => x.id === id))).toEqual(ids(note.facts));
          expect(nav(other).filter((id) => nav(note).includes(id))).toEqual(nav(note));
          // Lines only shown are keyed by their line: those above the added lines keep theirs.
          expect(shownAbove(other)).toEqual(shownAbove(note));
        }
        // A card made from one fact (definition, cloze) keeps its id. (A list card of the sub-sections of the
        // heading above may change: the added section is one more of them.)
        const cardsAfter = new Set(generateCards(after).map((c) => c.id));
        for (const card of generateCards(before)) {
          if (card.kind !== 'list-recall' && card.kind !== 'cloze-list' && !cardsAfter.has(card.id)) fail(card.noteId, `card ${card.id} (${card.prompt}) lost its id`);
        }
      }),
      params(RUNS.stableIds),
    );
    // Most vaults have a heading to add the section before, so the property is not vacuous.
    expect(checked).toBeGreaterThan(RUNS.stableIds * SCALE * 0.6);
  });
});

describe('run count', () => {
  it('adds up to at least 10,000 random vaults', () => {
    expect(Object.values(RUNS).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(10_000);
    expect(ran).toBeGreaterThanOrEqual(10_000 * Math.min(1, SCALE));
  });
});
