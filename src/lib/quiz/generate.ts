/**
 * The question bank of a vault: every valid question its facts support,
 * filtered by note, section, tag and kind, in a seeded order.
 */
import type { Vault } from '../content/types.ts';
import { questionsOfUnit } from './build.ts';
import { knowledgeOf, type Unit } from './knowledge.ts';
import { createRng } from './rng.ts';
import { QUESTION_KINDS, type Question, type QuestionFilter } from './types.ts';
import { validateQuestion } from './validate.ts';

const bareTag = (tag: string): string => tag.replace(/^#/, '').toLowerCase();

/** Whether a unit is inside the notes, sections and tags a filter names. */
export function unitMatches(unit: Unit, filter: QuestionFilter): boolean {
  if (filter.noteIds?.length && !filter.noteIds.includes(unit.note.id)) return false;
  const keys = filter.sectionKeys;
  if (keys?.length && !unit.scope.some((k) => keys.includes(k))) return false;
  const tags = filter.tags?.map(bareTag);
  if (tags?.length && !unit.note.tags.some((t) => tags.some((f) => bareTag(t) === f || bareTag(t).startsWith(`${f}/`)))) return false;
  return true;
}

/**
 * Every valid question the filtered facts support, in an order drawn from
 * `seed`. Distractors come from the whole vault, whatever the filter, and every
 * question has passed `validateQuestion` against all of the vault's facts.
 * The same seed gives deep-equal output; another seed gives another order and
 * other options.
 *
 * @example generateQuestions(vault, { seed: 'topic-quiz', noteIds: ['storage-aws-backup'], kinds: ['true-false'] })
 */
export function generateQuestions(vault: Vault, options: QuestionFilter & { seed: string }): Question[] {
  const known = knowledgeOf(vault);
  const kinds = new Set(options.kinds?.length ? options.kinds : QUESTION_KINDS);
  const seen = new Set<string>();
  const out: Question[] = [];
  for (const unit of known.units) {
    if (!unitMatches(unit, options)) continue;
    for (const question of questionsOfUnit(known, unit, kinds, options.seed)) {
      if (seen.has(question.id) || validateQuestion(question, known.truths).length > 0) continue;
      seen.add(question.id);
      out.push(question);
    }
  }
  return createRng(`${options.seed}\u0000order`).shuffle(out);
}
