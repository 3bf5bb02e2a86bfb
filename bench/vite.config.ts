/**
 * Builds the bench pages (`seed.html`, `queue.html`, `exam.html`) into `<BENCH_OUT>` served
 * under `/bench/`, next to the app built from the same notes, so they share
 * the app's origin and IndexedDB. Run by `scripts/bench/run.mjs`.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { notesPlugin } from '../scripts/notes-plugin.ts';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/bench/',
  logLevel: 'warn',
  plugins: [notesPlugin(process.env.VAULTCARDS_CONTENT ?? '../content')],
  build: {
    target: 'es2022',
    outDir: process.env.BENCH_OUT ?? 'dist',
    emptyOutDir: true,
    rollupOptions: { input: { seed: `${here}seed.html`, queue: `${here}queue.html`, exam: `${here}exam.html` } },
  },
});
