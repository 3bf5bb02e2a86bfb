/**
 * Stage 3: line tokens -> a `Note` with its heading tree and facts.
 *
 * Conventions of these notes that the parser knows about:
 * - the first H1 is the title (a template left-over `# Title` is not);
 * - a `key insights` list item holds the note's summary;
 * - a `table of contents` paragraph starts a navigation list, not facts;
 * - `# Resources` holds external links and `# Tags` the note's tags.
 *
 * Obsidian constructs: lines inside block quotes and callouts are facts like
 * any other, each carrying its quote (`Fact.callout`), and a list never runs
 * across a quote's edge; a table's body rows are facts of kind `row`; code
 * blocks, footnote definitions and lines holding only embeds or images are
 * shown (`Section.shown`) but are not facts to learn.
 */
import { isMap, isScalar, parseDocument } from 'yaml';
import { collapse, lexLines, type LineToken } from './lines.ts';
import { keyTerms, markupBudget, parseInline as parseInlineWith, plainText, type InlineResult } from './inline.ts';
import { hashPrefix, normalizeHeading, normalizeText, slugify, stableHashFrom, type HashState } from './ids.ts';
import { MAX_CLOZE_COLUMNS, MAX_NOTE_PARTS } from './patterns.ts';
import type { Callout, ContentWarning, Fact, FactKind, Inline, Note, NoteTable, Section, SectionRole } from './types.ts';

export interface ParsedNote {
  note: Note;
  warnings: ContentWarning[];
}

const TEMPLATE_TITLES = new Set(['title', 'untitled', '{{title}}', 'note title']);
const KEY_INSIGHTS = /^key insights?:?$/i;
const TABLE_OF_CONTENTS = /^table of contents:?$/i;
const TRAILING_BLOCK_ID = /(?:^|[ \t])\^([A-Za-z0-9-]+)[ \t]*$/;
/**
 * The empty list most facts have for their context, children and links, and
 * a section for its children and facts until it gets one: one frozen array
 * shared by all (a note of 500,000 lines would otherwise keep 1.5 million
 * empty arrays). The first child or fact replaces it with an array of its own.
 */
const NONE = Object.freeze([]) as unknown as string[];
const NO_LINKS = NONE as unknown as number[];

/** The note id wiki-links use: the file name without folders and `.md`. */
export function noteIdFromFile(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.md$/i, '');
}

/** Only top-level `Resources` / `Tags` headings are special: `##### resource:` is an ordinary heading. */
function roleForHeading(title: string, level: number): SectionRole {
  const key = normalizeHeading(title);
  if (level > 2) return 'content';
  if (/^(resources|references|external links|further reading|sources)$/.test(key)) return 'resources';
  if (key === 'tags') return 'tags';
  return 'content';
}

interface ListFrame {
  indent: number;
  fact: Fact;
}

/** A `key insights` or `table of contents` block: its own section until the list ends. */
interface VirtualBlock {
  section: Section;
  returnTo: Section;
  baseIndent: number;
}

/** Parses one note. `file` is the path shown in warnings; its base name is the note id. */
export function parseNote(file: string, source: string): ParsedNote {
  const noteId = noteIdFromFile(file);
  const warnings: ContentWarning[] = [];
  const warn = (line: number, code: ContentWarning['code'], message: string): void => {
    warnings.push({ file, line, code, message });
  };
  const lexed = lexLines(source);
  // One markup budget for the whole note, so a note of nothing but marks is still read in linear time.
  const budget = markupBudget();
  const parseInline = (text: string): InlineResult => parseInlineWith(text, budget);

  let frontMatter: Record<string, unknown> = {};
  if (lexed.frontMatter !== null) {
    const read = readFrontMatter(lexed.frontMatter);
    if ('value' in read) frontMatter = read.value;
    else warn(1, 'front-matter', read.problem);
  }
  if (lexed.unclosedCommentLine !== null) {
    warn(lexed.unclosedCommentLine, 'unclosed-comment', 'a %% comment opens here and never closes; the rest of the note is hidden');
  }
  if (lexed.unclosedHtmlCommentLine !== null) {
    warn(lexed.unclosedHtmlCommentLine, 'unclosed-comment', 'an HTML comment <!-- opens here and never closes; the rest of the note is hidden');
  }

  const note: Note = {
    id: noteId,
    file,
    title: noteId,
    titleSource: 'file-name',
    description: '',
    frontMatter,
    tags: [],
    sections: [],
    facts: [],
    links: [],
    externalLinks: [],
    blocks: {},
    summaryFactIds: [],
    callouts: [],
    tables: [],
  };
  const usedSectionIds = new Set<string>();
  /**
   * A section id not yet taken: `wanted`, else `wanted-n` for the smallest
   * n >= 2 that is free. The first n worth trying is kept per slug, so a note
   * repeating a heading 100,000 times does not try 2, 3, ... again for each
   * repeat (quadratic time). Every suffix below it is taken, and taken ids stay
   * taken, so this picks the same id as counting from 2. (A heading may slug to
   * `x-2` itself, which is why sections need the set.)
   */
  const nextSectionSuffix = new Map<string, number>();
  const uniqueSectionId = (wanted: string): string => {
    let id = wanted;
    if (usedSectionIds.has(wanted)) {
      let n = nextSectionSuffix.get(wanted) ?? 2;
      while (usedSectionIds.has(`${wanted}-${n}`)) n++;
      nextSectionSuffix.set(wanted, n + 1);
      id = [wanted, n].join('-');
    }
    usedSectionIds.add(id);
    return id;
  };
  /**
   * How many facts asked for each id so far: the first gets it, the n-th
   * `id-n`. No set of every id is needed, because no wanted id can be another
   * fact's suffixed one: hash ids (`note#h`, `h` base-36) hold no `-`, and
   * block ids (`note^b`) are unique in the note (a repeated one is dropped).
   */
  const factIdCount = new Map<string, number>();
  const uniqueFactId = (wanted: string): string => {
    const n = (factIdCount.get(wanted) ?? 0) + 1;
    factIdCount.set(wanted, n);
    return n === 1 ? wanted : [wanted, n].join('-');
  };
  /** Slugs of heading paths already made: a note repeating its headings slugs each path once. */
  const slugs = new Map<string, string>();
  const slugOf = (path: string[]): string => {
    const text = path.join(' ');
    let slug = slugs.get(text);
    if (slug === undefined) {
      slug = slugify(text);
      slugs.set(text, slug);
    }
    return slug;
  };
  const sectionsById = new Map<string, Section>();
  /**
   * A fact's id hashes the note id, its section's heading path and its own text. The first two are the
   * same for every fact of a section, so they are normalized and hashed once per section.
   */
  const sectionKeys = new Map<Section, HashState>();
  const sectionKey = (section: Section): HashState => {
    let state = sectionKeys.get(section);
    if (!state) {
      state = hashPrefix(`${noteId}\n${section.path.map(normalizeHeading).join('\n')}\n`);
      sectionKeys.set(section, state);
    }
    return state;
  };
  /** The context of a fact's children (its own context and its text): one array shared by all of them. */
  const childContexts = new Map<Fact, string[]>();
  const contextUnder = (parent: Fact | null): string[] => {
    if (!parent) return NONE;
    let context = childContexts.get(parent);
    if (!context) {
      context = [...parent.context, parent.text];
      childContexts.set(parent, context);
    }
    return context;
  };
  /** The note's tags so far, for a constant-time "already there?". */
  const tagSet = new Set<string>();
  const addTag = (tag: string): void => {
    if (tagSet.has(tag)) return;
    tagSet.add(tag);
    note.tags.push(tag);
  };
  const navItems = new Map<string, Fact[]>();
  const shownItems = new Map<string, Fact[]>();
  /** Facts, sections and quotes made so far, against `MAX_NOTE_PARTS`. */
  let parts = 0;
  let capped = false;
  /** Whether the note may still make a part at `line`; the first time it may not, a warning says so. */
  const room = (line: number): boolean => {
    if (parts < MAX_NOTE_PARTS) return true;
    if (!capped) {
      capped = true;
      warn(line, 'note-capped', `this note holds more than ${MAX_NOTE_PARTS.toLocaleString('en-US')} facts, headings and quotes, the most one note is read for; the lines from here on are not read`);
    }
    return false;
  };

  const addSection = (fields: Omit<Section, 'id' | 'noteId' | 'childIds' | 'factIds'>, wanted: string): Section => {
    const id = uniqueSectionId(wanted);
    parts++;
    // Written out rather than spread from `fields`: spreading objects of two shapes (with and without a block id) is slow.
    const section: Section = {
      id,
      noteId,
      level: fields.level,
      rawHeading: fields.rawHeading,
      title: fields.title,
      path: fields.path,
      line: fields.line,
      parentId: fields.parentId,
      childIds: NONE,
      folded: fields.folded,
      role: fields.role,
      factIds: NONE,
    };
    if (fields.blockId) section.blockId = fields.blockId;
    note.sections.push(section);
    sectionsById.set(id, section);
    const parent = fields.parentId ? sectionsById.get(fields.parentId) : undefined;
    if (parent?.childIds === NONE) parent.childIds = [id];
    else parent?.childIds.push(id);
    return section;
  };

  const root = addSection(
    { level: 1, rawHeading: '', title: '', path: [], line: 1, parentId: null, folded: false, role: 'content' },
    'top',
  );
  let h1: { text: string; line: number } | null = null;
  let sawHeading = false;
  const headingStack: { level: number; section: Section }[] = [{ level: 0, section: root }];
  let current: Section = root;
  let virtual: VirtualBlock | null = null;
  let list: ListFrame[] = [];
  let previous: LineToken | null = null;
  let blankSincePrevious = false;
  let lastFact: Fact | null = null;

  const anchor = (blockId: string, line: number, target: { factId?: string; sectionId?: string }): void => {
    if (note.blocks[blockId]) {
      warn(line, 'duplicate-block-id', `block id ^${blockId} is used twice in this note; the first one wins`);
      return;
    }
    note.blocks[blockId] = target;
  };

  const endVirtual = (): void => {
    if (!virtual) return;
    current = virtual.returnTo;
    virtual = null;
    list = [];
  };

  const startVirtual = (title: string, role: SectionRole, line: number, baseIndent: number, blockId?: string): void => {
    endVirtual();
    const section = addSection(
      {
        level: current.level + 1,
        rawHeading: title,
        title,
        path: [...current.path, title],
        line,
        parentId: current.id,
        folded: false,
        role,
        ...(blockId ? { blockId } : {}),
      },
      slugOf([...current.path, title]),
    );
    if (blockId) anchor(blockId, line, { sectionId: section.id });
    virtual = { section, returnTo: current, baseIndent };
    current = section;
    list = [];
  };

  /** How a line becomes a fact beyond its text: its quote, a task box, a table row's parsed cells, a code block. */
  interface FactExtra {
    quote?: number;
    task?: 'open' | 'done';
    /** A row: the parsed line and its cells (links counted from 0 across the cells). */
    row?: { table: number; parsed: InlineResult; cells: Inline[][] };
    code?: { lang: string; text: string };
    footnote?: string;
  }

  const addFact = (text: string, line: number, kind: FactKind, indent: number, extra: FactExtra = {}): void => {
    let body = text;
    let blockId: string | undefined;
    const trailing = extra.code || extra.row ? null : TRAILING_BLOCK_ID.exec(body);
    if (trailing && trailing.index > 0) {
      blockId = trailing[1];
      body = body.slice(0, trailing.index);
    }
    const parsed: InlineResult = extra.code
      ? { inline: [{ type: 'code', text }], links: [], externalLinks: [], tags: [], issues: [] }
      : (extra.row?.parsed ?? parseInline(body));
    for (const issue of parsed.issues) warn(line, issue.code, issue.message);
    const display = extra.code ? text : collapse(plainText(parsed.inline));
    const mediaOnly = !extra.code && !extra.row && isMediaOnly(parsed.inline);
    // Shown among the facts, never studied: code, footnotes, lines of nothing but embeds or images.
    const shown = kind === 'code' || kind === 'footnote' || mediaOnly;

    if (!shown && kind !== 'paragraph' && kind !== 'row' && KEY_INSIGHTS.test(display) && current.role !== 'toc') {
      startVirtual('key insights', 'summary', line, indent, blockId);
      return;
    }
    if (!shown && kind !== 'row' && TABLE_OF_CONTENTS.test(display)) {
      startVirtual('table of contents', 'toc', line, indent, blockId);
      return;
    }
    if (display === '' && parsed.links.length === 0 && !mediaOnly) {
      if (blockId) anchor(blockId, line, { sectionId: current.id });
      return;
    }

    if (!shown) while (list.length > 0 && (list[list.length - 1] as ListFrame).indent >= indent) list.pop();
    if (kind === 'paragraph' || kind === 'row' || kind === 'footnote' || (kind === 'code' && indent === 0)) list = [];
    // A shown line sits under the item it is indented into, and leaves the list open for the items after it.
    const parent = (shown ? list.findLast((frame) => frame.indent < indent) : list[list.length - 1])?.fact ?? null;

    const linkBase = note.links.length;
    // A line without links has no link index to move: its nodes are kept as they are.
    const hasLinks = parsed.links.length > 0;
    const inline = hasLinks ? offsetLinks(parsed.inline, linkBase) : parsed.inline;
    for (const link of parsed.links) note.links.push({ ...link, line, resolved: null });
    for (const ext of parsed.externalLinks) note.externalLinks.push({ ...ext, line });
    for (const tag of parsed.tags) addTag(tag);

    const study = !shown && (current.role === 'content' || current.role === 'summary');
    let id: string;
    if (blockId && note.blocks[blockId]) {
      warn(line, 'duplicate-block-id', `block id ^${blockId} is used twice in this note; the first one wins`);
      blockId = undefined;
    }
    if (blockId) {
      id = `${noteId}^${blockId}`;
    } else {
      // Joined rather than concatenated: `join` makes one flat string, `+` a chain of pieces kept for the fact's life.
      id = [noteId, stableHashFrom(sectionKey(current), shown ? `${kind}:${display}\n${line}` : normalizeText(display))].join('#');
    }
    id = uniqueFactId(id);

    parts++;
    const fact: Fact = {
      id,
      noteId,
      sectionId: current.id,
      line,
      kind,
      depth: shown ? (parent ? parent.depth + 1 : 0) : list.length,
      parentId: parent?.id ?? null,
      childIds: NONE,
      text: display,
      inline,
      keyTerms: keyTerms(inline),
      context: contextUnder(parent),
      links: hasLinks ? parsed.links.map((_, i) => linkBase + i) : NO_LINKS,
    };
    // Set one by one rather than spread from small objects: a fact is made for every line.
    if (blockId) fact.blockId = blockId;
    if (extra.quote !== undefined) fact.callout = extra.quote;
    if (extra.row) fact.row = { table: extra.row.table, cells: hasLinks ? extra.row.cells.map((cell) => offsetLinks(cell, linkBase)) : extra.row.cells };
    if (extra.task) fact.task = extra.task;
    if (extra.code) fact.code = extra.code;
    if (extra.footnote !== undefined) fact.footnote = extra.footnote;
    if (blockId) anchor(blockId, line, { factId: id, sectionId: current.id });
    if (shown) {
      const items = shownItems.get(current.id) ?? [];
      items.push(fact);
      shownItems.set(current.id, items);
      return;
    }
    if (parent) {
      if (parent.childIds === NONE) parent.childIds = [id];
      else parent.childIds.push(id);
    }
    if (study) {
      note.facts.push(fact);
      if (current.factIds === NONE) current.factIds = [id];
      else current.factIds.push(id);
      if (current.role === 'summary') note.summaryFactIds.push(id);
    } else {
      const items = navItems.get(current.id) ?? [];
      items.push(fact);
      navItems.set(current.id, items);
    }
    if (kind === 'bullet' || kind === 'ordered') list.push({ indent, fact });
    lastFact = fact;
  };

  /** A table: its header and alignment in `note.tables`, each body row a fact. */
  const addTable = (token: Extract<LineToken, { type: 'table' }>): void => {
    const table: NoteTable = {
      index: note.tables.length,
      sectionId: current.id,
      line: token.line,
      header: [],
      align: token.align,
      ...(token.quote !== undefined ? { callout: token.quote } : {}),
    };
    note.tables.push(table);
    if (token.header.length > MAX_CLOZE_COLUMNS) {
      warn(
        token.line,
        'table-wide',
        `this table has ${token.header.length.toLocaleString('en-US')} columns; its rows are shown whole, but cards hide only cells of the first ${MAX_CLOZE_COLUMNS} columns`,
      );
    }
    const header = token.header.map((cell) => parseInline(cell));
    const headerBase = note.links.length;
    let count = 0;
    for (const cell of header) {
      for (const issue of cell.issues) warn(token.line, issue.code, issue.message);
      for (const link of cell.links) note.links.push({ ...link, line: token.line, resolved: null });
      for (const ext of cell.externalLinks) note.externalLinks.push({ ...ext, line: token.line });
      for (const tag of cell.tags) addTag(tag);
      table.header.push(offsetLinks(cell.inline, headerBase + count));
      count += cell.links.length;
    }
    const names = header.map((cell) => collapse(plainText(cell.inline)));
    for (const row of token.rows) {
      if (!room(row.line)) break;
      if (row.extra > 0) warn(row.line, 'table-row', `this table row has ${row.extra} more cell${row.extra === 1 ? '' : 's'} than the header; ${row.extra === 1 ? 'it is' : 'they are'} not shown`);
      const cells = row.cells.map((cell) => parseInline(cell));
      const parsed = rowLine(cells, names);
      addFact(collapse(plainText(parsed.inline)), row.line, 'row', 0, {
        ...(token.quote !== undefined ? { quote: token.quote } : {}),
        row: { table: table.index, parsed, cells: parsed.cells },
      });
    }
  };

  /** A quote or callout opens: recorded with the section it is in; its title is inline-parsed like a fact. */
  const addCallout = (token: Extract<LineToken, { type: 'quote' }>): void => {
    const title = parseInline(token.callout?.title ?? '');
    for (const issue of title.issues) warn(token.line, issue.code, issue.message);
    const linkBase = note.links.length;
    for (const link of title.links) note.links.push({ ...link, line: token.line, resolved: null });
    for (const ext of title.externalLinks) note.externalLinks.push({ ...ext, line: token.line });
    for (const tag of title.tags) addTag(tag);
    const callout: Callout = {
      index: token.index,
      sectionId: current.id,
      line: token.line,
      kind: token.callout ? 'callout' : 'quote',
      type: token.callout?.type ?? 'quote',
      fold: token.callout?.fold ?? '',
      title: offsetLinks(title.inline, linkBase),
      parent: token.parent,
    };
    note.callouts[token.index] = callout;
    parts++;
  };

  /** The quote of the last line that had content: a list never runs across a quote's edge. */
  let lastQuote: number | undefined;
  for (const token of lexed.tokens) {
    if (token.type !== 'blank' && !room(token.line)) break;
    if (token.type !== 'blank' && token.type !== 'quote') {
      const quote = 'quote' in token ? token.quote : undefined;
      if (quote !== lastQuote) {
        endVirtual();
        list = [];
        lastQuote = quote;
      }
    }
    switch (token.type) {
      case 'quote':
        addCallout(token);
        break;
      case 'table':
        endVirtual();
        list = [];
        addTable(token);
        break;
      case 'footnote':
        addFact(token.text, token.line, 'footnote', 0, { footnote: token.label, ...(token.quote !== undefined ? { quote: token.quote } : {}) });
        break;
      case 'blank':
        blankSincePrevious = true;
        continue;
      case 'rule':
        endVirtual();
        list = [];
        break;
      case 'heading': {
        endVirtual();
        list = [];
        if (token.level === 1 && !h1 && !sawHeading) {
          h1 = { text: token.text, line: token.line };
          root.line = token.line;
          root.rawHeading = token.raw;
          break;
        }
        sawHeading = true;
        while (headingStack.length > 1 && (headingStack[headingStack.length - 1]?.level ?? 0) >= token.level) headingStack.pop();
        const parent = (headingStack[headingStack.length - 1] as { section: Section }).section;
        // Headings may carry markup too: keep only their text, as for facts.
        const headingInline = parseInline(token.text);
        for (const issue of headingInline.issues) warn(token.line, issue.code, issue.message);
        const title = collapse(plainText(headingInline.inline)) || '(untitled section)';
        const parentRole = parent.role === 'resources' || parent.role === 'tags' ? parent.role : null;
        const path = [...parent.path, title];
        const section = addSection(
          {
            level: token.level,
            rawHeading: token.raw,
            title,
            path,
            line: token.line,
            parentId: parent.id,
            folded: token.folded,
            role: parentRole ?? roleForHeading(title, token.level),
          },
          slugOf(path),
        );
        headingStack.push({ level: token.level, section });
        current = section;
        break;
      }
      case 'block-id': {
        if (!lastFact || blankSincePrevious || previous?.type === 'heading') {
          if (!current.blockId) current.blockId = token.id;
          anchor(token.id, token.line, { sectionId: current.id });
        } else {
          const fact = lastFact as Fact;
          anchor(token.id, token.line, { factId: fact.id, sectionId: fact.sectionId });
          fact.blockId ??= token.id;
        }
        break;
      }
      case 'item': {
        // `virtual` is set inside closures, which TypeScript's narrowing cannot see.
        const block = virtual as VirtualBlock | null;
        if (block && token.indent <= block.baseIndent && block.section.role === 'summary') endVirtual();
        addFact(token.text, token.line, token.ordered ? 'ordered' : 'bullet', token.indent, {
          ...(token.quote !== undefined ? { quote: token.quote } : {}),
          ...(token.task ? { task: token.task } : {}),
        });
        break;
      }
      case 'paragraph': {
        endVirtual();
        addFact(token.text, token.line, 'paragraph', 0, token.quote !== undefined ? { quote: token.quote } : {});
        break;
      }
      case 'code': {
        if (token.indent === 0) endVirtual();
        if (token.text.trim() !== '') {
          addFact(token.text, token.line, 'code', token.indent, { code: { lang: token.lang, text: token.text }, ...(token.quote !== undefined ? { quote: token.quote } : {}) });
        }
        break;
      }
    }
    previous = token;
    blankSincePrevious = false;
    if (token.type === 'heading' || token.type === 'rule') lastFact = null;
  }

  // Title: the H1 unless it is a template left-over, else front matter, else the file name.
  if (h1 && h1.text && !TEMPLATE_TITLES.has(h1.text.toLowerCase())) {
    note.title = h1.text;
    note.titleSource = 'h1';
  } else {
    if (h1) warn(h1.line, 'template-title', `"# ${h1.text}" looks like a template left-over; the title comes from ${typeof frontMatter.title === 'string' || typeof frontMatter.service === 'string' ? 'the front matter' : 'the file name'}`);
    const fromFrontMatter = [frontMatter.title, frontMatter.service].find((v): v is string => typeof v === 'string' && v.trim() !== '');
    if (fromFrontMatter) {
      note.title = fromFrontMatter.trim();
      note.titleSource = 'front-matter';
    }
  }
  root.title = note.title;

  const fmTags = frontMatter.tags;
  for (const tag of Array.isArray(fmTags) ? fmTags : typeof fmTags === 'string' ? fmTags.split(/[\s,]+/) : []) {
    const clean = String(tag).replace(/^#/, '').trim();
    if (clean) addTag(clean);
  }
  const described = [frontMatter.description, frontMatter['service-description']].find((v): v is string => typeof v === 'string' && v.trim() !== '');
  const firstSummary = note.facts.find((f) => f.id === note.summaryFactIds[0]);
  note.description = described?.trim() ?? firstSummary?.text ?? '';
  for (const section of note.sections) {
    const items = navItems.get(section.id);
    if (items) section.items = items;
    const shown = shownItems.get(section.id);
    if (shown) section.shown = shown;
  }
  return { note, warnings };
}

/**
 * The longest front matter read, in characters. `yaml` takes about 12 µs a key
 * (100,000 keys: 1.2-1.5 s); a note's front matter holds a few dozen. A longer
 * one is not read, with a front-matter warning; the note itself is read as usual.
 */
export const MAX_FRONT_MATTER = 65_536;

/** Aliases a front matter may expand: a few are ordinary YAML, thousands are a "billion laughs" bomb. */
const MAX_YAML_ALIASES = 100;

/**
 * Reads a note's YAML front matter. Never throws, and never takes more than
 * linear time: `yaml`'s own duplicate-key check compares each key with every
 * other (quadratic in a front matter of 100,000 keys), so the top-level keys
 * are checked here instead; aliases expanded past `MAX_YAML_ALIASES` are
 * refused rather than expanded; `yaml`'s warnings are not printed.
 */
export function readFrontMatter(source: string): { value: Record<string, unknown> } | { problem: string } {
  if (source.length > MAX_FRONT_MATTER) {
    return { problem: `front matter is ${source.length.toLocaleString('en-US')} characters long, more than the ${MAX_FRONT_MATTER.toLocaleString('en-US')} read; ignored` };
  }
  try {
    const doc = parseDocument(source, { uniqueKeys: false, logLevel: 'silent' });
    const error = doc.errors[0];
    if (error) return { problem: `front matter is not valid YAML (${error.message.split('\n')[0]}); ignored` };
    if (isMap(doc.contents)) {
      const seen = new Set<unknown>();
      for (const pair of doc.contents.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (seen.has(key)) return { problem: `front matter is not valid YAML (Map keys must be unique: "${String(key).slice(0, 60)}" is there twice); ignored` };
        seen.add(key);
      }
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    } catch (error) {
      if (/alias/i.test((error as Error).message)) return { problem: `front matter expands its aliases (*name) more than ${MAX_YAML_ALIASES} times, as a "billion laughs" attack does; ignored` };
      throw error;
    }
    if (value && typeof value === 'object' && !Array.isArray(value)) return { value: value as Record<string, unknown> };
    if (value !== null && value !== undefined) return { problem: 'front matter is not a list of key: value pairs; ignored' };
    return { value: {} };
  } catch (error) {
    return { problem: `front matter is not valid YAML (${(error as Error).message.split('\n')[0]}); ignored` };
  }
}

/** Whether a line holds nothing but embeds and images (and the spaces between them). */
function isMediaOnly(nodes: Inline[]): boolean {
  let media = false;
  for (const node of nodes) {
    if (node.type === 'embed' || node.type === 'image') media = true;
    else if (node.type === 'br' || (node.type === 'text' && node.text.trim() === '')) continue;
    else return false;
  }
  return media;
}

/**
 * A table row as one line of knowledge: `S3 Standard — Durability: 11 nines;
 * Min storage: none` (the first cell, then `header: cell` for each filled cell).
 * The cells keep their own markup, and their links are counted from 0 across the row.
 */
function rowLine(cells: InlineResult[], headers: string[]): InlineResult & { cells: Inline[][] } {
  const out: InlineResult & { cells: Inline[][] } = { inline: [], links: [], externalLinks: [], tags: [], issues: [], cells: [] };
  // Built by appending, never by spreading: a row may have thousands of cells.
  const rest: Inline[] = [];
  cells.forEach((cell, i) => {
    const inline = offsetLinks(cell.inline, out.links.length);
    append(out.links, cell.links);
    append(out.externalLinks, cell.externalLinks);
    append(out.tags, cell.tags);
    append(out.issues, cell.issues);
    out.cells.push(inline);
    if (i === 0 || collapse(plainText(inline)) === '') return;
    if (rest.length > 0) rest.push({ type: 'text', text: '; ' });
    const header = headers[i] ?? '';
    if (header) rest.push({ type: 'text', text: `${header}: ` });
    append(rest, inline);
  });
  const first = out.cells[0] ?? [];
  const lead = collapse(plainText(first)) !== '' ? first : null;
  if (lead && rest.length > 0) {
    append(out.inline, lead);
    out.inline.push({ type: 'text', text: ' — ' });
    append(out.inline, rest);
  } else {
    out.inline = lead ?? rest;
  }
  return out;
}

function append<T>(target: T[], items: T[]): void {
  for (const item of items) target.push(item);
}

/** Wiki-link indexes on a line count from 0; in the note they count from `base`. */
function offsetLinks(nodes: Inline[], base: number): Inline[] {
  if (base === 0) return nodes;
  return nodes.map((node) => {
    if (node.type === 'wikilink' || node.type === 'embed') return { ...node, link: node.link + base };
    if ('children' in node) return { ...node, children: offsetLinks(node.children, base) };
    return node;
  });
}
