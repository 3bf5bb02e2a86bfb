/** Spaced repetition on ts-fsrs: scheduling, undo, leeches and the daily study queue. */
export type * from './types.ts';
export { DEFAULT_SRS_SETTINGS, SrsError } from './types.ts';
export {
  createScheduler,
  newProgress,
  suspend,
  unsuspend,
  formatInterval,
  fsrsParameters,
  fuzzSeed,
  toFsrsCard,
  fromFsrsCard,
  GRADES,
  type Scheduler,
  type GradePreview,
} from './scheduler.ts';
export { buildQueue, startOfStudyDay, countToday, type QueueFilter, type QueueCard, type DayCounts, type StudyQueue } from './queue.ts';
