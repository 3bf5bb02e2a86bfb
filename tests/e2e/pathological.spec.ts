/**
 * Notes built to hurt, imported and opened in Chromium: each kind that once
 * overflowed the stack or froze the note page (lists and callouts nested
 * 1,400 to 50,000 levels, a 10,000-column table, a line of 175,000
 * highlights, 41,000 facts) is imported at just under 1 MB, its page opened,
 * and the page must draw the note's title and first line with no script error,
 * then still move to the review screen. Times are logged, not asserted (the
 * 1 s goal is timed by `npm run bench`); the test's own timeout stops a freeze.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { MB, PATHOLOGICAL_NOTES } from '../../scripts/bench/pathological-notes.ts';

/** The kind, and a line of text its page must show. */
const KINDS: [string, string | RegExp][] = [
  ['deep nesting: thousands of indentation levels (tabs)', /^x$/],
  ['deep quotes: > repeated up to 3,000 levels', /^q$/],
  ['> on one line (a million nested quotes)', 'Callouts'],
  ['==a on one line', /^a$/],
  ['a table with 10,000 columns', 'The first 64 of 10,000 columns are shown'],
  ['distinct facts up to the cap (41,000 items, 82,000 cards)', 'item 0 is: value 0'],
];

test('pathological notes import, open and leave the app usable', async ({ page }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const dir = join(test.info().outputPath('notes'), 'Hostile');
  mkdirSync(dir, { recursive: true });
  KINDS.forEach(([kind], i) => {
    const text = (PATHOLOGICAL_NOTES[kind] as (bytes: number) => string)(MB - 4096).slice(0, MB - 2048);
    // A title line first, so the page has something to be found by.
    writeFileSync(join(dir, `Hostile ${i}.md`), `# Hostile ${i}\n${kind.startsWith('>') ? '## Callouts\n' : ''}${text}`);
  });
  await page.goto('/#/library');
  const started = Date.now();
  await page.getByLabel('Choose a folder…').setInputFiles(dir);
  await expect(page.getByRole('heading', { name: 'Imported into “Hostile”' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('region', { name: 'Imported into “Hostile”' })).toContainText(`${KINDS.length} notes with`);
  const timings = [`import of ${KINDS.length} notes ${Date.now() - started} ms`];

  for (const [i, [kind, shown]] of KINDS.entries()) {
    const opened = Date.now();
    await page.goto(`/#/n/${encodeURIComponent(`@hostile/Hostile ${i}`)}`);
    await expect(page.getByRole('heading', { level: 1, name: `Hostile ${i}` }), kind).toBeVisible({ timeout: 20_000 });
    await expect(page.getByText(shown).first(), kind).toBeVisible({ timeout: 20_000 });
    timings.push(`${kind}: ${Date.now() - opened} ms`);
  }
  await page.goto('/#/review');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  test.info().annotations.push({ type: 'timings', description: timings.join('; ') });
  expect(errors).toEqual([]);
});
