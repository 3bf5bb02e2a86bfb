import type { StudyCard } from '../cards/types.ts';

/**
 * Key of the section a card comes from. Section ids are unique only inside
 * their note (every note has a `top`), so the note id is part of the key.
 *
 * @example sectionKey({ noteId: 'storage-aws-backup', sectionId: 'pricing' }) === 'storage-aws-backup#pricing'
 */
export function sectionKey(card: Pick<StudyCard, 'noteId' | 'sectionId'>): string {
  return `${card.noteId}#${card.sectionId}`;
}

/**
 * How a section is named on screen: note title, then the heading path.
 *
 * @example sectionLabel({ noteTitle: 'AWS backup', path: ['concepts', 'backup vault'] }) === 'AWS backup › concepts › backup vault'
 */
export function sectionLabel(card: Pick<StudyCard, 'noteTitle' | 'path'>): string {
  return [card.noteTitle, ...card.path].join(' › ');
}
