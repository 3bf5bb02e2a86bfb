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
    environment: 'jsdom',
    setupFiles: ['tests/setup.ts'],
    include: ['tests/unit/**/*.test.ts', 'tests/components/**/*.test.ts'],
  },
});
