/** Flashcards generated from facts. */
export type * from './types.ts';
export { generateCards, generateNoteCards } from './generate.ts';
export { reconcileCards, type Reconciliation } from './reconcile.ts';
export { toAnkiText } from './anki.ts';
