/**
 * Benchmark (f): the first screen, from navigation to the topic list being
 * interactive, in headless Chromium with a cold cache, against a static HTML
 * page listing the same notes (`/bench/static.html`, see static-page.ts),
 * served by the same `vite preview`.
 *
 * Each run gets a fresh browser context: empty HTTP cache, no service worker,
 * no storage. The app and the static page alternate (app, static, app,
 * static…) so both see the same machine load.
 *
 * "Interactive", the same for both pages: an init script (run before any of
 * the page's own scripts) watches the document with a MutationObserver until
 * all `expectedLinks` note titles (`.note-title`) hold their link; it then
 * waits for the next animation frame (the frame that paints them) and one
 * macrotask after it (so whatever the page's scripts queued for that frame is
 * done and the main thread is free to take input), and takes performance.now(),
 * i.e. the time since navigation start.
 */
import { summarize } from './stats.mjs';

/** Installed by `context.addInitScript` in every document. */
function firstScreenProbe(expectedLinks) {
  let resolve;
  window.__firstScreen = new Promise((r, reject) => {
    resolve = r;
    setTimeout(() => reject(new Error(`the page did not show ${expectedLinks} note links within 60 s`)), 60_000);
  });
  const titles = document.getElementsByClassName('note-title');
  const complete = () => titles.length >= expectedLinks && titles[expectedLinks - 1].querySelector('a') !== null;
  const observer = new MutationObserver(() => {
    if (!complete()) return;
    observer.disconnect();
    const linksAt = performance.now();
    requestAnimationFrame(() =>
      setTimeout(() => {
        const navigation = performance.getEntriesByType('navigation')[0];
        resolve({
          linksAt,
          interactiveAt: performance.now(),
          domContentLoaded: navigation?.domContentLoadedEventEnd ?? NaN,
          transferKb: performance.getEntriesByType('resource').reduce((n, r) => n + (r.transferSize ?? 0), (navigation?.transferSize ?? 0)) / 1024,
        });
      }, 0),
    );
  });
  observer.observe(document, { childList: true, subtree: true });
}

/**
 * One cold load of `url` in a new context; resolves with the probe's figures.
 * @param {import('@playwright/test').Browser} browser
 */
async function coldLoad(browser, url, expectedLinks) {
  const context = await browser.newContext();
  try {
    await context.addInitScript(firstScreenProbe, expectedLinks);
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
    return await page.evaluate(() => window.__firstScreen);
  } finally {
    await context.close();
  }
}

/**
 * @param {import('@playwright/test').Browser} browser a browser with no other contexts in use
 * @param {string} url the server's address
 * @param {{ warmup: number, runs: number, expectedLinks: number }} options
 */
export async function benchFirstScreen(browser, url, { warmup, runs, expectedLinks }) {
  const app = [];
  const page = [];
  for (let i = 0; i < warmup + runs; i++) {
    const a = await coldLoad(browser, `${url}/`, expectedLinks);
    const s = await coldLoad(browser, `${url}/bench/static.html`, expectedLinks);
    if (i >= warmup) {
      app.push(a);
      page.push(s);
    }
  }
  const pick = (samples, key) => summarize(samples.map((x) => x[key]));
  return {
    app: pick(app, 'interactiveAt'),
    static: pick(page, 'interactiveAt'),
    appLinks: pick(app, 'linksAt'),
    appScripts: pick(app, 'domContentLoaded'),
    appTransferKb: pick(app, 'transferKb'),
    staticTransferKb: pick(page, 'transferKb'),
    samples: { app, static: page },
  };
}
