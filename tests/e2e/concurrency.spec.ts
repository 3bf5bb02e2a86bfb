/**
 * Data that must survive: two tabs reviewing and a third taking the practice
 * exam at the same time lose nothing; a reload in the middle of writes keeps
 * what was committed and leaves nothing half-written. The check is the
 * database's own consistency: every card's review count and last review in its
 * progress row match its review log, and nothing points at nothing.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

interface Snapshot {
  progress: { cardId: string; reps: number; lastReview: number | null }[];
  reviews: { uid: string; cardId: string; review: number }[];
  settings: Record<string, unknown>;
}

/** The database as it is on disk, read with the browser's own IndexedDB (not the app's code). */
async function snapshot(page: Page): Promise<Snapshot> {
  return page.evaluate(
    () =>
      new Promise<Snapshot>((resolve, reject) => {
        const open = indexedDB.open('vaultcards');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['progress', 'reviews', 'settings'], 'readonly');
          const out: Snapshot = { progress: [], reviews: [], settings: {} };
          const all = (store: string) => tx.objectStore(store).getAll();
          const p = all('progress');
          const r = all('reviews');
          const s = all('settings');
          tx.oncomplete = () => {
            out.progress = (p.result as { cardId: string; memory: { reps: number; lastReview: number | null } }[]).map((row) => ({ cardId: row.cardId, reps: row.memory.reps, lastReview: row.memory.lastReview }));
            out.reviews = (r.result as { uid: string; cardId: string; review: number }[]).map(({ uid, cardId, review }) => ({ uid, cardId, review }));
            out.settings = Object.fromEntries((s.result as { key: string; value: unknown }[]).map((row) => [row.key, row.value]));
            db.close();
            resolve(out);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** Every card's progress agrees with its review log: nothing lost, nothing half-written. */
function expectConsistent(snap: Snapshot): void {
  // Problems are collected and asserted once: tens of thousands of expect() calls would take minutes.
  const problems: string[] = [];
  const logs = new Map<string, number[]>();
  for (const r of snap.reviews) {
    if (r.uid !== `${r.cardId}@${r.review}`) problems.push(`review ${r.uid} is not ${r.cardId}@${r.review}`);
    const list = logs.get(r.cardId);
    if (list) list.push(r.review);
    else logs.set(r.cardId, [r.review]);
  }
  const progress = new Map(snap.progress.map((p) => [p.cardId, p]));
  for (const [cardId, times] of logs) {
    const p = progress.get(cardId);
    if (!p) problems.push(`${cardId} has reviews but no progress`);
    else if (p.reps !== times.length) problems.push(`${cardId}: reps ${p.reps}, ${times.length} reviews`);
    else if (p.lastReview !== Math.max(...times)) problems.push(`${cardId}: last review ${p.lastReview}, latest log ${Math.max(...times)}`);
  }
  for (const p of snap.progress) if (p.reps > 0 && !logs.has(p.cardId)) problems.push(`${p.cardId} has ${p.reps} reps and no review`);
  expect(problems).toEqual([]);
}

/** Grades the card on screen; `done` is today's count after it (the count is live across tabs). */
async function gradeOne(page: Page, done: number): Promise<void> {
  await expect(page.getByRole('button', { name: /Show answer/ })).toBeVisible();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: /^Good, next in/ })).toBeVisible();
  await page.keyboard.press(done % 2 === 0 ? '3' : '1');
  await expect(page.locator('[data-count="done"]')).toHaveText(String(done));
}

test('two tabs reviewing and one taking the exam at once lose nothing', async ({ context }) => {
  test.setTimeout(90_000);
  const [a, b, exam] = [await context.newPage(), await context.newPage(), await context.newPage()];
  await a.goto('/#/review');
  await b.goto('/#/review');
  await exam.goto('/#/exam');
  await exam.getByRole('button', { name: 'Start practice exam' }).click();
  await expect(exam.getByText(/^Question 1 of \d+$/)).toBeVisible();
  const total = Number(/of (\d+)/.exec((await exam.getByText(/^Question 1 of \d+$/).textContent()) ?? '')?.[1]);

  // Interleave: a grade in A, a grade in B, an answer in the exam, again and again.
  const rounds = Math.min(8, total);
  for (let i = 1; i <= rounds; i++) {
    await gradeOne(a, 2 * i - 1);
    await gradeOne(b, 2 * i);
    await exam.keyboard.press('1');
    if (i < total) await exam.getByRole('button', { name: 'Next' }).click();
  }
  // Both tabs' grades are all in the database, and every card agrees with its log.
  await expect.poll(async () => (await snapshot(a)).reviews.length).toBe(2 * rounds);
  expectConsistent(await snapshot(a));
  const inProgress = (await snapshot(a)).settings['exam-in-progress'] as { answers: string[][] };
  expect(inProgress.answers.filter((x) => x.length > 0)).toHaveLength(rounds);

  await exam.getByRole('button', { name: 'Review and submit' }).first().click();
  await exam.getByRole('button', { name: 'Submit' }).click();
  await expect(exam.getByRole('heading', { level: 2, name: /Scaled score: \d+ — (Pass|Fail)/ })).toBeVisible();
  await expect.poll(async () => ((await snapshot(a)).settings['quiz-history'] as unknown[] | undefined)?.length ?? 0).toBe(1);
  const after = await snapshot(a);
  expect(after.settings['exam-in-progress']).toBeUndefined();
  // The exam's wrong answers added failed reviews; the tabs' grades are all still there.
  expect(after.reviews.length).toBeGreaterThanOrEqual(2 * rounds);
  expectConsistent(after);
});

test('a reload in the middle of grading keeps what was committed and leaves nothing half-written', async ({ page }) => {
  await page.goto('/#/review');
  for (let i = 1; i <= 4; i++) await gradeOne(page, i);
  // A grade is on screen before IndexedDB has it: wait until these four are committed.
  await expect.poll(async () => (await snapshot(page)).reviews.length).toBe(4);
  // The fifth grade is on screen at once; its write may or may not have reached the disk.
  await page.keyboard.press('Space');
  await page.keyboard.press('3');
  await page.reload();
  const snap = await snapshot(page);
  expect(snap.reviews.length === 4 || snap.reviews.length === 5).toBe(true);
  expectConsistent(snap);
  await expect(page.locator('[data-count="done"]')).toHaveText(String(snap.reviews.length));
});

test('a reload in the middle of restoring a large backup leaves the old data or the new, never a mix', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/#/review');
  await gradeOne(page, 1);
  await page.goto('/#/progress');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Back up everything (JSON)' }).click();
  const saved = test.info().outputPath('real.json');
  await (await downloading).saveAs(saved);
  const real = JSON.parse(readFileSync(saved, 'utf8'));
  const [p0] = real.progress;
  const [r0] = real.reviews;
  const cards = 2000;
  const perCard = 10;
  /** A backup of 20,000 reviews of 2,000 cards named `<prefix>-n`, made from the one real exported row. */
  const backup = (prefix: string): Buffer => {
    const progress = Array.from({ length: cards }, (_, i) => ({ ...p0, cardId: `${prefix}-${i}`, memory: { ...p0.memory, reps: perCard, lastReview: 1_000_000 + perCard - 1 } }));
    const reviews = Array.from({ length: cards * perCard }, (_, k) => {
      const cardId = `${prefix}-${Math.floor(k / perCard)}`;
      const review = 1_000_000 + (k % perCard);
      return { ...r0, cardId, review, uid: `${cardId}@${review}` };
    });
    return Buffer.from(JSON.stringify({ ...real, progress, reviews }));
  };
  const restore = async (name: string, buffer: Buffer): Promise<void> => {
    await page.getByLabel(/Replace everything here/).check();
    await page.getByLabel('Backup file').setInputFiles({ name, mimeType: 'application/json', buffer });
  };
  const prefixes = (snap: Snapshot): string[] => [...new Set(snap.progress.map((p) => p.cardId.split('-')[0] ?? ''))];

  // A whole restore of the first backup, timed.
  const t0 = Date.now();
  await restore('first.json', backup('first'));
  await expect(page.getByRole('status').filter({ hasText: `Restored ${cards} cards` })).toBeVisible({ timeout: 60_000 });
  const full = Date.now() - t0;
  const first = await snapshot(page);
  expect(first.reviews).toHaveLength(cards * perCard);
  expect(prefixes(first)).toEqual(['first']);
  expectConsistent(first);

  // Restores interrupted by a reload at several points of a whole restore's time (the JSON check,
  // then the one transaction): each time, one backup whole, never a mix of two.
  const outcomes: string[] = [];
  let current = 'first';
  for (const fraction of [0.3, 0.55, 0.75, 0.9]) {
    const next = current === 'first' ? 'second' : 'first';
    await page.goto('/#/progress');
    await restore(`${next}.json`, backup(next));
    await page.waitForTimeout(Math.max(10, Math.round(full * fraction)));
    await page.reload();
    const after = await snapshot(page);
    expect(after.reviews).toHaveLength(cards * perCard);
    expect(prefixes(after).length, `one backup, not a mix: ${prefixes(after).join(', ')}`).toBe(1);
    expectConsistent(after);
    current = prefixes(after)[0] ?? current;
    outcomes.push(`${Math.round(full * fraction)} ms: ${current === next ? 'the new backup' : 'the old data'}`);
  }
  test.info().annotations.push({ type: 'interrupted restores', description: `a whole restore took ${full} ms; reloads at ${outcomes.join('; ')}` });
});
