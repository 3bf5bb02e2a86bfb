/** Answers in words, for the feedback and the results list. */
import type { Question, Response } from '../../lib/quiz/index.ts';

/** An option as the screen shows it, with the key that picks it: `1`..`6`, or `T` / `F`. */
export interface Choice {
  id: string;
  text: string;
  key: string;
}

const optionText = (options: { id: string; text: string }[], id: string): string => options.find((o) => o.id === id)?.text ?? id;

/** What the kind asks for, shown above the options. */
export const KIND_LABEL: Record<Question['kind'], string> = {
  single: 'Single answer',
  numeric: 'Single answer',
  not: 'Single answer',
  multiple: 'Multiple response',
  'true-false': 'True or false',
  matching: 'Matching',
  cloze: 'Type the answer',
};

/** The right answer(s), one line each: option texts, True/False, `term → definition`, or the accepted words. */
export function correctAnswerLines(question: Question): string[] {
  switch (question.kind) {
    case 'single':
    case 'numeric':
    case 'not':
      return [optionText(question.options, question.answer)];
    case 'multiple':
      return question.answers.map((id) => optionText(question.options, id));
    case 'true-false':
      return [question.answer ? 'True' : `False (${question.falseBecause ?? 'not what your notes say'})`];
    case 'matching':
      return question.terms.map((t) => `${t.text} → ${optionText(question.definitions, question.pairs[t.id] ?? '')}`);
    case 'cloze':
      return [question.accepted.join(' or ')];
  }
}

/** The learner's response in the same words. */
export function responseLines(question: Question, response: Response): string[] {
  switch (question.kind) {
    case 'single':
    case 'numeric':
    case 'not':
      return [optionText(question.options, String(response))];
    case 'multiple':
      return (Array.isArray(response) ? response : []).map((id) => optionText(question.options, id));
    case 'true-false':
      return [response === true ? 'True' : 'False'];
    case 'matching': {
      const given = typeof response === 'object' && !Array.isArray(response) ? response : {};
      return question.terms.map((t) => {
        const id = given[t.id];
        return `${t.text} → ${id ? optionText(question.definitions, id) : '(none)'}`;
      });
    }
    case 'cloze':
      return [String(response)];
  }
}

/** The question as one line: the statement of a true-or-false, the prompt of a typed answer, else the stem. */
export function questionLine(question: Question): string {
  if (question.kind === 'true-false') return question.statement;
  if (question.kind === 'cloze') return question.prompt;
  return question.stem;
}
