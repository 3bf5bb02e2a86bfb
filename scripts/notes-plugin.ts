/**
 * Vite plugin: compiles the notes in `content/` at build time into the
 * virtual module `virtual:vaultcards/notes`, so the browser receives the
 * finished model as JSON and needs neither a markdown parser nor a sanitizer.
 */
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { buildVault } from '../src/lib/content/index.ts';
import { summarizeVault } from '../src/lib/content/summary.ts';
import { readNotes } from './read-notes.ts';

const VIRTUAL_ID = 'virtual:vaultcards/notes';
const RESOLVED_ID = '\0' + VIRTUAL_ID;
/** The notes' summaries for the first screen (see src/lib/content/summary.ts). */
const INDEX_ID = 'virtual:vaultcards/notes-index';
const RESOLVED_INDEX = '\0' + INDEX_ID;

export function notesPlugin(folder = 'content'): Plugin {
  let root = process.cwd();
  const contentDir = (): string => resolve(root, folder);
  return {
    name: 'vaultcards-notes',
    configResolved(config) {
      root = config.root;
    },
    resolveId(id) {
      return id === VIRTUAL_ID ? RESOLVED_ID : id === INDEX_ID ? RESOLVED_INDEX : null;
    },
    async load(id) {
      if (id !== RESOLVED_ID && id !== RESOLVED_INDEX) return null;
      const files = await readNotes(contentDir());
      for (const file of files) this.addWatchFile(resolve(contentDir(), file.path));
      const vault = buildVault(files);
      if (id === RESOLVED_INDEX) return `export default JSON.parse(${JSON.stringify(JSON.stringify(summarizeVault(vault)))});`;
      for (const w of vault.warnings) this.warn(`${folder}/${w.file}:${w.line}: ${w.message}`);
      // JSON.parse of a string literal is faster to start than an object literal of the same size.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(vault))});`;
    },
    configureServer(server) {
      server.watcher.add(contentDir());
      const reload = (path: string): void => {
        if (!path.startsWith(contentDir()) || !path.endsWith('.md')) return;
        for (const resolved of [RESOLVED_ID, RESOLVED_INDEX]) {
          const mod = server.moduleGraph.getModuleById(resolved);
          if (mod) server.moduleGraph.invalidateModule(mod);
        }
        server.ws.send({ type: 'full-reload' });
      };
      server.watcher.on('add', reload).on('change', reload).on('unlink', reload);
    },
  };
}
