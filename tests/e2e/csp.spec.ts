/**
 * The Content Security Policy: no inline scripts, no eval; every screen works
 * under it without a single violation (a violation means something the app
 * does is refused, or something injected was stopped).
 */
import { expect, test, type Page } from '@playwright/test';

async function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    const list: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = list;
    document.addEventListener('securitypolicyviolation', (e) => list.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
});

test('the policy forbids inline scripts and eval, and no screen trips it', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/');
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toMatch(/script-src 'self'(;|$)/);
  expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
  await expect(page.getByRole('heading', { name: 'Your notes' })).toBeVisible();
  // A script injected at run time is refused: the policy is live, not decorative.
  const ran = await page.evaluate(() => {
    (window as unknown as { __ran?: boolean }).__ran = false;
    const s = document.createElement('script');
    s.textContent = 'window.__ran = true';
    document.body.append(s);
    return (window as unknown as { __ran?: boolean }).__ran;
  });
  expect(ran).toBe(false);
  const refused = await violations(page);
  expect(refused.some((v) => v.startsWith('script-src'))).toBe(true);
  await page.evaluate(() => ((window as unknown as { __csp: string[] }).__csp.length = 0));

  await page.getByRole('link', { name: 'AWS Backup' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  for (const [hash, heading] of [
    ['#/review', 'Review'],
    ['#/quiz', 'Quick quiz'],
    ['#/exam', 'Practice exam'],
    ['#/stats', 'Stats'],
    ['#/progress', 'Progress'],
    ['#/library', 'Library'],
    ['#/drills', 'Drills'],
    ['#/sandbox', 'AWS Backup sandbox'],
    ['#/sandbox/plans', 'AWS Backup sandbox'],
    ['#/sandbox/audit', 'AWS Backup sandbox'],
    ['#/sandbox/monitoring', 'AWS Backup sandbox'],
    ['#/sandbox/costs', 'AWS Backup sandbox'],
    ['#/sandbox/cli', 'AWS Backup sandbox'],
  ] as const) {
    await page.goto(`/${hash}`);
    await expect(page.getByRole('heading', { level: 1, name: heading }).first(), hash).toBeVisible();
    await page.waitForTimeout(150);
  }
  // Own notes with an image (a data: URL) and a backup (a blob: download) work under the policy.
  await page.goto('/#/library');
  await page.getByLabel('Choose notes…').setInputFiles([
    { name: 'pic.md', mimeType: 'text/markdown', buffer: Buffer.from('# Pic\n\n- a fact with a picture\n\n![[dot.png]]\n') },
    { name: 'dot.png', mimeType: 'image/png', buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64') },
  ]);
  await expect(page.getByRole('heading', { name: 'Imported into “My notes”' })).toBeVisible();
  await page.goto('/#/n/%40my-notes%2Fpic');
  await expect(page.locator('img[src^="data:image/png"]')).toBeVisible();
  await page.goto('/#/progress');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Back up everything (JSON)' }).click();
  await download;
  expect(await violations(page)).toEqual([]);
});
