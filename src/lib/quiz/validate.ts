/**
 * The validator every generated question passes: the key is true, no
 * distractor is true for the same stem, options do not repeat, and the counts
 * fit the kind. "True" means what the notes say (the `TruthIndex` built from
 * every fact of the vault): a quiz can only be as right as its notes.
 */
import { containsWords, contentTokens, optionKey, statementKey, stripPrefix } from './normalize.ts';
import type { Question, QuizOption, TruthIndex } from './types.ts';

const GAP = '[...]';
const LETTERS = ['a', 'b', 'c', 'd', 'e', 'f'];

/** `prompt` with its `[...]` replaced by `text`. */
export function fillGap(prompt: string, text: string): string {
  return prompt.replace(GAP, text);
}

/**
 * The fact that may make `required` true in the same sense as `remainder`: a
 * fact that names every required token and shares at least half of the
 * remainder's. Catches a distractor the notes state elsewhere in other words
 * (`Amazon EventBridge` for "[...] monitors AWS backup API calls", when another
 * note says the API calls reach EventBridge). Returns its index, or -1.
 */
export function supportingFact(truths: TruthIndex, required: readonly string[], remainder: readonly string[], threshold = 0.5): number {
  const need = [...new Set(required)];
  const rest = [...new Set(remainder)].filter((t) => !need.includes(t));
  if (need.length === 0 || rest.length < 2) return -1;
  let postings: number[] | undefined;
  for (const token of need) {
    const list = truths.tokenFacts.get(token);
    if (!list) return -1;
    if (!postings || list.length < postings.length) postings = list;
  }
  for (const index of postings ?? []) {
    const tokens = truths.factTokens[index];
    if (!tokens || !need.every((t) => tokens.has(t))) continue;
    const shared = rest.filter((t) => tokens.has(t)).length;
    if (shared / rest.length >= threshold) return index;
  }
  return -1;
}

/**
 * What the notes put in the gap of `prompt`: every fact that reads as the
 * prompt with something in place of `[...]` (`Amazon SNS` and `Amazon SES` for
 * "[...] sends email notifications"), as statement keys.
 */
export function gapFillers(truths: TruthIndex, prompt: string): string[] {
  const at = prompt.indexOf(GAP);
  const before = statementKey(prompt.slice(0, at));
  const after = statementKey(prompt.slice(at + GAP.length));
  // Every filling fact holds every word around the gap; the rarest word's facts are the only candidates.
  let postings: number[] | undefined;
  for (const token of contentTokens(`${prompt.slice(0, at)} ${prompt.slice(at + GAP.length)}`)) {
    const list = truths.tokenFacts.get(token) ?? [];
    if (!postings || list.length < postings.length) postings = list;
  }
  const fillers: string[] = [];
  for (const index of postings ?? truths.factKeys.keys()) {
    const key = truths.factKeys[index] ?? '';
    const head = before === '' ? '' : `${before} `;
    const tail = after === '' ? '' : ` ${after}`;
    if (key.length > head.length + tail.length && key.startsWith(head) && key.endsWith(tail)) fillers.push(key.slice(head.length, key.length - tail.length).trim());
  }
  return fillers;
}

/**
 * Why `option` must not fill the gap of `prompt`, or null when it is a fair
 * distractor. `noteTitle` is the note the prompt comes from: a note's facts are
 * all implicitly about its subject, so its subject is never a wrong answer there.
 */
export function gapOptionProblem(truths: TruthIndex, prompt: string, option: string, noteTitle = ''): string | null {
  if (noteTitle && optionKey(option) === optionKey(noteTitle)) return `"${option}" is what the note is about`;
  const filled = statementKey(fillGap(prompt, option));
  if (truths.statements.has(filled)) return `"${option}" makes a true fact: ${fillGap(prompt, option)}`;
  const at = prompt.indexOf(GAP);
  const before = prompt.slice(0, at);
  const after = prompt.slice(at + GAP.length);
  if (!/^\d/.test(option.trim()) && containsWords(`${before} ${after}`, option)) return `"${option}" is already in the stem`;
  if (!/^\d/.test(option.trim())) {
    const index = supportingFact(truths, contentTokens(option), contentTokens(`${before} ${after}`));
    if (index >= 0) return `the notes may say this of "${option}" too (${[...(truths.factTokens[index] ?? [])].join(' ')})`;
  }
  return null;
}

/**
 * Why `statement`, made from the true `original`, is not a sound false
 * statement, or null: the notes say it, another fact may make it true (the
 * words it brings in appear there with most of the rest), or it brings in the
 * note's own subject (in the CloudWatch note, "CloudWatch sends ..." is half true).
 */
export function falseStatementProblem(truths: TruthIndex, statement: string, original: string, noteTitle = ''): string | null {
  if (truths.statements.has(statementKey(statement))) return `"${statement}" is marked false but the notes say it`;
  if (statementKey(statement) === statementKey(original)) return 'the false statement is the original';
  if (noteTitle && containsWords(statement, stripPrefix(noteTitle)) && !containsWords(original, stripPrefix(noteTitle))) return `"${statement}" brings in the note's own subject`;
  const before = new Set(contentTokens(original));
  const tokens = contentTokens(statement);
  const introduced = tokens.filter((t) => !before.has(t));
  const index = supportingFact(truths, introduced, tokens.filter((t) => !introduced.includes(t)));
  if (index >= 0) return `the notes may make "${statement}" true (${[...(truths.factTokens[index] ?? [])].join(' ')})`;
  return null;
}

/** Why `option` must not stand as an item from elsewhere in the list `lead`, or null. */
export function listOptionProblem(truths: TruthIndex, lead: string, option: string): string | null {
  const items = truths.lists.get(statementKey(lead));
  if (!items) return `no list "${lead}" in the notes`;
  const key = statementKey(option);
  if (items.has(key)) return `"${option}" is in the list "${lead}"`;
  for (const item of items) {
    if (containsWords(item, option) || containsWords(option, item)) return `"${option}" overlaps the list item "${item}"`;
  }
  return null;
}

function isListItem(truths: TruthIndex, lead: string, option: string): boolean {
  return truths.lists.get(statementKey(lead))?.has(statementKey(option)) ?? false;
}

function hasDefinition(truths: TruthIndex, term: string, definition: string): boolean {
  return truths.definitions.get(statementKey(term))?.has(statementKey(definition)) ?? false;
}

function optionProblems(options: QuizOption[], ids: readonly string[], what = 'option'): string[] {
  const problems: string[] = [];
  if (options.some((o, i) => o.id !== ids[i])) problems.push(`${what} ids must be ${ids.slice(0, options.length).join(', ')}`);
  if (options.some((o) => o.text.trim() === '')) problems.push(`an ${what} is empty`);
  const keys = options.map((o) => optionKey(o.text));
  if (new Set(keys).size !== keys.length) problems.push(`${what}s repeat after normalising: ${options.map((o) => o.text).join(' | ')}`);
  return problems;
}

/**
 * Reasons `question` is not fit to ask; `[]` when it is valid. Checks the
 * shape (counts, ids, a key among the options), the source (known facts,
 * quoted verbatim) and the truth of every option against `truths`.
 *
 * @example validateQuestion(question, buildTruthIndex(vault)) // [] or ['"10" makes a true fact: ...']
 */
export function validateQuestion(q: Question, truths: TruthIndex): string[] {
  const problems: string[] = [];
  if (!q.id) problems.push('no id');
  if (!q.stem.trim()) problems.push('no stem');
  if (q.factIds.length === 0) problems.push('no source facts');
  for (const id of q.factIds) {
    const text = truths.factText.get(id);
    if (text === undefined) problems.push(`unknown fact ${id}`);
    else if (!q.explanation.quote.includes(text)) problems.push(`the explanation does not quote fact ${id}`);
  }
  if (q.explanation.factIds.join('|') !== q.factIds.join('|')) problems.push('the explanation cites other facts');
  const basis = q.basis;

  switch (q.kind) {
    case 'single':
    case 'numeric':
    case 'not': {
      if (q.options.length !== 4) problems.push(`${q.options.length} options, not 4`);
      problems.push(...optionProblems(q.options, LETTERS));
      const key = q.options.find((o) => o.id === q.answer);
      if (!key) {
        problems.push(`the key "${q.answer}" is not among the options`);
        break;
      }
      const distractors = q.options.filter((o) => o !== key);
      if (q.kind === 'not') {
        if (basis.type !== 'list') {
          problems.push('a NOT question must come from a list');
          break;
        }
        const listProblem = listOptionProblem(truths, basis.lead, key.text);
        if (listProblem) problems.push(`the odd one out is not odd: ${listProblem}`);
        for (const o of distractors) if (!isListItem(truths, basis.lead, o.text)) problems.push(`"${o.text}" is not in the list "${basis.lead}", so two options are NOT in it`);
        break;
      }
      if (basis.type === 'gap') {
        if (!truths.statements.has(statementKey(fillGap(basis.prompt, key.text)))) problems.push(`the key "${key.text}" does not make a fact: ${fillGap(basis.prompt, key.text)}`);
        for (const o of distractors) {
          const problem = gapOptionProblem(truths, basis.prompt, o.text, q.explanation.noteTitle);
          if (problem) problems.push(problem);
        }
        if (q.kind === 'numeric' && q.options.some((o) => !/^\d/.test(o.text.trim()))) problems.push('a numeric question has an option that is not a number');
      } else if (basis.type === 'definition' && q.kind === 'single') {
        if (!hasDefinition(truths, basis.term, key.text)) problems.push(`the key is not a definition of "${basis.term}"`);
        for (const o of distractors) {
          if (hasDefinition(truths, basis.term, o.text) || truths.statements.has(statementKey(`${basis.term}: ${o.text}`))) problems.push(`"${o.text}" also defines "${basis.term}"`);
        }
      } else if (basis.type === 'term' && q.kind === 'single') {
        if (!hasDefinition(truths, key.text, basis.definition)) problems.push(`"${key.text}" is not defined as "${basis.definition}"`);
        for (const o of distractors) if (hasDefinition(truths, o.text, basis.definition)) problems.push(`"${o.text}" is also defined as "${basis.definition}"`);
      } else {
        problems.push(`a ${q.kind} question cannot rest on a ${basis.type} basis`);
      }
      break;
    }
    case 'multiple': {
      if (q.options.length < 5) problems.push(`${q.options.length} options, not 5 or more`);
      problems.push(...optionProblems(q.options, LETTERS));
      const ids = new Set(q.options.map((o) => o.id));
      if (q.answers.length < 2 || q.answers.length > 3) problems.push(`${q.answers.length} answers, not 2 or 3`);
      if (new Set(q.answers).size !== q.answers.length) problems.push('an answer repeats');
      if (q.choose !== q.answers.length) problems.push(`choose ${q.choose} but ${q.answers.length} answers`);
      for (const a of q.answers) if (!ids.has(a)) problems.push(`the key "${a}" is not among the options`);
      if (basis.type !== 'list') {
        problems.push('a multiple-response question must come from a list');
        break;
      }
      for (const o of q.options) {
        if (q.answers.includes(o.id)) {
          if (!isListItem(truths, basis.lead, o.text)) problems.push(`the key "${o.text}" is not in the list "${basis.lead}"`);
        } else {
          const problem = listOptionProblem(truths, basis.lead, o.text);
          if (problem) problems.push(problem);
        }
      }
      break;
    }
    case 'true-false': {
      if (basis.type !== 'statement') {
        problems.push('a true-or-false question must come from a statement');
        break;
      }
      if (!truths.statements.has(statementKey(basis.original))) problems.push(`the original "${basis.original}" is not in the notes`);
      if (q.answer) {
        if (!truths.statements.has(statementKey(q.statement))) problems.push(`"${q.statement}" is marked true but the notes do not say it`);
      } else {
        if (!q.falseBecause) problems.push('a false statement must say what was changed');
        const problem = falseStatementProblem(truths, q.statement, basis.original, q.explanation.noteTitle);
        if (problem) problems.push(problem);
      }
      break;
    }
    case 'matching': {
      if (q.terms.length < 3 || q.terms.length > 5) problems.push(`${q.terms.length} terms, not 3 to 5`);
      if (q.definitions.length !== q.terms.length) problems.push('as many definitions as terms are needed');
      problems.push(...optionProblems(q.terms, LETTERS, 'term'));
      problems.push(...optionProblems(q.definitions, ['1', '2', '3', '4', '5'], 'definition'));
      const definitionById = new Map(q.definitions.map((d) => [d.id, d.text]));
      const used = Object.values(q.pairs);
      if (new Set(used).size !== used.length || used.length !== q.terms.length) problems.push('the pairs are not one to one');
      for (const term of q.terms) {
        const paired = q.pairs[term.id];
        const definition = paired === undefined ? undefined : definitionById.get(paired);
        if (definition === undefined) {
          problems.push(`"${term.text}" has no definition`);
          continue;
        }
        if (!hasDefinition(truths, term.text, definition)) problems.push(`"${definition}" is not what the notes say of "${term.text}"`);
        for (const other of q.definitions) {
          if (other.id !== paired && hasDefinition(truths, term.text, other.text)) problems.push(`"${term.text}" fits two definitions`);
        }
      }
      break;
    }
    case 'cloze': {
      if (q.prompt.split(GAP).length !== 2) problems.push('the prompt must hold one [...]');
      const first = q.accepted[0];
      if (first === undefined) {
        problems.push('no accepted answer');
        break;
      }
      if (basis.type !== 'gap' || basis.prompt !== q.prompt) problems.push('a cloze must rest on its own gap');
      if (!truths.statements.has(statementKey(fillGap(q.prompt, first)))) problems.push(`"${first}" does not make a fact`);
      const fillers = gapFillers(truths, q.prompt);
      const accepted = new Set(q.accepted.map(statementKey));
      for (const filler of fillers) if (!accepted.has(filler)) problems.push(`the notes also give "${filler}" for this gap`);
      break;
    }
  }
  return problems;
}
