import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

// A fixed start time gives a fixed seed, so every run asks the same questions.
const T0 = new Date('2026-01-05T09:00:00Z').getTime();
const MINUTE = 60_000;

const mmss = (minutes: number): string => `${String(minutes).padStart(2, '0')}:00`;

async function answerByKeyboard(page: Page): Promise<void> {
  const kind = await page.locator('form.exam-question').getAttribute('data-kind');
  await page.keyboard.press('1');
  if (kind === 'multiple') await page.keyboard.press('2');
}

async function storedExam(page: Page): Promise<unknown> {
  return page.evaluate(
    () =>
      new Promise<unknown>((resolve) => {
        const req = indexedDB.open('vaultcards');
        req.onsuccess = () => {
          const get = req.result.transaction('settings', 'readonly').objectStore('settings').get('exam-in-progress');
          get.onsuccess = () => {
            resolve(get.result?.value ?? null);
            req.result.close();
          };
        };
      }),
  );
}

test('practice exam: answer, flag, reload keeps answers and time, review, submit, score', async ({ page }) => {
  // The clock stands at T0 until the test moves it: a fixed seed and start time.
  await page.clock.install({ time: T0 - MINUTE });
  await page.clock.pauseAt(T0);
  await page.goto('/#/exam');
  await expect(page.getByRole('link', { name: 'Exam' })).toHaveAttribute('aria-current', 'page');
  const format = await page.locator('[data-exam="format"]').textContent();
  const [, questions, minutes] = /(\d+) questions: (\d+) minutes/.exec(format ?? '') ?? [];
  const total = Number(questions);
  const limit = Number(minutes);
  expect(total).toBeGreaterThan(2);
  await expect(page.getByText(/700 passes/)).toBeVisible();

  await page.getByRole('button', { name: 'Start practice exam' }).click();
  await expect(page.getByText(`Question 1 of ${total}`)).toBeVisible();
  await expect(page.getByRole('timer')).toHaveText(mmss(limit));
  await answerByKeyboard(page);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText(`Question 2 of ${total}`)).toBeVisible();
  await answerByKeyboard(page);
  await page.getByRole('button', { name: /Flag for review/ }).click();
  await expect(page.getByRole('button', { name: 'Question 2, answered, flagged' })).toBeVisible();
  const checked = await page.locator('form.exam-question input:checked').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  expect(checked.length).toBeGreaterThan(0);

  // Seven minutes pass; the countdown is computed from the deadline.
  await page.clock.pauseAt(T0 + 7 * MINUTE);
  await expect(page.getByRole('timer')).toHaveText(mmss(limit - 7));
  await expect.poll(async () => {
    const stored = (await storedExam(page)) as { index: number; flags: boolean[]; deadline: number } | null;
    return stored && { index: stored.index, flagged: stored.flags.flatMap((f, i) => (f ? [i] : [])), deadline: stored.deadline };
  }).toEqual({ index: 1, flagged: [1], deadline: T0 + limit * MINUTE });

  await page.reload();
  // Another minute passes while the page reloads: the time is not reset.
  await page.clock.pauseAt(T0 + 8 * MINUTE);
  await expect(page.getByText(`Question 2 of ${total}`)).toBeVisible();
  await expect(page.getByRole('timer')).toHaveText(mmss(limit - 8));
  await expect(page.getByRole('button', { name: /Flag for review/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('button', { name: 'Question 1, answered' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Question 2, answered, flagged' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Question 3, unanswered' })).toBeVisible();
  expect(await page.locator('form.exam-question input:checked').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual(checked);
  await page.screenshot({ path: 'test-results/exam-screen.png', fullPage: true });

  await page.getByRole('button', { name: 'Review and submit' }).first().click();
  await expect(page.getByRole('heading', { name: `Unanswered (${total - 2})` })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Flagged for review (1)' })).toBeVisible();
  // A link back to the flagged question, then back to the review.
  await page.getByRole('listitem').filter({ hasText: /^Question 2:/ }).getByRole('button', { name: 'Question 2' }).last().click();
  await expect(page.getByText(`Question 2 of ${total}`)).toBeVisible();
  await page.getByRole('button', { name: 'Review and submit' }).first().click();
  await page.getByRole('button', { name: 'Submit' }).click();

  await expect(page.getByRole('heading', { level: 2, name: /Scaled score: \d+ — (Pass|Fail)/ })).toBeVisible();
  await expect(page.getByText(new RegExp(`\\d of ${total} correct`))).toBeVisible();
  await expect(page.getByRole('table', { name: 'By exam domain' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'By topic' })).toBeVisible();
  await expect(page.locator('.answers > li')).toHaveCount(total);
  await expect(page.getByRole('link', { name: /Open the topic card/ }).first()).toHaveAttribute('href', /^#\/n\/[^/]+\/f\//);
  await expect.poll(() => storedExam(page)).toBeNull();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the exam screens have no serious accessibility violations (${colorScheme})`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.emulateMedia({ colorScheme });
    const check = async (what: string): Promise<void> => {
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(serious, `${what} (${colorScheme})`).toEqual([]);
    };
    await page.goto('/#/exam');
    await expect(page.locator('[data-exam="format"]')).toBeVisible();
    await check('start screen');
    await page.getByRole('button', { name: 'Start practice exam' }).click();
    await expect(page.getByRole('timer')).toBeVisible();
    await answerByKeyboard(page);
    await check('a question');
    await page.getByRole('button', { name: /Review and submit/ }).click();
    await check('review before submitting');
    await page.getByRole('button', { name: /^Submit/ }).click();
    await expect(page.getByText(/Pass|Fail/).first()).toBeVisible();
    await check('results');
  });
}
