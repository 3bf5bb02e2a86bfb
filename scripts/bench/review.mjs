/**
 * Benchmark (b): a grade followed by the next card on screen, in the real
 * review screen of the built app, driven by the keyboard as a learner would.
 *
 * Each sample: Space reveals the answer; once the grade buttons show, a probe
 * is armed and '3' (Good) pressed. The probe notes performance.now() in a
 * capture-phase keydown listener (before the app's own handler), then a
 * MutationObserver waits until `#card-prompt` shows a different text (the next
 * card), and one requestAnimationFrame later (the frame that paints it) takes
 * the time again. Between samples the page gets a pause so the background
 * write and the live query of the previous grade are over, as between two real
 * grades.
 *
 * Baseline, in the same page just before each grade: a key the app does not
 * use ('x') is pressed; a capture-phase listener notes the time, keeps the key
 * from the app, and changes one text node (a small visible counter added to
 * the page); a MutationObserver notes the change, and one animation frame
 * later the time is taken again. That is the least a key -> change on screen
 * can cost in this browser at that moment.
 */
import { summarize } from './stats.mjs';

/** Installed in the page: `armBaseline()` makes the next 'x' change one text node; `pending` is then its sample. */
function installBaselineProbe() {
  const counter = document.createElement('span');
  counter.id = 'bench-baseline';
  counter.style.cssText = 'position:fixed;right:0;bottom:0;font-size:10px';
  counter.textContent = '0';
  document.body.append(counter);
  const text = counter.firstChild;
  window.__baselineProbe = {
    pending: null,
    armBaseline() {
      let keyAt = null;
      this.pending = new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the baseline text did not change within 5 s')), 5000);
        const observer = new MutationObserver(() => {
          const domAt = performance.now();
          observer.disconnect();
          requestAnimationFrame(() => {
            clearTimeout(timer);
            resolve({ dom: domAt - keyAt, frame: performance.now() - keyAt });
          });
        });
        observer.observe(counter, { subtree: true, characterData: true, childList: true });
        const onKey = (event) => {
          if (event.key !== 'x') return;
          keyAt = performance.now();
          event.stopImmediatePropagation();
          event.preventDefault();
          window.removeEventListener('keydown', onKey, { capture: true });
          text.data = String(Number(text.data) + 1);
        };
        window.addEventListener('keydown', onKey, { capture: true });
      });
    },
  };
}

/** Installed in the page: `arm()` starts watching, `pending` is then the promise of one sample. */
function installProbe() {
  window.__gradeProbe = {
    pending: null,
    arm() {
      const before = document.getElementById('card-prompt')?.textContent ?? '';
      const root = document.querySelector('section.review') ?? document.body;
      let keyAt = null;
      this.pending = new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the next card did not show within 5 s')), 5000);
        window.addEventListener('keydown', () => (keyAt = performance.now()), { capture: true, once: true });
        const observer = new MutationObserver(() => {
          const text = document.getElementById('card-prompt')?.textContent ?? '';
          if (keyAt === null || text === before) return;
          const domAt = performance.now();
          observer.disconnect();
          requestAnimationFrame(() => {
            clearTimeout(timer);
            resolve({ dom: domAt - keyAt, frame: performance.now() - keyAt });
          });
        });
        observer.observe(root, { subtree: true, childList: true, characterData: true });
      });
    },
  };
}

/**
 * Opens the review screen and times grades.
 * @param {import('@playwright/test').Page} page on the app's origin, IndexedDB seeded
 * @param {string} url the app's address
 * @param {{ warmup: number, runs: number, pauseMs: number }} options
 */
export async function benchReview(page, url, { warmup, runs, pauseMs }) {
  await page.goto(`${url}/#/review`);
  await page.waitForSelector('#card-prompt', { timeout: 60_000 });
  // Since navigation start: the app's scripts loaded (DOMContentLoaded), then the first card shown.
  const { openMs, loadedMs } = await page.evaluate(() => ({
    openMs: performance.now(),
    loadedMs: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? NaN,
  }));
  const dueAtStart = Number(await page.locator('[data-count="due"]').textContent());
  await page.evaluate(installProbe);
  await page.evaluate(installBaselineProbe);
  await page.waitForTimeout(pauseMs);

  // The same handle on the Good button as the end-to-end tests use.
  const good = page.getByRole('button', { name: /^Good, next in/ });
  const frame = [];
  const dom = [];
  const baseline = [];
  for (let i = 0; i < warmup + runs; i++) {
    await page.keyboard.press('Space');
    await good.waitFor({ timeout: 10_000 });
    await page.evaluate(() => window.__baselineProbe.armBaseline());
    await page.keyboard.press('x');
    const base = await page.evaluate(() => window.__baselineProbe.pending);
    if (i >= warmup) baseline.push(base.frame);
    await page.waitForTimeout(50);
    await page.evaluate(() => window.__gradeProbe.arm());
    await page.keyboard.press('3');
    const { dom: d, frame: f } = await page.evaluate(() => window.__gradeProbe.pending);
    if (i >= warmup) {
      dom.push(d);
      frame.push(f);
    }
    await page.waitForTimeout(pauseMs);
  }
  const notice = (await page.locator('.notice').textContent())?.trim() ?? '';
  return { openMs, loadedMs, dueAtStart, frame: summarize(frame), dom: summarize(dom), baseline: summarize(baseline), samples: { frame, dom, baseline }, notice };
}
