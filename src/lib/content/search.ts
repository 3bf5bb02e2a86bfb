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
      const own = searchWords(fact.text);
      const around = [...titleWords, ...searchWords(path.join(' ')), ...searchWords(fact.context.join(' '))];
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
      if (own.join(' ').includes(phrase)) score += 2 * terms.length;
      if (fact.keyTerms.some((k) => searchWords(k).join(' ').includes(phrase))) score += 2;
      hits.push({ note, fact, path, score });
    }
  }
  hits.sort((a, b) => b.score - a.score || a.note.title.localeCompare(b.note.title) || a.fact.line - b.fact.line);
  return hits.slice(0, limit);
}
