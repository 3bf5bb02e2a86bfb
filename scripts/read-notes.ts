/** Reads every `.md` file under a folder (Node only: build and command-line use). */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { NoteFile } from '../src/lib/content/index.ts';

export async function readNotes(folder: string): Promise<NoteFile[]> {
  const files: NoteFile[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith('.md')) {
        files.push({ path: relative(folder, full).split(sep).join('/'), text: await readFile(full, 'utf8') });
      }
    }
  };
  await walk(folder);
  return files;
}
