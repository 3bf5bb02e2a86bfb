/**
 * Labs: short exercises in the sandbox, each about facts of the user's note
 * on AWS Backup. A lab says where to work (account and Region), what to do
 * (in the console's words and as AWS CLI commands), and how it is checked.
 * The checks read the engine's state only — vaults, plans, jobs, recovery
 * points, the API activity log, SNS messages, S3 report files and the cost
 * report — never the learner's clicks, so a lab done through the console,
 * the CLI or the SDK passes alike. Where a lab is about a refusal, the check
 * looks for the refused call in the activity log, with AWS's error code and
 * the sandbox rule that refused it.
 *
 * Every lab names the sandbox rules it exercises (`ruleIds`) and the note
 * facts it teaches (`facts`, taken from those rules' note sources, plus the
 * pricing lines of the note, which no rule carries), so a topic card can link
 * to "try it in the sandbox" through `labsForFact`.
 */
import type { CostReport } from './costs.ts';
import { Sandbox } from './engine.ts';
import type { ActivityRecord, Lifecycle, Plan, BackupRule, Resource, SandboxState, Settings, Vault } from './model.ts';
import { quotaValue } from './quotas.ts';
import type { RuleId } from './rules.ts';
import { labIndexEntry, labsTeaching, type LabFact } from './lab-index.ts';
import { nextOccurrence, parseSchedule } from './schedule.ts';
import { arnMatches, resourcesForPlan } from './selection-match.ts';
import { DEFAULT_VAULT, EFS_AUTOMATIC_VAULT } from './vault-names.ts';
import { MANAGEMENT_ACCOUNT, WORKLOAD_ACCOUNT } from './world.ts';

/** What a check may read: the state and the cost report (a `Sandbox` satisfies it). */
export interface LabView {
  state: SandboxState;
  costs: (filter?: { accountId?: string; region?: string }) => CostReport;
}

/** One thing a lab checks. */
export type { LabFact };

export interface LabCheck {
  /** Stable within the lab, e.g. `cmk`. */
  id: string;
  /** What must be true, as the learner reads it. */
  label: string;
  /** Pure check of the state (and the activity log); `detail` says what was found or what is missing. */
  test(sb: LabView): { passed: boolean; detail?: string };
}

/** A note fact a lab teaches (as rules.ts cites it). */
/** What a lab changes on a fresh sandbox when it starts or resets. */
export interface LabSetup {
  /** Quota overrides (names as in quotas.ts), so a limit can be met quickly. */
  quotaOverrides?: Record<string, number>;
  /** Cross-account backup turned on in the organization. */
  crossAccountBackupEnabled?: boolean;
}

/** An exercise in the sandbox. */
export interface Lab {
  /** Stable id, e.g. `vault-with-cmk`. */
  id: string;
  title: string;
  /** One or two sentences. */
  goal: string;
  /** Where the learner works (the console switches to it when the lab opens). */
  account: string;
  region: string;
  /** What to do, in the console's words and as AWS CLI commands. */
  steps: string[];
  hints: string[];
  /** All must pass to complete the lab. */
  checks: LabCheck[];
  /** The sandbox rules the lab exercises. */
  ruleIds: RuleId[];
  /** The note facts it teaches. */
  facts: LabFact[];
  /** Applied on a fresh sandbox when the lab starts or resets. */
  setup?: LabSetup;
}

/** The result of one check of a lab. */
export interface LabCheckResult {
  id: string;
  label: string;
  passed: boolean;
  detail?: string;
}

// --- helpers ------------------------------------------------------------------

const DAY = 86_400_000;
const ROLE = `arn:aws:iam::${WORKLOAD_ACCOUNT}:role/service-role/AWSBackupDefaultServiceRole`;

type Result = { passed: boolean; detail?: string };

/** A lab's id, title and facts, kept in lab-index.ts so topic cards can link to labs without loading the engine. */
function summary(id: string): { id: string; title: string; facts: LabFact[] } {
  const entry = labIndexEntry(id);
  return { id: entry.id, title: entry.title, facts: [...entry.facts] };
}
const pass = (detail?: string): Result => (detail === undefined ? { passed: true } : { passed: true, detail });
const failed = (detail: string): Result => ({ passed: false, detail });

/** Whether something is in the lab's account and Region. */
function here(lab: { account: string; region: string }, x: { accountId: string; region: string }): boolean {
  return x.accountId === lab.account && x.region === lab.region;
}

/** Refused calls of the activity log in the lab's account and Region. */
function refusals(
  state: SandboxState,
  where: { account: string; region: string },
  ops: readonly string[],
  errorCode: string,
  ruleId: RuleId,
): ActivityRecord[] {
  return state.activity.filter(
    (a) =>
      a.recipientAccountId === where.account &&
      a.awsRegion === where.region &&
      ops.includes(a.eventName) &&
      a.errorCode === errorCode &&
      a.ruleId === ruleId,
  );
}

function param(record: ActivityRecord, member: string): unknown {
  return record.requestParameters[member];
}

function currentRules(plan: Plan): BackupRule[] {
  return plan.versions[plan.versions.length - 1]?.Rules ?? [];
}

function livePlans(state: SandboxState, where: { account: string; region: string }): Plan[] {
  return state.plans.filter((p) => p.accountId === where.account && p.region === where.region && p.DeletionDate === undefined);
}

/** Whether a rule runs once a day, every day: its next eight runs are 24 hours apart. */
function isDaily(rule: BackupRule, anchor: number): boolean {
  try {
    const schedule = parseSchedule(rule.ScheduleExpression);
    let at = nextOccurrence(schedule, anchor, anchor);
    for (let i = 0; i < 7; i++) {
      if (at === null) return false;
      const next = nextOccurrence(schedule, at, anchor);
      if (next === null || next - at !== DAY) return false;
      at = next;
    }
    return true;
  } catch {
    return false;
  }
}

function customVaults(state: SandboxState, where: { account: string; region: string }): Vault[] {
  return state.vaults.filter((v) => v.kind === 'custom' && v.accountId === where.account && v.region === where.region);
}

function days(n: number): string {
  return `${n} day${n === 1 ? '' : 's'}`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** Lifecycles written in a request: the rules of a plan document, its copy actions, or a job's own. */
function requestLifecycles(params: Record<string, unknown>): Lifecycle[] {
  const out: Lifecycle[] = [];
  const visit = (v: unknown, key: string | undefined, depth: number) => {
    if (depth > 6 || typeof v !== 'object' || v === null) return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x, undefined, depth + 1);
      return;
    }
    if (key === 'Lifecycle') out.push(v as Lifecycle);
    for (const [k, x] of Object.entries(v)) visit(x, k, depth + 1);
  };
  visit(params, undefined, 0);
  return out;
}

/** How to reach the lab's account from the AWS CLI (the local endpoint picks the account from the access key). */
function cliHint(account: string, region: string): string {
  const key = account === MANAGEMENT_ACCOUNT ? 'AKIASANDBOXMGMT0001' : 'AKIASANDBOXWORK0002';
  return `For the AWS CLI, run npm run sandbox:serve -- --port 4566 and call it as account ${account}: AWS_ACCESS_KEY_ID=${key} AWS_SECRET_ACCESS_KEY=x aws backup <command> --region ${region} --endpoint-url http://127.0.0.1:4566`;
}

/** How to move the clock: the console's buttons, or the local endpoint's route when working with the AWS CLI. */
const advanceCli = (seconds: number) =>
  `the clock buttons above; against npm run sandbox:serve: curl -s -X POST http://127.0.0.1:4566/_sandbox/clock/advance -d '{"seconds": ${seconds}}'`;

// --- the labs -----------------------------------------------------------------

const vaultWithCmk: Lab = {
  ...summary('vault-with-cmk'),
  goal: 'Create a backup vault in 222222222222 / us-east-1 that encrypts its backups with the customer managed key backup-cmk instead of the AWS managed aws/backup, and tag it.',
  account: WORKLOAD_ACCOUNT,
  region: 'us-east-1',
  steps: [
    'Open Backup vaults (account 222222222222, Region us-east-1) and choose Create backup vault.',
    'Name it lab-cmk. Under Encryption key, choose the customer managed key backup-cmk, not the AWS managed key aws/backup.',
    'Under Backup vault tags, add a tag such as team = platform, then choose Create backup vault.',
    'Or run: aws backup create-backup-vault --backup-vault-name lab-cmk --encryption-key-arn <the backup-cmk key ARN> --backup-vault-tags team=platform',
    'Forgot the tag? Run: aws backup tag-resource --resource-arn <the vault ARN> --tags team=platform',
    'Check it: aws backup describe-backup-vault --backup-vault-name lab-cmk (EncryptionKeyType CUSTOMER_MANAGED_KMS_KEY) and aws backup list-tags --resource-arn <the vault ARN>',
  ],
  hints: [
    'Each account and Region has its own backup-cmk key: use the one of 222222222222 in us-east-1, a vault cannot use a key of another account or Region.',
    'A vault keeps its key for life. A vault made with aws/backup cannot be switched to backup-cmk: make another vault.',
    'The tag goes on the vault (BackupVaultTags or TagResource), not on the key.',
    cliHint(WORKLOAD_ACCOUNT, 'us-east-1'),
  ],
  checks: [
    {
      id: 'vault',
      label: 'A new backup vault in 222222222222 / us-east-1',
      test: (sb) => {
        const mine = customVaults(sb.state, vaultWithCmk);
        return mine.length > 0 ? pass(`Found ${mine.map((v) => v.BackupVaultName).join(', ')}.`) : failed('No vault of yours in this account and Region yet (Default does not count).');
      },
    },
    {
      id: 'cmk',
      label: 'The vault encrypts with the customer managed key backup-cmk',
      test: (sb) => {
        const mine = customVaults(sb.state, vaultWithCmk);
        const cmk = mine.filter((v) => sb.state.kmsKeys.some((k) => k.arn === v.EncryptionKeyArn && k.managed === 'CUSTOMER' && k.alias === 'backup-cmk'));
        if (cmk.length > 0) return pass(`${cmk.map((v) => v.BackupVaultName).join(', ')} uses backup-cmk.`);
        return failed(mine.length > 0 ? 'Your vaults use the AWS managed key aws/backup: create one with backup-cmk.' : 'Create a vault with the backup-cmk key.');
      },
    },
    {
      id: 'tag',
      label: 'That vault has at least one tag',
      test: (sb) => {
        const cmk = customVaults(sb.state, vaultWithCmk).filter((v) => sb.state.kmsKeys.some((k) => k.arn === v.EncryptionKeyArn && k.alias === 'backup-cmk'));
        const tagged = cmk.find((v) => Object.keys(sb.state.tags[v.BackupVaultArn] ?? {}).length > 0);
        if (tagged) return pass(`${tagged.BackupVaultName} is tagged ${Object.entries(sb.state.tags[tagged.BackupVaultArn] ?? {}).map(([k, v]) => `${k}=${v}`).join(', ')}.`);
        return failed(cmk.length > 0 ? 'Tag the backup-cmk vault (TagResource or BackupVaultTags).' : 'First make a vault with backup-cmk.');
      },
    },
  ],
  ruleIds: ['vault.kms-key', 'tags.backup-arns'],
};

const EBS_PATTERN = 'arn:aws:ec2:*:*:volume/*';

/** In plan-by-type-and-resource: whether a selection pattern picks every EBS volume of the place and nothing else. */
function picksAllVolumes(state: SandboxState, where: { account: string; region: string }, pattern: string): boolean {
  if (!pattern.includes('*')) return false;
  const local = state.resources.filter((r) => r.accountId === where.account && r.region === where.region);
  const volumes = local.filter((r) => r.type === 'EBS');
  return volumes.length > 0 && volumes.every((r) => arnMatches(pattern, r.arn)) && local.every((r) => r.type === 'EBS' || !arnMatches(pattern, r.arn));
}

/** The RDS databases a selection names one by one (ARN without a wildcard). */
function rdsByArn(state: SandboxState, resources: string[]): Resource[] {
  return resources.flatMap((arn) => (arn.includes('*') ? [] : state.resources.filter((r) => r.type === 'RDS' && r.arn === arn)));
}

const typeAndResource = {
  dailyPlans(state: SandboxState): Plan[] {
    return livePlans(state, planByTypeAndResource).filter((p) => currentRules(p).some((r) => isDaily(r, p.CreationDate)));
  },
  typeSelected(state: SandboxState, plan: Plan): boolean {
    return state.selections.some((s) => s.BackupPlanId === plan.BackupPlanId && s.Resources.some((p) => picksAllVolumes(state, planByTypeAndResource, p)));
  },
  /** The one RDS database the plan names by ARN, when the plan backs up exactly that one. */
  oneDatabase(state: SandboxState, plan: Plan): Resource | undefined {
    const named = state.selections.filter((s) => s.BackupPlanId === plan.BackupPlanId).map((s) => rdsByArn(state, s.Resources));
    const single = named.find((list) => list.length === 1)?.[0];
    if (!single || single.accountId !== planByTypeAndResource.account || single.region !== planByTypeAndResource.region) return undefined;
    const rds = resourcesForPlan(state, plan.BackupPlanId, plan.accountId, plan.region).filter((r) => r.type === 'RDS');
    return rds.length === 1 && rds[0] === single ? single : undefined;
  },
  /** Plans meeting the first three checks. */
  complete(state: SandboxState): Plan[] {
    return typeAndResource.dailyPlans(state).filter((p) => typeAndResource.typeSelected(state, p) && typeAndResource.oneDatabase(state, p) !== undefined);
  },
  backedUp(state: SandboxState, plan: Plan, arn: string): boolean {
    for (const j of state.backupJobs.values()) if (j.ResourceArn === arn && j.State === 'COMPLETED' && j.CreatedBy?.BackupPlanId === plan.BackupPlanId) return true;
    return false;
  },
};

const planByTypeAndResource: Lab = {
  ...summary('plan-by-type-and-resource'),
  goal: 'Make a daily backup plan that backs up every EBS volume (a resource type) and exactly one RDS database (a single resource, by its ARN), then let it run for a day.',
  account: WORKLOAD_ACCOUNT,
  region: 'us-east-1',
  steps: [
    'Open Backup plans (222222222222 / us-east-1), choose Create backup plan, Build a new plan, and name it lab-daily.',
    'Add a backup rule named daily: backup vault Default, backup frequency Daily (cron(0 5 ? * * *): 05:00 UTC).',
    'Or run: aws backup create-backup-plan --backup-plan \'{"BackupPlanName":"lab-daily","Rules":[{"RuleName":"daily","TargetBackupVaultName":"Default","ScheduleExpression":"cron(0 5 ? * * *)"}]}\'',
    'Choose Assign resources: include specific resource types — EBS, all volumes (the ARN pattern arn:aws:ec2:*:*:volume/*) — and RDS with one database, e.g. arn:aws:rds:us-east-1:222222222222:db:orders-db-6.',
    `Or run: aws backup create-backup-selection --backup-plan-id <the plan id> --backup-selection '{"SelectionName":"volumes-and-orders","IamRoleArn":"${ROLE}","Resources":["${EBS_PATTERN}","arn:aws:rds:us-east-1:222222222222:db:orders-db-6"]}'`,
    `Advance the clock one day (${advanceCli(86_400)}); if jobs are still running, advance a few more hours.`,
    'See the jobs: aws backup list-backup-jobs --by-state COMPLETED',
  ],
  hints: [
    'A resource type is an ARN pattern with a wildcard at the end of the resource name: arn:aws:ec2:*:*:volume/* is every EBS volume.',
    'One resource is its own ARN, without wildcards. The RDS pattern arn:aws:rds:*:*:db:* would pick every database, not one.',
    'The plan only backs up resources of its own account and Region.',
    'The rule runs at 05:00 UTC and each job may start up to an hour later; a big database takes a few hours.',
    cliHint(WORKLOAD_ACCOUNT, 'us-east-1'),
  ],
  checks: [
    {
      id: 'plan',
      label: 'A backup plan with a daily rule',
      test: (sb) => {
        const plans = typeAndResource.dailyPlans(sb.state);
        if (plans.length > 0) return pass(`${plans.map((p) => p.versions[p.versions.length - 1]?.BackupPlanName ?? p.BackupPlanId).join(', ')} runs daily.`);
        return failed(livePlans(sb.state, planByTypeAndResource).length > 0 ? 'Your plan has no rule that runs once every day.' : 'No backup plan in this account and Region yet.');
      },
    },
    {
      id: 'by-type',
      label: `An assignment selects every EBS volume by resource type (${EBS_PATTERN})`,
      test: (sb) => {
        const plans = typeAndResource.dailyPlans(sb.state);
        if (plans.some((p) => typeAndResource.typeSelected(sb.state, p))) return pass();
        return failed(plans.length === 0 ? 'First create the daily plan.' : `Assign resources to the plan with the pattern ${EBS_PATTERN}.`);
      },
    },
    {
      id: 'one-rds',
      label: 'An assignment names exactly one RDS database by its ARN',
      test: (sb) => {
        const plans = typeAndResource.dailyPlans(sb.state);
        for (const p of plans) {
          const db = typeAndResource.oneDatabase(sb.state, p);
          if (db) return pass(`${db.name} is assigned by its ARN.`);
        }
        return failed(plans.length === 0 ? 'First create the daily plan.' : 'Name one RDS database by its full ARN, and no RDS pattern that would pick the others.');
      },
    },
    {
      id: 'ebs-jobs',
      label: 'After a day, a completed backup job for every EBS volume',
      test: (sb) => {
        const plans = typeAndResource.complete(sb.state);
        if (plans.length === 0) return failed('Finish the plan and its assignments first.');
        let best: string[] | undefined;
        for (const p of plans) {
          const ranAt = p.LastExecutionDate;
          if (ranAt === undefined) continue;
          // Volumes made after the plan last ran (a restore, say) wait for its next run.
          const volumes = sb.state.resources.filter((r) => here(planByTypeAndResource, r) && r.type === 'EBS' && r.createdAt <= ranAt);
          const missing = volumes.filter((r) => !typeAndResource.backedUp(sb.state, p, r.arn)).map((r) => r.name);
          if (missing.length === 0 && volumes.length > 0) return pass(`${volumes.length} volumes backed up.`);
          if (!best || missing.length < best.length) best = missing;
        }
        return failed(best ? `Not backed up yet: ${best.join(', ')}. Advance the clock.` : 'The plan has not run yet: advance the clock a day.');
      },
    },
    {
      id: 'rds-job',
      label: 'After a day, a completed backup job for that RDS database',
      test: (sb) => {
        const plans = typeAndResource.complete(sb.state);
        if (plans.length === 0) return failed('Finish the plan and its assignments first.');
        for (const p of plans) {
          const db = typeAndResource.oneDatabase(sb.state, p);
          if (db && typeAndResource.backedUp(sb.state, p, db.arn)) return pass(`${db.name} backed up.`);
        }
        return failed('No completed backup job of the database yet: advance the clock.');
      },
    },
  ],
  ruleIds: ['plan.rule', 'selection.by-type-or-resource', 'selection.wildcards'],
};

/** Compliance-mode locked vaults (ChangeableForDays given, so a lock date) in the lab's place. */
function complianceVaults(state: SandboxState, where: { account: string; region: string }): Vault[] {
  return customVaults(state, where).filter((v) => v.lock?.LockDate !== undefined && v.lock.LockDate - v.lock.since >= 3 * DAY);
}

const complianceLock: Lab = {
  ...summary('compliance-lock'),
  goal: 'Lock a vault in compliance mode, see an early deletion refused, then wait past the lock date and see that the lock itself can no longer be changed.',
  account: WORKLOAD_ACCOUNT,
  region: 'us-east-1',
  steps: [
    'Create a vault named locked (222222222222 / us-east-1): aws backup create-backup-vault --backup-vault-name locked',
    'In the vault, choose Create vault lock: compliance mode, minimum retention 7 days, grace time 3 days. Or run: aws backup put-backup-vault-lock-configuration --backup-vault-name locked --min-retention-days 7 --changeable-for-days 3',
    `Back up a resource into it, kept 30 days, e.g. the EBS volume data-3: aws backup start-backup-job --backup-vault-name locked --resource-arn <the data-3 volume ARN> --iam-role-arn ${ROLE} --lifecycle DeleteAfterDays=30`,
    `Advance the clock a few hours (${advanceCli(6 * 3_600)}) until the job is COMPLETED.`,
    'Try to delete the recovery point: aws backup delete-recovery-point --backup-vault-name locked --recovery-point-arn <its ARN>. It is refused.',
    `Advance the clock past the lock date, more than 3 days (${advanceCli(4 * 86_400)}).`,
    'Try to change or remove the lock: aws backup delete-backup-vault-lock-configuration --backup-vault-name locked (or put-backup-vault-lock-configuration with other days). It is refused: the lock is immutable now.',
  ],
  hints: [
    'Without --changeable-for-days the lock is in governance mode: it stays changeable and never becomes immutable.',
    'ChangeableForDays must be at least 3: that is the grace time in which you can still change or remove the lock.',
    'A job into a locked vault fails when its retention is shorter than the minimum: keep the backup at least 7 days.',
    'Compare LockDate (describe-backup-vault) with the sandbox clock.',
    cliHint(WORKLOAD_ACCOUNT, 'us-east-1'),
  ],
  checks: [
    {
      id: 'lock',
      label: 'A vault locked in compliance mode (ChangeableForDays of at least 3)',
      test: (sb) => {
        const vaults = complianceVaults(sb.state, complianceLock);
        if (vaults.length > 0) return pass(vaults.map((v) => `${v.BackupVaultName} locks on ${iso(v.lock?.LockDate ?? 0)}`).join('; '));
        const governance = customVaults(sb.state, complianceLock).some((v) => v.lock !== undefined);
        return failed(governance ? 'Your lock is in governance mode: give ChangeableForDays to make it compliance mode.' : 'No locked vault yet.');
      },
    },
    {
      id: 'recovery-point',
      label: 'A recovery point in the locked vault',
      test: (sb) => {
        const arns = new Set(complianceVaults(sb.state, complianceLock).map((v) => v.BackupVaultArn));
        for (const rp of sb.state.recoveryPoints.values()) if (arns.has(rp.BackupVaultArn)) return pass(`${rp.ResourceName} in ${rp.BackupVaultName}.`);
        return failed(arns.size === 0 ? 'First lock a vault in compliance mode.' : 'Back up a resource into the locked vault and let the job complete.');
      },
    },
    {
      id: 'early-deletion',
      label: 'An early DeleteRecoveryPoint refused by the lock (InvalidRequestException, lock.early-deletion)',
      test: (sb) => {
        const names = complianceVaults(sb.state, complianceLock).map((v) => v.BackupVaultName);
        const hit = refusals(sb.state, complianceLock, ['DeleteRecoveryPoint'], 'InvalidRequestException', 'lock.early-deletion').find((a) =>
          names.includes(String(param(a, 'BackupVaultName'))),
        );
        return hit ? pass(`Refused at ${iso(hit.eventTime)}.`) : failed('Try to delete the recovery point of the locked vault.');
      },
    },
    {
      id: 'immutable',
      label: 'The clock is past the lock date: the lock is immutable',
      test: (sb) => {
        const vaults = complianceVaults(sb.state, complianceLock);
        if (vaults.length === 0) return failed('First lock a vault in compliance mode.');
        const locked = vaults.find((v) => sb.state.now >= (v.lock?.LockDate ?? Infinity));
        if (locked) return pass(`${locked.BackupVaultName} has been immutable since ${iso(locked.lock?.LockDate ?? 0)}.`);
        const soonest = Math.min(...vaults.map((v) => v.lock?.LockDate ?? Infinity));
        return failed(`The lock date is ${iso(soonest)}; the clock is at ${iso(sb.state.now)}. Advance the clock.`);
      },
    },
    {
      id: 'change-refused',
      label: 'A change of the lock after its lock date refused (lock.immutable)',
      test: (sb) => {
        const vaults = complianceVaults(sb.state, complianceLock);
        const hit = refusals(
          sb.state,
          complianceLock,
          ['PutBackupVaultLockConfiguration', 'DeleteBackupVaultLockConfiguration'],
          'InvalidRequestException',
          'lock.immutable',
        ).find((a) => vaults.some((v) => v.BackupVaultName === param(a, 'BackupVaultName') && a.eventTime >= (v.lock?.LockDate ?? Infinity)));
        return hit ? pass(`${hit.eventName} refused at ${iso(hit.eventTime)}.`) : failed('After the lock date, try to change or delete the lock.');
      },
    },
  ],
  ruleIds: ['lock.grace-period', 'lock.immutable', 'lock.early-deletion', 'lock.job-retention'],
};

const undeletableVaults: Lab = {
  ...summary('undeletable-vaults'),
  goal: 'Try to delete the Default vault and the EFS automatic backup vault, and see why each is refused.',
  account: WORKLOAD_ACCOUNT,
  region: 'us-east-1',
  steps: [
    `Open Backup vaults (222222222222 / us-east-1): ${DEFAULT_VAULT} and ${EFS_AUTOMATIC_VAULT} are already there.`,
    `Select ${DEFAULT_VAULT} and choose Delete. Or run: aws backup delete-backup-vault --backup-vault-name ${DEFAULT_VAULT}`,
    `Select ${EFS_AUTOMATIC_VAULT} and choose Delete. Or run: aws backup delete-backup-vault --backup-vault-name ${EFS_AUTOMATIC_VAULT}`,
    `See what stops the second one: aws backup get-backup-vault-access-policy --backup-vault-name ${EFS_AUTOMATIC_VAULT}`,
  ],
  hints: [
    'Both are refused, but not for the same reason: read the error codes (InvalidRequestException and AccessDeniedException).',
    "The EFS vault's access policy denies backup:DeleteBackupVault to everyone, and an explicit Deny wins over everything.",
    cliHint(WORKLOAD_ACCOUNT, 'us-east-1'),
  ],
  checks: [
    {
      id: 'default',
      label: 'Deleting the Default vault refused (InvalidRequestException, vault.delete-default)',
      test: (sb) => {
        const hit = refusals(sb.state, undeletableVaults, ['DeleteBackupVault'], 'InvalidRequestException', 'vault.delete-default').find(
          (a) => param(a, 'BackupVaultName') === DEFAULT_VAULT,
        );
        return hit ? pass(`Refused at ${iso(hit.eventTime)}.`) : failed(`Try to delete the ${DEFAULT_VAULT} vault.`);
      },
    },
    {
      id: 'efs',
      label: 'Deleting the EFS automatic backup vault refused by its access policy (AccessDeniedException, vault.access-policy)',
      test: (sb) => {
        const hit = refusals(sb.state, undeletableVaults, ['DeleteBackupVault'], 'AccessDeniedException', 'vault.access-policy').find(
          (a) => param(a, 'BackupVaultName') === EFS_AUTOMATIC_VAULT,
        );
        return hit ? pass(`Refused at ${iso(hit.eventTime)}.`) : failed(`Try to delete the ${EFS_AUTOMATIC_VAULT} vault.`);
      },
    },
  ],
  ruleIds: ['vault.delete-default', 'vault.access-policy'],
};

const planWithAssignments: Lab = {
  ...summary('plan-with-assignments'),
  goal: 'Try to delete a backup plan that still has a resource assignment, then delete the assignment and the plan.',
  account: WORKLOAD_ACCOUNT,
  region: 'us-east-1',
  steps: [
    'Create a plan (222222222222 / us-east-1): aws backup create-backup-plan --backup-plan \'{"BackupPlanName":"lab-assigned","Rules":[{"RuleName":"daily","TargetBackupVaultName":"Default"}]}\'',
    `Assign a resource to it: aws backup create-backup-selection --backup-plan-id <the plan id> --backup-selection '{"SelectionName":"orders","IamRoleArn":"${ROLE}","Resources":["arn:aws:rds:us-east-1:222222222222:db:orders-db-6"]}'`,
    'Choose Delete on the plan, or run: aws backup delete-backup-plan --backup-plan-id <the plan id>. It is refused.',
    'Find and delete the assignment: aws backup list-backup-selections --backup-plan-id <the plan id>, then aws backup delete-backup-selection --backup-plan-id <the plan id> --selection-id <the selection id>',
    'Delete the plan again, then see its DeletionDate: aws backup list-backup-plans --include-deleted',
  ],
  hints: [
    'In the console, the plan page lists its resource assignments; delete each one first.',
    'A deleted plan is still listed with --include-deleted, with its DeletionDate; it runs no more.',
    cliHint(WORKLOAD_ACCOUNT, 'us-east-1'),
  ],
  checks: [
    {
      id: 'refused',
      label: 'DeleteBackupPlan refused while the plan had assignments (plan.delete-with-selections)',
      test: (sb) => {
        const hit = refusals(sb.state, planWithAssignments, ['DeleteBackupPlan'], 'InvalidRequestException', 'plan.delete-with-selections')[0];
        return hit ? pass(`Refused at ${iso(hit.eventTime)}.`) : failed('Assign a resource to a plan, then try to delete the plan.');
      },
    },
    {
      id: 'selection-deleted',
      label: 'The assignments of that plan deleted',
      test: (sb) => {
        const ids = refusedPlanIds(sb.state);
        if (ids.length === 0) return failed('First try to delete a plan that has an assignment.');
        const cleared = ids.find((id) => !sb.state.selections.some((s) => s.BackupPlanId === id));
        return cleared ? pass() : failed('The plan still has resource assignments: delete them.');
      },
    },
    {
      id: 'plan-deleted',
      label: 'The plan deleted (it has a DeletionDate)',
      test: (sb) => {
        const ids = refusedPlanIds(sb.state);
        if (ids.length === 0) return failed('First try to delete a plan that has an assignment.');
        const gone = sb.state.plans.find((p) => ids.includes(p.BackupPlanId) && p.DeletionDate !== undefined);
        return gone ? pass(`Deleted at ${iso(gone.DeletionDate ?? 0)}.`) : failed('Delete the plan once its assignments are gone.');
      },
    },
  ],
  ruleIds: ['plan.delete-with-selections', 'selection.by-type-or-resource'],
};

/** Plans whose deletion was refused because of their assignments. */
function refusedPlanIds(state: SandboxState): string[] {
  return refusals(state, planWithAssignments, ['DeleteBackupPlan'], 'InvalidRequestException', 'plan.delete-with-selections')
    .map((a) => param(a, 'BackupPlanId'))
    .filter((id): id is string => typeof id === 'string');
}

const WEST = 'us-west-2';

const crossRegionCopy: Lab = {
  ...summary('cross-region-copy'),
  goal: 'Copy a recovery point from us-east-1 to a vault in us-west-2 of the same account, and see the transfer between Regions on the bill.',
  account: WORKLOAD_ACCOUNT,
  region: 'us-east-1',
  steps: [
    'Switch to us-west-2 and create the destination vault: aws backup create-backup-vault --backup-vault-name west-copies --region us-west-2',
    `Back in us-east-1, back up a resource into Default, e.g. the EBS volume data-3: aws backup start-backup-job --backup-vault-name Default --resource-arn <the data-3 volume ARN> --iam-role-arn ${ROLE}`,
    `Advance the clock a few hours (${advanceCli(6 * 3_600)}) until the job is COMPLETED.`,
    `Select the recovery point and choose Copy, to the Region us-west-2 and the vault west-copies. Or run: aws backup start-copy-job --recovery-point-arn <its ARN> --source-backup-vault-name Default --destination-backup-vault-arn arn:aws:backup:us-west-2:222222222222:backup-vault:west-copies --iam-role-arn ${ROLE}`,
    'Or let a plan do it: a rule with "CopyActions":[{"DestinationBackupVaultArn":"arn:aws:backup:us-west-2:222222222222:backup-vault:west-copies"}] copies every backup it makes.',
    `Advance the clock an hour or two, then check: aws backup list-copy-jobs --by-state COMPLETED, aws backup list-recovery-points-by-backup-vault --backup-vault-name west-copies --region us-west-2, and the transfer between Regions on the Costs view.`,
  ],
  hints: [
    'The destination vault must exist before the copy runs, else the copy job FAILS.',
    'A copy within one Region is not charged for transfer; only copies between Regions are.',
    'Recovery points already in cold storage cannot be copied on demand.',
    cliHint(WORKLOAD_ACCOUNT, 'us-east-1'),
  ],
  checks: [
    {
      id: 'copy-job',
      label: 'A COMPLETED copy job from us-east-1 to a vault in us-west-2 of the same account',
      test: (sb) => {
        for (const j of sb.state.copyJobs.values()) {
          if (!here(crossRegionCopy, j) || j.State !== 'COMPLETED') continue;
          const dest = sb.state.vaults.find((v) => v.BackupVaultArn === j.DestinationBackupVaultArn);
          if (dest && dest.region === WEST && dest.accountId === crossRegionCopy.account) return pass(`Copied ${j.ResourceName} to ${dest.BackupVaultName}.`);
        }
        return failed('No completed copy from us-east-1 to us-west-2 yet.');
      },
    },
    {
      id: 'west-recovery-point',
      label: 'A recovery point in the us-west-2 vault, copied from us-east-1',
      test: (sb) => {
        for (const rp of sb.state.recoveryPoints.values())
          if (rp.accountId === crossRegionCopy.account && rp.region === WEST && rp.SourceBackupVaultArn?.split(':')[3] === crossRegionCopy.region)
            return pass(`${rp.ResourceName} in ${rp.BackupVaultName}.`);
        return failed('No copied recovery point in us-west-2 yet.');
      },
    },
    {
      id: 'transfer-cost',
      label: 'The cost report shows transfer between Regions',
      test: (sb) => {
        const cost = sb.costs({ accountId: crossRegionCopy.account, region: crossRegionCopy.region }).byFactor['transfer between Regions'];
        return cost > 0 ? pass(`$${cost.toFixed(4)} so far.`) : failed('Nothing transferred between Regions yet.');
      },
    },
  ],
  ruleIds: ['copy.destination', 'plan.copy-actions', 'copy.cold'],
};

const BUCKET_HERE = `backup-reports-${MANAGEMENT_ACCOUNT}-us-east-1`;
const BUCKET_THERE = `backup-reports-${MANAGEMENT_ACCOUNT}-us-west-2`;

const auditLimits: Lab = {
  ...summary('audit-limits'),
  goal: "Create audit frameworks up to the Region's limit and see one more refused, then deliver a report to an S3 bucket of the same Region. The notes' limit is 10 frameworks per Region; this lab lowers it to 2 so you can reach it quickly.",
  account: MANAGEMENT_ACCOUNT,
  region: 'us-east-1',
  steps: [
    'Open Frameworks (111111111111 / us-east-1) and choose Create framework; add one control. Or run: aws backup create-framework --framework-name lab_encrypted --framework-controls \'[{"ControlName":"BACKUP_RECOVERY_POINT_ENCRYPTED"}]\'',
    'Create a second one with a different control: aws backup create-framework --framework-name lab_protected --framework-controls \'[{"ControlName":"BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN"}]\'',
    'Create a third: aws backup create-framework --framework-name lab_retention --framework-controls \'[{"ControlName":"BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK"}]\'. It is refused: the Region is at its limit.',
    `Open Report plans, choose Create report plan with the Backup jobs report template, and deliver to the bucket of us-west-2. Or run: aws backup create-report-plan --report-plan-name lab_jobs --report-setting ReportTemplate=BACKUP_JOB_REPORT --report-delivery-channel '{"S3BucketName":"${BUCKET_THERE}","Formats":["CSV"]}'. It is refused.`,
    `Do it again with the bucket of us-east-1: aws backup create-report-plan --report-plan-name lab_jobs --report-setting ReportTemplate=BACKUP_JOB_REPORT --report-delivery-channel '{"S3BucketName":"${BUCKET_HERE}","Formats":["CSV"]}'`,
    `Run it now: aws backup start-report-job --report-plan-name lab_jobs. Advance the clock 5 minutes (${advanceCli(300)}), then aws backup describe-report-job --report-job-id <its id> shows COMPLETED and the S3 key of the report.`,
  ],
  hints: [
    'Two frameworks with the same controls and parameters are refused as duplicates: give each a different control.',
    'Framework and report plan names take letters, digits and underscores, no hyphens.',
    'Every account and Region has a bucket backup-reports-<account>-<Region>; only the one of the report plan\'s Region and account will do.',
    'Besides the on-demand job, each report plan makes a report every day at 02:00 UTC.',
    cliHint(MANAGEMENT_ACCOUNT, 'us-east-1'),
  ],
  checks: [
    {
      id: 'frameworks',
      label: 'Frameworks up to the Region\'s limit (2 in this lab)',
      test: (sb) => {
        const limit = quotaValue(sb.state, 'frameworksPerRegion');
        const n = sb.state.frameworks.filter((f) => here(auditLimits, f)).length;
        return n >= limit ? pass(`${n} of ${limit}.`) : failed(`${n} of ${limit} frameworks so far.`);
      },
    },
    {
      id: 'framework-refused',
      label: 'One more framework refused (LimitExceededException, framework.quota)',
      test: (sb) => {
        const hit = refusals(sb.state, auditLimits, ['CreateFramework'], 'LimitExceededException', 'framework.quota')[0];
        return hit ? pass(`Refused at ${iso(hit.eventTime)}.`) : failed('At the limit, try to create one more framework.');
      },
    },
    {
      id: 'bucket-refused',
      label: 'A report plan whose bucket is in another Region refused (report.bucket)',
      test: (sb) => {
        const hit = refusals(sb.state, auditLimits, ['CreateReportPlan', 'UpdateReportPlan'], 'InvalidParameterValueException', 'report.bucket').find((a) => {
          const channel = param(a, 'ReportDeliveryChannel') as { S3BucketName?: unknown } | undefined;
          const bucket = sb.state.buckets.find((b) => b.name === channel?.S3BucketName);
          return bucket !== undefined && bucket.region !== a.awsRegion;
        });
        return hit ? pass(`Refused at ${iso(hit.eventTime)}.`) : failed(`Try a report plan that delivers to a bucket of another Region, e.g. ${BUCKET_THERE}.`);
      },
    },
    {
      id: 'report-plan',
      label: 'A report plan delivering to the bucket of its own Region',
      test: (sb) => {
        const plan = sb.state.reportPlans.find((p) => {
          const bucket = sb.state.buckets.find((b) => b.name === p.ReportDeliveryChannel.S3BucketName);
          return here(auditLimits, p) && p.DeploymentStatus !== 'DELETE_IN_PROGRESS' && bucket !== undefined && here(auditLimits, bucket);
        });
        return plan ? pass(`${plan.ReportPlanName} writes to ${plan.ReportDeliveryChannel.S3BucketName}.`) : failed(`Create a report plan with the bucket ${BUCKET_HERE}.`);
      },
    },
    {
      id: 'report-file',
      label: 'A report job COMPLETED, its report file in the bucket',
      test: (sb) => {
        const job = sb.state.reportJobs.find(
          (j) =>
            here(auditLimits, j) &&
            j.Status === 'COMPLETED' &&
            (j.ReportDestination?.S3Keys.length ?? 0) > 0 &&
            (j.ReportDestination?.S3Keys ?? []).every((k) => sb.state.objects.some((o) => o.bucket === j.ReportDestination?.S3BucketName && o.key === k)),
        );
        return job ? pass(`s3://${job.ReportDestination?.S3BucketName}/${job.ReportDestination?.S3Keys[0]}`) : failed('Start a report job and advance the clock a few minutes.');
      },
    },
  ],
  ruleIds: ['framework.quota', 'framework.controls', 'framework.duplicate', 'report.bucket', 'report.template'],
  setup: { quotaOverrides: { frameworksPerRegion: 2 } },
};

const coldStorageCost: Lab = {
  ...summary('cold-storage-cost'),
  goal: 'Back up an EFS file system with a plan that moves backups to cold storage after 30 days and deletes them after 120, and see cold storage on the bill; on the way, see why 30 and 90 is refused.',
  account: WORKLOAD_ACCOUNT,
  region: 'us-east-1',
  steps: [
    'Try a plan (222222222222 / us-east-1) whose backups go cold after 30 days and are deleted after 90: aws backup create-backup-plan --backup-plan \'{"BackupPlanName":"lab-cold","Rules":[{"RuleName":"daily","TargetBackupVaultName":"Default","ScheduleExpression":"cron(0 5 ? * * *)","Lifecycle":{"MoveToColdStorageAfterDays":30,"DeleteAfterDays":90}}]}\'. It is refused.',
    'Make it DeleteAfterDays 120 (30 days warm + 90 days cold) and create the plan. In the console: Backup plans, Create backup plan, rule lifecycle "Move to cold storage" 30 days, "Retention period" 120 days.',
    `Assign the EFS file system shared-5: aws backup create-backup-selection --backup-plan-id <the plan id> --backup-selection '{"SelectionName":"efs","IamRoleArn":"${ROLE}","Resources":["<the shared-5 file system ARN>"]}' (or every file system: arn:aws:elasticfilesystem:*:*:file-system/*)`,
    `Advance the clock 31 days (${advanceCli(31 * 86_400)}).`,
    'List the recovery points: aws backup list-recovery-points-by-backup-vault --backup-vault-name Default --by-resource-arn <the shared-5 ARN> (CalculatedLifecycle says when each goes cold), then aws backup describe-recovery-point --backup-vault-name Default --recovery-point-arn <the oldest one> shows StorageClass COLD.',
    'Open Costs: cold storage appears beside warm storage.',
  ],
  hints: [
    'Once in cold storage, a backup must stay there at least 90 days: DeleteAfterDays must be at least MoveToColdStorageAfterDays + 90.',
    'Only some resource types go to cold storage: EFS and EBS here, and DynamoDB with advanced features; for the others the setting is ignored.',
    'Cold storage is cheaper per GB-month but billed for at least 90 days, even if the backup is deleted sooner.',
    cliHint(WORKLOAD_ACCOUNT, 'us-east-1'),
  ],
  checks: [
    {
      id: 'gap-refused',
      label: 'A lifecycle with less than 90 days between cold and deletion refused (plan.lifecycle-cold)',
      test: (sb) => {
        const hit = refusals(
          sb.state,
          coldStorageCost,
          ['CreateBackupPlan', 'UpdateBackupPlan', 'StartBackupJob', 'StartCopyJob', 'UpdateRecoveryPointLifecycle'],
          'InvalidParameterValueException',
          'plan.lifecycle-cold',
        ).find((a) =>
          requestLifecycles(a.requestParameters).some(
            (l) => typeof l.MoveToColdStorageAfterDays === 'number' && typeof l.DeleteAfterDays === 'number' && l.DeleteAfterDays < l.MoveToColdStorageAfterDays + 90,
          ),
        );
        return hit ? pass(`${hit.eventName} refused at ${iso(hit.eventTime)}.`) : failed('Try a lifecycle with MoveToColdStorageAfterDays 30 and DeleteAfterDays 90.');
      },
    },
    {
      id: 'plan',
      label: 'A plan with MoveToColdStorageAfterDays 30 and DeleteAfterDays 120 that backs up an EFS file system',
      test: (sb) => {
        const plans = coldPlans(sb.state);
        if (plans.length === 0) return failed('No plan with a rule of MoveToColdStorageAfterDays 30 and DeleteAfterDays 120.');
        const efs = plans.find((p) => resourcesForPlan(sb.state, p.BackupPlanId, p.accountId, p.region).some((r) => r.type === 'EFS'));
        return efs ? pass() : failed('Assign an EFS file system to the plan.');
      },
    },
    {
      id: 'cold',
      label: 'An EFS recovery point in cold storage',
      test: (sb) => {
        for (const rp of sb.state.recoveryPoints.values())
          if (here(coldStorageCost, rp) && rp.ResourceType === 'EFS' && rp.StorageClass === 'COLD') return pass(`Cold since ${iso(rp.coldSince ?? 0)}.`);
        return failed('No EFS backup in cold storage yet: advance the clock past 30 days.');
      },
    },
    {
      id: 'cold-cost',
      label: 'The cost report shows cold storage',
      test: (sb) => {
        const cost = sb.costs({ accountId: coldStorageCost.account, region: coldStorageCost.region }).byFactor['cold storage'];
        return cost > 0 ? pass(`$${cost.toFixed(4)} so far.`) : failed('No cold storage charged yet.');
      },
    },
  ],
  ruleIds: ['plan.lifecycle-cold', 'plan.cold-types', 'plan.rule'],
};

/** Live plans of cold-storage-cost with a rule of exactly 30 days to cold and 120 to deletion. */
function coldPlans(state: SandboxState): Plan[] {
  return livePlans(state, coldStorageCost).filter((p) =>
    currentRules(p).some((r) => r.Lifecycle?.MoveToColdStorageAfterDays === 30 && r.Lifecycle.DeleteAfterDays === 120),
  );
}

const RESTORABLE = ['EFS', 'DynamoDB'];

const restoreCharge: Lab = {
  ...summary('restore-charge'),
  goal: 'Back up an EFS file system or a DynamoDB table, restore it on demand, and see the restore on the bill.',
  account: WORKLOAD_ACCOUNT,
  region: 'us-east-1',
  steps: [
    `Back up the EFS file system shared-5 (or the DynamoDB table catalog-9) into Default (222222222222 / us-east-1): aws backup start-backup-job --backup-vault-name Default --resource-arn <its ARN> --iam-role-arn ${ROLE}`,
    `Advance the clock a few hours (${advanceCli(6 * 3_600)}) until the job is COMPLETED.`,
    `Select the recovery point and choose Restore. Or run: aws backup start-restore-job --recovery-point-arn <its ARN> --iam-role-arn ${ROLE} --metadata newFileSystem=true,CreationToken=lab-restore,Encrypted=false,PerformanceMode=generalPurpose (for a table: --metadata targetTableName=catalog-restored)`,
    `Advance the clock an hour or two (${advanceCli(2 * 3_600)}); aws backup describe-restore-job --restore-job-id <its id> shows COMPLETED and the new resource.`,
    'Open Costs: the restore is charged per GB restored.',
  ],
  hints: [
    'Restoring is on demand: the console or a StartRestoreJob call; it makes a new resource and leaves the original alone.',
    'The EFS automatic backup vault refuses restores and copies through its access policy: back up into Default or your own vault.',
    "At the sandbox's prices, restoring EBS volumes, EC2 instances or RDS databases costs nothing; EFS, DynamoDB and S3 restores are charged per GB.",
    cliHint(WORKLOAD_ACCOUNT, 'us-east-1'),
  ],
  checks: [
    {
      id: 'recovery-point',
      label: 'A recovery point of an EFS file system or a DynamoDB table',
      test: (sb) => {
        for (const rp of sb.state.recoveryPoints.values())
          if (here(restoreCharge, rp) && RESTORABLE.includes(rp.ResourceType) && rp.Status === 'COMPLETED') return pass(`${rp.ResourceName} in ${rp.BackupVaultName}.`);
        return failed('Back up an EFS file system or a DynamoDB table and let the job complete.');
      },
    },
    {
      id: 'restore-job',
      label: 'A restore job of it COMPLETED',
      test: (sb) => {
        for (const j of sb.state.restoreJobs.values())
          if (here(restoreCharge, j) && RESTORABLE.includes(j.ResourceType) && j.Status === 'COMPLETED') return pass(`Restored as ${j.CreatedResourceArn ?? 'a new resource'}.`);
        return failed('Start a restore job of the EFS or DynamoDB recovery point and advance the clock.');
      },
    },
    {
      id: 'restore-cost',
      label: 'The cost report shows a restore charge',
      test: (sb) => {
        const cost = sb.costs({ accountId: restoreCharge.account, region: restoreCharge.region }).byFactor.restore;
        return cost > 0 ? pass(`$${cost.toFixed(4)} so far.`) : failed('No restore charged yet.');
      },
    },
  ],
  ruleIds: ['restore.on-demand'],
};

const TOPIC = `arn:aws:sns:us-east-1:${WORKLOAD_ACCOUNT}:backup-alerts`;

const jobNotifications: Lab = {
  ...summary('job-notifications'),
  goal: "Have a vault notify an SNS topic of its own account when a backup job completes, run a job, and read the message.",
  account: WORKLOAD_ACCOUNT,
  region: 'us-east-1',
  steps: [
    `Subscribe the Default vault (222222222222 / us-east-1) to an SNS topic of the same account: aws backup put-backup-vault-notifications --backup-vault-name Default --sns-topic-arn ${TOPIC} --backup-vault-events BACKUP_JOB_COMPLETED`,
    `Back up a resource into Default, e.g. the DynamoDB table sessions-8: aws backup start-backup-job --backup-vault-name Default --resource-arn arn:aws:dynamodb:us-east-1:222222222222:table/sessions-8 --iam-role-arn ${ROLE}`,
    `Advance the clock a few hours (${advanceCli(6 * 3_600)}) until the job is COMPLETED.`,
    'Read the SNS messages (the console\'s Notifications, or curl -s http://127.0.0.1:4566/_sandbox/notifications): one says the job is COMPLETED.',
  ],
  hints: [
    'The topic must be a standard (not FIFO) topic in the vault\'s own account.',
    'Subscribe before the job ends: only events after the subscription are sent.',
    'BACKUP_JOB_COMPLETED is sent for every job that ends, failed ones included; the message says the state.',
    cliHint(WORKLOAD_ACCOUNT, 'us-east-1'),
  ],
  checks: [
    {
      id: 'subscribed',
      label: 'A vault sends BACKUP_JOB_COMPLETED to an SNS topic of the same account',
      test: (sb) => {
        const v = sb.state.vaults.find(
          (x) => here(jobNotifications, x) && x.notifications?.BackupVaultEvents.includes('BACKUP_JOB_COMPLETED') && x.notifications.SNSTopicArn.split(':')[4] === x.accountId,
        );
        return v ? pass(`${v.BackupVaultName} notifies ${v.notifications?.SNSTopicArn}.`) : failed('Put vault notifications for BACKUP_JOB_COMPLETED on a vault.');
      },
    },
    {
      id: 'job',
      label: 'A backup job completed in that vault',
      test: (sb) => {
        const arns = new Set(sb.state.vaults.filter((x) => here(jobNotifications, x) && x.notifications?.BackupVaultEvents.includes('BACKUP_JOB_COMPLETED')).map((x) => x.BackupVaultArn));
        for (const j of sb.state.backupJobs.values()) if (arns.has(j.BackupVaultArn) && j.State === 'COMPLETED') return pass(`${j.ResourceName} backed up.`);
        return failed(arns.size === 0 ? 'First subscribe a vault.' : 'Run a backup job into the subscribed vault and advance the clock.');
      },
    },
    {
      id: 'message',
      label: 'An SNS message for BACKUP_JOB_COMPLETED',
      test: (sb) => {
        const m = sb.state.notifications.find(
          (n) => n.BackupVaultEvent === 'BACKUP_JOB_COMPLETED' && n.TopicArn.split(':')[4] === jobNotifications.account,
        );
        return m ? pass(m.Message) : failed('No BACKUP_JOB_COMPLETED message yet: a job must end after the subscription.');
      },
    },
  ],
  ruleIds: ['vault.notifications'],
};

/** Every lab, in the order the console lists them. */
export const LABS: readonly Lab[] = [
  vaultWithCmk,
  planByTypeAndResource,
  complianceLock,
  undeletableVaults,
  planWithAssignments,
  crossRegionCopy,
  auditLimits,
  coldStorageCost,
  restoreCharge,
  jobNotifications,
];

/** The lab with this id, if there is one. */
export function labById(id: string): Lab | undefined {
  return LABS.find((l) => l.id === id);
}

/**
 * Runs every check of the lab on the view, in order. A check that throws (a
 * bug) counts as not passed, with the error as its detail, so the console
 * keeps working.
 */
export function checkLab(lab: Lab, view: LabView): LabCheckResult[] {
  return lab.checks.map((c) => {
    let r: Result;
    try {
      r = c.test(view);
    } catch (e) {
      r = { passed: false, detail: `The check could not run: ${e instanceof Error ? e.message : String(e)}` };
    }
    return r.detail === undefined ? { id: c.id, label: c.label, passed: r.passed } : { id: c.id, label: c.label, passed: r.passed, detail: r.detail };
  });
}

/** A fact's text as compared: links shown as their label, highlights removed, spaces collapsed. */
/** The labs that exercise a fact of a note (see `labsTeaching` in lab-index.ts for the matching). */
export function labsForFact(note: string, factText: string, blockId?: string): Lab[] {
  const ids = new Set(labsTeaching(note, factText, blockId).map((l) => l.id));
  return LABS.filter((lab) => ids.has(lab.id));
}

/** A fresh sandbox made from the seed, with the lab's setup applied. */
export function startLab(lab: Lab, seed: string): Sandbox {
  const settings: Partial<Settings> = {};
  if (lab.setup?.crossAccountBackupEnabled !== undefined) settings.crossAccountBackupEnabled = lab.setup.crossAccountBackupEnabled;
  if (lab.setup?.quotaOverrides !== undefined) settings.quotaOverrides = { ...lab.setup.quotaOverrides };
  return Sandbox.create({ seed, settings });
}
