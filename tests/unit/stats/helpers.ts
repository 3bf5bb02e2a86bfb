/** Hand-made cards, progress and review records for the stats tests. */
import type { StudyCard } from '../../../src/lib/cards/types.ts';
import type { CardProgress, CardStateName, Grade, MemoryState, ReviewRecord } from '../../../src/lib/srs/types.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function card(id: string, noteId: string, sectionId: string, path: string[], extra: Partial<StudyCard> = {}): StudyCard {
  return {
    id,
    kind: 'definition',
    noteId,
    noteTitle: noteId,
    sectionId,
    path,
    factIds: [`${id}-fact`],
    prompt: `prompt of ${id}`,
    answer: `answer of ${id}`,
    context: [],
    tags: [],
    ...extra,
  };
}

export function memory(state: CardStateName, due: number, patch: Partial<MemoryState> = {}): MemoryState {
  return {
    due,
    stability: state === 'new' ? 0 : 5,
    difficulty: state === 'new' ? 0 : 5,
    elapsedDays: 0,
    scheduledDays: state === 'review' ? 5 : 0,
    learningSteps: 0,
    reps: state === 'new' ? 0 : 3,
    lapses: 0,
    state,
    lastReview: state === 'new' ? null : due - 5 * DAY,
    ...patch,
  };
}

export function progress(cardId: string, state: CardStateName, due: number, flags: Partial<CardProgress> = {}, patch: Partial<MemoryState> = {}): CardProgress {
  return { cardId, memory: memory(state, due, patch), suspended: false, leech: false, retired: false, addedAt: due - 30 * DAY, ...flags };
}

export function byId(entries: CardProgress[]): Map<string, CardProgress> {
  return new Map(entries.map((p) => [p.cardId, p]));
}

export function record(cardId: string, review: number, grade: Grade, before: CardStateName): ReviewRecord {
  return {
    uid: `${cardId}@${review}`,
    cardId,
    grade,
    review,
    before: memory(before, review),
    state: grade === 1 ? 'relearning' : 'review',
    due: review + DAY,
    stability: 5,
    difficulty: 5,
    elapsedDays: 1,
    lastElapsedDays: 1,
    scheduledDays: 1,
    learningSteps: 0,
    madeLeech: false,
    wasSuspended: false,
  };
}
