/**
 * Facts -> the units questions are built from: definitions, gaps (numbers, key
 * terms, services), short lists, statements and groups of pairs, each with its
 * topic, exam domain and family. The flashcard generator finds definitions and
 * gaps (`generateNoteCards`), so a quiz asks about the same things the cards do;
 * lists are found here again because a question needs their structure (names,
 * lead, source facts), not a card's text.
 *
 * Everything here is a pure function of the vault, so it is computed once per
 * vault object and kept in a WeakMap: the app builds the vault once and then
 * asks for many quizzes.
 */
import { generateNoteCards } from '../cards/generate.ts';
import { ANNOUNCES_LIST, GENERIC_HEADINGS, MAX_ITEM_WORDS, MAX_LIST, TERM_COLON } from '../content/patterns.ts';
import type { Fact, Note, Section, Vault } from '../content/types.ts';
import { examDomainOf, type ExamDomain } from '../exam/domains.ts';
import { sectionKey, sectionLabel } from '../stats/sections.ts';
import { familyOf } from './families.ts';
import { answerTokens, containsWords, contentTokens, statementKey } from './normalize.ts';
import type { QuestionFamily, TruthIndex } from './types.ts';

interface UnitBase {
  /** Stable, seed-free: what the unit is and the facts it comes from. */
  id: string;
  note: Note;
  section: Section;
  facts: Fact[];
  domain: ExamDomain;
  topic: { key: string; label: string };
  /** Keys of the section and of its ancestors, for filtering by section. */
  scope: string[];
  family?: QuestionFamily;
  quote: string;
}

/** A term and what it means. `lead` is set for a term named by a heading list (`can be assigned as 2 types:` > `resource:`). */
export interface DefinitionUnit extends UnitBase {
  type: 'definition';
  term: string;
  definition: string;
  /** The flashcard question (`What is a backup vault?`). */
  question: string;
  lead?: string;
}

export type GapKind = 'number' | 'service' | 'term';

/** A fact with one piece hidden: `max of [...] report plans per account`. */
export interface GapUnit extends UnitBase {
  type: 'gap';
  gapKind: GapKind;
  before: string;
  gap: string;
  after: string;
}

/** A short list announced by a parent fact, a heading or the fact itself (`can be created with API, CLI, SDK, or CloudFormation template`). */
export interface ListUnit extends UnitBase {
  type: 'list';
  /** `AWS backup pricing — charged for`: what the list is, as the flashcards name it. */
  lead: string;
  items: string[];
}

/** A sentence the notes state, for true or false. */
export interface StatementUnit extends UnitBase {
  type: 'statement';
  statement: string;
  /** Parent facts that give a nested fact its meaning. */
  context: string[];
  /** For `term: definition` statements: the other terms of the same list, to swap definitions with. */
  siblings?: { term: string; definition: string }[];
}

/** Terms and their definitions (or services and what they do), for matching. */
export interface PairsUnit extends UnitBase {
  type: 'pairs';
  what: 'term' | 'service';
  pairs: { term: string; definition: string; fact: Fact }[];
}

export type Unit = DefinitionUnit | GapUnit | ListUnit | StatementUnit | PairsUnit;

/** A name a gap can hold, for picking distractors of the same kind. */
export interface TermEntry {
  text: string;
  kind: 'service' | 'term';
  /** Where the name was found: hidden in a fact, defined by the note, or the note's own title. */
  source: 'gap' | 'definition' | 'title';
  noteId: string;
  sectionKey: string;
  domain: ExamDomain;
}

/** Something that can stand in a list question as an item from elsewhere. */
export interface ListCandidate {
  text: string;
  /** The lead of the list it comes from, or '' for a filler. */
  lead: string;
  noteId: string;
  domain: ExamDomain;
  /** Only offered for lists of this domain (fillers such as `number of backup vaults`). */
  onlyFor?: ExamDomain;
}

export interface Knowledge {
  units: Unit[];
  definitions: DefinitionUnit[];
  terms: TermEntry[];
  listCandidates: ListCandidate[];
  truths: TruthIndex;
}

const MAX_PAIRS = 5;
/** `can be created with API, CLI, SDK, or CloudFormation template`: a lead word, then the items to the end of the line. */
const INLINE_LEAD = /^(.{3,60}?\b(?:with|include|includes|including|such as))\s+(.+)$/i;
/** Lines that point elsewhere rather than state something (`see the backup plan definition in ...`). */
const NOT_KNOWLEDGE = /^(?:see|cf\.?|compare|e\.?g\.?|for example)\b/i;
/** Lines that lean on the line before (`AWS Backup monitoring uses both`, `these are ...`): not a statement on their own. */
const NOT_STANDALONE = /\bboth\s*[.!]?$|^(?:these|those|this|it|they)\b/i;

const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;
const stripColon = (text: string): string => text.replace(/\s*:\s*$/, '');

const cache = new WeakMap<Vault, Knowledge>();

/** The units and the truth index of a vault, computed once per vault object. */
export function knowledgeOf(vault: Vault): Knowledge {
  let known = cache.get(vault);
  if (!known) {
    known = extract(vault);
    cache.set(vault, known);
  }
  return known;
}

/**
 * Whether a name is an AWS service (`AWS KMS`, `Amazon SNS`, `CloudTrail`) rather
 * than a feature or a concept (`AWS backup vault lock`, `S3 bucket`): a gap asks
 * "Which service ...?" only for services, and takes distractors of its own kind.
 */
export function isServiceName(text: string): boolean {
  const prefixed = /^(?:aws|amazon)\s+/i.test(text);
  const rest = text.replace(/^(?:aws|amazon)\s+/i, '');
  if (/^(?:[A-Z]{2,}\d*|[A-Z][a-z]+[A-Z][A-Za-z]*)$/.test(rest)) return true;
  return prefixed && /^[A-Z][A-Za-z0-9-]*(?:\s[A-Z][A-Za-z0-9-]*)?$/.test(rest);
}

function extract(vault: Vault): Knowledge {
  const units: Unit[] = [];
  const definitions: DefinitionUnit[] = [];
  const terms: TermEntry[] = [];
  const listCandidates: ListCandidate[] = [];
  const derivedStatements: string[] = [];

  for (const note of vault.notes) {
    const sections = new Map(note.sections.map((s) => [s.id, s]));
    const factById = new Map(note.facts.map((f) => [f.id, f]));
    const studied = (s: Section): boolean => s.role === 'content' || s.role === 'summary';

    // Domain, topic and scope belong to the section: worked out once per section, shared by its units.
    const placed = new Map<string, Pick<UnitBase, 'domain' | 'topic' | 'scope'>>();
    const placeOf = (section: Section): Pick<UnitBase, 'domain' | 'topic' | 'scope'> => {
      let place = placed.get(section.id);
      if (!place) {
        const scope: string[] = [];
        for (let s: Section | undefined = section; s; s = s.parentId ? sections.get(s.parentId) : undefined) scope.push(sectionKey({ noteId: note.id, sectionId: s.id }));
        place = {
          domain: examDomainOf({ tags: note.tags, noteTitle: note.title, path: section.path }),
          topic: { key: sectionKey({ noteId: note.id, sectionId: section.id }), label: sectionLabel({ noteTitle: note.title, path: section.path }) },
          scope,
        };
        placed.set(section.id, place);
      }
      return place;
    };
    const base = (section: Section, sourceFacts: Fact[], id: string, quote: string, family?: QuestionFamily): UnitBase => ({
      id,
      note,
      section,
      facts: sourceFacts,
      ...placeOf(section),
      ...(family ? { family } : {}),
      quote,
    });
    const familyOfFact = (fact: Fact, section: Section): QuestionFamily | undefined => familyOf(fact.text, section.path, fact.context);

    // Definitions and gaps, as the flashcards find them.
    const noteDefinitions: DefinitionUnit[] = [];
    const gapUnits: GapUnit[] = [];
    for (const card of generateNoteCards(note)) {
      const fact = factById.get(card.factIds[0] ?? '');
      const section = sections.get(card.sectionId);
      if (!fact || !section || NOT_KNOWLEDGE.test(fact.text) || NOT_STANDALONE.test(fact.text)) continue;
      if (card.kind === 'definition') {
        const term = /^What (?:is|are) (?:(?:an?|the) )?(.+)\?$/.exec(card.prompt)?.[1];
        if (!term) continue;
        const unit: DefinitionUnit = {
          ...base(section, [fact], `definition:${fact.id}:${term}`, fact.text, familyOfFact(fact, section)),
          type: 'definition',
          term,
          definition: card.answer,
          question: card.prompt,
        };
        noteDefinitions.push(unit);
      } else if ((card.kind === 'cloze-number' || card.kind === 'cloze-term') && card.cloze) {
        const { before, gap, after } = card.cloze;
        // The rest of the sentence must say enough to ask about (`[...] uses both` does not).
        if (words(`${before} ${after}`) < 3 || gap.includes(':') || words(gap) > 5) continue;
        // Inside a quoted name (`"AWS API Call via CloudTrail" events`) a gap is part of a name, not a term.
        if ((before.match(/["“”]/g) ?? []).length % 2 === 1) continue;
        // A table cell hidden in its row (`S3 Standard — Durability: [...]`) is a value, not a term to mix with others: flashcards only.
        if (card.kind === 'cloze-term' && fact.kind === 'row') continue;
        // A term the rest of the sentence names already (`[...] sends job metrics to the AWS/Backup namespace`) gives itself away.
        if (card.kind === 'cloze-term' && containsWords(`${before} ${after}`, gap.replace(/^(?:aws|amazon)\s+/i, ''))) continue;
        const gapKind: GapKind = card.kind === 'cloze-number' ? 'number' : isServiceName(gap) ? 'service' : 'term';
        const unit: GapUnit = {
          ...base(section, [fact], `gap:${fact.id}:${before.length}:${gap}`, fact.text, familyOfFact(fact, section)),
          type: 'gap',
          gapKind,
          before,
          gap,
          after,
        };
        gapUnits.push(unit);
        if (gapKind !== 'number') terms.push({ text: gap, kind: gapKind, source: 'gap', noteId: note.id, sectionKey: unit.topic.key, domain: unit.domain });
      }
    }

    // Lists, and the definitions a heading list gives (`resource type:` > `every instance/resource`).
    const noteLists: ListUnit[] = [];
    const definedByHeading = new Set<string>();
    const listParents = new Set<string>();
    const addList = (section: Section, lead: string, sourceFacts: Fact[], items: string[], quote: string): void => {
      const cleaned = items.map((i) => i.trim()).filter(Boolean);
      if (cleaned.length < 2 || new Set(cleaned.map(statementKey)).size !== cleaned.length) return;
      const unit: ListUnit = {
        ...base(section, sourceFacts, `list:${sourceFacts.map((f) => f.id).join('|')}:${lead}`, quote, familyOf(sourceFacts.map((f) => f.text).join(' | '), section.path, [lead])),
        type: 'list',
        lead,
        items: cleaned,
      };
      noteLists.push(unit);
    };

    for (const section of note.sections) {
      if (!studied(section)) continue;
      const sectionFacts = section.factIds.map((id) => factById.get(id)).filter((f): f is Fact => f !== undefined);
      // A table's rows are not a list to name.
      const topLevel = sectionFacts.filter((f) => f.parentId === null && f.kind !== 'row');
      const topic = topicOf(note, section);

      for (const parent of sectionFacts) {
        const children = parent.childIds.map((id) => factById.get(id)).filter((f): f is Fact => f !== undefined);
        if (!isShortList(children) || !(ANNOUNCES_LIST.test(parent.text) || words(parent.text) <= 4 || parent.text.includes(String(children.length)))) continue;
        listParents.add(parent.id);
        addList(section, `${topic} — ${stripColon(parent.text)}`, [parent, ...children], children.map((c) => c.text), [parent, ...children].map((f) => f.text).join('\n'));
      }

      const children = section.childIds.map((id) => sections.get(id)).filter((s): s is Section => s !== undefined && s.role === 'content');
      const count = /\b(\d+)\b/.exec(section.title)?.[1];
      if (count && Number(count) === children.length && children.length >= 2 && children.length <= MAX_LIST) {
        const parentSection = sections.get(section.parentId ?? '') ?? section;
        const lead = `${topicOf(note, parentSection)} — ${stripColon(section.title)}`;
        const named = children.map((c) => ({ name: stripColon(c.title), facts: c.factIds.map((id) => factById.get(id)).filter((f): f is Fact => f !== undefined) }));
        const childFacts = named.flatMap((c) => c.facts);
        const quote = named.map((c) => c.facts.map((f) => `${c.name}: ${f.text}`).join('\n')).join('\n');
        addList(section, lead, childFacts, named.map((c) => c.name), quote);
        // Each child with one fact defines its name; its siblings give the false versions.
        const defined = named.filter((c) => c.facts.length === 1);
        if (defined.length >= 2) {
          for (const c of defined) {
            const fact = c.facts[0] as Fact;
            const childSection = sections.get(fact.sectionId) ?? section;
            const quoteLine = `${c.name}: ${fact.text}`;
            definedByHeading.add(fact.id);
            derivedStatements.push(quoteLine);
            const family = familyOf(fact.text, childSection.path, fact.context);
            noteDefinitions.push({
              ...base(section, [fact], `definition:${fact.id}:${c.name}`, quoteLine, family),
              type: 'definition',
              term: c.name,
              definition: fact.text,
              question: `${lead}: what is “${c.name}”?`,
              lead,
            });
            units.push({
              ...base(section, [fact], `statement:${fact.id}:${c.name}`, quoteLine, family),
              type: 'statement',
              statement: quoteLine,
              // The heading path already names the list; the stem needs nothing more.
              context: [],
              siblings: defined.filter((d) => d !== c).map((d) => ({ term: d.name, definition: (d.facts[0] as Fact).text })),
            });
          }
        }
      } else if (isShortList(topLevel) && (section.title.trim().endsWith(':') || (count !== undefined && Number(count) === topLevel.length))) {
        const parentSection = sections.get(section.parentId ?? '') ?? section;
        addList(section, `${topicOf(note, parentSection)} — ${stripColon(section.title)}`, topLevel, topLevel.map((f) => f.text), topLevel.map((f) => f.text).join('\n'));
      }

      // Lists written on one line.
      for (const fact of sectionFacts) {
        const inline = inlineList(fact.text);
        if (inline) addList(section, `${topic} — ${inline.label}`, [fact], inline.items, fact.text);
      }
    }

    // Statements for true or false: lines that say something on their own.
    for (const fact of note.facts) {
      const section = sections.get(fact.sectionId);
      if (!section || !studied(section) || definedByHeading.has(fact.id) || listParents.has(fact.id)) continue;
      if (words(fact.text) < 3 || words(fact.text) > 30 || fact.text.trim().endsWith(':') || NOT_KNOWLEDGE.test(fact.text) || NOT_STANDALONE.test(fact.text)) continue;
      units.push({
        ...base(section, [fact], `statement:${fact.id}`, fact.text, familyOfFact(fact, section)),
        type: 'statement',
        statement: fact.text,
        context: fact.context,
      });
    }

    // Matching: the note's definitions, and in each section the services (or terms) named at the start of a line with what they do.
    const top = note.sections.find((s) => s.id === 'top') ?? note.sections[0];
    const usable = uniqueBy(noteDefinitions, (d) => statementKey(d.term));
    if (top) {
      for (const group of chunk(uniqueBy(usable, (d) => statementKey(d.definition)), MAX_PAIRS)) {
        const groupFacts = group.flatMap((d) => d.facts);
        const families = new Set(group.map((d) => d.family));
        const only = families.size === 1 ? group[0]?.family : undefined;
        units.push({
          ...base(top, groupFacts, `pairs:${groupFacts.map((f) => f.id).join('|')}`, group.map((d) => d.quote).join('\n'), only),
          type: 'pairs',
          what: 'term',
          pairs: group.map((d) => ({ term: d.term, definition: d.definition, fact: d.facts[0] as Fact })),
        });
      }
    }
    const roles = new Map<string, GapUnit[]>();
    for (const gap of gapUnits) {
      if (gap.gapKind === 'number' || gap.before.trim() !== '' || words(gap.after) < 3) continue;
      roles.set(gap.section.id, [...(roles.get(gap.section.id) ?? []), gap]);
    }
    for (const [sectionId, roleGaps] of roles) {
      const section = sections.get(sectionId);
      const distinct = uniqueBy(uniqueBy(roleGaps, (g) => statementKey(g.gap)), (g) => g.facts[0]?.id ?? '');
      if (!section) continue;
      for (const group of chunk(distinct, MAX_PAIRS)) {
        const groupFacts = group.flatMap((g) => g.facts);
        const families = new Set(group.map((g) => g.family));
        units.push({
          ...base(section, groupFacts, `pairs:${groupFacts.map((f) => f.id).join('|')}:roles`, groupFacts.map((f) => f.text).join('\n'), families.size === 1 ? group[0]?.family : undefined),
          type: 'pairs',
          what: group.every((g) => g.gapKind === 'service') ? 'service' : 'term',
          pairs: group.map((g) => ({ term: g.gap, definition: g.after.trim(), fact: g.facts[0] as Fact })),
        });
      }
    }

    // Distractor pools: list items, and for pricing lists, things a service plausibly could charge for but the notes do not list.
    for (const list of noteLists) for (const item of list.items) listCandidates.push({ text: item, lead: list.lead, noteId: note.id, domain: list.domain });
    const named = uniqueBy(
      [...usable.map((d) => d.term), ...note.sections.filter((s) => s.role === 'content' && isTermHeading(s)).map((s) => stripColon(s.title))].filter((t) => !/^\d/.test(t) && words(t) <= 3),
      statementKey,
    );
    for (const term of named) {
      listCandidates.push({ text: `number of ${plural(term)}`, lead: '', noteId: note.id, domain: 'billing-pricing-support', onlyFor: 'billing-pricing-support' });
    }
    for (const d of usable) {
      if (!/^\d/.test(d.term)) terms.push({ text: d.term, kind: isServiceName(d.term) ? 'service' : 'term', source: 'definition', noteId: note.id, sectionKey: d.topic.key, domain: d.domain });
    }
    // A note named for a service (`AWS CloudTrail`) is a service name too.
    if (isServiceName(note.title) && top) terms.push({ text: note.title, kind: 'service', source: 'title', noteId: note.id, sectionKey: sectionKey({ noteId: note.id, sectionId: top.id }), domain: examDomainOf({ tags: note.tags, noteTitle: note.title, path: [] }) });

    units.push(...noteDefinitions, ...gapUnits, ...noteLists);
    definitions.push(...noteDefinitions);
  }

  // Every fact under a term heading is true of that term (`backup vault` > `can create multiple backup vaults ...`),
  // so none of them may stand as a wrong definition of it.
  const headingPairs: [string, string][] = [];
  for (const note of vault.notes) {
    const sections = new Map(note.sections.map((s) => [s.id, s]));
    for (const fact of note.facts) {
      const section = sections.get(fact.sectionId);
      if (section && section.role === 'content' && isTermHeading(section)) headingPairs.push([stripColon(section.title), fact.text]);
    }
  }
  const truths = truthIndex(vault, [...definitions.map((d): [string, string] => [d.term, d.definition]), ...headingPairs], units, derivedStatements);
  return { units, definitions, terms, listCandidates, truths };
}

function truthIndex(vault: Vault, definitions: [string, string][], units: Unit[], derivedStatements: string[]): TruthIndex {
  const statements = new Set<string>();
  const factText = new Map<string, string>();
  const factTokens: Set<string>[] = [];
  const factKeys: string[] = [];
  const tokenFacts = new Map<string, number[]>();
  for (const note of vault.notes) {
    for (const fact of note.facts) {
      factText.set(fact.id, fact.text);
      statements.add(statementKey(fact.text));
      factKeys.push(statementKey(fact.text));
      const tokens = new Set(contentTokens(fact.text));
      const index = factTokens.length;
      factTokens.push(tokens);
      for (const token of tokens) {
        const list = tokenFacts.get(token);
        if (list) list.push(index);
        else tokenFacts.set(token, [index]);
      }
    }
  }
  for (const line of derivedStatements) statements.add(statementKey(line));
  const definitionsIndex = new Map<string, Set<string>>();
  const define = (term: string, definition: string): void => {
    const key = statementKey(term);
    const set = definitionsIndex.get(key) ?? new Set<string>();
    set.add(statementKey(definition));
    definitionsIndex.set(key, set);
    statements.add(statementKey(`${term}: ${definition}`));
  };
  for (const [term, definition] of definitions) define(term, definition);
  const lists = new Map<string, Set<string>>();
  for (const unit of units) {
    if (unit.type === 'pairs') for (const p of unit.pairs) define(p.term, p.definition);
    if (unit.type !== 'list') continue;
    const key = statementKey(unit.lead);
    const set = lists.get(key) ?? new Set<string>();
    for (const item of unit.items) set.add(statementKey(item));
    lists.set(key, set);
  }
  return { statements, factText, definitions: definitionsIndex, lists, tokenFacts, factTokens, factKeys };
}

/**
 * Builds the index of everything the vault's facts say, for `validateQuestion`.
 * Cached with the rest of a vault's knowledge.
 */
export function buildTruthIndex(vault: Vault): TruthIndex {
  return knowledgeOf(vault).truths;
}

/** `alarm states: OK, ALARM, INSUFFICIENT_DATA` or `can be created with API, CLI, SDK, or CloudFormation template`. */
function inlineList(text: string): { label: string; items: string[] } | null {
  const colon = TERM_COLON.exec(text);
  if (colon) {
    const items = splitItems(colon[2] ?? '');
    if (items && items.length >= 2 && words(colon[1] ?? '') <= 5) return { label: (colon[1] ?? '').trim(), items };
    return null;
  }
  const lead = INLINE_LEAD.exec(text);
  if (!lead) return null;
  const items = splitItems(lead[2] ?? '');
  const label = (lead[1] ?? '').trim();
  // Two items only when a word says a list follows (`templates include backup and compliance`).
  const need = /\binclud/i.test(label) ? 2 : 3;
  return items && items.length >= need ? { label, items } : null;
}

/** `API, CLI, SDK, or CloudFormation template` -> the four items; null when it does not read as a list of short names. */
function splitItems(text: string): string[] | null {
  if (/[;()]/.test(text)) return null;
  const parts = text
    .replace(/,?\s+(?:and|or)\s+(?=[^,]+$)/i, ', ')
    .split(/\s*,\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 2 || parts.some((p) => words(p) > 4 || /\b(?:and|or)\b/i.test(p))) return null;
  return parts;
}

function isShortList(items: Fact[]): boolean {
  return items.length >= 2 && items.length <= MAX_LIST && items.every((f) => f.childIds.length === 0 && words(f.text) <= MAX_ITEM_WORDS);
}

function isTermHeading(section: Section): boolean {
  const title = stripColon(section.title).toLowerCase();
  return section.id !== 'top' && !GENERIC_HEADINGS.has(title) && words(title) <= 3 && !/\d/.test(title);
}

/** What a list belongs to, named as the flashcards name it. */
function topicOf(note: Note, section: Section): string {
  const title = stripColon(section.title);
  if (section.id === 'top') return note.title;
  return GENERIC_HEADINGS.has(title.toLowerCase()) ? `${note.title} ${title}` : title;
}

function plural(term: string): string {
  const last = answerTokens(term).at(-1) ?? '';
  if (/s$/i.test(term) || last === '') return term;
  if (/[^aeiou]y$/i.test(term)) return `${term.slice(0, -1)}ies`;
  if (/(?:sh|ch|x|z)$/i.test(term)) return `${term}es`;
  return `${term}s`;
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Consecutive groups of 3 to `size` items (a short tail borrows from the group before it, or is dropped). */
function chunk<T>(items: T[], size: number): T[][] {
  if (items.length < 3) return [];
  const groups: T[][] = [];
  for (let i = 0; i < items.length; i += size) groups.push(items.slice(i, i + size));
  const last = groups[groups.length - 1];
  if (last && last.length < 3 && groups.length > 1) {
    // Borrow from the previous group so every group has 3 to 5 pairs.
    const prev = groups[groups.length - 2] as T[];
    while (last.length < 3 && prev.length > 3) last.unshift(prev.pop() as T);
    if (last.length < 3) groups.pop();
  }
  return groups;
}
