/**
 * The cards of the shipped notes, generated once per vault: the vault is fixed
 * at build time, and regenerating 10,000 cards on every visit to a screen cost
 * a quarter of a second.
 */
import { generateCards } from '../lib/cards/generate.ts';
import type { StudyCard } from '../lib/cards/types.ts';
import type { Vault } from '../lib/content/types.ts';

const cache = new WeakMap<Vault, StudyCard[]>();

export function cardsFor(vault: Vault): StudyCard[] {
  let cards = cache.get(vault);
  if (!cards) {
    cards = generateCards(vault);
    cache.set(vault, cards);
  }
  return cards;
}
