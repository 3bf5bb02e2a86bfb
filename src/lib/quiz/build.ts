/**
 * Units -> questions, one builder per kind. Distractors come from the same
 * place first (the same section, then the same note, then the same exam
 * domain, then anywhere) so they are plausible, and each is checked against the
 * notes before it is used, so it is never true.
 */
import { normalizeText, stableHash } from '../content/ids.ts';
import type { ExamDomain } from '../exam/domains.ts';
import type { DefinitionUnit, GapUnit, Knowledge, ListCandidate, ListUnit, PairsUnit, StatementUnit, TermEntry, Unit } from './knowledge.ts';
import { containsWords, contentTokens, optionKey, statementKey, stripPrefix } from './normalize.ts';
import { nearbyNumbers, numbersIn } from './numbers.ts';
import { createRng, type Rng } from './rng.ts';
import type { ChoiceQuestion, ClozeQuestion, MatchingQuestion, MultipleQuestion, Question, QuestionKind, QuizOption, TrueFalseQuestion } from './types.ts';
import { falseStatementProblem, gapOptionProblem, listOptionProblem } from './validate.ts';

const LETTERS = ['a', 'b', 'c', 'd', 'e', 'f'];
const COUNT_WORDS = ['ZERO', 'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE'];
/** Words that start a clause but are not a verb the stem can begin with ("Which service [monitors] ..."). */
const NOT_VERBS = new Set(['its', 'this', 'thus', 'as', 'us', 'across', 'plus', 'always', 'perhaps', 'less', 'unless', 'various', 'previous', 'status', 'was']);

/** Where distractors are looked for, nearest first. */
interface Pools {
  termsBySection: Map<string, TermEntry[]>;
  termsByNote: Map<string, TermEntry[]>;
  termsByDomain: Map<ExamDomain, TermEntry[]>;
  definitionsByNote: Map<string, DefinitionUnit[]>;
  definitionsByDomain: Map<ExamDomain, DefinitionUnit[]>;
  listByNote: Map<string, ListCandidate[]>;
  listByDomain: Map<ExamDomain, ListCandidate[]>;
  /** Fact id -> the terms its gaps hide, for swapping in true-or-false. */
  termsOfFact: Map<string, string[]>;
}

const poolCache = new WeakMap<Knowledge, Pools>();

function group<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

function poolsOf(known: Knowledge): Pools {
  let pools = poolCache.get(known);
  if (!pools) {
    const termsOfFact = new Map<string, string[]>();
    for (const unit of known.units) {
      if (unit.type !== 'gap' || unit.gapKind === 'number') continue;
      const id = unit.facts[0]?.id ?? '';
      termsOfFact.set(id, [...(termsOfFact.get(id) ?? []), unit.gap]);
    }
    pools = {
      termsBySection: group(known.terms, (t) => t.sectionKey),
      termsByNote: group(known.terms, (t) => t.noteId),
      termsByDomain: group(known.terms, (t) => t.domain) as Map<ExamDomain, TermEntry[]>,
      definitionsByNote: group(known.definitions, (d) => d.note.id),
      definitionsByDomain: group(known.definitions, (d) => d.domain) as Map<ExamDomain, DefinitionUnit[]>,
      listByNote: group(known.listCandidates, (c) => c.noteId),
      listByDomain: group(known.listCandidates, (c) => c.domain) as Map<ExamDomain, ListCandidate[]>,
      termsOfFact,
    };
    poolCache.set(known, pools);
  }
  return pools;
}

/**
 * Up to `max` candidates from each tier in a seeded order, nearest tier first.
 * A large tier is sampled rather than shuffled whole, so a question costs the
 * same in a vault of 60 facts and one of 5,000.
 */
function* candidates<T>(rng: Rng, tiers: (readonly T[] | undefined)[], max = 30): Generator<T> {
  for (const tier of tiers) {
    if (!tier || tier.length === 0) continue;
    if (tier.length <= max * 2) {
      yield* rng.shuffle(tier);
      continue;
    }
    const tried = new Set<number>();
    for (let n = 0; n < max; n++) {
      const i = rng.int(tier.length);
      if (tried.has(i)) continue;
      tried.add(i);
      yield tier[i] as T;
    }
  }
}

/**
 * Picks `need` texts that `accept` allows and that differ from each other and
 * from `taken` after normalising. With `apart`, names that contain one another
 * (`AWS Backup`, `AWS Backup Console`) are kept apart too, since one gives the
 * other away; sibling terms such as `resource` and `resource type` are fair.
 */
function pick<T>(source: Iterable<T>, textOf: (item: T) => string, need: number, taken: string[], accept: (text: string) => boolean, apart = true): string[] {
  const chosen: string[] = [];
  const keys = new Set(taken.map(optionKey));
  for (const item of source) {
    if (chosen.length >= need) break;
    const text = textOf(item);
    const key = optionKey(text);
    if (key === '' || keys.has(key)) continue;
    if (apart && [...taken, ...chosen].some((t) => containsWords(t, text) || containsWords(text, t))) continue;
    if (!accept(text)) continue;
    keys.add(key);
    chosen.push(text);
  }
  return chosen;
}

function questionId(kind: QuestionKind, factIds: string[], content: string): string {
  return `${kind}/${stableHash(factIds.join('|'))}/${stableHash(normalizeText(content))}`;
}

function lettered(texts: string[], ids = LETTERS): QuizOption[] {
  return texts.map((text, i) => ({ id: ids[i] ?? String(i), text }));
}

/** The fields every question shares, from its unit. */
function common(unit: Unit): Omit<Question, 'id' | 'kind' | 'stem' | 'basis'> {
  // Copies, so a caller that changes a question cannot change the vault or another question.
  return {
    factIds: unit.facts.map((f) => f.id),
    tags: [...unit.note.tags],
    domain: unit.domain,
    topic: { ...unit.topic },
    explanation: {
      quote: unit.quote,
      factIds: unit.facts.map((f) => f.id),
      noteId: unit.note.id,
      sectionId: unit.section.id,
      path: [...unit.section.path],
      noteTitle: unit.note.title,
    },
    ...(unit.family ? { family: unit.family } : {}),
  };
}

/** A four-option question with the key among seeded distractors. */
function choice(unit: Unit, rng: Rng, kind: ChoiceQuestion['kind'], stem: string, key: string, distractors: string[], basis: Question['basis'], content: string): ChoiceQuestion | null {
  if (distractors.length < 3) return null;
  const texts = rng.shuffle([key, ...distractors.slice(0, 3)]);
  const options = lettered(texts);
  return { id: questionId(kind, unit.facts.map((f) => f.id), content), kind, stem, ...common(unit), basis, options, answer: options[texts.indexOf(key)]?.id ?? '' };
}

// Definitions ---------------------------------------------------------------

/** "What is a backup vault?": the definition and three definitions of other terms. */
function definitionQuestion(known: Knowledge, unit: DefinitionUnit, rng: Rng): ChoiceQuestion | null {
  const pools = poolsOf(known);
  const truths = known.truths;
  const termKey = statementKey(unit.term);
  const distractors = pick(
    candidates(rng, [pools.definitionsByNote.get(unit.note.id), pools.definitionsByDomain.get(unit.domain), known.definitions]),
    // `2 framework types` is defined by a list of names, not a description: no distractor for "What is ...?".
    (d) => (statementKey(d.term) === termKey || /^\d/.test(d.term) ? '' : d.definition),
    3,
    [unit.definition],
    (text) => !truths.definitions.get(termKey)?.has(statementKey(text)) && !truths.statements.has(statementKey(`${unit.term}: ${text}`)),
    false,
  );
  return choice(unit, rng, 'single', unit.question, unit.definition, distractors, { type: 'definition', term: unit.term }, `definition:${unit.term}`);
}

/** "Which of the following is described as “...”?": the term and three other terms. */
function termQuestion(known: Knowledge, unit: DefinitionUnit, rng: Rng): ChoiceQuestion | null {
  const pools = poolsOf(known);
  const truths = known.truths;
  const definitionKey = statementKey(unit.definition);
  const siblings = unit.lead ? known.definitions.filter((d) => d.lead === unit.lead && d.note === unit.note) : [];
  const distractors = pick(
    candidates(rng, [siblings, pools.definitionsByNote.get(unit.note.id), pools.definitionsByDomain.get(unit.domain), known.definitions]),
    (d) => d.term,
    3,
    [unit.term],
    (text) => !truths.definitions.get(statementKey(text))?.has(definitionKey) && !/^\d/.test(text),
    false,
  );
  const stem = unit.lead ? `${unit.lead}: which of the following is “${unit.definition}”?` : `Which of the following is described as “${unit.definition}”?`;
  return choice(unit, rng, 'single', stem, unit.term, distractors, { type: 'term', definition: unit.definition }, `term:${unit.definition}`);
}

// Gaps ----------------------------------------------------------------------

function promptOf(unit: GapUnit): string {
  return `${unit.before}[...]${unit.after}`;
}

/** "Which service monitors AWS backup API calls?" when the gap starts a sentence with a verb after it; else "Fill the blank (...)". */
function gapStem(unit: GapUnit, allServices: boolean): string {
  const after = unit.after.trim().replace(/[.;:,]+$/, '');
  const verb = /^([a-z]+)\b/.exec(after)?.[1] ?? '';
  const readsAsVerb = (/^[a-z]+s$/.test(verb) && !NOT_VERBS.has(verb)) || /^(?:can|must|will|is|are|has|may|cannot)$/.test(verb);
  // A second clause (`...; CloudTrail tracks who changed the setup`) does not read as part of a question.
  if (unit.before.trim() === '' && readsAsVerb && !/[;:]/.test(after)) return `Which ${allServices ? 'service' : 'of the following'} ${after}?`;
  return `Fill the blank (${unit.topic.label}): ${promptOf(unit)}`;
}

/** A key term or service hidden, with three names of the same kind that do not make a fact. */
function termGapQuestion(known: Knowledge, unit: GapUnit, rng: Rng): ChoiceQuestion | null {
  const pools = poolsOf(known);
  const prompt = promptOf(unit);
  const sameKind = (list: TermEntry[] | undefined): TermEntry[] | undefined => list?.filter((t) => t.kind === unit.gapKind);
  const otherKind = (list: TermEntry[] | undefined): TermEntry[] | undefined => list?.filter((t) => t.kind !== unit.gapKind);
  const tiers = [
    sameKind(pools.termsBySection.get(unit.topic.key)),
    sameKind(pools.termsByNote.get(unit.note.id)),
    sameKind(pools.termsByDomain.get(unit.domain)),
    sameKind(known.terms.length <= 400 ? known.terms : pools.termsByDomain.get(unit.domain) ?? []),
    otherKind(pools.termsByNote.get(unit.note.id)),
    otherKind(pools.termsByDomain.get(unit.domain)),
  ];
  const distractors = pick(candidates(rng, tiers), (t) => t.text, 3, [unit.gap], (text) => gapOptionProblem(known.truths, prompt, text, unit.note.title) === null);
  const allServices = unit.gapKind === 'service' && distractors.every((d) => known.terms.some((t) => t.text === d && t.kind === 'service'));
  return choice(unit, rng, 'single', gapStem(unit, allServices), unit.gap, distractors, { type: 'gap', prompt }, `gap:${prompt}`);
}

/** A number hidden, with three nearby round numbers that do not make a fact. */
function numberGapQuestion(known: Knowledge, unit: GapUnit, rng: Rng, kind: 'numeric' | 'single' = 'numeric'): ChoiceQuestion | null {
  const prompt = promptOf(unit);
  const near = nearbyNumbers(unit.gap, 8);
  // Draw from the nearest six first, so the spread changes with the seed but stays plausible.
  const ordered = [...rng.shuffle(near.slice(0, 6)), ...near.slice(6)];
  const distractors = pick(ordered, (n) => n, 3, [unit.gap], (text) => gapOptionProblem(known.truths, prompt, text, unit.note.title) === null);
  const stem = `Fill the blank (${unit.topic.label}): ${prompt}`;
  return choice(unit, rng, kind, stem, unit.gap, distractors, { type: 'gap', prompt }, `gap:${prompt}`);
}

/** The gap typed: the answer as written, and without its `AWS`/`Amazon` prefix or its unit. */
function clozeQuestion(unit: GapUnit): ClozeQuestion {
  const prompt = promptOf(unit);
  const accepted = [unit.gap];
  const bare = unit.gapKind === 'number' ? (/^[\d.,]+/.exec(unit.gap)?.[0] ?? unit.gap) : stripPrefix(unit.gap);
  if (bare !== unit.gap) accepted.push(bare);
  const what = unit.gapKind === 'number' ? 'number' : unit.gapKind === 'service' ? 'service' : 'term';
  return {
    id: questionId('cloze', unit.facts.map((f) => f.id), `gap:${prompt}`),
    kind: 'cloze',
    stem: `Type the missing ${what} (${unit.topic.label})`,
    ...common(unit),
    basis: { type: 'gap', prompt },
    prompt,
    accepted,
  };
}

// Lists ---------------------------------------------------------------------

const wordCount = (text: string): number => text.split(/\s+/).filter(Boolean).length;

/** Items from elsewhere for the list `unit`, most alike first (shared words, similar length), with seeded ties. */
function outsiders(known: Knowledge, unit: ListUnit, rng: Rng, need: number, taken: string[]): string[] {
  const pools = poolsOf(known);
  const words = new Set(unit.items.flatMap(contentTokens));
  const length = unit.items.reduce((n, i) => n + wordCount(i), 0) / unit.items.length;
  const likeness = (text: string): number => contentTokens(text).filter((t) => words.has(t)).length * 2 - Math.abs(wordCount(text) - length) * 0.5;
  const fits = (c: ListCandidate): boolean => c.lead !== unit.lead && (c.onlyFor === undefined || c.onlyFor === unit.domain);
  // A large pool is sampled first, so ranking costs the same in any vault.
  const ranked = (list: readonly ListCandidate[] | undefined): ListCandidate[] =>
    [...candidates(rng, [list], 30)]
      .filter(fits)
      .map((c) => ({ c, score: likeness(c.text) + rng.next() }))
      .sort((a, b) => b.score - a.score)
      .map(({ c }) => c);
  const tiers = [ranked(pools.listByNote.get(unit.note.id)), ranked(pools.listByDomain.get(unit.domain)), ranked(known.listCandidates)];
  return pick(tiers.flat(), (c) => c.text, need, taken, (text) => listOptionProblem(known.truths, unit.lead, text) === null);
}

/** "Which TWO of the following complete “AWS backup pricing — charged for …”? (Choose TWO.)" */
function multipleQuestion(known: Knowledge, unit: ListUnit, rng: Rng): MultipleQuestion | null {
  const choose = unit.items.length >= 4 && rng.next() < 0.5 ? 3 : 2;
  const keys = rng.shuffle(unit.items).slice(0, choose);
  // Every item of the list is taken, so the ones left out can never come back as distractors.
  const others = outsiders(known, unit, rng, 5 - choose, unit.items);
  if (others.length < 5 - choose) return null;
  const texts = rng.shuffle([...keys, ...others]);
  const options = lettered(texts);
  const word = COUNT_WORDS[choose] ?? String(choose);
  return {
    id: questionId('multiple', unit.facts.map((f) => f.id), `list:${unit.lead}:${[...keys].map(statementKey).sort().join('|')}`),
    kind: 'multiple',
    stem: `Which ${word} of the following complete “${unit.lead} …”? (Choose ${word}.)`,
    ...common(unit),
    basis: { type: 'list', lead: unit.lead },
    options,
    answers: options.filter((o) => keys.includes(o.text)).map((o) => o.id),
    choose,
  };
}

/** "Which of the following does NOT complete “...”?": three items of the list and one from elsewhere. */
function notQuestion(known: Knowledge, unit: ListUnit, rng: Rng): ChoiceQuestion | null {
  if (unit.items.length < 3) return null;
  const shown = rng.shuffle(unit.items).slice(0, 3);
  const odd = outsiders(known, unit, rng, 1, unit.items)[0];
  if (odd === undefined) return null;
  const texts = rng.shuffle([odd, ...shown]);
  const options = lettered(texts);
  return {
    id: questionId('not', unit.facts.map((f) => f.id), `not:${unit.lead}:${shown.map(statementKey).sort().join('|')}`),
    kind: 'not',
    stem: `Which of the following does NOT complete “${unit.lead} …”?`,
    ...common(unit),
    basis: { type: 'list', lead: unit.lead },
    options,
    answer: options[texts.indexOf(odd)]?.id ?? '',
  };
}

// True or false -------------------------------------------------------------

/** Opposites that make a statement false, tried in this order. `cannot` comes before `can` so it is not read as `can`. */
const FLIPS: { from: RegExp; to: string }[] = [
  { from: /\bcannot\b/i, to: 'can' },
  { from: /\bcan\b/i, to: 'cannot' },
  { from: /\bneed not\b/i, to: 'must' },
  { from: /\bmust\b/i, to: 'need not' },
  { from: /\bdoes not require\b/i, to: 'requires' },
  { from: /\brequires\b/i, to: 'does not require' },
  { from: /\bneeds\b/i, to: 'does not need' },
  { from: /\ballows\b/i, to: 'does not allow' },
  { from: /\balways\b/i, to: 'never' },
  { from: /\bnever\b/i, to: 'always' },
  { from: /\boff by default\b/i, to: 'on by default' },
  { from: /\bon by default\b/i, to: 'off by default' },
];

function falseIsSound(known: Knowledge, unit: StatementUnit, statement: string): boolean {
  return falseStatementProblem(known.truths, statement, unit.statement, unit.note.title) === null;
}

function trueFalse(unit: StatementUnit, statement: string, answer: boolean, falseBecause?: string): TrueFalseQuestion {
  const where = [unit.topic.label, ...unit.context.filter((c) => !unit.topic.label.includes(c))].join(' › ');
  return {
    id: questionId('true-false', unit.facts.map((f) => f.id), `statement:${statement}`),
    kind: 'true-false',
    stem: `True or false? (${where})`,
    ...common(unit),
    basis: { type: 'statement', original: unit.statement },
    statement,
    answer,
    ...(falseBecause ? { falseBecause } : {}),
  };
}

/** The statement as the notes give it, and false versions: a nearby number, a flipped modal, a sibling's term or definition. */
function trueFalseQuestions(known: Knowledge, unit: StatementUnit, rng: Rng): TrueFalseQuestion[] {
  const out = [trueFalse(unit, unit.statement, true)];
  const text = unit.statement;

  const numbers = rng.shuffle(numbersIn(text));
  for (const n of numbers) {
    const replacement = rng.shuffle(nearbyNumbers(n.text, 6)).find((other) => falseIsSound(known, unit, text.slice(0, n.index) + other + text.slice(n.index + n.text.length)));
    if (replacement) {
      out.push(trueFalse(unit, text.slice(0, n.index) + replacement + text.slice(n.index + n.text.length), false, `changed “${n.text}” to “${replacement}”`));
      break;
    }
  }

  for (const flip of FLIPS) {
    const m = flip.from.exec(text);
    if (!m) continue;
    const flipped = text.slice(0, m.index) + flip.to + text.slice(m.index + m[0].length);
    if (falseIsSound(known, unit, flipped)) out.push(trueFalse(unit, flipped, false, `changed “${m[0]}” to “${flip.to}”`));
    break;
  }

  if (unit.siblings && unit.siblings.length > 0) {
    const [term] = unit.statement.split(': ');
    for (const sibling of rng.shuffle(unit.siblings)) {
      const swapped = `${term}: ${sibling.definition}`;
      if (falseIsSound(known, unit, swapped)) {
        out.push(trueFalse(unit, swapped, false, `“${sibling.definition}” describes ${sibling.term}, not ${term}`));
        break;
      }
    }
  } else {
    const pools = poolsOf(known);
    const own = (pools.termsOfFact.get(unit.facts[0]?.id ?? '') ?? []).filter((t) => text.includes(t));
    const term = own.length > 0 ? own[rng.int(own.length)] : undefined;
    if (term !== undefined) {
      const kind = known.terms.find((t) => t.text === term)?.kind;
      // Only names the notes hide in facts of their own: a sibling's term, not a heading or a note title.
      const tiers = [pools.termsBySection.get(unit.topic.key), pools.termsByNote.get(unit.note.id), pools.termsByDomain.get(unit.domain)].map((l) => l?.filter((t) => t.kind === kind && t.source === 'gap'));
      const [other] = pick(candidates(rng, tiers), (t) => t.text, 1, [term], (candidate) => !containsWords(text, candidate) && falseIsSound(known, unit, text.replace(term, candidate)));
      if (other !== undefined) out.push(trueFalse(unit, text.replace(term, other), false, `swapped “${term}” for “${other}”`));
    }
  }
  return out;
}

// Matching ------------------------------------------------------------------

/** 3 to 5 terms and their definitions (or services and what they do), both lists in a seeded order. */
function matchingQuestion(unit: PairsUnit, rng: Rng): MatchingQuestion | null {
  if (unit.pairs.length < 3) return null;
  const terms = rng.shuffle(unit.pairs);
  const definitions = rng.shuffle(unit.pairs);
  const termOptions = lettered(terms.map((p) => p.term));
  const definitionOptions = lettered(definitions.map((p) => p.definition), ['1', '2', '3', '4', '5']);
  const pairs: Record<string, string> = {};
  terms.forEach((p, i) => {
    pairs[termOptions[i]?.id ?? ''] = definitionOptions[definitions.indexOf(p)]?.id ?? '';
  });
  const stem = unit.what === 'service' ? `Match each service to what it does (${unit.topic.label}).` : `Match each term to its definition (${unit.note.title}).`;
  return {
    id: questionId('matching', unit.facts.map((f) => f.id), `pairs:${unit.pairs.map((p) => `${p.term}=${p.definition}`).sort().join('|')}`),
    kind: 'matching',
    stem,
    ...common(unit),
    basis: { type: 'pairs' },
    terms: termOptions,
    definitions: definitionOptions,
    pairs,
  };
}

// Dispatch ------------------------------------------------------------------

/** The kinds a unit can give. */
export function kindsOf(unit: Unit): QuestionKind[] {
  switch (unit.type) {
    case 'definition':
      return ['single'];
    case 'gap':
      return unit.gapKind === 'number' ? ['numeric', 'cloze'] : ['single', 'cloze'];
    case 'list':
      return unit.items.length >= 3 ? ['multiple', 'not'] : ['multiple'];
    case 'statement':
      return ['true-false'];
    case 'pairs':
      return ['matching'];
  }
}

/** The generator for one unit and one question kind: seeded by the quiz seed and the unit, so it does not depend on what else is in the quiz. */
function unitRng(seed: string, unit: Unit, kind: QuestionKind): Rng {
  return createRng(`${seed}\u0000${unit.id}\u0000${kind}`);
}

/**
 * Every question a unit supports among `kinds` (not yet validated). A
 * definition gives two single-answer questions (term -> definition and
 * definition -> term); a statement gives the true version and its false ones.
 */
export function questionsOfUnit(known: Knowledge, unit: Unit, kinds: ReadonlySet<QuestionKind>, seed: string): Question[] {
  const out: (Question | null)[] = [];
  for (const kind of kindsOf(unit)) {
    if (!kinds.has(kind)) continue;
    const rng = unitRng(seed, unit, kind);
    switch (unit.type) {
      case 'definition':
        out.push(definitionQuestion(known, unit, rng), termQuestion(known, unit, rng));
        break;
      case 'gap':
        if (kind === 'cloze') out.push(clozeQuestion(unit));
        else out.push(unit.gapKind === 'number' ? numberGapQuestion(known, unit, rng) : termGapQuestion(known, unit, rng));
        break;
      case 'list':
        out.push(kind === 'multiple' ? multipleQuestion(known, unit, rng) : notQuestion(known, unit, rng));
        break;
      case 'statement':
        out.push(...trueFalseQuestions(known, unit, rng));
        break;
      case 'pairs':
        out.push(matchingQuestion(unit, rng));
        break;
    }
  }
  return out.filter((q): q is Question => q !== null);
}

/**
 * One exam question from a unit, in the CCP format (single answer or multiple
 * response): a definition is asked one way or the other, a number as a
 * single-answer question among nearby numbers, a list as "Choose TWO".
 */
export function examQuestionOfUnit(known: Knowledge, unit: Unit, seed: string): Question | null {
  const rng = unitRng(seed, unit, 'single');
  switch (unit.type) {
    case 'definition':
      return rng.next() < 0.5 ? definitionQuestion(known, unit, rng) : termQuestion(known, unit, rng);
    case 'gap':
      if (unit.gapKind !== 'number') return termGapQuestion(known, unit, rng);
      // The exam has no separate numeric kind: the same options, asked as a single answer.
      return numberGapQuestion(known, unit, rng, 'single');
    case 'list':
      return multipleQuestion(known, unit, unitRng(seed, unit, 'multiple'));
    default:
      return null;
  }
}

/** Whether a unit can give an exam question. */
export function examUnit(unit: Unit): boolean {
  return unit.type === 'definition' || unit.type === 'gap' || unit.type === 'list';
}
