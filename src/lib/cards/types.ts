/** Flashcards generated from facts. A tagged union by `kind`, like the content model. */

export type CardKind = 'definition' | 'cloze-number' | 'cloze-term' | 'cloze-list' | 'list-recall';

/** What the learner sees on each side; `cloze` holds the gap for cloze cards. */
export interface StudyCard {
  /**
   * Stable: built from the kind, the ids of the source facts and (for a cloze)
   * the hidden text, so a card keeps its progress while those facts are unchanged.
   */
  id: string;
  kind: CardKind;
  noteId: string;
  noteTitle: string;
  sectionId: string;
  /** Heading path of the section the card comes from. */
  path: string[];
  /** Source facts, in note order. */
  factIds: string[];
  /** The question side, with `[...]` where a cloze gap is. */
  prompt: string;
  /** The answer side. */
  answer: string;
  /** For list-recall cards: the items to name. */
  items?: string[];
  /** For cloze cards: the fact split around the gap. */
  cloze?: { before: string; gap: string; after: string };
  /** Texts of parent facts that give the prompt its meaning. */
  context: string[];
  tags: string[];
}
