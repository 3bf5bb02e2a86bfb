/**
 * Obsidian constructs from other vaults: callouts and quotes, tables, code
 * blocks, embeds and images, raw HTML, footnotes, math, tasks, comments,
 * setext headings, notes in folders. Line numbers are checked throughout.
 */
import { describe, expect, it } from 'vitest';
import { buildVault, lexLines, parseInline, parseNote, plainText, sectionLayout, splitCells, type LayoutBlock } from '../../../src/lib/content/index.ts';
import type { Fact, Inline, Note } from '../../../src/lib/content/types.ts';

const note = (text: string, file = 'n.md'): { note: Note; warnings: string[] } => {
  const parsed = parseNote(file, text);
  return { note: parsed.note, warnings: parsed.warnings.map((w) => `${w.line} ${w.code}: ${w.message}`) };
};
const fact = (n: Note, text: string): Fact => {
  const found = n.facts.find((f) => f.text === text);
  if (!found) throw new Error(`no fact "${text}" (have: ${n.facts.map((f) => f.text).join(' | ')})`);
  return found;
};
const types = (blocks: LayoutBlock[]): unknown[] =>
  blocks.map((b) => (b.type === 'callout' ? { callout: b.callout.type, blocks: types(b.blocks) } : b.type === 'facts' ? b.items.map((i) => i.fact.text) : b.type));

describe('callouts and block quotes', () => {
  const text = [
    '# Callouts', // 1
    '## Box', // 2
    '- before the box', // 3
    '> [!warning]- Folded *title*', // 4
    '> - first item', // 5
    '>   - nested item', // 6
    '> - second item', // 7
    '>', // 8
    '> a paragraph %%hidden%% with ==highlight== and #aws/storage', // 9
    '>> [!tip] Inner', // 10
    '>> inner line', // 11
    '', // 12
    '> plain quote line', // 13
    '', // 14
    '> [!Note]', // 15
    '', // 16
    '> [!faq]+ Open one', // 17
    '> answer', // 18
    '- after the boxes', // 19
  ].join('\n');
  const { note: n } = note(text);

  it('records each quote with its type, fold, title, section, line and nesting', () => {
    expect(n.callouts.map((c) => ({ line: c.line, kind: c.kind, type: c.type, fold: c.fold, title: plainText(c.title), parent: c.parent, section: c.sectionId }))).toEqual([
      { line: 4, kind: 'callout', type: 'warning', fold: '-', title: 'Folded title', parent: null, section: 'box' },
      { line: 10, kind: 'callout', type: 'tip', fold: '', title: 'Inner', parent: 0, section: 'box' },
      { line: 13, kind: 'quote', type: 'quote', fold: '', title: '', parent: null, section: 'box' },
      { line: 15, kind: 'callout', type: 'note', fold: '', title: '', parent: null, section: 'box' },
      { line: 17, kind: 'callout', type: 'faq', fold: '+', title: 'Open one', parent: null, section: 'box' },
    ]);
    expect(n.callouts[0]?.title).toEqual([{ type: 'text', text: 'Folded ' }, { type: 'em', children: [{ type: 'text', text: 'title' }] }]);
  });

  it('makes the lines inside facts with their quote, keeping the list structure', () => {
    expect(fact(n, 'first item')).toMatchObject({ line: 5, callout: 0, kind: 'bullet', depth: 0, parentId: null });
    expect(fact(n, 'nested item')).toMatchObject({ line: 6, callout: 0, depth: 1, parentId: fact(n, 'first item').id, context: ['first item'] });
    expect(fact(n, 'second item')).toMatchObject({ line: 7, callout: 0, depth: 0 });
    expect(fact(n, 'a paragraph with highlight and #aws/storage')).toMatchObject({ line: 9, callout: 0, kind: 'paragraph', keyTerms: ['highlight'] });
    expect(fact(n, 'inner line')).toMatchObject({ line: 11, callout: 1 });
    expect(fact(n, 'plain quote line')).toMatchObject({ line: 13, callout: 2 });
    expect(fact(n, 'answer')).toMatchObject({ line: 18, callout: 4 });
    expect(n.tags).toContain('aws/storage');
  });

  it('never runs a list across the edge of a quote', () => {
    expect(fact(n, 'before the box').callout).toBeUndefined();
    expect(fact(n, 'after the boxes')).toMatchObject({ line: 19, depth: 0, parentId: null });
    expect(fact(n, 'after the boxes').callout).toBeUndefined();
    expect(fact(n, 'before the box').childIds).toEqual([]);
  });

  it('lays the section out as boxes in note order, nested callouts inside their parent, an empty callout kept', () => {
    const section = n.sections.find((s) => s.id === 'box');
    expect(types(sectionLayout(n, section as never))).toEqual([
      ['before the box'],
      { callout: 'warning', blocks: [['first item', 'second item', 'a paragraph with highlight and #aws/storage'], { callout: 'tip', blocks: [['inner line']] }] },
      { callout: 'quote', blocks: [['plain quote line']] },
      { callout: 'note', blocks: [] },
      { callout: 'faq', blocks: [['answer']] },
      ['after the boxes'],
    ]);
  });

  it('lexes `>` lines with their quote and strips the markers', () => {
    const tokens = lexLines('> [!info] T\n> - a\n>> b\nc').tokens;
    expect(tokens).toEqual([
      { type: 'quote', line: 1, index: 0, parent: null, callout: { type: 'info', fold: '', title: 'T' } },
      { type: 'item', line: 2, indent: 0, ordered: false, text: 'a', quote: 0 },
      { type: 'quote', line: 3, index: 1, parent: 0, callout: null },
      { type: 'paragraph', line: 3, text: 'b', quote: 1 },
      { type: 'paragraph', line: 4, text: 'c' },
    ]);
  });
});

describe('tables', () => {
  const text = [
    '# Tables', // 1
    '## Classes', // 2
    '| Class | Durability | Min storage |', // 3
    '|:--|:-:|--:|', // 4
    '| **S3 Standard** | 11 nines | none |', // 5
    '| S3 Glacier ==Deep Archive== | [[durability\\|11 nines]] | 180 days |', // 6
    '| S3 One Zone-IA | | 30 days | extra |', // 7
    'after the table', // 8
    '', // 9
    '|---|---|', // 10
    '', // 11
    '| a | b |', // 12
    '| c | d |', // 13
  ].join('\n');
  const { note: n, warnings } = note(text);

  it('keeps the header, alignment and line of the table', () => {
    expect(n.tables).toHaveLength(1);
    expect(n.tables[0]).toMatchObject({ index: 0, line: 3, sectionId: 'classes', align: ['left', 'center', 'right'] });
    expect(n.tables[0]?.header.map(plainText)).toEqual(['Class', 'Durability', 'Min storage']);
  });

  it('makes each body row a fact that reads as a fact, with its cells and line', () => {
    const rows = n.facts.filter((f) => f.kind === 'row');
    expect(rows.map((r) => [r.line, r.text])).toEqual([
      [5, 'S3 Standard — Durability: 11 nines; Min storage: none'],
      [6, 'S3 Glacier Deep Archive — Durability: 11 nines; Min storage: 180 days'],
      [7, 'S3 One Zone-IA — Min storage: 30 days'],
    ]);
    const glacier = rows[1] as Fact;
    expect(glacier.keyTerms).toEqual(['Deep Archive']);
    expect(glacier.row?.table).toBe(0);
    expect(glacier.row?.cells).toHaveLength(3);
    // The wiki-link inside a cell (its pipe escaped) is a link of the note, on the row's line.
    const link = n.links[glacier.links[0] as number];
    expect(link).toMatchObject({ raw: 'durability|11 nines', text: '11 nines', line: 6 });
    expect(glacier.row?.cells[1]).toEqual([{ type: 'wikilink', link: glacier.links[0], text: '11 nines' }]);
    expect(rows[0]?.row?.cells[0]).toEqual([{ type: 'strong', children: [{ type: 'text', text: 'S3 Standard' }] }]);
  });

  it('warns about cells past the header, on their line', () => {
    expect(warnings).toContain('7 table-row: this table row has 1 more cell than the header; it is not shown');
  });

  it('ends the table at a line without pipes; a delimiter without a header or pipes without a delimiter are paragraphs', () => {
    expect(fact(n, 'after the table')).toMatchObject({ line: 8, kind: 'paragraph' });
    expect(fact(n, '|---|---|')).toMatchObject({ line: 10, kind: 'paragraph' });
    expect(fact(n, '| a | b |')).toMatchObject({ line: 12, kind: 'paragraph' });
    expect(fact(n, '| c | d |')).toMatchObject({ line: 13, kind: 'paragraph' });
  });

  it('splits cells on unescaped pipes only', () => {
    expect(splitCells('| a \\| b | [[x|y]] | `c` |')).toEqual(['a | b', '[[x|y]]', '`c`']);
  });

  it('reads a table inside a callout as part of that callout', () => {
    const { note: inBox } = note(['> [!info] Limits', '> | Limit | Value |', '> | --- | --- |', '> | buckets | 100 |'].join('\n'));
    expect(inBox.tables[0]).toMatchObject({ line: 2, callout: 0 });
    expect(inBox.facts[0]).toMatchObject({ line: 4, kind: 'row', callout: 0, text: 'buckets — Value: 100' });
    expect(types(sectionLayout(inBox, inBox.sections[0] as never))).toEqual([{ callout: 'info', blocks: ['table'] }]);
  });
});

describe('code blocks', () => {
  const text = [
    '# Code', // 1
    '- run this:', // 2
    '  ```bash', // 3
    '  aws s3 ls', // 4
    '  ```', // 5
    '- next item', // 6
    '', // 7
    '~~~json title', // 8
    '{ "a": "**not bold** [[not a link]]" }', // 9
    '~~~', // 10
    '$$', // 11
    'E = mc^2', // 12
    '$$', // 13
    '> ```js', // 14
    '> let x = 1;', // 15
    '> ```', // 16
  ].join('\n');
  const { note: n } = note(text);
  const shown = n.sections[0]?.shown ?? [];

  it('keeps code out of the facts, shown in its section with its language, line and text as written', () => {
    expect(n.facts.map((f) => f.text)).toEqual(['run this:', 'next item']);
    expect(shown.map((f) => ({ line: f.line, kind: f.kind, code: f.code, callout: f.callout }))).toEqual([
      { line: 3, kind: 'code', code: { lang: 'bash', text: 'aws s3 ls' }, callout: undefined },
      { line: 8, kind: 'code', code: { lang: 'json', text: '{ "a": "**not bold** [[not a link]]" }' }, callout: undefined },
      { line: 11, kind: 'code', code: { lang: 'math', text: 'E = mc^2' }, callout: undefined },
      { line: 14, kind: 'code', code: { lang: 'js', text: 'let x = 1;' }, callout: 0 },
    ]);
    expect(n.links).toEqual([]);
  });

  it('places a code block inside the list item it is indented into, without making it a child fact', () => {
    const run = fact(n, 'run this:');
    expect(run.childIds).toEqual([]);
    expect(shown[0]?.parentId).toBe(run.id);
    expect(fact(n, 'next item')).toMatchObject({ line: 6, depth: 0 });
    const layout = sectionLayout(n, n.sections[0] as never);
    const first = layout[0];
    expect(first?.type === 'facts' && first.items[0]?.blocks.map((b) => b.type)).toEqual(['code']);
    expect(layout.map((b) => b.type)).toEqual(['facts', 'code', 'code', 'callout']);
  });
});

describe('embeds and images', () => {
  const files = {
    'Folder A/My note.md': ['# My note', '## Heading', '- a fact', '![[diagram.png]]', '- see ![[assets/photo.jpg|300]] and ![[b.png|a caption|200x100]]', '![[Other#Heading]]', '![[file.pdf]]'].join('\n'),
    'Other.md': ['# Other', '## Heading', '- links [[My note]], [[Folder A/My note]], [[my note]], [[Folder A/My note#Heading|h]]', '![[Folder A/My note#Heading]]', '![alt text](https://example.com/x.png) ![local](img/a%20b.png)', '![bad](javascript:alert(1))'].join('\n'),
  };
  const vault = buildVault(Object.entries(files).map(([path, text]) => ({ path, text })));
  const mine = vault.notes.find((x) => x.id === 'My note') as Note;
  const other = vault.notes.find((x) => x.id === 'Other') as Note;

  it('makes ![[image]] an image node with alt and width, and keeps the line out of the facts', () => {
    const shown = mine.sections[1]?.shown ?? [];
    expect(shown[0]).toMatchObject({ line: 4, inline: [{ type: 'image', target: 'diagram.png', alt: 'diagram.png' }] });
    const line5 = mine.facts.find((f) => f.line === 5);
    expect(line5?.inline.filter((i) => i.type === 'image')).toEqual([
      { type: 'image', target: 'assets/photo.jpg', alt: 'photo.jpg', width: 300 },
      { type: 'image', target: 'b.png', alt: 'a caption', width: 200 },
    ]);
    expect(line5?.text).toBe('see and');
  });

  it('makes ![[note#heading]] an embed that resolves like a wiki-link, and ![[file.pdf]] an unresolved file embed', () => {
    const shown = mine.sections[1]?.shown ?? [];
    expect(shown.map((f) => f.line)).toEqual([4, 6, 7]);
    expect(shown[1]?.inline).toEqual([{ type: 'embed', link: 0, text: 'Other › Heading' }]);
    expect(mine.links[0]).toMatchObject({ embed: true, kind: 'heading', line: 6, resolved: { note: 'Other', sectionId: 'heading' } });
    expect(mine.links[1]).toMatchObject({ embed: true, kind: 'file', line: 7, resolved: null });
    expect(mine.facts.map((f) => f.text)).toEqual(['a fact', 'see and']);
  });

  it('resolves a note in a folder by name, by path and ignoring case, embeds too', () => {
    expect(other.links.map((l) => [l.raw, l.resolved])).toEqual([
      ['My note', { note: 'My note' }],
      ['Folder A/My note', { note: 'My note' }],
      ['my note', { note: 'My note' }],
      ['Folder A/My note#Heading|h', { note: 'My note', sectionId: 'heading' }],
      ['Folder A/My note#Heading', { note: 'My note', sectionId: 'heading' }],
    ]);
  });

  it('makes Markdown images external (http) or attachments, and drops a script URL with a warning', () => {
    const line5 = other.sections[1]?.shown?.find((f) => f.line === 5);
    expect(line5?.inline).toEqual([
      { type: 'image', target: 'https://example.com/x.png', alt: 'alt text', external: true },
      { type: 'text', text: ' ' },
      { type: 'image', target: 'img/a b.png', alt: 'local' },
    ]);
    expect(other.facts.find((f) => f.line === 6)?.text).toBe('bad');
    expect(vault.warnings).toContainEqual(expect.objectContaining({ file: 'Other.md', line: 6, code: 'unsafe-image' }));
  });
});

describe('raw HTML, footnotes, math, tasks, comments, setext headings', () => {
  const inline = (text: string): Inline[] => parseInline(text).inline;

  it('keeps unknown HTML as its literal text, with no warning', () => {
    const result = parseInline('a <video src=x> b </video> <details>c</details>');
    expect(result.inline).toEqual([{ type: 'text', text: 'a <video src=x> b </video> <details>c</details>' }]);
    expect(result.issues).toEqual([]);
  });

  it('drops script-like HTML with a warning, keeps formatting tags as our own nodes', () => {
    const result = parseInline('<script>alert(1)</script>x <a href="javascript:alert(1)">y</a> <b>bold</b> <i>it</i> <s>old</s> <u>u</u>');
    expect(result.inline).toEqual([
      { type: 'text', text: 'x y ' },
      { type: 'strong', children: [{ type: 'text', text: 'bold' }] },
      { type: 'text', text: ' ' },
      { type: 'em', children: [{ type: 'text', text: 'it' }] },
      { type: 'text', text: ' ' },
      { type: 'del', children: [{ type: 'text', text: 'old' }] },
      { type: 'text', text: ' u' },
    ]);
    expect(result.issues.map((i) => i.message)).toEqual(['<script> and its content dropped', '<a> with script attributes dropped']);
  });

  it('reads footnote references and math, not money', () => {
    expect(inline('durable[^1] and $x^2$ but $5 and $10')).toEqual([
      { type: 'text', text: 'durable' },
      { type: 'footnote', label: '1' },
      { type: 'text', text: ' and ' },
      { type: 'math', text: 'x^2' },
      { type: 'text', text: ' but $5 and $10' },
    ]);
    expect(plainText(inline('durable[^1] and $x^2$'))).toBe('durable and x^2');
  });

  const text = [
    '# Misc', // 1
    '- [ ] open task', // 2
    '- [x] done task', // 3
    '<!-- a comment', // 4
    'still hidden', // 5
    '-->', // 6
    'visible <!-- inline --> text', // 7
    'Setext title', // 8
    '===', // 9
    '- under setext [^n]', // 10
    '', // 11
    '[^n]: the footnote', // 12
    '<!-- never closed', // 13
    '- hidden', // 14
  ].join('\n');
  const { note: n, warnings } = note(text);

  it('keeps the task box out of the text', () => {
    expect(fact(n, 'open task')).toMatchObject({ line: 2, task: 'open' });
    expect(fact(n, 'done task')).toMatchObject({ line: 3, task: 'done' });
  });

  it('hides HTML comments, across lines too, and warns about one that never closes', () => {
    expect(n.facts.map((f) => f.text)).not.toContain('still hidden');
    expect(fact(n, 'visible text').line).toBe(7);
    expect(n.facts.map((f) => f.text)).not.toContain('hidden');
    expect(warnings).toContain('13 unclosed-comment: an HTML comment <!-- opens here and never closes; the rest of the note is hidden');
  });

  it('makes `===` under a line a heading, and a footnote definition a shown line', () => {
    const section = n.sections.find((s) => s.title === 'Setext title');
    expect(section).toMatchObject({ level: 1, line: 8 });
    expect(fact(n, 'under setext')).toMatchObject({ line: 10, sectionId: section?.id });
    expect(section?.shown?.map((f) => ({ line: f.line, kind: f.kind, text: f.text, footnote: f.footnote }))).toEqual([{ line: 12, kind: 'footnote', text: 'the footnote', footnote: 'n' }]);
  });

  it('takes tags from front matter in every form and ignores tag: and aliases:', () => {
    const forms = ['tags: [a, b/c]', 'tags: a, b/c', 'tags:\n  - a\n  - "#b/c"', 'tag: x\naliases: [y]\ntags: a b/c'];
    for (const form of forms) expect(note(`---\n${form}\n---\n# T\n- x`).note.tags, form).toEqual(['a', 'b/c']);
  });
});
