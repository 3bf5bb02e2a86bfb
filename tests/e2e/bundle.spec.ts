/**
 * The notes are compiled at build time: the first screen's JavaScript must hold
 * the finished model, not a markdown parser, YAML parser or sanitizer.
 * Runs after the Playwright web server has built `dist/`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

test('the first-load bundle ships the compiled notes and no parser', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Your notes' })).toBeVisible();
  const assets = join(process.env.E2E_OUTDIR ?? 'dist', 'assets');
  const js = readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(join(assets, f), 'utf8'))
    .join('\n');
  expect(js).toContain('policy expression; determines when/how you want your AWS resources backed up');
  expect(js).not.toContain('marked(): input parameter is undefined or null');
  expect(js).not.toContain('Implicit map keys need to be followed by map values');
  expect(js).not.toContain('DOMPurify');
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
