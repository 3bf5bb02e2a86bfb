/**
 * When storage fails the learner hears about it: the site's data cleared while
 * the app is open, a browser that gives the app no IndexedDB (some private
 * windows), and storage that is not persistent (Chromium's incognito-like
 * test contexts are exactly that).
 */
import { expect, test } from '@playwright/test';

test('data cleared while the app is open is said plainly, with what to do', async ({ page }) => {
  await page.goto('/#/review');
  await expect(page.getByRole('button', { name: /Show answer/ })).toBeVisible();
  await page.keyboard.press('Space');
  await page.keyboard.press('3');
  await expect(page.locator('[data-count="done"]')).toHaveText('1');
  // The storage notices load 1.5 s after the first screen.
  await page.waitForTimeout(1800);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.clearDataForOrigin', { origin: new URL(page.url()).origin, storageTypes: 'indexeddb' });
  await expect(page.getByRole('alert').filter({ hasText: "This site's stored data was cleared while the app was open" })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('restore your last backup from Progress');
});

test.describe('a browser that gives the app no IndexedDB', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => Object.defineProperty(window, 'indexedDB', { get: () => undefined, configurable: true }));
  });

  test('the notes still work, and the app says progress cannot be saved and why', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Your notes' })).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'Your progress cannot be saved' })).toContainText('private windows');
    await page.getByRole('link', { name: 'AWS Backup' }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.goto('/#/review');
    await expect(page.getByRole('main').getByText(/Your progress could not be opened: this browser gives the app no storage/)).toBeVisible();
  });
});

test('storage that is not persistent (private-window-like) is said on the Progress screen', async ({ page }) => {
  await page.goto('/#/progress');
  // Playwright's contexts are like private windows: the browser refuses persistence (the screen asked for it).
  expect(await page.evaluate(() => navigator.storage.persisted())).toBe(false);
  await expect(page.locator('.storage-line').first()).toContainText('the browser may clear it when the device runs low on space (and private windows clear it on closing)');
  await expect(page.locator('.storage-line').nth(1)).toContainText(/^Used: \d+(\.\d)? (bytes|KB|MB|GB) of \d+(\.\d)? (MB|GB) available to this app\.$/);
});
