/** Quizzes and practice exams generated from facts: seeded, validated against the notes. */
export type * from './types.ts';
export { QUESTION_KINDS, QUESTION_FAMILIES } from './types.ts';
export { generateQuestions } from './generate.ts';
export { buildQuiz, buildExam, examMinutes, EXAM_QUESTIONS, EXAM_MINUTES } from './quiz.ts';
export { checkAnswer, scaledScore } from './answers.ts';
export { normalizeAnswer } from './normalize.ts';
export { validateQuestion } from './validate.ts';
export { buildTruthIndex } from './knowledge.ts';
export { familyOf } from './families.ts';
export { createRng, type Rng } from './rng.ts';
