/**
 * Hostile content in real Chromium: the XSS corpus (tests/fixtures/xss) put in
 * every place that takes text from outside (imported notes and their file
 * names, drill links, result codes, backup files, sandbox inputs and CLI
 * commands), and every screen that shows it visited. A canary records any
 * script that runs (`__xss`, `alert`, `confirm`, `prompt`, `print`, `open`),
 * any dialog, any request to a path holding "xss", any navigation away from
 * the app and any new window; a DOM scan after each screen records any markup
 * that got through (an `on*` attribute, a script address, a frame or script
 * element). Both must stay empty.
 *
 * The app's Content Security Policy would stop most payloads on its own, so
 * these runs bypass it (`bypassCSP`) to test the rendering itself; one run
 * keeps the policy on and checks that no violation was even attempted.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { decodeDrill, encodeDrill, encodeResult, resultChecksum } from '../../src/lib/drills/codec.ts';
import { makeResult } from '../../src/lib/drills/results.ts';
import type { Drill, DrillResult } from '../../src/lib/drills/types.ts';
import { EVIL_SVG, hostileNotes, HOSTILE_FILE_NAMES, NUL_NOTE } from '../fixtures/xss/notes.ts';
import { INLINE_PAYLOADS, PAYLOADS } from '../fixtures/xss/payloads.ts';
import { answerQuestionByKeyboard } from './answer.ts';

type Hit = string;
const VAULT_NAME = `<img src=x onerror=__xss('vn01')>`;
/** Payloads short enough for any field (titles, names: 80 to 120 characters). */
const SHORT = INLINE_PAYLOADS.filter((x) => x.text.length <= 80 && !x.text.includes('\u0000'));
const short = (i: number): string => (SHORT[i % SHORT.length] as { text: string }).text;

/** What the canary and the DOM scan recorded in a context, per page. */
const records = new WeakMap<BrowserContext, Hit[]>();

/**
 * The canary, installed before any page script: records every way a payload
 * could show it ran. The app's own confirm (submitting a drill with unanswered
 * questions) is the one call let through.
 */
async function watch(context: BrowserContext): Promise<Hit[]> {
  const hits: Hit[] = [];
  records.set(context, hits);
  await context.exposeBinding('__xssReport', (_source, kind: string, arg: string) => void hits.push(`${kind}(${arg})`));
  await context.addInitScript(() => {
    const w = window as unknown as Record<string, unknown> & { __xssReport?: (k: string, a: string) => void };
    const hit = (kind: string, arg: unknown): void => {
      try {
        w.__xssReport?.(kind, String(arg));
      } catch {
        // the binding is gone while the page unloads; the request or navigation is still seen
      }
    };
    w.__xss = (id: unknown) => hit('__xss', id);
    for (const name of ['alert', 'prompt', 'print', 'open']) w[name] = (arg: unknown) => (hit(name, arg), null);
    w.confirm = (message: unknown) => (/unanswered\. Submit anyway\?$/.test(String(message)) ? true : (hit('confirm', message), false));
  });
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (/xss/i.test(url.pathname) || !/^(?:https?|data|blob):$/.test(url.protocol)) hits.push(`request ${request.url().slice(0, 120)}`);
  });
  context.on('page', (page) => {
    page.on('dialog', (dialog) => {
      hits.push(`dialog ${dialog.type()} ${dialog.message()}`);
      void dialog.dismiss().catch(() => undefined);
    });
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame() && !frame.url().startsWith(new URL(test.info().project.use.baseURL ?? 'http://127.0.0.1').origin) && frame.url() !== 'about:blank')
        hits.push(`navigation ${frame.url().slice(0, 120)}`);
    });
    page.on('popup', (popup) => hits.push(`popup ${popup.url()}`));
  });
  return hits;
}

/** A new watched browser context (the student in the drill test). */
async function watchedContext(browser: Browser): Promise<{ context: BrowserContext; page: Page; hits: Hit[] }> {
  const context = await browser.newContext({ bypassCSP: true, baseURL: test.info().project.use.baseURL });
  const hits = await watch(context);
  return { context, page: await context.newPage(), hits };
}

/**
 * Markup that got through, even if it did not run (yet): `on*` attributes,
 * script, VBScript and HTML-document addresses, script-capable elements.
 */
async function scan(page: Page, where: string): Promise<void> {
  const found = await page.evaluate(() => {
    const out: string[] = [];
    const bad = /^(?:javascript|vbscript|data:text|data:application)/i;
    for (const el of Array.from(document.querySelectorAll('*'))) {
      const tag = el.tagName.toLowerCase();
      if (['iframe', 'frame', 'object', 'embed', 'base', 'foreignobject', 'animate', 'set', 'marquee', 'keygen', 'applet'].includes(tag)) out.push(`<${tag}>`);
      if (tag === 'script' && (el.closest('body') || !(el as HTMLScriptElement).src)) out.push('<script> in the page');
      if (tag === 'meta' && el.getAttribute('http-equiv')?.toLowerCase() === 'refresh') out.push('<meta refresh>');
      if (tag === 'style' && el.closest('body')) out.push('<style> in the body');
      if (tag === 'link' && el.closest('body')) out.push('<link> in the body');
      for (const attr of Array.from(el.attributes)) {
        const name = attr.name.toLowerCase();
        const value = attr.value.replace(/[\u0000-\u0020]/g, '');
        if (name.startsWith('on')) out.push(`<${tag} ${name}>`);
        if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'srcset', 'background', 'poster'].includes(name) && bad.test(value)) out.push(`<${tag} ${name}=${value.slice(0, 40)}>`);
        if (name === 'srcdoc' || name === 'style' && /expression|url\s*\(|binding|behavior/i.test(attr.value)) out.push(`<${tag} ${name}=${attr.value.slice(0, 40)}>`);
      }
    }
    return out;
  });
  expect(found, `markup got through on ${where}`).toEqual([]);
}

/** The canary's records so far in this page's context. */
function expectNoHits(page: Page, where: string): void {
  expect(records.get(page.context()) ?? [], `script ran on ${where}`).toEqual([]);
}

async function checked(page: Page, where: string): Promise<void> {
  await scan(page, where);
  expectNoHits(page, where);
}

const files = (): { name: string; mimeType: string; buffer: Buffer }[] => [
  ...hostileNotes().map((f) => ({ name: f.path, mimeType: 'text/markdown', buffer: Buffer.from(f.text) })),
  { name: NUL_NOTE.path, mimeType: 'text/markdown', buffer: Buffer.from(NUL_NOTE.text) },
  { name: 'evil.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(EVIL_SVG) },
];

/** Imports every hostile note into a vault with a hostile name; the report lists the refused NUL note as text. */
async function importHostileNotes(page: Page): Promise<void> {
  await page.goto('/#/library');
  await page.getByLabel('Vault name').fill(VAULT_NAME);
  await page.getByLabel('Choose notes…').setInputFiles(files());
  const report = page.locator('.import-report');
  await expect(report.getByRole('heading', { level: 2 })).toHaveText(`Imported into “${VAULT_NAME}”`);
  await expect(report.locator('.skipped')).toContainText(NUL_NOTE.path);
  await expect(report).toContainText('warning');
  await checked(page, 'the import report');
}

/** Every note of the hostile vault, opened with its folded sections and callouts open. */
async function openEveryNote(page: Page): Promise<number> {
  await page.goto('/#/');
  const group = page.getByRole('region', { name: VAULT_NAME });
  await expect(group).toBeVisible();
  await checked(page, 'the topic list');
  const hrefs = await group.locator('a[href^="#/n/"]').evaluateAll((links) => [...new Set(links.map((a) => a.getAttribute('href') ?? ''))]);
  expect(hrefs.length).toBe(hostileNotes().length);
  for (const href of hrefs) {
    await page.goto(`/${href}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    for (const fold of await page.locator('button.fold[aria-expanded="false"]').all()) await fold.click();
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    await checked(page, decodeURIComponent(href));
  }
  return hrefs.length;
}

test.describe('hostile content, Content Security Policy bypassed', () => {
  test.use({ bypassCSP: true });

  test('control: the canary trips on a payload injected the unsafe way', async ({ page, context }) => {
    const hits = await watch(context);
    await page.goto('/#/');
    await expect(page.getByRole('heading', { name: 'Your notes' })).toBeVisible();
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', `<img src=x onerror="__xss('control')">`));
    await expect.poll(() => hits).toContain('__xss(control)');
    // The other canaries too: a replaced alert, a request to an xss path, a navigation away.
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', `<img src=x onerror="alert('control-alert');fetch('/xss-control')">`));
    await expect.poll(() => hits.join(' ')).toMatch(/alert\(control-alert\).*request .*\/xss-control/);
    // And the DOM scan sees the markup.
    await expect(scan(page, 'control')).rejects.toThrow(/onerror/);
  });

  test('imported notes: every note, search, a flashcard revealed, a topic quiz answered', async ({ page, context }) => {
    test.setTimeout(60_000);
    await watch(context);
    await importHostileNotes(page);
    await openEveryNote(page);

    // Search for payload words: hits show fact text.
    for (const words of ['onerror', 'script', 'javascript', 'Term eh01', 'constructor']) {
      await page.goto(`/#/search?q=${encodeURIComponent(words)}`);
      await page.waitForTimeout(100);
      await checked(page, `search ${words}`);
    }
    await page.goto('/#/search?q=Paragraph');
    await expect(page.locator('.hits a').first()).toBeVisible();
    await page.locator('.hits a').first().click();
    await checked(page, 'a search hit opened');

    // Flashcards from the hostile notes: prompt, answer, source links.
    await page.goto(`/#/review?note=${encodeURIComponent('@img-src-x-onerror-xss-vn01/Hostile note one')}`);
    for (let i = 0; i < 3; i++) {
      await expect(page.getByRole('button', { name: /Show answer/ })).toBeVisible();
      await page.keyboard.press('Space');
      await expect(page.getByRole('button', { name: /^Good, next in/ })).toBeVisible();
      await checked(page, `flashcard ${i + 1} revealed`);
      await page.keyboard.press('1');
    }

    // A topic quiz on the hostile note: every question answered, feedback and results shown.
    await page.goto('/#/quiz');
    await page.getByRole('combobox', { name: 'Note' }).selectOption({ label: 'Hostile note one' });
    await page.getByLabel(/Questions/).first().fill('6');
    await page.getByRole('button', { name: 'Start topic quiz' }).click();
    for (let i = 0; i < 6; i++) {
      const form = page.locator('form.quiz-question');
      await expect(form).toBeVisible();
      await checked(page, `quiz question ${i + 1}`);
      await form.locator('input, select').first().focus();
      await answerQuestionByKeyboard(page);
      await expect(page.getByRole('status').filter({ hasText: /Correct|Incorrect/ })).toBeVisible();
      await checked(page, `quiz feedback ${i + 1}`);
      await page.keyboard.press('Enter');
    }
    await expect(page.getByRole('heading', { level: 2, name: /Your score/ })).toBeVisible();
    await checked(page, 'quiz results');
    await page.goto('/#/stats');
    await expect(page.getByRole('heading', { level: 1, name: 'Stats' })).toBeVisible();
    await page.waitForTimeout(300);
    await checked(page, 'stats');
  });

  test('drill links, result codes and backup files', async ({ page, context, browser }) => {
    test.setTimeout(90_000);
    await watch(context);
    await importHostileNotes(page);

    // The instructor builds a drill from the hostile note, with a hostile title and instructions.
    await page.goto('/#/drills');
    await page.getByLabel('Title').fill(short(0));
    await page.getByLabel('Instructions for students').fill(SHORT.slice(0, 15).map((x) => x.text).join('\n'));
    await page.getByRole('checkbox', { name: 'Hostile note one' }).check();
    await page.getByLabel('Questions').fill('6');
    await page.getByRole('button', { name: 'Build drill' }).click();
    const link = await page.getByRole('textbox', { name: 'Drill link' }).inputValue();
    await checked(page, 'the instructor hub with a built drill');
    const read = await decodeDrill(link);
    if (!read.ok) throw new Error(read.message);
    const drill = read.drill;

    // Every string of the drill made hostile, re-encoded: title, instructions, sources, stems, options, explanations, topics.
    const poisoned = poison(drill);
    const code = await encodeDrill(poisoned);
    const student = await watchedContext(browser);
    const s = student.page;
    await s.goto(`/#/drill/${code}`);
    await expect(s.getByRole('heading', { level: 1 })).toHaveText(poisoned.title);
    await checked(s, 'a hostile drill opened');
    await s.getByRole('link', { name: 'Start the drill' }).click();
    await s.getByLabel('Your name').fill(short(3));
    await s.getByRole('button', { name: 'Begin the drill' }).click();
    for (let i = 0; i < poisoned.questions.length; i++) {
      await expect(s.locator('form.quiz-question')).toBeVisible();
      await checked(s, `drill question ${i + 1}`);
      await s.locator('form.quiz-question').locator('input, select').first().focus();
      await answerQuestionByKeyboard(s);
    }
    await s.getByRole('button', { name: 'Submit the drill' }).click();
    const studentCode = await s.getByLabel('Result code').inputValue();
    expect(studentCode).toMatch(/^r1\./);
    await checked(s, 'the drill review and result');
    await s.goto('/#/drills');
    await checked(s, 'assigned drills');

    // Hostile raw codes in the link: refused with a message, nothing stored, nothing run.
    const huge = `d1.${'A'.repeat(300_000)}`;
    for (const raw of [`d1.${encodeURIComponent(short(1))}`, encodeURIComponent(`<script>__xss('dl02')</script>`), 'd1.!!!not-base64!!!', huge, `d1.${Buffer.from(short(2)).toString('base64url')}`, `r1.${Buffer.from('{}').toString('base64url')}`]) {
      await s.goto('/#/');
      await s.goto(`/#/drill/${raw}`);
      await expect(s.getByRole('alert')).toBeVisible();
      await checked(s, `raw drill code ${raw.slice(0, 30)}`);
    }
    await s.goto('/#/drills');
    await expect(s.locator('.assigned-list > li')).toHaveCount(1);
    await student.context.close();
    expect(student.hits).toEqual([]);

    // Result codes with hostile student names and typed answers, pasted between hostile text.
    const results: string[] = [studentCode];
    for (let i = 0; i < 8; i++) {
      const responses = Object.fromEntries(drill.questions.map((q, j) => [q.id, short(i * 7 + j)]));
      results.push(await encodeResult(await makeResult(drill, short(i + 4), responses, { startedAt: drill.createdAt + 1000 }, drill.createdAt + 60_000)));
    }
    // One whose name was changed after sealing: refused by its checksum, its start shown as text.
    const forged: DrillResult = { ...(await makeResult(drill, 'Forger', {}, { startedAt: drill.createdAt }, drill.createdAt + 1000)), student: short(20) };
    const sealedBad = await encodeResult({ ...forged, checksum: await resultChecksum({ ...forged, student: 'Forger' }) });
    await page.getByRole('link', { name: /Results and sharing/ }).first().click();
    const pasted = [PAYLOADS[0]?.text, ...results.flatMap((r, i) => [r, short(i + 30)]), sealedBad, `r1.${short(40)}`].join('\n');
    await page.getByLabel(/^Result codes/).fill(pasted);
    await page.getByRole('button', { name: 'Add results' }).click();
    const table = page.getByRole('table', { name: /Results for/ });
    await expect(table.locator('tbody tr')).toHaveCount(9);
    await checked(page, 'the results table, hardest questions and weakest topics');
    const problems = page.getByRole('list', { name: 'Results not added' });
    await expect(problems).toContainText('does not match its checksum');
    await expect(problems).toContainText(`<script>parent.__xss('us05')</script>`);
    await expect(table).toContainText(short(4));
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const csv = readFileSync(await (await downloading).path(), 'utf8');
    expect(csv.split('\r\n').length).toBeGreaterThan(9);
    expect(csv).toContain('onerror');
    await checked(page, 'after the CSV download');

    // A backup of all that, made more hostile: vault name, note paths, quiz history topics, drill titles.
    await page.goto('/#/progress');
    const backingUp = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Back up everything (JSON)' }).click();
    const backup = JSON.parse(readFileSync(await (await backingUp).path(), 'utf8')) as BackupFile;
    const hostile = poisonBackup(backup, poisoned);
    const path = test.info().outputPath('hostile-backup.json');
    writeFileSync(path, JSON.stringify(hostile));
    await page.getByLabel(/Replace everything here/).check();
    await page.getByLabel('Backup file').setInputFiles(path);
    await expect(page.getByRole('status').filter({ hasText: 'Restored' })).toBeVisible();
    await checked(page, 'a hostile backup restored');
    for (const hash of ['#/library', '#/', '#/stats', '#/drills', '#/quiz', '#/review']) {
      await page.goto(`/${hash}`);
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      await page.waitForTimeout(150);
      await checked(page, `${hash} after the restore`);
    }
    await page.goto('/#/');
    await page.getByRole('region', { name: String(hostile.vaults[0]?.name) }).getByRole('link').first().click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await checked(page, 'a restored hostile note');

    // Damaged or hostile backups: refused with a message that shows the payload as text.
    await page.goto('/#/progress');
    for (const [i, [bad, message]] of badBackups(backup).entries()) {
      const badPath = test.info().outputPath(`bad-${i}.json`);
      writeFileSync(badPath, bad);
      await page.getByLabel('Backup file').setInputFiles(badPath);
      const alert = page.getByRole('alert');
      await expect(alert).toContainText(message);
      await expect(alert.locator('img, svg, script, b')).toHaveCount(0);
      await checked(page, `bad backup ${i}`);
    }
  });

  test('sandbox inputs: vault names, tags, policies, plan and report plan names, CLI commands', async ({ page, context }) => {
    test.setTimeout(60_000);
    await watch(context);
    await page.goto('/#/sandbox/vaults');
    await expect(page.getByTestId('sandbox-time')).toBeVisible();

    // The console: hostile vault names (refused by AWS's name rules, the refusal shows the name) and tags.
    for (let i = 0; i < 4; i++) {
      await page.getByLabel('Vault name').fill(short(i));
      await page.getByLabel('Tags').fill(`team=${short(i + 1)}`);
      await page.getByRole('button', { name: 'Create vault' }).click();
      await expect(page.getByRole('alert').first()).toBeVisible();
      await checked(page, `console vault name ${i}`);
    }
    await page.getByLabel('Vault name').fill('xss-console');
    await page.getByLabel('Tags').fill(SHORT.slice(0, 10).map((x, i) => `k${i}=${x.text.replace(/[,=]/g, ' ')}`).join(','));
    await page.getByRole('button', { name: 'Create vault' }).click();
    // A new vault opens its detail.
    await expect(page.getByRole('region', { name: 'Vault xss-console' })).toBeVisible();
    await page.getByLabel('Policy (JSON)').fill(policy(0));
    await page.getByRole('button', { name: 'Save policy' }).click();
    await checked(page, 'a vault with hostile tags and policy');
    await page.goto('/#/sandbox/plans');
    await page.getByLabel('Plan name').fill(short(2));
    await page.getByLabel('Rule name').fill(short(3));
    await page.getByRole('button', { name: 'Create plan' }).click();
    await page.waitForTimeout(100);
    await checked(page, 'a hostile plan name');

    // The command line: every short payload as a vault name, then tags, policies, plans, report plans, queries, help.
    await page.goto('/#/sandbox/cli');
    const shq = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;
    const lines = [
      ...SHORT.slice(0, 40).map((x) => `aws backup create-backup-vault --backup-vault-name ${shq(x.text)}`),
      `aws backup create-backup-vault --backup-vault-name xss-cli --backup-vault-tags ${shq(JSON.stringify(Object.fromEntries(SHORT.slice(0, 40).map((x, i) => [`k${i}`, x.text]))))}`,
      `aws backup create-backup-vault --backup-vault-name xss-keys --backup-vault-tags ${shq(JSON.stringify(Object.fromEntries(SHORT.slice(40, 60).map((x) => [x.text, 'v']))))}`,
      `aws backup put-backup-vault-access-policy --backup-vault-name xss-cli --policy ${shq(policy(1))}`,
      `aws backup get-backup-vault-access-policy --backup-vault-name xss-cli`,
      `aws backup create-backup-plan --backup-plan ${shq(JSON.stringify({ BackupPlanName: short(6), Rules: [{ RuleName: short(7), TargetBackupVaultName: short(8) }] }))}`,
      `aws backup create-backup-plan --backup-plan ${shq(JSON.stringify({ BackupPlanName: 'xss-plan', Rules: [{ RuleName: 'daily', TargetBackupVaultName: 'xss-cli', RecoveryPointTags: { note: short(9) } }] }))} --backup-plan-tags ${shq(JSON.stringify({ owner: short(10) }))}`,
      `aws backup create-report-plan --report-plan-name ${shq(short(11))} --report-delivery-channel '{"S3BucketName":"reports"}' --report-setting '{"ReportTemplate":"BACKUP_JOB_REPORT"}'`,
      `aws backup create-report-plan --report-plan-name xss_report --report-plan-description ${shq(short(12))} --report-delivery-channel ${shq(JSON.stringify({ S3BucketName: short(13) }))} --report-setting '{"ReportTemplate":"BACKUP_JOB_REPORT"}'`,
      `aws backup start-backup-job --backup-vault-name xss-cli --resource-arn ${shq(short(14))} --iam-role-arn ${shq(short(15))}`,
      `aws backup list-backup-vaults --query ${shq(short(16))}`,
      `aws backup list-backup-vaults --query ${shq(`BackupVaultList[?BackupVaultName=='${short(17)}']`)}`,
      `aws backup list-backup-vaults --output ${shq(short(18))}`,
      `aws backup ${short(19).replace(/\s/g, '')} help`,
      `aws ${shq(short(20))}`,
      `aws backup create-backup-vault help ${shq(short(21))}`,
      short(22),
      `aws backup list-tags --resource-arn ${shq(`arn:aws:backup:us-east-1:222222222222:backup-vault:${short(23)}`)}`,
      `aws backup create-backup-vault --backup-vault-name 'unclosed ${short(24)}`,
    ];
    const box = page.getByLabel('Command', { exact: true });
    const first = page.getByRole('list', { name: 'Commands run' }).getByRole('listitem').first().locator('.command-echo');
    for (const line of lines) {
      await box.fill(line);
      await box.press('Enter');
      await expect(first).toHaveText(`$ ${line}`);
    }
    // Completion chips for a hostile partial command.
    await box.fill(`aws backup ${short(25)}`);
    await page.waitForTimeout(100);
    await checked(page, 'the command line');
    await page.getByRole('button', { name: '+1 day' }).click();
    for (const tab of ['vaults', 'plans', 'jobs', 'audit', 'monitoring', 'costs']) {
      await page.goto(`/#/sandbox/${tab}`);
      await expect(page.getByTestId('sandbox-time')).toBeVisible();
      await page.waitForTimeout(100);
      for (const more of await page.locator('main details:not([open])').all()) await more.evaluate((d) => ((d as HTMLDetailsElement).open = true));
      // The API activity lists the hostile requests, as text.
      if (tab === 'monitoring') await expect(page.locator('main')).toContainText('onerror');
      await checked(page, `the sandbox ${tab} tab`);
    }
  });
});

test.describe('hostile content under the Content Security Policy', () => {
  test('no violation is even attempted: every hostile note, sandbox commands', async ({ page, context }) => {
    test.setTimeout(45_000);
    await watch(context);
    await context.addInitScript(() => {
      const list: string[] = [];
      (window as unknown as { __csp: string[] }).__csp = list;
      document.addEventListener('securitypolicyviolation', (e) => list.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
    });
    const violations = async (where: string): Promise<void> => {
      expect(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []), `CSP violation on ${where}`).toEqual([]);
    };
    await page.goto('/#/');
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').count()).toBe(1);
    await importHostileNotes(page);
    await violations('the import');
    await page.goto('/#/');
    const hrefs = await page.getByRole('region', { name: VAULT_NAME }).locator('a[href^="#/n/"]').evaluateAll((links) => [...new Set(links.map((a) => a.getAttribute('href') ?? ''))]);
    for (const href of hrefs) {
      // Soft navigation keeps the page (and its list of violations) across notes.
      await page.evaluate((h) => (location.hash = h), href);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      for (const fold of await page.locator('button.fold[aria-expanded="false"]').all()) await fold.click();
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
      await page.waitForTimeout(50);
      await violations(href);
    }
    await checked(page, 'the last note under the policy');
    await page.goto('/#/sandbox/cli');
    const box = page.getByLabel('Command', { exact: true });
    for (const x of SHORT.slice(0, 5)) {
      await box.fill(`aws backup create-backup-vault --backup-vault-name '${x.text.replace(/'/g, `'\\''`)}'`);
      await box.press('Enter');
    }
    await page.waitForTimeout(100);
    await violations('the command line');
    await checked(page, 'the command line under the policy');
    // The listener is live: a script injected the unsafe way is refused and reported.
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', `<img src=x onerror="__xss('csp-control')">`));
    await expect.poll(() => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp.join(' '))).toMatch(/script-src/);
  });
});

/** A vault access policy whose every string is a payload. */
function policy(n: number): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: short(n + 30), Effect: 'Deny', Principal: { AWS: short(n + 31) }, Action: ['backup:DeleteRecoveryPoint', short(n + 32)], Resource: short(n + 33), Condition: { StringEquals: { [short(n + 34)]: short(n + 35) } } }],
  });
}

/** The parts of a backup file the test changes. */
interface BackupFile {
  vaults: { id: string; name: string; files: { path: string; text: string }[] }[];
  settings: { key: string; value: unknown }[];
  [key: string]: unknown;
}

/** Appends a payload to every string a student sees in a drill; the title becomes one. */
function poison(drill: Drill): Drill {
  let i = 10;
  const seen = ['stem', 'text', 'quote', 'noteTitle', 'label', 'statement', 'prompt', 'title', 'falseBecause'];
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, typeof v === 'string' && seen.includes(k) ? `${v} ${short(i++)}` : k === 'path' && Array.isArray(v) ? v.map((x) => `${String(x)} ${short(i++)}`) : walk(v)]),
    );
  };
  const out = walk(drill) as Drill;
  return { ...out, title: short(1), instructions: SHORT.map((x) => x.text).join('\n').slice(0, 2000) };
}

/** The backup with hostile vault name, note paths, quiz history topics, and an assigned drill full of payloads. */
function poisonBackup(backup: BackupFile, drill: Drill): BackupFile {
  const copy = structuredClone(backup);
  const vault = copy.vaults[0];
  if (!vault) throw new Error('no vault in the backup');
  vault.name = short(5);
  vault.files.push(...HOSTILE_FILE_NAMES.map((name, i) => ({ path: `${short(i + 6).replace(/\//g, '')} ${name}`.slice(0, 400), text: `- Restored fact ${i}: ${short(i + 8)} with ${i + 3} copies\n` })));
  const history = copy.settings.find((r) => r.key === 'quiz-history');
  const entry = { at: Date.now(), score: 0, total: SHORT.length, questions: SHORT.map((x, i) => ({ id: `q-${x.id}`, correct: i % 2 === 0, topic: x.text })) };
  if (history) (history.value as unknown[]).push(entry);
  else copy.settings.push({ key: 'quiz-history', value: [entry] });
  copy.settings.push({ key: 'drills-assigned', value: [{ drill, addedAt: Date.now(), attempts: [] }] });
  return copy;
}

/** Backups the app must refuse, each with a payload where a message could quote it, and what the message says. */
function badBackups(good: BackupFile): [string, string][] {
  const base = { ...good, vaults: [] };
  return [
    [`<script>__xss('bk01')</script>`, 'not valid JSON'],
    [JSON.stringify({ format: `<img src=x onerror=__xss('bk02')>`, version: 2 }), 'not a Vaultcards backup'],
    [JSON.stringify({ ...base, version: `<svg onload=__xss('bk03')>` }), 'version'],
    [JSON.stringify({ ...base, settings: [{ key: `<img src=x onerror=__xss('bk04')>`, value: 1 }] }), `"<img src=x onerror=__xss('bk04')>" is not a setting this app knows`],
    [JSON.stringify({ ...base, vaults: [{ id: `<b onclick=__xss('bk05')>`, name: 'x', createdAt: 0, updatedAt: 0, files: [], attachments: [] }] }), 'vaults[0].id'],
    [JSON.stringify({ ...base, [`<img src=x onerror=__xss('bk06')>`]: true }), `Unrecognized key: "<img src=x onerror=__xss('bk06')>"`],
    [JSON.stringify({ ...base, settings: [{ key: 'quiz-history', value: [{ at: `<img src=x onerror=__xss('bk07')>` }] }] }), 'quiz-history'],
  ];
}
