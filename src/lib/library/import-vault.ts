/**
 * Builds an own vault from imported files: merges them with the vault's
 * current files (same path = updated), applies the caps, compiles the notes
 * with the same pipeline as the shipped notes and moves them into the vault's
 * namespace. This module pulls in the markdown parser, so screens load it only
 * when a learner imports notes.
 */
import { buildVault } from '../content/vault.ts';
import type { ContentWarning } from '../content/types.ts';
import { formatBytes, LIMITS } from './limits.ts';
import { namespaceVault } from './namespace.ts';
import { PARSER_VERSION, type Attachment, type OwnVault, type SkippedFile, type SourceFile } from './types.ts';

export { PARSER_VERSION };

export interface ImportInput {
  id: string;
  name: string;
  /** The vault as stored now, when importing into an existing one. */
  existing?: OwnVault;
  notes: SourceFile[];
  images: Attachment[];
  /** Files already refused while reading (not markdown, too large, unreadable). */
  skipped: SkippedFile[];
  /** Hidden files and Obsidian's settings folder, counted only. */
  hidden?: number;
  /** Drop the existing vault's notes that this import does not hold (a whole folder imported again). */
  removeMissing: boolean;
  now: number;
}

export interface ImportReport {
  added: string[];
  updated: string[];
  unchanged: string[];
  removed: string[];
  skipped: SkippedFile[];
  hidden: number;
  /** Parse warnings, each with its file and line. */
  warnings: ContentWarning[];
  notes: number;
  facts: number;
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Compiles a vault's notes into its namespace. */
export function compileNotes(id: string, notes: readonly SourceFile[]): OwnVault['compiled'] {
  return namespaceVault(buildVault(notes.map((n) => ({ path: n.path, text: n.text }))), id);
}

export function importVault(input: ImportInput): { vault: OwnVault; report: ImportReport } {
  const skipped: SkippedFile[] = [...input.skipped];
  const before = new Map((input.existing?.files ?? []).map((f) => [f.path.toLowerCase(), f]));
  const files = new Map<string, SourceFile>(input.removeMissing ? [] : [...before]);
  const images = new Map<string, Attachment>(input.removeMissing ? [] : (input.existing?.attachments ?? []).map((a) => [a.path.toLowerCase(), a]));
  const size = (): number => [...files.values()].reduce((n, f) => n + byteLength(f.text), 0) + [...images.values()].reduce((n, a) => n + a.bytes, 0);
  let bytes = size();

  /** Whether a file of `grows` more bytes (new to the vault or not) still fits; says why not in `skipped`. */
  const fits = (path: string, isNew: boolean, grows: number): boolean => {
    if (isNew && files.size + images.size >= LIMITS.filesPerVault) {
      skipped.push({ path, reason: `the vault is full (at most ${LIMITS.filesPerVault} files)` });
      return false;
    }
    if (bytes + grows > LIMITS.vaultBytes) {
      skipped.push({ path, reason: `the vault is full (at most ${formatBytes(LIMITS.vaultBytes)} of notes and images)` });
      return false;
    }
    bytes += grows;
    return true;
  };

  const added: string[] = [];
  const updated: string[] = [];
  const unchanged: string[] = [];
  for (const note of [...input.notes].sort((a, b) => a.path.localeCompare(b.path))) {
    const key = note.path.toLowerCase();
    const previous = files.get(key);
    if (!fits(note.path, !previous, byteLength(note.text) - (previous ? byteLength(previous.text) : 0))) continue;
    files.set(key, note);
    const old = before.get(key);
    if (!old) added.push(note.path);
    else if (old.text === note.text) unchanged.push(note.path);
    else updated.push(note.path);
  }
  for (const image of [...input.images].sort((a, b) => a.path.localeCompare(b.path))) {
    const key = image.path.toLowerCase();
    if (!fits(image.path, !images.has(key), image.bytes - (images.get(key)?.bytes ?? 0))) continue;
    images.set(key, image);
  }
  const removed = [...before.values()].filter((f) => !files.has(f.path.toLowerCase())).map((f) => f.path);

  const sources = [...files.values()].sort((a, b) => a.path.localeCompare(b.path));
  const compiled = compileNotes(input.id, sources);
  const vault: OwnVault = {
    id: input.id,
    name: input.name,
    createdAt: input.existing?.createdAt ?? input.now,
    updatedAt: input.now,
    parser: PARSER_VERSION,
    files: sources,
    attachments: [...images.values()].sort((a, b) => a.path.localeCompare(b.path)),
    compiled,
    skipped,
  };
  return {
    vault,
    report: {
      added,
      updated,
      unchanged,
      removed,
      skipped,
      hidden: input.hidden ?? 0,
      warnings: compiled.warnings,
      notes: compiled.notes.length,
      facts: compiled.stats.facts,
    },
  };
}

/** Compiles a stored vault again with this version's parser (after an app update changed the pipeline). */
export function recompile(vault: OwnVault): OwnVault {
  return { ...vault, parser: PARSER_VERSION, compiled: compileNotes(vault.id, vault.files) };
}
