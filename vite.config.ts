/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { notesPlugin } from './scripts/notes-plugin.ts';

export default defineConfig({
  // VAULTCARDS_CONTENT points a local build at another folder of notes (for trying the parser on a vault).
  plugins: [notesPlugin(process.env.VAULTCARDS_CONTENT ?? 'content'), svelte(), svelteTesting()],
  build: { target: 'es2022', sourcemap: false },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'app',
          environment: 'jsdom',
          setupFiles: ['tests/setup.ts'],
          include: ['tests/unit/**/*.test.ts', 'tests/components/**/*.test.ts'],
          exclude: ['tests/unit/sandbox/**'],
        },
      },
      {
        // The sandbox is plain TypeScript run as Node runs it: no Svelte plugins, so the AWS SDK
        // (a test dependency) resolves to its Node build rather than the browser one that
        // svelteTesting's `browser` condition would pick.
        test: { name: 'sandbox', environment: 'node', include: ['tests/unit/sandbox/**/*.test.ts'] },
      },
    ],
  },
});
