/** Stable ids and the normalisation that makes headings and text comparable. */

/**
 * A 64-bit FNV-1a style hash as 11 base-36 characters: short, stable across
 * runs and machines, and spread well enough for the few thousand facts a vault
 * holds. Not for security.
 */
export function stableHash(text: string): string {
  return stableHashFrom(HASH_START, text);
}

/** Where `stableHash` stands after reading some text: lets a prefix shared by many keys be read once. */
export interface HashState {
  readonly h1: number;
  readonly h2: number;
}

const HASH_START: HashState = { h1: 0x811c9dc5, h2: 0x01000193 ^ 0x5bd1e995 };

/**
 * Reads `text` on from `state` (the start when omitted). Hashing a prefix once
 * and each suffix from its state gives the same hash as the whole text:
 *
 * @example stableHashFrom(hashPrefix('note\nheading\n'), 'fact') === stableHash('note\nheading\nfact')
 */
export function hashPrefix(text: string, state: HashState = HASH_START): HashState {
  let { h1, h2 } = state;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return { h1, h2 };
}

/** `stableHash` of the text read into `state` followed by `text`. */
export function stableHashFrom(state: HashState, text: string): string {
  const { h1, h2 } = hashPrefix(text, state);
  const hi = (h1 >>> 0).toString(36).padStart(7, '0');
  const lo = ((h2 >>> 0) & 0xfffff).toString(36).padStart(4, '0');
  return hi + lo;
}

/**
 * Normalises a heading the way Obsidian matches heading links: comments, the
 * characters a link cannot hold (`: # | ^ [ ]`) and repeated spaces are
 * ignored, and case does not matter.
 *
 * @example normalizeHeading('Frequently Accessed Objects: %% fold %%') === 'frequently accessed objects'
 */
export function normalizeHeading(heading: string): string {
  return heading
    .replace(/%%[\s\S]*?%%/g, ' ')
    .replace(/%%/g, ' ')
    .replace(/[:#|^[\]]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Normalises fact text for hashing: case, whitespace and trailing punctuation do not change an id. */
export function normalizeText(text: string): string {
  const lower = text.toLowerCase();
  // Single spaces only (as in every fact's text): the whitespace step would copy the text unchanged.
  return (/\s\s|[^\S ]/.test(lower) ? lower.replace(/\s+/g, ' ') : lower).replace(/[\s.;,:]+$/, '').trim();
}

/** A URL-safe slug: `backup plan %% fold %%` -> `backup-plan`. */
export function slugify(text: string): string {
  const slug = normalizeHeading(text)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'section';
}
