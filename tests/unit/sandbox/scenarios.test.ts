// @vitest-environment node
/**
 * End-to-end labs: each scenario is what a learner would do with the AWS SDK
 * against the sandbox, through the whole stack (the real `BackupClient`
 * serializing and signing, the REST router, the engine), with the clock moved
 * by `sb.advance` as the lab's "wait a few days". Every scenario checks the
 * accepted path and the refusal AWS gives, as the SDK surfaces it: the
 * exception name, message and HTTP status, plus the `SandboxRule` the router
 * adds so the interface can explain the refusal.
 *
 * Why through the SDK and not `sb.call`: these are the labs the README points
 * learners to, so they must hold for the wire format too (URI labels holding
 * ARNs, query-string filters, epoch-second timestamps, error bodies).
 */
import { describe, expect, it } from 'vitest';
import type { BackupClient, BackupServiceException, ListBackupJobsInput, ListCopyJobsInput, ListRestoreJobsInput } from '@aws-sdk/client-backup';
import type { Resource } from '../../../src/lib/sandbox/model.ts';
import { Sandbox } from '../../../src/lib/sandbox/engine.ts';
import { createRouter, type HttpResponse } from '../../../src/lib/sandbox/rest/router.ts';
import { sandboxClient, sdk, type Router } from './sdk-client.ts';

const {
  CreateBackupPlanCommand,
  CreateBackupSelectionCommand,
  CreateBackupVaultCommand,
  DeleteBackupPlanCommand,
  DeleteBackupSelectionCommand,
  DeleteBackupVaultLockConfigurationCommand,
  DeleteRecoveryPointCommand,
  DescribeBackupJobCommand,
  DescribeBackupVaultCommand,
  DescribeCopyJobCommand,
  DescribeGlobalSettingsCommand,
  DescribeRecoveryPointCommand,
  DescribeRestoreJobCommand,
  GetBackupPlanCommand,
  ListBackupJobsCommand,
  ListBackupPlansCommand,
  ListBackupPlanVersionsCommand,
  ListBackupSelectionsCommand,
  ListCopyJobsCommand,
  ListRecoveryPointsByBackupVaultCommand,
  ListRestoreJobsCommand,
  ListTagsCommand,
  PutBackupVaultAccessPolicyCommand,
  PutBackupVaultLockConfigurationCommand,
  StartBackupJobCommand,
  StartCopyJobCommand,
  StartRestoreJobCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateBackupPlanCommand,
  UpdateGlobalSettingsCommand,
} = sdk;

const MGMT_ACCOUNT = '111111111111';
const WORK_ACCOUNT = '222222222222';
const MGMT_KEY = 'AKIASANDBOXMGMT0001';
const WORK_KEY = 'AKIASANDBOXWORK0002';
const WORK_ROLE = `arn:aws:iam::${WORK_ACCOUNT}:role/service-role/AWSBackupDefaultServiceRole`;
const HOUR_S = 3_600;
const DAY_S = 86_400;
const DAY_MS = DAY_S * 1000;
/** Where every sandbox clock starts: 2026-01-01T00:00:00Z. */
const START = Date.UTC(2026, 0, 1);

/** An AWS error as the SDK throws it, with the members the sandbox router adds. */
type AwsError = BackupServiceException & { SandboxRule?: { id: string; summary: string } };

interface Lab {
  sb: Sandbox;
  router: Router;
  /** The workload account (222222222222) in us-east-1. */
  work: BackupClient;
  /** The management account (111111111111) in us-east-1. */
  mgmt: BackupClient;
  client(region: string, accessKeyId: string): BackupClient;
}

function lab(seed = 'scenarios'): Lab {
  const sb = Sandbox.create({ seed });
  const router = createRouter(sb);
  const client = (region: string, accessKeyId: string) => sandboxClient(router, { region, accessKeyId });
  return { sb, router, work: client('us-east-1', WORK_KEY), mgmt: client('us-east-1', MGMT_KEY), client };
}

/** The error a call is refused with; fails the test when the call succeeds. */
async function refused(call: Promise<unknown>): Promise<AwsError> {
  try {
    await call;
  } catch (error) {
    return error as AwsError;
  }
  throw new Error('expected the call to be refused, but it succeeded');
}

function expectAwsError(error: AwsError, name: string, message: string | RegExp, ruleId: string, status = 400): void {
  expect(error.name).toBe(name);
  if (typeof message === 'string') expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
  expect(error.$metadata.httpStatusCode).toBe(status);
  expect(error.SandboxRule?.id).toBe(ruleId);
}

/** Moves the clock to `day` days (and `hour` hours) after the start, as a lab's "wait until…". */
function advanceToDay(sb: Sandbox, day: number, hour = 0): void {
  const target = START + day * DAY_MS + hour * HOUR_S * 1000;
  const seconds = (target - sb.now().getTime()) / 1000;
  if (seconds < 0) throw new Error(`the clock is already past day ${day}`);
  sb.advance(seconds);
}

/** A `/_sandbox/*` view through the router, as `curl http://127.0.0.1:4566/_sandbox/<name>` would get it. */
function sandboxView<T>(router: Router, name: 'resources' | 'events' | 'metrics' | 'activity'): T[] {
  const response: HttpResponse = router({ method: 'GET', path: `/_sandbox/${name}`, query: {}, headers: {}, body: '' });
  expect(response.status).toBe(200);
  const body = JSON.parse(response.body) as Record<string, T[]>;
  const key = `${name[0]?.toUpperCase() ?? ''}${name.slice(1)}`;
  return body[key] ?? [];
}

interface ResourceView {
  ResourceArn: string;
  ResourceType: Resource['type'];
  AccountId: string;
  Region: string;
  SizeGb: number;
  RestoredFrom?: string;
}

function resourcesOf(router: Router, type: Resource['type'], accountId = WORK_ACCOUNT, region = 'us-east-1'): ResourceView[] {
  return sandboxView<ResourceView>(router, 'resources').filter((r) => r.ResourceType === type && r.AccountId === accountId && r.Region === region);
}

function firstResource(router: Router, type: Resource['type'], accountId = WORK_ACCOUNT, region = 'us-east-1'): ResourceView {
  const r = resourcesOf(router, type, accountId, region)[0];
  if (!r) throw new Error(`no ${type} in ${accountId}/${region}`);
  return r;
}

/** Backs one resource up on demand and waits until the job is done; returns the job as DescribeBackupJob shows it. */
async function backupJob(l: Lab, client: BackupClient, vault: string, resourceArn: string, lifecycle?: { DeleteAfterDays?: number }) {
  const { BackupJobId } = await client.send(
    new StartBackupJobCommand({ BackupVaultName: vault, ResourceArn: resourceArn, IamRoleArn: WORK_ROLE, ...(lifecycle ? { Lifecycle: lifecycle } : {}) }),
  );
  l.sb.advance(12 * HOUR_S);
  const job = await client.send(new DescribeBackupJobCommand({ BackupJobId }));
  expect(job.State).toBe('COMPLETED');
  return job;
}

/** Like backupJob; returns the recovery point ARN. */
async function backupNow(l: Lab, client: BackupClient, vault: string, resourceArn: string, lifecycle?: { DeleteAfterDays?: number }): Promise<string> {
  const job = await backupJob(l, client, vault, resourceArn, lifecycle);
  if (!job.RecoveryPointArn) throw new Error('the completed job has no recovery point');
  return job.RecoveryPointArn;
}

/** How long a job ran, in minutes (a full backup copies everything; an incremental one only the changes). */
function runMinutes(job: { InitiationDate?: Date; CompletionDate?: Date }): number {
  return ((job.CompletionDate?.getTime() ?? 0) - (job.InitiationDate?.getTime() ?? 0)) / 60_000;
}

const dailyRule = (vault: string, extra: Record<string, unknown> = {}) => ({
  RuleName: 'daily',
  TargetBackupVaultName: vault,
  ScheduleExpression: 'cron(0 5 ? * * *)',
  ...extra,
});

describe('lab a: a daily plan for EBS volumes, from first backup to lifecycle deletion', () => {
  it('backs up every EBS volume of the account and Region, moves points to cold, deletes them, and guards plan deletion', async () => {
    const l = lab();
    const { work, sb, router } = l;
    await work.send(new CreateBackupVaultCommand({ BackupVaultName: 'daily-vault' }));
    const plan = await work.send(
      new CreateBackupPlanCommand({
        BackupPlan: {
          BackupPlanName: 'daily-ebs',
          Rules: [dailyRule('daily-vault', { Lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 120 } })],
        },
      }),
    );
    const planId = plan.BackupPlanId ?? '';
    await work.send(
      new CreateBackupSelectionCommand({
        BackupPlanId: planId,
        BackupSelection: { SelectionName: 'all-ebs-volumes', IamRoleArn: WORK_ROLE, Resources: ['arn:aws:ec2:*:*:volume/*'] },
      }),
    );

    const storageClass = async (arn: string | undefined) =>
      (await work.send(new DescribeRecoveryPointCommand({ BackupVaultName: 'daily-vault', RecoveryPointArn: arn ?? '' }))).StorageClass;

    advanceToDay(sb, 3);
    const volumes = resourcesOf(router, 'EBS').map((r) => r.ResourceArn).sort();
    expect(volumes.length).toBeGreaterThan(0);
    const jobs = (await work.send(new ListBackupJobsCommand({}))).BackupJobs ?? [];
    // Three runs (days 1, 2 and 3 at 05:00 UTC), one job per volume each, all completed.
    expect(jobs).toHaveLength(3 * volumes.length);
    expect(jobs.every((j) => j.State === 'COMPLETED' && j.ResourceType === 'EBS')).toBe(true);
    expect([...new Set(jobs.map((j) => j.ResourceArn ?? ''))].sort()).toEqual(volumes);
    expect(jobs.every((j) => j.CreatedBy?.BackupPlanId === planId)).toBe(true);
    expect((await work.send(new ListBackupJobsCommand({ ByResourceType: 'EC2' }))).BackupJobs).toEqual([]);
    expect((await work.send(new ListBackupJobsCommand({ ByResourceType: 'RDS' }))).BackupJobs).toEqual([]);
    // The management account has EBS volumes too, but this plan is the workload account's.
    expect((await l.mgmt.send(new ListBackupJobsCommand({}))).BackupJobs).toEqual([]);

    const points = (await work.send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: 'daily-vault' }))).RecoveryPoints ?? [];
    expect(points).toHaveLength(3 * volumes.length);
    for (const p of points) {
      expect(p.Status).toBe('COMPLETED');
      // AWS lists no storage class; DescribeRecoveryPoint has it.
      expect(await storageClass(p.RecoveryPointArn)).toBe('WARM');
      expect(p.Lifecycle).toEqual({ MoveToColdStorageAfterDays: 30, DeleteAfterDays: 120 });
      expect(p.CalculatedLifecycle?.MoveToColdStorageAt?.getTime()).toBe((p.CreationDate?.getTime() ?? 0) + 30 * DAY_MS);
      expect(p.CalculatedLifecycle?.DeleteAt?.getTime()).toBe((p.CreationDate?.getTime() ?? 0) + 120 * DAY_MS);
    }
    const dayOne = points.filter((p) => (p.CreationDate?.getTime() ?? 0) < START + DAY_MS).map((p) => p.RecoveryPointArn ?? '');
    const dayTwo = points.filter((p) => (p.CreationDate?.getTime() ?? 0) >= START + DAY_MS && (p.CreationDate?.getTime() ?? 0) < START + 2 * DAY_MS);
    expect(dayOne).toHaveLength(volumes.length);

    // Day 31: the first day's points are 30 days old and have moved to cold storage; the second day's not yet.
    advanceToDay(sb, 31);
    for (const arn of dayOne) expect(await storageClass(arn)).toBe('COLD');
    for (const p of dayTwo) expect(await storageClass(p.RecoveryPointArn)).toBe('WARM');

    // Day 121: the first day's points have reached DeleteAfterDays (120) and are gone; the second day's remain, cold.
    advanceToDay(sb, 121);
    const later = (await work.send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: 'daily-vault' }))).RecoveryPoints ?? [];
    const laterArns = new Set(later.map((p) => p.RecoveryPointArn));
    for (const arn of dayOne) expect(laterArns.has(arn)).toBe(false);
    for (const p of dayTwo) expect(laterArns.has(p.RecoveryPointArn)).toBe(true);
    const gone = await refused(work.send(new DescribeRecoveryPointCommand({ BackupVaultName: 'daily-vault', RecoveryPointArn: dayOne[0] ?? '' })));
    expect(gone.name).toBe('ResourceNotFoundException');
    expect(sb.costs().byFactor['cold storage']).toBeGreaterThan(0);

    // A plan with resources assigned cannot be deleted; delete the assignment first.
    const blocked = await refused(work.send(new DeleteBackupPlanCommand({ BackupPlanId: planId })));
    expectAwsError(blocked, 'InvalidRequestException', 'Related backup plan selections must be deleted prior to backup plan deletion', 'plan.delete-with-selections');
    const selections = (await work.send(new ListBackupSelectionsCommand({ BackupPlanId: planId }))).BackupSelectionsList ?? [];
    expect(selections.map((s) => s.SelectionName)).toEqual(['all-ebs-volumes']);
    await work.send(new DeleteBackupSelectionCommand({ BackupPlanId: planId, SelectionId: selections[0]?.SelectionId ?? '' }));
    const deleted = await work.send(new DeleteBackupPlanCommand({ BackupPlanId: planId }));
    expect(deleted.DeletionDate?.getTime()).toBe(sb.now().getTime());

    const got = await work.send(new GetBackupPlanCommand({ BackupPlanId: planId }));
    expect(got.DeletionDate?.getTime()).toBe(sb.now().getTime());
    expect((await work.send(new ListBackupPlansCommand({}))).BackupPlansList).toEqual([]);
    const withDeleted = (await work.send(new ListBackupPlansCommand({ IncludeDeleted: true }))).BackupPlansList ?? [];
    expect(withDeleted).toHaveLength(1);
    expect(withDeleted[0]).toMatchObject({ BackupPlanId: planId, BackupPlanName: 'daily-ebs' });
    expect(withDeleted[0]?.DeletionDate?.getTime()).toBe(sb.now().getTime());

    // A deleted plan schedules nothing more.
    const deletedAt = sb.now();
    sb.advance(3 * DAY_S);
    expect((await work.send(new ListBackupJobsCommand({ ByCreatedAfter: deletedAt }))).BackupJobs).toEqual([]);
  });
});

describe('lab b: assigning one resource at a time', () => {
  it('backs up exactly the one RDS database named by its ARN', async () => {
    const l = lab();
    const { work, router, sb } = l;
    const databases = resourcesOf(router, 'RDS');
    expect(databases.length).toBeGreaterThan(1);
    const [orders] = databases;
    const plan = await work.send(new CreateBackupPlanCommand({ BackupPlan: { BackupPlanName: 'one-db', Rules: [dailyRule('Default')] } }));
    await work.send(
      new CreateBackupSelectionCommand({
        BackupPlanId: plan.BackupPlanId,
        BackupSelection: { SelectionName: 'orders-only', IamRoleArn: WORK_ROLE, Resources: [orders?.ResourceArn ?? ''] },
      }),
    );
    advanceToDay(sb, 1);
    const jobs = (await work.send(new ListBackupJobsCommand({}))).BackupJobs ?? [];
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ ResourceArn: orders?.ResourceArn, ResourceType: 'RDS', State: 'COMPLETED', BackupVaultName: 'Default' });
    expect(jobs[0]?.RecoveryPointArn).toMatch(/^arn:aws:rds:us-east-1:222222222222:snapshot:awsbackup:job-/);

    // A selection needs Resources or ListOfTags.
    const empty = await refused(
      work.send(new CreateBackupSelectionCommand({ BackupPlanId: plan.BackupPlanId, BackupSelection: { SelectionName: 'nothing', IamRoleArn: WORK_ROLE } })),
    );
    expectAwsError(
      empty,
      'InvalidParameterValueException',
      "Invalid backup selection. Either 'ListOfTags' or 'Resources' section must be non-empty.",
      'selection.by-type-or-resource',
    );
  });

  it('runs each job with the IAM role of the assignment that selected the resource', async () => {
    const l = lab();
    const { work, router, sb } = l;
    const volume = firstResource(router, 'EBS').ResourceArn;
    const database = firstResource(router, 'RDS').ResourceArn;
    const plan = await work.send(new CreateBackupPlanCommand({ BackupPlan: { BackupPlanName: 'two-roles', Rules: [dailyRule('Default')] } }));
    const roles = { [volume]: `arn:aws:iam::${WORK_ACCOUNT}:role/ebs-backup`, [database]: `arn:aws:iam::${WORK_ACCOUNT}:role/rds-backup` };
    for (const [arn, role] of Object.entries(roles))
      await work.send(
        new CreateBackupSelectionCommand({
          BackupPlanId: plan.BackupPlanId,
          BackupSelection: { SelectionName: role.split('/').pop() ?? 'x', IamRoleArn: role, Resources: [arn] },
        }),
      );
    advanceToDay(sb, 1);
    const jobs = (await work.send(new ListBackupJobsCommand({}))).BackupJobs ?? [];
    expect(jobs).toHaveLength(2);
    for (const job of jobs) expect(job.IamRoleArn).toBe(roles[job.ResourceArn ?? '']);
  });
});

describe('lab c: vault lock', () => {
  it('enforces the retention range, protects recovery points, and becomes immutable after the grace time', async () => {
    const l = lab();
    const { work, router, sb } = l;
    const volume = firstResource(router, 'EBS').ResourceArn;
    await work.send(new CreateBackupVaultCommand({ BackupVaultName: 'locked' }));

    const tooShortGrace = await refused(
      work.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: 'locked', MinRetentionDays: 7, MaxRetentionDays: 30, ChangeableForDays: 2 })),
    );
    expectAwsError(tooShortGrace, 'InvalidParameterValueException', 'ChangeableForDays must be at least 3 days', 'lock.grace-period');

    await work.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: 'locked', MinRetentionDays: 7, MaxRetentionDays: 30, ChangeableForDays: 3 }));
    const described = await work.send(new DescribeBackupVaultCommand({ BackupVaultName: 'locked' }));
    expect(described).toMatchObject({ Locked: true, MinRetentionDays: 7, MaxRetentionDays: 30 });
    expect(described.LockDate?.getTime()).toBe(START + 3 * DAY_MS);

    // Retention below the minimum: the job is accepted, then fails.
    const short = await work.send(
      new StartBackupJobCommand({ BackupVaultName: 'locked', ResourceArn: volume, IamRoleArn: WORK_ROLE, Lifecycle: { DeleteAfterDays: 1 } }),
    );
    sb.advance(2 * HOUR_S);
    const failed = await work.send(new DescribeBackupJobCommand({ BackupJobId: short.BackupJobId }));
    expect(failed.State).toBe('FAILED');
    expect(failed.StatusMessage).toMatch(/minimum/);

    // Retention inside the range: completes, and the point cannot be deleted early.
    const point = await backupNow(l, work, 'locked', volume, { DeleteAfterDays: 10 });
    const early = await refused(work.send(new DeleteRecoveryPointCommand({ BackupVaultName: 'locked', RecoveryPointArn: point })));
    expectAwsError(early, 'InvalidRequestException', /Vault Lock/, 'lock.early-deletion');

    // Past the lock date (3 days after the Put), compliance mode is immutable.
    advanceToDay(sb, 3, 1);
    const put = await refused(work.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: 'locked', MinRetentionDays: 1 })));
    expectAwsError(put, 'InvalidRequestException', 'Vault Lock configuration is immutable and cannot be modified', 'lock.immutable');
    const del = await refused(work.send(new DeleteBackupVaultLockConfigurationCommand({ BackupVaultName: 'locked' })));
    expectAwsError(del, 'InvalidRequestException', 'Vault Lock configuration is immutable and cannot be deleted', 'lock.immutable');
    expect((await work.send(new DescribeBackupVaultCommand({ BackupVaultName: 'locked' }))).Locked).toBe(true);
  });

  it('lets a governance-mode lock (no ChangeableForDays) be removed at any time', async () => {
    const { work, sb } = lab();
    await work.send(new CreateBackupVaultCommand({ BackupVaultName: 'governed' }));
    await work.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: 'governed', MinRetentionDays: 7, MaxRetentionDays: 30 }));
    const locked = await work.send(new DescribeBackupVaultCommand({ BackupVaultName: 'governed' }));
    expect(locked.Locked).toBe(true);
    expect(locked.LockDate).toBeUndefined();
    sb.advance(30 * DAY_S);
    await work.send(new DeleteBackupVaultLockConfigurationCommand({ BackupVaultName: 'governed' }));
    expect((await work.send(new DescribeBackupVaultCommand({ BackupVaultName: 'governed' }))).Locked).toBe(false);
  });
});

describe('lab d: copies to another Region and to another account', () => {
  it('copies across Regions by plan, and across accounts once the organization and the vault allow it', async () => {
    const l = lab();
    const { work, mgmt, router, sb } = l;
    const west = l.client('us-west-2', WORK_KEY);
    const volume = firstResource(router, 'EBS').ResourceArn;
    const primary = await work.send(new CreateBackupVaultCommand({ BackupVaultName: 'primary' }));
    const dr = await west.send(new CreateBackupVaultCommand({ BackupVaultName: 'dr-west' }));
    expect(dr.BackupVaultArn).toBe('arn:aws:backup:us-west-2:222222222222:backup-vault:dr-west');

    // Cross-Region: a copy action in the plan rule.
    const plan = await work.send(
      new CreateBackupPlanCommand({
        BackupPlan: {
          BackupPlanName: 'with-dr-copy',
          Rules: [dailyRule('primary', { Lifecycle: { DeleteAfterDays: 35 }, CopyActions: [{ DestinationBackupVaultArn: dr.BackupVaultArn, Lifecycle: { DeleteAfterDays: 90 } }] })],
        },
      }),
    );
    await work.send(
      new CreateBackupSelectionCommand({
        BackupPlanId: plan.BackupPlanId,
        BackupSelection: { SelectionName: 'one-volume', IamRoleArn: WORK_ROLE, Resources: [volume] },
      }),
    );
    advanceToDay(sb, 1);
    const copies = (await work.send(new ListCopyJobsCommand({}))).CopyJobs ?? [];
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatchObject({
      State: 'COMPLETED',
      SourceBackupVaultArn: primary.BackupVaultArn,
      DestinationBackupVaultArn: dr.BackupVaultArn,
      ResourceArn: volume,
    });
    expect(copies[0]?.CreatedBy?.BackupPlanId).toBe(plan.BackupPlanId);
    const westPoints = (await west.send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: 'dr-west' }))).RecoveryPoints ?? [];
    expect(westPoints).toHaveLength(1);
    expect(westPoints[0]).toMatchObject({
      RecoveryPointArn: copies[0]?.DestinationRecoveryPointArn,
      SourceBackupVaultArn: primary.BackupVaultArn,
      ResourceArn: volume,
      Lifecycle: { DeleteAfterDays: 90 },
    });
    expect(westPoints[0]?.RecoveryPointArn).toMatch(/^arn:aws:ec2:us-west-2::snapshot\/snap-/);
    const transfer = sb.costs().lines.filter((line) => line.factor === 'transfer between Regions');
    expect(transfer).toHaveLength(1);
    expect(transfer[0]).toMatchObject({ accountId: WORK_ACCOUNT, region: 'us-east-1', unit: 'GB' });
    expect(transfer[0]?.quantity).toBeGreaterThan(0);

    // Cross-account: into the management account's vault.
    const central = await mgmt.send(new CreateBackupVaultCommand({ BackupVaultName: 'central' }));
    const source = (await work.send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: 'primary' }))).RecoveryPoints?.[0]?.RecoveryPointArn ?? '';
    const copyToCentral = async () => {
      const { CopyJobId } = await work.send(
        new StartCopyJobCommand({ RecoveryPointArn: source, SourceBackupVaultName: 'primary', DestinationBackupVaultArn: central.BackupVaultArn, IamRoleArn: WORK_ROLE }),
      );
      sb.advance(2 * HOUR_S);
      return (await work.send(new DescribeCopyJobCommand({ CopyJobId }))).CopyJob;
    };

    const notEnabled = await copyToCentral();
    expect(notEnabled?.State).toBe('FAILED');
    expect(notEnabled?.StatusMessage).toMatch(/Cross-account backup is not enabled/);

    // Only the management account may turn cross-account backup on.
    const fromWorkload = await refused(work.send(new UpdateGlobalSettingsCommand({ GlobalSettings: { isCrossAccountBackupEnabled: 'true' } })));
    expectAwsError(fromWorkload, 'InvalidRequestException', /management account/, 'org.management-only');
    await mgmt.send(new UpdateGlobalSettingsCommand({ GlobalSettings: { isCrossAccountBackupEnabled: 'true' } }));
    expect((await mgmt.send(new DescribeGlobalSettingsCommand({}))).GlobalSettings).toEqual({ isCrossAccountBackupEnabled: 'true' });

    const noPolicy = await copyToCentral();
    expect(noPolicy?.State).toBe('FAILED');
    expect(noPolicy?.StatusMessage).toMatch(/does not allow backup:CopyIntoBackupVault from account 222222222222/);

    await mgmt.send(
      new PutBackupVaultAccessPolicyCommand({
        BackupVaultName: 'central',
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${WORK_ACCOUNT}:root` }, Action: 'backup:CopyIntoBackupVault', Resource: '*' }],
        }),
      }),
    );
    const allowed = await copyToCentral();
    expect(allowed?.State).toBe('COMPLETED');
    const centralPoints = (await mgmt.send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: 'central' }))).RecoveryPoints ?? [];
    expect(centralPoints.map((p) => p.RecoveryPointArn)).toEqual([allowed?.DestinationRecoveryPointArn]);
    expect(centralPoints[0]?.SourceBackupVaultArn).toBe(primary.BackupVaultArn);
    // Same Region: no transfer charge beyond the cross-Region copy.
    expect(sb.costs().lines.filter((line) => line.factor === 'transfer between Regions')).toHaveLength(1);
  });
});

describe('lab e: plan documents and versions', () => {
  it('refuses an identical plan document, and keeps every version of an updated plan', async () => {
    const { work } = lab();
    const document = { BackupPlanName: 'versioned', Rules: [dailyRule('Default', { Lifecycle: { DeleteAfterDays: 35 } })] };
    const v1 = await work.send(new CreateBackupPlanCommand({ BackupPlan: document }));
    const twin = await refused(work.send(new CreateBackupPlanCommand({ BackupPlan: document })));
    expectAwsError(twin, 'AlreadyExistsException', 'Backup plan with the same plan document already exists', 'plan.identical-document');

    const v2 = await work.send(
      new UpdateBackupPlanCommand({
        BackupPlanId: v1.BackupPlanId,
        BackupPlan: { BackupPlanName: 'versioned', Rules: [dailyRule('Default', { ScheduleExpression: 'cron(0 23 ? * * *)', Lifecycle: { DeleteAfterDays: 35 } })] },
      }),
    );
    expect(v2.BackupPlanId).toBe(v1.BackupPlanId);
    expect(v2.VersionId).toBeTruthy();
    expect(v2.VersionId).not.toBe(v1.VersionId);

    const versions = (await work.send(new ListBackupPlanVersionsCommand({ BackupPlanId: v1.BackupPlanId }))).BackupPlanVersionsList ?? [];
    expect(versions.map((v) => v.VersionId).sort()).toEqual([v1.VersionId, v2.VersionId].sort());

    const old = await work.send(new GetBackupPlanCommand({ BackupPlanId: v1.BackupPlanId, VersionId: v1.VersionId }));
    expect(old.VersionId).toBe(v1.VersionId);
    expect(old.BackupPlan?.Rules?.map((r) => r.ScheduleExpression)).toEqual(['cron(0 5 ? * * *)']);
    const latest = await work.send(new GetBackupPlanCommand({ BackupPlanId: v1.BackupPlanId }));
    expect(latest.VersionId).toBe(v2.VersionId);
    expect(latest.BackupPlan?.Rules?.map((r) => r.ScheduleExpression)).toEqual(['cron(0 23 ? * * *)']);
  });
});

describe('lab f: lifecycle and window rules', () => {
  const create = (work: BackupClient, name: string, rule: Record<string, unknown>) =>
    work.send(new CreateBackupPlanCommand({ BackupPlan: { BackupPlanName: name, Rules: [{ RuleName: name, TargetBackupVaultName: 'Default', ...rule }] } }));

  it('answers with AWS’s messages for a lifecycle or a window it refuses', async () => {
    const { work } = lab();
    const tooClose = await refused(create(work, 'cold-100', { Lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 100 } }));
    expectAwsError(
      tooClose,
      'InvalidParameterValueException',
      'Error in rule cold-100 : Invalid lifecycle. DeleteAfterDays cannot be less than 90 days apart from MoveToColdStorageAfterDays',
      'plan.lifecycle-cold',
    );
    // Exactly 90 days apart is enough.
    await create(work, 'cold-120', { Lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 120 } });

    const continuousCold = await refused(
      create(work, 'pitr-cold', { EnableContinuousBackup: true, Lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 35 } }),
    );
    expectAwsError(
      continuousCold,
      'InvalidParameterValueException',
      'Error in rule pitr-cold : Invalid lifecycle. MoveToColdStorageAfterDays is unavailable',
      'plan.continuous',
    );
    await create(work, 'pitr', { EnableContinuousBackup: true, Lifecycle: { DeleteAfterDays: 35 } });

    const shortWindow = await refused(create(work, 'hasty', { StartWindowMinutes: 30 }));
    expectAwsError(shortWindow, 'InvalidParameterValueException', /^Error in rule hasty : StartWindowMinutes must be at least 60/, 'plan.windows');
    await create(work, 'patient', { StartWindowMinutes: 60 });
  });
});

describe('lab g: restore', () => {
  it('restores a recovery point into a new resource and bills the restored GB', async () => {
    const l = lab();
    const { work, router, sb } = l;
    const fileSystem = firstResource(router, 'EFS');
    const point = await backupNow(l, work, 'Default', fileSystem.ResourceArn);

    const { RestoreJobId } = await work.send(
      new StartRestoreJobCommand({
        RecoveryPointArn: point,
        IamRoleArn: WORK_ROLE,
        Metadata: { 'file-system-id': fileSystem.ResourceArn.split('/').pop() ?? '', newFileSystem: 'true', Encrypted: 'false', PerformanceMode: 'generalPurpose', CreationToken: 'lab-g' },
      }),
    );
    expect((await work.send(new DescribeRestoreJobCommand({ RestoreJobId }))).Status).toBe('PENDING');
    sb.advance(12 * HOUR_S);
    const restore = await work.send(new DescribeRestoreJobCommand({ RestoreJobId }));
    expect(restore.Status).toBe('COMPLETED');
    expect(restore.CreatedResourceArn).toMatch(/^arn:aws:elasticfilesystem:us-east-1:222222222222:file-system\/fs-/);
    const created = sandboxView<ResourceView>(router, 'resources').find((r) => r.ResourceArn === restore.CreatedResourceArn);
    expect(created).toMatchObject({ ResourceType: 'EFS', AccountId: WORK_ACCOUNT, Region: 'us-east-1', RestoredFrom: fileSystem.ResourceArn });

    const restoreLines = sb.costs().lines.filter((line) => line.factor === 'restore');
    expect(restoreLines).toHaveLength(1);
    expect(restoreLines[0]).toMatchObject({ accountId: WORK_ACCOUNT, region: 'us-east-1', resourceType: 'EFS', unit: 'GB' });
    expect(restoreLines[0]?.quantity).toBeCloseTo(fileSystem.SizeGb, 6);
    expect(restoreLines[0]?.cost).toBeGreaterThan(0);

    const missing = `arn:aws:backup:us-east-1:${WORK_ACCOUNT}:recovery-point:00000000-0000-0000-0000-000000000000`;
    const notFound = await refused(work.send(new StartRestoreJobCommand({ RecoveryPointArn: missing, Metadata: {}, IamRoleArn: WORK_ROLE })));
    expectAwsError(notFound, 'ResourceNotFoundException', `Recovery point ${missing} not found`, 'input.not-found');
  });
});

describe('lab h: tags on Backup resources', () => {
  it('tags, lists and untags a vault and a plan, and refuses an ARN of another service', async () => {
    const { work, router } = lab();
    const vault = await work.send(new CreateBackupVaultCommand({ BackupVaultName: 'tagged' }));
    const plan = await work.send(new CreateBackupPlanCommand({ BackupPlan: { BackupPlanName: 'tagged', Rules: [dailyRule('tagged')] } }));
    for (const arn of [vault.BackupVaultArn ?? '', plan.BackupPlanArn ?? '']) {
      await work.send(new TagResourceCommand({ ResourceArn: arn, Tags: { team: 'ops', env: 'lab' } }));
      expect((await work.send(new ListTagsCommand({ ResourceArn: arn }))).Tags).toEqual({ team: 'ops', env: 'lab' });
      await work.send(new UntagResourceCommand({ ResourceArn: arn, TagKeyList: ['env'] }));
      expect((await work.send(new ListTagsCommand({ ResourceArn: arn }))).Tags).toEqual({ team: 'ops' });
    }
    const volume = firstResource(router, 'EBS').ResourceArn;
    const notBackup = await refused(work.send(new TagResourceCommand({ ResourceArn: volume, Tags: { team: 'ops' } })));
    expectAwsError(notBackup, 'InvalidParameterValueException', `Only AWS Backup resources can be tagged here, not ${volume}`, 'tags.backup-arns');
  });
});

interface EventView {
  'detail-type': string;
  account: string;
  region: string;
  detail: Record<string, unknown>;
}
interface MetricView {
  Namespace: string;
  MetricName: string;
  Dimensions: { Name: string; Value: string }[];
  Value: number;
}
interface ActivityView {
  eventName: string;
  recipientAccountId: string;
  awsRegion: string;
  requestParameters: Record<string, unknown>;
  errorCode?: string;
  errorMessage?: string;
}

describe('lab i: monitoring', () => {
  it('shows EventBridge events, CloudWatch metrics and the API activity of a scheduled backup', async () => {
    const { work, router, sb } = lab();
    await work.send(new CreateBackupVaultCommand({ BackupVaultName: 'watched' }));
    const plan = await work.send(new CreateBackupPlanCommand({ BackupPlan: { BackupPlanName: 'watched-daily', Rules: [dailyRule('watched')] } }));
    await work.send(
      new CreateBackupSelectionCommand({
        BackupPlanId: plan.BackupPlanId,
        BackupSelection: { SelectionName: 'ebs', IamRoleArn: WORK_ROLE, Resources: ['arn:aws:ec2:*:*:volume/*'] },
      }),
    );
    const failedCall = await refused(work.send(new DescribeBackupVaultCommand({ BackupVaultName: 'no-such-vault' })));
    expect(failedCall.name).toBe('ResourceNotFoundException');
    advanceToDay(sb, 1);

    const volumes = resourcesOf(router, 'EBS');
    const completed = sandboxView<EventView>(router, 'events').filter(
      (e) => e['detail-type'] === 'Backup Job State Change' && e.detail['state'] === 'COMPLETED',
    );
    expect(completed).toHaveLength(volumes.length);
    expect(completed.every((e) => e.account === WORK_ACCOUNT && e.region === 'us-east-1' && e.detail['backupVaultName'] === 'watched')).toBe(true);

    const metric = sandboxView<MetricView>(router, 'metrics').filter(
      (m) => m.MetricName === 'NumberOfBackupJobsCompleted' && m.Dimensions.length === 1 && m.Dimensions[0]?.Name === 'BackupVaultName',
    );
    expect(metric.length).toBeGreaterThan(0);
    expect(metric.every((m) => m.Namespace === 'AWS/Backup' && m.Dimensions[0]?.Value === 'watched')).toBe(true);
    expect(metric.reduce((sum, m) => sum + m.Value, 0)).toBe(volumes.length);

    const activity = sandboxView<ActivityView>(router, 'activity');
    const createPlan = activity.find((a) => a.eventName === 'CreateBackupPlan');
    expect(createPlan).toMatchObject({ recipientAccountId: WORK_ACCOUNT, awsRegion: 'us-east-1' });
    expect(createPlan?.requestParameters['BackupPlan']).toMatchObject({ BackupPlanName: 'watched-daily' });
    expect(createPlan?.errorCode).toBeUndefined();
    const failed = activity.find((a) => a.eventName === 'DescribeBackupVault' && a.errorCode !== undefined);
    expect(failed).toMatchObject({ errorCode: 'ResourceNotFoundException', errorMessage: failedCall.message, requestParameters: { BackupVaultName: 'no-such-vault' } });
  });
});

describe('lab j: filtering the job lists', () => {
  /** Two backups a day apart (different volumes), a copy and a restore of the first; returns the time between. */
  async function twoDays(l: Lab) {
    const { work, router, sb } = l;
    const [first, second] = resourcesOf(router, 'EBS');
    const point = await backupNow(l, work, 'Default', first?.ResourceArn ?? '');
    const west = await l.client('us-west-2', WORK_KEY).send(new CreateBackupVaultCommand({ BackupVaultName: 'dr-west' }));
    await work.send(
      new StartCopyJobCommand({ RecoveryPointArn: point, SourceBackupVaultName: 'Default', DestinationBackupVaultArn: west.BackupVaultArn, IamRoleArn: WORK_ROLE }),
    );
    await work.send(new StartRestoreJobCommand({ RecoveryPointArn: point, IamRoleArn: WORK_ROLE, Metadata: { availabilityZone: 'us-east-1a' } }));
    advanceToDay(sb, 1);
    const between = sb.now();
    sb.advance(HOUR_S);
    await backupNow(l, work, 'Default', second?.ResourceArn ?? '');
    return { between, first: first?.ResourceArn ?? '', second: second?.ResourceArn ?? '' };
  }

  it('filters backup jobs by creation date, state and resource type', async () => {
    const l = lab();
    const { between, first, second } = await twoDays(l);
    const arns = async (input: ListBackupJobsInput) =>
      ((await l.work.send(new ListBackupJobsCommand(input))).BackupJobs ?? []).map((j) => j.ResourceArn);
    expect(await arns({ ByCreatedBefore: between })).toEqual([first]);
    expect(await arns({ ByCreatedAfter: between })).toEqual([second]);
    expect(await arns({ ByState: 'COMPLETED', ByResourceType: 'EBS' })).toHaveLength(2);
  });

  it('filters backup jobs by completion date and account', async () => {
    const l = lab();
    const { between, first, second } = await twoDays(l);
    const arns = async (input: ListBackupJobsInput) =>
      ((await l.work.send(new ListBackupJobsCommand(input))).BackupJobs ?? []).map((j) => j.ResourceArn);
    expect(await arns({ ByCompleteBefore: between })).toEqual([first]);
    expect(await arns({ ByCompleteAfter: between })).toEqual([second]);
    expect(await arns({ ByAccountId: WORK_ACCOUNT })).toHaveLength(2);
    expect(await arns({ ByAccountId: MGMT_ACCOUNT })).toEqual([]);
  });

  it('filters copy jobs by date and resource type', async () => {
    const l = lab();
    const { between } = await twoDays(l);
    const count = async (input: ListCopyJobsInput) => ((await l.work.send(new ListCopyJobsCommand(input))).CopyJobs ?? []).length;
    expect(await count({})).toBe(1);
    expect(await count({ ByCreatedAfter: between })).toBe(0);
    expect(await count({ ByCompleteAfter: between })).toBe(0);
    expect(await count({ ByResourceType: 'RDS' })).toBe(0);
    expect(await count({ ByResourceType: 'EBS', ByCreatedBefore: between })).toBe(1);
  });

  it('filters restore jobs by date', async () => {
    const l = lab();
    const { between } = await twoDays(l);
    const count = async (input: ListRestoreJobsInput) =>
      ((await l.work.send(new ListRestoreJobsCommand(input))).RestoreJobs ?? []).length;
    expect(await count({})).toBe(1);
    expect(await count({ ByCreatedAfter: between })).toBe(0);
    expect(await count({ ByCompleteAfter: between })).toBe(0);
    expect(await count({ ByCreatedBefore: between, ByStatus: 'COMPLETED' })).toBe(1);
    expect(await count({ ByAccountId: MGMT_ACCOUNT })).toBe(0);
  });
});

describe('lab k: full and incremental backups', () => {
  it('makes the next backup incremental while an earlier recovery point of the resource is in the vault', async () => {
    const l = lab();
    const volume = firstResource(l.router, 'EBS').ResourceArn;
    const full = await backupJob(l, l.work, 'Default', volume);
    l.sb.advance(DAY_S);
    const incremental = await backupJob(l, l.work, 'Default', volume);
    expect(runMinutes(incremental)).toBeLessThan(runMinutes(full));
  });

  it('makes a full backup again once every earlier recovery point of the resource in the vault is gone', async () => {
    const l = lab();
    const volume = firstResource(l.router, 'EBS').ResourceArn;
    const first = await backupJob(l, l.work, 'Default', volume, { DeleteAfterDays: 1 });
    l.sb.advance(2 * DAY_S);
    const points = (await l.work.send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: 'Default', ByResourceArn: volume }))).RecoveryPoints;
    expect(points).toEqual([]);
    const again = await backupJob(l, l.work, 'Default', volume);
    expect(runMinutes(again)).toBe(runMinutes(first));
  });
});
