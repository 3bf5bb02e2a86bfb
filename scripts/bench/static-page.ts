/**
 * The baseline page of benchmark (f), the first screen: `<dist>/bench/static.html`,
 * plain HTML listing the same notes as the app's first screen (the header's
 * links, the tag chips, and per note its title link, description, fact count
 * and tags, with the app's class names) and linking the app's own stylesheet,
 * with no JavaScript. Served by the same `vite preview` as the app, it is what
 * the first screen would cost if it were only a document.
 *
 *   node --import tsx scripts/bench/static-page.ts <notes folder> <dist>
 *
 * Prints one JSON line: `{ "notes": n, "bytes": n, "stylesheets": [...] }`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildVault } from '../../src/lib/content/vault.ts';
import type { Note } from '../../src/lib/content/types.ts';
import { readNotes } from '../read-notes.ts';

const NAV = ['Topics:#/', 'Review:#/review', 'Quiz:#/quiz', 'Exam:#/exam', 'Stats:#/stats', 'Library:#/library', 'Progress:#/progress', 'Sandbox:#/sandbox', 'Drills:#/drills'];

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A tag chip as the app's `TagChip` draws an inactive one. */
const chip = (tag: string): string =>
  `<li><a class="chip" href="#/?tag=${escape(encodeURIComponent(tag))}" title="${escape(tag)}">#${escape(tag.split('/').slice(-2).join('/'))}</a></li>`;

function noteItem(note: Note): string {
  const facts = note.facts.length;
  return [
    '<li class="note-item">',
    `<h2 class="note-title"><a href="#/n/${escape(encodeURIComponent(note.id))}">${escape(note.title)}</a></h2>`,
    note.description ? `<p class="description">${escape(note.description)}</p>` : '',
    `<p class="meta">${facts} ${facts === 1 ? 'fact' : 'facts'}</p>`,
    note.tags.length ? `<ul class="chips" aria-label="Tags of ${escape(note.title)}">${note.tags.map(chip).join('')}</ul>` : '',
    '</li>',
  ].join('');
}

/** The page's HTML for these notes and stylesheets. */
export function staticPage(notes: Note[], stylesheets: string[]): string {
  const tags = [...new Set(notes.flatMap((n) => n.tags))].sort();
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="color-scheme" content="light dark" />
    <title>Vaultcards (static baseline)</title>
${stylesheets.map((href) => `    <link rel="stylesheet" href="${escape(href)}">`).join('\n')}
  </head>
  <body>
    <div id="app">
<header class="app-header">
<a class="brand" href="#/">Vaultcards</a>
<nav class="main-nav" aria-label="Main">${NAV.map((item) => {
    const [label, href] = item.split(':') as [string, string];
    return `<a href="${href}"${href === '#/' ? ' aria-current="page"' : ''}>${label}</a>`;
  }).join('')}</nav>
<form role="search" class="search"><label for="search-box" class="visually-hidden">Search facts</label><input id="search-box" type="search" placeholder="Search facts…" autocomplete="off"></form>
<button type="button" class="theme-toggle" aria-label="Theme: system. Change theme">◐ <span class="theme-name">system</span></button>
</header>
<main id="main" tabindex="-1">
<section class="note-list" aria-labelledby="notes-heading">
<h1 id="notes-heading" tabindex="-1">Your notes</h1>
${tags.length ? `<nav aria-label="Filter by tag"><ul class="chips">${tags.map(chip).join('')}</ul></nav>` : ''}
<ul class="notes">
${notes.map(noteItem).join('\n')}
</ul>
</section>
</main>
    </div>
  </body>
</html>
`;
}

async function main(): Promise<void> {
  const [folder, dist] = process.argv.slice(2);
  if (!folder || !dist) {
    console.error('usage: static-page.ts <notes folder> <dist>');
    process.exit(2);
  }
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const stylesheets = [...html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*>/g)].map((m) => /href="([^"]+)"/.exec(m[0])?.[1]).filter((h): h is string => Boolean(h));
  if (stylesheets.length === 0) throw new Error(`${dist}/index.html links no stylesheet`);
  const vault = buildVault(await readNotes(folder));
  const page = staticPage(vault.notes, stylesheets);
  mkdirSync(join(dist, 'bench'), { recursive: true });
  writeFileSync(join(dist, 'bench', 'static.html'), page);
  console.log(JSON.stringify({ notes: vault.notes.length, bytes: Buffer.byteLength(page), stylesheets }));
}

await main();
