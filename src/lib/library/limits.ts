/**
 * What an import accepts: which files are notes, which are images, and the
 * caps that keep one import from filling the device. Every refusal says what
 * the file is and what the limit is.
 */
import { MAX_NOTE_PARTS } from '../content/patterns.ts';

const MiB = 1024 * 1024;

export const LIMITS = {
  /** One note. The largest note in the shipped and sample vaults is under 40 KB. */
  noteBytes: 1 * MiB,
  /** One embedded image. */
  imageBytes: 2 * MiB,
  /** Everything one vault holds: notes and images together. */
  vaultBytes: 25 * MiB,
  filesPerVault: 2000,
  vaults: 20,
  /** Facts, headings and quotes one note is read for (the lines past them are not read, with a warning). */
  notePartsRead: MAX_NOTE_PARTS,
} as const;

const NOTE_EXTENSIONS = new Set(['md', 'markdown']);
export const IMAGE_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  bmp: 'image/bmp',
  avif: 'image/avif',
};

export type Classified =
  | { kind: 'note' }
  | { kind: 'image'; mime: string }
  | { kind: 'skip'; reason: string }
  /** Obsidian's own folders (`.obsidian`, `.trash`) and hidden files: not notes, counted but not listed one by one. */
  | { kind: 'hidden' };

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < MiB) return `${Math.round(bytes / 1024)} KB`;
  if (bytes < 1024 * MiB) return `${(bytes / MiB).toFixed(1).replace(/\.0$/, '')} MB`;
  return `${(bytes / MiB / 1024).toFixed(1).replace(/\.0$/, '')} GB`;
}

/**
 * "1.5 MB; a note can be at most 1 MB". A size just over its cap rounds to
 * the cap itself ("1 MB; ... at most 1 MB"), so then both are given in bytes.
 */
function overCap(bytes: number, cap: number, what: string): string {
  if (formatBytes(bytes) !== formatBytes(cap)) return `${formatBytes(bytes)}; ${what} can be at most ${formatBytes(cap)}`;
  return `${bytes.toLocaleString('en-US')} bytes; ${what} can be at most ${cap.toLocaleString('en-US')} bytes, ${formatBytes(cap)}`;
}

function extension(path: string): string {
  const base = path.split('/').pop() ?? path;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** Normalises a path as a vault folder sees it: forward slashes, no leading `./` or `/`. */
export function normalizePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/|\/)+/, '').replace(/\/{2,}/g, '/');
}

/** Decides what a file is from its path and size, before reading it. */
export function classifyFile(path: string, bytes: number): Classified {
  const clean = normalizePath(path);
  if (clean.split('/').some((part) => part.startsWith('.'))) return { kind: 'hidden' };
  const ext = extension(clean);
  if (NOTE_EXTENSIONS.has(ext)) {
    if (bytes > LIMITS.noteBytes) return { kind: 'skip', reason: `too large (${overCap(bytes, LIMITS.noteBytes, 'a note')})` };
    return { kind: 'note' };
  }
  const mime = IMAGE_TYPES[ext];
  if (mime) {
    if (bytes > LIMITS.imageBytes) return { kind: 'skip', reason: `image too large (${overCap(bytes, LIMITS.imageBytes, 'an image')})` };
    return { kind: 'image', mime };
  }
  return { kind: 'skip', reason: ext ? `not a markdown note (.${ext} files are not imported)` : 'not a markdown note (no .md extension)' };
}

/**
 * Checks a note's decoded text. `null` when it is fine; otherwise why it
 * cannot be a note. A binary file renamed `.md` holds NUL bytes; text that is
 * not UTF-8 was already refused by the decoder.
 */
export function noteTextProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'not a text file (it holds binary data)';
  return null;
}

/** A vault id from its name: lower-case letters, digits and dashes, unique among `taken`. */
export function vaultIdFor(name: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'notes';
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** A vault's display name: trimmed, one line, at most 80 characters; empty becomes "My notes". */
export function cleanVaultName(name: string): string {
  const clean = name.replace(/\s+/g, ' ').trim().slice(0, 80);
  return clean || 'My notes';
}
