/**
 * One path through the app by keyboard alone: from the topic list to a note,
 * to a flashcard review, to a quick quiz, to a sandbox lab completed. Every
 * step moves focus with Tab (or Shift+Tab) and acts with Enter, Space or the
 * screen's keys; no click, no focus() call. Each focused control must show a
 * visible focus ring.
 */
import { expect, test, type Page } from '@playwright/test';

const T0 = new Date('2026-01-05T09:00:00Z').getTime();

/** The focused element's name as a screen reader would roughly say it, and whether its focus is visible. */
async function focused(page: Page): Promise<{ name: string; visible: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { name: '', visible: false };
    const name = (el.getAttribute('aria-label') ?? el.textContent ?? (el as HTMLInputElement).value ?? '').replace(/\s+/g, ' ').trim();
    const style = getComputedStyle(el);
    const visible = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
    return { name, visible };
  });
}

/** Presses Tab until the focused control's name matches, then checks its focus ring. */
async function tabTo(page: Page, name: RegExp, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (name.test(now.name)) {
      expect(now.visible, `focus ring on "${now.name}"`).toBe(true);
      return;
    }
  }
  throw new Error(`no control named ${name} within ${max} presses of Tab`);
}

test('topics → note → review → quiz → sandbox lab, by keyboard alone', async ({ page }) => {
  test.setTimeout(90_000);
  await page.clock.setFixedTime(T0);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Your notes' })).toBeVisible();

  // Topics: open a note, unfold a section.
  await tabTo(page, /^AWS backup$/i);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: /AWS backup/i })).toBeVisible();
  await tabTo(page, /^▸ backup vault$/);
  const expanded = await page.evaluate(() => document.activeElement?.getAttribute('aria-expanded'));
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-expanded'))).not.toBe(expanded);

  // Review: reveal with Space, grade with 3.
  await tabTo(page, /^Review$/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: /Show answer/ })).toBeVisible();
  await tabTo(page, /Show answer/);
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: /^Good, next in/ })).toBeVisible();
  await page.keyboard.press('3');
  await expect(page.locator('[data-count="done"]')).toHaveText('1');

  // Quiz: start, answer two questions with the quiz's keys.
  await page.keyboard.press('Shift+Tab');
  await tabTo(page, /^Quiz$/);
  await page.keyboard.press('Enter');
  await tabTo(page, /^Start quick quiz/);
  await page.keyboard.press('Enter');
  for (const n of [1, 2]) {
    await expect(page.getByText(`Question ${n} of 10`)).toBeVisible();
    const kind = await page.locator('form.quiz-question').getAttribute('data-kind');
    if (kind === 'true-false') await page.keyboard.press('t');
    else if (kind === 'multiple') {
      await page.keyboard.press('1');
      await page.keyboard.press('2');
    } else if (kind === 'cloze') await page.keyboard.type('seven');
    else if (kind === 'matching') {
      const terms = await page.locator('form.quiz-question select').count();
      for (let i = 0; i < terms; i++) {
        await page.keyboard.press('ArrowDown');
        if (i < terms - 1) await page.keyboard.press('Tab');
      }
    } else await page.keyboard.press('1');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: /Correct|Incorrect/ })).toBeVisible();
    await page.keyboard.press('Enter');
  }

  // Sandbox: open the labs, start one, do it from the keyboard.
  await tabTo(page, /^Sandbox$/, 200);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'AWS Backup sandbox' })).toBeVisible();
  await tabTo(page, /^Labs$/);
  await page.keyboard.press('Enter');
  await tabTo(page, /Start lab: The vaults AWS keeps/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Lab: The vaults AWS keeps' })).toBeVisible();
  await tabTo(page, /^Vaults$/);
  await page.keyboard.press('Enter');
  await tabTo(page, /^Delete Default$/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'InvalidRequestException' })).toBeVisible();
  await tabTo(page, /^Delete aws\/efs\/automatic-backup-vault$/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'AccessDeniedException' })).toBeVisible();
  await expect(page.getByText('All checks pass: lab complete.')).toBeVisible();
});
