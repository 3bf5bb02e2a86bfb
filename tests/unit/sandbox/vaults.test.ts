import { describe, expect, it } from 'vitest';
import { DAY_S, expectRefused, fresh, MGMT, resourceOf, ROLE, WORK } from './helpers.ts';

describe('backup vaults', () => {
  it('starts with the Default vault in every account and Region, and the EFS vault where EFS is used', () => {
    const sb = fresh();
    for (const account of ['111111111111', '222222222222'])
      for (const region of ['us-east-1', 'us-west-2', 'eu-west-1']) {
        const names = (sb.call('ListBackupVaults', {}, { accountId: account, region }).BackupVaultList as { BackupVaultName: string }[]).map((v) => v.BackupVaultName);
        expect(names).toContain('Default');
      }
    const work = (sb.call('ListBackupVaults', {}, WORK).BackupVaultList as { BackupVaultName: string }[]).map((v) => v.BackupVaultName);
    expect(work).toContain('aws/efs/automatic-backup-vault');
    const mgmt = (sb.call('ListBackupVaults', {}, MGMT).BackupVaultList as { BackupVaultName: string }[]).map((v) => v.BackupVaultName);
    expect(mgmt).not.toContain('aws/efs/automatic-backup-vault');
  });

  it('creates a vault with the AWS managed key by default, or a customer key of its Region', () => {
    const sb = fresh();
    const out = sb.call('CreateBackupVault', { BackupVaultName: 'prod-vault_1', BackupVaultTags: { team: 'ops' } }, WORK);
    expect(out.BackupVaultArn).toBe('arn:aws:backup:us-east-1:222222222222:backup-vault:prod-vault_1');
    const d = sb.call('DescribeBackupVault', { BackupVaultName: 'prod-vault_1' }, WORK);
    expect(d.EncryptionKeyType).toBe('AWS_OWNED_KMS_KEY');
    expect(d.NumberOfRecoveryPoints).toBe(0);
    expect(d.Locked).toBe(false);
    expect(sb.call('ListTags', { ResourceArn: out.BackupVaultArn }, WORK).Tags).toEqual({ team: 'ops' });
    const cmk = sb.state.kmsKeys.find((k) => k.managed === 'CUSTOMER' && k.accountId === '222222222222' && k.region === 'us-east-1')!;
    sb.call('CreateBackupVault', { BackupVaultName: 'cmk', EncryptionKeyArn: cmk.arn }, WORK);
    expect(sb.call('DescribeBackupVault', { BackupVaultName: 'cmk' }, WORK).EncryptionKeyType).toBe('CUSTOMER_MANAGED_KMS_KEY');
    const west = sb.state.kmsKeys.find((k) => k.accountId === '222222222222' && k.region === 'us-west-2')!;
    expectRefused(() => sb.call('CreateBackupVault', { BackupVaultName: 'x2', EncryptionKeyArn: west.arn }, WORK), 'InvalidParameterValueException', 'vault.kms-key');
    // An alias names the key of the caller's own account and Region.
    sb.call('CreateBackupVault', { BackupVaultName: 'by-alias' }, MGMT);
    sb.call('CreateBackupVault', { BackupVaultName: 'by-alias', EncryptionKeyArn: 'alias/backup-cmk' }, WORK);
    expect(sb.call('DescribeBackupVault', { BackupVaultName: 'by-alias' }, WORK).EncryptionKeyArn).toBe(cmk.arn);
  });

  it('refuses bad names, duplicates and missing members', () => {
    const sb = fresh();
    for (const bad of ['a', 'x'.repeat(51), 'has space', 'slash/name', 'dot.name'])
      expectRefused(() => sb.call('CreateBackupVault', { BackupVaultName: bad }, WORK), 'InvalidParameterValueException', 'vault.name');
    sb.call('CreateBackupVault', { BackupVaultName: 'ab' }, WORK);
    sb.call('CreateBackupVault', { BackupVaultName: 'x'.repeat(50) }, WORK);
    const dup = expectRefused(() => sb.call('CreateBackupVault', { BackupVaultName: 'ab' }, WORK), 'AlreadyExistsException', 'vault.unique-name');
    expect(dup.message).toBe('Backup vault with the same name already exists');
    // The same name in another account or Region is another vault.
    sb.call('CreateBackupVault', { BackupVaultName: 'ab' }, MGMT);
    sb.call('CreateBackupVault', { BackupVaultName: 'ab' }, { ...WORK, region: 'eu-west-1' });
    expectRefused(() => sb.call('CreateBackupVault', {}, WORK), 'MissingParameterValueException', 'input.required');
    expectRefused(() => sb.call('DescribeBackupVault', { BackupVaultName: 'nope' }, WORK), 'ResourceNotFoundException', 'input.not-found');
  });

  it('keeps the Default and EFS vaults: deleting them is refused, and the EFS vault policy denies deletions', () => {
    const sb = fresh();
    const e = expectRefused(() => sb.call('DeleteBackupVault', { BackupVaultName: 'Default' }, WORK), 'InvalidRequestException', 'vault.delete-default');
    expect(e.rule?.sources[0]).toMatchObject({ kind: 'note', fact: 'cannot delete AWS backup default vault and AWS EFS automatic backup vault' });
    expectRefused(() => sb.call('DeleteBackupVault', { BackupVaultName: 'aws/efs/automatic-backup-vault' }, WORK), 'AccessDeniedException', 'vault.access-policy');
    expectRefused(
      () => sb.call('DeleteBackupVaultAccessPolicy', { BackupVaultName: 'aws/efs/automatic-backup-vault' }, WORK),
      'AccessDeniedException',
      'vault.access-policy',
    );
    // The EFS vault's name has a slash, so nobody can create one like it.
    expectRefused(() => sb.call('CreateBackupVault', { BackupVaultName: 'aws/efs/automatic-backup-vault' }, MGMT), 'InvalidParameterValueException', 'vault.name');
  });

  it('deletes an empty vault but refuses one that holds recovery points, even while they are being deleted', () => {
    const sb = fresh();
    sb.call('CreateBackupVault', { BackupVaultName: 'temp' }, WORK);
    sb.call('DeleteBackupVault', { BackupVaultName: 'temp' }, WORK);
    expect(sb.state.vaults.some((v) => v.BackupVaultName === 'temp')).toBe(false);

    sb.call('CreateBackupVault', { BackupVaultName: 'full' }, WORK);
    const ebs = resourceOf(sb, 'EBS');
    sb.call('StartBackupJob', { BackupVaultName: 'full', ResourceArn: ebs.arn, IamRoleArn: ROLE }, WORK);
    sb.advance(DAY_S);
    const rps = sb.call('ListRecoveryPointsByBackupVault', { BackupVaultName: 'full' }, WORK).RecoveryPoints as { RecoveryPointArn: string }[];
    expect(rps).toHaveLength(1);
    const e = expectRefused(() => sb.call('DeleteBackupVault', { BackupVaultName: 'full' }, WORK), 'InvalidRequestException', 'vault.delete-non-empty');
    expect(e.message).toBe('Backup vault cannot be deleted because it contains recovery points.');
    expect(e.code).toBe('ERROR_9101');
    sb.call('DeleteRecoveryPoint', { BackupVaultName: 'full', RecoveryPointArn: rps[0]!.RecoveryPointArn }, WORK);
    // Deletion is asynchronous: the vault still counts the point while it is DELETING.
    expectRefused(() => sb.call('DeleteBackupVault', { BackupVaultName: 'full' }, WORK), 'InvalidRequestException', 'vault.delete-non-empty');
    sb.advance(600);
    sb.call('DeleteBackupVault', { BackupVaultName: 'full' }, WORK);
  });

  it('stores, returns and deletes an access policy; refuses one that is not a policy; an explicit deny wins', () => {
    const sb = fresh();
    sb.call('CreateBackupVault', { BackupVaultName: 'guarded' }, WORK);
    expectRefused(() => sb.call('GetBackupVaultAccessPolicy', { BackupVaultName: 'guarded' }, WORK), 'ResourceNotFoundException', 'input.not-found');
    expectRefused(() => sb.call('PutBackupVaultAccessPolicy', { BackupVaultName: 'guarded', Policy: '{not json' }, WORK), 'InvalidParameterValueException', 'vault.access-policy');
    expectRefused(() => sb.call('PutBackupVaultAccessPolicy', { BackupVaultName: 'guarded', Policy: '{"Statement":[]}' }, WORK), 'InvalidParameterValueException', 'vault.access-policy');
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Principal: '*', Action: 'backup:Delete*', Resource: '*' }],
    });
    sb.call('PutBackupVaultAccessPolicy', { BackupVaultName: 'guarded', Policy: policy }, WORK);
    expect(sb.call('GetBackupVaultAccessPolicy', { BackupVaultName: 'guarded' }, WORK).Policy).toBe(policy);
    expectRefused(() => sb.call('DeleteBackupVault', { BackupVaultName: 'guarded' }, WORK), 'AccessDeniedException', 'vault.access-policy');
    // The deny covers the policy's own deletion too; replacing it is allowed.
    sb.call('PutBackupVaultAccessPolicy', { BackupVaultName: 'guarded', Policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: '111111111111' }, Action: 'backup:CopyIntoBackupVault' }] }) }, WORK);
    sb.call('DeleteBackupVaultAccessPolicy', { BackupVaultName: 'guarded' }, WORK);
    sb.call('DeleteBackupVault', { BackupVaultName: 'guarded' }, WORK);
  });

  it('accepts notifications to a standard topic of the same account, refuses others', () => {
    const sb = fresh();
    const topic = 'arn:aws:sns:us-east-1:222222222222:backup-events';
    expectRefused(() => sb.call('GetBackupVaultNotifications', { BackupVaultName: 'Default' }, WORK), 'ResourceNotFoundException', 'input.not-found');
    expectRefused(() => sb.call('PutBackupVaultNotifications', { BackupVaultName: 'Default', SNSTopicArn: topic }, WORK), 'MissingParameterValueException', 'input.required');
    expectRefused(
      () => sb.call('PutBackupVaultNotifications', { BackupVaultName: 'Default', SNSTopicArn: 'arn:aws:sns:us-east-1:111111111111:other', BackupVaultEvents: ['BACKUP_JOB_STARTED'] }, WORK),
      'InvalidParameterValueException',
      'vault.notifications',
    );
    expectRefused(
      () => sb.call('PutBackupVaultNotifications', { BackupVaultName: 'Default', SNSTopicArn: `${topic}.fifo`, BackupVaultEvents: ['BACKUP_JOB_STARTED'] }, WORK),
      'InvalidParameterValueException',
      'vault.notifications',
    );
    expectRefused(
      () => sb.call('PutBackupVaultNotifications', { BackupVaultName: 'Default', SNSTopicArn: topic, BackupVaultEvents: ['BACKUP_JOB_DONE'] }, WORK),
      'InvalidParameterValueException',
      'vault.notifications',
    );
    sb.call('PutBackupVaultNotifications', { BackupVaultName: 'Default', SNSTopicArn: topic, BackupVaultEvents: ['BACKUP_JOB_STARTED', 'BACKUP_JOB_COMPLETED', 'BACKUP_JOB_SUCCESSFUL'] }, WORK);
    expect(sb.call('GetBackupVaultNotifications', { BackupVaultName: 'Default' }, WORK)).toMatchObject({ SNSTopicArn: topic });
    // A backup job sends the two subscribed events that still notify; BACKUP_JOB_SUCCESSFUL is deprecated and silent.
    sb.call('StartBackupJob', { BackupVaultName: 'Default', ResourceArn: resourceOf(sb, 'EBS').arn, IamRoleArn: ROLE }, WORK);
    sb.advance(DAY_S);
    const sent = sb.state.notifications.map((n) => n.BackupVaultEvent);
    expect(sent).toEqual(['BACKUP_JOB_STARTED', 'BACKUP_JOB_COMPLETED']);
    expect(sb.state.notifications[0]!.TopicArn).toBe(topic);
    sb.call('DeleteBackupVaultNotifications', { BackupVaultName: 'Default' }, WORK);
    expectRefused(() => sb.call('GetBackupVaultNotifications', { BackupVaultName: 'Default' }, WORK), 'ResourceNotFoundException', 'input.not-found');
  });

  it('limits vaults to 300 per account and Region', () => {
    const sb = fresh();
    const existing = sb.state.vaults.filter((v) => v.accountId === '111111111111' && v.region === 'us-east-1').length;
    for (let i = existing; i < 300; i++) sb.call('CreateBackupVault', { BackupVaultName: `v${i}` }, MGMT);
    const e = expectRefused(() => sb.call('CreateBackupVault', { BackupVaultName: 'one-more' }, MGMT), 'LimitExceededException', 'vault.quota');
    expect(e.message).toContain('300');
    sb.call('CreateBackupVault', { BackupVaultName: 'one-more' }, { ...MGMT, region: 'us-west-2' });
  });
});

describe('quotas met in a lab', () => {
  it('fails backup and copy jobs into a vault that holds its quota of recovery points (lowered for the lab)', () => {
    const sb = fresh();
    sb.configure({ quotaOverrides: { recoveryPointsPerVault: 2 } });
    const ebs = resourceOf(sb, 'EBS');
    const backup = () => {
      const { BackupJobId } = sb.call('StartBackupJob', { BackupVaultName: 'Default', ResourceArn: ebs.arn, IamRoleArn: ROLE }, WORK) as { BackupJobId: string };
      sb.advance(DAY_S);
      return sb.call('DescribeBackupJob', { BackupJobId }, WORK) as { State: string; StatusMessage?: string; SandboxRuleId?: string };
    };
    expect(backup().State).toBe('COMPLETED');
    expect(backup().State).toBe('COMPLETED');
    const third = backup();
    expect(third).toMatchObject({ State: 'FAILED', SandboxRuleId: 'vault.recovery-point-quota' });
    expect(third.StatusMessage).toContain("AWS's quota is 1000000");
    sb.configure({ quotaOverrides: {} });
    expect(backup().State).toBe('COMPLETED');
  });

  it('limits tags to 50 per resource and plan versions to 2,000', () => {
    const sb = fresh();
    const { BackupVaultArn } = sb.call('CreateBackupVault', { BackupVaultName: 'tagged' }, WORK) as { BackupVaultArn: string };
    const tags = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));
    sb.call('TagResource', { ResourceArn: BackupVaultArn, Tags: tags }, WORK);
    expectRefused(() => sb.call('TagResource', { ResourceArn: BackupVaultArn, Tags: { extra: 'v' } }, WORK), 'LimitExceededException', 'tags.backup-arns');
    sb.call('UntagResource', { ResourceArn: BackupVaultArn, TagKeyList: ['k0'] }, WORK);
    sb.call('TagResource', { ResourceArn: BackupVaultArn, Tags: { extra: 'v' } }, WORK);
    expectRefused(() => sb.call('TagResource', { ResourceArn: 'arn:aws:ec2:us-east-1:222222222222:volume/vol-1', Tags: { a: 'b' } }, WORK), 'InvalidParameterValueException', 'tags.backup-arns');

    const rule = (hour: number) => ({ BackupPlan: { BackupPlanName: 'v', Rules: [{ RuleName: 'r', TargetBackupVaultName: 'Default', ScheduleExpression: `cron(${hour % 60} 5 ? * * *)` }] } });
    const { BackupPlanId } = sb.call('CreateBackupPlan', rule(0), WORK) as { BackupPlanId: string };
    for (let i = 1; i < 2000; i++) sb.call('UpdateBackupPlan', { BackupPlanId, ...rule(i) }, WORK);
    expectRefused(() => sb.call('UpdateBackupPlan', { BackupPlanId, ...rule(7) }, WORK), 'LimitExceededException', 'plan.quota');
  });
});
