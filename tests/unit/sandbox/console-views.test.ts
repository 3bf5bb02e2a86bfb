import { describe, expect, it } from 'vitest';
import {
  buildPlanDocument,
  controlParameterDefaults,
  costRows,
  describeExpression,
  frameworkControls,
  dailyMetricTotals,
  estimatePlanMonthlyCost,
  fileNameOf,
  newestFirst,
  parsePlanJson,
  parseTagsText,
  scheduleExpression,
  type PlanFormInput,
} from '../../../src/lib/sandbox/console-views.ts';
import type { MetricDatum } from '../../../src/lib/sandbox/model.ts';
import { parseSchedule } from '../../../src/lib/sandbox/schedule.ts';
import { fresh, resourceOf, ROLE, WORK } from './helpers.ts';

describe('schedule builder', () => {
  it('writes the AWS cron of each choice', () => {
    expect(scheduleExpression({ kind: 'daily', time: '05:00' })).toBe('cron(0 5 ? * * *)');
    expect(scheduleExpression({ kind: 'weekly', time: '03:30', weekday: 'MON' })).toBe('cron(30 3 ? * MON *)');
    expect(scheduleExpression({ kind: 'monthly', time: '05:00', dayOfMonth: 1 })).toBe('cron(0 5 1 * ? *)');
    expect(scheduleExpression({ kind: 'every12h' })).toBe('cron(0 */12 ? * * *)');
    expect(scheduleExpression({ kind: 'hourly' })).toBe('cron(0 * ? * * *)');
  });

  it('falls back to 05:00 and day 1 on malformed input, and every expression parses', () => {
    expect(scheduleExpression({ kind: 'daily', time: '25:00' })).toBe('cron(0 5 ? * * *)');
    expect(scheduleExpression({ kind: 'monthly', time: '01:15', dayOfMonth: 40 })).toBe('cron(15 1 1 * ? *)');
    for (const kind of ['hourly', 'every12h', 'daily', 'weekly', 'monthly'] as const)
      expect(() => parseSchedule(scheduleExpression({ kind, time: '23:59', weekday: 'SUN', dayOfMonth: 31 }))).not.toThrow();
  });
});

describe('tags text', () => {
  it('reads key=value pairs separated by commas', () => {
    expect(parseTagsText('a=b, c=d')).toEqual({ ok: true, value: { a: 'b', c: 'd' } });
    expect(parseTagsText('  ')).toEqual({ ok: true, value: {} });
    expect(parseTagsText('empty=')).toEqual({ ok: true, value: { empty: '' } });
  });

  it('names the malformed pair', () => {
    const bad = parseTagsText('a=b, oops');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toContain('"oops" is not a key=value pair');
    const noKey = parseTagsText('=x');
    expect(noKey.ok).toBe(false);
    const twice = parseTagsText('a=1, a=2');
    expect(twice.ok ? '' : twice.message).toContain('given twice');
  });
});

describe('plan form document', () => {
  const base: PlanFormInput = {
    planName: 'daily',
    ruleName: 'nightly',
    vaultName: 'Default',
    schedule: 'cron(0 5 ? * * *)',
    startWindow: 480,
    completionWindow: 10080,
    coldAfterDays: null,
    deleteAfterDays: null,
    copyDestinationArn: '',
    tagsText: '',
  };

  it('builds the AWS BackupPlan document with only what was given', () => {
    expect(buildPlanDocument(base)).toEqual({
      ok: true,
      document: {
        BackupPlanName: 'daily',
        Rules: [{ RuleName: 'nightly', TargetBackupVaultName: 'Default', ScheduleExpression: 'cron(0 5 ? * * *)', StartWindowMinutes: 480, CompletionWindowMinutes: 10080 }],
      },
    });
    const full = buildPlanDocument({
      ...base,
      coldAfterDays: 30,
      deleteAfterDays: 120,
      copyDestinationArn: 'arn:aws:backup:us-west-2:222222222222:backup-vault:Default',
      tagsText: 'env=prod',
    });
    expect(full.ok && full.document.Rules[0]).toMatchObject({
      Lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 120 },
      CopyActions: [{ DestinationBackupVaultArn: 'arn:aws:backup:us-west-2:222222222222:backup-vault:Default' }],
      RecoveryPointTags: { env: 'prod' },
    });
  });

  it('reports fields that cannot be sent, and leaves AWS rules to AWS', () => {
    const bad = buildPlanDocument({ ...base, startWindow: null, tagsText: 'x' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(['startWindow', 'tags']);
    // A 10-minute start window is AWS's to refuse (with the rule), not the form's.
    expect(buildPlanDocument({ ...base, startWindow: 10 }).ok).toBe(true);
  });
});

describe('plan JSON', () => {
  it('says when the text is not JSON or not an object', () => {
    const notJson = parsePlanJson('{BackupPlanName: daily');
    expect(notJson.ok ? '' : notJson.message).toMatch(/^This is not JSON/);
    expect(parsePlanJson('[1]').ok).toBe(false);
  });

  it('accepts a plan document or the request shape', () => {
    expect(parsePlanJson('{"BackupPlanName":"a","Rules":[]}')).toEqual({ ok: true, value: { BackupPlanName: 'a', Rules: [] } });
    expect(parsePlanJson('{"BackupPlan":{"BackupPlanName":"a","Rules":[]}}')).toEqual({ ok: true, value: { BackupPlanName: 'a', Rules: [] } });
  });
});

describe('schedules in words', () => {
  it('describes a valid expression and names an invalid one', () => {
    expect(describeExpression('cron(0 5 ? * * *)')).toBe('daily at 05:00 UTC');
    expect(describeExpression('cron(0 5 * * * *)')).toMatch(/^not a valid schedule \(/);
  });
});

describe('framework controls', () => {
  it('sends the non-empty parameters a control takes, and the scope type', () => {
    const params = controlParameterDefaults();
    expect(params.BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK).toEqual({ requiredRetentionDays: '35' });
    params.BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK = { minRetentionDays: ' 7 ', maxRetentionDays: '' };
    expect(frameworkControls(['BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK', 'BACKUP_RECOVERY_POINT_ENCRYPTED'], params, 'EBS')).toEqual([
      {
        ControlName: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK',
        ControlInputParameters: [{ ParameterName: 'minRetentionDays', ParameterValue: '7' }],
        ControlScope: { ComplianceResourceTypes: ['EBS'] },
      },
      { ControlName: 'BACKUP_RECOVERY_POINT_ENCRYPTED', ControlScope: { ComplianceResourceTypes: ['EBS'] } },
    ]);
    expect(frameworkControls(['BACKUP_RECOVERY_POINT_ENCRYPTED'], params, '')).toEqual([{ ControlName: 'BACKUP_RECOVERY_POINT_ENCRYPTED' }]);
  });
});

describe('cost rows', () => {
  it('sums lines by factor and type, and shows every factor', () => {
    const line = (factor: 'warm storage' | 'restore', region: string, quantity: number, unitPrice: number) => ({
      factor, accountId: 'a', region, resourceType: 'EFS' as const, quantity, unit: factor === 'restore' ? ('GB' as const) : ('GB-month' as const), unitPrice, cost: quantity * unitPrice,
    });
    const rows = costRows({
      lines: [line('warm storage', 'r1', 10, 0.05), line('warm storage', 'r2', 30, 0.05), line('restore', 'r1', 5, 0.02)],
      total: 2.1,
      byFactor: { 'warm storage': 2, 'cold storage': 0, 'transfer between Regions': 0, restore: 0.1 },
      note: '',
    });
    expect(rows.map((r) => [r.factor, r.resourceType, r.quantity, r.unitPrice])).toEqual([
      ['warm storage', 'EFS', 40, 0.05],
      ['cold storage', undefined, 0, undefined],
      ['transfer between Regions', undefined, 0, undefined],
      ['restore', 'EFS', 5, 0.02],
    ]);
    expect(rows[0]?.cost).toBeCloseTo(2, 9);
  });
});

describe('tables and metrics', () => {
  it('lists newest first with how many more there are', () => {
    expect(newestFirst([{ t: 1 }, { t: 3 }, { t: 2 }], (x) => x.t, 2)).toEqual({ rows: [{ t: 3 }, { t: 2 }], more: 1 });
    expect(fileNameOf('Backup/222222222222/BACKUP_JOB_REPORT/report.csv')).toBe('report.csv');
  });

  it('sums vault datapoints per day and skips the per-resource-type ones', () => {
    const d = (time: number, value: number, dims: { Name: string; Value: string }[]): MetricDatum => ({
      Namespace: 'AWS/Backup', MetricName: 'NumberOfBackupJobsCompleted', Dimensions: dims, Timestamp: time, Value: value, account: 'a', region: 'r',
    });
    const now = Date.UTC(2026, 0, 10, 12);
    const vault = [{ Name: 'BackupVaultName', Value: 'Default' }];
    const metrics = [
      d(Date.UTC(2026, 0, 10, 1), 2, vault),
      d(Date.UTC(2026, 0, 10, 5), 3, vault),
      d(Date.UTC(2026, 0, 10, 5), 3, [...vault, { Name: 'ResourceType', Value: 'EBS' }]),
      d(Date.UTC(2026, 0, 9, 5), 1, vault),
      { ...d(Date.UTC(2026, 0, 9, 5), 7, vault), region: 'other' },
    ];
    const days = dailyMetricTotals(metrics, { accountId: 'a', region: 'r', metricName: 'NumberOfBackupJobsCompleted' }, now, 3);
    expect(days).toEqual([
      { day: '2026-01-08', total: 0 },
      { day: '2026-01-09', total: 1 },
      { day: '2026-01-10', total: 5 },
    ]);
  });
});

describe('estimatePlanMonthlyCost', () => {
  function planOn(lifecycle?: Record<string, number>, copy?: string) {
    const sb = fresh('costs');
    const efs = resourceOf(sb, 'EFS');
    efs.sizeGb = 100;
    const { BackupPlanId } = sb.call(
      'CreateBackupPlan',
      {
        BackupPlan: {
          BackupPlanName: 'efs-daily',
          Rules: [
            {
              RuleName: 'daily',
              TargetBackupVaultName: 'Default',
              ScheduleExpression: 'cron(0 5 ? * * *)',
              ...(lifecycle ? { Lifecycle: lifecycle } : {}),
              ...(copy ? { CopyActions: [{ DestinationBackupVaultArn: copy }] } : {}),
            },
          ],
        },
      },
      WORK,
    ) as { BackupPlanId: string };
    sb.call('CreateBackupSelection', { BackupPlanId, BackupSelection: { SelectionName: 'efs', IamRoleArn: ROLE, Resources: [efs.arn] } }, WORK);
    return { sb, BackupPlanId };
  }

  it('splits one 100 GB EFS daily (cold at 30, delete at 120) into warm and cold GB', () => {
    const { sb, BackupPlanId } = planOn({ MoveToColdStorageAfterDays: 30, DeleteAfterDays: 120 });
    const est = estimatePlanMonthlyCost(sb.state, BackupPlanId);
    expect(est?.resources).toBe(1);
    // By hand: 30 backups a month, each adds 2% of 100 GB = 2 GB. 120 are kept: the 30 youngest
    // are warm (30 x 2 = 60 GB); the 90 older are cold, the oldest holding the full copy
    // (100 + 89 x 2 = 278 GB).
    const warm = est?.lines.find((l) => l.factor === 'warm storage');
    const cold = est?.lines.find((l) => l.factor === 'cold storage');
    expect(warm?.quantity).toBeCloseTo(60, 6);
    expect(cold?.quantity).toBeCloseTo(278, 6);
    expect(warm?.unitPrice).toBe(0.05);
    expect(cold?.unitPrice).toBe(0.01);
    expect(est?.total).toBeCloseTo(60 * 0.05 + 278 * 0.01, 6);
    expect(est?.assumptions.join(' ')).not.toContain('365 days');
  });

  it('assumes 365 days of backups when the rule has no lifecycle, and says so', () => {
    const { sb, BackupPlanId } = planOn();
    const est = estimatePlanMonthlyCost(sb.state, BackupPlanId);
    expect(est?.lines).toHaveLength(1);
    // 365 backups kept, all warm: 100 + 364 x 2 GB.
    expect(est?.lines[0]?.quantity).toBeCloseTo(828, 6);
    expect(est?.assumptions.some((a) => a.includes('no DeleteAfterDays') && a.includes('365 days'))).toBe(true);
  });

  it('adds the copies and their transfer when a copy goes to another Region', () => {
    const { sb, BackupPlanId } = planOn({ DeleteAfterDays: 35 }, 'arn:aws:backup:us-west-2:222222222222:backup-vault:Default');
    const est = estimatePlanMonthlyCost(sb.state, BackupPlanId);
    const transfer = est?.lines.find((l) => l.factor === 'transfer between Regions');
    expect(transfer?.quantity).toBeCloseTo(30 * 2, 6);
    expect(transfer?.where).toBe('to Default (us-west-2)');
    expect(est?.lines.filter((l) => l.factor === 'warm storage').map((l) => l.quantity)).toEqual([100 + 34 * 2, 100 + 34 * 2]);
  });

  it('is undefined for an unknown plan and empty for a plan without resources', () => {
    const sb = fresh('costs');
    expect(estimatePlanMonthlyCost(sb.state, 'nope')).toBeUndefined();
    const { BackupPlanId } = sb.call(
      'CreateBackupPlan',
      { BackupPlan: { BackupPlanName: 'empty', Rules: [{ RuleName: 'r', TargetBackupVaultName: 'Default' }] } },
      WORK,
    ) as { BackupPlanId: string };
    const est = estimatePlanMonthlyCost(sb.state, BackupPlanId);
    expect(est?.lines).toEqual([]);
    expect(est?.total).toBe(0);
    expect(est?.assumptions.join(' ')).toContain('selects no resources');
  });

  it('counts a continuous backup of RDS as one full copy', () => {
    const sb = fresh('costs');
    const rds = resourceOf(sb, 'RDS');
    const { BackupPlanId } = sb.call(
      'CreateBackupPlan',
      { BackupPlan: { BackupPlanName: 'pitr', Rules: [{ RuleName: 'c', TargetBackupVaultName: 'Default', EnableContinuousBackup: true, Lifecycle: { DeleteAfterDays: 35 } }] } },
      WORK,
    ) as { BackupPlanId: string };
    sb.call('CreateBackupSelection', { BackupPlanId, BackupSelection: { SelectionName: 'db', IamRoleArn: ROLE, Resources: [rds.arn] } }, WORK);
    const est = estimatePlanMonthlyCost(sb.state, BackupPlanId);
    expect(est?.lines.map((l) => [l.factor, l.quantity, l.unitPrice])).toEqual([['warm storage', rds.sizeGb, 0.095]]);
    expect(est?.assumptions.join(' ')).toContain('continuous backup');
  });

  it('counts weekly runs fairly (about 4.3 a month)', () => {
    const sb = fresh('costs');
    const { BackupPlanId } = sb.call(
      'CreateBackupPlan',
      { BackupPlan: { BackupPlanName: 'weekly', Rules: [{ RuleName: 'w', TargetBackupVaultName: 'Default', ScheduleExpression: 'cron(0 5 ? * SUN *)', Lifecycle: { DeleteAfterDays: 70 } }] } },
      WORK,
    ) as { BackupPlanId: string };
    const ebs = resourceOf(sb, 'EBS');
    ebs.sizeGb = 100;
    sb.call('CreateBackupSelection', { BackupPlanId, BackupSelection: { SelectionName: 'one', IamRoleArn: ROLE, Resources: [ebs.arn] } }, WORK);
    const est = estimatePlanMonthlyCost(sb.state, BackupPlanId);
    // 51 or 52 Sundays in 360 days: an interval of about 7 days, so 14% of 100 GB per backup, 10 kept.
    expect(est?.lines[0]?.quantity).toBeGreaterThan(100 + 9 * 13.5);
    expect(est?.lines[0]?.quantity).toBeLessThan(100 + 10 * 14.5);
  });
});

describe('costs by month', () => {
  it('turns monthly snapshots of costs so far into what each month added, with the running month last', async () => {
    const { monthlyCosts } = await import('../../../src/lib/sandbox/console-views.ts');
    const f = (warm: number, cold = 0) => ({ 'warm storage': warm, 'cold storage': cold, 'transfer between Regions': 0, restore: 0 });
    const history = [
      { at: Date.UTC(2026, 1, 1), totals: { '222222222222|us-east-1': f(10), '111111111111|us-east-1': f(1) } },
      { at: Date.UTC(2026, 2, 1), totals: { '222222222222|us-east-1': f(25, 2), '111111111111|us-east-1': f(2) } },
    ];
    const now = { lines: [], total: 40, byFactor: f(35, 5), note: '' };
    const months = monthlyCosts(history, now, Date.UTC(2026, 2, 10), '222222222222|us-east-1');
    expect(months.map((m) => [m.month, m.total, m.partial])).toEqual([
      ['2026-01', 10, false],
      ['2026-02', 17, false],
      ['2026-03', 13, true],
    ]);
    expect(monthlyCosts(history, { ...now, byFactor: f(38, 5) }, Date.UTC(2026, 2, 10)).map((m) => m.total)).toEqual([11, 18, 14]);
    // Exactly at a snapshot, there is no running month yet.
    expect(monthlyCosts(history, now, Date.UTC(2026, 2, 1), '222222222222|us-east-1')).toHaveLength(2);
  });
});
