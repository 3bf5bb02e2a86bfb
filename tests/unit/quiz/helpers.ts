/**
 * Shared by the quiz tests: the shipped notes as a vault, a synthetic vault of
 * any size, and an independent check of a question against the facts (written
 * without the generator's normalisation, so a bug there cannot hide itself).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { generateCards } from '../../../src/lib/cards/index.ts';
import { buildVault, type NoteFile } from '../../../src/lib/content/index.ts';
import type { Vault } from '../../../src/lib/content/types.ts';
import type { Question } from '../../../src/lib/quiz/index.ts';

export const USER_NOTE = 'storage-aws-backup';

export function contentFiles(dir = 'content'): NoteFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => ({ path: f, text: readFileSync(`${dir}/${f}`, 'utf8') }));
}

/** The three notes the app ships with. */
export const shippedVault = (): Vault => buildVault(contentFiles());

/** The user's note alone. */
export const userVault = (): Vault => buildVault([{ path: `${USER_NOTE}.md`, text: readFileSync(`content/${USER_NOTE}.md`, 'utf8') }]);

// `cloud-concepts` and `security` in a tag put a note in those exam domains; pricing sections are billing.
const CATEGORIES = ['storage', 'compute', 'security', 'database', 'cloud-concepts', 'analytics'];

/**
 * A vault of `notes` synthetic service notes, 20 facts each: term headings with
 * definitions, limits, services that monitor things, a pricing list, an
 * inline list and can/cannot rules, so every kind of question has material.
 */
export function syntheticVault(notes: number): Vault {
  const files: NoteFile[] = [];
  // A heading with a digit is not a term heading, so names are spelled in letters: 0 -> 'aaa', 1 -> 'aab', ...
  const letters = (n: number): string => [Math.floor(n / 676) % 26, Math.floor(n / 26) % 26, n % 26].map((d) => String.fromCharCode(97 + d)).join('');
  for (let n = 0; n < notes; n++) {
    const i = letters(n);
    const category = CATEGORIES[n % CATEGORIES.length] ?? 'storage';
    const other = (k: number): string => `Service${letters((n + k) % notes).toUpperCase()}`;
    files.push({
      path: `synthetic-${n}.md`,
      text: `# AWS Service${i.toUpperCase()}
- **key insights:**
\t- manages widget${i} resources for ${category} workloads
## concepts
### widget${i} pool
- container; stores/organizes widget${i} items
- max of ${(n % 9) + 2} widget${i} pools per account
- can share widget${i} pools across AWS accounts
### gadget${i} rule
- policy expression; decides when gadget${i} items expire
- keeps gadget${i} items for up to ${(n % 5) * 30 + 30} days
- deleting a gadget${i} rule requires removing its targets
### sprocket${i} plan
- set of controls for checking sprocket${i} jobs
- sprocket${i} plans can be created with API, CLI, SDK, or console
## monitoring
- Amazon ${other(1)} tracks widget${i} metrics and alarms
- AWS ${other(2)} records widget${i} API calls
- AWS ${other(3)} sends widget${i} notifications
## pricing
- charged for
\t- widget${i} storage used
\t- widget${i} requests served
\t- data transferred out of ${category} widget${i} pools
## Tags
- #aws-ccp-exam-notes/services/${category}/service${i}
`,
    });
  }
  return buildVault(files);
}

const norm = (text: string): string => text.toLowerCase().replace(/\s+/g, ' ').replace(/[\s.;,:]+$/, '').trim();
const stripColon = (text: string): string => text.replace(/\s*:\s*$/, '').trim();

/** What the notes state, read directly from the vault. */
export interface Facts {
  /** Every fact text, and `heading: fact` for every fact under a heading. */
  statements: Set<string>;
  /** `term\u0000definition` for the flashcards' definitions, every `heading: fact`, and facts that start with a term. */
  pairs: Set<string>;
}

export function factsOf(vault: Vault): Facts {
  const statements = new Set<string>();
  const pairs = new Set<string>();
  for (const note of vault.notes) {
    const sections = new Map(note.sections.map((s) => [s.id, s]));
    for (const fact of note.facts) {
      statements.add(norm(fact.text));
      const section = sections.get(fact.sectionId);
      if (section && section.id !== 'top') {
        statements.add(norm(`${stripColon(section.title)}: ${fact.text}`));
        pairs.add(`${norm(stripColon(section.title))}\u0000${norm(fact.text)}`);
      }
    }
  }
  for (const card of generateCards(vault)) {
    const term = /^What (?:is|are) (?:(?:an?|the) )?(.+)\?$/.exec(card.prompt)?.[1];
    if (card.kind === 'definition' && term) pairs.add(`${norm(term)}\u0000${norm(card.answer)}`);
  }
  return { statements, pairs };
}

/** `fact` read as `term` + what it says of it: `CloudTrail monitors AWS backup API calls`. */
function startsWithPair(facts: Facts, term: string, definition: string): boolean {
  return facts.statements.has(norm(`${term} ${definition}`));
}

const isPair = (facts: Facts, term: string, definition: string): boolean =>
  facts.pairs.has(`${norm(term)}\u0000${norm(definition)}`) || startsWithPair(facts, term, definition) || facts.statements.has(norm(`${term}: ${definition}`));

/** Whole-word, case-insensitive containment. */
const mentions = (text: string, item: string): boolean => new RegExp(`(^|[^\\p{L}\\p{N}])${item.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`, 'u').test(text.toLowerCase());

/**
 * Why a question is ambiguous or wrong when read against the facts alone, or
 * [] when exactly one answer is right:
 * - a gap: exactly one option turns the prompt into a fact;
 * - a definition: exactly one option is stated of the term (any fact under a
 *   heading counts as stated of it, so a sibling fact cannot be a distractor);
 * - a list: every key is in the quoted list, no distractor is;
 * - true or false: a true statement is a fact; a false one is not, says what
 *   changed, and is the quoted fact with one stretch of it changed;
 * - matching: every pair is stated, and no term is stated of two definitions;
 * - a typed cloze: the accepted answer turns the prompt into a fact.
 */
export function ambiguity(question: Question, facts: Facts): string[] {
  const problems: string[] = [];
  const fill = (prompt: string, text: string): string => norm(prompt.replace('[...]', text));
  const quote = question.explanation.quote;
  switch (question.kind) {
    case 'single':
    case 'numeric':
    case 'not': {
      const texts = question.options.map((o) => o.text);
      if (new Set(texts.map(norm)).size !== texts.length) problems.push('options repeat');
      const key = question.options.find((o) => o.id === question.answer);
      if (!key) return ['no key'];
      if (question.kind === 'not') {
        if (mentions(quote, key.text)) problems.push(`the odd one out "${key.text}" is in the list`);
        for (const o of question.options) if (o !== key && !mentions(quote, o.text)) problems.push(`"${o.text}" is not in the list either`);
        break;
      }
      const basis = question.basis;
      if (basis.type === 'gap') {
        const right = texts.filter((t) => facts.statements.has(fill(basis.prompt, t)));
        if (right.length !== 1 || right[0] !== key.text) problems.push(`options that make a fact: ${right.join(', ') || 'none'}`);
      } else if (basis.type === 'definition') {
        const right = texts.filter((t) => isPair(facts, basis.term, t));
        if (right.length !== 1 || right[0] !== key.text) problems.push(`definitions of "${basis.term}" among the options: ${right.join(' | ') || 'none'}`);
      } else if (basis.type === 'term') {
        const right = texts.filter((t) => isPair(facts, t, basis.definition));
        if (right.length !== 1 || right[0] !== key.text) problems.push(`terms defined so: ${right.join(', ') || 'none'}`);
      } else problems.push(`unexpected basis ${basis.type}`);
      break;
    }
    case 'multiple': {
      if (question.options.length < 5) problems.push('fewer than 5 options');
      if (question.answers.length !== question.choose) problems.push('choose differs from the answers');
      for (const o of question.options) {
        const inList = mentions(quote, o.text);
        if (question.answers.includes(o.id) && !inList) problems.push(`key "${o.text}" is not in the list`);
        if (!question.answers.includes(o.id) && inList) problems.push(`distractor "${o.text}" is in the list`);
      }
      break;
    }
    case 'true-false': {
      const stated = facts.statements.has(norm(question.statement));
      if (question.answer !== stated) problems.push(`"${question.statement}" is ${stated ? 'stated' : 'not stated'} but marked ${question.answer}`);
      if (!question.answer) {
        if (!question.falseBecause) problems.push('no falseBecause');
        const original = quote.split('\n').find((line) => {
          let start = 0;
          while (start < line.length && line[start] === question.statement[start]) start++;
          let end = 0;
          while (end < line.length - start && line[line.length - 1 - end] === question.statement[question.statement.length - 1 - end]) end++;
          // One changed stretch: what is left between the common start and end is short.
          return start + end >= Math.min(line.length, question.statement.length) - 40;
        });
        if (!original) problems.push(`"${question.statement}" is not the quoted fact with one change`);
      }
      break;
    }
    case 'matching': {
      const definitionById = new Map(question.definitions.map((d) => [d.id, d.text]));
      for (const term of question.terms) {
        const mine = definitionById.get(question.pairs[term.id] ?? '') ?? '';
        if (!isPair(facts, term.text, mine)) problems.push(`"${term.text}" -> "${mine}" is not stated`);
        for (const d of question.definitions) if (d.text !== mine && isPair(facts, term.text, d.text)) problems.push(`"${term.text}" fits "${d.text}" too`);
      }
      break;
    }
    case 'cloze': {
      const first = question.accepted[0] ?? '';
      if (!facts.statements.has(fill(question.prompt, first))) problems.push(`"${first}" does not make a fact`);
      break;
    }
  }
  return problems;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
