/**
 * The machinery of the sandbox property tests (`properties.test.ts`, long
 * sequences; `short-sequences.test.ts`, many short ones): fast-check draws
 * random sequences of commands, a `Driver` runs each one through `Sandbox.call`
 * (a BackupError is a valid refusal; any other exception fails the test) and
 * named invariants are checked after every command, so a failure says which
 * rule broke and after which command. "Pick an existing X" arguments are
 * indexes resolved at run time against the current state (sorted, index %
 * length), so every sequence stays meaningful while fast-check shrinks it.
 *
 * Commands: createVault, deleteVault, putLock (valid and invalid min/max/
 * changeable), deleteLock, createPlan / updatePlan (1-2 rules: hourly, 12-hourly,
 * daily, weekly or invalid schedules; lifecycles with and without cold storage,
 * invalid gaps; copy actions to another Region's or another account's vault;
 * continuous backup), deletePlan, createSelection (type ARN pattern, one
 * resource of the inventory, tag, nothing), deleteSelection, startBackupJob,
 * stopBackupJob, deleteRecoveryPoint, updateRecoveryPointLifecycle,
 * startCopyJob, startRestoreJob, updateGlobalSettings (cross-account on/off),
 * putAccessPolicy (allow copy into / deny delete / deny all / not JSON),
 * advance (1 min to 40 days), advanceToNextEvent, saveAndLoad, and fill
 * (vaults, plans, selections or frameworks up to their quota).
 *
 * Invariants (checked after every command): quotasNotExceeded,
 * lockedRecoveryPointsKept, providedVaultsExist, planDeletedOnlyWithoutSelections,
 * recoveryPointsLostOnlyByLifecycleOrDeletion, jobStatesSane, refusalsNamed
 * (every refusal has an AWS exception name, a message and a rule id), and
 * saveThenLoadIsIdentity (`roundTrips`).
 *
 * Switches: FC_SEED / FC_PATH replay a reported failure; PROPS_RUNS_SCALE=<k>
 * multiplies the run counts (a soak).
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { ApiInput, ApiOutput } from '../../../src/lib/sandbox/api.ts';
import { Sandbox } from '../../../src/lib/sandbox/engine.ts';
import { BackupError, HTTP_STATUS } from '../../../src/lib/sandbox/errors.ts';
import { RULES } from '../../../src/lib/sandbox/rules.ts';
import type { Lifecycle, RecoveryPoint, SandboxState, SavedState } from '../../../src/lib/sandbox/model.ts';

// --- the world ----------------------------------------------------------------

export const DAY_MS = 86_400_000;
/** How long a DeleteRecoveryPoint takes to purge (DELETING, then gone). */
export const PURGE_DELAY_MS = 5 * 60_000;
export const MGMT_ID = '111111111111';
export const WORK_ID = '222222222222';
export const ACCOUNTS = [MGMT_ID, WORK_ID] as const;
export const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'] as const;
export const EFS_VAULT = 'aws/efs/automatic-backup-vault';

/** Quotas under the default 'notes' profile. */
export const QUOTA = { vaults: 300, plans: 300, selections: 100, versions: 2000, frameworks: 10 } as const;

export const PLACES = {
  'work/us-east-1': { accountId: WORK_ID, region: 'us-east-1' },
  'work/us-west-2': { accountId: WORK_ID, region: 'us-west-2' },
  'work/eu-west-1': { accountId: WORK_ID, region: 'eu-west-1' },
  'mgmt/us-east-1': { accountId: MGMT_ID, region: 'us-east-1' },
  'mgmt/us-west-2': { accountId: MGMT_ID, region: 'us-west-2' },
} as const;
export type Place = keyof typeof PLACES;
export interface Where {
  accountId: string;
  region: string;
}

export const otherAccount = (a: string) => (a === MGMT_ID ? WORK_ID : MGMT_ID);
export function otherRegion(r: string): string {
  const i = REGIONS.indexOf(r as (typeof REGIONS)[number]);
  return REGIONS[(i + 1) % REGIONS.length] as string;
}
export const vaultArn = (region: string, accountId: string, name: string) => `arn:aws:backup:${region}:${accountId}:backup-vault:${name}`;
export const roleOf = (accountId: string) => `arn:aws:iam::${accountId}:role/backup`;

// --- commands -----------------------------------------------------------------

export type LifecycleInput = Record<string, number> | null;
export type Dest = 'otherRegion/Default' | 'otherRegion/prod' | 'otherAccount/Default' | 'otherAccount/prod' | 'sameRegion/logs' | 'missing' | 'invalid';
export interface RuleSpec {
  name: string;
  vault: string;
  schedule: string;
  lifecycle: LifecycleInput;
  copy: Dest | null;
  continuous: boolean;
}
export type SelectionSpec = { by: 'type'; pattern: string } | { by: 'resource'; pick: number } | { by: 'tag'; key: string; value: string } | { by: 'nothing' };
export type PolicyKind = 'allowCopyFromOtherAccount' | 'allowCopyFromAnyone' | 'denyDeleteRecoveryPoint' | 'denyEverything' | 'notJson';

export type Command =
  | { t: 'createVault'; at: Place; name: string }
  | { t: 'deleteVault'; at: Place; name: string }
  | { t: 'putLock'; at: Place; vault: string; min: number | null; max: number | null; changeable: number | null }
  | { t: 'deleteLock'; at: Place; vault: string }
  | { t: 'createPlan'; at: Place; name: string; rules: RuleSpec[] }
  | { t: 'updatePlan'; pick: number; rename: boolean; rules: RuleSpec[] }
  | { t: 'deletePlan'; pick: number; elsewhere: boolean }
  | { t: 'createSelection'; pick: number; name: string; sel: SelectionSpec; foreignRole: boolean }
  | { t: 'deleteSelection'; pick: number }
  | { t: 'startBackupJob'; pick: number; vault: string; lifecycle: LifecycleInput; startWindow: number | null; completeWindow: number | null; elsewhere: boolean }
  | { t: 'stopBackupJob'; pick: number }
  | { t: 'deleteRecoveryPoint'; pick: number }
  | { t: 'updateRecoveryPointLifecycle'; pick: number; lifecycle: LifecycleInput }
  | { t: 'startCopyJob'; pick: number; dest: Dest; lifecycle: LifecycleInput }
  | { t: 'startRestoreJob'; pick: number }
  | { t: 'updateGlobalSettings'; enabled: boolean; fromManagement: boolean }
  | { t: 'putAccessPolicy'; at: Place; vault: string; policy: PolicyKind }
  | { t: 'advance'; seconds: number }
  | { t: 'advanceToNextEvent' }
  | { t: 'saveAndLoad' }
  | { t: 'fill'; what: 'vaults' | 'plans' | 'selections' | 'frameworks'; at: Place; pick: number };

const placeArb: fc.Arbitrary<Place> = fc.oneof(
  { arbitrary: fc.constant<Place>('work/us-east-1'), weight: 4 },
  { arbitrary: fc.constant<Place>('work/us-west-2'), weight: 2 },
  { arbitrary: fc.constant<Place>('mgmt/us-east-1'), weight: 2 },
  { arbitrary: fc.constant<Place>('work/eu-west-1'), weight: 1 },
  { arbitrary: fc.constant<Place>('mgmt/us-west-2'), weight: 1 },
);
/** Vault names used by commands: provided vaults, custom ones, one that never exists, an invalid one. */
const vaultNameArb = fc.oneof(
  { arbitrary: fc.constant('Default'), weight: 4 },
  { arbitrary: fc.constant('prod'), weight: 3 },
  { arbitrary: fc.constantFrom('logs', EFS_VAULT, 'missing-vault'), weight: 2 },
);
const newVaultNameArb = fc.constantFrom('prod', 'logs', 'x', 'bad name');
const LIFECYCLES: LifecycleInput[] = [
  null,
  { DeleteAfterDays: 1 },
  { DeleteAfterDays: 7 },
  { DeleteAfterDays: 35 },
  { DeleteAfterDays: 400 },
  { MoveToColdStorageAfterDays: 1, DeleteAfterDays: 91 },
  { MoveToColdStorageAfterDays: 7, DeleteAfterDays: 97 },
  { MoveToColdStorageAfterDays: 14 },
  // Invalid: less than 90 days between cold and deletion; out of range.
  { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 100 },
  { DeleteAfterDays: 0 },
  // Both -1: no lifecycle (keep forever).
  { MoveToColdStorageAfterDays: -1, DeleteAfterDays: -1 },
];
const lifecycleArb = fc.constantFrom(...LIFECYCLES);
const SCHEDULES = [
  'cron(0 * ? * * *)', // hourly
  'rate(12 hours)',
  'cron(0 5 ? * * *)', // daily
  'rate(1 day)',
  'cron(0 5 ? * SUN *)', // weekly
  'rate(7 days)',
  'cron(*/10 * ? * * *)', // invalid: more often than hourly
  'rate(5 minutes)', // invalid
  'cron(nope)', // invalid
];
const scheduleArb = fc.oneof(
  { arbitrary: fc.constantFrom(...SCHEDULES.slice(0, 2)), weight: 1 },
  { arbitrary: fc.constantFrom(...SCHEDULES.slice(2, 6)), weight: 4 },
  { arbitrary: fc.constantFrom(...SCHEDULES.slice(6)), weight: 1 },
);
const destArb = fc.constantFrom<Dest>('otherRegion/Default', 'otherRegion/prod', 'otherAccount/Default', 'otherAccount/prod', 'sameRegion/logs', 'missing', 'invalid');
const ruleArb: fc.Arbitrary<RuleSpec> = fc.record({
  name: fc.constantFrom('r1', 'r2'),
  vault: fc.oneof({ arbitrary: fc.constant('Default'), weight: 5 }, { arbitrary: fc.constantFrom('prod', 'logs', 'missing-vault'), weight: 2 }),
  schedule: scheduleArb,
  lifecycle: lifecycleArb,
  copy: fc.option(destArb, { nil: null, freq: 2 }),
  continuous: fc.oneof({ arbitrary: fc.constant(false), weight: 6 }, { arbitrary: fc.constant(true), weight: 1 }),
});
const rulesArb = fc.oneof(
  { arbitrary: fc.array(ruleArb, { minLength: 1, maxLength: 1 }), weight: 6 },
  { arbitrary: fc.array(ruleArb, { minLength: 2, maxLength: 2 }), weight: 2 },
  { arbitrary: fc.constant<RuleSpec[]>([]), weight: 1 },
);
const TYPE_PATTERNS = [
  'arn:aws:ec2:*:*:volume/*',
  'arn:aws:elasticfilesystem:*:*:file-system/*',
  'arn:aws:dynamodb:*:*:table/*',
  'arn:aws:rds:*:*:db:*',
  'arn:aws:s3:::*',
  '*',
  'arn:aws:s3:::*-logs', // invalid: the wildcard must end the resource name
];
const selectionArb: fc.Arbitrary<SelectionSpec> = fc.oneof(
  { arbitrary: fc.record({ by: fc.constant('type' as const), pattern: fc.constantFrom(...TYPE_PATTERNS) }), weight: 3 },
  { arbitrary: fc.record({ by: fc.constant('resource' as const), pick: fc.nat(50) }), weight: 3 },
  {
    arbitrary: fc.oneof(
      fc.constant({ by: 'tag' as const, key: 'backup', value: 'daily' }),
      fc.constant({ by: 'tag' as const, key: 'env', value: 'prod' }),
      fc.constant({ by: 'tag' as const, key: 'backup', value: 'weekly' }),
    ),
    weight: 2,
  },
  { arbitrary: fc.constant({ by: 'nothing' as const }), weight: 1 },
);
const pickArb = fc.nat(1000);
const seldom = fc.oneof({ arbitrary: fc.constant(false), weight: 8 }, { arbitrary: fc.constant(true), weight: 1 });

export const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: fc.record({ t: fc.constant('createVault' as const), at: placeArb, name: newVaultNameArb }), weight: 6 },
  { arbitrary: fc.record({ t: fc.constant('deleteVault' as const), at: placeArb, name: vaultNameArb }), weight: 2 },
  {
    arbitrary: fc.record({
      t: fc.constant('putLock' as const),
      at: placeArb,
      vault: vaultNameArb,
      // Mostly valid values; 0, 36501 and 2 are out of range.
      min: fc.constantFrom(null, 1, 7, 35, 0),
      max: fc.constantFrom(null, null, 100, 400, 36_501),
      changeable: fc.constantFrom(null, null, 3, 10, 2),
    }),
    weight: 6,
  },
  { arbitrary: fc.record({ t: fc.constant('deleteLock' as const), at: placeArb, vault: vaultNameArb }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('createPlan' as const), at: placeArb, name: fc.oneof({ arbitrary: fc.constantFrom('p1', 'p2'), weight: 8 }, { arbitrary: fc.constant('bad name'), weight: 1 }), rules: rulesArb }), weight: 8 },
  { arbitrary: fc.record({ t: fc.constant('updatePlan' as const), pick: pickArb, rename: seldom, rules: rulesArb }), weight: 4 },
  { arbitrary: fc.record({ t: fc.constant('deletePlan' as const), pick: pickArb, elsewhere: seldom }), weight: 4 },
  {
    arbitrary: fc.record({
      t: fc.constant('createSelection' as const),
      pick: pickArb,
      name: fc.constantFrom('s1', 's2', 's3'),
      sel: selectionArb,
      foreignRole: seldom,
    }),
    weight: 8,
  },
  { arbitrary: fc.record({ t: fc.constant('deleteSelection' as const), pick: pickArb }), weight: 4 },
  {
    arbitrary: fc.record({
      t: fc.constant('startBackupJob' as const),
      pick: pickArb,
      vault: vaultNameArb,
      lifecycle: lifecycleArb,
      startWindow: fc.constantFrom(null, null, 60, 30),
      completeWindow: fc.constantFrom(null, null, 60, 120),
      elsewhere: seldom,
    }),
    weight: 10,
  },
  { arbitrary: fc.record({ t: fc.constant('stopBackupJob' as const), pick: pickArb }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('deleteRecoveryPoint' as const), pick: pickArb }), weight: 6 },
  { arbitrary: fc.record({ t: fc.constant('updateRecoveryPointLifecycle' as const), pick: pickArb, lifecycle: lifecycleArb }), weight: 4 },
  { arbitrary: fc.record({ t: fc.constant('startCopyJob' as const), pick: pickArb, dest: destArb, lifecycle: lifecycleArb }), weight: 4 },
  { arbitrary: fc.record({ t: fc.constant('startRestoreJob' as const), pick: pickArb }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('updateGlobalSettings' as const), enabled: fc.boolean(), fromManagement: fc.boolean() }), weight: 2 },
  {
    arbitrary: fc.record({
      t: fc.constant('putAccessPolicy' as const),
      at: placeArb,
      vault: vaultNameArb,
      policy: fc.constantFrom<PolicyKind>('allowCopyFromOtherAccount', 'allowCopyFromAnyone', 'denyDeleteRecoveryPoint', 'denyEverything', 'notJson'),
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ t: fc.constant('advance' as const), seconds: fc.constantFrom(60, 3600, 86_400, 7 * 86_400, 40 * 86_400) }), weight: 10 },
  { arbitrary: fc.constant<Command>({ t: 'advanceToNextEvent' }), weight: 6 },
  { arbitrary: fc.constant<Command>({ t: 'saveAndLoad' }), weight: 4 },
  {
    arbitrary: fc.record({ t: fc.constant('fill' as const), what: fc.constantFrom('vaults' as const, 'plans' as const, 'selections' as const, 'frameworks' as const), at: placeArb, pick: pickArb }),
    weight: 1,
  },
);

// --- running commands ------------------------------------------------------------

export interface CallRecord {
  op: string;
  input: ApiInput;
  where: Where;
  /** Simulated time of the call. */
  at: number;
  output?: ApiOutput;
  error?: BackupError;
}

export interface StepResult {
  calls: CallRecord[];
}

export function sortedBy<T>(items: Iterable<T>, key: (x: T) => string): T[] {
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
export function pickOf<T>(items: T[], i: number): T | undefined {
  return items.length === 0 ? undefined : items[i % items.length];
}
function elsewhereOf(w: Where): Where {
  return { accountId: w.accountId, region: otherRegion(w.region) };
}
const lifecycleInput = (l: LifecycleInput): ApiInput => (l === null ? {} : { Lifecycle: { ...l } });

function destArn(dest: Dest, w: Where): string {
  switch (dest) {
    case 'otherRegion/Default':
      return vaultArn(otherRegion(w.region), w.accountId, 'Default');
    case 'otherRegion/prod':
      return vaultArn(otherRegion(w.region), w.accountId, 'prod');
    case 'otherAccount/Default':
      return vaultArn(w.region, otherAccount(w.accountId), 'Default');
    case 'otherAccount/prod':
      return vaultArn(w.region, otherAccount(w.accountId), 'prod');
    case 'sameRegion/logs':
      return vaultArn(w.region, w.accountId, 'logs');
    case 'missing':
      return vaultArn(w.region, w.accountId, 'no-such-vault');
    case 'invalid':
      return 'arn:aws:backup:us-east-1:1234:backup-vault:x';
  }
}

function policyText(kind: PolicyKind, w: Where, name: string): string {
  const resource = vaultArn(w.region, w.accountId, name);
  const statement = (() => {
    switch (kind) {
      case 'allowCopyFromOtherAccount':
        return { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${otherAccount(w.accountId)}:root` }, Action: 'backup:CopyIntoBackupVault', Resource: '*' };
      case 'allowCopyFromAnyone':
        return { Effect: 'Allow', Principal: '*', Action: 'backup:CopyIntoBackupVault', Resource: '*' };
      case 'denyDeleteRecoveryPoint':
        return { Effect: 'Deny', Principal: { AWS: '*' }, Action: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'], Resource: resource };
      case 'denyEverything':
        return { Effect: 'Deny', Principal: '*', Action: 'backup:*', Resource: resource };
      case 'notJson':
        return undefined;
    }
  })();
  return statement === undefined ? '{"Statement": [' : JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
}

function ruleInput(r: RuleSpec, w: Where): ApiInput {
  return {
    RuleName: r.name,
    TargetBackupVaultName: r.vault,
    ScheduleExpression: r.schedule,
    ...lifecycleInput(r.lifecycle),
    ...(r.copy === null ? {} : { CopyActions: [{ DestinationBackupVaultArn: destArn(r.copy, w) }] }),
    ...(r.continuous ? { EnableContinuousBackup: true } : {}),
  };
}

/**
 * When the driver replaces its sandbox by `Sandbox.fromJSON(sb.toJSON())`: at saveAndLoad commands,
 * never (saveAndLoad is a no-op), or after every command.
 */
export type Reload = 'onSaveAndLoad' | 'never' | 'always';

export interface World {
  seed: string;
  /** `settings.logLimit`, or null for the default. */
  logLimit: number | null;
}

/** One sandbox driven by commands. */
export class Driver {
  sb: Sandbox;
  constructor(
    world: World,
    private readonly reload: Reload = 'onSaveAndLoad',
    start?: SavedState,
  ) {
    this.sb = start ? Sandbox.fromJSON(start) : Sandbox.create({ seed: world.seed, ...(world.logLimit === null ? {} : { settings: { logLimit: world.logLimit } }) });
  }

  get state(): SandboxState {
    return this.sb.state;
  }

  #call(step: StepResult, op: string, input: ApiInput, where: Where): CallRecord {
    const record: CallRecord = { op, input, where, at: this.sb.state.now };
    try {
      record.output = this.sb.call(op, input, where);
    } catch (e) {
      // A refusal is a valid outcome; anything else is a failure of the test.
      if (!(e instanceof BackupError)) throw e;
      record.error = e;
    }
    step.calls.push(record);
    return record;
  }

  #plans() {
    return sortedBy(this.state.plans, (p) => p.BackupPlanId);
  }
  #recoveryPoints() {
    return sortedBy(this.state.recoveryPoints.values(), (rp) => rp.RecoveryPointArn);
  }

  run(cmd: Command): StepResult {
    const step: StepResult = { calls: [] };
    const s = this.state;
    const call = (op: string, input: ApiInput, where: Where) => this.#call(step, op, input, where);
    const bogusRp = (w: Where) => `arn:aws:backup:${w.region}:${w.accountId}:recovery-point:NONE`;
    switch (cmd.t) {
      case 'createVault':
        call('CreateBackupVault', { BackupVaultName: cmd.name }, PLACES[cmd.at]);
        break;
      case 'deleteVault':
        call('DeleteBackupVault', { BackupVaultName: cmd.name }, PLACES[cmd.at]);
        break;
      case 'putLock': {
        const input: ApiInput = { BackupVaultName: cmd.vault };
        if (cmd.min !== null) input.MinRetentionDays = cmd.min;
        if (cmd.max !== null) input.MaxRetentionDays = cmd.max;
        if (cmd.changeable !== null) input.ChangeableForDays = cmd.changeable;
        call('PutBackupVaultLockConfiguration', input, PLACES[cmd.at]);
        break;
      }
      case 'deleteLock':
        call('DeleteBackupVaultLockConfiguration', { BackupVaultName: cmd.vault }, PLACES[cmd.at]);
        break;
      case 'createPlan': {
        const w = PLACES[cmd.at];
        call('CreateBackupPlan', { BackupPlan: { BackupPlanName: cmd.name, Rules: cmd.rules.map((r) => ruleInput(r, w)) } }, w);
        break;
      }
      case 'updatePlan': {
        const plan = pickOf(this.#plans(), cmd.pick);
        const w = plan ? { accountId: plan.accountId, region: plan.region } : PLACES['work/us-east-1'];
        const name = plan && !cmd.rename ? (plan.versions[plan.versions.length - 1]?.BackupPlanName ?? 'p1') : 'renamed';
        call('UpdateBackupPlan', { BackupPlanId: plan?.BackupPlanId ?? 'no-such-plan', BackupPlan: { BackupPlanName: name, Rules: cmd.rules.map((r) => ruleInput(r, w)) } }, w);
        break;
      }
      case 'deletePlan': {
        const plan = pickOf(this.#plans(), cmd.pick);
        const w = plan ? { accountId: plan.accountId, region: plan.region } : PLACES['work/us-east-1'];
        call('DeleteBackupPlan', { BackupPlanId: plan?.BackupPlanId ?? 'no-such-plan' }, cmd.elsewhere ? elsewhereOf(w) : w);
        break;
      }
      case 'createSelection': {
        const plan = pickOf(this.#plans(), cmd.pick);
        const w = plan ? { accountId: plan.accountId, region: plan.region } : PLACES['work/us-east-1'];
        const sel: ApiInput = { SelectionName: cmd.name, IamRoleArn: roleOf(cmd.foreignRole ? otherAccount(w.accountId) : w.accountId) };
        switch (cmd.sel.by) {
          case 'type':
            sel.Resources = [cmd.sel.pattern];
            break;
          case 'resource': {
            const local = sortedBy(
              s.resources.filter((r) => r.accountId === w.accountId && r.region === w.region),
              (r) => r.arn,
            );
            const r = pickOf(local.length ? local : sortedBy(s.resources, (x) => x.arn), cmd.sel.pick);
            sel.Resources = [r?.arn ?? 'arn:aws:ec2:us-east-1:222222222222:volume/vol-none'];
            break;
          }
          case 'tag':
            sel.ListOfTags = [{ ConditionType: 'STRINGEQUALS', ConditionKey: cmd.sel.key, ConditionValue: cmd.sel.value }];
            break;
          case 'nothing':
            break;
        }
        call('CreateBackupSelection', { BackupPlanId: plan?.BackupPlanId ?? 'no-such-plan', BackupSelection: sel }, w);
        break;
      }
      case 'deleteSelection': {
        const sel = pickOf(
          sortedBy(s.selections, (x) => x.SelectionId),
          cmd.pick,
        );
        const plan = sel ? s.plans.find((p) => p.BackupPlanId === sel.BackupPlanId) : undefined;
        const w = plan ? { accountId: plan.accountId, region: plan.region } : PLACES['work/us-east-1'];
        call('DeleteBackupSelection', { BackupPlanId: sel?.BackupPlanId ?? 'no-such-plan', SelectionId: sel?.SelectionId ?? 'no-such-selection' }, w);
        break;
      }
      case 'startBackupJob': {
        const r = pickOf(
          sortedBy(s.resources, (x) => x.arn),
          cmd.pick,
        );
        const w = r ? { accountId: r.accountId, region: r.region } : PLACES['work/us-east-1'];
        const input: ApiInput = { BackupVaultName: cmd.vault, ResourceArn: r?.arn ?? 'arn:aws:ec2:us-east-1:222222222222:volume/vol-none', IamRoleArn: roleOf(w.accountId), ...lifecycleInput(cmd.lifecycle) };
        if (cmd.startWindow !== null) input.StartWindowMinutes = cmd.startWindow;
        if (cmd.completeWindow !== null) input.CompleteWindowMinutes = cmd.completeWindow;
        call('StartBackupJob', input, cmd.elsewhere ? elsewhereOf(w) : w);
        break;
      }
      case 'stopBackupJob': {
        // Jobs that can still be stopped first, when there are any.
        const jobs = sortedBy(s.backupJobs.values(), (j) => j.BackupJobId);
        const active = jobs.filter((j) => j.State === 'CREATED' || j.State === 'PENDING' || j.State === 'RUNNING');
        const job = pickOf(active.length ? active : jobs, cmd.pick);
        const w = job ? { accountId: job.accountId, region: job.region } : PLACES['work/us-east-1'];
        call('StopBackupJob', { BackupJobId: job?.BackupJobId ?? 'no-such-job' }, w);
        break;
      }
      case 'deleteRecoveryPoint': {
        const rp = pickOf(this.#recoveryPoints(), cmd.pick);
        const w = rp ? { accountId: rp.accountId, region: rp.region } : PLACES['work/us-east-1'];
        call('DeleteRecoveryPoint', { BackupVaultName: rp?.BackupVaultName ?? 'Default', RecoveryPointArn: rp?.RecoveryPointArn ?? bogusRp(w) }, w);
        break;
      }
      case 'updateRecoveryPointLifecycle': {
        const rp = pickOf(this.#recoveryPoints(), cmd.pick);
        const w = rp ? { accountId: rp.accountId, region: rp.region } : PLACES['work/us-east-1'];
        call(
          'UpdateRecoveryPointLifecycle',
          { BackupVaultName: rp?.BackupVaultName ?? 'Default', RecoveryPointArn: rp?.RecoveryPointArn ?? bogusRp(w), ...lifecycleInput(cmd.lifecycle) },
          w,
        );
        break;
      }
      case 'startCopyJob': {
        const rp = pickOf(this.#recoveryPoints(), cmd.pick);
        const w = rp ? { accountId: rp.accountId, region: rp.region } : PLACES['work/us-east-1'];
        call(
          'StartCopyJob',
          {
            RecoveryPointArn: rp?.RecoveryPointArn ?? bogusRp(w),
            SourceBackupVaultName: rp?.BackupVaultName ?? 'Default',
            DestinationBackupVaultArn: destArn(cmd.dest, w),
            IamRoleArn: roleOf(w.accountId),
            ...lifecycleInput(cmd.lifecycle),
          },
          w,
        );
        break;
      }
      case 'startRestoreJob': {
        const rp = pickOf(this.#recoveryPoints(), cmd.pick);
        const w = rp ? { accountId: rp.accountId, region: rp.region } : PLACES['work/us-east-1'];
        call('StartRestoreJob', { RecoveryPointArn: rp?.RecoveryPointArn ?? bogusRp(w), Metadata: {}, IamRoleArn: roleOf(w.accountId) }, w);
        break;
      }
      case 'updateGlobalSettings':
        call(
          'UpdateGlobalSettings',
          { GlobalSettings: { isCrossAccountBackupEnabled: String(cmd.enabled) } },
          cmd.fromManagement ? PLACES['mgmt/us-east-1'] : PLACES['work/us-east-1'],
        );
        break;
      case 'putAccessPolicy': {
        const w = PLACES[cmd.at];
        call('PutBackupVaultAccessPolicy', { BackupVaultName: cmd.vault, Policy: policyText(cmd.policy, w, cmd.vault) }, w);
        break;
      }
      case 'advance':
        this.sb.advance(cmd.seconds);
        break;
      case 'advanceToNextEvent':
        this.sb.advanceToNextEvent();
        break;
      case 'saveAndLoad':
        if (this.reload === 'onSaveAndLoad') this.sb = Sandbox.fromJSON(this.sb.toJSON());
        break;
      case 'fill':
        this.#fill(cmd, step);
        break;
    }
    if (this.reload === 'always') this.sb = Sandbox.fromJSON(this.sb.toJSON());
    return step;
  }

  /** Creates vaults, plans, selections or frameworks until the quota refuses one (or a safety cap), to exercise the quotas. */
  #fill(cmd: Extract<Command, { t: 'fill' }>, step: StepResult): void {
    const call = (op: string, input: ApiInput, where: Where) => this.#call(step, op, input, where);
    const stop = (r: CallRecord) => r.error !== undefined && r.error.name !== 'AlreadyExistsException';
    if (cmd.what === 'vaults') {
      const w = PLACES[cmd.at];
      for (let i = 0; i < QUOTA.vaults + 5; i++) if (stop(call('CreateBackupVault', { BackupVaultName: `fill-${i}` }, w))) return;
    } else if (cmd.what === 'plans') {
      const w = PLACES[cmd.at];
      for (let i = 0; i < QUOTA.plans + 5; i++) {
        const doc = { BackupPlanName: `fill-${i}`, Rules: [{ RuleName: 'daily', TargetBackupVaultName: 'Default', ScheduleExpression: 'cron(0 5 ? * * *)' }] };
        if (stop(call('CreateBackupPlan', { BackupPlan: doc }, w))) return;
      }
    } else if (cmd.what === 'frameworks') {
      const w = PLACES[cmd.at];
      for (let i = 0; i < QUOTA.frameworks + 5; i++) {
        // Each framework needs other controls or parameters than the others.
        const controls = [{ ControlName: 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK', ControlInputParameters: [{ ParameterName: 'requiredRetentionDays', ParameterValue: `${i + 1}` }] }];
        if (stop(call('CreateFramework', { FrameworkName: `fill_${i}`, FrameworkControls: controls }, w))) return;
      }
    } else {
      const plan = pickOf(
        this.#plans().filter((p) => p.DeletionDate === undefined),
        cmd.pick,
      );
      if (!plan) return;
      const w = { accountId: plan.accountId, region: plan.region };
      for (let i = 0; i < QUOTA.selections + 5; i++) {
        const sel = { SelectionName: `fill-${i}`, IamRoleArn: roleOf(w.accountId), ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'fill', ConditionValue: `${i}` }] };
        if (stop(call('CreateBackupSelection', { BackupPlanId: plan.BackupPlanId, BackupSelection: sel }, w))) return;
      }
    }
  }
}

// --- what the invariants look at -------------------------------------------------------

interface RpSnapshot {
  status: RecoveryPoint['Status'];
  creation: number;
  lifecycle: Lifecycle | undefined;
}

/** The parts of the state before a command that the invariants compare with after it. */
export interface Snapshot {
  now: number;
  eventsTotal: number;
  rps: Map<string, RpSnapshot>;
  plans: Map<string, { deleted: boolean; selections: number }>;
}

export function snapshot(s: SandboxState): Snapshot {
  const rps = new Map<string, RpSnapshot>();
  for (const rp of s.recoveryPoints.values())
    rps.set(rp.RecoveryPointArn, { status: rp.Status, creation: rp.CreationDate, lifecycle: rp.Lifecycle ? { ...rp.Lifecycle } : undefined });
  const counts = new Map<string, number>();
  for (const sel of s.selections) counts.set(sel.BackupPlanId, (counts.get(sel.BackupPlanId) ?? 0) + 1);
  const plans = new Map<string, { deleted: boolean; selections: number }>();
  for (const p of s.plans) plans.set(p.BackupPlanId, { deleted: p.DeletionDate !== undefined, selections: counts.get(p.BackupPlanId) ?? 0 });
  return { now: s.now, eventsTotal: s.logTotals.events, rps, plans };
}

/** What the test remembers across commands (and across save/load). */
export interface Tracker {
  /** `account|region` where the EFS automatic backup vault existed at the start. */
  efsVaults: Set<string>;
  /** Recovery point -> when a DeleteRecoveryPoint call for it succeeded. */
  deletingSince: Map<string, number>;
  /**
   * Recovery points that have been in a locked vault: when their retention ends
   * (Infinity: never), and whether the vault is still locked (a lock removed in
   * governance mode, or before its lock date in compliance mode, frees them).
   */
  locked: Map<string, { until: number; stillLocked: boolean }>;
}

export function newTracker(s: SandboxState): Tracker {
  const efsVaults = new Set(s.vaults.filter((v) => v.BackupVaultName === EFS_VAULT).map((v) => `${v.accountId}|${v.region}`));
  const t: Tracker = { efsVaults, deletingSince: new Map(), locked: new Map() };
  updateTracker(t, s, { calls: [] });
  return t;
}

function retentionEnd(rp: { CreationDate: number; Lifecycle?: Lifecycle | undefined }): number {
  const days = rp.Lifecycle?.DeleteAfterDays;
  return days === undefined ? Infinity : rp.CreationDate + days * DAY_MS;
}

export function updateTracker(t: Tracker, s: SandboxState, step: StepResult): void {
  for (const c of step.calls)
    if (c.op === 'DeleteRecoveryPoint' && c.output) t.deletingSince.set(c.input.RecoveryPointArn as string, c.at);
  const lockedVaults = new Set(s.vaults.filter((v) => v.lock !== undefined).map((v) => v.BackupVaultArn));
  for (const arn of [...t.locked.keys()]) if (!s.recoveryPoints.has(arn)) t.locked.delete(arn);
  for (const arn of [...t.deletingSince.keys()]) if (!s.recoveryPoints.has(arn)) t.deletingSince.delete(arn);
  for (const rp of s.recoveryPoints.values()) {
    if (lockedVaults.has(rp.BackupVaultArn)) {
      // A recovery point already being deleted when the lock came keeps being deleted.
      if (rp.Status !== 'DELETING') t.locked.set(rp.RecoveryPointArn, { until: retentionEnd(rp), stillLocked: true });
    } else {
      const entry = t.locked.get(rp.RecoveryPointArn);
      if (entry) entry.stillLocked = false;
    }
  }
}

export interface Observation {
  index: number;
  cmd: Command;
  before: Snapshot;
  step: StepResult;
  after: SandboxState;
  /** Tracker as it was before the command. */
  tracker: Tracker;
}

export class InvariantError extends Error {}

export function broken(name: string, o: Observation, detail: string): never {
  throw new InvariantError(`invariant "${name}" broken after command #${o.index} ${JSON.stringify(o.cmd)}: ${detail}`);
}

/** When a recovery point that is gone now disappeared: its DELETED event in this step, else the current time. */
function disappearedAt(o: Observation, arn: string): number {
  const fresh = o.after.logTotals.events - o.before.eventsTotal;
  const events = o.after.events;
  for (let i = events.length - 1; i >= Math.max(0, events.length - fresh); i--) {
    const e = events[i];
    if (e && e['detail-type'] === 'Recovery Point State Change' && e.detail.status === 'DELETED' && e.detail.recoveryPointArn === arn) return e.time;
  }
  return o.after.now;
}

// --- the invariants -------------------------------------------------------------------

/** 1. No quota is exceeded, and a LimitExceededException comes only at the limit. */
export function quotasNotExceeded(o: Observation): void {
  const s = o.after;
  const vaults = new Map<string, number>();
  const plans = new Map<string, number>();
  const frameworks = new Map<string, number>();
  const selections = new Map<string, number>();
  for (const v of s.vaults) vaults.set(`${v.accountId}|${v.region}`, (vaults.get(`${v.accountId}|${v.region}`) ?? 0) + 1);
  for (const p of s.plans) if (p.DeletionDate === undefined) plans.set(`${p.accountId}|${p.region}`, (plans.get(`${p.accountId}|${p.region}`) ?? 0) + 1);
  for (const f of s.frameworks) frameworks.set(`${f.accountId}|${f.region}`, (frameworks.get(`${f.accountId}|${f.region}`) ?? 0) + 1);
  for (const sel of s.selections) selections.set(sel.BackupPlanId, (selections.get(sel.BackupPlanId) ?? 0) + 1);
  for (const [k, n] of vaults) if (n > QUOTA.vaults) broken('quotasNotExceeded', o, `${n} vaults in ${k}`);
  for (const [k, n] of plans) if (n > QUOTA.plans) broken('quotasNotExceeded', o, `${n} live plans in ${k}`);
  for (const [k, n] of selections) if (n > QUOTA.selections) broken('quotasNotExceeded', o, `${n} selections in plan ${k}`);
  for (const p of s.plans) if (p.versions.length > QUOTA.versions) broken('quotasNotExceeded', o, `${p.versions.length} versions of plan ${p.BackupPlanId}`);
  if (s.settings.quotaProfile === 'notes')
    for (const [k, n] of frameworks) if (n > QUOTA.frameworks) broken('quotasNotExceeded', o, `${n} frameworks in ${k}`);
  for (const c of o.step.calls) {
    if (c.error?.name !== 'LimitExceededException') continue;
    const key = `${c.where.accountId}|${c.where.region}`;
    const at =
      c.op === 'CreateBackupVault'
        ? [vaults.get(key), QUOTA.vaults]
        : c.op === 'CreateBackupPlan'
          ? [plans.get(key), QUOTA.plans]
          : c.op === 'CreateBackupSelection'
            ? [selections.get(c.input.BackupPlanId as string), QUOTA.selections]
            : c.op === 'CreateFramework' && s.settings.quotaProfile === 'notes'
              ? [frameworks.get(key), QUOTA.frameworks]
              : undefined;
    if (at && at[0] !== at[1]) broken('quotasNotExceeded', o, `${c.op} refused with LimitExceededException at ${at[0]} of ${at[1]}: ${c.error.message}`);
  }
}

/** 2. A recovery point in a locked vault is not deleted (nor set DELETING) before its retention ends. */
export function lockedRecoveryPointsKept(o: Observation): void {
  for (const [arn, p] of o.tracker.locked) {
    if (!p.stillLocked) continue;
    const rp = o.after.recoveryPoints.get(arn);
    if (!rp) {
      const at = disappearedAt(o, arn);
      if (at < p.until) broken('lockedRecoveryPointsKept', o, `${arn} in a locked vault disappeared at ${iso(at)}, before its retention ends at ${iso(p.until)}`);
    } else if (rp.Status === 'DELETING' && o.before.rps.get(arn)?.status !== 'DELETING' && o.after.now < p.until) {
      broken('lockedRecoveryPointsKept', o, `${arn} in a locked vault went DELETING at ${iso(o.after.now)}, before its retention ends at ${iso(p.until)}`);
    }
  }
}

/** 3. The Default vault exists everywhere; the EFS automatic backup vault wherever it existed at the start. */
export function providedVaultsExist(o: Observation): void {
  const have = new Set(o.after.vaults.map((v) => `${v.accountId}|${v.region}|${v.BackupVaultName}`));
  for (const a of ACCOUNTS)
    for (const r of REGIONS) if (!have.has(`${a}|${r}|Default`)) broken('providedVaultsExist', o, `no Default vault in ${a}/${r}`);
  for (const k of o.tracker.efsVaults) if (!have.has(`${k}|${EFS_VAULT}`)) broken('providedVaultsExist', o, `no ${EFS_VAULT} in ${k}`);
}

/** 4. A plan is deleted only by a DeleteBackupPlan call, and only when it had no selections. */
export function planDeletedOnlyWithoutSelections(o: Observation): void {
  const deletedBy = new Set<string>();
  for (const c of o.step.calls) {
    if (c.op !== 'DeleteBackupPlan' || !c.output) continue;
    const id = c.input.BackupPlanId as string;
    deletedBy.add(id);
    const before = o.before.plans.get(id);
    if (!before) broken('planDeletedOnlyWithoutSelections', o, `DeleteBackupPlan succeeded for unknown plan ${id}`);
    if (before.selections > 0) broken('planDeletedOnlyWithoutSelections', o, `DeleteBackupPlan succeeded on plan ${id} with ${before.selections} selections`);
    if (before.deleted) broken('planDeletedOnlyWithoutSelections', o, `DeleteBackupPlan succeeded on plan ${id}, already deleted`);
  }
  for (const p of o.after.plans) {
    if (p.DeletionDate === undefined) continue;
    if (!o.before.plans.get(p.BackupPlanId)?.deleted && !deletedBy.has(p.BackupPlanId))
      broken('planDeletedOnlyWithoutSelections', o, `plan ${p.BackupPlanId} got a DeletionDate without a successful DeleteBackupPlan`);
  }
  const deleted = new Set(o.after.plans.filter((p) => p.DeletionDate !== undefined).map((p) => p.BackupPlanId));
  for (const sel of o.after.selections)
    if (deleted.has(sel.BackupPlanId)) broken('planDeletedOnlyWithoutSelections', o, `deleted plan ${sel.BackupPlanId} has selection ${sel.SelectionId}`);
}

/**
 * Whether the vault's access policy explicitly denies the action to everyone. The policies in these
 * tests are the EFS vault's and those `policyText` writes, all with `*` principals, so this small
 * reading is enough; it is not the engine's evaluator.
 */
function deniedToEveryone(policy: string | undefined, action: string): boolean {
  if (!policy) return false;
  let doc: { Statement?: unknown };
  try {
    doc = JSON.parse(policy) as { Statement?: unknown };
  } catch {
    return false;
  }
  const statements = Array.isArray(doc.Statement) ? (doc.Statement as Record<string, unknown>[]) : [];
  return statements.some((st) => {
    const everyone = st.Principal === '*' || (st.Principal as { AWS?: unknown } | undefined)?.AWS === '*';
    const actions = Array.isArray(st.Action) ? st.Action : [st.Action];
    return st.Effect === 'Deny' && everyone && actions.some((a) => a === action || a === 'backup:*' || a === '*');
  });
}

/**
 * 5. A recovery point goes away only by its lifecycle, or DELETING (by an allowed DeleteRecoveryPoint
 * call: not denied by the vault's access policy) then purged after the delay.
 */
export function recoveryPointsLostOnlyByLifecycleOrDeletion(o: Observation): void {
  const name = 'recoveryPointsLostOnlyByLifecycleOrDeletion';
  const deleteCalls = new Set<string>();
  const newLifecycle = new Map<string, Lifecycle>();
  for (const c of o.step.calls) {
    if (!c.output) continue;
    if (c.op === 'DeleteRecoveryPoint' || c.op === 'UpdateRecoveryPointLifecycle') {
      const vault = o.after.vaults.find((v) => v.BackupVaultName === c.input.BackupVaultName && v.accountId === c.where.accountId && v.region === c.where.region);
      if (deniedToEveryone(vault?.policy, `backup:${c.op}`)) broken(name, o, `${c.op} succeeded although the access policy of vault ${String(c.input.BackupVaultName)} denies it`);
    }
    if (c.op === 'DeleteRecoveryPoint') deleteCalls.add(c.input.RecoveryPointArn as string);
    if (c.op === 'UpdateRecoveryPointLifecycle') newLifecycle.set(c.input.RecoveryPointArn as string, c.output.Lifecycle as Lifecycle);
  }
  for (const [arn, b] of o.before.rps) {
    const rp = o.after.recoveryPoints.get(arn);
    if (!rp) {
      const at = disappearedAt(o, arn);
      const lifecycle = newLifecycle.get(arn) ?? b.lifecycle;
      const byLifecycle = lifecycle?.DeleteAfterDays !== undefined && at >= b.creation + lifecycle.DeleteAfterDays * DAY_MS;
      const since = o.tracker.deletingSince.get(arn);
      const byDeletion = b.status === 'DELETING' && since !== undefined && at >= since + PURGE_DELAY_MS;
      if (!byLifecycle && !byDeletion)
        broken(
          name,
          o,
          `${arn} (${b.status}, created ${iso(b.creation)}, lifecycle ${JSON.stringify(lifecycle ?? null)}, deleting since ${since === undefined ? '-' : iso(since)}) disappeared at ${iso(at)}`,
        );
    } else if (rp.Status === 'DELETING' && b.status !== 'DELETING' && !deleteCalls.has(arn)) {
      broken(name, o, `${arn} went DELETING without a successful DeleteRecoveryPoint call`);
    }
  }
  for (const rp of o.after.recoveryPoints.values())
    if (rp.Status === 'DELETING' && !o.before.rps.has(rp.RecoveryPointArn)) broken(name, o, `${rp.RecoveryPointArn} appeared already DELETING`);
  // Recovery points made and gone within this command (a long advance): only their lifecycle can have removed them.
  const bornAndGone = (arn: string | undefined, completed: number | undefined) =>
    arn !== undefined && completed !== undefined && completed >= o.before.now && !o.before.rps.has(arn) && !o.after.recoveryPoints.has(arn);
  const expiredInTime = (arn: string, creation: number, lifecycle: Lifecycle | undefined, what: string) => {
    const at = disappearedAt(o, arn);
    if (lifecycle?.DeleteAfterDays === undefined || at < creation + lifecycle.DeleteAfterDays * DAY_MS)
      broken(name, o, `${arn} made by ${what} (created ${iso(creation)}, lifecycle ${JSON.stringify(lifecycle ?? null)}) was gone by ${iso(at)}`);
  };
  for (const j of o.after.backupJobs.values())
    if (j.State === 'COMPLETED' && bornAndGone(j.RecoveryPointArn, j.CompletionDate))
      expiredInTime(j.RecoveryPointArn as string, j.StartedAt ?? (j.CompletionDate as number), j.Lifecycle, `backup job ${j.BackupJobId}`);
  for (const j of o.after.copyJobs.values()) {
    if (j.State !== 'COMPLETED' || !bornAndGone(j.DestinationRecoveryPointArn, j.CompletionDate)) continue;
    // A copy keeps its source's creation date; skip it when the source is unknown too.
    const source = o.after.recoveryPoints.get(j.SourceRecoveryPointArn)?.CreationDate ?? o.before.rps.get(j.SourceRecoveryPointArn)?.creation;
    if (source !== undefined) expiredInTime(j.DestinationRecoveryPointArn as string, source, j.Lifecycle, `copy job ${j.CopyJobId}`);
  }
}

const BACKUP_JOB_STATES = new Set(['CREATED', 'PENDING', 'RUNNING', 'ABORTING', 'ABORTED', 'COMPLETED', 'FAILED', 'EXPIRED', 'PARTIAL']);
const COPY_JOB_STATES = new Set(['CREATED', 'RUNNING', 'COMPLETED', 'FAILED', 'PARTIAL']);
const RESTORE_JOB_STATES = new Set(['PENDING', 'RUNNING', 'COMPLETED', 'ABORTED', 'FAILED']);
const RECOVERY_POINT_STATES = new Set(['CREATING', 'AVAILABLE', 'COMPLETED', 'PARTIAL', 'DELETING', 'EXPIRED', 'STOPPED']);

/**
 * 7. Job and recovery point states are AWS's; COMPLETED jobs name their result; every recovery point
 * is in an existing vault of its own account and Region; cold storage only for EFS, EBS and DynamoDB
 * (with advanced features, the engine's rule).
 */
export function jobStatesSane(o: Observation): void {
  const name = 'jobStatesSane';
  const s = o.after;
  for (const j of s.backupJobs.values()) {
    if (!BACKUP_JOB_STATES.has(j.State)) broken(name, o, `backup job ${j.BackupJobId} has State ${j.State}`);
    if (j.State === 'COMPLETED' && !j.RecoveryPointArn) broken(name, o, `COMPLETED backup job ${j.BackupJobId} has no RecoveryPointArn`);
  }
  for (const j of s.copyJobs.values()) {
    if (!COPY_JOB_STATES.has(j.State)) broken(name, o, `copy job ${j.CopyJobId} has State ${j.State}`);
    if (j.State === 'COMPLETED' && !j.DestinationRecoveryPointArn) broken(name, o, `COMPLETED copy job ${j.CopyJobId} has no DestinationRecoveryPointArn`);
  }
  for (const j of s.restoreJobs.values()) if (!RESTORE_JOB_STATES.has(j.Status)) broken(name, o, `restore job ${j.RestoreJobId} has Status ${j.Status}`);
  const resources = new Map(s.resources.map((r) => [r.arn, r]));
  const vaults = new Map(s.vaults.map((v) => [v.BackupVaultArn, v]));
  for (const rp of s.recoveryPoints.values()) {
    const vault = vaults.get(rp.BackupVaultArn);
    if (!vault || vault.accountId !== rp.accountId || vault.region !== rp.region || vault.BackupVaultName !== rp.BackupVaultName)
      broken(name, o, `recovery point ${rp.RecoveryPointArn} is not in an existing vault of its account and Region (${rp.BackupVaultArn})`);
    if (!RECOVERY_POINT_STATES.has(rp.Status)) broken(name, o, `recovery point ${rp.RecoveryPointArn} has Status ${rp.Status}`);
    if (rp.StorageClass !== 'WARM' && rp.StorageClass !== 'COLD') broken(name, o, `recovery point ${rp.RecoveryPointArn} has StorageClass ${String(rp.StorageClass)}`);
    if (rp.StorageClass === 'COLD') {
      const r = resources.get(rp.ResourceArn);
      const ok = rp.ResourceType === 'EFS' || rp.ResourceType === 'EBS' || (rp.ResourceType === 'DynamoDB' && r?.advanced === true);
      if (!ok) broken(name, o, `recovery point ${rp.RecoveryPointArn} of a ${rp.ResourceType} resource is in COLD storage`);
    }
  }
}

/**
 * 8. Every refusal is one a learner can act on: an AWS exception name (one of the API model's), a
 * message, and the sandbox rule that refused the call (an id of the rule catalog, which the
 * interface links to).
 */
export function refusalsNamed(o: Observation): void {
  for (const c of o.step.calls) {
    const e = c.error;
    if (!e) continue;
    if (!Object.hasOwn(HTTP_STATUS, e.name)) broken('refusalsNamed', o, `${c.op} refused with ${e.name}, not an AWS Backup exception name`);
    if (!e.message) broken('refusalsNamed', o, `${c.op} refused with ${e.name} and no message`);
    const id = e.rule?.id;
    if (id === undefined || !Object.hasOwn(RULES, id)) broken('refusalsNamed', o, `${c.op} refused with ${e.name} (${e.message}) but rule ${id === undefined ? '(none)' : id}`);
  }
}

export const SAFETY_INVARIANTS = [
  quotasNotExceeded,
  lockedRecoveryPointsKept,
  providedVaultsExist,
  planDeletedOnlyWithoutSelections,
  recoveryPointsLostOnlyByLifecycleOrDeletion,
  jobStatesSane,
  refusalsNamed,
];

// --- state comparison -------------------------------------------------------------------

export function iso(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : 'never';
}

/** The first place where two JSON values differ (object key order does not count), or undefined when equal. */
export function firstDifference(a: unknown, b: unknown, path = '$'): string | undefined {
  if (a === b) return undefined;
  const short = (x: unknown) => {
    const t = JSON.stringify(x);
    return t === undefined ? 'undefined' : t.length > 300 ? `${t.slice(0, 300)}…` : t;
  };
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b))
    return `${path}: ${short(a)} vs ${short(b)}`;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    for (let i = 0; i < Math.min(a.length, bb.length); i++) {
      const d = firstDifference(a[i], bb[i], `${path}[${i}]`);
      if (d) return d;
    }
    return a.length === bb.length ? undefined : `${path}: length ${a.length} vs ${bb.length}`;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  for (const k of Object.keys(ao)) {
    if (!Object.hasOwn(bo, k)) return `${path}.${k}: ${short(ao[k])} vs (absent)`;
    const d = firstDifference(ao[k], bo[k], `${path}.${k}`);
    if (d) return d;
  }
  for (const k of Object.keys(bo)) if (!Object.hasOwn(ao, k)) return `${path}.${k}: (absent) vs ${short(bo[k])}`;
  return undefined;
}

export function expectSameState(actual: SavedState, expected: SavedState, what: string): void {
  const d = firstDifference(actual, expected);
  if (d !== undefined) {
    // The full diff of two states is unreadable; name the first difference.
    expect.fail(`${what}: states differ at ${d}`);
  }
}

// --- runners ----------------------------------------------------------------------------

export type Check = (o: Observation, sb: Sandbox) => void;

/**
 * Where a sequence starts when not from a fresh world: a saved state, and what the invariants
 * remembered up to it (a recovery point deleted or locked before the start is still known as such).
 */
export interface Start {
  state: SavedState;
  tracker: Tracker;
}

/** Runs commands on a fresh world with no checks, and keeps where they ended as a start for other sequences. */
export function startAfter(world: World, cmds: Command[]): Start {
  const driver = new Driver(world, 'never');
  const tracker = newTracker(driver.state);
  for (const cmd of cmds) updateTracker(tracker, driver.state, driver.run(cmd));
  return { state: driver.sb.toJSON(), tracker };
}

/**
 * Runs the commands on a fresh sandbox (or one loaded from `start`), checking after every command;
 * returns the final state.
 */
export function runSequence(world: World, cmds: Command[], options: { reload?: Reload; checks?: Check[]; start?: Start } = {}): SavedState {
  return driveSequence(world, cmds, options).sb.toJSON();
}

/** `runSequence` without saving the final state (the checks are the point): returns the driver. */
export function driveSequence(world: World, cmds: Command[], options: { reload?: Reload; checks?: Check[]; start?: Start } = {}): Driver {
  const driver = new Driver(world, options.reload, options.start?.state);
  const checks = options.checks ?? [];
  // The start's tracker is shared by every sequence from it: each run works on its own copy.
  const tracker = checks.length ? (options.start ? structuredClone(options.start.tracker) : newTracker(driver.state)) : undefined;
  cmds.forEach((cmd, index) => {
    const before = checks.length ? snapshot(driver.state) : undefined;
    const step = driver.run(cmd);
    if (tracker && before) {
      const o: Observation = { index, cmd, before, step, after: driver.state, tracker };
      for (const check of checks) check(o, driver.sb);
      updateTracker(tracker, driver.state, step);
    }
  });
  return driver;
}

/** 6a. Saving then loading gives the same state. */
export const roundTrips: Check = (o, sb) => {
  const json = sb.toJSON();
  const back = Sandbox.fromJSON(json).toJSON();
  const d = firstDifference(back, json);
  if (d !== undefined) broken('saveThenLoadIsIdentity', o, `Sandbox.fromJSON(sb.toJSON()).toJSON() differs at ${d}`);
};

// --- sequences and run counts -------------------------------------------------------------

/**
 * A fixed start that most sequences get, so that the random commands find vaults, a plan with a
 * selection, a locked vault and recovery points to act on (fast-check drops it when shrinking if it is not needed).
 */
export const PRELUDE: Command[] = [
  { t: 'createVault', at: 'work/us-east-1', name: 'prod' },
  { t: 'createVault', at: 'work/us-west-2', name: 'prod' },
  { t: 'createVault', at: 'mgmt/us-east-1', name: 'prod' },
  {
    t: 'createPlan',
    at: 'work/us-east-1',
    name: 'p1',
    rules: [{ name: 'r1', vault: 'Default', schedule: 'cron(0 5 ? * * *)', lifecycle: { DeleteAfterDays: 35 }, copy: 'otherRegion/prod', continuous: false }],
  },
  { t: 'createSelection', pick: 0, name: 's1', sel: { by: 'tag', key: 'backup', value: 'daily' }, foreignRole: false },
  // Governance mode: the random commands may delete it again.
  { t: 'putLock', at: 'work/us-east-1', vault: 'Default', min: null, max: null, changeable: null },
  { t: 'startBackupJob', pick: 0, vault: 'Default', lifecycle: { MoveToColdStorageAfterDays: 1, DeleteAfterDays: 91 }, startWindow: null, completeWindow: null, elsewhere: false },
  { t: 'startBackupJob', pick: 7, vault: 'prod', lifecycle: { DeleteAfterDays: 7 }, startWindow: null, completeWindow: null, elsewhere: false },
  { t: 'startBackupJob', pick: 13, vault: 'Default', lifecycle: null, startWindow: null, completeWindow: null, elsewhere: false },
  { t: 'advance', seconds: 86_400 },
];
/**
 * The sandbox a sequence starts from: the seed of its world, and the size of its logs (null: the
 * default 5000 entries; a small limit keeps states small, so more sequences fit in the time, and
 * exercises log trimming).
 */
export const worldArb: fc.Arbitrary<World> = fc.record({ seed: fc.constantFrom('alpha', 'beta', 'lab-1'), logLimit: fc.constantFrom<number | null>(300, null) });
// `false` first: fast-check shrinks a oneof towards its first member, so a counterexample loses the prelude when it can.
export const preludeArb = fc.oneof({ arbitrary: fc.constant(false), weight: 1 }, { arbitrary: fc.constant(true), weight: 4 });
export type Sequence = [world: World, prelude: boolean, commands: Command[]];
export const sequenceArb = (maxLength: number): fc.Arbitrary<Sequence> =>
  fc.tuple(worldArb, preludeArb, fc.array(commandArb, { maxLength, size: 'max' }));
export const commandsOf = (prelude: boolean, cmds: Command[]): Command[] => (prelude ? [...PRELUDE, ...cmds] : cmds);
export const MAX_COMMANDS = 30;
/** FC_SEED=<seed> (and FC_PATH=<path>) replay a failure as fast-check reported it. */
export const FC_SEED = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
export const FC_PATH = process.env.FC_PATH;
/** PROPS_RUNS_SCALE=<k> multiplies every run count (for a longer soak). */
export const RUNS_SCALE = Number(process.env.PROPS_RUNS_SCALE ?? 1);
export const params = <T>(numRuns: number): fc.Parameters<T> => ({
  numRuns: Math.max(1, Math.round(numRuns * RUNS_SCALE)),
  ...(FC_SEED === undefined ? {} : { seed: FC_SEED }),
  ...(FC_PATH === undefined ? {} : { path: FC_PATH }),
});
export const TIMEOUT = 120_000;
