import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../src/lib/sandbox/engine.ts';
import { SandboxStateError } from '../../../src/lib/sandbox/state-file.ts';
import { dailyPlan, DAY_S, expectRefused, fresh, MGMT, resourceOf, ROLE, WORK, WORK_WEST } from './helpers.ts';

type Job = { BackupJobId: string; State: string; StatusMessage?: string; RecoveryPointArn?: string; ResourceArn: string; SandboxRuleId?: string };

function jobs(sb: Sandbox, ctx = WORK): Job[] {
  return sb.call('ListBackupJobs', {}, ctx).BackupJobs as Job[];
}

describe('backup jobs', () => {
  it('moves an on-demand job CREATED -> RUNNING -> COMPLETED and makes a recovery point', () => {
    const sb = fresh();
    const ebs = resourceOf(sb, 'EBS');
    const { BackupJobId } = sb.call('StartBackupJob', { BackupVaultName: 'Default', ResourceArn: ebs.arn, IamRoleArn: ROLE }, WORK) as { BackupJobId: string };
    expect(sb.call('DescribeBackupJob', { BackupJobId }, WORK).State).toBe('CREATED');
    const seen = new Set<string>();
    for (let i = 0; i < 48 * 6; i++) {
      sb.advance(600);
      seen.add(sb.call('DescribeBackupJob', { BackupJobId }, WORK).State as string);
    }
    expect([...seen]).toContain('COMPLETED');
    const done = sb.call('DescribeBackupJob', { BackupJobId }, WORK) as Job & { BackupSizeInBytes: number };
    expect(done.BackupSizeInBytes).toBe(Math.round(ebs.sizeGb * 1024 ** 3));
    expect(done.RecoveryPointArn).toMatch(/^arn:aws:ec2:us-east-1::snapshot\/snap-[0-9a-f]{17}$/);
    const rp = sb.call('DescribeRecoveryPoint', { BackupVaultName: 'Default', RecoveryPointArn: done.RecoveryPointArn }, WORK);
    expect(rp).toMatchObject({ Status: 'COMPLETED', StorageClass: 'WARM', ResourceArn: ebs.arn, IsEncrypted: true });
    const byResource = sb.call('ListRecoveryPointsByResource', { ResourceArn: ebs.arn }, WORK).RecoveryPoints as unknown[];
    expect(byResource).toHaveLength(1);
  });

  it('refuses unknown resources, resources of another Region and short start windows', () => {
    const sb = fresh();
    expectRefused(() => sb.call('StartBackupJob', { BackupVaultName: 'Default', ResourceArn: 'arn:aws:ec2:us-east-1:222222222222:volume/vol-nope', IamRoleArn: ROLE }, WORK), 'ResourceNotFoundException', 'job.resource');
    const west = resourceOf(sb, 'EBS', WORK_WEST);
    expectRefused(() => sb.call('StartBackupJob', { BackupVaultName: 'Default', ResourceArn: west.arn, IamRoleArn: ROLE }, WORK), 'InvalidParameterValueException', 'job.resource');
    expectRefused(
      () => sb.call('StartBackupJob', { BackupVaultName: 'Default', ResourceArn: resourceOf(sb, 'EBS').arn, IamRoleArn: ROLE, StartWindowMinutes: 59 }, WORK),
      'InvalidParameterValueException',
      'plan.windows',
    );
    expectRefused(() => sb.call('StartBackupJob', { BackupVaultName: 'nope', ResourceArn: resourceOf(sb, 'EBS').arn, IamRoleArn: ROLE }, WORK), 'ResourceNotFoundException', 'input.not-found');
  });

  it('runs one job per resource at a time; a waiting job expires when its start window closes', () => {
    const sb = fresh();
    const big = resourceOf(sb, 'RDS');
    big.sizeGb = 2000; // a full backup of 2 TB runs for about 17 hours
    const first = sb.call('StartBackupJob', { BackupVaultName: 'Default', ResourceArn: big.arn, IamRoleArn: ROLE }, WORK) as { BackupJobId: string };
    sb.advance(3600);
    const second = sb.call('StartBackupJob', { BackupVaultName: 'Default', ResourceArn: big.arn, IamRoleArn: ROLE, StartWindowMinutes: 60 }, WORK) as { BackupJobId: string };
    sb.advance(3 * 3600);
    expect(sb.call('DescribeBackupJob', { BackupJobId: first.BackupJobId }, WORK).State).toBe('RUNNING');
    const expired = sb.call('DescribeBackupJob', { BackupJobId: second.BackupJobId }, WORK) as Job;
    expect(expired.State).toBe('EXPIRED');
    expect(expired.SandboxRuleId).toBe('job.one-per-resource');
    expect(expired.StatusMessage).toContain(first.BackupJobId);
    // Without another job in the way, a job that cannot start in time expires by its window alone.
    const paused = sb.call('StartBackupJob', { BackupVaultName: 'Default', ResourceArn: resourceOf(sb, 'EFS').arn, IamRoleArn: ROLE, StartWindowMinutes: 60 }, WORK) as { BackupJobId: string };
    sb.state.backupJobs.get(paused.BackupJobId)!.StartBy = sb.state.now - 1;
    sb.advance(3600);
    expect(sb.call('DescribeBackupJob', { BackupJobId: paused.BackupJobId }, WORK)).toMatchObject({ State: 'EXPIRED', SandboxRuleId: 'job.window' });
  });

  it('aborts a job that cannot finish within its completion window', () => {
    const sb = fresh();
    const big = resourceOf(sb, 'EBS');
    big.sizeGb = 5000;
    const j = sb.call('StartBackupJob', { BackupVaultName: 'Default', ResourceArn: big.arn, IamRoleArn: ROLE, StartWindowMinutes: 60, CompleteWindowMinutes: 120 }, WORK) as { BackupJobId: string };
    sb.advance(DAY_S);
    const out = sb.call('DescribeBackupJob', { BackupJobId: j.BackupJobId }, WORK) as Job;
    expect(out.State).toBe('ABORTED');
    expect(out.StatusMessage).toContain('completion window');
  });

  it('stops a job on request, but not an RDS job or a finished one', () => {
    const sb = fresh();
    const ebs = resourceOf(sb, 'EBS');
    const j = sb.call('StartBackupJob', { BackupVaultName: 'Default', ResourceArn: ebs.arn, IamRoleArn: ROLE }, WORK) as { BackupJobId: string };
    sb.call('StopBackupJob', { BackupJobId: j.BackupJobId }, WORK);
    expect(sb.call('DescribeBackupJob', { BackupJobId: j.BackupJobId }, WORK).State).toBe('ABORTED');
    expectRefused(() => sb.call('StopBackupJob', { BackupJobId: j.BackupJobId }, WORK), 'InvalidRequestException', 'job.stop');
    const rds = sb.call('StartBackupJob', { BackupVaultName: 'Default', ResourceArn: resourceOf(sb, 'RDS').arn, IamRoleArn: ROLE }, WORK) as { BackupJobId: string };
    expectRefused(() => sb.call('StopBackupJob', { BackupJobId: rds.BackupJobId }, WORK), 'InvalidRequestException', 'job.stop');
  });

  it('runs plan rules on their cron schedule in UTC within the start window', () => {
    const sb = fresh();
    dailyPlan(sb, { resources: [resourceOf(sb, 'EFS').arn] });
    sb.advance(4 * 3600 + 59 * 60); // 04:59 UTC on day one: nothing yet
    expect(jobs(sb)).toHaveLength(0);
    sb.advance(60);
    expect(jobs(sb)).toHaveLength(1);
    sb.advance(10 * DAY_S);
    const all = jobs(sb);
    expect(all).toHaveLength(11);
    expect(all.filter((j) => j.State === 'COMPLETED')).toHaveLength(10);
    for (const j of sb.state.backupJobs.values()) {
      const created = new Date(j.CreationDate);
      expect(created.getUTCHours()).toBe(5);
      if (j.StartedAt !== undefined) expect(j.StartedAt - j.CreationDate).toBeLessThan(60 * 60_000);
    }
  });

  it('takes one backup when two rules of a plan are due at once: the one with the longer retention', () => {
    const sb = fresh();
    const ebs = resourceOf(sb, 'EBS');
    const p = sb.call(
      'CreateBackupPlan',
      {
        BackupPlan: {
          BackupPlanName: 'two',
          Rules: [
            { RuleName: 'daily', TargetBackupVaultName: 'Default', ScheduleExpression: 'cron(0 5 ? * * *)', Lifecycle: { DeleteAfterDays: 7 } },
            { RuleName: 'monthly', TargetBackupVaultName: 'Default', ScheduleExpression: 'cron(0 5 1 * ? *)', Lifecycle: { DeleteAfterDays: 365 } },
          ],
        },
      },
      WORK,
    );
    sb.call('CreateBackupSelection', { BackupPlanId: p.BackupPlanId, BackupSelection: { SelectionName: 's', IamRoleArn: ROLE, Resources: [ebs.arn] } }, WORK);
    sb.advance(DAY_S); // 1 January: both rules are due
    const rps = [...sb.state.recoveryPoints.values()];
    expect(rps).toHaveLength(1);
    expect(rps[0]!.Lifecycle?.DeleteAfterDays).toBe(365);
  });
});

describe('lifecycle, cold storage and tags', () => {
  it('moves cold-capable backups to cold and deletes them by lifecycle; ignores cold for other types', () => {
    const sb = fresh();
    const efs = resourceOf(sb, 'EFS');
    const rds = resourceOf(sb, 'RDS');
    dailyPlan(sb, { resources: [efs.arn, rds.arn], lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 120 } });
    sb.advance(DAY_S);
    const first = [...sb.state.recoveryPoints.values()];
    expect(first).toHaveLength(2);
    sb.advance(30 * DAY_S);
    const efsFirst = sb.state.recoveryPoints.get(first.find((r) => r.ResourceType === 'EFS')!.RecoveryPointArn)!;
    const rdsFirst = sb.state.recoveryPoints.get(first.find((r) => r.ResourceType === 'RDS')!.RecoveryPointArn)!;
    expect(efsFirst.StorageClass).toBe('COLD');
    expect(rdsFirst.StorageClass).toBe('WARM');
    const view = sb.call('DescribeRecoveryPoint', { BackupVaultName: 'Default', RecoveryPointArn: rdsFirst.RecoveryPointArn }, WORK) as { CalculatedLifecycle: Record<string, Date> };
    expect(view.CalculatedLifecycle.MoveToColdStorageAt).toBeUndefined();
    expect(view.CalculatedLifecycle.DeleteAt).toBeInstanceOf(Date);
    sb.advance(90 * DAY_S);
    expect(sb.state.recoveryPoints.has(efsFirst.RecoveryPointArn)).toBe(false);
    expect(sb.state.recoveryPoints.has(rdsFirst.RecoveryPointArn)).toBe(false);
    expect(sb.state.recoveryPoints.size).toBe(2 * 120);
  });

  it("tags recovery points with the rule's RecoveryPointTags (the note: lifecycle policies can add tags)", () => {
    const sb = fresh();
    const p = sb.call(
      'CreateBackupPlan',
      { BackupPlan: { BackupPlanName: 't', Rules: [{ RuleName: 'r', TargetBackupVaultName: 'Default', RecoveryPointTags: { retention: 'short' } }] } },
      WORK,
    );
    sb.call('CreateBackupSelection', { BackupPlanId: p.BackupPlanId, BackupSelection: { SelectionName: 's', IamRoleArn: ROLE, Resources: [resourceOf(sb, 'DynamoDB').arn] } }, WORK);
    sb.advance(DAY_S);
    const arn = [...sb.state.recoveryPoints.keys()][0]!;
    expect(sb.call('ListTags', { ResourceArn: arn }, WORK).Tags).toEqual({ retention: 'short' });
  });

  it('updates a lifecycle with the same rules, but not the cold transition of a cold backup', () => {
    const sb = fresh();
    dailyPlan(sb, { resources: [resourceOf(sb, 'EFS').arn], lifecycle: { MoveToColdStorageAfterDays: 1, DeleteAfterDays: 100 } });
    sb.advance(DAY_S);
    const arn = [...sb.state.recoveryPoints.keys()][0]!;
    const update = (lc: Record<string, number>) => () => sb.call('UpdateRecoveryPointLifecycle', { BackupVaultName: 'Default', RecoveryPointArn: arn, Lifecycle: lc }, WORK);
    expectRefused(update({ MoveToColdStorageAfterDays: 1, DeleteAfterDays: 50 }), 'InvalidParameterValueException', 'plan.lifecycle-cold');
    const out = update({ MoveToColdStorageAfterDays: 1, DeleteAfterDays: 200 })() as { CalculatedLifecycle: { DeleteAt: Date } };
    expect(out.CalculatedLifecycle.DeleteAt.getTime()).toBe(sb.state.recoveryPoints.get(arn)!.CreationDate + 200 * DAY_S * 1000);
    sb.advance(2 * DAY_S);
    expect(sb.state.recoveryPoints.get(arn)!.StorageClass).toBe('COLD');
    expectRefused(update({ MoveToColdStorageAfterDays: 5, DeleteAfterDays: 200 }), 'InvalidParameterValueException', 'recovery-point.lifecycle-update');
  });
});

describe('copies and restores', () => {
  const westVault = 'arn:aws:backup:us-west-2:222222222222:backup-vault:west';

  it('copies across Regions by plan, with the destination lifecycle, and meters the transfer', () => {
    const sb = fresh();
    sb.call('CreateBackupVault', { BackupVaultName: 'west' }, WORK_WEST);
    dailyPlan(sb, { resources: [resourceOf(sb, 'EBS').arn], lifecycle: { DeleteAfterDays: 35 }, copy: [{ DestinationBackupVaultArn: westVault, Lifecycle: { DeleteAfterDays: 90 } }] });
    sb.advance(DAY_S);
    const copies = sb.call('ListCopyJobs', {}, WORK).CopyJobs as { State: string; DestinationRecoveryPointArn: string }[];
    expect(copies.map((c) => c.State)).toEqual(['COMPLETED']);
    const west = sb.call('ListRecoveryPointsByBackupVault', { BackupVaultName: 'west' }, WORK_WEST).RecoveryPoints as { Lifecycle: { DeleteAfterDays: number }; SourceBackupVaultArn: string; CreationDate: Date }[];
    expect(west).toHaveLength(1);
    expect(west[0]!.Lifecycle.DeleteAfterDays).toBe(90);
    expect(west[0]!.SourceBackupVaultArn).toBe('arn:aws:backup:us-east-1:222222222222:backup-vault:Default');
    const source = [...sb.state.recoveryPoints.values()].find((r) => r.region === 'us-east-1')!;
    expect(west[0]!.CreationDate.getTime()).toBe(source.CreationDate); // a copy keeps its source's creation date
    expect(sb.costs({ accountId: '222222222222' }).byFactor['transfer between Regions']).toBeGreaterThan(0);
  });

  it('fails a copy to a vault that does not exist, and refuses on-demand copies of cold or continuous backups', () => {
    const sb = fresh();
    dailyPlan(sb, { resources: [resourceOf(sb, 'EFS').arn], lifecycle: { MoveToColdStorageAfterDays: 1, DeleteAfterDays: 91 }, copy: [{ DestinationBackupVaultArn: westVault }] });
    sb.advance(DAY_S);
    const copy = (sb.call('ListCopyJobs', {}, WORK).CopyJobs as { State: string; StatusMessage: string; SandboxRuleId: string }[])[0]!;
    expect(copy.State).toBe('FAILED');
    expect(copy.SandboxRuleId).toBe('copy.destination');
    sb.advance(DAY_S);
    const cold = [...sb.state.recoveryPoints.values()].find((r) => r.StorageClass === 'COLD')!;
    expectRefused(
      () => sb.call('StartCopyJob', { RecoveryPointArn: cold.RecoveryPointArn, SourceBackupVaultName: 'Default', DestinationBackupVaultArn: westVault, IamRoleArn: ROLE }, WORK),
      'InvalidRequestException',
      'copy.cold',
    );
  });

  it('copies across accounts only with cross-account backup on and a destination policy that allows it', () => {
    const sb = fresh();
    sb.call('CreateBackupVault', { BackupVaultName: 'central' }, MGMT);
    const central = 'arn:aws:backup:us-east-1:111111111111:backup-vault:central';
    sb.call('StartBackupJob', { BackupVaultName: 'Default', ResourceArn: resourceOf(sb, 'EBS').arn, IamRoleArn: ROLE, Lifecycle: { DeleteAfterDays: 30 } }, WORK);
    sb.advance(DAY_S);
    const rp = [...sb.state.recoveryPoints.values()][0]!;
    const copy = () => {
      const { CopyJobId } = sb.call('StartCopyJob', { RecoveryPointArn: rp.RecoveryPointArn, SourceBackupVaultName: 'Default', DestinationBackupVaultArn: central, IamRoleArn: ROLE }, WORK) as { CopyJobId: string };
      sb.advance(DAY_S);
      return (sb.call('DescribeCopyJob', { CopyJobId }, WORK).CopyJob as { State: string; StatusMessage?: string });
    };
    expect(copy()).toMatchObject({ State: 'FAILED', StatusMessage: expect.stringContaining('Cross-account backup is not enabled'), SandboxRuleId: 'copy.cross-account' });
    expectRefused(() => sb.call('UpdateGlobalSettings', { GlobalSettings: { isCrossAccountBackupEnabled: 'true' } }, WORK), 'InvalidRequestException', 'org.management-only');
    sb.call('UpdateGlobalSettings', { GlobalSettings: { isCrossAccountBackupEnabled: 'true' } }, MGMT);
    expect(sb.call('DescribeGlobalSettings', {}, MGMT)).toEqual({ GlobalSettings: { isCrossAccountBackupEnabled: 'true' } });
    expect(copy()).toMatchObject({ State: 'FAILED', StatusMessage: expect.stringContaining('does not allow backup:CopyIntoBackupVault'), SandboxRuleId: 'copy.cross-account' });
    sb.call(
      'PutBackupVaultAccessPolicy',
      { BackupVaultName: 'central', Policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: 'backup:CopyIntoBackupVault', Resource: '*' }] }) },
      MGMT,
    );
    expect(copy().State).toBe('COMPLETED');
    expect(sb.call('ListRecoveryPointsByBackupVault', { BackupVaultName: 'central' }, MGMT).RecoveryPoints).toHaveLength(1);
  });

  it('restores a recovery point into a new resource and meters the restored data', () => {
    const sb = fresh();
    const efs = resourceOf(sb, 'EFS');
    sb.call('StartBackupJob', { BackupVaultName: 'Default', ResourceArn: efs.arn, IamRoleArn: ROLE }, WORK);
    sb.advance(DAY_S);
    const rp = [...sb.state.recoveryPoints.values()][0]!;
    expectRefused(() => sb.call('StartRestoreJob', { RecoveryPointArn: rp.RecoveryPointArn }, WORK), 'MissingParameterValueException', 'input.required');
    const { RestoreJobId } = sb.call('StartRestoreJob', { RecoveryPointArn: rp.RecoveryPointArn, Metadata: { newFileSystem: 'true' } }, WORK) as { RestoreJobId: string };
    expect(sb.call('DescribeRestoreJob', { RestoreJobId }, WORK).Status).toBe('PENDING');
    sb.advance(DAY_S);
    const done = sb.call('DescribeRestoreJob', { RestoreJobId }, WORK) as { Status: string; CreatedResourceArn: string };
    expect(done.Status).toBe('COMPLETED');
    expect(sb.state.resources.some((r) => r.arn === done.CreatedResourceArn && r.restoredFrom === efs.arn)).toBe(true);
    const cost = sb.costs({ accountId: '222222222222', region: 'us-east-1' });
    expect(cost.byFactor.restore).toBeCloseTo((efs.sizeGb * 0.02), 6);
  });

  it('refuses restores of unknown points and of points being deleted; a second delete meets the first', () => {
    const sb = fresh();
    expectRefused(() => sb.call('StartRestoreJob', { RecoveryPointArn: 'arn:aws:backup:us-east-1:222222222222:recovery-point:nope', Metadata: {} }, WORK), 'ResourceNotFoundException', 'input.not-found');
    sb.call('StartBackupJob', { BackupVaultName: 'Default', ResourceArn: resourceOf(sb, 'EBS').arn, IamRoleArn: ROLE }, WORK);
    sb.advance(DAY_S);
    const arn = [...sb.state.recoveryPoints.keys()][0]!;
    sb.call('DeleteRecoveryPoint', { BackupVaultName: 'Default', RecoveryPointArn: arn }, WORK);
    expect(sb.call('DescribeRecoveryPoint', { BackupVaultName: 'Default', RecoveryPointArn: arn }, WORK).Status).toBe('DELETING');
    expectRefused(() => sb.call('StartRestoreJob', { RecoveryPointArn: arn, Metadata: {} }, WORK), 'InvalidRequestException', 'restore.on-demand');
    const again = expectRefused(() => sb.call('DeleteRecoveryPoint', { BackupVaultName: 'Default', RecoveryPointArn: arn }, WORK), 'InvalidResourceStateException', 'recovery-point.deleting');
    expect(again.message).toBe('Backup is already performing an action on this recovery point. Try again later.');
    expectRefused(
      () => sb.call('UpdateRecoveryPointLifecycle', { BackupVaultName: 'Default', RecoveryPointArn: arn, Lifecycle: { DeleteAfterDays: 9 } }, WORK),
      'InvalidRequestException',
      'recovery-point.deleting',
    );
  });
});

describe('costs, monitoring and saved state', () => {
  it('meters warm and cold storage with the 90-day cold minimum', () => {
    const sb = fresh();
    const efs = resourceOf(sb, 'EFS');
    sb.call('StartBackupJob', { BackupVaultName: 'Default', ResourceArn: efs.arn, IamRoleArn: ROLE, Lifecycle: { MoveToColdStorageAfterDays: 10, DeleteAfterDays: 100 } }, WORK);
    sb.advance(DAY_S);
    const rp = [...sb.state.recoveryPoints.values()][0]!;
    sb.advance(20 * DAY_S); // cold since day 10
    sb.call('UpdateRecoveryPointLifecycle', { BackupVaultName: 'Default', RecoveryPointArn: rp.RecoveryPointArn, Lifecycle: { MoveToColdStorageAfterDays: 10, DeleteAfterDays: 100 } }, WORK);
    sb.call('DeleteRecoveryPoint', { BackupVaultName: 'Default', RecoveryPointArn: rp.RecoveryPointArn }, WORK);
    sb.advance(3600);
    const cost = sb.costs({ accountId: '222222222222', region: 'us-east-1' });
    const cold = cost.lines.find((l) => l.factor === 'cold storage')!;
    // Deleted after about 11 days in cold, billed for 90.
    expect(cold.quantity).toBeCloseTo((efs.sizeGb * 90 * 24) / 730, 3);
    const warm = cost.lines.find((l) => l.factor === 'warm storage')!;
    expect(warm.quantity).toBeGreaterThan(0);
    expect(cost.note).toContain('vary by Region');
  });

  it('emits EventBridge events, CloudWatch metrics and CloudTrail-like activity', () => {
    const sb = fresh();
    dailyPlan(sb, { resources: [resourceOf(sb, 'EBS').arn] });
    expectRefused(() => sb.call('DeleteBackupVault', { BackupVaultName: 'Default' }, WORK), 'InvalidRequestException', 'vault.delete-default');
    sb.advance(DAY_S);
    const events = sb.events() as { 'detail-type': string; detail: Record<string, unknown>; id: string; time: Date }[];
    const states = events.filter((e) => e['detail-type'] === 'Backup Job State Change').map((e) => e.detail.state);
    expect(states).toEqual(['CREATED', 'RUNNING', 'COMPLETED']);
    expect(events.some((e) => e['detail-type'] === 'Backup Plan State Change')).toBe(true);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    const completed = events.find((e) => e.detail.state === 'COMPLETED')!;
    expect(completed.detail.creationDate).toMatch(/^2026-01-01T05:/);
    const metrics = sb.metrics() as { MetricName: string; Dimensions: { Name: string; Value: string }[]; Value: number }[];
    expect(metrics.find((m) => m.MetricName === 'NumberOfBackupJobsCompleted' && m.Dimensions.length === 1)).toMatchObject({ Value: 1, Dimensions: [{ Name: 'BackupVaultName', Value: 'Default' }] });
    expect(metrics.some((m) => m.MetricName === 'NumberOfBackupJobsCompleted' && m.Dimensions[1]?.Value === 'EBS')).toBe(true);
    const activity = sb.activity() as { eventName: string; errorCode?: string; ruleId?: string; requestParameters: Record<string, unknown> }[];
    expect(activity.map((a) => a.eventName)).toEqual(['CreateBackupPlan', 'CreateBackupSelection', 'DeleteBackupVault']);
    expect(activity[2]).toMatchObject({ errorCode: 'InvalidRequestException', ruleId: 'vault.delete-default' });
  });

  it('keeps only the last logLimit events but counts them all', () => {
    const sb = Sandbox.create({ seed: 'logs', settings: { logLimit: 10 } });
    dailyPlan(sb, { resources: ['arn:aws:ec2:*:*:volume/*'] });
    sb.advance(20 * DAY_S);
    expect(sb.state.events.length).toBeLessThanOrEqual(15);
    expect(sb.state.logTotals.events).toBeGreaterThan(100);
  });

  it('saves to versioned JSON and loads back the same state, which then runs on the same way', () => {
    const a = fresh('same');
    dailyPlan(a, { resources: [resourceOf(a, 'EFS').arn], lifecycle: { MoveToColdStorageAfterDays: 5, DeleteAfterDays: 95 } });
    a.advance(10 * DAY_S + 1234);
    const saved = JSON.parse(JSON.stringify(a.toJSON()));
    expect(saved.version).toBe(1);
    const b = Sandbox.fromJSON(saved);
    expect(b.toJSON()).toEqual(a.toJSON());
    a.advance(100 * DAY_S);
    b.advance(100 * DAY_S);
    expect(b.toJSON()).toEqual(a.toJSON());
  });

  it('gives the same state for the same seed and calls, and another world for another seed', () => {
    const run = (seed: string) => {
      const sb = fresh(seed);
      dailyPlan(sb, { resources: ['arn:aws:ec2:*:*:volume/*'] });
      sb.advance(5 * DAY_S);
      return sb.toJSON();
    };
    expect(run('x')).toEqual(run('x'));
    expect(run('x').resources).not.toEqual(run('y').resources);
  });

  it('refuses a damaged state file with a message naming the problem', () => {
    const good = fresh().toJSON();
    expect(() => Sandbox.fromJSON('{oops')).toThrow(SandboxStateError);
    expect(() => Sandbox.fromJSON({ ...good, version: 99 })).toThrow('version 99');
    expect(() => Sandbox.fromJSON({ ...good, now: 'soon' })).toThrow(/now/);
    expect(() => Sandbox.fromJSON({ ...good, vaults: 'none' })).toThrow(/vaults/);
  });

  it('answers for the organization\'s accounts and Regions only', () => {
    const sb = fresh();
    expectRefused(() => sb.call('ListBackupVaults', {}, { accountId: '999999999999', region: 'us-east-1' }), 'AccessDeniedException', 'input.not-found');
    expectRefused(() => sb.call('ListBackupVaults', {}, { accountId: '222222222222', region: 'ap-south-1' }), 'InvalidParameterValueException', 'input.not-found');
    expectRefused(() => sb.call('MakeCoffee', {}, WORK), 'InvalidRequestException', 'input.required');
  });

  it('pages long lists with NextToken', () => {
    const sb = fresh();
    for (let i = 0; i < 7; i++) sb.call('CreateBackupVault', { BackupVaultName: `page${i}` }, MGMT);
    const first = sb.call('ListBackupVaults', { MaxResults: 5 }, MGMT) as { BackupVaultList: unknown[]; NextToken?: string };
    expect(first.BackupVaultList).toHaveLength(5);
    const second = sb.call('ListBackupVaults', { MaxResults: 5, NextToken: first.NextToken }, MGMT) as { BackupVaultList: unknown[]; NextToken?: string };
    expect(second.BackupVaultList).toHaveLength(3);
    expect(second.NextToken).toBeUndefined();
    expectRefused(() => sb.call('ListBackupVaults', { MaxResults: 0 }, MGMT), 'InvalidParameterValueException', 'input.required');
  });
});

describe('reading without a trace', () => {
  it('runs Describe/Get/List operations without logging them, and refuses anything else', () => {
    const sb = fresh();
    const out = sb.read('ListBackupVaults', {}, WORK) as { BackupVaultList: unknown[] };
    expect(out.BackupVaultList.length).toBeGreaterThan(0);
    expect(sb.state.activity).toHaveLength(0);
    expect(() => sb.read('DeleteBackupVault', { BackupVaultName: 'Default' }, WORK)).toThrow(RangeError);
    expect(() => sb.read('DescribeBackupVault', { BackupVaultName: 'nope' }, WORK)).toThrow(/not found/);
  });
});

describe('costs over time', () => {
  it('records the costs so far at the start of every month, by place and factor, agreeing with the cost report', () => {
    const sb = fresh();
    dailyPlan(sb, { resources: [resourceOf(sb, 'EFS').arn], lifecycle: { MoveToColdStorageAfterDays: 10, DeleteAfterDays: 100 } });
    sb.advance(95 * DAY_S);
    const history = sb.state.costHistory;
    expect(history.map((h) => new Date(h.at).toISOString().slice(0, 10))).toEqual(['2026-02-01', '2026-03-01', '2026-04-01']);
    const place = '222222222222|us-east-1';
    const [feb, mar, apr] = history.map((h) => h.totals[place]!);
    expect(feb!['warm storage']).toBeGreaterThan(0);
    expect(mar!['cold storage']).toBeGreaterThan(feb!['cold storage']!);
    expect(apr!['warm storage']).toBeGreaterThan(mar!['warm storage']!);
    // The snapshot of 1 April is what the cost report said on that day.
    const again = fresh();
    dailyPlan(again, { resources: [resourceOf(again, 'EFS').arn], lifecycle: { MoveToColdStorageAfterDays: 10, DeleteAfterDays: 100 } });
    again.advanceTo(Date.UTC(2026, 3, 1));
    const report = again.costs({ accountId: '222222222222', region: 'us-east-1' });
    expect(apr!['warm storage']).toBeCloseTo(report.byFactor['warm storage'], 9);
    expect(apr!['cold storage']).toBeCloseTo(report.byFactor['cold storage'], 9);
  });
});
