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
export {
  buildQueue,
  startOfStudyDay,
  endOfStudyDay,
  countToday,
  unreadCannotChange,
  type QueueFilter,
  type QueueCard,
  type DayCounts,
  type StudyQueue,
  type UnreadProgress,
} from './queue.ts';
