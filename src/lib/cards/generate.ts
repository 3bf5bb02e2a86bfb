/**
 * Facts -> flashcards, with no hand-written cards. Five kinds:
 * - definition: `term: definition`, and the first fact of a section named for a
 *   term when it reads as a definition (`container; stores/organizes your backups`
 *   under `backup vault`);
 * - cloze-number: each number or limit in a fact (`max of [...] report plans`);
 * - cloze-term: each highlighted key term inside a longer fact;
 * - list-recall: a short list announced by its parent or heading (`charged for`,
 *   `can be assigned as 2 types:`), "name all N";
 * - cloze-list: each item of such a list, the others shown.
 *
 * A table row (`S3 Standard — Durability: 11 nines; Min storage: none`) gets a
 * cloze-term card per filled cell, the rest of the row shown, and never a
 * definition: its `header: cell` pairs are not terms. Code blocks are not facts
 * (see `FactKind`), so no card ever comes from one.
 */
import { normalizeText, stableHash } from '../content/ids.ts';
import { plainText } from '../content/plain.ts';
import type { Fact, Note, Section, Vault } from '../content/types.ts';
import { ANNOUNCES_LIST, GENERIC_HEADINGS, MAX_CLOZE_COLUMNS, MAX_ITEM_WORDS, MAX_LIST, TERM_COLON } from '../content/patterns.ts';
import type { CardKind, StudyCard } from './types.ts';

const MAX_NUMBER_CLOZES = 3;
/** A fact without a digit holds no number to hide: `NUMBER` is not run on it. */
const DIGIT = /\d/;

const DEFINITION_START = /^(?:an? |the )?(?:set|type|kind|collection|group|container|service|tool|policy|feature|way|place|unit|record|copy|snapshot|document|rule|framework|storage|layer)s?\b/i;
const NUMBER = /(?<![\p{L}\d.,_/-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s?(%|TB|GB|MB|KB|PB|TiB|GiB|MiB|ms|vCPUs?|days?|hours?|minutes?|mins?|seconds?|years?|months?|weeks?|nodes?|devices?))?(?![\p{L}\d])/gu;

/** Whether a UTF-16 code unit is `\s` in a JavaScript regular expression (white space or a line end). */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** How many words (runs of non-space) a text holds: `text.split(/\s+/).filter(Boolean).length`, without the copies. */
function words(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return count;
}
const stripColon = (text: string): string => text.replace(/\s*:\s*$/, '');

function cardId(noteId: string, kind: CardKind, factIds: string[], extra = ''): string {
  // Joined rather than concatenated: `join` makes one flat string, `+` a chain of pieces kept for the card's life.
  return [noteId, kind, stableHash(`${factIds.join('|')}|${normalizeText(extra)}`)].join('/');
}

function isTermHeading(section: Section): boolean {
  const title = stripColon(section.title).toLowerCase();
  return section.role === 'content' && section.id !== 'top' && !GENERIC_HEADINGS.has(title) && words(title) <= 5 && !/\d/.test(title);
}

/** Generates every card of every note. */
export function generateCards(vault: Vault): StudyCard[] {
  return vault.notes.flatMap(generateNoteCards);
}

/** Generates the cards of one note, in note order, without duplicate prompts. */
export function generateNoteCards(note: Note): StudyCard[] {
  const sections = new Map<string, Section>();
  for (const section of note.sections) sections.set(section.id, section);
  // Facts by id are needed only for lists (a fact's children, a heading's sub-sections): made on first use.
  let byId: Map<string, Fact> | null = null;
  const facts = (): Map<string, Fact> => {
    if (!byId) {
      byId = new Map();
      for (const fact of note.facts) byId.set(fact.id, fact);
    }
    return byId;
  };
  // A section's facts, in order: `note.facts` holds them in the order `Section.factIds` lists them.
  const factsOf = new Map<string, Fact[]>();
  for (const fact of note.facts) {
    const list = factsOf.get(fact.sectionId);
    if (list) list.push(fact);
    else factsOf.set(fact.sectionId, [fact]);
  }
  const sectionFactsOf = (section: Section): Fact[] => {
    const list = factsOf.get(section.id) ?? [];
    // A note put together by hand may list its facts otherwise: then by id, as listed.
    return list.length === section.factIds.length ? list : section.factIds.map((id) => facts().get(id)).filter((f): f is Fact => f !== undefined);
  };
  const cards: StudyCard[] = [];
  const seen = new Set<string>();
  const seenPrompts = new Map<CardKind, Set<string>>();

  const add = (kind: CardKind, section: Section, sourceFacts: Fact[], fields: CardFields, extra = ''): void => {
    const factIds = sourceFacts.map((f) => f.id);
    const id = cardId(note.id, kind, factIds, extra);
    // Prompts are compared per kind as they are, not copied into a longer key (a row's prompt may be long).
    let prompts = seenPrompts.get(kind);
    if (!prompts) {
      prompts = new Set();
      seenPrompts.set(kind, prompts);
    }
    if (seen.has(id) || prompts.has(fields.prompt)) return;
    seen.add(id);
    prompts.add(fields.prompt);
    // Written out rather than spread from `fields`, whose shape differs by kind: a card is made for most facts.
    const card: StudyCard = {
      id,
      kind,
      noteId: note.id,
      noteTitle: note.title,
      sectionId: section.id,
      path: section.path,
      factIds,
      context: sourceFacts[0]?.context ?? [],
      tags: note.tags,
      prompt: fields.prompt,
      answer: fields.answer,
    };
    if (fields.items) card.items = fields.items;
    if (fields.cloze) card.cloze = fields.cloze;
    cards.push(card);
  };

  for (const section of note.sections) {
    if (section.role !== 'content' && section.role !== 'summary') continue;
    const sectionFacts = sectionFactsOf(section);
    const topLevel = sectionFacts.filter((f) => f.parentId === null && f.kind !== 'row');

    // Definitions.
    const first = topLevel[0];
    for (const fact of sectionFacts) {
      if (fact.kind === 'row') continue;
      if (fact === first && isTermHeading(section) && (readsAsCategory(fact.text) || DEFINITION_START.test(fact.text))) {
        const term = stripColon(section.title);
        add('definition', section, [fact], { prompt: definitionQuestion(term), answer: fact.text }, term);
        continue;
      }
      const match = TERM_COLON.exec(fact.text);
      if (match && words(match[1] ?? '') <= 5 && words(match[2] ?? '') >= 2 && !/^(e\.?g|i\.?e|note|ex)$/i.test((match[1] ?? '').trim())) {
        const term = (match[1] ?? '').trim();
        add('definition', section, [fact], { prompt: definitionQuestion(term), answer: (match[2] ?? '').trim() }, term);
      }
    }

    // Clozes on numbers and on key terms.
    for (const fact of sectionFacts) {
      let made = 0;
      const cells = rowCells(note, fact);
      for (const m of DIGIT.test(fact.text) ? fact.text.matchAll(NUMBER) : []) {
        if (made >= MAX_NUMBER_CLOZES) break;
        const gap = m[0];
        const at = m.index ?? 0;
        // A number inside a cell that is hidden whole already: one card is enough.
        if (cells.some((c) => at >= c.before.length && at < c.before.length + c.gap.length)) continue;
        const before = fact.text.slice(0, at);
        const after = fact.text.slice(at + gap.length);
        add('cloze-number', section, [fact], { prompt: `${before}[...]${after}`, answer: gap, cloze: { before, gap, after } }, `${at}:${gap}`);
        made++;
      }
      for (const cell of cells) {
        add('cloze-term', section, [fact], { prompt: `${cell.before}[...]${cell.after}`, answer: cell.gap, cloze: cell }, `cell:${cell.before.length}:${cell.gap}`);
      }
      for (const term of clozeTerms(fact)) {
        const at = fact.text.indexOf(term);
        if (at < 0 || term.length > fact.text.length * 0.8) continue;
        const before = fact.text.slice(0, at);
        const after = fact.text.slice(at + term.length);
        add('cloze-term', section, [fact], { prompt: `${before}[...]${after}`, answer: term, cloze: { before, gap: term, after } }, term);
      }
    }

    // Lists under a parent fact that announces them.
    for (const parent of sectionFacts) {
      if (parent.childIds.length < 2) continue; // no list to recall
      const children = parent.childIds.map((id) => facts().get(id)).filter((f): f is Fact => f !== undefined);
      if (!isShortList(children) || !(ANNOUNCES_LIST.test(parent.text) || words(parent.text) <= 4 || parent.text.includes(String(children.length)))) continue;
      addList(add, section, topicOf(note, section), stripColon(parent.text), [parent, ...children], children.map((c) => c.text));
    }

    // Lists a heading holds: its sub-sections (`can be assigned as 2 types:`) or its facts.
    const children = section.childIds.map((id) => sections.get(id)).filter((s): s is Section => s !== undefined && s.role === 'content');
    const count = /\b(\d+)\b/.exec(section.title)?.[1];
    if (count && Number(count) === children.length && children.length >= 2 && children.length <= MAX_LIST) {
      const childFacts = children.flatMap(sectionFactsOf);
      const items = children.map((c) => {
        const firstFact = facts().get(c.factIds[0] ?? '');
        return firstFact ? `${stripColon(c.title)}: ${firstFact.text}` : stripColon(c.title);
      });
      addList(add, section, topicOf(note, sections.get(section.parentId ?? '') ?? section), stripColon(section.title), childFacts, items, children.map((c) => stripColon(c.title)));
    } else if (isShortList(topLevel) && (section.title.trim().endsWith(':') || (count !== undefined && Number(count) === topLevel.length))) {
      addList(add, section, topicOf(note, sections.get(section.parentId ?? '') ?? section), stripColon(section.title), topLevel, topLevel.map((f) => f.text));
    }
  }
  return cards;
}

/**
 * The cells of a table row worth hiding, each split out of the row's text:
 * every filled cell after the first whose column has a header (the first cell
 * names the row, so it stays).
 */
export function rowCells(note: Note, fact: Fact): { before: string; gap: string; after: string }[] {
  if (!fact.row) return [];
  const table = note.tables[fact.row.table];
  if (!table) return [];
  const clean = (text: string): string => text.replace(/\s+/g, ' ').trim();
  const cells = fact.row.cells.map((c) => clean(plainText(c)));
  const headers = table.header.map((h) => clean(plainText(h)));
  // Rebuild the row's text as the parser wrote it, keeping where each cell starts.
  let text = cells[0] ?? '';
  const spans: { at: number; gap: string; header: string; column: number }[] = [];
  cells.forEach((cell, i) => {
    if (i === 0 || cell === '') return;
    const header = headers[i] ?? '';
    text += spans.length === 0 ? (text === '' ? '' : ' — ') : '; ';
    if (header) text += `${header}: `;
    spans.push({ at: text.length, gap: cell, header, column: i });
    text += cell;
  });
  if (text !== fact.text) return [];
  // Only the first MAX_CLOZE_COLUMNS columns (the parser warned of a wider table): each card shows the whole row.
  return spans
    .filter((s) => s.column < MAX_CLOZE_COLUMNS && s.header !== '' && words(s.gap) <= MAX_ITEM_WORDS)
    .map((s) => ({ before: text.slice(0, s.at), gap: s.gap, after: text.slice(s.at + s.gap.length) }));
}

const SERVICE_NAME = /\b(?:AWS|[Aa]mazon)(?:\s+[A-Z][A-Za-z0-9-]*)+/g;

/** Terms worth hiding: highlighted key terms, linked concepts, and AWS service names. */
function clozeTerms(fact: Fact): string[] {
  // In order, each once, none empty: key terms, then linked concepts, then service names. A fact holds a few at most.
  const terms: string[] = [];
  const add = (term: string): void => {
    if (term !== '' && !terms.includes(term)) terms.push(term);
  };
  for (const term of fact.keyTerms) add(term);
  const walk = (nodes: Fact['inline']): void => {
    for (const node of nodes) {
      // A linked concept is a term; a lower-case common word such as 'region' is not.
      if (node.type === 'wikilink' && words(node.text) <= 4 && /[A-Z]/.test(node.text)) add(node.text.trim());
      else if ('children' in node) walk(node.children);
    }
  };
  walk(fact.inline);
  if (fact.text.includes('AWS') || fact.text.includes('mazon')) for (const m of fact.text.matchAll(SERVICE_NAME)) add(m[0]);
  return terms;
}

/** `container; stores/organizes your backups`: a short category, then what it does. */
function readsAsCategory(text: string): boolean {
  const semicolon = text.indexOf(';');
  if (semicolon < 0) return false;
  const head = text.slice(0, semicolon);
  return words(head) <= 3 && !head.includes(':');
}

function isShortList(items: Fact[]): boolean {
  return items.length >= 2 && items.length <= MAX_LIST && items.every((f) => f.childIds.length === 0 && words(f.text) <= MAX_ITEM_WORDS);
}

/** What a card says, by kind: the sides, and the items of a list or the gap of a cloze. */
type CardFields = Pick<StudyCard, 'prompt' | 'answer' | 'items' | 'cloze'>;

type AddCard = (kind: CardKind, section: Section, facts: Fact[], fields: CardFields, extra?: string) => void;

/**
 * A list-recall card for the whole list and a cloze card per item. `topic` says
 * what the list belongs to; `names` are the short names to recall when the
 * items carry detail.
 */
function addList(add: AddCard, section: Section, topic: string, label: string, sourceFacts: Fact[], items: string[], names = items): void {
  const lead = `${topic} — ${label}`;
  const all = names.length === 2 ? 'name both' : `name all ${names.length}`;
  add('list-recall', section, sourceFacts, { prompt: `${lead}: ${all}`, answer: items.join('\n'), items }, `list:${label}`);
  if (names.length > 6) return;
  names.forEach((name, index) => {
    const shown = names.map((n, i) => (i === index ? '[...]' : n));
    add('cloze-list', section, sourceFacts, {
      prompt: `${lead}: ${shown.join('; ')}`,
      answer: name,
      cloze: { before: shown.slice(0, index).join('; '), gap: name, after: shown.slice(index + 1).join('; ') },
    }, `item:${label}:${name}`);
  });
}

/** What a list is about: its heading, with the note's title when the heading alone says little. */
function topicOf(note: Note, section: Section): string {
  const title = stripColon(section.title);
  if (section.id === 'top') return note.title;
  return GENERIC_HEADINGS.has(title.toLowerCase()) ? `${note.title} ${title}` : title;
}

/** `What is a backup plan?`, `What are audit frameworks?`, `What is AWS KMS?` */
function definitionQuestion(term: string): string {
  if (/^\d/.test(term) || (/[^s]s$/i.test(term) && !/^[A-Z]{2,}/.test(term))) return `What are ${/^\d/.test(term) ? 'the ' : ''}${term}?`;
  if (/^(an?|the)\s/i.test(term) || /^[A-Z]{2,}/.test(term) || /^[A-Z]/.test(term)) return `What is ${term}?`;
  return /^[aeiou]/i.test(term) ? `What is an ${term}?` : `What is a ${term}?`;
}
