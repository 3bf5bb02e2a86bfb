/** The notes pipeline: Obsidian-style markdown -> notes, sections, facts, links. */
export type * from './types.ts';
export { buildVault, findHeading, type NoteFile } from './vault.ts';
export { parseNote, noteIdFromFile } from './parse-note.ts';
export { MAX_NOTE_PARTS } from './patterns.ts';
export { parseInline, plainText, keyTerms, isTagName, parseWikiLink } from './inline.ts';
export { lexLines, splitCells, stripComments } from './lines.ts';
export { normalizeHeading, normalizeText, slugify, stableHash } from './ids.ts';
export { searchFacts, searchWords, type SearchHit } from './search.ts';
export { sectionLayout, noteLayouts, calloutStyle, calloutDefaultTitle, type LayoutBlock, type LayoutFact, type CalloutStyle } from './layout.ts';
