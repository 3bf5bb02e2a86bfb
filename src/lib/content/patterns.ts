/**
 * How these notes announce things, shared by the card generator and the quiz
 * generator so both read a note the same way.
 */

/** Longest list that makes a "name them all" card or question. */
export const MAX_LIST = 7;
/** Longest list item, in words, worth recalling word for word. */
export const MAX_ITEM_WORDS = 14;

/**
 * A table row's cells become cloze cards for its first this many columns only.
 * Each such card shows the whole row, so a row of 10,000 cells would make
 * 10,000 cards of 10,000 cells each; the parser warns (`table-wide`) when a
 * table is wider. Every cell is still shown and is still part of the row's text.
 */
export const MAX_CLOZE_COLUMNS = 32;

/**
 * The most facts, sections and quotes one note is read for. Notes as these
 * are written hold about 14 a kilobyte (the largest shipped one: 205 in 15 KB),
 * so a note at the 1 MB cap holds some 14,000; 500,000 one-letter lines would
 * take seconds (each fact is an object with its id and text). Lines past the
 * cap are not read, and the parser warns (`note-capped`) from which line.
 */
export const MAX_NOTE_PARTS = 50_000;

/** Headings that name a part of a note rather than a thing to define. */
export const GENERIC_HEADINGS = new Set([
  'overview', 'features', 'key features', 'pricing', 'monitoring', 'security', 'concepts', 'limits', 'key insights',
  'summary', 'use cases', 'use case', 'components', 'recommendations', 'benefits', 'key benefits', 'notes', 'details',
  'general', 'misc', 'other', 'introduction', 'basics', 'how it works', 'compared with', 'comparison', 'examples',
]);

/** `object: file + optional metadata`: a short term, a colon, its definition. */
export const TERM_COLON = /^([^:;]{1,40}?):\s+(.+)$/;

/** A parent line that introduces the list under it (`charged for`, `2 types:`). */
export const ANNOUNCES_LIST = /(:$|\b(types?|kinds?|include[sd]?|such as|for|options|modes|classes|factors|drivers|ways|steps|levels|categories)\b)/i;
