/**
 * Backup vaults: create, describe, list, delete; access policies;
 * notifications; vault lock. The rules come from the user's note (vaults hold
 * a KMS key and an access policy; the default and EFS vaults stay; vault lock
 * forces retention) and from the AWS Backup API reference.
 */
import type { ApiInput } from '../api.ts';
import {
  clean,
  date,
  DAY,
  fail,
  findVault,
  optInt,
  optString,
  optStringList,
  optStringMap,
  paginate,
  reqString,
  type Ctx,
  type Handler,
} from '../context.ts';
import type { Vault } from '../model.ts';
import { evaluatePolicy, parsePolicy } from '../policy.ts';
import { quota } from '../quotas.ts';
import { DEFAULT_VAULT, EFS_AUTOMATIC_VAULT } from '../vault-names.ts';

export const VAULT_NAME = /^[a-zA-Z0-9\-_]{2,50}$/;
const CREATOR_REQUEST_ID = /^[a-zA-Z0-9\-_.]{1,50}$/;

/** Vault events AWS accepts in PutBackupVaultNotifications (the API model's enum). */
export const VAULT_EVENTS = [
  'BACKUP_JOB_STARTED',
  'BACKUP_JOB_COMPLETED',
  'BACKUP_JOB_SUCCESSFUL',
  'BACKUP_JOB_FAILED',
  'BACKUP_JOB_EXPIRED',
  'RESTORE_JOB_STARTED',
  'RESTORE_JOB_COMPLETED',
  'RESTORE_JOB_SUCCESSFUL',
  'RESTORE_JOB_FAILED',
  'COPY_JOB_STARTED',
  'COPY_JOB_SUCCESSFUL',
  'COPY_JOB_FAILED',
  'RECOVERY_POINT_MODIFIED',
  'BACKUP_PLAN_CREATED',
  'BACKUP_PLAN_MODIFIED',
  'S3_BACKUP_OBJECT_FAILED',
  'S3_RESTORE_OBJECT_FAILED',
  'CONTINUOUS_BACKUP_INTERRUPTED',
  'RECOVERY_POINT_INDEX_COMPLETED',
  'RECOVERY_POINT_INDEX_DELETED',
  'RECOVERY_POINT_INDEXING_FAILED',
  'EKS_RESTORE_OBJECT_FAILED',
  'EKS_RESTORE_OBJECT_SKIPPED',
  'EKS_BACKUP_OBJECT_FAILED',
] as const;

/** Refuses the call when the vault's access policy explicitly denies it to the caller's account. */
export function checkVaultPolicy(c: Ctx, vault: Vault, operation: string): void {
  if (evaluatePolicy(vault.policy, `backup:${operation}`, c.accountId) === 'deny') {
    fail(
      'AccessDeniedException',
      `User: arn:aws:iam::${c.accountId}:user/sandbox is not authorized to perform: backup:${operation} on resource: ${vault.BackupVaultArn} with an explicit deny in a resource-based policy`,
      'vault.access-policy',
    );
  }
}

/** Recovery points stored in the vault (any status, DELETING included). */
export function recoveryPointCount(c: Ctx, vault: Vault): number {
  let n = 0;
  for (const rp of [...c.state.recoveryPoints.values()]) if (rp.BackupVaultArn === vault.BackupVaultArn) n++;
  return n;
}

/** Whether the vault's lock is immutable now (compliance mode past its lock date). */
export function lockImmutable(vault: Vault, now: number): boolean {
  return vault.lock?.LockDate !== undefined && now >= vault.lock.LockDate;
}

function vaultView(c: Ctx, v: Vault) {
  return clean({
    BackupVaultName: v.BackupVaultName,
    BackupVaultArn: v.BackupVaultArn,
    VaultType: 'BACKUP_VAULT',
    VaultState: 'AVAILABLE',
    EncryptionKeyArn: v.EncryptionKeyArn,
    EncryptionKeyType: c.state.kmsKeys.find((k) => k.arn === v.EncryptionKeyArn)?.managed === 'CUSTOMER' ? 'CUSTOMER_MANAGED_KMS_KEY' : 'AWS_OWNED_KMS_KEY',
    CreationDate: new Date(v.CreationDate),
    CreatorRequestId: v.CreatorRequestId,
    NumberOfRecoveryPoints: recoveryPointCount(c, v),
    Locked: v.lock !== undefined,
    MinRetentionDays: v.lock?.MinRetentionDays,
    MaxRetentionDays: v.lock?.MaxRetentionDays,
    LockDate: date(v.lock?.LockDate),
  });
}

const createBackupVault: Handler = (c, input) => {
  const name = reqString(input, 'BackupVaultName');
  if (!VAULT_NAME.test(name))
    fail('InvalidParameterValueException', `Invalid backup vault name ${name}: use 2 to 50 letters, digits, hyphens or underscores`, 'vault.name');
  const creatorRequestId = optString(input, 'CreatorRequestId');
  if (creatorRequestId !== undefined && !CREATOR_REQUEST_ID.test(creatorRequestId))
    fail('InvalidParameterValueException', 'CreatorRequestId must be 1 to 50 letters, digits, hyphens, underscores or periods', 'input.required');
  const existing = c.state.vaults.find((v) => v.BackupVaultName === name && v.accountId === c.accountId && v.region === c.region);
  if (existing) {
    if (creatorRequestId !== undefined && existing.CreatorRequestId === creatorRequestId)
      return { BackupVaultName: name, BackupVaultArn: existing.BackupVaultArn, CreationDate: new Date(existing.CreationDate) };
    fail('AlreadyExistsException', 'Backup vault with the same name already exists', 'vault.unique-name', { arn: existing.BackupVaultArn });
  }
  const count = c.state.vaults.filter((v) => v.accountId === c.accountId && v.region === c.region).length;
  const limit = quota(c.state, 'vaultsPerRegion');
  if (count >= limit.value) fail('LimitExceededException', limit.message(count), 'vault.quota');
  let keyArn = optString(input, 'EncryptionKeyArn');
  // An alias names a key of the caller's own account and Region; an ARN names one key anywhere (and is refused when it is elsewhere).
  const key = keyArn
    ? (c.state.kmsKeys.find((k) => k.arn === keyArn) ??
      c.state.kmsKeys.find((k) => `alias/${k.alias}` === keyArn && k.accountId === c.accountId && k.region === c.region))
    : c.state.kmsKeys.find((k) => k.alias === 'aws/backup' && k.accountId === c.accountId && k.region === c.region);
  if (!key || key.accountId !== c.accountId || key.region !== c.region)
    fail(
      'InvalidParameterValueException',
      `Invalid EncryptionKeyArn ${keyArn ?? ''}: the KMS key must exist in account ${c.accountId} and Region ${c.region}`,
      'vault.kms-key',
    );
  keyArn = key.arn;
  const tags = optStringMap(input, 'BackupVaultTags');
  const arn = `arn:aws:backup:${c.region}:${c.accountId}:backup-vault:${name}`;
  const vault: Vault = clean({
    BackupVaultName: name,
    BackupVaultArn: arn,
    accountId: c.accountId,
    region: c.region,
    EncryptionKeyArn: keyArn,
    CreationDate: c.now,
    CreatorRequestId: creatorRequestId,
    kind: 'custom' as const,
  });
  c.state.vaults.push(vault);
  if (tags && Object.keys(tags).length > 0) c.state.tags[arn] = { ...tags };
  c.services.emit({
    account: c.accountId,
    region: c.region,
    detailType: 'Backup Vault State Change',
    resource: arn,
    detail: { backupVaultName: name, state: 'CREATED' },
  });
  return { BackupVaultName: name, BackupVaultArn: arn, CreationDate: new Date(c.now) };
};

const describeBackupVault: Handler = (c, input) => vaultView(c, findVault(c, reqString(input, 'BackupVaultName')));

const listBackupVaults: Handler = (c, input) => {
  const mine = c.state.vaults.filter((v) => v.accountId === c.accountId && v.region === c.region);
  const { page, NextToken } = paginate(mine, input);
  return clean({ BackupVaultList: page.map((v) => vaultView(c, v)), NextToken });
};

const deleteBackupVault: Handler = (c, input) => {
  const vault = findVault(c, reqString(input, 'BackupVaultName'));
  checkVaultPolicy(c, vault, 'DeleteBackupVault');
  if (vault.kind !== 'custom') {
    const which = vault.BackupVaultName === DEFAULT_VAULT ? 'the AWS Backup default vault' : 'the Amazon EFS automatic backup vault';
    fail('InvalidRequestException', `Backup vault ${vault.BackupVaultName} cannot be deleted: it is ${which}`, 'vault.delete-default');
  }
  if (recoveryPointCount(c, vault) > 0)
    fail('InvalidRequestException', 'Backup vault cannot be deleted because it contains recovery points.', 'vault.delete-non-empty', {
      code: 'ERROR_9101',
    });
  c.state.vaults = c.state.vaults.filter((v) => v !== vault);
  delete c.state.tags[vault.BackupVaultArn];
  c.services.emit({
    account: c.accountId,
    region: c.region,
    detailType: 'Backup Vault State Change',
    resource: vault.BackupVaultArn,
    detail: { backupVaultName: vault.BackupVaultName, state: 'DELETED' },
  });
  return {};
};

const putBackupVaultAccessPolicy: Handler = (c, input) => {
  const vault = findVault(c, reqString(input, 'BackupVaultName'));
  if (vault.kind === 'efs-automatic')
    fail('AccessDeniedException', 'The access policy of the Amazon EFS automatic backup vault is managed by AWS', 'vault.access-policy');
  const text = optString(input, 'Policy');
  if (text === undefined) fail('MissingParameterValueException', 'Missing required parameter in input: "Policy"', 'input.required');
  const parsed = parsePolicy(text);
  if ('problem' in parsed) fail('InvalidParameterValueException', `Invalid vault access policy: ${parsed.problem}`, 'vault.access-policy');
  vault.policy = text;
  return {};
};

const getBackupVaultAccessPolicy: Handler = (c, input) => {
  const vault = findVault(c, reqString(input, 'BackupVaultName'));
  if (!vault.policy) fail('ResourceNotFoundException', `Backup vault ${vault.BackupVaultName} has no access policy`, 'input.not-found');
  return { BackupVaultName: vault.BackupVaultName, BackupVaultArn: vault.BackupVaultArn, Policy: vault.policy };
};

const deleteBackupVaultAccessPolicy: Handler = (c, input) => {
  const vault = findVault(c, reqString(input, 'BackupVaultName'));
  checkVaultPolicy(c, vault, 'DeleteBackupVaultAccessPolicy');
  delete vault.policy;
  return {};
};

const putBackupVaultNotifications: Handler = (c, input) => {
  const vault = findVault(c, reqString(input, 'BackupVaultName'));
  const topic = reqString(input, 'SNSTopicArn');
  const events = optStringList(input, 'BackupVaultEvents');
  if (!events) fail('MissingParameterValueException', 'Missing required parameter in input: "BackupVaultEvents"', 'input.required');
  const m = /^arn:aws:sns:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_.-]{1,256})$/.exec(topic);
  if (!m) fail('InvalidParameterValueException', `Invalid SNSTopicArn ${topic}`, 'vault.notifications');
  if (m[2] !== c.accountId)
    fail('InvalidParameterValueException', `SNS topic ${topic} must be in account ${c.accountId}: cross-account topics are not supported`, 'vault.notifications');
  if (m[3]?.endsWith('.fifo'))
    fail('InvalidParameterValueException', `SNS topic ${topic} is a FIFO topic: only standard topics are supported`, 'vault.notifications');
  const unknown = events.filter((e) => !(VAULT_EVENTS as readonly string[]).includes(e));
  if (unknown.length > 0)
    fail('InvalidParameterValueException', `Invalid BackupVaultEvents: ${unknown.join(', ')}`, 'vault.notifications');
  vault.notifications = { SNSTopicArn: topic, BackupVaultEvents: [...new Set(events)] };
  return {};
};

const getBackupVaultNotifications: Handler = (c, input) => {
  const vault = findVault(c, reqString(input, 'BackupVaultName'));
  if (!vault.notifications)
    fail('ResourceNotFoundException', `Backup vault ${vault.BackupVaultName} has no notification configuration`, 'input.not-found');
  return {
    BackupVaultName: vault.BackupVaultName,
    BackupVaultArn: vault.BackupVaultArn,
    SNSTopicArn: vault.notifications.SNSTopicArn,
    BackupVaultEvents: [...vault.notifications.BackupVaultEvents],
  };
};

const deleteBackupVaultNotifications: Handler = (c, input) => {
  const vault = findVault(c, reqString(input, 'BackupVaultName'));
  delete vault.notifications;
  return {};
};

function checkDays(input: ApiInput, member: string, min: number, ruleId: 'lock.retention-range' | 'lock.grace-period'): number | undefined {
  const v = optInt(input, member);
  if (v === undefined) return undefined;
  if (v < min) {
    const msg = member === 'ChangeableForDays' ? 'ChangeableForDays must be at least 3 days' : `${member} must be at least ${min} day`;
    fail('InvalidParameterValueException', msg, ruleId);
  }
  if (v > 36_500) fail('InvalidParameterValueException', `${member} cannot exceed 36500 days`, ruleId);
  return v;
}

const putBackupVaultLockConfiguration: Handler = (c, input) => {
  const vault = findVault(c, reqString(input, 'BackupVaultName'));
  if (lockImmutable(vault, c.now))
    fail('InvalidRequestException', 'Vault Lock configuration is immutable and cannot be modified', 'lock.immutable');
  const min = checkDays(input, 'MinRetentionDays', 1, 'lock.retention-range');
  const max = checkDays(input, 'MaxRetentionDays', 1, 'lock.retention-range');
  const changeable = checkDays(input, 'ChangeableForDays', 3, 'lock.grace-period');
  if (min !== undefined && max !== undefined && min > max)
    fail('InvalidParameterValueException', 'MinRetentionDays cannot be greater than MaxRetentionDays', 'lock.retention-range');
  vault.lock = clean({
    MinRetentionDays: min,
    MaxRetentionDays: max,
    LockDate: changeable === undefined ? undefined : c.now + changeable * DAY,
    since: c.now,
  });
  c.services.emit({
    account: c.accountId,
    region: c.region,
    detailType: 'Backup Vault State Change',
    resource: vault.BackupVaultArn,
    detail: clean({
      backupVaultName: vault.BackupVaultName,
      state: 'LOCK_CONFIGURED',
      mode: changeable === undefined ? 'GOVERNANCE' : 'COMPLIANCE',
      lockDate: vault.lock.LockDate === undefined ? undefined : new Date(vault.lock.LockDate).toISOString(),
    }),
  });
  return {};
};

const deleteBackupVaultLockConfiguration: Handler = (c, input) => {
  const vault = findVault(c, reqString(input, 'BackupVaultName'));
  if (lockImmutable(vault, c.now))
    fail('InvalidRequestException', 'Vault Lock configuration is immutable and cannot be deleted', 'lock.immutable');
  delete vault.lock;
  return {};
};

export const vaultHandlers: Record<string, Handler> = {
  CreateBackupVault: createBackupVault,
  DescribeBackupVault: describeBackupVault,
  ListBackupVaults: listBackupVaults,
  DeleteBackupVault: deleteBackupVault,
  PutBackupVaultAccessPolicy: putBackupVaultAccessPolicy,
  GetBackupVaultAccessPolicy: getBackupVaultAccessPolicy,
  DeleteBackupVaultAccessPolicy: deleteBackupVaultAccessPolicy,
  PutBackupVaultNotifications: putBackupVaultNotifications,
  GetBackupVaultNotifications: getBackupVaultNotifications,
  DeleteBackupVaultNotifications: deleteBackupVaultNotifications,
  PutBackupVaultLockConfiguration: putBackupVaultLockConfiguration,
  DeleteBackupVaultLockConfiguration: deleteBackupVaultLockConfiguration,
};

export { EFS_AUTOMATIC_VAULT };
