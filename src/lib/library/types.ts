/**
 * A learner's own notes: a vault imported from `.md` files or a folder, kept
 * in IndexedDB beside the shipped notes. The sources are kept (backups hold
 * them, and a newer parser can compile them again); the compiled vault is kept
 * too, so opening the app needs no markdown parser.
 */
import type { Vault } from '../content/types.ts';

/** Bumped when the pipeline changes what it makes of a note, so stored vaults are compiled again. */
export const PARSER_VERSION = 1;

/** One markdown note as imported: its path inside the vault folder and its text. */
export interface SourceFile {
  path: string;
  text: string;
}

/** An image the notes embed (`![[diagram.png]]`), kept as a data URL. */
export interface Attachment {
  path: string;
  mime: string;
  dataUrl: string;
  bytes: number;
}

/** A file that was not imported, and why, in words a learner can act on. */
export interface SkippedFile {
  path: string;
  reason: string;
}

export interface OwnVault {
  /** Stable across re-imports: the prefix of every note id in the vault. */
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  /** `PARSER_VERSION` of the pipeline that compiled `compiled`. */
  parser: number;
  files: SourceFile[];
  attachments: Attachment[];
  /** The notes, parsed, with ids in the vault's namespace (see `namespace.ts`). */
  compiled: Vault;
  /** Files the last import left out. */
  skipped: SkippedFile[];
}
