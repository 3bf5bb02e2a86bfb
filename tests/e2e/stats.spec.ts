import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

async function reviewCards(page: Page, n: number): Promise<void> {
  await page.goto('/#/review');
  for (let i = 1; i <= n; i++) {
    await expect(page.getByRole('button', { name: /Show answer/ })).toBeVisible();
    await page.keyboard.press('Space');
    await page.keyboard.press('3');
    await expect(page.locator('[data-count="done"]')).toHaveText(String(i));
  }
}

test.describe('stats', () => {
  test('show today, streak, forecast, mastery, and exam-day readiness with pacing', async ({ page }) => {
    await reviewCards(page, 3);
    await page.getByRole('link', { name: 'Stats' }).click();
    await expect(page.locator('[data-stat="today"]')).toHaveText('3');
    await expect(page.locator('[data-stat="streak"]')).toHaveText('1 day');
    await expect(page.getByText(/3 reviews on 1 of the last 365 days/)).toBeVisible();
    await expect(page.getByRole('table', { name: 'By note' })).toContainText('AWS backup');

    const exam = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Exam date').fill(exam);
    await page.getByLabel('Exam date').dispatchEvent('change');
    await expect(page.locator('[data-readiness="overall"]')).toHaveText(/^\d+%$/);
    await expect(page.getByRole('table', { name: 'By exam domain' })).toContainText('Billing, Pricing, and Support');
    await expect(page.getByRole('heading', { name: 'Study next' })).toBeVisible();
    // Three days is too short for 20 new cards a day: the app proposes a faster pace.
    const pace = page.getByRole('button', { name: /Set new cards per day to \d+/ });
    const wanted = (await pace.textContent())?.match(/\d+/)?.[0];
    await pace.click();
    await expect(page.getByRole('status').filter({ hasText: `New cards per day set to ${wanted}` })).toBeVisible();

    await page.reload();
    await expect(page.getByLabel('Exam date')).toHaveValue(exam);
    await page.goto('/#/progress');
    await expect(page.getByLabel('New cards per day')).toHaveValue(wanted ?? '');
  });

  test('a card suspended during review can be unsuspended from stats', async ({ page }) => {
    await page.goto('/#/review');
    await expect(page.getByRole('button', { name: /Show answer/ })).toBeVisible();
    const prompt = (await page.locator('#card-prompt').textContent()) ?? '';
    await page.getByRole('button', { name: 'Suspend card' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Card suspended.' })).toBeVisible();
    await expect(page.locator('#card-prompt')).not.toHaveText(prompt);
    await page.goto('/#/stats');
    const item = page.getByRole('listitem').filter({ hasText: prompt.trim() });
    await item.getByRole('button', { name: 'Unsuspend' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Card unsuspended.' })).toBeVisible();
    await expect(page.getByText('No card is suspended.')).toBeVisible();
    // Back in the queue, in its place: first again.
    await page.goto('/#/review');
    await expect(page.locator('#card-prompt')).toHaveText(prompt);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`review, stats and progress screens have no serious accessibility violations (${colorScheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await reviewCards(page, 1);
      await page.keyboard.press('Space');
      for (const path of ['/#/review', '/#/stats', '/#/progress']) {
        if (path !== '/#/review') await page.goto(path);
        await page.waitForSelector('main h1');
        await page.waitForTimeout(200);
        const results = await new AxeBuilder({ page }).analyze();
        const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        expect(serious, `${path} ${colorScheme}`).toEqual([]);
      }
    });
  }
});
