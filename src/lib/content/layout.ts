/**
 * What a topic card shows, in note order: a section's facts, the lines only
 * shown (code, footnotes, embeds), its tables and its callouts, as a tree of
 * blocks. Facts are grouped into lists, a table's rows into their table, and
 * everything inside a callout or quote into that callout's box, so the card
 * component only walks the tree.
 */
import type { Callout, Fact, Note, NoteTable, Section } from './types.ts';

/** One thing on a topic card. */
export type LayoutBlock =
  /** Consecutive facts (and shown lines) at one level: one `<ul>`. */
  | { type: 'facts'; items: LayoutFact[] }
  | { type: 'code'; fact: Fact }
  | { type: 'table'; table: NoteTable; rows: Fact[] }
  | { type: 'callout'; callout: Callout; blocks: LayoutBlock[] };

export interface LayoutFact {
  fact: Fact;
  /** False for a line only shown (a footnote, a line of embeds or images). */
  study: boolean;
  /** What is nested under the fact: its child facts, a code block inside the item. */
  blocks: LayoutBlock[];
}

/** The general look of a callout type, after Obsidian's aliases (`faq` looks like `question`). */
export type CalloutStyle =
  | 'note'
  | 'abstract'
  | 'info'
  | 'todo'
  | 'tip'
  | 'success'
  | 'question'
  | 'warning'
  | 'failure'
  | 'danger'
  | 'bug'
  | 'example'
  | 'quote'
  | 'generic';

const STYLES: Record<string, CalloutStyle> = {
  note: 'note',
  abstract: 'abstract',
  summary: 'abstract',
  tldr: 'abstract',
  info: 'info',
  todo: 'todo',
  tip: 'tip',
  hint: 'tip',
  important: 'tip',
  success: 'success',
  check: 'success',
  done: 'success',
  question: 'question',
  help: 'question',
  faq: 'question',
  warning: 'warning',
  caution: 'warning',
  attention: 'warning',
  failure: 'failure',
  fail: 'failure',
  missing: 'failure',
  danger: 'danger',
  error: 'danger',
  bug: 'bug',
  example: 'example',
  quote: 'quote',
  cite: 'quote',
};

/** The style of a callout type; a type Obsidian does not know gets the generic style. */
export function calloutStyle(type: string): CalloutStyle {
  return STYLES[type.toLowerCase()] ?? 'generic';
}

/** The title shown when a callout has none: its type, capitalised (`[!faq]` -> `Faq`), as Obsidian does. */
export function calloutDefaultTitle(type: string): string {
  const words = type.replace(/[-_]+/g, ' ').trim();
  return words === '' ? 'Note' : words[0]?.toUpperCase() + words.slice(1);
}

type Entry =
  | { kind: 'fact'; line: number; node: LayoutFact; container: string }
  | { kind: 'code'; line: number; fact: Fact; container: string }
  | { kind: 'table'; line: number; block: Extract<LayoutBlock, { type: 'table' }>; container: string }
  | { kind: 'callout'; line: number; block: Extract<LayoutBlock, { type: 'callout' }>; container: string };

/**
 * The deepest a list, or a callout in a callout, is drawn. A note may nest
 * thousands of levels (a line indented 4,000 spaces, `>` a million times),
 * which no page can show and which overflows the stack of a recursive
 * renderer; past this depth an item or callout is drawn beside its parent
 * instead of inside it. The facts themselves keep their parents.
 */
export const MAX_DRAWN_DEPTH = 16;

/** The most columns of a table drawn; every cell is still in its row's text (and found by search). */
export const MAX_DRAWN_COLUMNS = 64;

/** The blocks of a section's own content (not its sub-sections), in note order. */
export function sectionLayout(note: Note, section: Section): LayoutBlock[] {
  const study = new Set(section.factIds);
  return layoutOf(section, {
    facts: note.facts.filter((f) => study.has(f.id)),
    callouts: note.callouts.filter((c) => c.sectionId === section.id),
    tables: note.tables.filter((t) => t.sectionId === section.id),
  });
}

/** What belongs to one section: its studied facts (in note order), callouts and tables. */
interface SectionParts {
  facts: Fact[];
  callouts: Callout[];
  tables: NoteTable[];
}

/**
 * `sectionLayout` of every section at once, reading the note's facts, callouts
 * and tables once (per section it would read them all again: quadratic in a
 * note of thousands of sections).
 */
export function noteLayouts(note: Note): Map<string, LayoutBlock[]> {
  const sectionOf = new Map<string, string>();
  const parts = new Map<string, SectionParts>();
  const partsOf = (id: string): SectionParts => {
    let entry = parts.get(id);
    if (!entry) {
      entry = { facts: [], callouts: [], tables: [] };
      parts.set(id, entry);
    }
    return entry;
  };
  for (const section of note.sections) for (const id of section.factIds) sectionOf.set(id, section.id);
  for (const fact of note.facts) {
    const id = sectionOf.get(fact.id);
    if (id !== undefined) partsOf(id).facts.push(fact);
  }
  for (const callout of note.callouts) if (callout) partsOf(callout.sectionId).callouts.push(callout);
  for (const table of note.tables) partsOf(table.sectionId).tables.push(table);
  const layouts = new Map<string, LayoutBlock[]>();
  const none: SectionParts = { facts: [], callouts: [], tables: [] };
  for (const section of note.sections) layouts.set(section.id, layoutOf(section, parts.get(section.id) ?? none));
  return layouts;
}

function layoutOf(section: Section, { facts, callouts, tables }: SectionParts): LayoutBlock[] {
  const study = new Set(section.factIds);
  // In line order, so that a parent is placed before the items nested in it.
  const lines = [...facts, ...(section.shown ?? [])].sort((a, b) => a.line - b.line);
  const lineIds = new Set(lines.map((f) => f.id));
  const calloutKey = (index: number | null | undefined): string => (index === null || index === undefined ? 'root' : `callout:${index}`);
  const entries: Entry[] = [];
  const factNodes = new Map<string, LayoutFact>();
  const tableBlocks = new Map<number, Extract<LayoutBlock, { type: 'table' }>>();

  const known = new Set(callouts.map((c) => c.index));
  // How deep each callout and list item is drawn, and where: past MAX_DRAWN_DEPTH, beside its parent instead of in it.
  const calloutDepth = new Map<number, { depth: number; container: string }>();
  for (const callout of callouts) {
    const parent = callout.parent !== null && known.has(callout.parent) ? calloutDepth.get(callout.parent) : undefined;
    const place =
      callout.parent === null || !parent
        ? { depth: 1, container: 'root' }
        : parent.depth < MAX_DRAWN_DEPTH
          ? { depth: parent.depth + 1, container: calloutKey(callout.parent) }
          : parent;
    calloutDepth.set(callout.index, place);
    entries.push({ kind: 'callout', line: callout.line, block: { type: 'callout', callout, blocks: [] }, container: place.container });
  }
  const placeIn = (callout: number | undefined): string => calloutKey(callout !== undefined && known.has(callout) ? callout : null);
  for (const table of tables) {
    const block: Extract<LayoutBlock, { type: 'table' }> = { type: 'table', table, rows: [] };
    tableBlocks.set(table.index, block);
    entries.push({ kind: 'table', line: table.line, block, container: placeIn(table.callout) });
  }
  const factDepth = new Map<string, { depth: number; container: string }>();
  for (const fact of lines) {
    if (fact.row) {
      tableBlocks.get(fact.row.table)?.rows.push(fact);
      continue;
    }
    const parent = fact.parentId !== null && lineIds.has(fact.parentId) ? factDepth.get(fact.parentId) : undefined;
    const place =
      fact.parentId === null || !parent
        ? { depth: 1, container: placeIn(fact.callout) }
        : parent.depth < MAX_DRAWN_DEPTH
          ? { depth: parent.depth + 1, container: `fact:${fact.parentId}` }
          : parent;
    factDepth.set(fact.id, place);
    const container = place.container;
    if (fact.kind === 'code') {
      entries.push({ kind: 'code', line: fact.line, fact, container });
      continue;
    }
    const node: LayoutFact = { fact, study: study.has(fact.id), blocks: [] };
    factNodes.set(fact.id, node);
    entries.push({ kind: 'fact', line: fact.line, node, container });
  }
  for (const block of tableBlocks.values()) block.rows.sort((a, b) => a.line - b.line);

  entries.sort((a, b) => a.line - b.line);
  const children = new Map<string, LayoutBlock[]>();
  for (const entry of entries) {
    const list = children.get(entry.container) ?? [];
    children.set(entry.container, list);
    if (entry.kind === 'fact') {
      const last = list[list.length - 1];
      if (last?.type === 'facts') last.items.push(entry.node);
      else list.push({ type: 'facts', items: [entry.node] });
    } else if (entry.kind === 'code') {
      list.push({ type: 'code', fact: entry.fact });
    } else {
      list.push(entry.block);
    }
  }
  for (const [id, node] of factNodes) node.blocks = children.get(`fact:${id}`) ?? [];
  for (const entry of entries) if (entry.kind === 'callout') entry.block.blocks = children.get(calloutKey(entry.block.callout.index)) ?? [];
  return children.get('root') ?? [];
}
