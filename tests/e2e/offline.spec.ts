/**
 * Offline first: once the app has been opened, its service worker serves it
 * with the network off, lazy screens included; a drill opened online is still
 * there offline after a reload. The control run with service workers blocked
 * must fail offline, which proves it is the worker that serves the page.
 */
import { expect, test, type Page } from '@playwright/test';

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
