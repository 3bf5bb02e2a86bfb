/**
 * The installable app and its updates, in real Chromium.
 *
 * Installable: Chromium itself (DevTools' Page.getInstallabilityErrors) finds
 * nothing missing once the worker is active; the manifest says what the app
 * is, and every icon is a PNG of the size it claims, the maskable one solid
 * with the mark inside the safe zone.
 *
 * Updates: the built app is served from a temporary copy by a small server
 * here, so the test can publish a "new version" (a changed sw.js) under the
 * page's feet. The banner offers it; accepted during a quiz, it waits: no
 * SKIP_WAITING, no reload, until the quiz is finished and its result stored;
 * then the page reloads under the new worker with the result kept.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, appendFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { answerQuestionByKeyboard } from './answer.ts';

/** Waits for the worker to be active and to control the page (it claims the page that installed it). */
async function waitForControl(page: Page): Promise<void> {
  await page.waitForFunction(async () => (await navigator.serviceWorker.getRegistration())?.active?.state === 'activated');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** Width and height from a PNG's header. */
function pngSize(body: Buffer): string {
  expect(body.subarray(1, 4).toString('latin1')).toBe('PNG');
  return `${body.readUInt32BE(16)}x${body.readUInt32BE(20)}`;
}

interface Manifest {
  id: string;
  name: string;
  short_name: string;
  description: string;
  start_url: string;
  scope: string;
  display: string;
  theme_color: string;
  background_color: string;
  icons: { src: string; sizes: string; type: string; purpose: string }[];
}

test('installable: Chromium finds nothing missing, the manifest is complete and every icon is the PNG it claims', async ({ playwright, baseURL }, testInfo) => {
  // A normal profile on disk: Chromium never offers to install from the incognito-like contexts tests get by default.
  const profile = mkdtempSync(join(tmpdir(), 'vaultcards-profile-'));
  const context = await playwright.chromium.launchPersistentContext(profile, { ...testInfo.project.use.launchOptions, baseURL });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/');
    await waitForControl(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    const { errors } = await cdp.send('Page.getAppManifest');
    expect(errors).toEqual([]);
    const { appId } = await cdp.send('Page.getAppId');
    expect(appId).toBe(`${baseURL}/`);
    await checkManifestAndIcons(page);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

/** The manifest's fields, and each icon (the manifest's and apple-touch-icon) fetched: a PNG of its size. */
async function checkManifestAndIcons(page: Page): Promise<void> {

  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifestUrl = new URL(manifestHref ?? '', page.url()).href;
  const manifest = (await (await page.request.get(manifestUrl)).json()) as Manifest;
  expect(manifest).toMatchObject({
    id: '/',
    name: 'Vaultcards',
    short_name: 'Vaultcards',
    start_url: './',
    scope: './',
    display: 'standalone',
    theme_color: '#1d4ed8',
    background_color: '#f7f7f9',
  });
  expect(manifest.description).toMatch(/offline/i);
  const pngs = manifest.icons.filter((icon) => icon.type === 'image/png');
  expect(pngs.map((i) => `${i.sizes} ${i.purpose}`).sort()).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);

  const appleHref = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
  const icons = [...pngs.map((i) => ({ url: new URL(i.src, manifestUrl).href, sizes: i.sizes })), { url: new URL(appleHref ?? '', page.url()).href, sizes: '180x180' }];
  for (const { url, sizes } of icons) {
    const response = await page.request.get(url);
    expect(response.status(), url).toBe(200);
    expect(response.headers()['content-type'], url).toBe('image/png');
    expect(pngSize(await response.body()), url).toBe(sizes);
  }

  // The maskable icon: every pixel opaque, and outside the safe zone's circle (radius 40% of the side) only the background.
  const maskable = new URL(pngs.find((i) => i.purpose === 'maskable')?.src ?? '', manifestUrl).href;
  const pixels = await page.evaluate(async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d canvas');
    context.drawImage(img, 0, 0);
    const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
    const background = [data[0], data[1], data[2], data[3]];
    let seeThrough = 0;
    let outsideSafeZone = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        if (data[i + 3] !== 255) seeThrough++;
        const inside = Math.hypot(x + 0.5 - width / 2, y + 0.5 - height / 2) <= 0.4 * width;
        if (!inside && [0, 1, 2].some((c) => Math.abs((data[i + c] ?? 0) - (background[c] ?? 0)) > 2)) outsideSafeZone++;
      }
    }
    return { background, seeThrough, outsideSafeZone };
  }, maskable);
  expect(pixels).toEqual({ background: [0x1d, 0x4e, 0xd8, 255], seeThrough: 0, outsideSafeZone: 0 });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

/** A copy of the built app served on a free port, so the test can change what it serves. */
async function serveCopy(): Promise<{ origin: string; dir: string; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'vaultcards-pwa-'));
  cpSync(process.env.E2E_OUTDIR ?? 'dist', dir, { recursive: true });
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = resolve(dir, `.${path === '/' ? '/index.html' : path}`);
    if (!file.startsWith(dir + sep) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    response.end(readFileSync(file));
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    dir,
    close: async () => {
      server.closeAllConnections();
      await new Promise((closed) => server.close(closed));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Added to the served sw.js: a new version, which also says so when asked. */
const NEW_WORKER = `
;self.addEventListener('message', (event) => { if (event.data === 'which-version') event.ports[0]?.postMessage('new'); });
`;

/** What the page's controlling worker answers to "which version" ('old' when it does not answer). */
function controllerVersion(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((answer) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = (event) => answer(String(event.data));
        navigator.serviceWorker.controller?.postMessage('which-version', [channel.port2]);
        setTimeout(() => answer('old'), 1000);
      }),
  );
}

function waitingWorkerState(page: Page): Promise<string | null> {
  return page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state ?? null);
}

async function noSeriousViolations(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, what).toEqual([]);
}

test('an update accepted during a quiz waits for its end, then reloads onto the new worker with the result kept', async ({ page }) => {
  test.setTimeout(60_000);
  const site = await serveCopy();
  try {
    await page.goto(`${site.origin}/#/quiz`);
    await waitForControl(page);
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${site.origin}/sw.js`);

    // A new version is published and found.
    appendFileSync(join(site.dir, 'sw.js'), NEW_WORKER);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    const banner = page.getByRole('status').filter({ has: page.getByRole('button', { name: 'Later' }) });
    await expect(banner).toContainText('A new version of Vaultcards is available.');
    await expect(banner.getByRole('button', { name: 'Reload to update' })).toBeVisible();
    expect(await waitingWorkerState(page)).toBe('installed');

    // The banner passes axe in both themes, and looks right on a phone and a desktop.
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await noSeriousViolations(page, `update banner (${colorScheme})`);
      await page.setViewportSize({ width: 360, height: 740 });
      await page.screenshot({ path: `reports/screenshots/update-banner-360-${colorScheme}.png` });
      await page.setViewportSize({ width: 1280, height: 720 });
      await page.screenshot({ path: `reports/screenshots/update-banner-desktop-${colorScheme}.png` });
    }
    await page.emulateMedia({ colorScheme: 'light' });

    // A two-question quiz; the first question answered.
    let loads = 0;
    page.on('load', () => loads++);
    await page.getByRole('spinbutton', { name: 'Questions' }).fill('2');
    await page.getByRole('button', { name: 'Start topic quiz' }).click();
    await expect(page.getByText('Question 1 of 2')).toBeVisible();
    await answerQuestionByKeyboard(page);
    await expect(page.getByRole('heading', { level: 2, name: /Correct|Incorrect/ })).toBeVisible();
    await expect(banner).toContainText('Updating waits until you finish your quiz.');

    // Accepted now, it waits: the new worker stays waiting and the page stays.
    await banner.getByRole('button', { name: 'Reload to update' }).click();
    await expect(banner).toContainText('Vaultcards will update when you finish your quiz.');
    await expect(banner.getByRole('button', { name: 'Later' })).toBeFocused();
    await noSeriousViolations(page, 'update banner waiting for the quiz');
    await page.screenshot({ path: 'reports/screenshots/update-banner-deferred-desktop.png' });
    await page.getByRole('button', { name: /Next question/ }).click();
    await expect(page.getByText('Question 2 of 2')).toBeVisible();
    await answerQuestionByKeyboard(page);
    await expect(page.getByRole('heading', { level: 2, name: /Correct|Incorrect/ })).toBeVisible();
    expect(await waitingWorkerState(page)).toBe('installed');
    expect(await controllerVersion(page)).toBe('old');
    expect(loads).toBe(0);

    // Finishing the quiz lets the update go: one reload, under the new worker.
    await page.keyboard.press('Enter');
    await expect.poll(() => loads, { timeout: 10_000 }).toBe(1);
    await expect(page.getByRole('heading', { level: 1, name: 'Quick quiz' })).toBeVisible();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    expect(await controllerVersion(page)).toBe('new');
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${site.origin}/sw.js`);
    expect(await waitingWorkerState(page)).toBeNull();
    await expect(page.getByRole('status').filter({ hasText: 'new version' })).toHaveCount(0);

    // The quiz's result was stored before the reload.
    await page.getByRole('link', { name: 'Stats' }).click();
    const scores = page.getByRole('table', { name: 'Recent quiz scores' }).getByRole('row');
    await expect(scores).toHaveCount(2);
    await expect(scores.nth(1)).toContainText(/\d of 2/);
    expect(loads).toBe(1);
  } finally {
    await site.close();
  }
});
