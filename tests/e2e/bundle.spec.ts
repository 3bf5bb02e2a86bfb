/**
 * The notes are compiled at build time: the first screen's JavaScript must hold
 * the finished model, not a markdown parser, YAML parser or sanitizer; the
 * parser is loaded when a learner imports notes, and only then.
 * Runs after the Playwright web server has built `dist/`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { FIRST_SCREEN_BUDGET_KB, firstScreenAssets } from '../../scripts/first-screen.mjs';

const PARSER_WORDS = ['marked(): input parameter is undefined or null', 'Implicit map keys need to be followed by map values'];
const readAsset = (path: string): string => readFileSync(join(process.env.E2E_OUTDIR ?? 'dist', path), 'utf8');

test('the first screen ships the compiled notes and no parser; the parser loads only when notes are imported', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Your notes' })).toBeVisible();
  const first = scripts.map(readAsset).join('\n');
  // The compiled notes come with the first screen (the whole vault in a script of its own, asked for at once)…
  expect(first).toContain('policy expression; determines when/how you want your AWS resources backed up');
  for (const words of [...PARSER_WORDS, 'DOMPurify']) expect(first).not.toContain(words);
  // …but what draws the first screen holds only the notes' summaries.
  const drawing = firstScreenAssets(process.env.E2E_OUTDIR ?? 'dist').files.map((f) => readAsset(f.path)).join('\n');
  expect(drawing).toContain('AWS CloudTrail');
  expect(drawing).not.toContain('policy expression; determines when/how you want your AWS resources backed up');
  // Built assets hold the parser somewhere (for imports), so the check above is not vacuous.
  const all = readdirSync(join(process.env.E2E_OUTDIR ?? 'dist', 'assets')).map((f) => readAsset(`assets/${f}`)).join('\n');
  for (const words of PARSER_WORDS) expect(all).toContain(words);

  await page.goto('/#/library');
  await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
  const beforeImport = scripts.map(readAsset).join('\n');
  for (const words of PARSER_WORDS) expect(beforeImport).not.toContain(words);
  const loaded = scripts.length;
  await page.getByLabel('Choose notes…').setInputFiles({ name: 'one.md', mimeType: 'text/markdown', buffer: Buffer.from('# One\n\n- a fact of mine\n') });
  await expect(page.getByRole('heading', { name: 'Imported into “My notes”' })).toBeVisible();
  const afterImport = scripts.slice(loaded).map(readAsset).join('\n');
  for (const words of PARSER_WORDS) expect(afterImport).toContain(words);
});

test('the sandbox is not part of the first screen: its code loads when the sandbox opens', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Your notes' })).toBeVisible();
  const firstLoad = scripts.map((u) => new URL(u).pathname);
  // The engine's own words must not be in anything the first screen loaded.
  for (const path of firstLoad) {
    const js = readFileSync(join(process.env.E2E_OUTDIR ?? 'dist', path), 'utf8');
    expect(js, path).not.toContain('Backup vault cannot be deleted because it contains recovery points.');
    expect(js, path).not.toContain('Vault names are unique within an account and Region.');
  }
  const before = scripts.length;
  await page.goto('/#/sandbox');
  await expect(page.getByRole('heading', { level: 1, name: 'AWS Backup sandbox' })).toBeVisible();
  const later = scripts.slice(before).map((u) => new URL(u).pathname);
  expect(later.some((p) => /SandboxScreen/.test(p))).toBe(true);
});

test(`the first screen's JavaScript and CSS fit the ${FIRST_SCREEN_BUDGET_KB} KB gzip budget, and the count matches what the page loads`, async ({ page }) => {
  const dist = process.env.E2E_OUTDIR ?? 'dist';
  const assets = firstScreenAssets(dist);
  const kb = assets.gzip / 1024;
  expect(kb, assets.files.map((f) => `${f.path} ${(f.gzip / 1024).toFixed(1)} KB`).join(', ')).toBeLessThanOrEqual(FIRST_SCREEN_BUDGET_KB);
  // The static count must be what the browser really fetches for the first screen, no more, no less.
  const loaded = new Set<string>();
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname.replace(/^\//, '');
    if (path.startsWith('assets/') && /\.(js|css)$/.test(path)) loaded.add(path);
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Your notes' })).toBeVisible();
  // The backup reminder is fetched 1.5 s after the first screen, by design: stop looking before that.
  await page.waitForTimeout(300);
  const seen = [...loaded];
  const counted = new Set(assets.files.map((f) => f.path));
  // The whole vault is asked for at once but not waited for: the list is drawn from the summaries.
  const isVault = (p: string): boolean => readAsset(p).includes('policy expression; determines when/how you want your AWS resources backed up');
  expect(seen.filter((p) => !counted.has(p) && !isVault(p))).toEqual([]);
  for (const path of counted) expect(seen, path).toContain(path);
});
