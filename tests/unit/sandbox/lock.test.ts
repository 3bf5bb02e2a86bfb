import { describe, expect, it } from 'vitest';
import { DAY_S, expectRefused, fresh, resourceOf, ROLE, WORK } from './helpers.ts';

function backup(sb: ReturnType<typeof fresh>, vault: string, deleteAfterDays?: number) {
  const out = sb.call(
    'StartBackupJob',
    { BackupVaultName: vault, ResourceArn: resourceOf(sb, 'EBS').arn, IamRoleArn: ROLE, ...(deleteAfterDays ? { Lifecycle: { DeleteAfterDays: deleteAfterDays } } : {}) },
    WORK,
  );
  sb.advance(DAY_S / 2);
  return sb.call('DescribeBackupJob', { BackupJobId: out.BackupJobId }, WORK) as { State: string; StatusMessage?: string; RecoveryPointArn?: string; SandboxRuleId?: string };
}

describe('vault lock', () => {
  it('checks the retention range and the grace period', () => {
    const sb = fresh();
    sb.call('CreateBackupVault', { BackupVaultName: 'locked' }, WORK);
    const put = (input: Record<string, unknown>) => () => sb.call('PutBackupVaultLockConfiguration', { BackupVaultName: 'locked', ...input }, WORK);
    expect(expectRefused(put({ MinRetentionDays: 0 }), 'InvalidParameterValueException', 'lock.retention-range').message).toBe('MinRetentionDays must be at least 1 day');
    expect(expectRefused(put({ MaxRetentionDays: 36_501 }), 'InvalidParameterValueException', 'lock.retention-range').message).toBe('MaxRetentionDays cannot exceed 36500 days');
    expect(expectRefused(put({ MinRetentionDays: 30, MaxRetentionDays: 7 }), 'InvalidParameterValueException', 'lock.retention-range').message).toBe(
      'MinRetentionDays cannot be greater than MaxRetentionDays',
    );
    expect(expectRefused(put({ ChangeableForDays: 2 }), 'InvalidParameterValueException', 'lock.grace-period').message).toBe('ChangeableForDays must be at least 3 days');
    expectRefused(() => sb.call('PutBackupVaultLockConfiguration', { BackupVaultName: 'nope', MinRetentionDays: 1 }, WORK), 'ResourceNotFoundException', 'input.not-found');
    put({ MinRetentionDays: 1, MaxRetentionDays: 36_500, ChangeableForDays: 3 })();
    const d = sb.call('DescribeBackupVault', { BackupVaultName: 'locked' }, WORK);
    expect(d).toMatchObject({ Locked: true, MinRetentionDays: 1, MaxRetentionDays: 36_500 });
    expect((d.LockDate as Date).getTime() - sb.now().getTime()).toBe(3 * DAY_S * 1000);
  });

  it('governance mode (no ChangeableForDays) has no lock date and can be changed or removed at any time', () => {
    const sb = fresh();
    sb.call('CreateBackupVault', { BackupVaultName: 'gov' }, WORK);
    sb.call('PutBackupVaultLockConfiguration', { BackupVaultName: 'gov', MinRetentionDays: 7 }, WORK);
    expect(sb.call('DescribeBackupVault', { BackupVaultName: 'gov' }, WORK).LockDate).toBeUndefined();
    sb.advance(400 * DAY_S);
    sb.call('PutBackupVaultLockConfiguration', { BackupVaultName: 'gov', MinRetentionDays: 14 }, WORK);
    sb.call('DeleteBackupVaultLockConfiguration', { BackupVaultName: 'gov' }, WORK);
    expect(sb.call('DescribeBackupVault', { BackupVaultName: 'gov' }, WORK).Locked).toBe(false);
  });

  it('compliance mode can change during its grace time and becomes immutable at the lock date', () => {
    const sb = fresh();
    sb.call('CreateBackupVault', { BackupVaultName: 'comp' }, WORK);
    sb.call('PutBackupVaultLockConfiguration', { BackupVaultName: 'comp', MinRetentionDays: 7, ChangeableForDays: 3 }, WORK);
    sb.advance(2 * DAY_S);
    sb.call('PutBackupVaultLockConfiguration', { BackupVaultName: 'comp', MinRetentionDays: 7, MaxRetentionDays: 90, ChangeableForDays: 3 }, WORK);
    sb.advance(3 * DAY_S);
    const e = expectRefused(
      () => sb.call('PutBackupVaultLockConfiguration', { BackupVaultName: 'comp', MinRetentionDays: 1 }, WORK),
      'InvalidRequestException',
      'lock.immutable',
    );
    expect(e.message).toBe('Vault Lock configuration is immutable and cannot be modified');
    expect(expectRefused(() => sb.call('DeleteBackupVaultLockConfiguration', { BackupVaultName: 'comp' }, WORK), 'InvalidRequestException', 'lock.immutable').message).toBe(
      'Vault Lock configuration is immutable and cannot be deleted',
    );
  });

  it('fails future jobs whose retention is outside the lock range; jobs inside it complete', () => {
    const sb = fresh();
    sb.call('CreateBackupVault', { BackupVaultName: 'range' }, WORK);
    sb.call('PutBackupVaultLockConfiguration', { BackupVaultName: 'range', MinRetentionDays: 7, MaxRetentionDays: 30 }, WORK);
    const short = backup(sb, 'range', 1);
    expect(short.State).toBe('FAILED');
    expect(short.StatusMessage).toContain('shorter than the vault lock');
    expect(short.SandboxRuleId).toBe('lock.job-retention');
    const forever = backup(sb, 'range');
    expect(forever.State).toBe('FAILED');
    expect(forever.StatusMessage).toContain('indefinite');
    const long = backup(sb, 'range', 31);
    expect(long.State).toBe('FAILED');
    expect(backup(sb, 'range', 7).State).toBe('COMPLETED');
    expect(backup(sb, 'range', 30).State).toBe('COMPLETED');
  });

  it('recovery points saved before the lock keep their lifecycle but cannot be deleted early', () => {
    const sb = fresh();
    sb.call('CreateBackupVault', { BackupVaultName: 'late' }, WORK);
    const before = backup(sb, 'late', 2);
    expect(before.State).toBe('COMPLETED');
    sb.call('PutBackupVaultLockConfiguration', { BackupVaultName: 'late', MinRetentionDays: 7 }, WORK);
    const arn = before.RecoveryPointArn!;
    expectRefused(() => sb.call('DeleteRecoveryPoint', { BackupVaultName: 'late', RecoveryPointArn: arn }, WORK), 'InvalidRequestException', 'lock.early-deletion');
    expectRefused(
      () => sb.call('UpdateRecoveryPointLifecycle', { BackupVaultName: 'late', RecoveryPointArn: arn, Lifecycle: { DeleteAfterDays: 1 } }, WORK),
      'InvalidRequestException',
      'lock.early-deletion',
    );
    // Its own 2-day retention still ends it: the lock stops early deletion, not lifecycle.
    sb.advance(2 * DAY_S);
    expect(sb.state.recoveryPoints.has(arn)).toBe(false);
  });

  it('lets a recovery point in a locked vault go once its retention has ended, and never before', () => {
    const sb = fresh();
    sb.call('CreateBackupVault', { BackupVaultName: 'keep' }, WORK);
    sb.call('PutBackupVaultLockConfiguration', { BackupVaultName: 'keep', MinRetentionDays: 7, ChangeableForDays: 3 }, WORK);
    const job = backup(sb, 'keep', 10);
    const arn = job.RecoveryPointArn!;
    sb.advance(5 * DAY_S);
    expectRefused(() => sb.call('DeleteRecoveryPoint', { BackupVaultName: 'keep', RecoveryPointArn: arn }, WORK), 'InvalidRequestException', 'lock.early-deletion');
    sb.advance(5 * DAY_S);
    expect(sb.state.recoveryPoints.has(arn)).toBe(false);
  });
});
