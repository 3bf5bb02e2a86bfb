/**
 * The labs: each starts with every check failing, a scripted solution (the
 * calls a learner would make, through `sb.call` and `sb.advance`) makes every
 * check pass, and partial solutions fail the check they should. Plus the lab
 * catalogue itself: unique ids, rules that exist, facts that are in the note.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CallContext } from '../../../src/lib/sandbox/api.ts';
import type { Sandbox } from '../../../src/lib/sandbox/engine.ts';
import { checkLab, labById, labsForFact, LABS, startLab, type Lab } from '../../../src/lib/sandbox/labs.ts';
import { RULES } from '../../../src/lib/sandbox/rules.ts';
import { DAY_S, expectRefused, ROLE, WORK, WORK_WEST, MGMT, resourceOf } from './helpers.ts';

const NOTE = 'storage-aws-backup';
const ORDERS = 'arn:aws:rds:us-east-1:222222222222:db:orders-db-6';

function lab(id: string): Lab {
  const l = labById(id);
  if (!l) throw new Error(`no lab ${id}`);
  return l;
}

/** Check id -> passed. */
function results(l: Lab, sb: Sandbox): Record<string, boolean> {
  return Object.fromEntries(checkLab(l, sb).map((r) => [r.id, r.passed]));
}

function allPass(l: Lab, sb: Sandbox): void {
  const failing = checkLab(l, sb).filter((r) => !r.passed);
  expect(failing, JSON.stringify(failing, null, 2)).toEqual([]);
}

/** Calls that are meant to be refused: the refusal goes to the activity log, which is what the checks read. */
function refused(fn: () => unknown): void {
  expect(fn).toThrow();
}

function cmkOf(sb: Sandbox, ctx: CallContext = WORK): string {
  const key = sb.state.kmsKeys.find((k) => k.alias === 'backup-cmk' && k.accountId === ctx.accountId && k.region === ctx.region);
  if (!key) throw new Error('no backup-cmk');
  return key.arn;
}

function plan(sb: Sandbox, name: string, rule: Record<string, unknown>, ctx: CallContext = WORK): string {
  const out = sb.call(
    'CreateBackupPlan',
    { BackupPlan: { BackupPlanName: name, Rules: [{ RuleName: 'daily', TargetBackupVaultName: 'Default', ScheduleExpression: 'cron(0 5 ? * * *)', ...rule }] } },
    ctx,
  );
  return out.BackupPlanId as string;
}

function assign(sb: Sandbox, planId: string, resources: string[], name = 'picked', ctx: CallContext = WORK): string {
  const out = sb.call(
    'CreateBackupSelection',
    { BackupPlanId: planId, BackupSelection: { SelectionName: name, IamRoleArn: `arn:aws:iam::${ctx.accountId}:role/service-role/AWSBackupDefaultServiceRole`, Resources: resources } },
    ctx,
  );
  return out.SelectionId as string;
}

/** An on-demand backup into `vault`, run to completion; returns the recovery point ARN. */
function backup(sb: Sandbox, vault: string, resourceArn: string, extra: Record<string, unknown> = {}, ctx: CallContext = WORK): string {
  const { BackupJobId } = sb.call('StartBackupJob', { BackupVaultName: vault, ResourceArn: resourceArn, IamRoleArn: ROLE, ...extra }, ctx);
  sb.advance(DAY_S / 2);
  const job = sb.call('DescribeBackupJob', { BackupJobId }, ctx);
  expect(job.State).toBe('COMPLETED');
  return job.RecoveryPointArn as string;
}

// --- the scripted solutions ---------------------------------------------------

const SOLUTIONS: Record<string, (sb: Sandbox) => void> = {
  'vault-with-cmk': (sb) => {
    sb.call('CreateBackupVault', { BackupVaultName: 'lab-cmk', EncryptionKeyArn: cmkOf(sb), BackupVaultTags: { team: 'platform' } }, WORK);
  },
  'plan-by-type-and-resource': (sb) => {
    const id = plan(sb, 'lab-daily', {});
    assign(sb, id, ['arn:aws:ec2:*:*:volume/*', ORDERS]);
    sb.advance(DAY_S);
  },
  'compliance-lock': (sb) => {
    sb.call('CreateBackupVault', { BackupVaultName: 'locked' }, WORK);
    sb.call('PutBackupVaultLockConfiguration', { BackupVaultName: 'locked', MinRetentionDays: 7, ChangeableForDays: 3 }, WORK);
    const rp = backup(sb, 'locked', resourceOf(sb, 'EBS').arn, { Lifecycle: { DeleteAfterDays: 30 } });
    expectRefused(() => sb.call('DeleteRecoveryPoint', { BackupVaultName: 'locked', RecoveryPointArn: rp }, WORK), 'InvalidRequestException', 'lock.early-deletion');
    sb.advance(4 * DAY_S);
    expectRefused(() => sb.call('DeleteBackupVaultLockConfiguration', { BackupVaultName: 'locked' }, WORK), 'InvalidRequestException', 'lock.immutable');
  },
  'undeletable-vaults': (sb) => {
    expectRefused(() => sb.call('DeleteBackupVault', { BackupVaultName: 'Default' }, WORK), 'InvalidRequestException', 'vault.delete-default');
    expectRefused(() => sb.call('DeleteBackupVault', { BackupVaultName: 'aws/efs/automatic-backup-vault' }, WORK), 'AccessDeniedException', 'vault.access-policy');
  },
  'plan-with-assignments': (sb) => {
    const id = plan(sb, 'lab-assigned', {});
    const sel = assign(sb, id, [ORDERS]);
    expectRefused(() => sb.call('DeleteBackupPlan', { BackupPlanId: id }, WORK), 'InvalidRequestException', 'plan.delete-with-selections');
    sb.call('DeleteBackupSelection', { BackupPlanId: id, SelectionId: sel }, WORK);
    sb.call('DeleteBackupPlan', { BackupPlanId: id }, WORK);
  },
  'cross-region-copy': (sb) => {
    const west = sb.call('CreateBackupVault', { BackupVaultName: 'west-copies' }, WORK_WEST).BackupVaultArn as string;
    const rp = backup(sb, 'Default', resourceOf(sb, 'EBS').arn);
    sb.call('StartCopyJob', { RecoveryPointArn: rp, SourceBackupVaultName: 'Default', DestinationBackupVaultArn: west, IamRoleArn: ROLE }, WORK);
    sb.advance(3 * 3_600);
  },
  'audit-limits': (sb) => {
    sb.call('CreateFramework', { FrameworkName: 'lab_encrypted', FrameworkControls: [{ ControlName: 'BACKUP_RECOVERY_POINT_ENCRYPTED' }] }, MGMT);
    sb.call('CreateFramework', { FrameworkName: 'lab_protected', FrameworkControls: [{ ControlName: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN' }] }, MGMT);
    expectRefused(
      () => sb.call('CreateFramework', { FrameworkName: 'lab_retention', FrameworkControls: [{ ControlName: 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK' }] }, MGMT),
      'LimitExceededException',
      'framework.quota',
    );
    const report = (bucket: string) => () =>
      sb.call(
        'CreateReportPlan',
        { ReportPlanName: 'lab_jobs', ReportSetting: { ReportTemplate: 'BACKUP_JOB_REPORT' }, ReportDeliveryChannel: { S3BucketName: bucket, Formats: ['CSV'] } },
        MGMT,
      );
    expectRefused(report('backup-reports-111111111111-us-west-2'), 'InvalidParameterValueException', 'report.bucket');
    report('backup-reports-111111111111-us-east-1')();
    sb.call('StartReportJob', { ReportPlanName: 'lab_jobs' }, MGMT);
    sb.advance(300);
  },
  'cold-storage-cost': (sb) => {
    expectRefused(() => plan(sb, 'lab-cold', { Lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 90 } }), 'InvalidParameterValueException', 'plan.lifecycle-cold');
    const id = plan(sb, 'lab-cold', { Lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 120 } });
    assign(sb, id, [resourceOf(sb, 'EFS').arn]);
    sb.advance(31 * DAY_S);
  },
  'restore-charge': (sb) => {
    const rp = backup(sb, 'Default', resourceOf(sb, 'EFS').arn);
    sb.call(
      'StartRestoreJob',
      { RecoveryPointArn: rp, IamRoleArn: ROLE, Metadata: { newFileSystem: 'true', CreationToken: 'lab-restore', Encrypted: 'false', PerformanceMode: 'generalPurpose' } },
      WORK,
    );
    sb.advance(2 * 3_600);
  },
  'job-notifications': (sb) => {
    sb.call(
      'PutBackupVaultNotifications',
      { BackupVaultName: 'Default', SNSTopicArn: 'arn:aws:sns:us-east-1:222222222222:backup-alerts', BackupVaultEvents: ['BACKUP_JOB_COMPLETED'] },
      WORK,
    );
    backup(sb, 'Default', 'arn:aws:dynamodb:us-east-1:222222222222:table/sessions-8');
  },
};

// --- every lab ----------------------------------------------------------------

describe('every lab', () => {
  it('has a scripted solution here', () => {
    expect(Object.keys(SOLUTIONS).sort()).toEqual(LABS.map((l) => l.id).sort());
  });

  for (const l of LABS) {
    describe(l.id, () => {
      it('fails every check on a fresh sandbox', () => {
        const sb = startLab(l, 'test');
        const passing = checkLab(l, sb).filter((r) => r.passed);
        expect(passing).toEqual([]);
        for (const r of checkLab(l, sb)) expect(r.detail, r.id).toBeTruthy();
      });

      it('passes every check after the scripted solution', () => {
        const sb = startLab(l, 'test');
        const solve = SOLUTIONS[l.id];
        if (!solve) throw new Error(`no solution for ${l.id}`);
        solve(sb);
        allPass(l, sb);
      });

      it('passes with another seed too', () => {
        const sb = startLab(l, 'another-seed');
        SOLUTIONS[l.id]?.(sb);
        allPass(l, sb);
      });

      it('says where to work, what to do and what it teaches', () => {
        expect(l.title.length).toBeGreaterThan(0);
        expect(l.goal.length).toBeGreaterThan(0);
        expect(['111111111111', '222222222222']).toContain(l.account);
        expect(['us-east-1', 'us-west-2', 'eu-west-1']).toContain(l.region);
        expect(l.steps.length).toBeGreaterThan(0);
        expect(l.steps.some((s) => s.includes('aws backup '))).toBe(true);
        expect(l.checks.length).toBeGreaterThan(0);
        expect(new Set(l.checks.map((c) => c.id)).size).toBe(l.checks.length);
        expect(l.ruleIds.length).toBeGreaterThan(0);
        expect(l.facts.length).toBeGreaterThan(0);
      });
    });
  }
});

// --- partial solutions --------------------------------------------------------

describe('vault-with-cmk: partial solutions', () => {
  const l = lab('vault-with-cmk');

  it('a vault with the AWS managed key fails the key check', () => {
    const sb = startLab(l, 'test');
    sb.call('CreateBackupVault', { BackupVaultName: 'plain', BackupVaultTags: { team: 'platform' } }, WORK);
    expect(results(l, sb)).toEqual({ vault: true, cmk: false, tag: false });
  });

  it('a backup-cmk vault without a tag fails the tag check until it is tagged', () => {
    const sb = startLab(l, 'test');
    const { BackupVaultArn } = sb.call('CreateBackupVault', { BackupVaultName: 'lab-cmk', EncryptionKeyArn: cmkOf(sb) }, WORK);
    expect(results(l, sb)).toEqual({ vault: true, cmk: true, tag: false });
    sb.call('TagResource', { ResourceArn: BackupVaultArn, Tags: { team: 'platform' } }, WORK);
    allPass(l, sb);
  });

  it('the backup-cmk key of another Region is refused, and a vault elsewhere does not count', () => {
    const sb = startLab(l, 'test');
    expectRefused(
      () => sb.call('CreateBackupVault', { BackupVaultName: 'lab-cmk', EncryptionKeyArn: cmkOf(sb, WORK_WEST) }, WORK),
      'InvalidParameterValueException',
      'vault.kms-key',
    );
    sb.call('CreateBackupVault', { BackupVaultName: 'lab-cmk', EncryptionKeyArn: cmkOf(sb, WORK_WEST), BackupVaultTags: { a: 'b' } }, WORK_WEST);
    expect(results(l, sb)).toEqual({ vault: false, cmk: false, tag: false });
  });
});

describe('plan-by-type-and-resource: partial solutions', () => {
  const l = lab('plan-by-type-and-resource');

  it('before the clock moves, the plan and assignments pass but no jobs have run', () => {
    const sb = startLab(l, 'test');
    const id = plan(sb, 'lab-daily', {});
    assign(sb, id, ['arn:aws:ec2:*:*:volume/*']);
    assign(sb, id, [ORDERS], 'orders');
    expect(results(l, sb)).toEqual({ plan: true, 'by-type': true, 'one-rds': true, 'ebs-jobs': false, 'rds-job': false });
    sb.advance(DAY_S);
    allPass(l, sb);
  });

  it('every RDS database by pattern is not one database by its ARN', () => {
    const sb = startLab(l, 'test');
    const id = plan(sb, 'lab-daily', {});
    assign(sb, id, ['arn:aws:ec2:*:*:volume/*', 'arn:aws:rds:*:*:db:*']);
    sb.advance(DAY_S);
    expect(results(l, sb)).toMatchObject({ plan: true, 'by-type': true, 'one-rds': false, 'ebs-jobs': false, 'rds-job': false });
  });

  it('a weekly rule is not daily, and volumes one by one are not a resource type', () => {
    const sb = startLab(l, 'test');
    const id = plan(sb, 'lab-weekly', { ScheduleExpression: 'cron(0 5 ? * SUN *)' });
    const volumes = sb.state.resources.filter((r) => r.type === 'EBS' && r.accountId === '222222222222' && r.region === 'us-east-1').map((r) => r.arn);
    assign(sb, id, [...volumes, ORDERS]);
    expect(results(l, sb)).toMatchObject({ plan: false, 'by-type': false, 'one-rds': false });
    const daily = plan(sb, 'lab-daily', {});
    assign(sb, daily, [...volumes, ORDERS]);
    expect(results(l, sb)).toMatchObject({ plan: true, 'by-type': false, 'one-rds': true });
  });
});

describe('compliance-lock: partial solutions', () => {
  const l = lab('compliance-lock');

  it('a governance-mode lock fails the compliance check', () => {
    const sb = startLab(l, 'test');
    sb.call('CreateBackupVault', { BackupVaultName: 'gov' }, WORK);
    sb.call('PutBackupVaultLockConfiguration', { BackupVaultName: 'gov', MinRetentionDays: 7 }, WORK);
    const rp = backup(sb, 'gov', resourceOf(sb, 'EBS').arn, { Lifecycle: { DeleteAfterDays: 30 } });
    refused(() => sb.call('DeleteRecoveryPoint', { BackupVaultName: 'gov', RecoveryPointArn: rp }, WORK));
    expect(results(l, sb)).toEqual({ lock: false, 'recovery-point': false, 'early-deletion': false, immutable: false, 'change-refused': false });
  });

  it('before the lock date the lock can still change, so the last two checks fail', () => {
    const sb = startLab(l, 'test');
    sb.call('CreateBackupVault', { BackupVaultName: 'locked' }, WORK);
    sb.call('PutBackupVaultLockConfiguration', { BackupVaultName: 'locked', MinRetentionDays: 7, ChangeableForDays: 3 }, WORK);
    const rp = backup(sb, 'locked', resourceOf(sb, 'EBS').arn, { Lifecycle: { DeleteAfterDays: 30 } });
    refused(() => sb.call('DeleteRecoveryPoint', { BackupVaultName: 'locked', RecoveryPointArn: rp }, WORK));
    sb.call('PutBackupVaultLockConfiguration', { BackupVaultName: 'locked', MinRetentionDays: 7, ChangeableForDays: 3 }, WORK);
    expect(results(l, sb)).toEqual({ lock: true, 'recovery-point': true, 'early-deletion': true, immutable: false, 'change-refused': false });
    sb.advance(4 * DAY_S);
    expect(results(l, sb)).toMatchObject({ immutable: true, 'change-refused': false });
    refused(() => sb.call('PutBackupVaultLockConfiguration', { BackupVaultName: 'locked', MinRetentionDays: 1 }, WORK));
    allPass(l, sb);
  });
});

describe('undeletable-vaults: partial solutions', () => {
  const l = lab('undeletable-vaults');

  it('deleting only the Default vault passes one check', () => {
    const sb = startLab(l, 'test');
    refused(() => sb.call('DeleteBackupVault', { BackupVaultName: 'Default' }, WORK));
    expect(results(l, sb)).toEqual({ default: true, efs: false });
  });

  it('refusals in another account do not count', () => {
    const sb = startLab(l, 'test');
    refused(() => sb.call('DeleteBackupVault', { BackupVaultName: 'Default' }, MGMT));
    refused(() => sb.call('DeleteBackupVault', { BackupVaultName: 'aws/efs/automatic-backup-vault' }, WORK_WEST));
    expect(results(l, sb)).toEqual({ default: false, efs: false });
  });
});

describe('plan-with-assignments: partial solutions', () => {
  const l = lab('plan-with-assignments');

  it('a refusal without deleting the assignment passes only the first check', () => {
    const sb = startLab(l, 'test');
    const id = plan(sb, 'lab-assigned', {});
    assign(sb, id, [ORDERS]);
    refused(() => sb.call('DeleteBackupPlan', { BackupPlanId: id }, WORK));
    expect(results(l, sb)).toEqual({ refused: true, 'selection-deleted': false, 'plan-deleted': false });
  });

  it('deleting a plan that never had assignments is no refusal', () => {
    const sb = startLab(l, 'test');
    const id = plan(sb, 'lab-empty', {});
    sb.call('DeleteBackupPlan', { BackupPlanId: id }, WORK);
    expect(results(l, sb)).toEqual({ refused: false, 'selection-deleted': false, 'plan-deleted': false });
  });
});

describe('cross-region-copy: partial solutions', () => {
  const l = lab('cross-region-copy');

  it('a copy within us-east-1 is no copy between Regions', () => {
    const sb = startLab(l, 'test');
    const east = sb.call('CreateBackupVault', { BackupVaultName: 'east-copies' }, WORK).BackupVaultArn as string;
    const rp = backup(sb, 'Default', resourceOf(sb, 'EBS').arn);
    sb.call('StartCopyJob', { RecoveryPointArn: rp, SourceBackupVaultName: 'Default', DestinationBackupVaultArn: east, IamRoleArn: ROLE }, WORK);
    sb.advance(3 * 3_600);
    expect([...sb.state.copyJobs.values()].map((j) => j.State)).toEqual(['COMPLETED']);
    expect(results(l, sb)).toEqual({ 'copy-job': false, 'west-recovery-point': false, 'transfer-cost': false });
  });

  it('a copy to a west vault that does not exist fails', () => {
    const sb = startLab(l, 'test');
    const rp = backup(sb, 'Default', resourceOf(sb, 'EBS').arn);
    sb.call(
      'StartCopyJob',
      { RecoveryPointArn: rp, SourceBackupVaultName: 'Default', DestinationBackupVaultArn: 'arn:aws:backup:us-west-2:222222222222:backup-vault:west-copies', IamRoleArn: ROLE },
      WORK,
    );
    sb.advance(3 * 3_600);
    expect([...sb.state.copyJobs.values()].map((j) => j.State)).toEqual(['FAILED']);
    expect(results(l, sb)).toEqual({ 'copy-job': false, 'west-recovery-point': false, 'transfer-cost': false });
  });

  it('a plan with a copy action does it too', () => {
    const sb = startLab(l, 'test');
    const west = sb.call('CreateBackupVault', { BackupVaultName: 'west-copies' }, WORK_WEST).BackupVaultArn as string;
    const id = plan(sb, 'lab-copy', { CopyActions: [{ DestinationBackupVaultArn: west }] });
    assign(sb, id, [ORDERS]);
    sb.advance(DAY_S);
    allPass(l, sb);
  });
});

describe('audit-limits: partial solutions', () => {
  const l = lab('audit-limits');

  it('the lab lowers the framework limit to 2, and says so in the refusal', () => {
    const sb = startLab(l, 'test');
    expect(sb.state.settings.quotaOverrides).toEqual({ frameworksPerRegion: 2 });
    expect(l.goal).toMatch(/2/);
    sb.call('CreateFramework', { FrameworkName: 'a', FrameworkControls: [{ ControlName: 'BACKUP_RECOVERY_POINT_ENCRYPTED' }] }, MGMT);
    expect(results(l, sb)).toMatchObject({ frameworks: false });
    sb.call('CreateFramework', { FrameworkName: 'b', FrameworkControls: [{ ControlName: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN' }] }, MGMT);
    expect(results(l, sb)).toMatchObject({ frameworks: true, 'framework-refused': false });
    const e = expectRefused(
      () => sb.call('CreateFramework', { FrameworkName: 'c', FrameworkControls: [{ ControlName: 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK' }] }, MGMT),
      'LimitExceededException',
      'framework.quota',
    );
    expect(e.message).toContain('This lab sets the limit');
    expect(results(l, sb)).toMatchObject({ frameworks: true, 'framework-refused': true });
  });

  it('a duplicate framework is refused for another reason and does not count', () => {
    const sb = startLab(l, 'test');
    sb.call('CreateFramework', { FrameworkName: 'a', FrameworkControls: [{ ControlName: 'BACKUP_RECOVERY_POINT_ENCRYPTED' }] }, MGMT);
    refused(() => sb.call('CreateFramework', { FrameworkName: 'b', FrameworkControls: [{ ControlName: 'BACKUP_RECOVERY_POINT_ENCRYPTED' }] }, MGMT));
    expect(results(l, sb)).toMatchObject({ frameworks: false, 'framework-refused': false });
  });

  it('a report plan without a report job fails the last check; a missing bucket is no Region refusal', () => {
    const sb = startLab(l, 'test');
    refused(() =>
      sb.call(
        'CreateReportPlan',
        { ReportPlanName: 'lab_jobs', ReportSetting: { ReportTemplate: 'BACKUP_JOB_REPORT' }, ReportDeliveryChannel: { S3BucketName: 'no-such-bucket' } },
        MGMT,
      ),
    );
    sb.call(
      'CreateReportPlan',
      { ReportPlanName: 'lab_jobs', ReportSetting: { ReportTemplate: 'BACKUP_JOB_REPORT' }, ReportDeliveryChannel: { S3BucketName: 'backup-reports-111111111111-us-east-1' } },
      MGMT,
    );
    sb.advance(300);
    expect(results(l, sb)).toMatchObject({ 'bucket-refused': false, 'report-plan': true, 'report-file': false });
    sb.call('StartReportJob', { ReportPlanName: 'lab_jobs' }, MGMT);
    sb.advance(60);
    expect(results(l, sb)).toMatchObject({ 'report-file': false });
    sb.advance(240);
    expect(results(l, sb)).toMatchObject({ 'report-file': true });
  });
});

describe('cold-storage-cost: partial solutions', () => {
  const l = lab('cold-storage-cost');

  it('before 30 days nothing is cold', () => {
    const sb = startLab(l, 'test');
    refused(() => plan(sb, 'lab-cold', { Lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 90 } }));
    const id = plan(sb, 'lab-cold', { Lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 120 } });
    assign(sb, id, ['arn:aws:elasticfilesystem:*:*:file-system/*']);
    sb.advance(10 * DAY_S);
    expect(results(l, sb)).toEqual({ 'gap-refused': true, plan: true, cold: false, 'cold-cost': false });
  });

  it('a refusal for another reason does not teach the 90 days', () => {
    const sb = startLab(l, 'test');
    expectRefused(() => plan(sb, 'lab-cold', { Lifecycle: { DeleteAfterDays: 0 } }), 'InvalidParameterValueException', 'plan.lifecycle-cold');
    expect(results(l, sb)).toMatchObject({ 'gap-refused': false });
  });

  it('a plan without an EFS file system fails the plan check', () => {
    const sb = startLab(l, 'test');
    const id = plan(sb, 'lab-cold', { Lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 120 } });
    assign(sb, id, [ORDERS]);
    sb.advance(31 * DAY_S);
    expect(results(l, sb)).toEqual({ 'gap-refused': false, plan: false, cold: false, 'cold-cost': false });
  });
});

describe('restore-charge: partial solutions', () => {
  const l = lab('restore-charge');

  it('restoring an EBS volume is not charged and does not count', () => {
    const sb = startLab(l, 'test');
    const rp = backup(sb, 'Default', resourceOf(sb, 'EBS').arn);
    sb.call('StartRestoreJob', { RecoveryPointArn: rp, IamRoleArn: ROLE, Metadata: { availabilityZone: 'us-east-1a' } }, WORK);
    sb.advance(2 * 3_600);
    expect([...sb.state.restoreJobs.values()].map((j) => j.Status)).toEqual(['COMPLETED']);
    expect(results(l, sb)).toEqual({ 'recovery-point': false, 'restore-job': false, 'restore-cost': false });
  });

  it('a DynamoDB backup before its restore passes only the first check', () => {
    const sb = startLab(l, 'test');
    const rp = backup(sb, 'Default', 'arn:aws:dynamodb:us-east-1:222222222222:table/catalog-9');
    expect(results(l, sb)).toEqual({ 'recovery-point': true, 'restore-job': false, 'restore-cost': false });
    sb.call('StartRestoreJob', { RecoveryPointArn: rp, IamRoleArn: ROLE, Metadata: { targetTableName: 'catalog-restored' } }, WORK);
    sb.advance(2 * 3_600);
    allPass(l, sb);
  });
});

describe('job-notifications: partial solutions', () => {
  const l = lab('job-notifications');
  const TOPIC = 'arn:aws:sns:us-east-1:222222222222:backup-alerts';

  it('subscribing after the job ended sends nothing', () => {
    const sb = startLab(l, 'test');
    backup(sb, 'Default', resourceOf(sb, 'DynamoDB').arn);
    sb.call('PutBackupVaultNotifications', { BackupVaultName: 'Default', SNSTopicArn: TOPIC, BackupVaultEvents: ['BACKUP_JOB_COMPLETED'] }, WORK);
    expect(results(l, sb)).toEqual({ subscribed: true, job: true, message: false });
  });

  it('only BACKUP_JOB_STARTED is not enough', () => {
    const sb = startLab(l, 'test');
    sb.call('PutBackupVaultNotifications', { BackupVaultName: 'Default', SNSTopicArn: TOPIC, BackupVaultEvents: ['BACKUP_JOB_STARTED'] }, WORK);
    backup(sb, 'Default', resourceOf(sb, 'DynamoDB').arn);
    expect(sb.state.notifications.map((n) => n.BackupVaultEvent)).toEqual(['BACKUP_JOB_STARTED']);
    expect(results(l, sb)).toEqual({ subscribed: false, job: false, message: false });
  });

  it('a topic of another account is refused', () => {
    const sb = startLab(l, 'test');
    expectRefused(
      () =>
        sb.call(
          'PutBackupVaultNotifications',
          { BackupVaultName: 'Default', SNSTopicArn: 'arn:aws:sns:us-east-1:111111111111:backup-alerts', BackupVaultEvents: ['BACKUP_JOB_COMPLETED'] },
          WORK,
        ),
      'InvalidParameterValueException',
      'vault.notifications',
    );
    expect(results(l, sb)).toMatchObject({ subscribed: false });
  });
});

// --- the catalogue ------------------------------------------------------------

/** The note as a reader sees it: links as their label, highlights removed. */
function noteText(note: string): string {
  return readFileSync(new URL(`../../../content/${note}.md`, import.meta.url), 'utf8')
    .replace(/\[\[[^\]|]*\|([^\]]*)\]\]/g, '$1')
    .replace(/<mark[^>]*>/g, '')
    .replace(/<\/mark>/g, '');
}

describe('the lab catalogue', () => {
  it('has at least the ten labs the console offers, with unique ids', () => {
    const ids = LABS.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [
      'vault-with-cmk',
      'plan-by-type-and-resource',
      'compliance-lock',
      'undeletable-vaults',
      'plan-with-assignments',
      'cross-region-copy',
      'audit-limits',
      'cold-storage-cost',
      'restore-charge',
      'job-notifications',
    ])
      expect(ids).toContain(id);
  });

  it('names only rules of the rule book', () => {
    for (const l of LABS) for (const id of l.ruleIds) expect(Object.keys(RULES), `${l.id}: ${id}`).toContain(id);
  });

  it("teaches facts that are in the note, word for word, with their block ids", () => {
    for (const l of LABS) {
      for (const f of l.facts) {
        const text = noteText(f.note);
        expect(text, `${l.id}: ${f.fact}`).toContain(f.fact);
        if (f.blockId !== undefined) {
          const line = text.split('\n').find((x) => x.includes(f.fact));
          expect(line, `${l.id}: ${f.fact}`).toMatch(new RegExp(`\\^${f.blockId}\\s*$`));
        }
      }
    }
  });

  it("takes its facts from its rules' note sources (or the note's pricing lines)", () => {
    const pricing = ['backup storage used', 'amount of backup data transferred between AWS regions', 'amount of backup data restored'];
    const cited = new Set(Object.values(RULES).flatMap((r) => r.sources.flatMap((s) => (s.kind === 'note' ? [s.fact] : []))));
    for (const l of LABS) for (const f of l.facts) expect(cited.has(f.fact) || pricing.includes(f.fact), `${l.id}: ${f.fact}`).toBe(true);
  });

  it('finds the labs of a fact by its text or block id', () => {
    const ids = (labs: Lab[]) => labs.map((l) => l.id);
    expect(ids(labsForFact(NOTE, 'AWS backup vault lock allows you to force retention periods/early deletions'))).toContain('compliance-lock');
    // As the note writes it, with the highlight.
    expect(ids(labsForFact(NOTE, '<mark style="background: #0055FF;">AWS backup vault lock</mark> allows you to force retention periods/early deletions'))).toContain(
      'compliance-lock',
    );
    expect(ids(labsForFact(NOTE, 'backup storage used'))).toContain('cold-storage-cost');
    expect(ids(labsForFact(NOTE, 'policy expression; determines when/how you want your AWS resources backed up', '6d75b2'))).toEqual(
      expect.arrayContaining(['cold-storage-cost', 'plan-by-type-and-resource']),
    );
    expect(ids(labsForFact(NOTE, 'some other wording', '6d75b2'))).toContain('cold-storage-cost');
    expect(ids(labsForFact(NOTE, 'cannot delete AWS backup default vault and [[storage-efs#^233be8|AWS EFS]] automatic backup vault'))).toEqual(['undeletable-vaults']);
    expect(labsForFact(NOTE, 'recovery points store resource content at specific times in backup vaults')).toEqual([]);
    expect(labsForFact('storage-s3', 'AWS backup vault lock allows you to force retention periods/early deletions')).toEqual([]);
  });

  it('finds labs by id', () => {
    expect(labById('compliance-lock')?.title).toBeTruthy();
    expect(labById('nope')).toBeUndefined();
  });

  it('starts each lab on a fresh sandbox of the seed', () => {
    const l = lab('vault-with-cmk');
    const a = startLab(l, 'same');
    const b = startLab(l, 'same');
    expect(a.toJSON()).toEqual(b.toJSON());
    expect(a.state.settings.quotaOverrides).toBeUndefined();
    expect(a.state.settings.crossAccountBackupEnabled).toBe(false);
  });

  it('reports a check that throws as not passed', () => {
    const broken: Lab = {
      ...lab('vault-with-cmk'),
      checks: [
        {
          id: 'boom',
          label: 'throws',
          test: () => {
            throw new Error('bad');
          },
        },
      ],
    };
    expect(checkLab(broken, startLab(broken, 'test'))).toEqual([{ id: 'boom', label: 'throws', passed: false, detail: 'The check could not run: bad' }]);
  });

  it('works on any view of the state, not only a Sandbox', () => {
    const l = lab('restore-charge');
    const sb = startLab(l, 'test');
    SOLUTIONS[l.id]?.(sb);
    expect(checkLab(l, { state: sb.state, costs: (f) => sb.costs(f) }).every((r) => r.passed)).toBe(true);
  });
});


describe('the lab index (what topic cards know of the labs)', () => {
  it('lists the same labs, in the same order, as labs.ts, without importing the engine', async () => {
    const { LAB_INDEX, labsTeaching } = await import('../../../src/lib/sandbox/lab-index.ts');
    const { LABS } = await import('../../../src/lib/sandbox/labs.ts');
    expect(LAB_INDEX.map((e) => e.id)).toEqual(LABS.map((l) => l.id));
    expect(LAB_INDEX.map((e) => e.title)).toEqual(LABS.map((l) => l.title));
    const source = (await import('node:fs')).readFileSync('src/lib/sandbox/lab-index.ts', 'utf8');
    expect(source.match(/^import .*$/gm)).toEqual(["import { RULES, type RuleId, type RuleSource } from './rules.ts';"]);
    expect(labsTeaching('storage-aws-backup', 'cannot delete AWS backup default vault and AWS EFS automatic backup vault').map((l) => l.id)).toEqual(['undeletable-vaults']);
  });
});
