/**
 * Browser side of an import: turns picked or dropped files (folders walked)
 * into notes and images, reading each file once. Each file that cannot be a
 * note is set aside with its reason; the rest go on.
 */
import { classifyFile, LIMITS, noteTextProblem } from '../../lib/library/limits.ts';
import { stripCommonFolder } from '../../lib/library/paths.ts';
import type { Attachment, SkippedFile, SourceFile } from '../../lib/library/types.ts';

export interface PickedFile {
  /** Path inside what was picked, folders included. */
  path: string;
  file: File;
}

export interface ReadFiles {
  notes: SourceFile[];
  images: Attachment[];
  skipped: SkippedFile[];
  /** Hidden files and Obsidian's settings folder: not notes, counted only. */
  hidden: number;
  /** The folder every file was in (a picked folder's name), used as the vault's name. */
  folder: string | null;
}

/** Files from an `<input type=file>` (with `webkitdirectory`, their paths include the folder). */
export function fromFileList(list: FileList | readonly File[]): PickedFile[] {
  return Array.from(list, (file) => ({ path: file.webkitRelativePath || file.name, file }));
}

function entryFile(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function readDirectory(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  // readEntries returns at most about 100 entries a call: call until it returns none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

/** Files dropped on the page, folders walked (paths start with the dropped folder's name). */
export async function fromDataTransfer(data: DataTransfer): Promise<{ picked: PickedFile[]; unreadable: SkippedFile[] }> {
  const picked: PickedFile[] = [];
  const unreadable: SkippedFile[] = [];
  const entries = Array.from(data.items, (item) => (item.kind === 'file' ? item.webkitGetAsEntry() : null)).filter((e): e is FileSystemEntry => e !== null);
  if (entries.length === 0) return { picked: fromFileList(data.files), unreadable };
  const walk = async (entry: FileSystemEntry, path: string): Promise<void> => {
    try {
      if (entry.isFile) picked.push({ path, file: await entryFile(entry as FileSystemFileEntry) });
      else if (entry.isDirectory) for (const child of await readDirectory(entry as FileSystemDirectoryEntry)) await walk(child, `${path}/${child.name}`);
    } catch (error) {
      unreadable.push({ path, reason: `could not be read (${(error as Error).message || 'the browser refused'})` });
    }
  };
  for (const entry of entries) await walk(entry, entry.name);
  return { picked, unreadable };
}

function dataUrl(file: File, mime: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, `data:${mime};base64,`));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsDataURL(file);
  });
}

/** Reads what can be read; never throws for one bad file. */
export async function readPicked(picked: readonly PickedFile[], alreadySkipped: readonly SkippedFile[] = []): Promise<ReadFiles> {
  const { folder, strip } = stripCommonFolder(picked.map((p) => p.path));
  const out: ReadFiles = { notes: [], images: [], skipped: [...alreadySkipped], hidden: 0, folder };
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let taken = 0;
  for (const { path: raw, file } of [...picked].sort((a, b) => a.path.localeCompare(b.path))) {
    const path = strip(raw);
    const kind = classifyFile(path, file.size);
    if (kind.kind === 'hidden') {
      out.hidden++;
      continue;
    }
    if (kind.kind === 'skip') {
      out.skipped.push({ path, reason: kind.reason });
      continue;
    }
    if (taken >= LIMITS.filesPerVault) {
      out.skipped.push({ path, reason: `too many files (a vault holds at most ${LIMITS.filesPerVault})` });
      continue;
    }
    try {
      if (kind.kind === 'image') {
        out.images.push({ path, mime: kind.mime, dataUrl: await dataUrl(file, kind.mime), bytes: file.size });
      } else {
        let text: string;
        try {
          text = decoder.decode(await file.arrayBuffer());
        } catch (error) {
          if ((error as Error).name === 'TypeError') throw new Error('it is not UTF-8 text');
          throw error;
        }
        const problem = noteTextProblem(text);
        if (problem) {
          out.skipped.push({ path, reason: problem });
          continue;
        }
        out.notes.push({ path, text: text.replace(/^\uFEFF/, '') });
      }
      taken++;
    } catch (error) {
      out.skipped.push({ path, reason: `could not be read (${(error as Error).message || 'the browser refused'})` });
    }
  }
  return out;
}
