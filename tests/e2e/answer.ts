/** Shared by the quiz and drill browser tests: answers the question on screen with the keyboard alone. */
import type { Page } from '@playwright/test';

/**
 * Gives some answer (right or not) to the `form.quiz-question` on screen, by
 * its kind's keys, then presses Enter. Focus must be inside the form.
 */
export async function answerQuestionByKeyboard(page: Page): Promise<void> {
  const form = page.locator('form.quiz-question');
  const kind = await form.getAttribute('data-kind');
  if (kind === 'true-false') await page.keyboard.press('t');
  else if (kind === 'multiple') {
    await page.keyboard.press('1');
    await page.keyboard.press('2');
  } else if (kind === 'matching') {
    const terms = await form.locator('select').count();
    for (let i = 0; i < terms; i++) {
      await page.keyboard.press('ArrowDown');
      if (i < terms - 1) await page.keyboard.press('Tab');
    }
  } else if (kind === 'cloze') await page.keyboard.type('not in my notes');
  else await page.keyboard.press('1');
  await page.keyboard.press('Enter');
}
