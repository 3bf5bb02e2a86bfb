/** Shared bits of the sandbox tests: callers, and a check that a call is refused for the right reason. */
import { expect } from 'vitest';
import { Sandbox } from '../../../src/lib/sandbox/engine.ts';
import { BackupError, type BackupExceptionName } from '../../../src/lib/sandbox/errors.ts';
import type { CallContext } from '../../../src/lib/sandbox/api.ts';

export const MGMT: CallContext = { accountId: '111111111111', region: 'us-east-1' };
export const WORK: CallContext = { accountId: '222222222222', region: 'us-east-1' };
export const WORK_WEST: CallContext = { accountId: '222222222222', region: 'us-west-2' };
export const ROLE = 'arn:aws:iam::222222222222:role/service-role/AWSBackupDefaultServiceRole';
export const DAY_S = 86_400;

/** The BackupError a call throws; fails the test when it does not throw one. */
export function refusal(fn: () => unknown): BackupError {
  try {
    fn();
  } catch (e) {
    if (e instanceof BackupError) return e;
    throw e;
  }
  throw new Error('expected the call to be refused, but it succeeded');
}

/** Asserts the call is refused with this AWS exception and this sandbox rule; returns the error. */
export function expectRefused(fn: () => unknown, name: BackupExceptionName, ruleId: string): BackupError {
  const e = refusal(fn);
  expect(e.name).toBe(name);
  expect(e.rule?.id).toBe(ruleId);
  return e;
}

export function fresh(seed = 'test'): Sandbox {
  return Sandbox.create({ seed });
}

/** A resource of the workload account in us-east-1 of the given type. */
export function resourceOf(sb: Sandbox, type: string, ctx: CallContext = WORK) {
  const r = sb.state.resources.find((x) => x.type === type && x.accountId === ctx.accountId && x.region === ctx.region);
  if (!r) throw new Error(`no ${type} in ${ctx.accountId}/${ctx.region}`);
  return r;
}

/** A daily plan on `vault` for the given resources, with one selection. */
export function dailyPlan(
  sb: Sandbox,
  opts: { vault?: string; resources: string[]; lifecycle?: Record<string, number>; copy?: { DestinationBackupVaultArn: string; Lifecycle?: Record<string, number> }[]; ctx?: CallContext; name?: string },
) {
  const ctx = opts.ctx ?? WORK;
  const plan = sb.call(
    'CreateBackupPlan',
    {
      BackupPlan: {
        BackupPlanName: opts.name ?? 'daily',
        Rules: [
          {
            RuleName: 'daily',
            TargetBackupVaultName: opts.vault ?? 'Default',
            ScheduleExpression: 'cron(0 5 ? * * *)',
            ...(opts.lifecycle ? { Lifecycle: opts.lifecycle } : {}),
            ...(opts.copy ? { CopyActions: opts.copy } : {}),
          },
        ],
      },
    },
    ctx,
  ) as { BackupPlanId: string };
  sb.call(
    'CreateBackupSelection',
    { BackupPlanId: plan.BackupPlanId, BackupSelection: { SelectionName: 'picked', IamRoleArn: `arn:aws:iam::${ctx.accountId}:role/backup`, Resources: opts.resources } },
    ctx,
  );
  return plan.BackupPlanId;
}
