import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test.describe('topic cards', () => {
  test('the note list shows every shipped note and filters by tag', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Your notes' })).toBeVisible();
    const backup = page.locator('.note-item').filter({ has: page.getByRole('link', { name: 'AWS backup', exact: true }) });
    await expect(backup).toContainText('35 facts');
    await expect(backup).toContainText('centralizes and automates data protection');
    await expect(page.locator('.note-item')).toHaveCount(3);

    await page.getByRole('navigation', { name: 'Filter by tag' }).getByRole('link', { name: '#storage/backup' }).click();
    await expect(page).toHaveURL(/#\/\?tag=/);
    await expect(page.locator('.note-item')).toHaveCount(1);
    await expect(page.getByText('Showing 1 of 3 notes')).toBeVisible();
    await page.reload();
    await expect(page.locator('.note-item')).toHaveCount(1);
  });

  test('a note shows its sections as topic cards, folded ones closed until opened', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: 'AWS backup', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'AWS backup' })).toBeVisible();
    const vaultToggle = page.getByRole('button', { name: 'backup vault' });
    await expect(vaultToggle).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByText('container; stores/organizes your backups')).toHaveCount(0);
    await vaultToggle.click();
    await expect(vaultToggle).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByText('container; stores/organizes your backups')).toBeVisible();
    await expect(page.locator('mark.keyterm', { hasText: 'AWS backup vault lock' })).toBeVisible();
    // A link to a note that is not shipped is text, marked as such.
    const kms = page.locator('.missing-link', { hasText: 'AWS KMS (key management system)' });
    await expect(kms).toContainText('not in your notes');
    // External links open in a new tab without access to this page.
    const cheat = page.getByRole('link', { name: /cheat sheet/ });
    await expect(cheat).toHaveAttribute('target', '_blank');
    await expect(cheat).toHaveAttribute('rel', /noopener/);
  });

  test('a link to a block id opens the fact inside its folded section, and the deep link survives reload', async ({ page }) => {
    await page.goto('/#/n/monitoring-CloudTrail');
    await page.getByRole('link', { name: 'backup plan', exact: true }).click();
    await expect(page).toHaveURL(/#\/n\/storage-aws-backup\/f\/storage-aws-backup%5E6d75b2$/);
    const fact = page.locator('[id="fact-storage-aws-backup^6d75b2"]');
    await expect(fact).toBeVisible();
    await expect(fact).toBeFocused();
    await expect(fact).toHaveClass(/targeted/);
    await expect(page.getByRole('button', { name: 'backup plan' })).toHaveAttribute('aria-expanded', 'true');

    await page.reload();
    await expect(fact).toBeVisible();
    await expect(fact).toHaveClass(/targeted/);
    await expect(fact).toContainText('policy expression; determines when/how you want your AWS resources backed up');
  });

  test('table of contents links jump to their section', async ({ page }) => {
    await page.goto('/#/n/storage-aws-backup');
    await page.getByRole('link', { name: 'audit frameworks', exact: true }).click();
    await expect(page).toHaveURL(/\/s\/concepts-audit-manager-audit-frameworks$/);
    await expect(page.getByText('1 framework per account; max of 10 per region')).toBeVisible();
  });

  test('search finds facts across notes and jumps to them', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('searchbox', { name: 'Search facts' }).fill('report plans');
    await expect(page).toHaveURL(/#\/search\?q=report%20plans/);
    const hit = page.getByRole('link', { name: 'max of 20 report plans per account' });
    await expect(hit).toBeVisible();
    await hit.click();
    const fact = page.locator('li.fact', { hasText: 'max of 20 report plans per account' });
    await expect(fact).toBeVisible();
    await expect(fact).toBeFocused();

    await page.goto('/#/search?q=api%20calls');
    await expect(page.getByRole('link', { name: 'CloudTrail monitors AWS backup API calls' })).toBeVisible();
  });

  test('works by keyboard alone with visible focus', async ({ page }) => {
    await page.goto('/');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
    // Tab to the first note link, open it, unfold a section, all without the mouse.
    const noteLink = page.getByRole('link', { name: 'AWS backup', exact: true });
    for (let i = 0; i < 20 && !(await noteLink.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(noteLink).toBeFocused();
    const outline = await noteLink.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'AWS backup' })).toBeFocused();

    const toggle = page.getByRole('button', { name: 'backup plan' });
    for (let i = 0; i < 40 && !(await toggle.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(toggle).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await page.keyboard.press('Space');
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  });

  test('the theme choice cycles system, light, dark and survives reload', async ({ page }) => {
    await page.goto('/');
    const toggle = page.getByRole('button', { name: /^Theme: system/ });
    await toggle.click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await page.getByRole('button', { name: /^Theme: light/ }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(18, 20, 24)');
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.getByRole('button', { name: /^Theme: dark/ }).click();
    await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`has no serious accessibility violations (${colorScheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      for (const path of ['/', '/#/n/storage-aws-backup', '/#/search?q=backup', '/#/n/monitoring-cloudwatch']) {
        await page.goto(path);
        await page.waitForSelector('main h1');
        // Open every folded section so axe sees all the content.
        const folded = page.locator('button.fold[aria-expanded="false"]');
        for (let i = 0; i < 60 && (await folded.count()) > 0; i++) await folded.first().click();
        await expect(folded).toHaveCount(0);
        expect(await seriousViolations(page), `${path} in ${colorScheme}`).toEqual([]);
      }
    });
  }

  test('fits a 360 px phone screen and saves screenshots', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/#/n/storage-aws-backup');
    await page.getByRole('button', { name: 'backup vault' }).click();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: 'reports/screenshots/topics-phone.png', fullPage: true });
    for (const path of ['/#/review', '/#/stats', '/#/progress', '/#/search?q=vault']) {
      await page.goto(path);
      await page.waitForSelector('main h1');
      await page.waitForTimeout(300);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(wide, `${path} is wider than the phone`).toBeLessThanOrEqual(0);
      await expect(page.getByRole('searchbox', { name: 'Search facts' })).toBeInViewport();
    }
    await page.goto('/#/review');
    await page.getByRole('button', { name: /Show answer/ }).click();
    await page.screenshot({ path: 'reports/screenshots/review-phone.png', fullPage: true });
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: 'reports/screenshots/topics-desktop-dark.png' });
  });
});
