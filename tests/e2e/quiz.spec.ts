import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { answerQuestionByKeyboard } from './answer.ts';

// A fixed clock gives a fixed seed, so every run asks the same ten questions.
const T0 = new Date('2026-01-05T09:00:00Z');

async function start(page: Page): Promise<void> {
  await page.clock.setFixedTime(T0);
  await page.goto('/#/quiz');
  const button = page.getByRole('button', { name: 'Start quick quiz (10 questions)' });
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Question 1 of 10')).toBeVisible();
}

/** Answers the question on screen by keyboard alone (rightly or not) and checks it. */
async function answerByKeyboard(page: Page): Promise<void> {
  await answerQuestionByKeyboard(page);
  await expect(page.getByRole('status').filter({ hasText: /Correct|Incorrect/ })).toBeVisible();
}

async function storedReviews(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const req = indexedDB.open('vaultcards');
        req.onsuccess = () => {
          const c = req.result.transaction('reviews', 'readonly').objectStore('reviews').count();
          c.onsuccess = () => {
            resolve(c.result);
            req.result.close();
          };
        };
        req.onerror = () => reject(req.error);
      }),
  );
}

test.describe('quick quiz', () => {
  test('ten questions by keyboard, a score, and wrong answers as failed reviews', async ({ page }) => {
    await start(page);
    let wrong = 0;
    for (let i = 1; i <= 10; i++) {
      await expect(page.getByText(`Question ${i} of 10`)).toBeVisible();
      await answerByKeyboard(page);
      if (await page.getByRole('heading', { name: '✗ Incorrect' }).isVisible()) wrong++;
      await expect(page.getByRole('link', { name: /Open the topic card/ }).first()).toHaveAttribute('href', /^#\/n\/[^/]+\/f\//);
      await page.keyboard.press('Enter');
    }
    const score = page.getByRole('heading', { level: 2, name: /Your score: \d+ of 10/ });
    await expect(score).toBeVisible();
    await expect(score).toBeFocused();
    await expect(page.locator('[data-quiz="score"]')).toHaveText(String(10 - wrong));
    await expect(page.locator('.result-list li')).toHaveCount(10);
    expect(wrong).toBeGreaterThan(0);

    await expect.poll(() => storedReviews(page)).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Review' }).click();
    await expect(page.locator('[data-count="done"]')).not.toHaveText('0');
    const history = await page.evaluate(
      () =>
        new Promise<unknown>((resolve) => {
          const req = indexedDB.open('vaultcards');
          req.onsuccess = () => {
            const get = req.result.transaction('settings', 'readonly').objectStore('settings').get('quiz-history');
            get.onsuccess = () => {
              resolve(get.result?.value);
              req.result.close();
            };
          };
        }),
    );
    expect(history).toMatchObject([{ score: 10 - wrong, total: 10 }]);

    // Stats show the quiz and the topics missed.
    await page.getByRole('link', { name: 'Stats' }).click();
    await expect(page.getByRole('table', { name: 'Recent quiz scores' })).toContainText(`${10 - wrong} of 10`);
    await expect(page.getByRole('heading', { name: 'Topics missed most in quizzes' })).toBeVisible();
    await expect(page.getByText(/ — \d+ wrong of \d+$/).first()).toBeVisible();
  });

  test('a topic quiz asks only about the chosen section and kinds', async ({ page }) => {
    await page.clock.setFixedTime(T0);
    await page.goto('/#/quiz');
    await page.getByRole('combobox', { name: 'Note', exact: true }).selectOption({ label: 'AWS backup' });
    await page.getByRole('combobox', { name: 'Section', exact: true }).selectOption({ label: 'pricing' });
    for (const kind of ['Single answer', 'True or false', 'Numbers and limits', 'Matching', 'Type the answer']) await page.getByRole('checkbox', { name: kind, exact: true }).uncheck();
    await page.getByRole('spinbutton', { name: 'Questions', exact: true }).fill('2');
    await page.getByRole('button', { name: 'Start topic quiz' }).click();
    await expect(page.getByText('Question 1 of 2')).toBeVisible();
    for (let i = 0; i < 2; i++) {
      const form = page.locator('form.quiz-question');
      expect(['multiple', 'not']).toContain(await form.getAttribute('data-kind'));
      await expect(form).toContainText('AWS backup › pricing');
      await answerByKeyboard(page);
      await page.keyboard.press('Enter');
    }
    await expect(page.getByRole('heading', { level: 2, name: /Your score: \d of 2/ })).toBeVisible();
  });

  test('a matching question is answered by keyboard alone', async ({ page }) => {
    await page.clock.setFixedTime(T0);
    await page.goto('/#/quiz');
    await page.getByRole('combobox', { name: 'Note', exact: true }).selectOption({ label: 'AWS backup' });
    for (const kind of ['Single answer', 'Multiple response', 'True or false', 'Numbers and limits', 'Which is NOT', 'Type the answer']) {
      await page.getByRole('checkbox', { name: kind, exact: true }).uncheck();
    }
    await page.getByRole('spinbutton', { name: 'Questions', exact: true }).fill('1');
    await page.getByRole('button', { name: 'Start topic quiz' }).click();
    const form = page.locator('form.quiz-question');
    await expect(form).toHaveAttribute('data-kind', 'matching');
    const selects = form.locator('select');
    const terms = await selects.count();
    expect(terms).toBeGreaterThanOrEqual(3);
    await selects.first().focus();
    // ArrowDown picks a definition in each select, Tab moves on, Enter checks (only a complete answer is checked).
    await answerByKeyboard(page);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 2, name: /Your score: [01] of 1/ })).toBeVisible();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`the quiz screen has no serious accessibility violations (${colorScheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      test.setTimeout(90_000); // an axe run takes over a second here
      await start(page);
      const check = async (what: string): Promise<void> => {
        const results = await new AxeBuilder({ page }).analyze();
        const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        expect(serious, `${what} ${colorScheme}`).toEqual([]);
      };
      // The first question of every kind the seed gives, shown and then with its feedback.
      const seen = new Set<string | null>();
      for (let i = 1; i <= 10; i++) {
        const kind = await page.locator('form.quiz-question').getAttribute('data-kind');
        if (!seen.has(kind)) await check(`question ${i} (${kind})`);
        await answerByKeyboard(page);
        if (!seen.has(kind)) await check(`feedback ${i} (${kind})`);
        seen.add(kind);
        await page.keyboard.press('Enter');
      }
      expect(seen.size).toBeGreaterThanOrEqual(5);
      await check('results');
    });
  }
});
