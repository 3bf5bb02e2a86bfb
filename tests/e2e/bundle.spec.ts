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
  const assets = join('dist', 'assets');
  const js = readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(join(assets, f), 'utf8'))
    .join('\n');
  expect(js).toContain('policy expression; determines when/how you want your AWS resources backed up');
  expect(js).not.toContain('marked(): input parameter is undefined or null');
  expect(js).not.toContain('Implicit map keys need to be followed by map values');
  expect(js).not.toContain('DOMPurify');
});
