import { describe, expect, it } from 'vitest';
import { DAY_S, expectRefused, fresh, MGMT, resourceOf, WORK } from './helpers.ts';

const rule = (extra: Record<string, unknown> = {}) => ({ RuleName: 'r1', TargetBackupVaultName: 'Default', ...extra });
const plan = (name: string, rules: unknown[]) => ({ BackupPlan: { BackupPlanName: name, Rules: rules } });

describe('backup plans', () => {
  it('creates a plan with AWS defaults filled in', () => {
    const sb = fresh();
    const out = sb.call('CreateBackupPlan', plan('p1', [rule()]), WORK);
    expect(out.BackupPlanArn).toBe(`arn:aws:backup:us-east-1:222222222222:backup-plan:${out.BackupPlanId}`);
    const got = sb.call('GetBackupPlan', { BackupPlanId: out.BackupPlanId }, WORK) as { BackupPlan: { Rules: Record<string, unknown>[] }; VersionId: string };
    expect(got.VersionId).toBe(out.VersionId);
    expect(got.BackupPlan.Rules[0]).toMatchObject({
      ScheduleExpression: 'cron(0 5 ? * * *)',
      ScheduleExpressionTimezone: 'Etc/UTC',
      StartWindowMinutes: 480,
      CompletionWindowMinutes: 10_080,
    });
    expect(typeof got.BackupPlan.Rules[0]!.RuleId).toBe('string');
  });

  it('refuses bad names, rules, schedules and windows', () => {
    const sb = fresh();
    const create = (name: string, rules: unknown[]) => () => sb.call('CreateBackupPlan', plan(name, rules), WORK);
    expectRefused(create('has space', [rule()]), 'InvalidParameterValueException', 'plan.name');
    expectRefused(create('x'.repeat(51), [rule()]), 'InvalidParameterValueException', 'plan.name');
    expectRefused(() => sb.call('CreateBackupPlan', { BackupPlan: { BackupPlanName: 'p' } }, WORK), 'MissingParameterValueException', 'input.required');
    expectRefused(create('p', [rule({ RuleName: 'bad name' })]), 'InvalidParameterValueException', 'plan.rule');
    expectRefused(create('p', [rule(), rule()]), 'InvalidParameterValueException', 'plan.rule');
    expectRefused(create('p', [rule({ TargetBackupVaultName: 'missing' })]), 'InvalidParameterValueException', 'plan.rule');
    expectRefused(create('p', [rule({ ScheduleExpression: 'cron(0 5 * * * *)' })]), 'InvalidParameterValueException', 'plan.rule');
    expectRefused(create('p', [rule({ ScheduleExpression: 'cron(0/30 * ? * * *)' })]), 'InvalidParameterValueException', 'plan.rule');
    expectRefused(create('p', [rule({ ScheduleExpressionTimezone: 'Europe/Paris' })]), 'InvalidParameterValueException', 'plan.rule');
    const sw = expectRefused(create('p', [rule({ StartWindowMinutes: 30 })]), 'InvalidParameterValueException', 'plan.windows');
    expect(sw.message).toBe('Error in rule r1 : StartWindowMinutes must be at least 60 (got 30)');
    expect(sw.context).toBe('r1');
    expectRefused(create('p', [rule({ StartWindowMinutes: 600, CompletionWindowMinutes: 120 })]), 'InvalidParameterValueException', 'plan.windows');
    sb.call('CreateBackupPlan', plan('hourly', [rule({ ScheduleExpression: 'cron(0 * ? * * *)', StartWindowMinutes: 60, CompletionWindowMinutes: 120 })]), WORK);
    sb.call('CreateBackupPlan', plan('rate', [rule({ ScheduleExpression: 'rate(12 hours)' })]), WORK);
  });

  it('enforces the 90-day cold storage minimum and the continuous backup limits, with AWS messages', () => {
    const sb = fresh();
    const create = (r: Record<string, unknown>) => () => sb.call('CreateBackupPlan', plan('lc', [rule(r)]), WORK);
    const gap = expectRefused(create({ Lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 100 } }), 'InvalidParameterValueException', 'plan.lifecycle-cold');
    expect(gap.message).toBe('Error in rule r1 : Invalid lifecycle. DeleteAfterDays cannot be less than 90 days apart from MoveToColdStorageAfterDays');
    sb.call('CreateBackupPlan', plan('lc-ok', [rule({ Lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 120 } })]), WORK);
    sb.call('CreateBackupPlan', plan('lc-short', [rule({ Lifecycle: { DeleteAfterDays: 15 } })]), WORK);
    expect(expectRefused(create({ Lifecycle: { DeleteAfterDays: 36_501 } }), 'InvalidParameterValueException', 'plan.lifecycle-cold').message).toBe(
      'Error in rule r1 : Invalid lifecycle. DeleteAfterDays cannot be less than 1 or more than 36500 days',
    );
    expect(expectRefused(create({ EnableContinuousBackup: true }), 'InvalidParameterValueException', 'plan.continuous').message).toBe(
      'Error in rule r1 : Lifecycle must be specified for backup rule enabled continuous backup',
    );
    expect(
      expectRefused(create({ EnableContinuousBackup: true, Lifecycle: { MoveToColdStorageAfterDays: 1, DeleteAfterDays: 91 } }), 'InvalidParameterValueException', 'plan.continuous')
        .message,
    ).toBe('Error in rule r1 : Invalid lifecycle. MoveToColdStorageAfterDays is unavailable');
    expectRefused(create({ EnableContinuousBackup: true, Lifecycle: { DeleteAfterDays: 36 } }), 'InvalidParameterValueException', 'plan.continuous');
    sb.call('CreateBackupPlan', plan('pitr', [rule({ EnableContinuousBackup: true, Lifecycle: { DeleteAfterDays: 35 } })]), WORK);
  });

  it('allows at most 5 copy actions to well-formed vault ARNs, and tags for recovery points', () => {
    const sb = fresh();
    const dest = (i: number) => ({ DestinationBackupVaultArn: `arn:aws:backup:us-west-2:222222222222:backup-vault:copy${i}` });
    const ok = sb.call('CreateBackupPlan', plan('copies', [rule({ CopyActions: [1, 2, 3, 4, 5].map(dest), RecoveryPointTags: { source: 'plan' } })]), WORK);
    expect(ok.BackupPlanId).toBeTruthy();
    const e = expectRefused(() => sb.call('CreateBackupPlan', plan('six', [rule({ CopyActions: [1, 2, 3, 4, 5, 6].map(dest) })]), WORK), 'InvalidParameterValueException', 'plan.copy-actions');
    expect(e.message).toContain('at most 5 copy actions');
    expectRefused(
      () => sb.call('CreateBackupPlan', plan('bad', [rule({ CopyActions: [{ DestinationBackupVaultArn: 'arn:aws:s3:::bucket' }] })]), WORK),
      'InvalidParameterValueException',
      'plan.copy-actions',
    );
  });

  it('refuses an identical plan document, but not the same name with another document', () => {
    const sb = fresh();
    sb.call('CreateBackupPlan', plan('same', [rule()]), WORK);
    const e = expectRefused(() => sb.call('CreateBackupPlan', plan('same', [rule()]), WORK), 'AlreadyExistsException', 'plan.identical-document');
    expect(e.message).toBe('Backup plan with the same plan document already exists');
    sb.call('CreateBackupPlan', plan('same', [rule({ StartWindowMinutes: 120 })]), WORK);
    // Another account is another world.
    sb.call('CreateBackupPlan', plan('same', [rule()]), MGMT);
  });

  it('returns the same plan for a repeated CreatorRequestId', () => {
    const sb = fresh();
    const a = sb.call('CreateBackupPlan', { ...plan('idem', [rule()]), CreatorRequestId: 'req-1' }, WORK);
    const b = sb.call('CreateBackupPlan', { ...plan('idem', [rule()]), CreatorRequestId: 'req-1' }, WORK);
    expect(b.BackupPlanId).toBe(a.BackupPlanId);
  });

  it('keeps versions: update makes a new version id, old versions stay readable, the name cannot change', () => {
    const sb = fresh();
    const a = sb.call('CreateBackupPlan', plan('ver', [rule()]), WORK);
    const b = sb.call('UpdateBackupPlan', { BackupPlanId: a.BackupPlanId, ...plan('ver', [rule({ ScheduleExpression: 'cron(0 3 ? * * *)' })]) }, WORK);
    expect(b.VersionId).not.toBe(a.VersionId);
    const versions = sb.call('ListBackupPlanVersions', { BackupPlanId: a.BackupPlanId }, WORK).BackupPlanVersionsList as { VersionId: string }[];
    expect(versions.map((v) => v.VersionId)).toEqual([b.VersionId, a.VersionId]);
    const old = sb.call('GetBackupPlan', { BackupPlanId: a.BackupPlanId, VersionId: a.VersionId }, WORK) as { BackupPlan: { Rules: { ScheduleExpression: string; RuleId: string }[] } };
    expect(old.BackupPlan.Rules[0]!.ScheduleExpression).toBe('cron(0 5 ? * * *)');
    const now = sb.call('GetBackupPlan', { BackupPlanId: a.BackupPlanId }, WORK) as { BackupPlan: { Rules: { RuleId: string }[] } };
    expect(now.BackupPlan.Rules[0]!.RuleId).toBe(old.BackupPlan.Rules[0]!.RuleId);
    expectRefused(() => sb.call('UpdateBackupPlan', { BackupPlanId: a.BackupPlanId, ...plan('renamed', [rule()]) }, WORK), 'InvalidParameterValueException', 'plan.name');
    expectRefused(() => sb.call('GetBackupPlan', { BackupPlanId: a.BackupPlanId, VersionId: 'nope' }, WORK), 'ResourceNotFoundException', 'input.not-found');
  });

  it('deletes a plan only after its resource assignments are deleted (the note\'s rule)', () => {
    const sb = fresh();
    const p = sb.call('CreateBackupPlan', plan('del', [rule()]), WORK);
    const s = sb.call(
      'CreateBackupSelection',
      { BackupPlanId: p.BackupPlanId, BackupSelection: { SelectionName: 'all-ebs', IamRoleArn: 'arn:aws:iam::222222222222:role/b', Resources: ['arn:aws:ec2:*:*:volume/*'] } },
      WORK,
    );
    const e = expectRefused(() => sb.call('DeleteBackupPlan', { BackupPlanId: p.BackupPlanId }, WORK), 'InvalidRequestException', 'plan.delete-with-selections');
    expect(e.message).toBe('Related backup plan selections must be deleted prior to backup plan deletion');
    expect(e.rule?.sources[0]).toMatchObject({ kind: 'note', fact: 'deleting a backup plan requires deletion of all resources associated with it' });
    sb.call('DeleteBackupSelection', { BackupPlanId: p.BackupPlanId, SelectionId: s.SelectionId }, WORK);
    const d = sb.call('DeleteBackupPlan', { BackupPlanId: p.BackupPlanId }, WORK);
    expect(d.DeletionDate).toBeInstanceOf(Date);
    expect((sb.call('ListBackupPlans', {}, WORK).BackupPlansList as unknown[]).length).toBe(0);
    expect((sb.call('ListBackupPlans', { IncludeDeleted: true }, WORK).BackupPlansList as unknown[]).length).toBe(1);
    expect(sb.call('GetBackupPlan', { BackupPlanId: p.BackupPlanId }, WORK).DeletionDate).toBeInstanceOf(Date);
    expectRefused(() => sb.call('DeleteBackupPlan', { BackupPlanId: p.BackupPlanId }, WORK), 'ResourceNotFoundException', 'input.not-found');
  });

  it('limits plans to 300 per account and Region', () => {
    const sb = fresh();
    for (let i = 0; i < 300; i++) sb.call('CreateBackupPlan', plan(`p${i}`, [rule()]), WORK);
    expectRefused(() => sb.call('CreateBackupPlan', plan('p300', [rule()]), WORK), 'LimitExceededException', 'plan.quota');
  });

  it('accepts only EC2 WindowsVSS as advanced backup settings', () => {
    const sb = fresh();
    const withSettings = (s: unknown) => ({ BackupPlan: { BackupPlanName: 'adv', Rules: [rule()], AdvancedBackupSettings: s } });
    sb.call('CreateBackupPlan', withSettings([{ ResourceType: 'EC2', BackupOptions: { WindowsVSS: 'enabled' } }]), WORK);
    expectRefused(() => sb.call('CreateBackupPlan', withSettings([{ ResourceType: 'EBS', BackupOptions: { WindowsVSS: 'enabled' } }]), WORK), 'InvalidParameterValueException', 'plan.advanced-settings');
    expectRefused(() => sb.call('CreateBackupPlan', withSettings([{ ResourceType: 'EC2', BackupOptions: { WindowsVSS: 'on' } }]), WORK), 'InvalidParameterValueException', 'plan.advanced-settings');
  });
});

describe('resource assignments (selections)', () => {
  const select = (sb: ReturnType<typeof fresh>, planId: string, body: Record<string, unknown>) =>
    sb.call('CreateBackupSelection', { BackupPlanId: planId, BackupSelection: { SelectionName: 's', IamRoleArn: 'arn:aws:iam::222222222222:role/b', ...body } }, WORK);

  function jobsAfterADay(sb: ReturnType<typeof fresh>) {
    sb.advance(DAY_S);
    return (sb.call('ListBackupJobs', {}, WORK).BackupJobs as { ResourceArn: string; ResourceType: string }[]).map((j) => j.ResourceArn).sort();
  }

  it('by resource type backs up every resource of that type (the note\'s first way)', () => {
    const sb = fresh();
    const p = sb.call('CreateBackupPlan', plan('type', [rule()]), WORK);
    select(sb, p.BackupPlanId as string, { Resources: ['arn:aws:ec2:*:*:volume/*'] });
    const expected = sb.state.resources.filter((r) => r.type === 'EBS' && r.accountId === '222222222222' && r.region === 'us-east-1').map((r) => r.arn).sort();
    expect(expected.length).toBeGreaterThan(1);
    expect(jobsAfterADay(sb)).toEqual(expected);
  });

  it('by resource backs up that one resource (the note\'s second way)', () => {
    const sb = fresh();
    const p = sb.call('CreateBackupPlan', plan('one', [rule()]), WORK);
    const rds = resourceOf(sb, 'RDS');
    select(sb, p.BackupPlanId as string, { Resources: [rds.arn] });
    expect(jobsAfterADay(sb)).toEqual([rds.arn]);
  });

  it('by tag, with conditions and NotResources narrowing it', () => {
    const sb = fresh();
    const p = sb.call('CreateBackupPlan', plan('tags', [rule()]), WORK);
    const rds = resourceOf(sb, 'RDS');
    select(sb, p.BackupPlanId as string, {
      ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }],
      NotResources: [rds.arn],
      Conditions: { StringEquals: [{ ConditionKey: 'aws:ResourceTag/env', ConditionValue: 'prod' }] },
    });
    const expected = sb.state.resources
      .filter((r) => r.accountId === '222222222222' && r.region === 'us-east-1' && r.tags.backup === 'daily' && r.tags.env === 'prod' && r.arn !== rds.arn)
      .map((r) => r.arn)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(jobsAfterADay(sb)).toEqual(expected);
  });

  it('refuses empty selections, inner wildcards, foreign roles and too many ARNs', () => {
    const sb = fresh();
    const p = sb.call('CreateBackupPlan', plan('bad', [rule()]), WORK);
    const id = p.BackupPlanId as string;
    expect(expectRefused(() => select(sb, id, {}), 'InvalidParameterValueException', 'selection.by-type-or-resource').message).toBe(
      "Invalid backup selection. Either 'ListOfTags' or 'Resources' section must be non-empty.",
    );
    expectRefused(() => select(sb, id, { Resources: ['arn:aws:s3:::*-logs'] }), 'InvalidParameterValueException', 'selection.wildcards');
    select(sb, id, { Resources: ['arn:aws:s3:::assets-*'] });
    expectRefused(
      () => sb.call('CreateBackupSelection', { BackupPlanId: id, BackupSelection: { SelectionName: 'x', IamRoleArn: 'arn:aws:iam::111111111111:role/b', Resources: ['*'] } }, WORK),
      'InvalidParameterValueException',
      'selection.role',
    );
    expectRefused(() => sb.call('CreateBackupSelection', { BackupPlanId: id, BackupSelection: { SelectionName: 'x', Resources: ['*'] } }, WORK), 'MissingParameterValueException', 'input.required');
    const many = Array.from({ length: 31 }, (_, i) => `arn:aws:s3:::b${i}-*`);
    expectRefused(() => select(sb, id, { SelectionName: 'many', Resources: many }), 'InvalidParameterValueException', 'selection.wildcards');
    expectRefused(() => select(sb, id, { Resources: ['*'] }), 'AlreadyExistsException', 'selection.by-type-or-resource');
    expectRefused(() => select(sb, 'no-such-plan', { Resources: ['*'] }), 'ResourceNotFoundException', 'input.not-found');
  });

  it('allows at most 100 selections per plan', () => {
    const sb = fresh();
    const p = sb.call('CreateBackupPlan', plan('hundred', [rule()]), WORK);
    for (let i = 0; i < 100; i++) select(sb, p.BackupPlanId as string, { SelectionName: `s${i}`, Resources: ['*'] });
    expectRefused(() => select(sb, p.BackupPlanId as string, { SelectionName: 's100', Resources: ['*'] }), 'LimitExceededException', 'selection.quota');
    expect((sb.call('ListBackupSelections', { BackupPlanId: p.BackupPlanId }, WORK).BackupSelectionsList as unknown[]).length).toBe(100);
  });

  it('gets and lists selections as AWS returns them', () => {
    const sb = fresh();
    const p = sb.call('CreateBackupPlan', plan('get', [rule()]), WORK);
    const s = select(sb, p.BackupPlanId as string, { Resources: ['arn:aws:ec2:*:*:volume/*'] });
    const got = sb.call('GetBackupSelection', { BackupPlanId: p.BackupPlanId, SelectionId: s.SelectionId }, WORK);
    expect(got.BackupSelection).toEqual({ SelectionName: 's', IamRoleArn: 'arn:aws:iam::222222222222:role/b', Resources: ['arn:aws:ec2:*:*:volume/*'] });
  });
});
