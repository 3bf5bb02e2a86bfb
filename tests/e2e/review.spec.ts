import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

const count = (page: Page, name: string) => page.locator(`[data-count="${name}"]`);

async function gradeByKeyboard(page: Page, key: '1' | '2' | '3' | '4', done: number): Promise<string> {
  const prompt = (await page.locator('#card-prompt').textContent()) ?? '';
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: /^Good, next in/ })).toBeVisible();
  await page.keyboard.press(key);
  await expect(count(page, 'done')).toHaveText(String(done));
  return prompt;
}

test.describe('flashcard review', () => {
  test('reviews by keyboard, undoes one, and keeps counts and history across a reload', async ({ page }) => {
    await page.goto('/#/review');
    await expect(page.getByRole('button', { name: /Show answer/ })).toBeVisible();
    await expect(count(page, 'new')).toHaveText('20');
    await gradeByKeyboard(page, '3', 1);
    await gradeByKeyboard(page, '1', 2);
    const third = await gradeByKeyboard(page, '4', 3);
    await page.keyboard.press('u');
    await expect(count(page, 'done')).toHaveText('2');
    await expect(page.locator('#card-prompt')).toHaveText(third);
    await expect(page.getByRole('status').filter({ hasText: 'Last grade undone.' })).toBeVisible();
    await expect(count(page, 'new')).toHaveText('18');

    await page.reload();
    await expect(count(page, 'done')).toHaveText('2');
    await expect(count(page, 'new')).toHaveText('18');
    await expect(page.locator('#card-prompt')).toHaveText(third);
    const stored = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const req = indexedDB.open('vaultcards');
          req.onsuccess = () => {
            const tx = req.result.transaction('reviews', 'readonly');
            const c = tx.objectStore('reviews').count();
            c.onsuccess = () => {
              resolve(c.result);
              req.result.close();
            };
          };
          req.onerror = () => reject(req.error);
        }),
    );
    expect(stored).toBe(2);
  });

  test('exports progress, survives the database being cleared, and imports the same state back', async ({ page }) => {
    await page.goto('/#/review');
    await expect(page.getByRole('button', { name: /Show answer/ })).toBeVisible();
    await gradeByKeyboard(page, '3', 1);
    await gradeByKeyboard(page, '2', 2);

    await page.getByRole('link', { name: 'Progress' }).click();
    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Back up everything (JSON)' }).click();
    const download = await downloadPromise;
    const path = test.info().outputPath('progress.json');
    await download.saveAs(path);
    const exported = JSON.parse(readFileSync(path, 'utf8'));
    expect(exported).toMatchObject({ format: 'vaultcards-progress', version: 2 });
    expect(exported.reviews).toHaveLength(2);

    // A bad file is refused and changes nothing.
    await page.getByLabel('Backup file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"vaultcards-progress","version":9}') });
    await expect(page.getByRole('alert')).toContainText('newer version of Vaultcards');

    await page.evaluate(() => new Promise((resolve) => { const r = indexedDB.deleteDatabase('vaultcards'); r.onsuccess = r.onerror = r.onblocked = () => resolve(null); }));
    await page.goto('/#/review');
    await page.reload();
    await expect(count(page, 'done')).toHaveText('0');
    await expect(count(page, 'new')).toHaveText('20');

    await page.goto('/#/progress');
    await page.getByLabel(/Replace everything here/).check();
    await page.getByLabel('Backup file').setInputFiles(path);
    await expect(page.getByRole('status').filter({ hasText: 'Restored 2 cards, 2 reviews' })).toBeVisible();
    await page.goto('/#/review');
    await expect(count(page, 'done')).toHaveText('2');
    await expect(count(page, 'new')).toHaveText('18');
  });

  test('the note filter limits the queue to that note, and the address keeps it', async ({ page }) => {
    await page.goto('/#/review');
    await expect(count(page, 'new')).toHaveText('20');
    await page.getByRole('combobox', { name: 'Note' }).selectOption({ label: 'AWS CloudTrail' });
    await expect(page).toHaveURL(/#\/review\?note=monitoring-CloudTrail$/);
    await expect(count(page, 'new')).toHaveText('7');
    await expect(page.locator('.card-where')).toContainText('AWS CloudTrail');
    await page.reload();
    await expect(count(page, 'new')).toHaveText('7');
    await page.getByRole('combobox', { name: 'Note' }).selectOption({ label: 'All notes' });
    await expect(count(page, 'new')).toHaveText('20');
  });

  test('two pages reviewing at once both record their reviews and update live', async ({ page, context }) => {
    const other = await context.newPage();
    await page.goto('/#/review');
    await other.goto('/#/review');
    await expect(page.getByRole('button', { name: /Show answer/ })).toBeVisible();
    await expect(other.getByRole('button', { name: /Show answer/ })).toBeVisible();

    await gradeByKeyboard(page, '3', 1);
    await expect(count(other, 'done')).toHaveText('1');
    await other.bringToFront();
    await gradeByKeyboard(other, '3', 2);
    await expect(count(page, 'done')).toHaveText('2');
    await page.bringToFront();
    await gradeByKeyboard(page, '3', 3);
    await expect(count(other, 'done')).toHaveText('3');
    await expect(count(other, 'new')).toHaveText('17');
  });
});
