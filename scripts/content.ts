/**
 * `npm run --silent content -- check <folder>`: parse a folder of notes and
 * print one JSON object with counts and warnings. Exits non-zero only when the
 * folder cannot be read; problems inside notes are warnings, not failures.
 */
import { buildVault, type NoteFile } from '../src/lib/content/index.ts';
import { readNotes } from './read-notes.ts';
import { summarizeVault } from '../src/lib/content/report.ts';

async function main(argv: string[]): Promise<number> {
  const [command, folder] = argv;
  if (command !== 'check' || !folder) {
    process.stderr.write('usage: npm run --silent content -- check <folder>\n');
    return 2;
  }
  let files: NoteFile[];
  try {
    files = await readNotes(folder);
  } catch (error) {
    process.stderr.write(`cannot read ${folder}: ${(error as Error).message}\n`);
    return 1;
  }
  process.stdout.write(JSON.stringify(summarizeVault(buildVault(files)), null, 2) + '\n');
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
