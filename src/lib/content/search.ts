/**
 * Fact search across notes: every query word must appear (as a word prefix)
 * in the fact, its context, its heading path or its note's title; hits in the
 * fact's own text rank first.
 */
import type { Fact, Note, Vault } from './types.ts';

export interface SearchHit {
  note: Note;
  fact: Fact;
  /** Heading path of the fact's section. */
  path: string[];
  score: number;
}

/** Lower-case words of a text, punctuation removed. */
export function searchWords(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

function containsPrefix(words: string[], term: string): boolean {
  return words.some((w) => w.startsWith(term));
}

/** A fact's words as search reads them: its own, and those around it (note title, heading path, context). */
interface FactWords {
  /** The note title they were read with: a fact shown under another title is read again. */
  title: string;
  own: string[];
  ownText: string;
  around: string[];
}

/**
 * Each fact's words, read on its first search and kept while the fact lives:
 * every keystroke searches again, and splitting 40,000 facts and their
 * context into words each time took 50-100 ms a keystroke in a large note.
 */
const wordsOf = new WeakMap<Fact, FactWords>();

function factWords(fact: Fact, note: Note, titleWords: string[], path: string[]): FactWords {
  const known = wordsOf.get(fact);
  if (known && known.title === note.title) return known;
  const own = searchWords(fact.text);
  const words: FactWords = { title: note.title, own, ownText: own.join(' '), around: [...titleWords, ...searchWords(path.join(' ')), ...searchWords(fact.context.join(' '))] };
  wordsOf.set(fact, words);
  return words;
}

/** Finds facts matching `query`, best first. */
export function searchFacts(vault: Vault, query: string, limit = 50): SearchHit[] {
  const terms = searchWords(query);
  if (terms.length === 0) return [];
  const phrase = terms.join(' ');
  const hits: SearchHit[] = [];
  for (const note of vault.notes) {
    const sections = new Map(note.sections.map((s) => [s.id, s]));
    const titleWords = searchWords(note.title);
    for (const fact of note.facts) {
      const path = sections.get(fact.sectionId)?.path ?? [];
      const { own, ownText, around } = factWords(fact, note, titleWords, path);
      let score = 0;
      let matched = true;
      for (const term of terms) {
        if (containsPrefix(own, term)) score += own.includes(term) ? 3 : 2;
        else if (containsPrefix(around, term)) score += 1;
        else {
          matched = false;
          break;
        }
      }
      if (!matched) continue;
      if (ownText.includes(phrase)) score += 2 * terms.length;
      if (fact.keyTerms.some((k) => searchWords(k).join(' ').includes(phrase))) score += 2;
      hits.push({ note, fact, path, score });
    }
  }
  hits.sort((a, b) => b.score - a.score || a.note.title.localeCompare(b.note.title) || a.fact.line - b.fact.line);
  return hits.slice(0, limit);
}
