/**
 * Own notes and the backup of everything, in Chromium: a folder with a bad
 * file imports the good notes and lists the rest; the notes join the topics,
 * flashcards and search and survive a reload; removal asks first. A device
 * with progress, a quiz, a sandbox and own notes is backed up, the site's data
 * is cleared, and the backup brings back the same state.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const NOTE_ONE = `---
tags: [aws/storage, my-vault]
---
# Amazon S3 basics

- S3 stores objects in buckets ^buckets
- A single object can be at most **5 TB**
- S3 is designed for ==11 nines== of durability
- The storage classes are described in [[Glacier tiers]]

> [!tip] Remember
> S3 Standard keeps data in at least 3 Availability Zones

| Class | Minimum storage |
| --- | --- |
| S3 Standard-IA | 30 days |
| S3 Glacier Deep Archive | 180 days |

![[diagram.png]]
`;
const NOTE_TWO = `# Glacier tiers

- S3 Glacier Flexible Retrieval bulk retrievals take 5 to 12 hours
- S3 Glacier Deep Archive standard retrievals finish within 12 hours
`;

function makeVaultFolder(root: string): string {
  const dir = join(root, 'My Vault');
  mkdirSync(join(dir, 'Storage'), { recursive: true });
  mkdirSync(join(dir, 'Archive tiers'), { recursive: true });
  mkdirSync(join(dir, 'img'), { recursive: true });
  mkdirSync(join(dir, '.obsidian'), { recursive: true });
  writeFileSync(join(dir, 'Storage', 'Amazon S3 basics.md'), NOTE_ONE);
  writeFileSync(join(dir, 'Archive tiers', 'Glacier tiers.md'), NOTE_TWO);
  writeFileSync(join(dir, 'img', 'diagram.png'), PNG);
  writeFileSync(join(dir, 'broken.md'), Buffer.from([0x23, 0x20, 0x00, 0x01, 0xff, 0xfe]));
  writeFileSync(join(dir, 'slides.pdf'), '%PDF-1.4');
  writeFileSync(join(dir, '.obsidian', 'app.json'), '{}');
  return dir;
}

async function importFolder(page: Page, dir: string): Promise<void> {
  await page.goto('/#/library');
  await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
  await page.getByLabel('Choose a folder…').setInputFiles(dir);
  await expect(page.getByRole('heading', { name: 'Imported into “My Vault”' })).toBeVisible();
}

async function backUp(page: Page, name: string): Promise<{ path: string; json: Record<string, unknown> }> {
  await page.goto('/#/progress');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Back up everything (JSON)' }).click();
  const path = test.info().outputPath(name);
  await (await downloading).saveAs(path);
  return { path, json: JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown> };
}

test.describe('your own notes', () => {
  test('a folder with a bad file imports the good notes, lists what was skipped, and the notes join topics, flashcards and search', async ({ page }) => {
    const dir = makeVaultFolder(test.info().outputPath('vault'));
    await importFolder(page, dir);
    const report = page.locator('.import-report');
    await expect(report).toContainText('2 notes');
    await expect(report).toContainText('2 new');
    await expect(report.locator('.skipped')).toContainText('broken.md');
    await expect(report.locator('.skipped')).toContainText('not UTF-8 text');
    await expect(report.locator('.skipped')).toContainText('slides.pdf: not a markdown note (.pdf files are not imported)');
    await expect(report).toContainText('1 hidden file');

    // Topics: the vault with its folders beside the shipped notes.
    await page.getByRole('link', { name: 'Topics' }).click();
    const group = page.getByRole('region', { name: 'My Vault' });
    await expect(group.getByRole('link', { name: 'Amazon S3 basics' })).toBeVisible();
    await expect(group.getByRole('link', { name: 'Glacier tiers' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'AWS Backup' }).first()).toBeVisible();
    await group.getByRole('link', { name: 'Amazon S3 basics' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Amazon S3 basics' })).toBeVisible();
    await expect(page.locator('mark', { hasText: '11 nines' })).toBeVisible();
    await expect(page.locator('img[src^="data:image/png;base64,"]')).toBeVisible();
    await page.getByRole('link', { name: 'Glacier tiers' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Glacier tiers' })).toBeVisible();

    // Search and flashcards reach the new notes; a reload keeps them.
    await page.reload();
    await page.getByLabel('Search facts').fill('Deep Archive standard retrievals');
    await expect(page.locator('.hits a').first()).toBeVisible();
    await page.goto('/#/review');
    await expect(page.getByRole('combobox', { name: 'Note' }).locator('option', { hasText: 'Amazon S3 basics' })).toHaveCount(1);

    // Removing asks first and says what happens to the progress.
    await page.goto('/#/library');
    await page.getByRole('button', { name: 'Remove… My Vault' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove “My Vault”?' });
    await expect(dialog).toContainText('Your progress is not deleted');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await page.getByRole('button', { name: 'Remove… My Vault' }).click();
    await dialog.getByRole('button', { name: 'Remove notes' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Removed “My Vault”.' })).toBeVisible();
    await page.goto('/#/');
    await expect(page.getByRole('region', { name: 'My Vault' })).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole('link', { name: 'Amazon S3 basics' })).toHaveCount(0);
  });
});

test('notes dropped on the drop zone are imported like picked ones', async ({ page }) => {
  await page.goto('/#/library');
  await page.getByLabel('Vault name').fill('Dropped');
  const drop = page.getByRole('group', { name: /Drop notes or a folder here/ });
  const dataTransfer = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['# Dropped note\n\n- Amazon EBS volumes live in one Availability Zone\n'], 'Dropped note.md', { type: 'text/markdown' }));
    dt.items.add(new File(['not notes'], 'data.csv', { type: 'text/csv' }));
    return dt;
  });
  await drop.dispatchEvent('dragover', { dataTransfer });
  await drop.dispatchEvent('drop', { dataTransfer });
  const report = page.getByRole('region', { name: 'Imported into “Dropped”' });
  await expect(report).toContainText('1 note with 1 fact');
  await expect(report).toContainText('data.csv: not a markdown note (.csv files are not imported)');
  await page.goto('/#/');
  await expect(page.getByRole('region', { name: 'Dropped' }).getByRole('link', { name: 'Dropped note' })).toBeVisible();
});

test.describe('the backup of everything', () => {
  test('back up, clear the site data, restore: the same progress, quiz history, sandbox and own notes', async ({ page }) => {
    test.setTimeout(60_000);
    // Study: two flashcards, a quick quiz question, a sandbox vault, own notes.
    await page.goto('/#/review');
    for (const done of [1, 2]) {
      await expect(page.getByRole('button', { name: /Show answer/ })).toBeVisible();
      await page.keyboard.press('Space');
      await expect(page.getByRole('button', { name: /^Good, next in/ })).toBeVisible();
      await page.keyboard.press('3');
      await expect(page.locator('[data-count="done"]')).toHaveText(String(done));
    }
    await page.goto('/#/sandbox/vaults');
    await page.getByLabel('Vault name').fill('restore-me');
    await page.getByRole('button', { name: 'Create vault' }).click();
    await expect(page.getByRole('rowheader', { name: 'restore-me' })).toBeVisible();
    await importFolder(page, makeVaultFolder(test.info().outputPath('vault')));

    const first = await backUp(page, 'first.json');
    expect(first.json).toMatchObject({ format: 'vaultcards-progress', version: 2 });
    expect((first.json.reviews as unknown[]).length).toBe(2);
    expect((first.json.vaults as { name: string }[]).map((v) => v.name)).toEqual(['My Vault']);
    expect((first.json.settings as { key: string }[]).map((s) => s.key)).toContain('sandbox-state');

    // Clear the site's data as the browser's own "clear site data" does.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Storage.clearDataForOrigin', { origin: new URL(page.url()).origin, storageTypes: 'all' });
    await page.goto('/#/');
    await page.reload();
    await expect(page.getByRole('link', { name: 'Amazon S3 basics' })).toHaveCount(0);
    await page.goto('/#/review');
    await expect(page.locator('[data-count="done"]')).toHaveText('0');

    await page.goto('/#/progress');
    await page.getByLabel(/Replace everything here/).check();
    await page.getByLabel('Backup file').setInputFiles(first.path);
    await expect(page.getByRole('status').filter({ hasText: 'Restored' })).toContainText('1 notes vault');
    await page.goto('/#/');
    await expect(page.getByRole('region', { name: 'My Vault' }).getByRole('link', { name: 'Amazon S3 basics' })).toBeVisible();
    await page.goto('/#/review');
    await expect(page.locator('[data-count="done"]')).toHaveText('2');
    await page.goto('/#/sandbox/vaults');
    await expect(page.getByRole('rowheader', { name: 'restore-me' })).toBeVisible();

    const second = await backUp(page, 'second.json');
    expect({ ...second.json, exportedAt: 0 }).toEqual({ ...first.json, exportedAt: 0 });
  });
});

test.describe('accessibility', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`the Library (report, removal question), grouped topics and a note with callout, table and image have no serious violations and fit 360 px (${colorScheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize({ width: 360, height: 740 });
      await importFolder(page, makeVaultFolder(test.info().outputPath('vault')));
      const check = async (what: string, within?: string): Promise<void> => {
        const builder = new AxeBuilder({ page });
        if (within) builder.include(within);
        const results = await builder.analyze();
        const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        expect(serious, `${what} ${colorScheme}`).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${what} overflows`).toBeLessThanOrEqual(360);
      };
      await check('library with report');
      await page.screenshot({ path: test.info().outputPath(`library-${colorScheme}.png`), fullPage: true });
      await page.getByRole('button', { name: 'Remove… My Vault' }).click();
      await expect(page.getByRole('dialog', { name: 'Remove “My Vault”?' })).toBeVisible();
      await check('removal question', 'dialog[open]');
      await page.keyboard.press('Escape');
      await page.goto('/#/');
      await check('grouped topics');
      await page.getByRole('link', { name: 'Amazon S3 basics' }).click();
      await expect(page.locator('img[src^="data:image/png;base64,"]')).toBeVisible();
      await check('own note');
      await page.screenshot({ path: test.info().outputPath(`own-note-${colorScheme}.png`), fullPage: true });
    });
  }
});

test.describe('a long note', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`is drawn in steps: the first quickly, more by keyboard, a searched fact past them at once; no serious violations (${colorScheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      const dir = join(test.info().outputPath('long'), 'Long Vault');
      mkdirSync(dir, { recursive: true });
      const lines = ['# Long note', '## Every fact'];
      for (let i = 0; i < 2000; i++) lines.push(`- long fact number ${i} of the note`);
      writeFileSync(join(dir, 'Long note.md'), lines.join('\n'));
      await page.goto('/#/library');
      await page.getByLabel('Choose a folder…').setInputFiles(dir);
      await expect(page.getByRole('heading', { name: 'Imported into “Long Vault”' })).toBeVisible();

      await page.goto('/#/');
      await page.getByRole('link', { name: 'Long note' }).click();
      const more = page.getByRole('group', { name: /A long note/ });
      await expect(more).toContainText('1,500 of its 2,001 facts, rows and headings are shown.');
      await expect(page.locator('li.fact')).toHaveCount(1499);
      // The controls this adds; topic cards themselves are checked on ordinary notes (axe takes 12 s over 1,500 facts).
      const results = await new AxeBuilder({ page }).include('.note-head').include('.draw-more').analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(serious).toEqual([]);
      await more.scrollIntoViewIfNeeded();
      await page.screenshot({ path: test.info().outputPath(`long-note-${colorScheme}.png`) });

      await more.getByRole('button', { name: 'Show the other 501' }).focus();
      await page.keyboard.press('Enter');
      await expect(page.locator('li.fact')).toHaveCount(2000);
      await expect(more).toBeHidden();
      await expect(page.locator('li.fact', { hasText: 'long fact number 1499 of the note' })).toBeFocused();

      // A search hit past what is drawn: the note draws up to it and focuses it.
      await page.goto('/#/');
      await page.getByRole('searchbox', { name: /Search/ }).fill('long fact number 1900');
      await page.getByRole('link', { name: /long fact number 1900 of the note/ }).first().click();
      const fact = page.locator('li.fact', { hasText: 'long fact number 1900 of the note' });
      await expect(fact).toBeFocused();
      await expect(page.locator('li.fact')).toHaveCount(1901);
    });
  }
});
