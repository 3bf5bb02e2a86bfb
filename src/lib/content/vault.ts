/**
 * Stage 4: parsed notes -> a `Vault`: wiki-links resolved to notes, sections
 * and facts the way Obsidian resolves them, plus counts for `content check`.
 */
import { normalizeHeading } from './ids.ts';
import { parseNote } from './parse-note.ts';
import type { ContentWarning, Link, LinkResolution, LinkStats, Note, Section, Vault } from './types.ts';

export interface NoteFile {
  /** Path relative to the vault folder, for warnings. */
  path: string;
  text: string;
}

/** Parses every file and resolves links between them. */
export function buildVault(files: NoteFile[]): Vault {
  const notes: Note[] = [];
  const warnings: ContentWarning[] = [];
  const seen = new Map<string, string>();
  const sorted = [...files].sort((a, b) => a.path.localeCompare(b.path));
  for (const file of sorted) {
    const { note, warnings: noteWarnings } = parseNote(file.path, file.text);
    for (const warning of noteWarnings) warnings.push(warning);
    const earlier = seen.get(note.id.toLowerCase());
    if (earlier) {
      warnings.push({ file: file.path, line: 1, code: 'malformed-link', message: `note name "${note.id}" is also used by ${earlier}; links go to the first one` });
      continue;
    }
    seen.set(note.id.toLowerCase(), file.path);
    notes.push(note);
  }
  resolveLinks(notes, warnings);
  const links = linkStats(notes);
  return {
    notes,
    warnings,
    stats: {
      notes: notes.length,
      sections: notes.reduce((n, note) => n + note.sections.filter((s) => s.role === 'content' || s.role === 'summary').length, 0),
      facts: notes.reduce((n, note) => n + note.facts.length, 0),
      links,
    },
  };
}

/**
 * Finds a note by the name a link uses: exact first, then ignoring case as
 * Obsidian does. A path form (`Folder A/My note`) matches the note at that path
 * in the vault, else the note with that base name.
 */
function noteLookup(notes: Note[]): (name: string) => Note | undefined {
  const exact = new Map(notes.map((n) => [n.id, n]));
  const loose = new Map(notes.map((n) => [n.id.toLowerCase(), n]));
  const byPath = new Map(notes.map((n) => [n.file.replace(/\.md$/i, '').toLowerCase(), n]));
  return (name) => {
    const found = exact.get(name) ?? loose.get(name.toLowerCase());
    if (found || !/[\\/]/.test(name)) return found;
    const path = name.replace(/\\/g, '/').replace(/^\.?\//, '').toLowerCase();
    return byPath.get(path) ?? loose.get(path.split('/').pop() ?? path);
  };
}

/**
 * Finds the section a heading path names. `[[note#a#b]]` means a heading `b`
 * below a heading `a` (not necessarily its direct parent). When the path does
 * not match but its last heading exists, that heading is used and flagged.
 */
export function findHeading(note: Note, headings: string[]): { section: Section; exact: boolean } | null {
  const wanted = headings.map(normalizeHeading);
  const last = wanted[wanted.length - 1];
  if (last === undefined) return null;
  const { byId, byKey, keys } = headingIndex(note);
  const matches = (section: Section, key: string | undefined): boolean => key !== undefined && (keys.get(section) ?? []).includes(key);
  const candidates = byKey.get(last) ?? [];
  for (const section of candidates) {
    let need = wanted.length - 2;
    let parent = section.parentId ? byId.get(section.parentId) : undefined;
    while (need >= 0 && parent) {
      if (matches(parent, wanted[need])) need--;
      parent = parent.parentId ? byId.get(parent.parentId) : undefined;
    }
    if (need < 0) return { section, exact: true };
  }
  const first = candidates[0];
  return first ? { section: first, exact: false } : null;
}

interface HeadingIndex {
  byId: Map<string, Section>;
  /** Heading key -> the sections (not the top) that answer to it, in note order. */
  byKey: Map<string, Section[]>;
  keys: Map<Section, string[]>;
}

/** Built once per note, so a note of 100,000 heading links does not read every heading for each link. */
const headingIndexes = new WeakMap<Note, HeadingIndex>();

function headingIndex(note: Note): HeadingIndex {
  const known = headingIndexes.get(note);
  if (known && known.byId.size === note.sections.length) return known;
  const index: HeadingIndex = { byId: new Map(), byKey: new Map(), keys: new Map() };
  for (const section of note.sections) {
    index.byId.set(section.id, section);
    const keys = headingKeys(section.rawHeading);
    index.keys.set(section, keys);
    if (section.id === 'top') continue;
    for (const key of new Set(keys)) {
      const list = index.byKey.get(key) ?? [];
      list.push(section);
      index.byKey.set(key, list);
    }
  }
  headingIndexes.set(note, index);
  return index;
}

/**
 * The forms a heading link may use for a heading: with `%% comments %%`
 * removed (how tables of contents write them), or with only the `%%` markers
 * removed (how Obsidian writes a link to `Heading: %% fold %%` from another
 * note: `Heading fold`).
 */
function headingKeys(rawHeading: string): string[] {
  return [normalizeHeading(rawHeading), normalizeHeading(rawHeading.replace(/%%/g, ' '))];
}

function resolveLinks(notes: Note[], warnings: ContentWarning[]): void {
  const lookup = noteLookup(notes);
  for (const note of notes) {
    for (const link of note.links) {
      link.resolved = resolveOne(note, link, lookup, (code, message) => warnings.push({ file: note.file, line: link.line, code, message }));
    }
  }
}

function resolveOne(
  from: Note,
  link: Link,
  lookup: (name: string) => Note | undefined,
  warn: (code: ContentWarning['code'], message: string) => void,
): LinkResolution | null {
  if (link.kind === 'empty' || link.kind === 'file') return null;
  const target = link.target.note === '' ? from : lookup(link.target.note);
  if (!target) return null;
  if (link.kind === 'block') {
    const block = link.target.block ? target.blocks[link.target.block] : undefined;
    if (!block) {
      warn('unresolved-block', `[[${link.raw}]]: no block ^${link.target.block ?? ''} in ${target.id}`);
      return null;
    }
    return { note: target.id, ...block };
  }
  if (link.kind === 'heading') {
    const found = findHeading(target, link.target.headings);
    if (!found) {
      warn('unresolved-heading', `[[${link.raw}]]: no heading "${link.target.headings.join('#')}" in ${target.id}`);
      return null;
    }
    if (!found.exact) {
      warn('heading-path-fallback', `[[${link.raw}]]: heading path "${link.target.headings.join('#')}" not found; linked to "${found.section.title}"`);
    }
    return { note: target.id, sectionId: found.section.id };
  }
  return { note: target.id };
}

function linkStats(notes: Note[]): LinkStats {
  const stats: LinkStats = { total: 0, resolved: 0, blockRefs: 0, blockRefsResolved: 0, headingRefs: 0, headingRefsResolved: 0 };
  for (const note of notes) {
    for (const link of note.links) {
      stats.total++;
      if (link.resolved) stats.resolved++;
      if (link.kind === 'block') {
        stats.blockRefs++;
        if (link.resolved) stats.blockRefsResolved++;
      }
      if (link.kind === 'heading') {
        stats.headingRefs++;
        if (link.resolved) stats.headingRefsResolved++;
      }
    }
  }
  return stats;
}
