/**
 * Cards in Anki's text import format: a header (`#separator`, `#html`,
 * `#tags column`), then one line per card: front, back, tags. Anki's tags are
 * space separated, so each of our tags becomes one Anki tag; the card kind and
 * note id become tags too, so a learner can filter them in Anki.
 */
import type { StudyCard } from './types.ts';

const clean = (text: string): string => text.replace(/[\t\r\n]+/g, ' ').trim();
const tagSafe = (tag: string): string => tag.replace(/\s+/g, '_').replace(/\//g, '::');

export function toAnkiText(cards: StudyCard[]): string {
  const lines = ['#separator:tab', '#html:false', '#tags column:3'];
  for (const card of cards) {
    const where = [card.noteTitle, ...card.path].join(' › ');
    const front = `${clean(card.prompt)} (${clean(where)})`;
    const back = card.items ? card.items.map(clean).join('; ') : clean(card.answer);
    const tags = ['vaultcards', `vaultcards::${card.kind}`, `note::${tagSafe(card.noteId)}`, ...card.tags.map(tagSafe)];
    lines.push([front, back, tags.join(' ')].join('\t'));
  }
  return lines.join('\n') + '\n';
}
