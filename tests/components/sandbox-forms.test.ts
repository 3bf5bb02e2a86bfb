/** The sandbox console's forms: plan rule editor, plan JSON, resource assignment, report plan buckets. */
import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxConsole } from '../../src/state/sandbox.svelte.ts';
import AuditPanel from '../../src/ui/sandbox/AuditPanel.svelte';
import CostsPanel from '../../src/ui/sandbox/CostsPanel.svelte';
import JobsPanel from '../../src/ui/sandbox/JobsPanel.svelte';
import MonitoringPanel from '../../src/ui/sandbox/MonitoringPanel.svelte';
import PlansPanel from '../../src/ui/sandbox/PlansPanel.svelte';
import { closeSandboxPanel, openSandboxPanel } from './sandbox-panel.ts';

afterEach(closeSandboxPanel);
const open = openSandboxPanel;

function lastCall(sc: SandboxConsole, eventName: string) {
  const calls = sc.sandbox?.state.activity.filter((a) => a.eventName === eventName) ?? [];
  return calls[calls.length - 1];
}

describe('plan rule editor', () => {
  it('builds the AWS plan document from the form and lists the new plan', async () => {
    const user = userEvent.setup();
    const sc = await open(PlansPanel);
    await user.type(screen.getByLabelText('Plan name'), 'weekly-efs');
    await user.clear(screen.getByLabelText('Rule name'));
    await user.type(screen.getByLabelText('Rule name'), 'monday');
    await user.selectOptions(screen.getByLabelText('Frequency'), 'weekly');
    await fireEvent.input(screen.getByLabelText('Time (UTC)'), { target: { value: '03:30' } });
    await user.selectOptions(screen.getByLabelText('Day of the week'), 'MON');
    expect(screen.getByText(/The rule will use/)).toHaveTextContent('cron(30 3 ? * MON *): at 03:30 UTC every Monday');
    await user.type(screen.getByLabelText(/^Move to cold storage after/), '30');
    await user.type(screen.getByLabelText(/^Delete after/), '120');
    const west = 'arn:aws:backup:us-west-2:222222222222:backup-vault:Default';
    await user.selectOptions(screen.getByLabelText('Copy to vault'), west);
    await user.type(screen.getByLabelText(/^Recovery point tags/), 'env=prod, team=ops');
    await user.click(screen.getByRole('button', { name: 'Create plan' }));

    expect(await screen.findByRole('rowheader', { name: 'weekly-efs' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Created plan weekly-efs');
    const call = lastCall(sc, 'CreateBackupPlan');
    expect(call?.errorCode).toBeUndefined();
    expect(call?.requestParameters.BackupPlan).toEqual({
      BackupPlanName: 'weekly-efs',
      Rules: [
        {
          RuleName: 'monday',
          TargetBackupVaultName: 'Default',
          ScheduleExpression: 'cron(30 3 ? * MON *)',
          StartWindowMinutes: 480,
          CompletionWindowMinutes: 10080,
          Lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 120 },
          CopyActions: [{ DestinationBackupVaultArn: west }],
          RecoveryPointTags: { env: 'prod', team: 'ops' },
        },
      ],
    });
    const row = screen.getByRole('rowheader', { name: 'weekly-efs' }).closest('tr') as HTMLElement;
    expect(within(row).getByText(/monday: at 03:30 UTC every Monday into Default/)).toBeInTheDocument();
  });

  it('shows a malformed tags text next to the field and sends nothing', async () => {
    const user = userEvent.setup();
    const sc = await open(PlansPanel);
    await user.type(screen.getByLabelText('Plan name'), 'tagged');
    const tags = screen.getByLabelText(/^Recovery point tags/);
    await user.type(tags, 'env=prod, oops');
    await user.click(screen.getByRole('button', { name: 'Create plan' }));
    expect(await screen.findByText(/"oops" is not a key=value pair/)).toBeInTheDocument();
    expect(tags).toHaveAttribute('aria-invalid', 'true');
    expect(tags).toHaveAccessibleDescription(/"oops" is not a key=value pair/);
    expect(lastCall(sc, 'CreateBackupPlan')).toBeUndefined();
    expect(sc.sandbox?.state.plans).toHaveLength(0);
  });
});

describe('plan JSON view', () => {
  it('says "not JSON" for bad text, then creates a plan from an AWS document', async () => {
    const user = userEvent.setup();
    const sc = await open(PlansPanel);
    await user.click(screen.getByRole('button', { name: 'JSON' }));
    const text = screen.getByLabelText(/AWS plan document/);
    await user.clear(text);
    await user.click(text);
    await user.paste('{"BackupPlanName": oops');
    await user.click(screen.getByRole('button', { name: 'Create plan from JSON' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/not JSON/);
    expect(sc.sandbox?.state.plans).toHaveLength(0);

    await user.clear(text);
    await user.paste(
      JSON.stringify({
        BackupPlan: { BackupPlanName: 'from-json', Rules: [{ RuleName: 'sunday', TargetBackupVaultName: 'Default', ScheduleExpression: 'cron(0 3 ? * SUN *)' }] },
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Create plan from JSON' }));
    expect(await screen.findByRole('rowheader', { name: 'from-json' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(sc.sandbox?.state.plans[0]?.versions[0]?.Rules[0]?.ScheduleExpression).toBe('cron(0 3 ? * SUN *)');
  });

  it('gives a chosen plan a new version with UpdateBackupPlan', async () => {
    const user = userEvent.setup();
    const sc = await open(PlansPanel);
    sc.call('CreateBackupPlan', { BackupPlan: { BackupPlanName: 'p', Rules: [{ RuleName: 'r', TargetBackupVaultName: 'Default' }] } });
    await user.click(screen.getByRole('button', { name: 'JSON' }));
    await user.selectOptions(screen.getByLabelText('Apply to'), screen.getByRole('option', { name: /^p: new version/ }));
    await user.click(screen.getByRole('button', { name: 'Load the current document of p' }));
    const text = screen.getByLabelText(/AWS plan document/) as HTMLTextAreaElement;
    expect(text.value).toContain('"BackupPlanName": "p"');
    const doc = JSON.parse(text.value) as { BackupPlan: { Rules: { ScheduleExpression: string }[] } };
    (doc.BackupPlan.Rules[0] as { ScheduleExpression: string }).ScheduleExpression = 'cron(0 1 ? * * *)';
    await user.clear(text);
    await user.paste(JSON.stringify(doc));
    await user.click(screen.getByRole('button', { name: 'Update plan' }));
    await waitFor(() => expect(sc.sandbox?.state.plans[0]?.versions).toHaveLength(2));
    const row = screen.getByRole('rowheader', { name: 'p' }).closest('tr') as HTMLElement;
    expect(within(row).getAllByRole('cell')[1]).toHaveTextContent('2');
  });
});

describe('resource assignment', () => {
  it('assigns every resource of a type with its ARN pattern and the default role', async () => {
    const user = userEvent.setup();
    const sc = await open(PlansPanel);
    sc.call('CreateBackupPlan', { BackupPlan: { BackupPlanName: 'files', Rules: [{ RuleName: 'r', TargetBackupVaultName: 'Default' }] } });
    await user.click(await screen.findByRole('button', { name: 'Open files' }));
    await user.selectOptions(screen.getByLabelText('Resource type'), 'EFS');
    expect(screen.getByLabelText('IAM role')).toHaveValue('arn:aws:iam::222222222222:role/service-role/AWSBackupDefaultServiceRole');
    await user.click(screen.getByRole('button', { name: 'Assign resources' }));
    await waitFor(() => expect(sc.sandbox?.state.selections).toHaveLength(1));
    expect(sc.sandbox?.state.selections[0]).toMatchObject({
      SelectionName: 'all-efs',
      IamRoleArn: 'arn:aws:iam::222222222222:role/service-role/AWSBackupDefaultServiceRole',
      Resources: ['arn:aws:elasticfilesystem:*:*:file-system/*'],
    });
    const table = screen.getByRole('table', { name: 'Resource assignments of files' });
    expect(within(table).getByRole('rowheader', { name: 'all-efs' })).toBeInTheDocument();
    expect(within(table).getByText('arn:aws:elasticfilesystem:*:*:file-system/*')).toBeInTheDocument();

    // The plan cannot be deleted while resources are assigned: the refusal is the lesson.
    await user.click(screen.getByRole('button', { name: 'Delete plan files' }));
    expect(sc.refusal?.name).toBe('InvalidRequestException');
    await user.click(within(table).getByRole('button', { name: 'Delete assignment all-efs' }));
    await waitFor(() => expect(sc.sandbox?.state.selections).toHaveLength(0));
  });
});

describe('report plan form', () => {
  it('lists the buckets of every Region and account, and AWS refuses another Region', async () => {
    const user = userEvent.setup();
    const sc = await open(AuditPanel);
    const select = screen.getByLabelText('S3 bucket');
    const names = within(select).getAllByRole('option').map((o) => o.textContent);
    expect(names).toContain('backup-reports-222222222222-us-east-1 (222222222222, us-east-1)');
    expect(names).toContain('backup-reports-222222222222-eu-west-1 (222222222222, eu-west-1)');
    expect(names).toContain('backup-reports-111111111111-us-west-2 (111111111111, us-west-2)');

    await user.type(screen.getByLabelText('Report plan name'), 'jobs_daily');
    await user.selectOptions(select, 'backup-reports-222222222222-eu-west-1');
    await user.click(screen.getByRole('button', { name: 'Create report plan' }));
    expect(sc.refusal?.message).toMatch(/same Region and account/);
    expect(sc.sandbox?.state.reportPlans).toHaveLength(0);

    await user.selectOptions(select, 'backup-reports-222222222222-us-east-1');
    await user.click(screen.getByRole('button', { name: 'Create report plan' }));
    expect(await screen.findByRole('rowheader', { name: 'jobs_daily' })).toBeInTheDocument();
  });
});

describe('audit panel', () => {
  it('creates a framework from picked controls, runs a report and shows its file', async () => {
    const user = userEvent.setup();
    const sc = await open(AuditPanel);
    await user.type(screen.getByLabelText(/^Framework name/), 'retention');
    await user.click(screen.getByRole('checkbox', { name: 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK' }));
    const days = screen.getByLabelText('requiredRetentionDays');
    expect(days).toHaveValue('35');
    await user.clear(days);
    await user.type(days, '14');
    await user.click(screen.getByRole('button', { name: 'Create framework' }));
    expect(sc.sandbox?.state.frameworks[0]?.FrameworkControls).toEqual([
      { ControlName: 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK', ControlInputParameters: [{ ParameterName: 'requiredRetentionDays', ParameterValue: '14' }] },
    ]);
    expect(await screen.findByRole('rowheader', { name: 'retention' })).toBeInTheDocument();

    sc.call('CreateReportPlan', {
      ReportPlanName: 'jobs',
      ReportSetting: { ReportTemplate: 'BACKUP_JOB_REPORT' },
      ReportDeliveryChannel: { S3BucketName: 'backup-reports-222222222222-us-east-1', Formats: ['CSV'] },
    });
    sc.advance(300);
    await user.click(await screen.findByRole('button', { name: 'Run report now: jobs' }));
    sc.advance(600);
    const files = await screen.findByRole('table', { name: /Report files/ });
    const view = await within(files).findByRole('button', { name: /^View / });
    expect(within(files).getByRole('link', { name: /^Download .*\.csv$/ })).toHaveAttribute('download', expect.stringMatching(/\.csv$/));
    await user.click(view);
    expect(view).toHaveAttribute('aria-expanded', 'true');
    expect(files.querySelector('pre')?.textContent).toContain(',');
  });
});

describe('jobs, monitoring and costs', () => {
  it('starts a backup, lists it, then restores the recovery point it made', async () => {
    const user = userEvent.setup();
    const sc = await open(JobsPanel);
    const ebs = sc.sandbox?.state.resources.find((r) => r.type === 'EBS' && r.accountId === sc.accountId && r.region === sc.region);
    await user.selectOptions(screen.getByLabelText('Resource'), ebs?.arn ?? '');
    await user.type(screen.getByLabelText(/^Retention/), '7');
    await user.click(screen.getByRole('button', { name: 'Start backup job' }));
    const table = screen.getByRole('table', { name: 'Backup jobs' });
    expect(await within(table).findByRole('rowheader', { name: ebs?.name })).toBeInTheDocument();
    expect(lastCall(sc, 'StartBackupJob')?.requestParameters).toMatchObject({ Lifecycle: { DeleteAfterDays: 7 }, IamRoleArn: 'arn:aws:iam::222222222222:role/service-role/AWSBackupDefaultServiceRole' });

    sc.advance(6 * 3600);
    await waitFor(() => expect(within(table).getByText('COMPLETED')).toBeInTheDocument());
    const point = within(screen.getByRole('form', { name: 'Start a restore job' })).getByLabelText('Recovery point');
    const option = within(point).getAllByRole('option')[1] as HTMLOptionElement;
    await user.selectOptions(point, option);
    await user.click(screen.getByRole('button', { name: 'Restore' }));
    expect(await within(screen.getByRole('table', { name: 'Restore jobs' })).findByText('PENDING')).toBeInTheDocument();
  });

  it('shows events, refused calls in words, and a metric chart with a text alternative', async () => {
    const sc = await open(MonitoringPanel);
    const ebs = sc.sandbox?.state.resources.find((r) => r.type === 'EBS' && r.accountId === sc.accountId && r.region === sc.region);
    sc.call('StartBackupJob', { BackupVaultName: 'Default', ResourceArn: ebs?.arn, IamRoleArn: 'arn:aws:iam::222222222222:role/backup' });
    sc.call('DeleteBackupVault', { BackupVaultName: 'nope' });
    sc.advance(6 * 3600);
    const events = await screen.findByRole('table', { name: /Events from aws.backup/ });
    expect(within(events).getAllByRole('rowheader', { name: 'Backup Job State Change' }).length).toBeGreaterThan(1);
    const activity = screen.getByRole('table', { name: /API calls/ });
    expect(within(activity).getByText(/Error: ResourceNotFoundException/)).toBeInTheDocument();
    expect(screen.getByLabelText('Metric')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /per day \(sum over vaults/ })).toBeInTheDocument();
  });

  it('shows the cost factors and a monthly estimate for a plan', async () => {
    const sc = await open(CostsPanel);
    const out = sc.call('CreateBackupPlan', {
      BackupPlan: { BackupPlanName: 'efs', Rules: [{ RuleName: 'daily', TargetBackupVaultName: 'Default', Lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 120 } }] },
    });
    sc.call('CreateBackupSelection', {
      BackupPlanId: out?.BackupPlanId,
      BackupSelection: { SelectionName: 'efs', IamRoleArn: 'arn:aws:iam::222222222222:role/backup', Resources: ['arn:aws:elasticfilesystem:*:*:file-system/*'] },
    });
    const factors = screen.getByRole('table', { name: /Costs so far/ });
    for (const f of ['warm storage', 'cold storage', 'transfer between Regions', 'restore'])
      expect(within(factors).getByRole('rowheader', { name: f })).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: /^efs: about \$[\d.]+ a month \(1 resource\)/ })).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Monthly estimate of efs' })).toBeInTheDocument();
  });
});
