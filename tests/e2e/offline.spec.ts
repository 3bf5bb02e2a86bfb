/**
 * Offline first: once the app has been opened, its service worker serves it
 * with the network off, lazy screens included; a drill opened online is still
 * there offline after a reload. The control run with service workers blocked
 * must fail offline, which proves it is the worker that serves the page.
 * Studying works offline too: review (kept in IndexedDB), quiz and sandbox.
 */
import { expect, test, type Page } from '@playwright/test';
import { answerQuestionByKeyboard } from './answer.ts';

async function waitForActiveWorker(page: Page): Promise<void> {
  await page.waitForFunction(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    return reg?.active?.state === 'activated';
  });
  // The first page load is not controlled yet; a reload puts it under the worker.
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

test('the app, its lazy screens and an opened drill work offline after a reload', async ({ page, context }) => {
  test.setTimeout(90_000);
  // A drill is built and opened as a student while online.
  await page.goto('/#/drills');
  await waitForActiveWorker(page);
  await page.getByLabel('Title').fill('Offline drill');
  await page.getByLabel('Questions').fill('2');
  await page.getByRole('button', { name: 'Build drill' }).click();
  const link = await page.getByRole('textbox', { name: 'Drill link' }).inputValue();
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Offline drill' })).toBeVisible();

  await context.setOffline(true);
  await page.goto('/#/drills');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Drills' })).toBeVisible();
  await expect(page.getByRole('link', { name: /Offline drill/ }).first()).toBeVisible();
  for (const [hash, heading] of [
    ['#/', 'Your notes'],
    ['#/sandbox', 'AWS Backup sandbox'],
    ['#/quiz', 'Quick quiz'],
    ['#/stats', 'Stats'],
  ] as const) {
    await page.goto(`/${hash}`);
    await expect(page.getByRole('heading', { level: 1, name: heading }).first()).toBeVisible();
  }
  const manifest = await page.evaluate(() => document.querySelector('link[rel="manifest"]')?.getAttribute('href'));
  expect(manifest).toBeTruthy();
});

/** Rows in an IndexedDB store of the app's database. */
function storedCount(page: Page, store: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const request = indexedDB.open('vaultcards');
        request.onsuccess = () => {
          const count = request.result.transaction(name, 'readonly').objectStore(name).count();
          count.onsuccess = () => {
            resolve(count.result);
            request.result.close();
          };
        };
        request.onerror = () => reject(request.error);
      }),
    store,
  );
}

test('studying offline: a card graded by keyboard is kept across an offline reload, a quiz question gets its feedback, a sandbox vault is created', async ({ page, context }) => {
  await page.goto('/#/review');
  await waitForActiveWorker(page);
  await context.setOffline(true);
  await page.reload();

  const count = (name: string) => page.locator(`[data-count="${name}"]`);
  await expect(page.getByRole('button', { name: /Show answer/ })).toBeVisible();
  await expect(count('new')).toHaveText('20');
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: /^Good, next in/ })).toBeVisible();
  await page.keyboard.press('3');
  await expect(count('done')).toHaveText('1');
  await expect.poll(() => storedCount(page, 'reviews')).toBe(1);
  await page.reload();
  await expect(count('done')).toHaveText('1');
  await expect(count('new')).toHaveText('19');

  await page.goto('/#/quiz');
  await page.getByRole('button', { name: 'Start quick quiz (10 questions)' }).click();
  await expect(page.getByText('Question 1 of 10')).toBeVisible();
  await answerQuestionByKeyboard(page);
  await expect(page.getByRole('status').filter({ hasText: /Correct|Incorrect/ })).toBeVisible();

  await page.goto('/#/sandbox');
  await expect(page.getByRole('heading', { level: 1, name: 'AWS Backup sandbox' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Sandbox' }).getByRole('link', { name: 'Vaults', exact: true }).click();
  await page.getByLabel('Vault name').fill('offline-vault');
  await page.getByRole('button', { name: 'Create vault' }).click();
  await expect(page.getByRole('cell', { name: 'offline-vault' }).first()).toBeVisible();
});

test.describe('without a service worker', () => {
  test.use({ serviceWorkers: 'block' });
  test('the page does not load offline (the control)', async ({ page, context }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Your notes' })).toBeVisible();
    await context.setOffline(true);
    const reloaded = await page.reload().then(
      () => 'loaded',
      () => 'failed',
    );
    if (reloaded === 'loaded') await expect(page.getByRole('heading', { name: 'Your notes' })).toHaveCount(0);
  });
});
