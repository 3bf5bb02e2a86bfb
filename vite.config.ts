/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { VitePWA } from 'vite-plugin-pwa';
import { notesPlugin } from './scripts/notes-plugin.ts';

/**
 * The built app's Content Security Policy, as a meta tag (a static host sets no headers): scripts
 * and styles only from the app's own files (no inline scripts, no eval), images also from data:
 * URLs (images of imported notes are kept as data URLs), nothing framed, no plugins. Not applied
 * to the dev server, whose hot reload injects styles inline.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function cspPlugin(): Plugin {
  return {
    name: 'vaultcards-csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  // VAULTCARDS_CONTENT points a local build at another folder of notes (for trying the parser on a vault).
  plugins: [
    notesPlugin(process.env.VAULTCARDS_CONTENT ?? 'content'),
    cspPlugin(),
    svelte(),
    svelteTesting(),
    // Offline first: a service worker precaches the whole built app (every lazy screen included),
    // so a drill opened once, the sandbox and the notes all work with the network off.
    // 'prompt': a new version waits until the learner agrees and has no review, quiz or exam in
    // progress (src/state/app-update.svelte.ts); the generated worker then takes over on SKIP_WAITING.
    VitePWA({
      registerType: 'prompt',
      injectRegister: null,
      includeAssets: ['favicon.svg', 'apple-touch-icon.png'],
      manifest: {
        id: '/',
        name: 'Vaultcards',
        short_name: 'Vaultcards',
        description: 'Offline study tool for the AWS Certified Cloud Practitioner exam, built from your notes',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#f7f7f9',
        theme_color: '#1d4ed8',
        // Drawn from favicon.svg by scripts/make-icons.mjs.
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
      },
      workbox: {
        // A first visit comes under the worker at once, so screens opened later that visit load offline too.
        // (An update still waits: skipWaiting stays off, and the app sends SKIP_WAITING when the time is right.)
        clientsClaim: true,
        globPatterns: ['**/*.{js,css,html,svg,webmanifest}'],
        navigateFallback: 'index.html',
        // The notes are compiled into the main script, so a large vault makes it large: it must still be cached.
        maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
      },
    }),
  ],
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
