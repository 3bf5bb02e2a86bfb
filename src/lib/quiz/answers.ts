/** Checking a learner's response, and the scaled score of an exam. */
import { normalizeAnswer, stripPrefix } from './normalize.ts';
import type { Question, Response } from './types.ts';

/** A typed answer as compared: `normalizeAnswer`, with the `AWS`/`Amazon` prefix and a leading article optional. */
function typedKey(text: string): string {
  return normalizeAnswer(stripPrefix(text));
}

/**
 * Whether `response` answers `question` correctly. A multiple-response
 * question needs exactly its answers (no partial credit, as on the exam); a
 * matching question needs every pair; a typed cloze accepts any `accepted`
 * answer up to case, spacing, punctuation, simple plurals and an optional
 * `AWS`/`Amazon` prefix. A response of the wrong shape is wrong.
 *
 * @example checkAnswer(cloze, 'cloud trails') // true when 'CloudTrail' is accepted
 */
export function checkAnswer(question: Question, response: Response): boolean {
  switch (question.kind) {
    case 'single':
    case 'numeric':
    case 'not':
      return typeof response === 'string' && response === question.answer;
    case 'multiple':
      return Array.isArray(response) && new Set(response).size === response.length && response.length === question.answers.length && response.every((id) => question.answers.includes(id));
    case 'true-false':
      return typeof response === 'boolean' && response === question.answer;
    case 'matching': {
      if (typeof response !== 'object' || response === null || Array.isArray(response)) return false;
      const given = response as Record<string, string>;
      return question.terms.every((t) => given[t.id] !== undefined && given[t.id] === question.pairs[t.id]);
    }
    case 'cloze': {
      if (typeof response !== 'string' || response.trim() === '') return false;
      const key = typedKey(response);
      return question.accepted.some((a) => typedKey(a) === key);
    }
  }
}

/**
 * A score from 100 to 1000, 700 to pass, like the CCP score report. The
 * formula is linear: `100 + 900 * correct / total`, rounded, so passing needs
 * two thirds of the questions (44 of 65). AWS scales scores with a model it
 * does not publish (it equates exam forms of different difficulty and leaves
 * unscored questions out), so this is an estimate, not the exam's own score.
 *
 * @example scaledScore(44, 65) // { score: 709, passed: true }
 */
export function scaledScore(correct: number, total: number): { score: number; passed: boolean } {
  if (!(total > 0)) return { score: 100, passed: false };
  const right = Math.min(Math.max(0, correct), total);
  const score = Math.round(100 + (900 * right) / total);
  return { score, passed: score >= 700 };
}
