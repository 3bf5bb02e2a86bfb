/** Instructor drills: build, share as a link or file, take offline, collect and read the results. */
export type * from './types.ts';
export { DRILL_FORMAT, DRILL_VERSION, RESULT_FORMAT, RESULT_VERSION } from './types.ts';
export { drillSchema, resultSchema, questionSchema, responseSchema, cleanStudentName, MAX_QUESTIONS, MAX_TITLE, MAX_INSTRUCTIONS, MAX_STUDENT, MAX_MINUTES, MAX_ANSWER_MS } from './schema.ts';
export {
  encodeDrill,
  decodeDrill,
  drillCodeOf,
  drillHref,
  drillFileText,
  parseDrillFile,
  openDrill,
  encodeResult,
  decodeResult,
  resultFileText,
  parseResultFile,
  resultChecksum,
  canonicalJson,
  codesSupported,
  CODE_COMPRESSION,
  MAX_CODE_CHARS,
  MAX_JSON_BYTES,
  DRILL_CODE_PREFIX,
  RESULT_CODE_PREFIX,
} from './codec.ts';
export { buildDrill, drillIdFromSeed, drillQuestionOrder, drillDeadline, type DrillOptions, type BuildDrillResult } from './build.ts';
export {
  makeResult,
  collectResults,
  resultTable,
  latestAttempts,
  questionDifficulty,
  topicWeakness,
  resultsCsv,
  csvCell,
  studentKey,
  type AttemptTimes,
  type Collected,
  type CollectProblem,
  type ResultRow,
  type QuestionStat,
  type TopicStat,
} from './results.ts';
