/**
 * Backup, copy and restore jobs and the recovery points they make, with their
 * state machines on the simulated clock:
 * backup CREATED -> RUNNING -> COMPLETED | FAILED | ABORTED, or EXPIRED when it
 * cannot start within its start window; copy CREATED -> RUNNING -> COMPLETED |
 * FAILED; restore PENDING -> RUNNING -> COMPLETED. Recovery points go from
 * warm to cold and are deleted by their lifecycle.
 */
import type { ApiInput } from '../api.ts';
import {
  clean,
  date,
  DAY,
  fail,
  findVault,
  MINUTE,
  optDate,
  optInt,
  optObject,
  optString,
  optStringMap,
  paginate,
  reqString,
  type Ctx,
  type Handler,
} from '../context.ts';
import { hashUnit, nextHex, nextUuid } from '../ids.ts';
import type {
  BackupJob,
  CopyAction,
  CopyJob,
  Lifecycle,
  Plan,
  RecoveryPoint,
  Resource,
  ResourceType,
  RestoreJob,
  Vault,
} from '../model.ts';
import type { RuleId } from '../rules.ts';
import { nextOccurrence, parseSchedule } from '../schedule.ts';
import { assignmentsForPlan } from '../selection-match.ts';
import { resourceArn } from '../world.ts';
import { currentVersion, DEFAULT_START_WINDOW, readLifecycle } from './plans.ts';
import { checkVaultPolicy } from './vaults.ts';
import { evaluatePolicy } from '../policy.ts';
import { quota, quotaValue } from '../quotas.ts';

/** Types whose backups can move to cold storage in this sandbox (DynamoDB only with advanced features). */
export function supportsCold(r: { type: ResourceType; advanced?: boolean }): boolean {
  return r.type === 'EFS' || r.type === 'EBS' || (r.type === 'DynamoDB' && r.advanced === true);
}

/** Types with continuous backup (point-in-time recovery) in this sandbox. */
export function supportsContinuous(type: ResourceType): boolean {
  return type === 'RDS' || type === 'S3';
}

const GB = 1024 ** 3;
/** Backup and copy jobs are listed for 30 days (ListBackupJobs: "for the last 30 days"). */
export const JOB_HISTORY_MS = 30 * DAY;

// --- helpers ----------------------------------------------------------------

/**
 * Composite keys made once and kept: a long run asks for the same few thousand keys
 * hundreds of thousands of times, and a kept string is hashed once.
 */
const keyCache = new Map<string, Map<string, string>>();
function pairKey(a: string, b: string): string {
  let inner = keyCache.get(a);
  if (!inner) keyCache.set(a, (inner = new Map()));
  let key = inner.get(b);
  if (key === undefined) inner.set(b, (key = `${a}|${b}`));
  return key;
}

/** `vaultArn|resourceArn`: a backup chain. */
function chainKeyOf(vaultArn: string, resourceArn: string): string {
  return pairKey(vaultArn, resourceArn);
}

/** `account|region|resourceType`: a usage total. */
function usageKey(accountId: string, region: string, type: string): string {
  return pairKey(pairKey(accountId, region), type);
}

function vaultByArn(c: Ctx, arn: string): Vault | undefined {
  return c.state.vaults.find((v) => v.BackupVaultArn === arn);
}

function resourceByArn(c: Ctx, arn: string): Resource | undefined {
  return c.services.resource(arn);
}

/** Whether the vault already holds as many recovery points as its quota allows (counted only when it could). */
function vaultFull(c: Ctx, vault: Vault): string | undefined {
  if (c.state.recoveryPoints.size < quotaValue(c.state, 'recoveryPointsPerVault')) return undefined;
  const limit = quota(c.state, 'recoveryPointsPerVault');
  let n = 0;
  for (const rp of c.state.recoveryPoints.values()) if (rp.BackupVaultArn === vault.BackupVaultArn) n++;
  return n >= limit.value ? `vault ${vault.BackupVaultName} is full. ${limit.message(n)}` : undefined;
}

function retentionProblem(vault: Vault, lifecycle: Lifecycle | undefined): string | undefined {
  const lock = vault.lock;
  if (!lock) return undefined;
  const days = lifecycle?.DeleteAfterDays;
  if (lock.MinRetentionDays !== undefined && (days !== undefined && days < lock.MinRetentionDays))
    return `the retention period (${days} days) is shorter than the vault lock's minimum retention (${lock.MinRetentionDays} days) of vault ${vault.BackupVaultName}`;
  if (lock.MaxRetentionDays !== undefined && (days === undefined || days > lock.MaxRetentionDays))
    return `the retention period (${days === undefined ? 'indefinite' : `${days} days`}) is longer than the vault lock's maximum retention (${lock.MaxRetentionDays} days) of vault ${vault.BackupVaultName}`;
  return undefined;
}

/** CloudWatch metric counted when a backup job enters a state (AWS/Backup namespace). */
const BACKUP_JOB_METRIC: Partial<Record<BackupJob['State'], string>> = {
  CREATED: 'NumberOfBackupJobsCreated',
  RUNNING: 'NumberOfBackupJobsRunning',
  COMPLETED: 'NumberOfBackupJobsCompleted',
  FAILED: 'NumberOfBackupJobsFailed',
  EXPIRED: 'NumberOfBackupJobsExpired',
  ABORTED: 'NumberOfBackupJobsAborted',
};

// Events are made by the million in a long run: the SNS message text is only built for a vault that subscribes.
function backupJobEvent(c: Ctx, job: BackupJob, vault: Vault | undefined): void {
  const metricName = BACKUP_JOB_METRIC;
  const ended = ['COMPLETED', 'FAILED', 'EXPIRED', 'ABORTED'].includes(job.State);
  const vaultEvent = job.State === 'RUNNING' ? 'BACKUP_JOB_STARTED' : ended ? 'BACKUP_JOB_COMPLETED' : undefined;
  const name = metricName[job.State];
  c.services.emit({
    account: job.accountId,
    region: job.region,
    detailType: 'Backup Job State Change',
    resource: job.ResourceArn,
    detail: ({
      backupJobId: job.BackupJobId,
      backupVaultArn: job.BackupVaultArn,
      backupVaultName: job.BackupVaultName,
      resourceArn: job.ResourceArn,
      resourceType: job.ResourceType,
      iamRoleArn: job.IamRoleArn,
      state: job.State,
      statusMessage: job.StatusMessage,
      creationDate: job.CreationDate,
      startBy: job.StartBy,
      completionDate: job.CompletionDate,
      backupSizeInBytes: job.BackupSizeInBytes,
      recoveryPointArn: job.RecoveryPointArn,
      percentDone: job.State === 'COMPLETED' ? '100.0' : '0.0',
    }),
    vaultEvent:
      vault?.notifications && vaultEvent
        ? { vault, event: vaultEvent, message: `Backup job ${job.BackupJobId} for ${job.ResourceArn} is ${job.State}${job.StatusMessage ? `: ${job.StatusMessage}` : ''}` }
        : undefined,
    metric: name ? { name, vaultName: job.BackupVaultName, resourceType: job.ResourceType } : undefined,
  });
}

function endBackupJob(c: Ctx, job: BackupJob, state: 'FAILED' | 'EXPIRED' | 'ABORTED', message: string, ruleId: RuleId): void {
  if (c.services.busy.get(job.ResourceArn) === job.BackupJobId) c.services.busy.delete(job.ResourceArn);
  job.State = state;
  job.StatusMessage = message;
  job.ruleId = ruleId;
  job.CompletionDate = c.now;
  job.wakeAt = undefined;
  backupJobEvent(c, job, vaultByArn(c, job.BackupVaultArn));
}

interface NewBackupJob {
  vault: Vault;
  resource: Resource;
  iamRoleArn: string;
  scheduledAt: number;
  startWindowMinutes: number;
  completionWindowMinutes?: number;
  lifecycle?: Lifecycle;
  recoveryPointTags?: Record<string, string>;
  copyActions?: CopyAction[];
  continuous?: boolean;
  createdBy?: BackupJob['CreatedBy'];
  idempotencyToken?: string;
}

/** Creates a backup job (CREATED) and wakes it when it may start: within an hour, well inside its start window. */
export function createBackupJob(c: Ctx, n: NewBackupJob): BackupJob {
  const id = nextUuid(c.state);
  const startBy = n.scheduledAt + n.startWindowMinutes * MINUTE;
  const completeBy = n.completionWindowMinutes === undefined ? Number.MAX_SAFE_INTEGER : n.scheduledAt + n.completionWindowMinutes * MINUTE;
  const delay = Math.floor(hashUnit(id) * Math.min(60, n.startWindowMinutes)) * MINUTE;
  // No clean() in the hot paths: undefined members vanish when saved, and copying costs a year of jobs dearly.
  const job: BackupJob = ({
    BackupJobId: id,
    accountId: n.vault.accountId,
    region: n.vault.region,
    BackupVaultName: n.vault.BackupVaultName,
    BackupVaultArn: n.vault.BackupVaultArn,
    ResourceArn: n.resource.arn,
    ResourceType: n.resource.type,
    ResourceName: n.resource.name,
    IamRoleArn: n.iamRoleArn,
    State: 'CREATED' as const,
    CreationDate: c.now,
    StartBy: startBy,
    CompleteBy: completeBy,
    Lifecycle: n.lifecycle,
    RecoveryPointTags: n.recoveryPointTags,
    CopyActions: n.copyActions,
    continuous: n.continuous || undefined,
    CreatedBy: n.createdBy,
    IdempotencyToken: n.idempotencyToken,
    wakeAt: Math.max(c.now, n.scheduledAt) + delay,
  });
  c.state.backupJobs.set(id, job);
  c.services.schedule('backup-job', id, job.wakeAt as number);
  backupJobEvent(c, job, n.vault);
  return job;
}

function recoveryPointArn(c: Ctx, type: ResourceType, accountId: string, region: string, jobId: string): string {
  switch (type) {
    case 'EBS':
      return `arn:aws:ec2:${region}::snapshot/snap-${nextHex(c.state, 17)}`;
    case 'EC2':
      return `arn:aws:ec2:${region}::image/ami-${nextHex(c.state, 17)}`;
    case 'RDS':
      return `arn:aws:rds:${region}:${accountId}:snapshot:awsbackup:job-${jobId}`;
    default:
      return `arn:aws:backup:${region}:${accountId}:recovery-point:${nextUuid(c.state).toUpperCase()}`;
  }
}

/** When a recovery point next changes by itself: moves to cold, is deleted, or finishes deleting. */
export function recoveryPointWake(rp: RecoveryPoint, coldCapable: boolean): number | undefined {
  if (rp.Status === 'DELETING') return rp.purgeAt;
  if (rp.continuous) return undefined;
  const lc = rp.Lifecycle;
  if (!lc) return undefined;
  let at = Infinity;
  if (coldCapable && rp.StorageClass === 'WARM' && lc.MoveToColdStorageAfterDays !== undefined)
    at = rp.CreationDate + lc.MoveToColdStorageAfterDays * DAY;
  if (lc.DeleteAfterDays !== undefined) at = Math.min(at, rp.CreationDate + lc.DeleteAfterDays * DAY);
  return at === Infinity ? undefined : Math.max(at, rp.CompletionDate);
}

function scheduleRecoveryPoint(c: Ctx, rp: RecoveryPoint): void {
  const at = recoveryPointWake(rp, coldCapableRp(c, rp));
  if (at !== undefined) c.services.schedule('recovery-point', rp.RecoveryPointArn, at);
}

function coldCapableRp(c: Ctx, rp: RecoveryPoint): boolean {
  const r = resourceByArn(c, rp.ResourceArn);
  return r ? supportsCold(r) : rp.ResourceType === 'EFS' || rp.ResourceType === 'EBS';
}

function recoveryPointEvent(c: Ctx, rp: RecoveryPoint, detailType: string, status: string, metric?: string, vaultEvent?: string): void {
  const vault = vaultByArn(c, rp.BackupVaultArn);
  c.services.emit({
    account: rp.accountId,
    region: rp.region,
    detailType,
    resource: rp.RecoveryPointArn,
    detail: {
      backupVaultName: rp.BackupVaultName,
      recoveryPointArn: rp.RecoveryPointArn,
      resourceArn: rp.ResourceArn,
      resourceType: rp.ResourceType,
      status,
      storageClass: rp.StorageClass,
    },
    metric: metric ? { name: metric, vaultName: rp.BackupVaultName, resourceType: rp.ResourceType } : undefined,
    vaultEvent: vault?.notifications && vaultEvent ? { vault, event: vaultEvent, message: `Recovery point ${rp.RecoveryPointArn} is ${status}` } : undefined,
  });
}

/** Adds the storage a recovery point used to the usage totals (when it leaves). */
function settleStorage(c: Ctx, rp: RecoveryPoint, end: number): void {
  const key = usageKey(rp.accountId, rp.region, rp.ResourceType);
  const u = c.state.usage;
  const warmEnd = rp.coldSince ?? end;
  u.warmGbMs[key] = (u.warmGbMs[key] ?? 0) + rp.storedGb * Math.max(0, warmEnd - rp.CompletionDate);
  if (rp.coldSince !== undefined) {
    // Cold storage is billed for at least 90 days, even when deleted earlier.
    const coldMs = Math.max(end - rp.coldSince, 90 * DAY);
    u.coldGbMs[key] = (u.coldGbMs[key] ?? 0) + rp.storedGb * coldMs;
  }
}

function removeRecoveryPoint(c: Ctx, rp: RecoveryPoint): void {
  settleStorage(c, rp, c.now);
  const chainKey = chainKeyOf(rp.BackupVaultArn, rp.ResourceArn);
  const chain = c.state.chains.get(chainKey);
  if (chain && --chain.count <= 0) c.state.chains.delete(chainKey);
  c.state.recoveryPoints.delete(rp.RecoveryPointArn);
  delete c.state.tags[rp.RecoveryPointArn];
}

interface NewRecoveryPoint {
  vault: Vault;
  resource: { arn: string; type: ResourceType; name: string };
  iamRoleArn: string;
  creationDate: number;
  sizeGb: number;
  storedGb: number;
  lifecycle?: Lifecycle;
  tags?: Record<string, string>;
  createdBy?: RecoveryPoint['CreatedBy'];
  sourceVaultArn?: string;
  continuous?: boolean;
  jobId: string;
}

function createRecoveryPoint(c: Ctx, n: NewRecoveryPoint): RecoveryPoint {
  const arn = recoveryPointArn(c, n.resource.type, n.vault.accountId, n.vault.region, n.jobId);
  const rp: RecoveryPoint = ({
    RecoveryPointArn: arn,
    accountId: n.vault.accountId,
    region: n.vault.region,
    BackupVaultName: n.vault.BackupVaultName,
    BackupVaultArn: n.vault.BackupVaultArn,
    SourceBackupVaultArn: n.sourceVaultArn,
    ResourceArn: n.resource.arn,
    ResourceType: n.resource.type,
    ResourceName: n.resource.name,
    IamRoleArn: n.iamRoleArn,
    Status: 'COMPLETED' as const,
    CreationDate: n.creationDate,
    CompletionDate: c.now,
    BackupSizeInBytes: Math.round(n.sizeGb * GB),
    storedGb: n.storedGb,
    Lifecycle: n.lifecycle,
    EncryptionKeyArn: n.vault.EncryptionKeyArn,
    StorageClass: 'WARM' as const,
    CreatedBy: n.createdBy,
    continuous: n.continuous || undefined,
  });
  c.state.recoveryPoints.set(arn, rp);
  const chainKey = chainKeyOf(n.vault.BackupVaultArn, n.resource.arn);
  const chain = c.state.chains.get(chainKey);
  if (chain) {
    chain.last = c.now;
    chain.count += 1;
  } else c.state.chains.set(chainKey, { last: c.now, count: 1 });
  if (n.tags && Object.keys(n.tags).length > 0) c.state.tags[arn] = { ...n.tags };
  scheduleRecoveryPoint(c, rp);
  recoveryPointEvent(c, rp, 'Recovery Point Change', 'COMPLETED', 'NumberOfRecoveryPointsCompleted');
  return rp;
}

function runMinutes(sizeGb: number, full: boolean): number {
  return Math.ceil(full ? 5 + sizeGb * 0.5 : 2 + sizeGb * 0.05);
}

/** Moves a backup job along: start (or wait, or expire), then finish. */
export function wakeBackupJob(c: Ctx, job: BackupJob): void {
  job.wakeAt = undefined;
  if (job.State === 'CREATED') {
    if (c.now > job.StartBy) {
      const blocker = c.services.busy.get(job.ResourceArn);
      if (blocker !== undefined && blocker !== job.BackupJobId)
        endBackupJob(
          c,
          job,
          'EXPIRED',
          `The backup job could not start within its start window: backup job ${blocker} was still running on this resource`,
          'job.one-per-resource',
        );
      else endBackupJob(c, job, 'EXPIRED', 'The backup job could not start within its start window', 'job.window');
      return;
    }
    const busyWith = c.services.busy.get(job.ResourceArn);
    if (busyWith !== undefined && busyWith !== job.BackupJobId) {
      // One backup or copy job per resource at a time; AWS retries at least every 10 minutes within the start window.
      const retry = c.now + 10 * MINUTE;
      if (retry > job.StartBy) {
        job.wakeAt = job.StartBy + 1;
      } else {
        job.wakeAt = retry;
      }
      c.services.schedule('backup-job', job.BackupJobId, job.wakeAt);
      return;
    }
    const vault = vaultByArn(c, job.BackupVaultArn);
    const resource = resourceByArn(c, job.ResourceArn);
    if (!vault) return endBackupJob(c, job, 'FAILED', `Backup vault ${job.BackupVaultName} does not exist`, 'input.not-found');
    if (!resource) return endBackupJob(c, job, 'FAILED', `Resource ${job.ResourceArn} no longer exists`, 'job.resource');
    const problem = retentionProblem(vault, job.Lifecycle);
    if (problem) return endBackupJob(c, job, 'FAILED', `Backup job failed: ${problem}`, 'lock.job-retention');
    const vaultIsFull = vaultFull(c, vault);
    if (vaultIsFull) return endBackupJob(c, job, 'FAILED', `Backup job failed: ${vaultIsFull}`, 'vault.recovery-point-quota');
    const full = !c.state.chains.has(chainKeyOf(vault.BackupVaultArn, resource.arn));
    job.State = 'RUNNING';
    job.StartedAt = c.now;
    job.ExpectedCompletionDate = c.now + runMinutes(resource.sizeGb, full) * MINUTE;
    c.services.busy.set(job.ResourceArn, job.BackupJobId);
    job.wakeAt = Math.min(job.ExpectedCompletionDate, job.CompleteBy);
    c.services.schedule('backup-job', job.BackupJobId, job.wakeAt);
    backupJobEvent(c, job, vault);
    return;
  }
  if (job.State === 'RUNNING' || job.State === 'ABORTING') {
    if (job.State === 'ABORTING') return endBackupJob(c, job, 'ABORTED', 'The backup job was stopped by a StopBackupJob request', 'job.stop');
    if ((job.ExpectedCompletionDate ?? c.now) > job.CompleteBy)
      return endBackupJob(c, job, 'ABORTED', 'The backup job did not complete within its completion window', 'job.window');
    finishBackupJob(c, job);
  }
}

function finishBackupJob(c: Ctx, job: BackupJob): void {
  const vault = vaultByArn(c, job.BackupVaultArn);
  const resource = resourceByArn(c, job.ResourceArn);
  if (!vault || !resource) return endBackupJob(c, job, 'FAILED', 'The vault or the resource went away during the backup', 'input.not-found');
  if (c.services.busy.get(job.ResourceArn) === job.BackupJobId) c.services.busy.delete(job.ResourceArn);
  const key = chainKeyOf(vault.BackupVaultArn, resource.arn);
  const last = c.state.chains.get(key)?.last;
  // The first backup of a resource in a vault is full; later ones store only what changed (about 2% a day, at least 1%).
  const changed = last === undefined ? 1 : Math.min(1, Math.max(0.01, ((c.now - last) / DAY) * 0.02));
  const storedGb = resource.sizeGb * changed;
  const rp = createRecoveryPoint(c, {
    vault,
    resource,
    iamRoleArn: job.IamRoleArn,
    creationDate: job.StartedAt ?? c.now,
    sizeGb: resource.sizeGb,
    storedGb,
    lifecycle: job.Lifecycle,
    tags: job.RecoveryPointTags,
    createdBy: job.CreatedBy,
    continuous: job.continuous,
    jobId: job.BackupJobId,
  });
  job.State = 'COMPLETED';
  job.CompletionDate = c.now;
  job.BackupSizeInBytes = rp.BackupSizeInBytes;
  job.RecoveryPointArn = rp.RecoveryPointArn;
  backupJobEvent(c, job, vault);
  for (const action of job.CopyActions ?? []) {
    createCopyJob(c, {
      source: rp,
      destinationArn: action.DestinationBackupVaultArn,
      iamRoleArn: job.IamRoleArn,
      lifecycle: action.Lifecycle ?? job.Lifecycle,
      createdBy: job.CreatedBy,
    });
  }
}

// --- copy jobs --------------------------------------------------------------

function copyJobEvent(c: Ctx, job: CopyJob): void {
  const metric: Partial<Record<CopyJob['State'], string>> = {
    CREATED: 'NumberOfCopyJobsCreated',
    RUNNING: 'NumberOfCopyJobsRunning',
    COMPLETED: 'NumberOfCopyJobsCompleted',
    FAILED: 'NumberOfCopyJobsFailed',
  };
  const vaultEvent: Partial<Record<CopyJob['State'], string>> = {
    RUNNING: 'COPY_JOB_STARTED',
    COMPLETED: 'COPY_JOB_SUCCESSFUL',
    FAILED: 'COPY_JOB_FAILED',
  };
  const source = vaultByArn(c, job.SourceBackupVaultArn);
  const name = metric[job.State];
  const ev = vaultEvent[job.State];
  const destName = job.DestinationBackupVaultArn.split(':').pop() ?? '';
  c.services.emit({
    account: job.accountId,
    region: job.region,
    detailType: 'Copy Job State Change',
    resource: job.SourceRecoveryPointArn,
    detail: ({
      copyJobId: job.CopyJobId,
      sourceBackupVaultArn: job.SourceBackupVaultArn,
      sourceRecoveryPointArn: job.SourceRecoveryPointArn,
      destinationBackupVaultArn: job.DestinationBackupVaultArn,
      destinationRecoveryPointArn: job.DestinationRecoveryPointArn,
      resourceArn: job.ResourceArn,
      resourceType: job.ResourceType,
      state: job.State,
      statusMessage: job.StatusMessage,
      backupSizeInBytes: Math.round(job.BackupSizeInBytes),
    }),
    metric: name ? { name, vaultName: destName, resourceType: job.ResourceType } : undefined,
    vaultEvent: source?.notifications && ev ? { vault: source, event: ev, message: `Copy job ${job.CopyJobId} to ${job.DestinationBackupVaultArn} is ${job.State}${job.StatusMessage ? `: ${job.StatusMessage}` : ''}` } : undefined,
  });
}

interface NewCopyJob {
  source: RecoveryPoint;
  destinationArn: string;
  iamRoleArn: string;
  lifecycle?: Lifecycle;
  createdBy?: CopyJob['CreatedBy'];
}

function createCopyJob(c: Ctx, n: NewCopyJob): CopyJob {
  const id = nextUuid(c.state);
  const job: CopyJob = ({
    CopyJobId: id,
    accountId: n.source.accountId,
    region: n.source.region,
    SourceBackupVaultArn: n.source.BackupVaultArn,
    SourceRecoveryPointArn: n.source.RecoveryPointArn,
    DestinationBackupVaultArn: n.destinationArn,
    ResourceArn: n.source.ResourceArn,
    ResourceType: n.source.ResourceType,
    ResourceName: n.source.ResourceName,
    IamRoleArn: n.iamRoleArn,
    State: 'CREATED' as const,
    CreationDate: c.now,
    BackupSizeInBytes: n.source.BackupSizeInBytes,
    Lifecycle: n.lifecycle,
    CreatedBy: n.createdBy,
    wakeAt: c.now + 5 * MINUTE,
  });
  c.state.copyJobs.set(id, job);
  c.services.schedule('copy-job', id, job.wakeAt as number);
  copyJobEvent(c, job);
  return job;
}

function failCopy(c: Ctx, job: CopyJob, message: string, ruleId: RuleId): void {
  job.State = 'FAILED';
  job.StatusMessage = message;
  job.ruleId = ruleId;
  job.CompletionDate = c.now;
  job.wakeAt = undefined;
  copyJobEvent(c, job);
}

/** Why a copy into `dest` from `source` cannot happen, if it cannot. */
function copyProblem(c: Ctx, source: RecoveryPoint, destArn: string, lifecycle: Lifecycle | undefined): { message: string; rule: RuleId } | undefined {
  const dest = vaultByArn(c, destArn);
  if (!dest) return { message: `Destination backup vault ${destArn} does not exist`, rule: 'copy.destination' };
  if (dest.accountId !== source.accountId) {
    if (!c.state.settings.crossAccountBackupEnabled)
      return {
        message: 'Cross-account backup is not enabled for the organization (UpdateGlobalSettings isCrossAccountBackupEnabled in the management account)',
        rule: 'copy.cross-account',
      };
    if (evaluatePolicy(dest.policy, 'backup:CopyIntoBackupVault', source.accountId) !== 'allow')
      return {
        message: `The access policy of destination vault ${dest.BackupVaultName} does not allow backup:CopyIntoBackupVault from account ${source.accountId}`,
        rule: 'copy.cross-account',
      };
  }
  if (evaluatePolicy(dest.policy, 'backup:CopyIntoBackupVault', source.accountId) === 'deny')
    return { message: `The access policy of vault ${dest.BackupVaultName} denies backup:CopyIntoBackupVault`, rule: 'vault.access-policy' };
  const problem = retentionProblem(dest, lifecycle);
  if (problem) return { message: `Copy job failed: ${problem}`, rule: 'lock.job-retention' };
  const full = vaultFull(c, dest);
  if (full) return { message: `Copy job failed: ${full}`, rule: 'vault.recovery-point-quota' };
  return undefined;
}

export function wakeCopyJob(c: Ctx, job: CopyJob): void {
  job.wakeAt = undefined;
  const source = c.state.recoveryPoints.get(job.SourceRecoveryPointArn);
  if (job.State === 'CREATED') {
    if (!source || source.Status === 'DELETING') return failCopy(c, job, 'The source recovery point no longer exists', 'input.not-found');
    const problem = copyProblem(c, source, job.DestinationBackupVaultArn, job.Lifecycle);
    if (problem) return failCopy(c, job, problem.message, problem.rule);
    job.State = 'RUNNING';
    const gb = source.storedGb;
    job.wakeAt = c.now + Math.ceil(5 + gb * 0.1) * MINUTE;
    c.services.schedule('copy-job', job.CopyJobId, job.wakeAt);
    copyJobEvent(c, job);
    return;
  }
  if (job.State !== 'RUNNING') return;
  const dest = vaultByArn(c, job.DestinationBackupVaultArn);
  if (!source || !dest) return failCopy(c, job, 'The source recovery point or the destination vault went away during the copy', 'copy.destination');
  const key = chainKeyOf(dest.BackupVaultArn, source.ResourceArn);
  const first = !c.state.chains.has(key);
  const storedGb = first ? source.BackupSizeInBytes / GB : source.storedGb;
  if (dest.region !== source.region) {
    const k = `${source.accountId}|${source.region}`;
    c.state.usage.transferGb[k] = (c.state.usage.transferGb[k] ?? 0) + storedGb;
  }
  const rp = createRecoveryPoint(c, {
    vault: dest,
    resource: { arn: source.ResourceArn, type: source.ResourceType, name: source.ResourceName },
    iamRoleArn: job.IamRoleArn,
    // A copy keeps the creation date of its source, so its lifecycle counts from there.
    creationDate: source.CreationDate,
    sizeGb: source.BackupSizeInBytes / GB,
    storedGb,
    lifecycle: job.Lifecycle,
    tags: c.state.tags[source.RecoveryPointArn],
    createdBy: job.CreatedBy,
    sourceVaultArn: source.BackupVaultArn,
    jobId: job.CopyJobId,
  });
  job.State = 'COMPLETED';
  job.CompletionDate = c.now;
  job.DestinationRecoveryPointArn = rp.RecoveryPointArn;
  copyJobEvent(c, job);
}

// --- recovery points over time ----------------------------------------------

export function wakeRecoveryPoint(c: Ctx, rp: RecoveryPoint): void {
  if (rp.Status === 'DELETING') {
    if (rp.purgeAt !== undefined && c.now >= rp.purgeAt) {
      removeRecoveryPoint(c, rp);
      recoveryPointEvent(c, rp, 'Recovery Point State Change', 'DELETED');
    }
    return;
  }
  const lc = rp.Lifecycle;
  if (lc?.DeleteAfterDays !== undefined && c.now >= rp.CreationDate + lc.DeleteAfterDays * DAY) {
    removeRecoveryPoint(c, rp);
    recoveryPointEvent(c, rp, 'Recovery Point State Change', 'DELETED', 'NumberOfRecoveryPointsExpired');
    return;
  }
  if (
    rp.StorageClass === 'WARM' &&
    lc?.MoveToColdStorageAfterDays !== undefined &&
    c.now >= rp.CreationDate + lc.MoveToColdStorageAfterDays * DAY &&
    coldCapableRp(c, rp)
  ) {
    rp.StorageClass = 'COLD';
    rp.coldSince = c.now;
    recoveryPointEvent(c, rp, 'Recovery Point State Change', 'COMPLETED', 'NumberOfRecoveryPointsCold', 'RECOVERY_POINT_MODIFIED');
  }
  scheduleRecoveryPoint(c, rp);
}

// --- plan rules -------------------------------------------------------------

/** Runs every rule of the plan that is due now, and schedules each one's next run. */
export function runPlanRules(c: Ctx, plan: Plan): void {
  if (plan.DeletionDate !== undefined) return;
  const version = currentVersion(plan);
  const due = version.Rules.filter((r) => {
    const at = plan.nextRun[r.RuleId];
    return at !== undefined && at !== null && at <= c.now;
  });
  if (due.length === 0) return;
  const assignments = assignmentsForPlan(c.state, plan.BackupPlanId, plan.accountId, plan.region);
  // Two rules due at once for a resource: AWS takes one backup, for the rule with the longer retention.
  const byRetention = [...due].sort(
    (a, b) => (b.Lifecycle?.DeleteAfterDays ?? Number.MAX_SAFE_INTEGER) - (a.Lifecycle?.DeleteAfterDays ?? Number.MAX_SAFE_INTEGER),
  );
  const winner = byRetention[0];
  for (const r of due) {
    const scheduledAt = plan.nextRun[r.RuleId] as number;
    plan.nextRun[r.RuleId] = nextOccurrence(parseSchedule(r.ScheduleExpression), c.now, plan.CreationDate);
    const next = plan.nextRun[r.RuleId];
    if (next !== null && next !== undefined) c.services.schedule('plan-rule', plan.BackupPlanId, next);
    if (r !== winner) continue;
    const vault = c.state.vaults.find(
      (v) => v.BackupVaultName === r.TargetBackupVaultName && v.accountId === plan.accountId && v.region === plan.region,
    );
    plan.LastExecutionDate = c.now;
    // One CreatedBy for every job of this run (they are the same; a year of jobs need not hold a copy each).
    const createdBy = { BackupPlanId: plan.BackupPlanId, BackupPlanArn: plan.BackupPlanArn, BackupPlanVersion: version.VersionId, BackupRuleId: r.RuleId };
    for (const { resource, selection } of assignments) {
      const continuous = r.EnableContinuousBackup === true && supportsContinuous(resource.type);
      if (continuous && vault) {
        const existing = [...c.state.recoveryPoints.values()].find(
          (p) => p.continuous && p.BackupVaultArn === vault.BackupVaultArn && p.ResourceArn === resource.arn && p.Status === 'COMPLETED',
        );
        if (existing) {
          existing.CompletionDate = c.now;
          continue;
        }
      }
      const targetVault: Vault =
        vault ??
        ({
          BackupVaultName: r.TargetBackupVaultName,
          BackupVaultArn: `arn:aws:backup:${plan.region}:${plan.accountId}:backup-vault:${r.TargetBackupVaultName}`,
          accountId: plan.accountId,
          region: plan.region,
          EncryptionKeyArn: '',
          CreationDate: 0,
          kind: 'custom',
        } satisfies Vault);
      createBackupJob(c, {
        vault: targetVault,
        resource,
        iamRoleArn: selection.IamRoleArn,
        scheduledAt,
        startWindowMinutes: r.StartWindowMinutes,
        completionWindowMinutes: r.CompletionWindowMinutes,
        lifecycle: r.Lifecycle,
        recoveryPointTags: r.RecoveryPointTags,
        copyActions: r.CopyActions,
        continuous,
        createdBy,
      });
    }
  }
}

// --- restore jobs -----------------------------------------------------------

function restoreJobEvent(c: Ctx, job: RestoreJob): void {
  const metric: Partial<Record<RestoreJob['Status'], string>> = {
    PENDING: 'NumberOfRestoreJobsPending',
    RUNNING: 'NumberOfRestoreJobsRunning',
    COMPLETED: 'NumberOfRestoreJobsCompleted',
    FAILED: 'NumberOfRestoreJobsFailed',
  };
  const rp = c.state.recoveryPoints.get(job.RecoveryPointArn);
  const vault = rp ? vaultByArn(c, rp.BackupVaultArn) : undefined;
  const ev = job.Status === 'RUNNING' ? 'RESTORE_JOB_STARTED' : job.Status === 'COMPLETED' || job.Status === 'FAILED' ? 'RESTORE_JOB_COMPLETED' : undefined;
  const name = metric[job.Status];
  c.services.emit({
    account: job.accountId,
    region: job.region,
    detailType: 'Restore Job State Change',
    resource: job.RecoveryPointArn,
    detail: ({
      restoreJobId: job.RestoreJobId,
      recoveryPointArn: job.RecoveryPointArn,
      resourceType: job.ResourceType,
      status: job.Status,
      statusMessage: job.StatusMessage,
      createdResourceArn: job.CreatedResourceArn,
      backupSizeInBytes: job.BackupSizeInBytes,
    }),
    metric: name && rp ? { name, vaultName: rp.BackupVaultName, resourceType: job.ResourceType } : undefined,
    vaultEvent: vault?.notifications && ev ? { vault, event: ev, message: `Restore job ${job.RestoreJobId} is ${job.Status}` } : undefined,
  });
}

export function wakeRestoreJob(c: Ctx, job: RestoreJob): void {
  job.wakeAt = undefined;
  if (job.Status === 'PENDING') {
    job.Status = 'RUNNING';
    job.PercentDone = '0.00%';
    job.wakeAt = c.now + job.ExpectedCompletionTimeMinutes * MINUTE;
    c.services.schedule('restore-job', job.RestoreJobId, job.wakeAt);
    restoreJobEvent(c, job);
    return;
  }
  if (job.Status !== 'RUNNING') return;
  const rp = c.state.recoveryPoints.get(job.RecoveryPointArn);
  if (!rp) {
    job.Status = 'FAILED';
    job.StatusMessage = 'The recovery point was deleted during the restore';
    job.ruleId = 'input.not-found';
    job.CompletionDate = c.now;
    restoreJobEvent(c, job);
    return;
  }
  const original = resourceByArn(c, rp.ResourceArn);
  const count = c.state.resources.filter((r) => r.restoredFrom === rp.ResourceArn).length + 1;
  const name = job.Metadata.newName ?? `${rp.ResourceName}-restored-${count}`;
  const id =
    rp.ResourceType === 'EC2'
      ? `i-${nextHex(c.state, 17)}`
      : rp.ResourceType === 'EBS'
        ? `vol-${nextHex(c.state, 17)}`
        : rp.ResourceType === 'EFS'
          ? `fs-${nextHex(c.state, 17)}`
          : name;
  const resource: Resource = clean({
    arn: resourceArn(rp.ResourceType, rp.accountId, rp.region, id),
    type: rp.ResourceType,
    name,
    accountId: rp.accountId,
    region: rp.region,
    sizeGb: original?.sizeGb ?? rp.BackupSizeInBytes / GB,
    tags: { ...(original?.tags ?? {}), Name: name, 'restored-from': rp.RecoveryPointArn },
    createdAt: c.now,
    restoredFrom: rp.ResourceArn,
    advanced: original?.advanced,
  });
  c.services.addResource(resource);
  const key = usageKey(rp.accountId, rp.region, rp.ResourceType);
  c.state.usage.restoreGb[key] = (c.state.usage.restoreGb[key] ?? 0) + rp.BackupSizeInBytes / GB;
  rp.LastRestoreTime = c.now;
  job.Status = 'COMPLETED';
  job.PercentDone = '100.00%';
  job.CompletionDate = c.now;
  job.CreatedResourceArn = resource.arn;
  restoreJobEvent(c, job);
}

// --- handlers ---------------------------------------------------------------

/** ByCompleteBefore / ByCompleteAfter: a job that has not completed matches neither. */
function completedWithin(done: number | undefined, before: number | undefined, after: number | undefined): boolean {
  if (before === undefined && after === undefined) return true;
  if (done === undefined) return false;
  return (before === undefined || done < before) && (after === undefined || done > after);
}

interface ListedJob {
  accountId: string;
  region: string;
  ResourceType: string;
  CreationDate: number;
  CompletionDate?: number;
}

/**
 * The filters the three job listings share (account, resource type, creation and completion
 * dates), plus the caller's account and Region and the 30 days a finished job stays listed.
 */
function jobListFilter(c: Ctx, input: ApiInput): (j: ListedJob) => boolean {
  const byAccount = optString(input, 'ByAccountId');
  const byType = optString(input, 'ByResourceType');
  const before = optDate(input, 'ByCreatedBefore');
  const after = optDate(input, 'ByCreatedAfter');
  const completeBefore = optDate(input, 'ByCompleteBefore');
  const completeAfter = optDate(input, 'ByCompleteAfter');
  const oldest = c.now - JOB_HISTORY_MS;
  return (j) =>
    j.accountId === c.accountId &&
    j.region === c.region &&
    (j.CompletionDate === undefined || j.CompletionDate >= oldest) &&
    (byAccount === undefined || j.accountId === byAccount) &&
    (byType === undefined || j.ResourceType === byType) &&
    (before === undefined || j.CreationDate < before) &&
    (after === undefined || j.CreationDate > after) &&
    completedWithin(j.CompletionDate, completeBefore, completeAfter);
}

function findRecoveryPoint(c: Ctx, vault: Vault, arn: string): RecoveryPoint {
  const rp = c.state.recoveryPoints.get(arn);
  if (!rp || rp.BackupVaultArn !== vault.BackupVaultArn)
    fail('ResourceNotFoundException', `Recovery point ${arn} not found in vault ${vault.BackupVaultName}`, 'input.not-found');
  return rp;
}

function backupJobView(j: BackupJob) {
  return clean({
    AccountId: j.accountId,
    BackupJobId: j.BackupJobId,
    BackupVaultName: j.BackupVaultName,
    BackupVaultArn: j.BackupVaultArn,
    RecoveryPointArn: j.RecoveryPointArn,
    ResourceArn: j.ResourceArn,
    CreationDate: new Date(j.CreationDate),
    CompletionDate: date(j.CompletionDate),
    State: j.State,
    StatusMessage: j.StatusMessage,
    PercentDone: j.State === 'COMPLETED' ? '100.0' : '0.0',
    BackupSizeInBytes: j.BackupSizeInBytes,
    IamRoleArn: j.IamRoleArn,
    CreatedBy: j.CreatedBy ? { ...j.CreatedBy } : undefined,
    ExpectedCompletionDate: date(j.ExpectedCompletionDate),
    StartBy: new Date(j.StartBy),
    ResourceType: j.ResourceType,
    BackupType: 'FULL',
    ResourceName: j.ResourceName,
    InitiationDate: date(j.StartedAt),
    IsParent: false,
    SandboxRuleId: j.ruleId,
  });
}

const startBackupJob: Handler = (c, input) => {
  const vault = findVault(c, reqString(input, 'BackupVaultName'));
  const resourceArnIn = reqString(input, 'ResourceArn');
  const role = reqString(input, 'IamRoleArn');
  const token = optString(input, 'IdempotencyToken');
  if (token !== undefined) {
    const same = [...c.state.backupJobs.values()].find((j) => j.IdempotencyToken === token && j.accountId === c.accountId);
    if (same) return clean({ BackupJobId: same.BackupJobId, CreationDate: new Date(same.CreationDate), IsParent: false });
  }
  const resource = resourceByArn(c, resourceArnIn);
  if (!resource) fail('ResourceNotFoundException', `Resource ${resourceArnIn} not found`, 'job.resource');
  if (resource.accountId !== c.accountId || resource.region !== c.region)
    fail('InvalidParameterValueException', `Resource ${resourceArnIn} is not in account ${c.accountId} and Region ${c.region}`, 'job.resource');
  if (!/^arn:aws:iam::\d{12}:role\/.+$/.test(role)) fail('InvalidParameterValueException', `Invalid IamRoleArn ${role}`, 'selection.role');
  const start = optInt(input, 'StartWindowMinutes') ?? DEFAULT_START_WINDOW;
  if (start < 60) fail('InvalidParameterValueException', `StartWindowMinutes must be at least 60 (got ${start})`, 'plan.windows');
  const complete = optInt(input, 'CompleteWindowMinutes');
  if (complete !== undefined && complete < start)
    fail('InvalidParameterValueException', `CompleteWindowMinutes (${complete}) cannot be shorter than StartWindowMinutes (${start})`, 'plan.windows');
  const lifecycle = readLifecycle(optObject(input, 'Lifecycle'), 'on-demand backup');
  const job = createBackupJob(c, {
    vault,
    resource,
    iamRoleArn: role,
    scheduledAt: c.now,
    startWindowMinutes: start,
    completionWindowMinutes: complete,
    lifecycle,
    recoveryPointTags: optStringMap(input, 'RecoveryPointTags'),
    idempotencyToken: token,
  });
  return { BackupJobId: job.BackupJobId, CreationDate: new Date(job.CreationDate), IsParent: false };
};

function findBackupJob(c: Ctx, id: string): BackupJob {
  const job = c.state.backupJobs.get(id);
  if (!job || job.accountId !== c.accountId || job.region !== c.region) fail('ResourceNotFoundException', `Backup job ${id} not found`, 'input.not-found');
  return job;
}

const describeBackupJob: Handler = (c, input) => backupJobView(findBackupJob(c, reqString(input, 'BackupJobId')));

const listBackupJobs: Handler = (c, input) => {
  const shared = jobListFilter(c, input);
  const byResource = optString(input, 'ByResourceArn');
  const byState = optString(input, 'ByState');
  const byVault = optString(input, 'ByBackupVaultName');
  const jobs = [...c.state.backupJobs.values()].filter(
    (j) =>
      shared(j) &&
      (byResource === undefined || j.ResourceArn === byResource) &&
      (byState === undefined || j.State === byState) &&
      (byVault === undefined || j.BackupVaultName === byVault),
  );
  const { page, NextToken } = paginate(jobs, input);
  return clean({ BackupJobs: page.map(backupJobView), NextToken });
};

const stopBackupJob: Handler = (c, input) => {
  const job = findBackupJob(c, reqString(input, 'BackupJobId'));
  if (job.ResourceType === 'RDS') fail('InvalidRequestException', 'StopBackupJob is not supported for Amazon RDS backup jobs', 'job.stop');
  if (job.State === 'CREATED' || job.State === 'PENDING') {
    endBackupJob(c, job, 'ABORTED', 'The backup job was stopped by a StopBackupJob request', 'job.stop');
    return {};
  }
  if (job.State !== 'RUNNING') fail('InvalidRequestException', `Backup job ${job.BackupJobId} is ${job.State} and cannot be stopped`, 'job.stop');
  job.State = 'ABORTING';
  job.wakeAt = c.now + MINUTE;
  c.services.schedule('backup-job', job.BackupJobId, job.wakeAt);
  return {};
};

function calculatedLifecycle(rp: RecoveryPoint, coldCapable: boolean) {
  const lc = rp.Lifecycle;
  if (!lc) return undefined;
  return clean({
    MoveToColdStorageAt:
      coldCapable && lc.MoveToColdStorageAfterDays !== undefined ? new Date(rp.CreationDate + lc.MoveToColdStorageAfterDays * DAY) : undefined,
    DeleteAt: lc.DeleteAfterDays !== undefined ? new Date(rp.CreationDate + lc.DeleteAfterDays * DAY) : undefined,
  });
}

function recoveryPointView(c: Ctx, rp: RecoveryPoint) {
  return clean({
    RecoveryPointArn: rp.RecoveryPointArn,
    BackupVaultName: rp.BackupVaultName,
    BackupVaultArn: rp.BackupVaultArn,
    SourceBackupVaultArn: rp.SourceBackupVaultArn,
    ResourceArn: rp.ResourceArn,
    ResourceType: rp.ResourceType,
    ResourceName: rp.ResourceName,
    CreatedBy: rp.CreatedBy ? { ...rp.CreatedBy } : undefined,
    IamRoleArn: rp.IamRoleArn,
    Status: rp.Status,
    StatusMessage: rp.StatusMessage,
    CreationDate: new Date(rp.CreationDate),
    CompletionDate: new Date(rp.CompletionDate),
    BackupSizeInBytes: rp.BackupSizeInBytes,
    CalculatedLifecycle: calculatedLifecycle(rp, coldCapableRp(c, rp)),
    Lifecycle: rp.Lifecycle ? { ...rp.Lifecycle } : undefined,
    EncryptionKeyArn: rp.EncryptionKeyArn,
    IsEncrypted: true,
    StorageClass: rp.StorageClass,
    LastRestoreTime: date(rp.LastRestoreTime),
    IsParent: false,
    VaultType: 'BACKUP_VAULT',
  });
}

const listRecoveryPointsByBackupVault: Handler = (c, input) => {
  const vault = findVault(c, reqString(input, 'BackupVaultName'));
  const byResource = optString(input, 'ByResourceArn');
  const byType = optString(input, 'ByResourceType');
  const byPlan = optString(input, 'ByBackupPlanId');
  const before = optDate(input, 'ByCreatedBefore');
  const after = optDate(input, 'ByCreatedAfter');
  const rps = [...c.state.recoveryPoints.values()].filter(
    (rp) =>
      rp.BackupVaultArn === vault.BackupVaultArn &&
      (byResource === undefined || rp.ResourceArn === byResource) &&
      (byType === undefined || rp.ResourceType === byType) &&
      (byPlan === undefined || rp.CreatedBy?.BackupPlanId === byPlan) &&
      (before === undefined || rp.CreationDate < before) &&
      (after === undefined || rp.CreationDate > after),
  );
  const { page, NextToken } = paginate(rps, input);
  return clean({ RecoveryPoints: page.map((rp) => recoveryPointView(c, rp)), NextToken });
};

const listRecoveryPointsByResource: Handler = (c, input) => {
  const arn = reqString(input, 'ResourceArn');
  const rps = [...c.state.recoveryPoints.values()].filter((rp) => rp.ResourceArn === arn && rp.accountId === c.accountId && rp.region === c.region);
  const { page, NextToken } = paginate(rps, input);
  return clean({
    RecoveryPoints: page.map((rp) =>
      clean({
        RecoveryPointArn: rp.RecoveryPointArn,
        CreationDate: new Date(rp.CreationDate),
        Status: rp.Status,
        EncryptionKeyArn: rp.EncryptionKeyArn,
        BackupSizeBytes: rp.BackupSizeInBytes,
        BackupVaultName: rp.BackupVaultName,
        IsParent: false,
        ResourceName: rp.ResourceName,
      }),
    ),
    NextToken,
  });
};

const describeRecoveryPoint: Handler = (c, input) => {
  const vault = findVault(c, reqString(input, 'BackupVaultName'));
  return recoveryPointView(c, findRecoveryPoint(c, vault, reqString(input, 'RecoveryPointArn')));
};

/** Refuses an early deletion or a lifecycle change in a locked vault. */
function checkLock(c: Ctx, vault: Vault, rp: RecoveryPoint, what: string): void {
  if (!vault.lock) return;
  const deleteAt = rp.Lifecycle?.DeleteAfterDays === undefined ? undefined : rp.CreationDate + rp.Lifecycle.DeleteAfterDays * DAY;
  if (deleteAt === undefined || c.now < deleteAt)
    fail(
      'InvalidRequestException',
      `${what} is not allowed: vault ${vault.BackupVaultName} is protected by AWS Backup Vault Lock and the recovery point's retention has not ended`,
      'lock.early-deletion',
    );
}

const updateRecoveryPointLifecycle: Handler = (c, input) => {
  const vault = findVault(c, reqString(input, 'BackupVaultName'));
  const rp = findRecoveryPoint(c, vault, reqString(input, 'RecoveryPointArn'));
  checkVaultPolicy(c, vault, 'UpdateRecoveryPointLifecycle');
  if (rp.Status === 'DELETING') fail('InvalidRequestException', 'The recovery point is being deleted', 'recovery-point.deleting');
  if (rp.continuous)
    fail('InvalidRequestException', 'The lifecycle of a continuous backup cannot be updated', 'recovery-point.lifecycle-update');
  checkLock(c, vault, rp, 'Updating the lifecycle');
  const lifecycle = readLifecycle(optObject(input, 'Lifecycle') ?? {}, 'recovery point') ?? {};
  if (rp.StorageClass === 'COLD' && lifecycle.MoveToColdStorageAfterDays !== rp.Lifecycle?.MoveToColdStorageAfterDays)
    fail(
      'InvalidParameterValueException',
      'MoveToColdStorageAfterDays cannot be changed: the recovery point is already in cold storage',
      'recovery-point.lifecycle-update',
    );
  rp.Lifecycle = lifecycle;
  scheduleRecoveryPoint(c, rp);
  recoveryPointEvent(c, rp, 'Recovery Point Change', 'MODIFIED', undefined, 'RECOVERY_POINT_MODIFIED');
  if (rp.Lifecycle.DeleteAfterDays !== undefined && c.now >= rp.CreationDate + rp.Lifecycle.DeleteAfterDays * DAY) wakeRecoveryPoint(c, rp);
  return clean({
    BackupVaultArn: vault.BackupVaultArn,
    RecoveryPointArn: rp.RecoveryPointArn,
    Lifecycle: { ...lifecycle },
    CalculatedLifecycle: calculatedLifecycle(rp, coldCapableRp(c, rp)),
  });
};

const deleteRecoveryPoint: Handler = (c, input) => {
  const vault = findVault(c, reqString(input, 'BackupVaultName'));
  const rp = findRecoveryPoint(c, vault, reqString(input, 'RecoveryPointArn'));
  checkVaultPolicy(c, vault, 'DeleteRecoveryPoint');
  if (rp.Status === 'DELETING')
    fail('InvalidResourceStateException', 'Backup is already performing an action on this recovery point. Try again later.', 'recovery-point.deleting');
  checkLock(c, vault, rp, 'Deleting the recovery point');
  rp.Status = 'DELETING';
  rp.purgeAt = c.now + 5 * MINUTE;
  c.services.schedule('recovery-point', rp.RecoveryPointArn, rp.purgeAt);
  recoveryPointEvent(c, rp, 'Recovery Point State Change', 'DELETING', 'NumberOfRecoveryPointsDeleting');
  return {};
};

function restoreJobView(j: RestoreJob) {
  return clean({
    AccountId: j.accountId,
    RestoreJobId: j.RestoreJobId,
    RecoveryPointArn: j.RecoveryPointArn,
    CreationDate: new Date(j.CreationDate),
    CompletionDate: date(j.CompletionDate),
    Status: j.Status,
    StatusMessage: j.StatusMessage,
    PercentDone: j.PercentDone,
    BackupSizeInBytes: j.BackupSizeInBytes,
    IamRoleArn: j.IamRoleArn,
    ExpectedCompletionTimeMinutes: j.ExpectedCompletionTimeMinutes,
    CreatedResourceArn: j.CreatedResourceArn,
    ResourceType: j.ResourceType,
    RecoveryPointCreationDate: new Date(j.RecoveryPointCreationDate),
    SandboxRuleId: j.ruleId,
  });
}

const startRestoreJob: Handler = (c, input) => {
  const arn = reqString(input, 'RecoveryPointArn');
  const metadata = optStringMap(input, 'Metadata');
  if (!metadata) fail('MissingParameterValueException', 'Missing required parameter in input: "Metadata"', 'input.required');
  const rp = c.state.recoveryPoints.get(arn);
  if (!rp || rp.accountId !== c.accountId || rp.region !== c.region)
    fail('ResourceNotFoundException', `Recovery point ${arn} not found`, 'input.not-found');
  const vault = vaultByArn(c, rp.BackupVaultArn);
  if (vault) checkVaultPolicy(c, vault, 'StartRestoreJob');
  if (rp.Status !== 'COMPLETED') fail('InvalidRequestException', `Recovery point ${arn} is ${rp.Status} and cannot be restored`, 'restore.on-demand');
  const token = optString(input, 'IdempotencyToken');
  if (token !== undefined) {
    const same = [...c.state.restoreJobs.values()].find((j) => j.Metadata.__token === token);
    if (same) return { RestoreJobId: same.RestoreJobId };
  }
  const role = optString(input, 'IamRoleArn') ?? `arn:aws:iam::${c.accountId}:role/service-role/AWSBackupDefaultServiceRole`;
  const gb = rp.BackupSizeInBytes / GB;
  const id = nextUuid(c.state);
  const job: RestoreJob = clean({
    RestoreJobId: id,
    accountId: c.accountId,
    region: c.region,
    RecoveryPointArn: arn,
    ResourceType: rp.ResourceType,
    IamRoleArn: role,
    Status: 'PENDING' as const,
    CreationDate: c.now,
    BackupSizeInBytes: rp.BackupSizeInBytes,
    ExpectedCompletionTimeMinutes: Math.ceil(5 + gb * (rp.StorageClass === 'COLD' ? 1 : 0.2)),
    RecoveryPointCreationDate: rp.CreationDate,
    Metadata: token === undefined ? { ...metadata } : { ...metadata, __token: token },
    wakeAt: c.now + MINUTE,
  });
  c.state.restoreJobs.set(id, job);
  c.services.schedule('restore-job', id, job.wakeAt as number);
  restoreJobEvent(c, job);
  return { RestoreJobId: id };
};

const describeRestoreJob: Handler = (c, input) => {
  const id = reqString(input, 'RestoreJobId');
  const job = c.state.restoreJobs.get(id);
  if (!job || job.accountId !== c.accountId || job.region !== c.region) fail('ResourceNotFoundException', `Restore job ${id} not found`, 'input.not-found');
  return restoreJobView(job);
};

const listRestoreJobs: Handler = (c, input) => {
  const shared = jobListFilter(c, input);
  const byStatus = optString(input, 'ByStatus');
  const jobs = [...c.state.restoreJobs.values()].filter((j) => shared(j) && (byStatus === undefined || j.Status === byStatus));
  const { page, NextToken } = paginate(jobs, input);
  return clean({ RestoreJobs: page.map(restoreJobView), NextToken });
};

function copyJobView(j: CopyJob) {
  return clean({
    AccountId: j.accountId,
    CopyJobId: j.CopyJobId,
    SourceBackupVaultArn: j.SourceBackupVaultArn,
    SourceRecoveryPointArn: j.SourceRecoveryPointArn,
    DestinationBackupVaultArn: j.DestinationBackupVaultArn,
    DestinationRecoveryPointArn: j.DestinationRecoveryPointArn,
    ResourceArn: j.ResourceArn,
    CreationDate: new Date(j.CreationDate),
    CompletionDate: date(j.CompletionDate),
    State: j.State,
    StatusMessage: j.StatusMessage,
    BackupSizeInBytes: Math.round(j.BackupSizeInBytes),
    IamRoleArn: j.IamRoleArn,
    CreatedBy: j.CreatedBy ? { ...j.CreatedBy } : undefined,
    ResourceType: j.ResourceType,
    ResourceName: j.ResourceName,
    IsParent: false,
    SandboxRuleId: j.ruleId,
  });
}

const startCopyJob: Handler = (c, input) => {
  const arn = reqString(input, 'RecoveryPointArn');
  const sourceVault = findVault(c, reqString(input, 'SourceBackupVaultName'));
  const dest = reqString(input, 'DestinationBackupVaultArn');
  const role = reqString(input, 'IamRoleArn');
  const rp = findRecoveryPoint(c, sourceVault, arn);
  checkVaultPolicy(c, sourceVault, 'StartCopyJob');
  if (!/^arn:aws:backup:[a-z0-9-]+:\d{12}:backup-vault:[a-zA-Z0-9\-_]{2,50}$/.test(dest))
    fail('InvalidParameterValueException', `Invalid DestinationBackupVaultArn ${dest}`, 'copy.destination');
  if (rp.continuous) fail('InvalidRequestException', 'StartCopyJob does not support continuous backups', 'copy.cold');
  if (rp.StorageClass === 'COLD') fail('InvalidRequestException', 'Recovery points in cold storage cannot be copied', 'copy.cold');
  if (rp.Status !== 'COMPLETED') fail('InvalidRequestException', `Recovery point ${arn} is ${rp.Status} and cannot be copied`, 'copy.cold');
  const lifecycle = readLifecycle(optObject(input, 'Lifecycle'), 'copy') ?? rp.Lifecycle;
  const job = createCopyJob(c, { source: rp, destinationArn: dest, iamRoleArn: role, lifecycle });
  return { CopyJobId: job.CopyJobId, CreationDate: new Date(job.CreationDate), IsParent: false };
};

const describeCopyJob: Handler = (c, input) => {
  const id = reqString(input, 'CopyJobId');
  const job = c.state.copyJobs.get(id);
  if (!job || job.accountId !== c.accountId || job.region !== c.region) fail('ResourceNotFoundException', `Copy job ${id} not found`, 'input.not-found');
  return { CopyJob: copyJobView(job) };
};

const listCopyJobs: Handler = (c, input) => {
  const shared = jobListFilter(c, input);
  const byState = optString(input, 'ByState');
  const byDest = optString(input, 'ByDestinationVaultArn');
  const byResource = optString(input, 'ByResourceArn');
  const jobs = [...c.state.copyJobs.values()].filter(
    (j) =>
      shared(j) &&
      (byState === undefined || j.State === byState) &&
      (byDest === undefined || j.DestinationBackupVaultArn === byDest) &&
      (byResource === undefined || j.ResourceArn === byResource),
  );
  const { page, NextToken } = paginate(jobs, input);
  return clean({ CopyJobs: page.map(copyJobView), NextToken });
};

const getSupportedResourceTypes: Handler = () => ({ ResourceTypes: ['DynamoDB', 'EBS', 'EC2', 'EFS', 'RDS', 'S3'] });

function protectedResources(c: Ctx) {
  const latest = new Map<string, RecoveryPoint>();
  for (const rp of [...c.state.recoveryPoints.values()]) {
    if (rp.accountId !== c.accountId || rp.region !== c.region) continue;
    const prev = latest.get(rp.ResourceArn);
    if (!prev || prev.CompletionDate <= rp.CompletionDate) latest.set(rp.ResourceArn, rp);
  }
  return [...latest.values()].map((rp) =>
    clean({
      ResourceArn: rp.ResourceArn,
      ResourceType: rp.ResourceType,
      LastBackupTime: new Date(rp.CompletionDate),
      ResourceName: rp.ResourceName,
      LastBackupVaultArn: rp.BackupVaultArn,
      LastRecoveryPointArn: rp.RecoveryPointArn,
    }),
  );
}

const listProtectedResources: Handler = (c, input) => {
  const { page, NextToken } = paginate(protectedResources(c), input);
  return clean({ Results: page, NextToken });
};

const describeProtectedResource: Handler = (c, input) => {
  const arn = reqString(input, 'ResourceArn');
  const found = protectedResources(c).find((r) => r.ResourceArn === arn);
  if (!found) fail('ResourceNotFoundException', `Resource ${arn} has no recovery points`, 'input.not-found');
  return found;
};

const describeGlobalSettings: Handler = (c) => {
  if (c.accountId !== c.state.organization.managementAccountId)
    fail('InvalidRequestException', 'Global settings can only be read from the management account of the organization', 'org.management-only');
  return { GlobalSettings: { isCrossAccountBackupEnabled: String(c.state.settings.crossAccountBackupEnabled) } };
};

const updateGlobalSettings: Handler = (c, input) => {
  if (c.accountId !== c.state.organization.managementAccountId)
    fail('InvalidRequestException', 'Global settings can only be changed from the management account of the organization', 'org.management-only');
  const settings = optStringMap(input, 'GlobalSettings') ?? {};
  const v = settings.isCrossAccountBackupEnabled;
  if (v !== undefined) {
    if (v !== 'true' && v !== 'false') fail('InvalidParameterValueException', 'isCrossAccountBackupEnabled must be "true" or "false"', 'org.management-only');
    c.state.settings.crossAccountBackupEnabled = v === 'true';
    c.services.emit({
      account: c.accountId,
      region: c.region,
      detailType: 'Region Setting State Change',
      resource: undefined,
      detail: { isCrossAccountBackupEnabled: v },
    });
  }
  return {};
};

export const jobHandlers: Record<string, Handler> = {
  StartBackupJob: startBackupJob,
  DescribeBackupJob: describeBackupJob,
  ListBackupJobs: listBackupJobs,
  StopBackupJob: stopBackupJob,
  ListRecoveryPointsByBackupVault: listRecoveryPointsByBackupVault,
  ListRecoveryPointsByResource: listRecoveryPointsByResource,
  DescribeRecoveryPoint: describeRecoveryPoint,
  UpdateRecoveryPointLifecycle: updateRecoveryPointLifecycle,
  DeleteRecoveryPoint: deleteRecoveryPoint,
  StartRestoreJob: startRestoreJob,
  DescribeRestoreJob: describeRestoreJob,
  ListRestoreJobs: listRestoreJobs,
  StartCopyJob: startCopyJob,
  DescribeCopyJob: describeCopyJob,
  ListCopyJobs: listCopyJobs,
  GetSupportedResourceTypes: getSupportedResourceTypes,
  ListProtectedResources: listProtectedResources,
  DescribeProtectedResource: describeProtectedResource,
  DescribeGlobalSettings: describeGlobalSettings,
  UpdateGlobalSettings: updateGlobalSettings,
};
