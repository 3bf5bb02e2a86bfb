import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const TABS = ['Vaults', 'Plans', 'Jobs', 'Audit', 'Monitoring', 'Costs', 'Command line', 'Labs'] as const;

async function openSandbox(page: Page, path = '#/sandbox'): Promise<void> {
  await page.goto(`/${path}`);
  await expect(page.getByRole('heading', { level: 1, name: 'AWS Backup sandbox' })).toBeVisible();
  await expect(page.getByTestId('sandbox-time')).toBeVisible();
}

async function tab(page: Page, name: (typeof TABS)[number]): Promise<void> {
  await page.getByRole('navigation', { name: 'Sandbox' }).getByRole('link', { name, exact: true }).click();
}

async function startLab(page: Page, title: string): Promise<void> {
  await tab(page, 'Labs');
  await page.getByRole('button', { name: `Start lab: ${title}` }).click();
  await expect(page.getByRole('heading', { level: 2, name: `Lab: ${title}` })).toBeVisible();
}

async function expectLabDone(page: Page): Promise<void> {
  await expect(page.getByText('All checks pass: lab complete.')).toBeVisible();
}

/** Runs a line in the command box and returns its output. */
async function run(page: Page, line: string): Promise<string> {
  const box = page.getByLabel('Command', { exact: true });
  await box.fill(line);
  await box.press('Enter');
  const entry = page.getByRole('list', { name: 'Commands run' }).getByRole('listitem').first();
  await expect(entry.locator('.command-echo')).toContainText(line.slice(0, 30));
  // A call with an empty answer (a delete) prints nothing, as the AWS CLI does.
  return (await entry.locator('pre').count()) ? ((await entry.locator('pre').textContent()) ?? '') : '';
}

test.describe('AWS Backup sandbox', () => {
  test('two labs completed by clicking: the vaults AWS keeps, and a vault with its own KMS key', async ({ page }) => {
    await openSandbox(page);
    await startLab(page, 'The vaults AWS keeps');
    await tab(page, 'Vaults');
    await page.getByRole('button', { name: 'Delete Default' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'InvalidRequestException' })).toBeVisible();
    await page.getByRole('button', { name: 'Delete aws/efs/automatic-backup-vault' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'AccessDeniedException' })).toBeVisible();
    await expectLabDone(page);

    await startLab(page, 'A vault encrypted with your own KMS key');
    await tab(page, 'Vaults');
    await page.getByLabel('Vault name').fill('lab-cmk');
    await page.getByRole('combobox', { name: /^KMS key/ }).selectOption({ label: 'backup-cmk (customer managed)' });
    await page.getByLabel('Tags').fill('team=ops');
    await page.getByRole('button', { name: 'Create vault' }).click();
    await expect(page.getByRole('cell', { name: 'backup-cmk' })).toBeVisible();
    await expectLabDone(page);

    await tab(page, 'Labs');
    await expect(page.getByText('Completed: 2 of 10.')).toBeVisible();
    await page.screenshot({ path: 'reports/screenshots/sandbox-labs.png', fullPage: true });
  });

  test('a lab completed by typed AWS CLI commands', async ({ page }) => {
    await openSandbox(page);
    await startLab(page, 'Deleting a plan that still has assignments');
    await tab(page, 'Command line');
    const plan = await run(
      page,
      `aws backup create-backup-plan --backup-plan '{"BackupPlanName":"lab","Rules":[{"RuleName":"daily","TargetBackupVaultName":"Default"}]}'`,
    );
    const planId = /"BackupPlanId": "([^"]+)"/.exec(plan)?.[1];
    expect(planId).toBeTruthy();
    const selection = await run(
      page,
      `aws backup create-backup-selection --backup-plan-id ${planId} --backup-selection '{"SelectionName":"all-ebs","IamRoleArn":"arn:aws:iam::222222222222:role/service-role/AWSBackupDefaultServiceRole","Resources":["arn:aws:ec2:*:*:volume/*"]}'`,
    );
    const selectionId = /"SelectionId": "([^"]+)"/.exec(selection)?.[1];
    expect(selectionId).toBeTruthy();
    expect(await run(page, `aws backup delete-backup-plan --backup-plan-id ${planId}`)).toContain(
      'An error occurred (InvalidRequestException) when calling the DeleteBackupPlan operation: Related backup plan selections must be deleted prior to backup plan deletion',
    );
    await run(page, `aws backup delete-backup-selection --backup-plan-id ${planId} --selection-id ${selectionId}`);
    expect(await run(page, `aws backup delete-backup-plan --backup-plan-id ${planId}`)).toContain('"DeletionDate"');
    await expectLabDone(page);
    await page.screenshot({ path: 'reports/screenshots/sandbox-cli.png', fullPage: true });
  });

  test('an audit framework shows compliance per resource after its daily evaluation', async ({ page }) => {
    await openSandbox(page, '#/sandbox/cli');
    const out = await run(
      page,
      `aws backup create-framework --framework-name protected --framework-controls '[{"ControlName":"BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN"}]'`,
    );
    expect(out).toContain('"FrameworkArn"');
    await page.getByRole('button', { name: '+1 day' }).click();
    await tab(page, 'Audit');
    await page.getByText('Compliance per resource').first().click();
    await expect(page.locator('.per-resource li').first()).toContainText(/NON-COMPLIANT: arn:aws:/);
    await page.screenshot({ path: 'reports/screenshots/sandbox-audit-evaluated.png', fullPage: true });
  });

  test('a refusal names the rule and links to the fact that teaches it', async ({ page }) => {
    await openSandbox(page, '#/sandbox/vaults');
    await page.getByRole('button', { name: 'Delete Default' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'DeleteBackupVault was refused' });
    await expect(refusal).toContainText('The Default vault and the EFS automatic backup vault cannot be deleted.');
    await expect(refusal.getByRole('link', { name: 'Review this card' })).toHaveAttribute('href', /#\/review\?note=storage-aws-backup/);
    await refusal.getByRole('link', { name: /cannot delete AWS backup default vault/ }).click();
    await expect(page).toHaveURL(/#\/n\/storage-aws-backup\/f\//);
    await expect(page.locator('li.fact.targeted')).toContainText('cannot delete AWS backup default vault');
  });

  test('a topic card offers the lab that exercises its fact', async ({ page }) => {
    // Search jumps to the fact and unfolds its section.
    await page.goto('/#/search?q=cannot%20delete%20AWS%20backup%20default%20vault');
    await page.locator('.hits a').first().click();
    const fact = page.locator('li.fact.targeted');
    await expect(fact).toContainText('cannot delete AWS backup default vault');
    await fact.getByRole('link', { name: /Try it in the sandbox/ }).click();
    await expect(page).toHaveURL(/#\/sandbox\/labs\?lab=undeletable-vaults/);
    await expect(page.locator('#lab-undeletable-vaults')).toHaveClass(/highlight/);
  });

  test('the sandbox survives a reload; a bad import file changes nothing', async ({ page }) => {
    await openSandbox(page, '#/sandbox/vaults');
    await page.getByLabel('Vault name').fill('keep-me');
    await page.getByRole('button', { name: 'Create vault' }).click();
    await expect(page.getByRole('rowheader', { name: 'keep-me' })).toBeVisible();
    await page.getByRole('button', { name: '+1 day' }).click();
    await expect(page.getByTestId('sandbox-time')).toHaveText('2026-01-02 00:00 UTC');
    // The save is queued after the change: wait until IndexedDB holds the new time, then reload.
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            new Promise<number | undefined>((resolve) => {
              const req = indexedDB.open('vaultcards');
              req.onsuccess = () => {
                const get = req.result.transaction('settings', 'readonly').objectStore('settings').get('sandbox-state');
                get.onsuccess = () => {
                  resolve((get.result?.value as { state?: { now?: number } } | undefined)?.state?.now);
                  req.result.close();
                };
              };
            }),
        ),
      )
      .toBe(Date.UTC(2026, 0, 2));
    await page.reload();
    await expect(page.getByRole('rowheader', { name: 'keep-me' })).toBeVisible();
    await expect(page.getByTestId('sandbox-time')).toHaveText('2026-01-02 00:00 UTC');

    await page.getByLabel('Import sandbox').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"vaultcards-sandbox","state":{"version":1}}') });
    await expect(page.getByText(/Nothing was changed: The sandbox state is not valid/)).toBeVisible();
    await page.reload();
    await expect(page.getByRole('rowheader', { name: 'keep-me' })).toBeVisible();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`every console screen has no serious accessibility violations and fits a phone (${colorScheme})`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.emulateMedia({ colorScheme });
      await openSandbox(page);
      // Something on every screen: a lab in progress, a refusal, a job and a day of history.
      await startLab(page, 'SNS notifications of backup jobs');
      await tab(page, 'Vaults');
      await page.getByRole('button', { name: 'Delete Default' }).click();
      await page.getByRole('button', { name: 'Open Default' }).click();
      await page.getByRole('button', { name: '+1 day' }).click();
      for (const name of TABS) {
        await tab(page, name);
        const results = await new AxeBuilder({ page }).analyze();
        const serious = results.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        expect(serious, `${name} (${colorScheme})`).toEqual([]);
        if (colorScheme === 'light') await page.screenshot({ path: `reports/screenshots/sandbox-${name.toLowerCase().replace(' ', '-')}.png`, fullPage: true });
      }
      await page.setViewportSize({ width: 360, height: 740 });
      for (const name of TABS) {
        await tab(page, name);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${name} at 360 px`).toBeLessThanOrEqual(0);
      }
      if (colorScheme === 'dark') await page.screenshot({ path: 'reports/screenshots/sandbox-phone-dark.png', fullPage: true });
    });
  }
});
