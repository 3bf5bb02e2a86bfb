/**
 * Backup Audit Manager in the sandbox, through the engine: frameworks (names,
 * controls, scopes, duplicates, quotas, deployments), report plans (bucket,
 * templates, formats, quota, updates), report jobs and their S3 objects, the
 * daily evaluation at 00:00 UTC and the daily reports at 02:00 UTC.
 */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../src/lib/sandbox/engine.ts';
import { BackupError } from '../../../src/lib/sandbox/errors.ts';
import type { CallContext } from '../../../src/lib/sandbox/api.ts';
import type { BackupJob, Framework } from '../../../src/lib/sandbox/model.ts';
import { createRouter } from '../../../src/lib/sandbox/rest/router.ts';
import { sandboxClient, sdk } from './sdk-client.ts';

const MGMT: CallContext = { accountId: '111111111111', region: 'us-east-1' };
const WORK: CallContext = { accountId: '222222222222', region: 'us-east-1' };
const WORK_WEST: CallContext = { accountId: '222222222222', region: 'us-west-2' };
const MINUTES_3 = 180;
const DAY_S = 86_400;

function fresh(): Sandbox {
  return Sandbox.create({ seed: 't' });
}

function refused(fn: () => unknown, name: string, ruleId: string): BackupError {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  if (!(error instanceof BackupError)) throw new Error(`expected a BackupError ${name}, got ${String(error)}`);
  expect(error.name).toBe(name);
  expect(error.rule?.id).toBe(ruleId);
  return error;
}

const PROTECTED = { ControlName: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN' };

function retention(days: number) {
  return {
    ControlName: 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK',
    ControlInputParameters: [{ ParameterName: 'requiredRetentionDays', ParameterValue: String(days) }],
  };
}

function createFramework(sb: Sandbox, name: string, controls: unknown[], ctx: CallContext = WORK, extra: Record<string, unknown> = {}) {
  return sb.call('CreateFramework', { FrameworkName: name, FrameworkControls: controls, ...extra }, ctx) as { FrameworkName: string; FrameworkArn: string };
}

function bucket(ctx: CallContext): string {
  return `backup-reports-${ctx.accountId}-${ctx.region}`;
}

function createReportPlan(sb: Sandbox, name: string, ctx: CallContext = WORK, setting: Record<string, unknown> = {}, channel: Record<string, unknown> = {}) {
  return sb.call(
    'CreateReportPlan',
    {
      ReportPlanName: name,
      ReportSetting: { ReportTemplate: 'BACKUP_JOB_REPORT', ...setting },
      ReportDeliveryChannel: { S3BucketName: bucket(ctx), ...channel },
    },
    ctx,
  ) as { ReportPlanName: string; ReportPlanArn: string; CreationTime: Date };
}

function frameworkOf(sb: Sandbox, name: string): Framework {
  const fw = sb.state.frameworks.find((f) => f.FrameworkName === name);
  if (!fw) throw new Error(`no framework ${name}`);
  return fw;
}

describe('frameworks: names and controls', () => {
  it('accepts names that start with a letter and use letters, digits and underscores, 1 to 256 characters', () => {
    const sb = fresh();
    const out = createFramework(sb, 'Daily_checks_2', [PROTECTED]);
    expect(out.FrameworkName).toBe('Daily_checks_2');
    expect(out.FrameworkArn).toMatch(/^arn:aws:backup:us-east-1:222222222222:framework:Daily_checks_2-[0-9a-f-]{36}$/);
    createFramework(sb, 'x', [retention(1)]);
    createFramework(sb, `a${'b'.repeat(255)}`, [retention(2)]);
  });

  it('refuses a hyphen, a leading digit or underscore, an empty or a 257-character name', () => {
    const sb = fresh();
    for (const bad of ['daily-checks', '1daily', '_daily', 'has space', `a${'b'.repeat(256)}`]) {
      const e = refused(() => createFramework(sb, bad, [PROTECTED]), 'InvalidParameterValueException', 'framework.name');
      expect(e.message).toContain(bad);
    }
    refused(() => createFramework(sb, '', [PROTECTED]), 'MissingParameterValueException', 'input.required');
  });

  it('refuses a description over 1,024 characters', () => {
    const sb = fresh();
    refused(() => createFramework(sb, 'f', [PROTECTED], WORK, { FrameworkDescription: 'd'.repeat(1025) }), 'InvalidParameterValueException', 'input.required');
    createFramework(sb, 'f', [PROTECTED], WORK, { FrameworkDescription: 'd'.repeat(1024) });
  });

  it('needs at least one control', () => {
    const sb = fresh();
    refused(() => createFramework(sb, 'empty', []), 'InvalidParameterValueException', 'framework.controls');
    refused(() => sb.call('CreateFramework', { FrameworkName: 'none' }, WORK), 'MissingParameterValueException', 'framework.controls');
  });

  it('refuses an unknown control, naming it', () => {
    const sb = fresh();
    const e = refused(() => createFramework(sb, 'f', [{ ControlName: 'BACKUP_EVERYTHING_IS_FINE' }]), 'InvalidParameterValueException', 'framework.controls');
    expect(e.message).toContain('BACKUP_EVERYTHING_IS_FINE');
  });

  it("accepts each of the 10 controls with its own parameters", () => {
    const sb = fresh();
    const controls = [
      PROTECTED,
      {
        ControlName: 'BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK',
        ControlInputParameters: [
          { ParameterName: 'requiredFrequencyUnit', ParameterValue: 'hours' },
          { ParameterName: 'requiredFrequencyValue', ParameterValue: '12' },
          { ParameterName: 'requiredRetentionDays', ParameterValue: '35' },
        ],
      },
      {
        ControlName: 'BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED',
        ControlInputParameters: [{ ParameterName: 'principalArnList', ParameterValue: 'arn:aws:iam::222222222222:role/admin,arn:aws:iam::222222222222:role/ops' }],
      },
      { ControlName: 'BACKUP_RECOVERY_POINT_ENCRYPTED' },
      retention(35),
      { ControlName: 'BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION', ControlInputParameters: [{ ParameterName: 'crossRegionList', ParameterValue: 'us-west-2,eu-west-1' }] },
      { ControlName: 'BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT', ControlInputParameters: [{ ParameterName: 'crossAccountList', ParameterValue: '111111111111' }] },
      {
        ControlName: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK',
        ControlInputParameters: [
          { ParameterName: 'minRetentionDays', ParameterValue: '1' },
          { ParameterName: 'maxRetentionDays', ParameterValue: '365' },
        ],
      },
      {
        ControlName: 'BACKUP_LAST_RECOVERY_POINT_CREATED',
        ControlInputParameters: [
          { ParameterName: 'recoveryPointAgeUnit', ParameterValue: 'hours' },
          { ParameterName: 'recoveryPointAgeValue', ParameterValue: '36' },
        ],
      },
      { ControlName: 'RESTORE_TIME_FOR_RESOURCES_MEET_TARGET', ControlInputParameters: [{ ParameterName: 'maxRestoreTime', ParameterValue: '720' }] },
    ];
    createFramework(sb, 'all_ten', controls);
    const d = sb.call('DescribeFramework', { FrameworkName: 'all_ten' }, WORK);
    expect(d.FrameworkControls).toEqual(controls);
  });

  it("refuses a parameter of another control, or a value out of range, naming it", () => {
    const sb = fresh();
    const cases: [string, string, string][] = [
      ['BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN', 'requiredRetentionDays', '35'],
      ['BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK', 'requiredFrequencyUnit', 'days'],
      ['BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK', 'requiredRetentionDays', '0'],
      ['BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK', 'requiredRetentionDays', 'ten'],
      ['BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK', 'requiredFrequencyUnit', 'weeks'],
      ['BACKUP_LAST_RECOVERY_POINT_CREATED', 'recoveryPointAgeUnit', 'minutes'],
      ['BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION', 'crossRegionList', 'ap-south-1'],
      ['BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT', 'crossAccountList', '12345'],
      ['BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED', 'principalArnList', 'not-an-arn'],
      [
        'BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED',
        'principalArnList',
        [1, 2, 3, 4, 5, 6].map((i) => `arn:aws:iam::222222222222:role/r${i}`).join(','),
      ],
    ];
    for (const [control, name, value] of cases) {
      const e = refused(
        () => createFramework(sb, 'f', [{ ControlName: control, ControlInputParameters: [{ ParameterName: name, ParameterValue: value }] }]),
        'InvalidParameterValueException',
        'framework.controls',
      );
      expect(e.message).toContain(name);
      expect(e.message).toContain(control);
    }
    refused(
      () =>
        createFramework(sb, 'f', [
          {
            ControlName: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK',
            ControlInputParameters: [
              { ParameterName: 'minRetentionDays', ParameterValue: '30' },
              { ParameterName: 'maxRetentionDays', ParameterValue: '7' },
            ],
          },
        ]),
      'InvalidParameterValueException',
      'framework.controls',
    );
    // Five role ARNs are the most the control takes.
    createFramework(sb, 'five', [
      {
        ControlName: 'BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED',
        ControlInputParameters: [{ ParameterName: 'principalArnList', ParameterValue: [1, 2, 3, 4, 5].map((i) => `arn:aws:iam::222222222222:role/r${i}`).join(',') }],
      },
    ]);
  });

  it('takes at most one tag pair in a control scope, and 1 to 100 resource ids', () => {
    const sb = fresh();
    const e = refused(
      () => createFramework(sb, 'two_tags', [{ ...PROTECTED, ControlScope: { Tags: { env: 'prod', app: 'shop' } } }]),
      'InvalidParameterValueException',
      'framework.controls',
    );
    expect(e.message).toMatch(/at most one tag/);
    refused(
      () => createFramework(sb, 'no_ids', [{ ...PROTECTED, ControlScope: { ComplianceResourceIds: [] } }]),
      'InvalidParameterValueException',
      'framework.controls',
    );
    refused(
      () => createFramework(sb, 'many_ids', [{ ...PROTECTED, ControlScope: { ComplianceResourceIds: Array.from({ length: 101 }, (_, i) => `vol-${i}`) } }]),
      'InvalidParameterValueException',
      'framework.controls',
    );
    createFramework(sb, 'one_tag', [{ ...PROTECTED, ControlScope: { Tags: { env: 'prod' }, ComplianceResourceTypes: ['EBS', 'RDS'] } }]);
    expect(frameworkOf(sb, 'one_tag').FrameworkControls[0]?.ControlScope).toEqual({ ComplianceResourceTypes: ['EBS', 'RDS'], Tags: { env: 'prod' } });
  });
});

describe('frameworks: duplicates, quotas, idempotency', () => {
  it('refuses a second framework with the same name in the account and Region, not in another Region', () => {
    const sb = fresh();
    const first = createFramework(sb, 'audit', [PROTECTED]);
    const e = refused(() => createFramework(sb, 'audit', [retention(7)]), 'AlreadyExistsException', 'framework.duplicate');
    expect(e.arn).toBe(first.FrameworkArn);
    createFramework(sb, 'audit', [PROTECTED], WORK_WEST);
    createFramework(sb, 'audit', [PROTECTED], MGMT);
  });

  it('refuses a framework whose controls and parameters equal another one', () => {
    const sb = fresh();
    createFramework(sb, 'first', [PROTECTED, retention(35)]);
    const e = refused(() => createFramework(sb, 'second', [retention(35), PROTECTED]), 'AlreadyExistsException', 'framework.duplicate');
    expect(e.message).toContain('To successfully create a new framework, at least one control or parameter must be different');
    // requiredRetentionDays defaults to 35, so leaving it out is the same framework.
    refused(
      () => createFramework(sb, 'third', [PROTECTED, { ControlName: 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK' }]),
      'AlreadyExistsException',
      'framework.duplicate',
    );
    createFramework(sb, 'fourth', [PROTECTED, retention(36)]);
    createFramework(sb, 'fifth', [PROTECTED]);
  });

  it("allows 10 frameworks per account and Region under the notes' figure, stating both figures", () => {
    const sb = fresh();
    for (let i = 1; i <= 10; i++) createFramework(sb, `fw${i}`, [retention(i)]);
    const e = refused(() => createFramework(sb, 'fw11', [retention(11)]), 'LimitExceededException', 'framework.quota');
    expect(e.message).toContain('10');
    expect(e.message).toContain('15');
    // Another Region of the same account has its own 10.
    createFramework(sb, 'fw11', [retention(11)], WORK_WEST);
  });

  it("allows 15 frameworks under AWS's current figure", () => {
    const sb = fresh();
    sb.state.settings.quotaProfile = 'aws';
    for (let i = 1; i <= 15; i++) createFramework(sb, `fw${i}`, [retention(i)]);
    const e = refused(() => createFramework(sb, 'fw16', [retention(16)]), 'LimitExceededException', 'framework.quota');
    expect(e.message).toContain('15');
    expect(e.message).toContain('10');
  });

  it('allows 50 controls in all the frameworks of an account and Region, the same control counting each time', () => {
    const sb = fresh();
    const ten = (i: number) => [
      PROTECTED,
      { ControlName: 'BACKUP_RECOVERY_POINT_ENCRYPTED' },
      retention(i),
      { ControlName: 'BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK' },
      { ControlName: 'BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED' },
      { ControlName: 'BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION' },
      { ControlName: 'BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT' },
      { ControlName: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK' },
      { ControlName: 'BACKUP_LAST_RECOVERY_POINT_CREATED' },
      { ControlName: 'RESTORE_TIME_FOR_RESOURCES_MEET_TARGET' },
    ];
    for (let i = 1; i <= 5; i++) createFramework(sb, `fw${i}`, ten(i));
    const e = refused(() => createFramework(sb, 'fw6', [retention(6)]), 'LimitExceededException', 'framework.quota');
    expect(e.message).toContain('50');
    // The quota is per Region.
    createFramework(sb, 'fw6', [retention(6)], WORK_WEST);
  });

  it('answers a retry with the same IdempotencyToken with the framework it created', () => {
    const sb = fresh();
    const a = createFramework(sb, 'retry', [PROTECTED], WORK, { IdempotencyToken: 'tok-1' });
    const b = createFramework(sb, 'retry', [PROTECTED], WORK, { IdempotencyToken: 'tok-1' });
    expect(b).toEqual(a);
    expect(sb.state.frameworks).toHaveLength(1);
  });
});

describe('frameworks: deployment', () => {
  it('deploys in 2 minutes, refuses update and delete meanwhile, then updates and deletes', () => {
    const sb = fresh();
    const out = createFramework(sb, 'deploy', [PROTECTED], WORK, { FrameworkTags: { team: 'audit' }, FrameworkDescription: 'first' });
    expect(sb.state.tags[out.FrameworkArn]).toEqual({ team: 'audit' });
    let d = sb.call('DescribeFramework', { FrameworkName: 'deploy' }, WORK);
    expect(d.DeploymentStatus).toBe('CREATE_IN_PROGRESS');
    expect(d.CreationTime).toBeInstanceOf(Date);
    expect((d.CreationTime as Date).toISOString()).toBe('2026-01-01T00:00:00.000Z');
    refused(() => sb.call('UpdateFramework', { FrameworkName: 'deploy', FrameworkDescription: 'second' }, WORK), 'ConflictException', 'framework.in-progress');
    refused(() => sb.call('DeleteFramework', { FrameworkName: 'deploy' }, WORK), 'ConflictException', 'framework.in-progress');

    sb.advance(MINUTES_3);
    d = sb.call('DescribeFramework', { FrameworkName: 'deploy' }, WORK);
    expect(d.DeploymentStatus).toBe('COMPLETED');
    expect(d.FrameworkStatus).toBe('ACTIVE');
    expect(frameworkOf(sb, 'deploy').deployedAt).toBeUndefined();

    const u = sb.call('UpdateFramework', { FrameworkName: 'deploy', FrameworkDescription: 'second', FrameworkControls: [PROTECTED, retention(7)] }, WORK);
    expect(u.FrameworkArn).toBe(out.FrameworkArn);
    expect(sb.call('DescribeFramework', { FrameworkName: 'deploy' }, WORK).DeploymentStatus).toBe('UPDATE_IN_PROGRESS');
    refused(() => sb.call('DeleteFramework', { FrameworkName: 'deploy' }, WORK), 'ConflictException', 'framework.in-progress');
    sb.advance(MINUTES_3);
    d = sb.call('DescribeFramework', { FrameworkName: 'deploy' }, WORK);
    expect(d.DeploymentStatus).toBe('COMPLETED');
    expect(d.FrameworkDescription).toBe('second');
    expect(d.FrameworkControls).toHaveLength(2);

    const list = sb.call('ListFrameworks', {}, WORK).Frameworks as { FrameworkName: string; NumberOfControls: number; CreationTime: Date }[];
    expect(list).toEqual([expect.objectContaining({ FrameworkName: 'deploy', NumberOfControls: 2, CreationTime: expect.any(Date) })]);

    sb.call('DeleteFramework', { FrameworkName: 'deploy' }, WORK);
    expect(sb.call('DescribeFramework', { FrameworkName: 'deploy' }, WORK).DeploymentStatus).toBe('DELETE_IN_PROGRESS');
    sb.advance(MINUTES_3);
    refused(() => sb.call('DescribeFramework', { FrameworkName: 'deploy' }, WORK), 'ResourceNotFoundException', 'input.not-found');
    expect(sb.state.tags[out.FrameworkArn]).toBeUndefined();
    expect(sb.call('ListFrameworks', {}, WORK).Frameworks).toEqual([]);
  });

  it('refuses an update that would duplicate another framework, and unknown frameworks', () => {
    const sb = fresh();
    createFramework(sb, 'a', [PROTECTED]);
    createFramework(sb, 'b', [retention(7)]);
    sb.advance(MINUTES_3);
    refused(() => sb.call('UpdateFramework', { FrameworkName: 'b', FrameworkControls: [PROTECTED] }, WORK), 'AlreadyExistsException', 'framework.duplicate');
    refused(() => sb.call('UpdateFramework', { FrameworkName: 'nope', FrameworkControls: [PROTECTED] }, WORK), 'ResourceNotFoundException', 'input.not-found');
    refused(() => sb.call('DescribeFramework', { FrameworkName: 'a' }, MGMT), 'ResourceNotFoundException', 'input.not-found');
  });
});

describe('report plans', () => {
  it('refuses a bucket in another Region or account, naming both, and accepts the one of its own Region', () => {
    const sb = fresh();
    const e = refused(
      () => createReportPlan(sb, 'jobs', WORK, {}, { S3BucketName: bucket(WORK_WEST) }),
      'InvalidParameterValueException',
      'report.bucket',
    );
    expect(e.message).toContain(bucket(WORK_WEST));
    expect(e.message).toContain('us-west-2');
    expect(e.message).toContain('us-east-1');
    expect(e.message).toContain('222222222222');
    const other = refused(() => createReportPlan(sb, 'jobs', WORK, {}, { S3BucketName: bucket(MGMT) }), 'InvalidParameterValueException', 'report.bucket');
    expect(other.message).toContain('111111111111');
    refused(() => createReportPlan(sb, 'jobs', WORK, {}, { S3BucketName: 'no-such-bucket' }), 'InvalidParameterValueException', 'report.bucket');

    const out = createReportPlan(sb, 'jobs', WORK);
    expect(out.ReportPlanArn).toMatch(/^arn:aws:backup:us-east-1:222222222222:report-plan:jobs-[0-9a-f-]{36}$/);
    expect(out.CreationTime).toBeInstanceOf(Date);
    const d = sb.call('DescribeReportPlan', { ReportPlanName: 'jobs' }, WORK).ReportPlan as Record<string, unknown>;
    expect(d.DeploymentStatus).toBe('CREATE_IN_PROGRESS');
    expect(d.ReportDeliveryChannel).toEqual({ S3BucketName: bucket(WORK), Formats: ['CSV'] });
    sb.advance(MINUTES_3);
    expect((sb.call('DescribeReportPlan', { ReportPlanName: 'jobs' }, WORK).ReportPlan as Record<string, unknown>).DeploymentStatus).toBe('COMPLETED');
  });

  it('refuses names with hyphens and duplicate names in the account and Region', () => {
    const sb = fresh();
    refused(() => createReportPlan(sb, 'daily-jobs', WORK), 'InvalidParameterValueException', 'report.name');
    createReportPlan(sb, 'daily_jobs', WORK);
    refused(() => createReportPlan(sb, 'daily_jobs', WORK), 'AlreadyExistsException', 'report.name');
    createReportPlan(sb, 'daily_jobs', WORK_WEST);
  });

  it('takes the five templates; compliance templates need frameworks of the same account and Region', () => {
    const sb = fresh();
    const e = refused(() => createReportPlan(sb, 'bad', WORK, { ReportTemplate: 'EVERYTHING_REPORT' }), 'InvalidParameterValueException', 'report.template');
    expect(e.message).toContain('EVERYTHING_REPORT');
    for (const t of ['BACKUP_JOB_REPORT', 'COPY_JOB_REPORT', 'RESTORE_JOB_REPORT']) createReportPlan(sb, t.toLowerCase(), WORK, { ReportTemplate: t });
    refused(() => createReportPlan(sb, 'ctl', WORK, { ReportTemplate: 'CONTROL_COMPLIANCE_REPORT' }), 'InvalidParameterValueException', 'report.template');
    const west = createFramework(sb, 'west', [PROTECTED], WORK_WEST);
    refused(
      () => createReportPlan(sb, 'ctl', WORK, { ReportTemplate: 'CONTROL_COMPLIANCE_REPORT', FrameworkArns: [west.FrameworkArn] }),
      'InvalidParameterValueException',
      'report.template',
    );
    const fw = createFramework(sb, 'east', [PROTECTED]);
    createReportPlan(sb, 'ctl', WORK, { ReportTemplate: 'CONTROL_COMPLIANCE_REPORT', FrameworkArns: [fw.FrameworkArn] });
    createReportPlan(sb, 'res', WORK, { ReportTemplate: 'RESOURCE_COMPLIANCE_REPORT', FrameworkArns: [fw.FrameworkArn] });
    const d = sb.call('DescribeReportPlan', { ReportPlanName: 'ctl' }, WORK).ReportPlan as { ReportSetting: Record<string, unknown> };
    expect(d.ReportSetting).toEqual({ ReportTemplate: 'CONTROL_COMPLIANCE_REPORT', FrameworkArns: [fw.FrameworkArn], NumberOfFrameworks: 1 });
  });

  it('writes CSV by default, JSON only for a report of the current Region and account', () => {
    const sb = fresh();
    createReportPlan(sb, 'both', WORK, {}, { Formats: ['CSV', 'JSON'] });
    createReportPlan(sb, 'json_here', WORK, { Regions: ['us-east-1'], Accounts: ['222222222222'] }, { Formats: ['JSON'] });
    refused(() => createReportPlan(sb, 'json_west', WORK, { Regions: ['us-east-1', 'us-west-2'] }, { Formats: ['JSON'] }), 'InvalidParameterValueException', 'report.formats');
    refused(() => createReportPlan(sb, 'json_mgmt', WORK, { Accounts: ['111111111111'] }, { Formats: ['JSON'] }), 'InvalidParameterValueException', 'report.formats');
    createReportPlan(sb, 'csv_west', WORK, { Regions: ['us-east-1', 'us-west-2'] }, { Formats: ['CSV'] });
    refused(() => createReportPlan(sb, 'xml', WORK, {}, { Formats: ['XML'] }), 'InvalidParameterValueException', 'report.formats');
    refused(() => createReportPlan(sb, 'none', WORK, {}, { Formats: [] }), 'InvalidParameterValueException', 'report.formats');
  });

  it('allows 20 report plans per account across all Regions', () => {
    const sb = fresh();
    const regions = [WORK, WORK_WEST, { accountId: '222222222222', region: 'eu-west-1' }];
    for (let i = 0; i < 20; i++) createReportPlan(sb, `plan${i}`, regions[i % 3]);
    for (const ctx of regions) {
      const e = refused(() => createReportPlan(sb, 'plan20', ctx), 'LimitExceededException', 'report.quota');
      expect(e.message).toContain('20');
    }
    // The other account has its own 20.
    createReportPlan(sb, 'plan20', MGMT);
  });

  it('cannot change the template; other changes wait for the deployment', () => {
    const sb = fresh();
    createReportPlan(sb, 'jobs', WORK);
    refused(() => sb.call('UpdateReportPlan', { ReportPlanName: 'jobs', ReportPlanDescription: 'x' }, WORK), 'ConflictException', 'framework.in-progress');
    sb.advance(MINUTES_3);
    const e = refused(
      () => sb.call('UpdateReportPlan', { ReportPlanName: 'jobs', ReportSetting: { ReportTemplate: 'COPY_JOB_REPORT' } }, WORK),
      'InvalidParameterValueException',
      'report.template',
    );
    expect(e.message).toContain('A report plan template cannot be updated');
    sb.call(
      'UpdateReportPlan',
      { ReportPlanName: 'jobs', ReportPlanDescription: 'daily jobs', ReportDeliveryChannel: { S3BucketName: bucket(WORK), S3KeyPrefix: 'audit', Formats: ['JSON'] } },
      WORK,
    );
    let d = sb.call('DescribeReportPlan', { ReportPlanName: 'jobs' }, WORK).ReportPlan as Record<string, unknown>;
    expect(d.DeploymentStatus).toBe('UPDATE_IN_PROGRESS');
    expect(d.ReportPlanDescription).toBe('daily jobs');
    refused(() => sb.call('DeleteReportPlan', { ReportPlanName: 'jobs' }, WORK), 'ConflictException', 'framework.in-progress');
    sb.advance(MINUTES_3);
    sb.call('DeleteReportPlan', { ReportPlanName: 'jobs' }, WORK);
    d = sb.call('DescribeReportPlan', { ReportPlanName: 'jobs' }, WORK).ReportPlan as Record<string, unknown>;
    expect(d.DeploymentStatus).toBe('DELETE_IN_PROGRESS');
    sb.advance(MINUTES_3);
    refused(() => sb.call('DescribeReportPlan', { ReportPlanName: 'jobs' }, WORK), 'ResourceNotFoundException', 'input.not-found');
    expect(sb.call('ListReportPlans', {}, WORK).ReportPlans).toEqual([]);
  });
});

function fakeBackupJob(sb: Sandbox, id: string, status: BackupJob['State'], message?: string): void {
  const now = sb.state.now;
  const job: BackupJob = {
    BackupJobId: id,
    accountId: '222222222222',
    region: 'us-east-1',
    BackupVaultName: 'Default',
    BackupVaultArn: 'arn:aws:backup:us-east-1:222222222222:backup-vault:Default',
    ResourceArn: 'arn:aws:ec2:us-east-1:222222222222:volume/vol-0123',
    ResourceType: 'EBS',
    ResourceName: 'data',
    IamRoleArn: 'arn:aws:iam::222222222222:role/backup',
    State: status,
    CreationDate: now - 3_600_000,
    StartBy: now,
    CompleteBy: now + 86_400_000,
    CompletionDate: now - 1_800_000,
    BackupSizeInBytes: 1024,
    ...(message ? { StatusMessage: message } : {}),
  };
  sb.state.backupJobs.set(id, job);
}

describe('report jobs', () => {
  it('writes one CSV and one JSON object with the documented key layout and RFC 4180 quoting', () => {
    const sb = fresh();
    const plan = createReportPlan(sb, 'jobs', WORK, {}, { S3KeyPrefix: 'audit', Formats: ['CSV', 'JSON'] });
    sb.advance(MINUTES_3);
    fakeBackupJob(sb, 'job-ok', 'COMPLETED');
    fakeBackupJob(sb, 'job-bad', 'FAILED', 'Access denied, role "backup" missing\nretry later');
    // Outside the 24 hours the report covers.
    fakeBackupJob(sb, 'job-old', 'COMPLETED');
    (sb.state.backupJobs.get('job-old') as BackupJob).CreationDate = sb.state.now - 2 * 86_400_000;

    const { ReportJobId } = sb.call('StartReportJob', { ReportPlanName: 'jobs' }, WORK) as { ReportJobId: string };
    let job = sb.call('DescribeReportJob', { ReportJobId }, WORK).ReportJob as Record<string, unknown>;
    expect(job).toMatchObject({ ReportJobId, ReportPlanArn: plan.ReportPlanArn, ReportTemplate: 'BACKUP_JOB_REPORT', Status: 'CREATED' });
    expect(job.CreationTime).toBeInstanceOf(Date);
    sb.advance(60);
    expect((sb.call('DescribeReportJob', { ReportJobId }, WORK).ReportJob as Record<string, unknown>).Status).toBe('RUNNING');
    sb.advance(120);
    job = sb.call('DescribeReportJob', { ReportJobId }, WORK).ReportJob as Record<string, unknown>;
    expect(job.Status).toBe('COMPLETED');
    expect(job.CompletionTime).toBeInstanceOf(Date);
    const base = `audit/Backup/us-east-1/2026/01/01/jobs_${ReportJobId.slice(0, 8)}`;
    expect(job.ReportDestination).toEqual({ S3BucketName: bucket(WORK), S3Keys: [`${base}.csv`, `${base}.json`] });

    const csv = sb.state.objects.find((o) => o.key === `${base}.csv`);
    const json = sb.state.objects.find((o) => o.key === `${base}.json`);
    expect(csv?.bucket).toBe(bucket(WORK));
    expect(csv?.contentType).toBe('text/csv');
    expect(json?.contentType).toBe('application/json');
    const lines = (csv?.body ?? '').split('\r\n');
    expect(lines[0]).toContain('Backup Job Id,Status,Status Message,Resource Arn,Resource Type,Backup Vault Name');
    expect(csv?.body).toContain('"Access denied, role ""backup"" missing\nretry later"');
    expect(csv?.body).toContain('job-ok');
    expect(csv?.body).not.toContain('job-old');
    const items = (JSON.parse(json?.body ?? '{}') as { reportItems: Record<string, unknown>[] }).reportItems;
    expect(items.map((i) => i['Backup Job Id']).sort()).toEqual(['job-bad', 'job-ok']);
    expect(items.find((i) => i['Backup Job Id'] === 'job-bad')?.['Status Message']).toBe('Access denied, role "backup" missing\nretry later');

    const d = sb.call('DescribeReportPlan', { ReportPlanName: 'jobs' }, WORK).ReportPlan as Record<string, unknown>;
    expect(d.LastSuccessfulExecutionTime).toEqual(job.CompletionTime);
    expect(d.LastAttemptedExecutionTime).toBeInstanceOf(Date);

    const listed = sb.call('ListReportJobs', { ByReportPlanName: 'jobs', ByStatus: 'COMPLETED' }, WORK).ReportJobs as { ReportJobId: string }[];
    expect(listed.map((j) => j.ReportJobId)).toEqual([ReportJobId]);
    expect(sb.call('ListReportJobs', { ByStatus: 'FAILED' }, WORK).ReportJobs).toEqual([]);
    refused(() => sb.call('ListReportJobs', { ByStatus: 'DONE' }, WORK), 'InvalidParameterValueException', 'input.required');
    refused(() => sb.call('StartReportJob', { ReportPlanName: 'nope' }, WORK), 'ResourceNotFoundException', 'input.not-found');
  });

  it('fails with a message when the bucket is gone', () => {
    const sb = fresh();
    createReportPlan(sb, 'jobs', WORK);
    sb.advance(MINUTES_3);
    const { ReportJobId } = sb.call('StartReportJob', { ReportPlanName: 'jobs' }, WORK) as { ReportJobId: string };
    sb.state.buckets = sb.state.buckets.filter((b) => b.name !== bucket(WORK));
    sb.advance(MINUTES_3);
    const job = sb.call('DescribeReportJob', { ReportJobId }, WORK).ReportJob as Record<string, unknown>;
    expect(job.Status).toBe('FAILED');
    expect(job.StatusMessage).toContain(bucket(WORK));
    expect(job.ReportDestination).toBeUndefined();
  });

  it('produces the daily report at 02:00 UTC for every deployed report plan', () => {
    const sb = fresh();
    createReportPlan(sb, 'east', WORK);
    createReportPlan(sb, 'west', WORK_WEST);
    sb.advance(DAY_S);
    for (const [ctx, name] of [
      [WORK, 'east'],
      [WORK_WEST, 'west'],
    ] as const) {
      const jobs = sb.call('ListReportJobs', { ByReportPlanName: name }, ctx).ReportJobs as { CreationTime: Date; Status: string; ReportDestination: { S3Keys: string[] } }[];
      expect(jobs).toHaveLength(1);
      expect(jobs[0]?.CreationTime.toISOString()).toBe('2026-01-01T02:00:00.000Z');
      expect(jobs[0]?.Status).toBe('COMPLETED');
      const key = jobs[0]?.ReportDestination.S3Keys[0] ?? '';
      expect(key).toMatch(new RegExp(`^Backup/${ctx.region}/2026/01/01/${name}_[0-9a-f]{8}\\.csv$`));
      expect(sb.state.objects.some((o) => o.key === key && o.bucket === bucket(ctx))).toBe(true);
    }
  });
});

describe('daily control evaluation', () => {
  it('evaluates the controls at 00:00 UTC against plans, recovery points, vaults and restores', () => {
    const sb = fresh();
    const plan = sb.call(
      'CreateBackupPlan',
      {
        BackupPlan: {
          BackupPlanName: 'daily',
          Rules: [{ RuleName: 'daily', TargetBackupVaultName: 'Default', ScheduleExpression: 'cron(0 5 ? * * *)', Lifecycle: { DeleteAfterDays: 7 } }],
        },
      },
      WORK,
    ) as { BackupPlanId: string; BackupPlanArn: string };
    sb.call(
      'CreateBackupSelection',
      {
        BackupPlanId: plan.BackupPlanId,
        BackupSelection: {
          SelectionName: 'tagged',
          IamRoleArn: 'arn:aws:iam::222222222222:role/backup',
          ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }],
        },
      },
      WORK,
    );
    createFramework(sb, 'checks', [
      PROTECTED,
      retention(35),
      { ControlName: 'BACKUP_LAST_RECOVERY_POINT_CREATED' },
      { ControlName: 'BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK' },
      { ControlName: 'BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED' },
      { ControlName: 'BACKUP_RECOVERY_POINT_ENCRYPTED' },
      { ControlName: 'BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION' },
      { ...PROTECTED, ControlScope: { ComplianceResourceTypes: ['RDS'] } },
    ]);
    createFramework(sb, 'weekly_ok', [
      {
        ControlName: 'BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK',
        ControlInputParameters: [
          { ParameterName: 'requiredFrequencyUnit', ParameterValue: 'days' },
          { ParameterName: 'requiredFrequencyValue', ParameterValue: '7' },
          { ParameterName: 'requiredRetentionDays', ParameterValue: '7' },
        ],
      },
    ]);
    sb.advance(DAY_S);

    const here = sb.state.resources.filter((r) => r.accountId === '222222222222' && r.region === 'us-east-1');
    const tagged = here.filter((r) => r.tags.backup === 'daily').map((r) => r.arn);
    const untagged = here.filter((r) => r.tags.backup !== 'daily').map((r) => r.arn);
    expect(tagged.length).toBeGreaterThan(0);
    const fw = frameworkOf(sb, 'checks');
    expect(fw.evaluation?.at).toBe(Date.UTC(2026, 0, 2));
    const [protectedByPlan, minRetention, lastRp, planCheck, manualDeletion, encrypted, crossRegion, rdsOnly] = fw.evaluation?.controls ?? [];

    expect(protectedByPlan?.ControlName).toBe('BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN');
    expect([...(protectedByPlan?.compliant ?? [])].sort()).toEqual([...tagged].sort());
    expect([...(protectedByPlan?.nonCompliant ?? [])].sort()).toEqual([...untagged].sort());

    const rps = [...sb.state.recoveryPoints.values()].filter((rp) => rp.accountId === '222222222222' && rp.region === 'us-east-1');
    expect(rps.length).toBeGreaterThan(0);
    // The plan keeps backups 7 days: under the 35 the control asks for.
    expect(minRetention?.compliant).toEqual([]);
    expect([...(minRetention?.nonCompliant ?? [])].sort()).toEqual(rps.map((rp) => rp.RecoveryPointArn).sort());
    expect([...(encrypted?.compliant ?? [])].sort()).toEqual(rps.map((rp) => rp.RecoveryPointArn).sort());

    const backedUp = [...new Set(rps.map((rp) => rp.ResourceArn))];
    expect([...(lastRp?.compliant ?? [])].sort()).toEqual(backedUp.sort());
    expect(lastRp?.nonCompliant).toEqual(expect.arrayContaining(untagged));

    // Daily, but retention 7 < 35: not compliant; the weekly/7-day framework finds it compliant.
    expect(planCheck?.nonCompliant).toEqual([plan.BackupPlanArn]);
    expect(frameworkOf(sb, 'weekly_ok').evaluation?.controls[0]?.compliant).toEqual([plan.BackupPlanArn]);

    // The EFS automatic backup vault's AWS policy denies DeleteRecoveryPoint to everyone; Default has no policy.
    expect(manualDeletion?.compliant).toEqual(['arn:aws:backup:us-east-1:222222222222:backup-vault:aws/efs/automatic-backup-vault']);
    expect(manualDeletion?.nonCompliant).toEqual(['arn:aws:backup:us-east-1:222222222222:backup-vault:Default']);

    expect(crossRegion?.compliant).toEqual([]);
    expect(rdsOnly?.compliant.every((arn) => arn.startsWith('arn:aws:rds:'))).toBe(true);
    expect([...(rdsOnly?.compliant ?? []), ...(rdsOnly?.nonCompliant ?? [])].sort()).toEqual(
      here.filter((r) => r.type === 'RDS').map((r) => r.arn).sort(),
    );
  });

  it('finds cross-Region copies, locked vaults and restore times', () => {
    const sb = fresh();
    sb.call('CreateBackupVault', { BackupVaultName: 'locked' }, WORK);
    sb.call('PutBackupVaultLockConfiguration', { BackupVaultName: 'locked', MinRetentionDays: 7, MaxRetentionDays: 100 }, WORK);
    const rds = sb.state.resources.find((r) => r.type === 'RDS' && r.accountId === '222222222222' && r.region === 'us-east-1');
    const ebs = sb.state.resources.find((r) => r.type === 'EBS' && r.accountId === '222222222222' && r.region === 'us-east-1');
    if (!rds || !ebs) throw new Error('world has no RDS or EBS in the workload account');
    const plan = sb.call(
      'CreateBackupPlan',
      {
        BackupPlan: {
          BackupPlanName: 'locked_copy',
          Rules: [
            {
              RuleName: 'daily',
              TargetBackupVaultName: 'locked',
              ScheduleExpression: 'cron(0 5 ? * * *)',
              Lifecycle: { DeleteAfterDays: 30 },
              CopyActions: [{ DestinationBackupVaultArn: 'arn:aws:backup:us-west-2:222222222222:backup-vault:Default', Lifecycle: { DeleteAfterDays: 30 } }],
            },
          ],
        },
      },
      WORK,
    ) as { BackupPlanId: string };
    sb.call(
      'CreateBackupSelection',
      { BackupPlanId: plan.BackupPlanId, BackupSelection: { SelectionName: 'one', IamRoleArn: 'arn:aws:iam::222222222222:role/backup', Resources: [rds.arn] } },
      WORK,
    );
    createFramework(sb, 'copies', [
      { ControlName: 'BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION', ControlInputParameters: [{ ParameterName: 'crossRegionList', ParameterValue: 'us-west-2' }] },
      { ControlName: 'BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION', ControlInputParameters: [{ ParameterName: 'crossRegionList', ParameterValue: 'eu-west-1' }] },
      {
        ControlName: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK',
        ControlInputParameters: [{ ParameterName: 'minRetentionDays', ParameterValue: '7' }],
      },
      {
        ControlName: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK',
        ControlInputParameters: [{ ParameterName: 'maxRetentionDays', ParameterValue: '50' }],
      },
      { ControlName: 'RESTORE_TIME_FOR_RESOURCES_MEET_TARGET', ControlInputParameters: [{ ParameterName: 'maxRestoreTime', ParameterValue: '1' }] },
      { ControlName: 'RESTORE_TIME_FOR_RESOURCES_MEET_TARGET' },
    ]);
    // Backups at 05:00 on 1 January, copies right after; the restore runs in the afternoon.
    sb.advance(DAY_S / 2);
    const rp = [...sb.state.recoveryPoints.values()].find((p) => p.ResourceArn === rds.arn && p.region === 'us-east-1' && p.Status === 'COMPLETED');
    expect(rp).toBeDefined();
    expect([...sb.state.recoveryPoints.values()].some((p) => p.ResourceArn === rds.arn && p.region === 'us-west-2')).toBe(true);
    sb.call('StartRestoreJob', { RecoveryPointArn: rp?.RecoveryPointArn, Metadata: {} }, WORK);
    sb.advance(DAY_S / 2);
    expect([...sb.state.restoreJobs.values()].map((j) => j.Status)).toEqual(['COMPLETED']);

    const [west, eu, lockMin, lockMax, restoreFast, restoreDefault] = frameworkOf(sb, 'copies').evaluation?.controls ?? [];
    expect(west?.compliant).toEqual([rds.arn]);
    expect(west?.nonCompliant).toContain(ebs.arn);
    expect(eu?.compliant).toEqual([]);
    expect(lockMin?.compliant).toEqual([rds.arn]);
    // The lock allows up to 100 days, more than the 50 this control wants.
    expect(lockMax?.compliant).toEqual([]);
    expect(restoreFast?.nonCompliant).toEqual([rds.arn]);
    expect(restoreDefault?.compliant).toEqual([rds.arn]);
    expect(restoreDefault?.nonCompliant).toEqual([]);
  });

  it('writes compliance reports from the latest evaluation', () => {
    const sb = fresh();
    const fw = createFramework(sb, 'checks', [PROTECTED]);
    createReportPlan(sb, 'controls', WORK, { ReportTemplate: 'CONTROL_COMPLIANCE_REPORT', FrameworkArns: [fw.FrameworkArn] });
    createReportPlan(sb, 'resources', WORK, { ReportTemplate: 'RESOURCE_COMPLIANCE_REPORT', FrameworkArns: [fw.FrameworkArn] }, { Formats: ['JSON'] });
    sb.advance(DAY_S + 3 * 3600);
    const objects = (name: string) => sb.state.objects.filter((o) => o.key.includes(`/${name}_`));
    // 1 January 02:00: not evaluated yet; 2 January 02:00: every resource is unprotected.
    const controls = objects('controls').map((o) => o.body);
    expect(controls).toHaveLength(2);
    expect(controls[0]).toContain('INSUFFICIENT_DATA');
    expect(controls[1]).toContain('BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN,NON_COMPLIANT');
    const items = (JSON.parse(objects('resources')[1]?.body ?? '{}') as { reportItems: Record<string, unknown>[] }).reportItems;
    const here = sb.state.resources.filter((r) => r.accountId === '222222222222' && r.region === 'us-east-1');
    expect(items).toHaveLength(here.length);
    expect(items.every((i) => i['Resource Compliance Status'] === 'NON_COMPLIANT')).toBe(true);
  });
});

describe('through the AWS SDK for JavaScript v3', () => {
  it('creates and describes a framework and a report plan, runs a report job and lists it', async () => {
    const sb = fresh();
    const client = sandboxClient(createRouter(sb), { region: 'us-east-1', accessKeyId: 'AKIASANDBOXWORK0002' });
    const fw = await client.send(
      new sdk.CreateFrameworkCommand({
        FrameworkName: 'sdk_checks',
        FrameworkControls: [{ ...PROTECTED, ControlScope: { ComplianceResourceTypes: ['EBS'], Tags: { env: 'prod' } } }],
        FrameworkTags: { team: 'audit' },
      }),
    );
    expect(fw.FrameworkArn).toMatch(/:framework:sdk_checks-/);
    await client.send(
      new sdk.CreateReportPlanCommand({
        ReportPlanName: 'sdk_jobs',
        ReportSetting: { ReportTemplate: 'BACKUP_JOB_REPORT' },
        ReportDeliveryChannel: { S3BucketName: bucket(WORK), Formats: ['CSV', 'JSON'] },
      }),
    );
    sb.advance(MINUTES_3);
    const d = await client.send(new sdk.DescribeFrameworkCommand({ FrameworkName: 'sdk_checks' }));
    expect(d.DeploymentStatus).toBe('COMPLETED');
    expect(d.FrameworkStatus).toBe('ACTIVE');
    expect(d.CreationTime).toEqual(new Date(Date.UTC(2026, 0, 1)));
    expect(d.FrameworkControls?.[0]?.ControlScope).toEqual({ ComplianceResourceTypes: ['EBS'], Tags: { env: 'prod' } });
    const { ReportJobId } = await client.send(new sdk.StartReportJobCommand({ ReportPlanName: 'sdk_jobs' }));
    sb.advance(MINUTES_3);
    const jobs = await client.send(
      new sdk.ListReportJobsCommand({ ByReportPlanName: 'sdk_jobs', ByStatus: 'COMPLETED', ByCreationAfter: new Date(Date.UTC(2025, 11, 31)) }),
    );
    expect(jobs.ReportJobs?.map((j) => j.ReportJobId)).toEqual([ReportJobId]);
    expect(jobs.ReportJobs?.[0]?.ReportDestination?.S3Keys).toHaveLength(2);
    const plan = await client.send(new sdk.DescribeReportPlanCommand({ ReportPlanName: 'sdk_jobs' }));
    expect(plan.ReportPlan?.LastSuccessfulExecutionTime).toBeInstanceOf(Date);
    await expect(
      client.send(
        new sdk.CreateReportPlanCommand({
          ReportPlanName: 'sdk_west',
          ReportSetting: { ReportTemplate: 'BACKUP_JOB_REPORT' },
          ReportDeliveryChannel: { S3BucketName: bucket(WORK_WEST) },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterValueException' });
  });
});
