/**
 * Backup Audit Manager: frameworks of controls, report plans and report jobs,
 * the daily control evaluation and the daily reports.
 *
 * From the notes: a framework is a set of controls for assessing backup
 * practices, at most 10 per Region (AWS now lists 15; the quota profile picks);
 * reports come from a report plan made from a report template; reports go to
 * an S3 bucket in the same Region and account; at most 20 report plans per
 * account. From AWS (API model backup-2018-11-15, Developer Guide pages
 * "Choosing your controls", "Controls and remediation", "Creating frameworks
 * using the AWS Backup API", "Working with audit reports", "AWS Backup
 * quotas"): name patterns, the controls and their parameters, the one-tag
 * scope, duplicate frameworks, deployment states and ConflictException, report
 * templates and formats, the S3 key layout, reports covering the previous 24
 * hours.
 *
 * Sandbox simplifications (said where they apply): AWS Config recording is
 * assumed to be on, controls are evaluated once a day at 00:00 UTC, report
 * deployments take 2 minutes and a report job 3.
 */
import type { ApiInput, ApiOutput } from '../api.ts';
import {
  clean,
  date,
  DAY,
  fail,
  MINUTE,
  optArray,
  optDate,
  optObject,
  optString,
  optStringList,
  optStringMap,
  paginate,
  reqObject,
  reqString,
  type Ctx,
  type Handler,
} from '../context.ts';
import { nextUuid } from '../ids.ts';
import type { Framework, FrameworkControl, Plan, RecoveryPoint, ReportJob, ReportPlan, Resource, Vault } from '../model.ts';
import { evaluatePolicy } from '../policy.ts';
import { quota } from '../quotas.ts';
import { nextOccurrence, parseSchedule } from '../schedule.ts';
import { resourcesForPlan } from '../selection-match.ts';
import { currentVersion } from './plans.ts';

const HOUR = 60 * MINUTE;

/** FrameworkName and ReportPlanName: `[a-zA-Z][_a-zA-Z0-9]*`, 1 to 256 characters (API model). No hyphens. */
export const AUDIT_NAME = /^[a-zA-Z][_a-zA-Z0-9]{0,255}$/;
const DESCRIPTION_MAX = 1024;
/** How long the sandbox takes to deploy a framework or report plan (AWS deploys through AWS Config, in minutes). */
export const DEPLOY_MS = 2 * MINUTE;

// --- controls ---------------------------------------------------------------

/** A parameter a control takes, with how its value is checked and its default (DG "Controls and remediation"). */
interface ParameterSpec {
  check: (c: Ctx, value: string) => string | undefined;
  default?: string;
}

function positiveInt(value: string): string | undefined {
  return /^[1-9]\d{0,5}$/.test(value) ? undefined : 'must be a positive whole number';
}

function oneOf(...allowed: string[]): (c: Ctx, value: string) => string | undefined {
  return (_c, value) => (allowed.includes(value) ? undefined : `must be one of ${allowed.join(', ')}`);
}

/** Comma-separated lists are how AWS passes list parameters (principalArnList, crossRegionList, crossAccountList). */
function splitList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const ROLE_ARN = /^arn:aws:iam::\d{12}:role\/[\w+=,.@\-/]{1,512}$/;

/**
 * The controls of AWS Backup Audit Manager that the sandbox evaluates, each
 * with only its own parameters (DG "Choosing your controls"; rule book A7).
 * RESOURCES_IN_LOGICALLY_AIR_GAPPED_VAULT is left out: the sandbox has no
 * logically air-gapped vaults.
 */
export const CONTROLS: Readonly<Record<string, Readonly<Record<string, ParameterSpec>>>> = {
  BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN: {},
  BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK: {
    requiredFrequencyUnit: { check: oneOf('hours', 'days'), default: 'days' },
    requiredFrequencyValue: { check: (_c, v) => positiveInt(v), default: '1' },
    requiredRetentionDays: { check: (_c, v) => positiveInt(v), default: '35' },
  },
  BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED: {
    principalArnList: {
      check: (_c, v) => {
        const arns = splitList(v);
        if (arns.length === 0 || arns.length > 5) return 'must list 1 to 5 IAM role ARNs, separated by commas';
        const bad = arns.find((a) => !ROLE_ARN.test(a));
        return bad === undefined ? undefined : `has ${bad}, which is not an IAM role ARN`;
      },
    },
  },
  BACKUP_RECOVERY_POINT_ENCRYPTED: {},
  BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK: {
    requiredRetentionDays: { check: (_c, v) => positiveInt(v), default: '35' },
  },
  BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION: {
    crossRegionList: {
      check: (c, v) => {
        const regions = splitList(v);
        if (regions.length === 0) return 'must list at least one Region, separated by commas';
        const bad = regions.find((r) => !c.state.organization.regions.includes(r));
        return bad === undefined ? undefined : `has ${bad}, which is not a Region of the organization (${c.state.organization.regions.join(', ')})`;
      },
    },
  },
  BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT: {
    crossAccountList: {
      check: (_c, v) => {
        const accounts = splitList(v);
        if (accounts.length === 0) return 'must list at least one account id, separated by commas';
        const bad = accounts.find((a) => !/^\d{12}$/.test(a));
        return bad === undefined ? undefined : `has ${bad}, which is not a 12-digit account id`;
      },
    },
  },
  BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK: {
    minRetentionDays: { check: (_c, v) => positiveInt(v) },
    maxRetentionDays: { check: (_c, v) => positiveInt(v) },
  },
  BACKUP_LAST_RECOVERY_POINT_CREATED: {
    recoveryPointAgeUnit: { check: oneOf('hours', 'days'), default: 'days' },
    recoveryPointAgeValue: { check: (_c, v) => positiveInt(v), default: '1' },
  },
  RESTORE_TIME_FOR_RESOURCES_MEET_TARGET: {
    maxRestoreTime: { check: (_c, v) => positiveInt(v), default: '720' },
  },
};

function controlError(message: string): never {
  fail('InvalidParameterValueException', message, 'framework.controls');
}

function readControl(c: Ctx, raw: unknown, index: number): FrameworkControl {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) controlError(`FrameworkControls[${index}] must be a structure`);
  const o = raw as ApiInput;
  const name = reqString(o, 'ControlName');
  const spec = CONTROLS[name];
  if (!spec)
    controlError(`Invalid ControlName ${name}. Valid controls are ${Object.keys(CONTROLS).join(', ')}`);
  const params = (optArray(o, 'ControlInputParameters') ?? []).map((p, i) => {
    const po = (p ?? {}) as Record<string, unknown>;
    if (typeof po.ParameterName !== 'string' || typeof po.ParameterValue !== 'string')
      controlError(`ControlInputParameters[${i}] of control ${name} needs a ParameterName and a ParameterValue (strings)`);
    return { ParameterName: po.ParameterName, ParameterValue: po.ParameterValue };
  });
  const seen = new Set<string>();
  for (const p of params) {
    const ps = spec[p.ParameterName];
    if (!ps) {
      const own = Object.keys(spec);
      controlError(
        `Invalid parameter ${p.ParameterName} for control ${name}: ${own.length ? `it takes only ${own.join(', ')}` : 'it takes no parameters'}`,
      );
    }
    if (seen.has(p.ParameterName)) controlError(`Parameter ${p.ParameterName} is given twice for control ${name}`);
    seen.add(p.ParameterName);
    const problem = ps.check(c, p.ParameterValue);
    if (problem) controlError(`Invalid value ${p.ParameterValue} for parameter ${p.ParameterName} of control ${name}: it ${problem}`);
  }
  const min = params.find((p) => p.ParameterName === 'minRetentionDays');
  const max = params.find((p) => p.ParameterName === 'maxRetentionDays');
  if (min && max && Number(min.ParameterValue) > Number(max.ParameterValue))
    controlError(`Parameter minRetentionDays (${min.ParameterValue}) cannot be greater than maxRetentionDays (${max.ParameterValue}) for control ${name}`);

  const scopeRaw = optObject(o, 'ControlScope');
  let scope: FrameworkControl['ControlScope'];
  if (scopeRaw) {
    const ids = optStringList(scopeRaw, 'ComplianceResourceIds');
    const types = optStringList(scopeRaw, 'ComplianceResourceTypes');
    const tags = optStringMap(scopeRaw, 'Tags');
    // ControlScope (API reference): ComplianceResourceIds has 1 to 100 items; at most one tag key-value pair.
    if (ids && (ids.length < 1 || ids.length > 100))
      controlError(`ComplianceResourceIds of control ${name} must have 1 to 100 items (got ${ids.length})`);
    if (tags && Object.keys(tags).length > 1)
      controlError(`The scope of control ${name} has ${Object.keys(tags).length} tags: a control scope takes at most one tag key-value pair`);
    if (types && types.some((t) => t.trim() === '')) controlError(`ComplianceResourceTypes of control ${name} cannot hold an empty string`);
    scope = clean({
      ComplianceResourceIds: ids ? [...ids] : undefined,
      ComplianceResourceTypes: types ? [...types] : undefined,
      Tags: tags && Object.keys(tags).length > 0 ? { ...tags } : undefined,
    });
  }
  return clean({
    ControlName: name,
    ControlInputParameters: params.length ? params : undefined,
    ControlScope: scope && Object.keys(scope).length > 0 ? scope : undefined,
  });
}

function readControls(c: Ctx, input: ApiInput): FrameworkControl[] | undefined {
  const list = optArray(input, 'FrameworkControls');
  if (list === undefined) return undefined;
  if (list.length === 0) controlError('A framework must contain at least one control');
  return list.map((raw, i) => readControl(c, raw, i));
}

/** The value of a control parameter, its default when absent (DG "Controls and remediation": defaults in brackets). */
function param(control: FrameworkControl, name: string): string | undefined {
  return control.ControlInputParameters?.find((p) => p.ParameterName === name)?.ParameterValue ?? CONTROLS[control.ControlName]?.[name]?.default;
}

/**
 * A framework's controls and parameters as compared for "identical": AWS
 * refuses a framework whose controls and parameters equal another's (DG
 * "Creating audit frameworks"). Defaults count as given; scopes do not.
 */
function controlsFingerprint(controls: FrameworkControl[]): string {
  const each = controls.map((ctl) => {
    const names = Object.keys(CONTROLS[ctl.ControlName] ?? {}).sort();
    return `${ctl.ControlName}(${names.map((n) => `${n}=${param(ctl, n) ?? ''}`).join(',')})`;
  });
  return each.sort().join(';');
}

// --- frameworks -------------------------------------------------------------

function inRegion<T extends { accountId: string; region: string }>(c: Ctx, list: T[]): T[] {
  return list.filter((x) => x.accountId === c.accountId && x.region === c.region);
}

function findFramework(c: Ctx, name: string): Framework {
  const fw = inRegion(c, c.state.frameworks).find((f) => f.FrameworkName === name);
  if (!fw) fail('ResourceNotFoundException', `Framework ${name} not found in ${c.region} for account ${c.accountId}`, 'input.not-found');
  return fw;
}

function readDescription(input: ApiInput, member: string): string | undefined {
  const d = optString(input, member);
  if (d !== undefined && d.length > DESCRIPTION_MAX)
    fail('InvalidParameterValueException', `${member} can have at most ${DESCRIPTION_MAX} characters (got ${d.length})`, 'input.required');
  return d;
}

function inProgress(status: string): boolean {
  return status.endsWith('_IN_PROGRESS');
}

function refuseInProgress(kind: string, name: string, status: string): void {
  if (inProgress(status))
    fail(
      'ConflictException',
      `${kind} ${name} cannot be changed now: a previous action is still in progress (DeploymentStatus ${status})`,
      'framework.in-progress',
    );
}

function checkControlQuota(c: Ctx, adding: number, without?: Framework): void {
  const used = inRegion(c, c.state.frameworks)
    .filter((f) => f !== without)
    .reduce((n, f) => n + f.FrameworkControls.length, 0);
  const limit = quota(c.state, 'controlsPerRegion');
  // The same control in two frameworks counts twice (DG "Controls and remediation").
  if (used + adding > limit.value) fail('LimitExceededException', limit.message(used + adding), 'framework.quota');
}

function refuseTwin(c: Ctx, controls: FrameworkControl[], self?: Framework): void {
  const print = controlsFingerprint(controls);
  const twin = inRegion(c, c.state.frameworks).find((f) => f !== self && controlsFingerprint(f.FrameworkControls) === print);
  if (twin)
    fail(
      'AlreadyExistsException',
      `Framework ${twin.FrameworkName} already has the same controls and parameters. To successfully create a new framework, at least one control or parameter must be different.`,
      'framework.duplicate',
      { arn: twin.FrameworkArn },
    );
}

function deploy(c: Ctx, entity: { deployedAt?: number }, kind: 'framework' | 'report-plan', id: string): void {
  entity.deployedAt = c.now + DEPLOY_MS;
  c.services.schedule(kind, id, entity.deployedAt);
}

const createFramework: Handler = (c, input) => {
  const name = reqString(input, 'FrameworkName');
  if (!AUDIT_NAME.test(name))
    fail(
      'InvalidParameterValueException',
      `Invalid FrameworkName ${name}: start with a letter and use only letters, digits and underscores (no hyphens), 1 to 256 characters`,
      'framework.name',
    );
  const token = optString(input, 'IdempotencyToken');
  const mine = inRegion(c, c.state.frameworks);
  if (token !== undefined) {
    const same = mine.find((f) => f.IdempotencyToken === token && f.FrameworkName === name);
    if (same) return { FrameworkName: same.FrameworkName, FrameworkArn: same.FrameworkArn };
  }
  const description = readDescription(input, 'FrameworkDescription');
  const controls = readControls(c, input);
  if (!controls) fail('MissingParameterValueException', 'Missing required parameter in input: "FrameworkControls"', 'framework.controls');
  const tags = optStringMap(input, 'FrameworkTags');
  const existing = mine.find((f) => f.FrameworkName === name);
  if (existing)
    fail('AlreadyExistsException', `Framework ${name} already exists in ${c.region} for account ${c.accountId}`, 'framework.duplicate', {
      arn: existing.FrameworkArn,
    });
  refuseTwin(c, controls);
  const limit = quota(c.state, 'frameworksPerRegion');
  if (mine.length >= limit.value) fail('LimitExceededException', limit.message(mine.length), 'framework.quota');
  checkControlQuota(c, controls.length);
  const arn = `arn:aws:backup:${c.region}:${c.accountId}:framework:${name}-${nextUuid(c.state)}`;
  const fw: Framework = clean({
    FrameworkName: name,
    FrameworkArn: arn,
    accountId: c.accountId,
    region: c.region,
    FrameworkDescription: description,
    FrameworkControls: controls,
    CreationTime: c.now,
    DeploymentStatus: 'CREATE_IN_PROGRESS' as const,
    IdempotencyToken: token,
  });
  c.state.frameworks.push(fw);
  if (tags && Object.keys(tags).length > 0) c.state.tags[arn] = { ...tags };
  deploy(c, fw, 'framework', arn);
  return { FrameworkName: name, FrameworkArn: arn };
};

function copyControls(controls: FrameworkControl[]): FrameworkControl[] {
  return controls.map((ctl) =>
    clean({
      ControlName: ctl.ControlName,
      ControlInputParameters: ctl.ControlInputParameters?.map((p) => ({ ...p })),
      ControlScope: ctl.ControlScope
        ? clean({
            ComplianceResourceIds: ctl.ControlScope.ComplianceResourceIds ? [...ctl.ControlScope.ComplianceResourceIds] : undefined,
            ComplianceResourceTypes: ctl.ControlScope.ComplianceResourceTypes ? [...ctl.ControlScope.ComplianceResourceTypes] : undefined,
            Tags: ctl.ControlScope.Tags ? { ...ctl.ControlScope.Tags } : undefined,
          })
        : undefined,
    }),
  );
}

/**
 * FrameworkStatus depends on AWS Config recording, which the sandbox assumes
 * on: ACTIVE once deployed (and while an update deploys, since the previous
 * controls keep running). Absent while the framework is created or deleted.
 */
function frameworkStatus(fw: Framework): string | undefined {
  return fw.DeploymentStatus === 'COMPLETED' || fw.DeploymentStatus === 'UPDATE_IN_PROGRESS' ? 'ACTIVE' : undefined;
}

const describeFramework: Handler = (c, input) => {
  const fw = findFramework(c, reqString(input, 'FrameworkName'));
  return clean({
    FrameworkName: fw.FrameworkName,
    FrameworkArn: fw.FrameworkArn,
    FrameworkDescription: fw.FrameworkDescription,
    FrameworkControls: copyControls(fw.FrameworkControls),
    CreationTime: new Date(fw.CreationTime),
    DeploymentStatus: fw.DeploymentStatus,
    FrameworkStatus: frameworkStatus(fw),
    IdempotencyToken: fw.IdempotencyToken,
  });
};

const updateFramework: Handler = (c, input) => {
  const fw = findFramework(c, reqString(input, 'FrameworkName'));
  const token = optString(input, 'IdempotencyToken');
  const reply = { FrameworkName: fw.FrameworkName, FrameworkArn: fw.FrameworkArn, CreationTime: new Date(fw.CreationTime) };
  // A retry with the token of the update in progress gets the same answer, not a conflict.
  if (token !== undefined && token === fw.IdempotencyToken && fw.DeploymentStatus === 'UPDATE_IN_PROGRESS') return reply;
  refuseInProgress('Framework', fw.FrameworkName, fw.DeploymentStatus);
  const description = readDescription(input, 'FrameworkDescription');
  const controls = readControls(c, input);
  if (controls) {
    refuseTwin(c, controls, fw);
    checkControlQuota(c, controls.length, fw);
    fw.FrameworkControls = controls;
  }
  if (description !== undefined) fw.FrameworkDescription = description;
  if (token !== undefined) fw.IdempotencyToken = token;
  fw.DeploymentStatus = 'UPDATE_IN_PROGRESS';
  deploy(c, fw, 'framework', fw.FrameworkArn);
  return reply;
};

const deleteFramework: Handler = (c, input) => {
  const fw = findFramework(c, reqString(input, 'FrameworkName'));
  refuseInProgress('Framework', fw.FrameworkName, fw.DeploymentStatus);
  fw.DeploymentStatus = 'DELETE_IN_PROGRESS';
  deploy(c, fw, 'framework', fw.FrameworkArn);
  return {};
};

const listFrameworks: Handler = (c, input) => {
  const { page, NextToken } = paginate(inRegion(c, c.state.frameworks), input);
  return clean({
    Frameworks: page.map((fw) =>
      clean({
        FrameworkName: fw.FrameworkName,
        FrameworkArn: fw.FrameworkArn,
        FrameworkDescription: fw.FrameworkDescription,
        NumberOfControls: fw.FrameworkControls.length,
        CreationTime: new Date(fw.CreationTime),
        DeploymentStatus: fw.DeploymentStatus,
      }),
    ),
    NextToken,
  });
};

/**
 * The engine calls this when a framework's deployment time comes: the
 * deployment completes, or a framework being deleted goes away with its tags.
 * A stale wake-up (nothing deploying, or not yet due) does nothing.
 */
export function wakeFramework(c: Ctx, fw: Framework): void {
  if (fw.deployedAt === undefined || c.now < fw.deployedAt) return;
  delete fw.deployedAt;
  if (fw.DeploymentStatus === 'DELETE_IN_PROGRESS') {
    c.state.frameworks = c.state.frameworks.filter((f) => f !== fw);
    delete c.state.tags[fw.FrameworkArn];
    return;
  }
  fw.DeploymentStatus = 'COMPLETED';
}

// --- evaluation -------------------------------------------------------------

/** The last part of an ARN: the resource id (`vol-0abc`, `orders-db-6`, a bucket name). */
function arnId(arn: string): string {
  return arn.split(/[:/]/).pop() ?? arn;
}

interface Scoped {
  type?: string;
  ids: string[];
  tags: Record<string, string>;
}

/** Whether the control's scope takes this subject (no scope: everything; a tag without a value: any value). */
function inScope(control: FrameworkControl, s: Scoped): boolean {
  const scope = control.ControlScope;
  if (!scope) return true;
  if (scope.ComplianceResourceTypes && scope.ComplianceResourceTypes.length > 0) {
    if (s.type === undefined || !scope.ComplianceResourceTypes.some((t) => t.toLowerCase() === s.type?.toLowerCase())) return false;
  }
  if (scope.ComplianceResourceIds && !scope.ComplianceResourceIds.some((id) => s.ids.includes(id))) return false;
  for (const [k, v] of Object.entries(scope.Tags ?? {})) {
    if (!(k in s.tags)) return false;
    if (v !== '' && s.tags[k] !== v) return false;
  }
  return true;
}

function resourceScoped(r: Resource): Scoped {
  return { type: r.type, ids: [r.arn, arnId(r.arn), r.name], tags: r.tags };
}

function usable(rp: RecoveryPoint): boolean {
  return rp.Status === 'COMPLETED' || rp.Status === 'PARTIAL';
}

interface World {
  resources: Resource[];
  recoveryPoints: RecoveryPoint[];
  /** Usable recovery points by the ARN of the resource they protect (all accounts and Regions). */
  byResource: Map<string, RecoveryPoint[]>;
}

function world(c: Ctx): World {
  const recoveryPoints = [...c.state.recoveryPoints.values()].filter(usable);
  const byResource = new Map<string, RecoveryPoint[]>();
  for (const rp of recoveryPoints) {
    const list = byResource.get(rp.ResourceArn);
    if (list) list.push(rp);
    else byResource.set(rp.ResourceArn, [rp]);
  }
  return { resources: c.state.resources, recoveryPoints, byResource };
}

type Verdict = { subject: string; compliant: boolean };

function num(control: FrameworkControl, name: string): number | undefined {
  const v = param(control, name);
  return v === undefined ? undefined : Number(v);
}

function ageMs(unit: string | undefined, value: number): number {
  return value * (unit === 'hours' ? HOUR : DAY);
}

/** The longest gap between consecutive runs of a schedule, over its next few runs (null when it runs less than twice). */
function longestGap(expression: string, from: number, anchor: number): number | null {
  let schedule;
  try {
    schedule = parseSchedule(expression);
  } catch {
    return null;
  }
  let longest: number | null = null;
  let previous = nextOccurrence(schedule, from, anchor);
  if (previous === null) return null;
  for (let i = 0; i < 8; i++) {
    const next = nextOccurrence(schedule, previous, anchor);
    if (next === null) break;
    longest = Math.max(longest ?? 0, next - previous);
    previous = next;
  }
  return longest;
}

function livePlans(c: Ctx, accountId: string, region: string): Plan[] {
  return c.state.plans.filter((p) => p.accountId === accountId && p.region === region && p.DeletionDate === undefined);
}

/**
 * One control of one framework against the state. Resources, recovery points,
 * vaults or plans of the framework's account and Region, narrowed by the
 * control's scope, each found compliant or not. The checks follow the control
 * descriptions in the DG ("Controls and remediation").
 */
function evaluateControl(c: Ctx, fw: Framework, control: FrameworkControl, w: World): Verdict[] {
  const here = <T extends { accountId: string; region: string }>(x: T) => x.accountId === fw.accountId && x.region === fw.region;
  const resources = w.resources.filter((r) => here(r) && inScope(control, resourceScoped(r)));
  const recoveryPoints = w.recoveryPoints.filter((rp) => {
    if (!here(rp)) return false;
    const source = c.services.resource(rp.ResourceArn);
    return inScope(control, {
      type: rp.ResourceType,
      ids: [rp.RecoveryPointArn, rp.ResourceArn, arnId(rp.ResourceArn), rp.ResourceName],
      tags: { ...(source?.tags ?? {}), ...(c.state.tags[rp.RecoveryPointArn] ?? {}) },
    });
  });
  const rpsOf = (r: Resource) => w.byResource.get(r.arn) ?? [];

  switch (control.ControlName) {
    case 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN': {
      const protectedArns = new Set<string>();
      for (const plan of livePlans(c, fw.accountId, fw.region))
        for (const r of resourcesForPlan(c.state, plan.BackupPlanId, fw.accountId, fw.region)) protectedArns.add(r.arn);
      return resources.map((r) => ({ subject: r.arn, compliant: protectedArns.has(r.arn) }));
    }
    case 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK': {
      const days = num(control, 'requiredRetentionDays') ?? 35;
      return recoveryPoints.map((rp) => {
        const keep = rp.Lifecycle?.DeleteAfterDays;
        return { subject: rp.RecoveryPointArn, compliant: keep === undefined || keep >= days };
      });
    }
    case 'BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK': {
      const every = ageMs(param(control, 'requiredFrequencyUnit'), num(control, 'requiredFrequencyValue') ?? 1);
      const days = num(control, 'requiredRetentionDays') ?? 35;
      return livePlans(c, fw.accountId, fw.region)
        .filter((p) => inScope(control, { ids: [p.BackupPlanArn, p.BackupPlanId, currentVersion(p).BackupPlanName], tags: c.state.tags[p.BackupPlanArn] ?? {} }))
        .map((p) => ({
          subject: p.BackupPlanArn,
          // The AWS Config rule behind this control looks for a rule that meets both the frequency and the retention.
          compliant: currentVersion(p).Rules.some((r) => {
            const gap = longestGap(r.ScheduleExpression, c.now, p.CreationDate);
            const keep = r.Lifecycle?.DeleteAfterDays;
            return gap !== null && gap <= every && (keep === undefined || keep >= days);
          }),
        }));
    }
    case 'BACKUP_RECOVERY_POINT_ENCRYPTED':
      // Every vault of the sandbox encrypts with a KMS key, so every recovery point is encrypted.
      return recoveryPoints.map((rp) => ({ subject: rp.RecoveryPointArn, compliant: true }));
    case 'BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED': {
      // A principal that is none of the allowed roles: a dummy account, so only a Deny for everyone counts.
      const vaults: Vault[] = c.state.vaults.filter(
        (v) => here(v) && inScope(control, { ids: [v.BackupVaultArn, v.BackupVaultName], tags: c.state.tags[v.BackupVaultArn] ?? {} }),
      );
      return vaults.map((v) => ({
        subject: v.BackupVaultArn,
        compliant: evaluatePolicy(v.policy, 'backup:DeleteRecoveryPoint', '000000000000') === 'deny',
      }));
    }
    case 'BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION': {
      const wanted = param(control, 'crossRegionList');
      const regions = wanted === undefined ? undefined : splitList(wanted);
      return resources.map((r) => ({
        subject: r.arn,
        compliant: rpsOf(r).some((rp) => rp.region !== r.region && (regions === undefined || regions.includes(rp.region))),
      }));
    }
    case 'BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT': {
      const wanted = param(control, 'crossAccountList');
      const accounts = wanted === undefined ? undefined : splitList(wanted);
      return resources.map((r) => ({
        subject: r.arn,
        compliant: rpsOf(r).some((rp) => rp.accountId !== r.accountId && (accounts === undefined || accounts.includes(rp.accountId))),
      }));
    }
    case 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK': {
      const min = num(control, 'minRetentionDays');
      const max = num(control, 'maxRetentionDays');
      const locked = (rp: RecoveryPoint): boolean => {
        const lock = c.state.vaults.find((v) => v.BackupVaultArn === rp.BackupVaultArn)?.lock;
        if (!lock) return false;
        if (min !== undefined && (lock.MinRetentionDays === undefined || lock.MinRetentionDays < min)) return false;
        if (max !== undefined && (lock.MaxRetentionDays === undefined || lock.MaxRetentionDays > max)) return false;
        return true;
      };
      return resources.map((r) => ({ subject: r.arn, compliant: rpsOf(r).some(locked) }));
    }
    case 'BACKUP_LAST_RECOVERY_POINT_CREATED': {
      const since = c.now - ageMs(param(control, 'recoveryPointAgeUnit'), num(control, 'recoveryPointAgeValue') ?? 1);
      return resources.map((r) => ({ subject: r.arn, compliant: rpsOf(r).some((rp) => rp.CreationDate >= since) }));
    }
    case 'RESTORE_TIME_FOR_RESOURCES_MEET_TARGET': {
      const limitMs = (num(control, 'maxRestoreTime') ?? 720) * MINUTE;
      // The latest completed restore of each resource in scope; resources never restored are not applicable.
      const latest = new Map<string, number>();
      const latestAt = new Map<string, number>();
      for (const job of [...c.state.restoreJobs.values()]) {
        if (job.Status !== 'COMPLETED' || job.CompletionDate === undefined) continue;
        const source = c.state.recoveryPoints.get(job.RecoveryPointArn)?.ResourceArn;
        if (source === undefined) continue;
        if ((latestAt.get(source) ?? -Infinity) < job.CompletionDate) {
          latestAt.set(source, job.CompletionDate);
          latest.set(source, job.CompletionDate - job.CreationDate);
        }
      }
      return resources
        .filter((r) => latest.has(r.arn))
        .map((r) => ({ subject: r.arn, compliant: (latest.get(r.arn) ?? Infinity) <= limitMs }));
    }
    default:
      return [];
  }
}

/**
 * The engine calls this once a day at 00:00 UTC (AWS evaluates controls
 * periodically, every 24 hours). Every deployed framework in every account and
 * Region gets its controls evaluated against the state of that moment; the
 * result replaces `fw.evaluation` and feeds the compliance reports.
 */
export function evaluateFrameworks(c: Ctx): void {
  // Indexing every recovery point is the costly part; skip it on the (usual) days with nothing to evaluate.
  if (!c.state.frameworks.some((fw) => fw.DeploymentStatus === 'COMPLETED')) return;
  const w = world(c);
  for (const fw of c.state.frameworks) {
    if (fw.DeploymentStatus !== 'COMPLETED') continue;
    fw.evaluation = {
      at: c.now,
      controls: fw.FrameworkControls.map((control) => {
        const verdicts = evaluateControl(c, fw, control, w);
        return {
          ControlName: control.ControlName,
          compliant: verdicts.filter((v) => v.compliant).map((v) => v.subject),
          nonCompliant: verdicts.filter((v) => !v.compliant).map((v) => v.subject),
        };
      }),
    };
  }
}

// --- report plans -----------------------------------------------------------

/** Report templates of the API model (SCAN_JOB_REPORT is left out: the sandbox has no malware scans). */
export const REPORT_TEMPLATES = [
  'RESOURCE_COMPLIANCE_REPORT',
  'CONTROL_COMPLIANCE_REPORT',
  'BACKUP_JOB_REPORT',
  'COPY_JOB_REPORT',
  'RESTORE_JOB_REPORT',
] as const;
const COMPLIANCE_TEMPLATES: readonly string[] = ['RESOURCE_COMPLIANCE_REPORT', 'CONTROL_COMPLIANCE_REPORT'];
const FORMATS = ['CSV', 'JSON'];

function findReportPlan(c: Ctx, name: string): ReportPlan {
  const plan = inRegion(c, c.state.reportPlans).find((p) => p.ReportPlanName === name);
  if (!plan) fail('ResourceNotFoundException', `Report plan ${name} not found in ${c.region} for account ${c.accountId}`, 'input.not-found');
  return plan;
}

function readDeliveryChannel(c: Ctx, input: ApiInput): ReportPlan['ReportDeliveryChannel'] {
  const ch = reqObject(input, 'ReportDeliveryChannel');
  const bucketName = reqString(ch, 'S3BucketName');
  const prefix = optString(ch, 'S3KeyPrefix');
  const formats = optStringList(ch, 'Formats') ?? ['CSV'];
  if (formats.length === 0 || formats.some((f) => !FORMATS.includes(f)) || new Set(formats).size !== formats.length)
    fail('InvalidParameterValueException', `Invalid Formats ${JSON.stringify(formats)}: use CSV, JSON or both (CSV when none is given)`, 'report.formats');
  const bucket = c.state.buckets.find((b) => b.name === bucketName);
  if (!bucket)
    fail('InvalidParameterValueException', `S3 bucket ${bucketName} does not exist`, 'report.bucket');
  if (bucket.region !== c.region || bucket.accountId !== c.accountId)
    fail(
      'InvalidParameterValueException',
      `S3 bucket ${bucketName} is in Region ${bucket.region} of account ${bucket.accountId}, but the report plan is in Region ${c.region} of account ${c.accountId}: reports must be in the same Region and account as the S3 bucket`,
      'report.bucket',
    );
  return clean({ S3BucketName: bucketName, S3KeyPrefix: prefix === '' ? undefined : prefix, Formats: [...formats] });
}

function readReportSetting(c: Ctx, input: ApiInput): ReportPlan['ReportSetting'] {
  const s = reqObject(input, 'ReportSetting');
  const template = reqString(s, 'ReportTemplate');
  if (!(REPORT_TEMPLATES as readonly string[]).includes(template))
    fail('InvalidParameterValueException', `Invalid ReportTemplate ${template}: use one of ${REPORT_TEMPLATES.join(', ')}`, 'report.template');
  const frameworkArns = optStringList(s, 'FrameworkArns');
  const accounts = optStringList(s, 'Accounts');
  const regions = optStringList(s, 'Regions');
  const units = optStringList(s, 'OrganizationUnits');
  const compliance = COMPLIANCE_TEMPLATES.includes(template);
  if (compliance) {
    if (!frameworkArns || frameworkArns.length === 0)
      fail('InvalidParameterValueException', `ReportTemplate ${template} needs FrameworkArns: the frameworks the report covers`, 'report.template');
    const limit = quota(c.state, 'frameworksPerReportPlan');
    if (frameworkArns.length > limit.value) fail('InvalidParameterValueException', limit.message(frameworkArns.length), 'report.template');
    const mine = inRegion(c, c.state.frameworks);
    const unknown = frameworkArns.find((arn) => !mine.some((f) => f.FrameworkArn === arn));
    if (unknown !== undefined)
      fail(
        'InvalidParameterValueException',
        `Framework ${unknown} does not exist in ${c.region} for account ${c.accountId}: a compliance report covers frameworks of its own account and Region`,
        'report.template',
      );
  } else if (frameworkArns && frameworkArns.length > 0) {
    fail('InvalidParameterValueException', `FrameworkArns apply only to compliance reports, not to ${template}`, 'report.template');
  }
  const badRegion = regions?.find((r) => r !== '*' && !c.state.organization.regions.includes(r));
  if (badRegion !== undefined)
    fail('InvalidParameterValueException', `Invalid Regions: ${badRegion} is not a Region of the organization`, 'input.required');
  const badAccount = accounts?.find((a) => a !== '*' && a !== 'ROOT' && !/^\d{12}$/.test(a));
  if (badAccount !== undefined) fail('InvalidParameterValueException', `Invalid Accounts: ${badAccount} is not a 12-digit account id`, 'input.required');
  return clean({
    ReportTemplate: template,
    FrameworkArns: compliance && frameworkArns ? [...frameworkArns] : undefined,
    NumberOfFrameworks: compliance && frameworkArns ? frameworkArns.length : undefined,
    Accounts: accounts ? [...accounts] : undefined,
    OrganizationUnits: units ? [...units] : undefined,
    Regions: regions ? [...regions] : undefined,
  });
}

/** JSON reports only cover the current Region and account (DG "Working with audit reports"). */
function checkJsonScope(c: Ctx, channel: ReportPlan['ReportDeliveryChannel'], setting: ReportPlan['ReportSetting']): void {
  if (!channel.Formats.includes('JSON')) return;
  const only = (list: string[] | undefined, value: string) => list === undefined || list.every((x) => x === value);
  if (!only(setting.Regions, c.region) || !only(setting.Accounts, c.accountId) || (setting.OrganizationUnits?.length ?? 0) > 0)
    fail(
      'InvalidParameterValueException',
      `JSON reports can only cover the current Region (${c.region}) and account (${c.accountId}); use CSV for reports across Regions or accounts`,
      'report.formats',
    );
}

function readName(input: ApiInput): string {
  const name = reqString(input, 'ReportPlanName');
  if (!AUDIT_NAME.test(name))
    fail(
      'InvalidParameterValueException',
      `Invalid ReportPlanName ${name}: start with a letter and use only letters, digits and underscores (no hyphens), 1 to 256 characters`,
      'report.name',
    );
  return name;
}

const createReportPlan: Handler = (c, input) => {
  const name = readName(input);
  const token = optString(input, 'IdempotencyToken');
  const mine = inRegion(c, c.state.reportPlans);
  if (token !== undefined) {
    const same = mine.find((p) => p.IdempotencyToken === token && p.ReportPlanName === name);
    if (same) return { ReportPlanName: same.ReportPlanName, ReportPlanArn: same.ReportPlanArn, CreationTime: new Date(same.CreationTime) };
  }
  const description = readDescription(input, 'ReportPlanDescription');
  const setting = readReportSetting(c, input);
  const channel = readDeliveryChannel(c, input);
  checkJsonScope(c, channel, setting);
  const tags = optStringMap(input, 'ReportPlanTags');
  const existing = mine.find((p) => p.ReportPlanName === name);
  if (existing)
    fail('AlreadyExistsException', `Report plan ${name} already exists in ${c.region} for account ${c.accountId}`, 'report.name', {
      arn: existing.ReportPlanArn,
    });
  const inAccount = c.state.reportPlans.filter((p) => p.accountId === c.accountId).length;
  const limit = quota(c.state, 'reportPlansPerAccount');
  if (inAccount >= limit.value) fail('LimitExceededException', `${limit.message(inAccount)} Report plans count across all Regions.`, 'report.quota');
  const arn = `arn:aws:backup:${c.region}:${c.accountId}:report-plan:${name}-${nextUuid(c.state)}`;
  const plan: ReportPlan = clean({
    ReportPlanName: name,
    ReportPlanArn: arn,
    accountId: c.accountId,
    region: c.region,
    ReportPlanDescription: description,
    ReportSetting: setting,
    ReportDeliveryChannel: channel,
    DeploymentStatus: 'CREATE_IN_PROGRESS' as const,
    CreationTime: c.now,
    IdempotencyToken: token,
  });
  c.state.reportPlans.push(plan);
  if (tags && Object.keys(tags).length > 0) c.state.tags[arn] = { ...tags };
  deploy(c, plan, 'report-plan', arn);
  return { ReportPlanName: name, ReportPlanArn: arn, CreationTime: new Date(c.now) };
};

function reportPlanView(plan: ReportPlan): ApiOutput {
  const s = plan.ReportSetting;
  const ch = plan.ReportDeliveryChannel;
  return clean({
    ReportPlanArn: plan.ReportPlanArn,
    ReportPlanName: plan.ReportPlanName,
    ReportPlanDescription: plan.ReportPlanDescription,
    ReportSetting: clean({
      ReportTemplate: s.ReportTemplate,
      FrameworkArns: s.FrameworkArns ? [...s.FrameworkArns] : undefined,
      NumberOfFrameworks: s.NumberOfFrameworks,
      Accounts: s.Accounts ? [...s.Accounts] : undefined,
      OrganizationUnits: s.OrganizationUnits ? [...s.OrganizationUnits] : undefined,
      Regions: s.Regions ? [...s.Regions] : undefined,
    }),
    ReportDeliveryChannel: clean({ S3BucketName: ch.S3BucketName, S3KeyPrefix: ch.S3KeyPrefix, Formats: [...ch.Formats] }),
    DeploymentStatus: plan.DeploymentStatus,
    CreationTime: new Date(plan.CreationTime),
    LastAttemptedExecutionTime: date(plan.LastAttemptedExecutionTime),
    LastSuccessfulExecutionTime: date(plan.LastSuccessfulExecutionTime),
  });
}

const describeReportPlan: Handler = (c, input) => ({ ReportPlan: reportPlanView(findReportPlan(c, reqString(input, 'ReportPlanName'))) });

const updateReportPlan: Handler = (c, input) => {
  const plan = findReportPlan(c, reqString(input, 'ReportPlanName'));
  const token = optString(input, 'IdempotencyToken');
  const reply = { ReportPlanName: plan.ReportPlanName, ReportPlanArn: plan.ReportPlanArn, CreationTime: new Date(plan.CreationTime) };
  if (token !== undefined && token === plan.IdempotencyToken && plan.DeploymentStatus === 'UPDATE_IN_PROGRESS') return reply;
  refuseInProgress('Report plan', plan.ReportPlanName, plan.DeploymentStatus);
  const description = readDescription(input, 'ReportPlanDescription');
  let setting = plan.ReportSetting;
  if (optObject(input, 'ReportSetting') !== undefined) {
    const raw = reqObject(input, 'ReportSetting');
    const template = reqString(raw, 'ReportTemplate');
    // Terraform's report_template is ForceNew for this reason (terraform-provider-aws report_plan.go).
    if (template !== plan.ReportSetting.ReportTemplate)
      fail(
        'InvalidParameterValueException',
        `A report plan template cannot be updated (${plan.ReportSetting.ReportTemplate} to ${template}): create a new report plan instead`,
        'report.template',
      );
    setting = readReportSetting(c, input);
  }
  const channel = optObject(input, 'ReportDeliveryChannel') !== undefined ? readDeliveryChannel(c, input) : plan.ReportDeliveryChannel;
  checkJsonScope(c, channel, setting);
  plan.ReportSetting = setting;
  plan.ReportDeliveryChannel = channel;
  if (description !== undefined) plan.ReportPlanDescription = description;
  if (token !== undefined) plan.IdempotencyToken = token;
  plan.DeploymentStatus = 'UPDATE_IN_PROGRESS';
  deploy(c, plan, 'report-plan', plan.ReportPlanArn);
  return reply;
};

const deleteReportPlan: Handler = (c, input) => {
  const plan = findReportPlan(c, reqString(input, 'ReportPlanName'));
  refuseInProgress('Report plan', plan.ReportPlanName, plan.DeploymentStatus);
  plan.DeploymentStatus = 'DELETE_IN_PROGRESS';
  deploy(c, plan, 'report-plan', plan.ReportPlanArn);
  return {};
};

const listReportPlans: Handler = (c, input) => {
  const { page, NextToken } = paginate(inRegion(c, c.state.reportPlans), input);
  return clean({ ReportPlans: page.map(reportPlanView), NextToken });
};

/**
 * The engine calls this when a report plan's deployment time comes: it
 * completes, or a plan being deleted goes away with its tags. Stale wake-ups
 * do nothing.
 */
export function wakeReportPlan(c: Ctx, plan: ReportPlan): void {
  if (plan.deployedAt === undefined || c.now < plan.deployedAt) return;
  delete plan.deployedAt;
  if (plan.DeploymentStatus === 'DELETE_IN_PROGRESS') {
    c.state.reportPlans = c.state.reportPlans.filter((p) => p !== plan);
    delete c.state.tags[plan.ReportPlanArn];
    return;
  }
  plan.DeploymentStatus = 'COMPLETED';
}

// --- report jobs ------------------------------------------------------------

/** How long a report job waits before running, and how long it runs (sandbox figures). */
const REPORT_START_MS = MINUTE;
const REPORT_RUN_MS = 2 * MINUTE;

function startJob(c: Ctx, plan: ReportPlan): ReportJob {
  const job: ReportJob = {
    ReportJobId: nextUuid(c.state),
    accountId: plan.accountId,
    region: plan.region,
    ReportPlanArn: plan.ReportPlanArn,
    ReportTemplate: plan.ReportSetting.ReportTemplate,
    CreationTime: c.now,
    Status: 'CREATED',
    wakeAt: c.now + REPORT_START_MS,
  };
  c.state.reportJobs.push(job);
  c.services.schedule('report-job', job.ReportJobId, job.wakeAt as number);
  return job;
}

const startReportJob: Handler = (c, input) => {
  const plan = findReportPlan(c, reqString(input, 'ReportPlanName'));
  if (plan.DeploymentStatus === 'DELETE_IN_PROGRESS')
    fail('ResourceNotFoundException', `Report plan ${plan.ReportPlanName} is being deleted`, 'input.not-found');
  return { ReportJobId: startJob(c, plan).ReportJobId };
};

/** The report plan name inside its ARN (`report-plan:<name>-<uuid>`; names have no hyphens). */
function planNameOf(arn: string): string {
  const tail = arn.slice(arn.indexOf(':report-plan:') + ':report-plan:'.length);
  const dash = tail.indexOf('-');
  return dash === -1 ? tail : tail.slice(0, dash);
}

function reportJobView(job: ReportJob): ApiOutput {
  return clean({
    ReportJobId: job.ReportJobId,
    ReportPlanArn: job.ReportPlanArn,
    ReportTemplate: job.ReportTemplate,
    CreationTime: new Date(job.CreationTime),
    CompletionTime: date(job.CompletionTime),
    Status: job.Status,
    StatusMessage: job.StatusMessage,
    ReportDestination: job.ReportDestination
      ? { S3BucketName: job.ReportDestination.S3BucketName, S3Keys: [...job.ReportDestination.S3Keys] }
      : undefined,
  });
}

const describeReportJob: Handler = (c, input) => {
  const id = reqString(input, 'ReportJobId');
  const job = inRegion(c, c.state.reportJobs).find((j) => j.ReportJobId === id);
  if (!job) fail('ResourceNotFoundException', `Report job ${id} not found in ${c.region} for account ${c.accountId}`, 'input.not-found');
  return { ReportJob: reportJobView(job) };
};

const JOB_STATUSES = ['CREATED', 'RUNNING', 'COMPLETED', 'FAILED'];

const listReportJobs: Handler = (c, input) => {
  const planName = optString(input, 'ByReportPlanName');
  const before = optDate(input, 'ByCreationBefore');
  const after = optDate(input, 'ByCreationAfter');
  const status = optString(input, 'ByStatus');
  if (status !== undefined && !JOB_STATUSES.includes(status))
    fail('InvalidParameterValueException', `Invalid ByStatus ${status}: use one of ${JOB_STATUSES.join(', ')}`, 'input.required');
  if (planName !== undefined) findReportPlan(c, planName);
  const jobs = inRegion(c, c.state.reportJobs)
    .filter(
      (j) =>
        (planName === undefined || planNameOf(j.ReportPlanArn) === planName) &&
        (before === undefined || j.CreationTime < before) &&
        (after === undefined || j.CreationTime > after) &&
        (status === undefined || j.Status === status),
    )
    .reverse();
  const { page, NextToken } = paginate(jobs, input);
  return clean({ ReportJobs: page.map(reportJobView), NextToken });
};

// --- report content ---------------------------------------------------------

type Row = Record<string, string | number>;

interface Report {
  columns: string[];
  rows: Row[];
}

function iso(ms: number | undefined): string {
  return ms === undefined ? '' : new Date(ms).toISOString();
}

/** Whether a report plan's coverage (Accounts and Regions, its own when absent, `*` for all) takes this account and Region. */
function covers(plan: ReportPlan, accountId: string, region: string): boolean {
  const accounts = plan.ReportSetting.Accounts ?? [plan.accountId];
  const regions = plan.ReportSetting.Regions ?? [plan.region];
  return (accounts.includes('*') || accounts.includes('ROOT') || accounts.includes(accountId)) && (regions.includes('*') || regions.includes(region));
}

function jobReport(c: Ctx, plan: ReportPlan, from: number, to: number): Report {
  const inWindow = (x: { accountId: string; region: string; CreationDate: number }) =>
    covers(plan, x.accountId, x.region) && x.CreationDate >= from && x.CreationDate <= to;
  switch (plan.ReportSetting.ReportTemplate) {
    case 'BACKUP_JOB_REPORT':
      return {
        columns: ['Account Id', 'Region', 'Backup Job Id', 'Status', 'Status Message', 'Resource Arn', 'Resource Type', 'Backup Vault Name', 'Recovery Point Arn', 'Creation Time', 'Completion Time', 'Backup Size in Bytes'],
        rows: [...c.state.backupJobs.values()]
          .filter(inWindow)
          .map((j) => ({
            'Account Id': j.accountId,
            Region: j.region,
            'Backup Job Id': j.BackupJobId,
            Status: j.State,
            'Status Message': j.StatusMessage ?? '',
            'Resource Arn': j.ResourceArn,
            'Resource Type': j.ResourceType,
            'Backup Vault Name': j.BackupVaultName,
            'Recovery Point Arn': j.RecoveryPointArn ?? '',
            'Creation Time': iso(j.CreationDate),
            'Completion Time': iso(j.CompletionDate),
            'Backup Size in Bytes': j.BackupSizeInBytes ?? 0,
          })),
      };
    case 'COPY_JOB_REPORT':
      return {
        columns: ['Account Id', 'Region', 'Copy Job Id', 'Status', 'Status Message', 'Resource Arn', 'Resource Type', 'Source Backup Vault Arn', 'Destination Backup Vault Arn', 'Destination Recovery Point Arn', 'Creation Time', 'Completion Time', 'Backup Size in Bytes'],
        rows: [...c.state.copyJobs.values()]
          .filter(inWindow)
          .map((j) => ({
            'Account Id': j.accountId,
            Region: j.region,
            'Copy Job Id': j.CopyJobId,
            Status: j.State,
            'Status Message': j.StatusMessage ?? '',
            'Resource Arn': j.ResourceArn,
            'Resource Type': j.ResourceType,
            'Source Backup Vault Arn': j.SourceBackupVaultArn,
            'Destination Backup Vault Arn': j.DestinationBackupVaultArn,
            'Destination Recovery Point Arn': j.DestinationRecoveryPointArn ?? '',
            'Creation Time': iso(j.CreationDate),
            'Completion Time': iso(j.CompletionDate),
            'Backup Size in Bytes': j.BackupSizeInBytes,
          })),
      };
    default:
      return {
        columns: ['Account Id', 'Region', 'Restore Job Id', 'Status', 'Status Message', 'Resource Type', 'Recovery Point Arn', 'Created Resource Arn', 'Creation Time', 'Completion Time', 'Backup Size in Bytes'],
        rows: [...c.state.restoreJobs.values()]
          .filter(inWindow)
          .map((j) => ({
            'Account Id': j.accountId,
            Region: j.region,
            'Restore Job Id': j.RestoreJobId,
            Status: j.Status,
            'Status Message': j.StatusMessage ?? '',
            'Resource Type': j.ResourceType,
            'Recovery Point Arn': j.RecoveryPointArn,
            'Created Resource Arn': j.CreatedResourceArn ?? '',
            'Creation Time': iso(j.CreationDate),
            'Completion Time': iso(j.CompletionDate),
            'Backup Size in Bytes': j.BackupSizeInBytes,
          })),
      };
  }
}

/**
 * Compliance reports read the frameworks' latest daily evaluation. AWS Config
 * words the states: COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE (nothing in
 * scope), INSUFFICIENT_DATA (not evaluated yet).
 */
function complianceReport(c: Ctx, plan: ReportPlan): Report {
  const frameworks = (plan.ReportSetting.FrameworkArns ?? [])
    .map((arn) => c.state.frameworks.find((f) => f.FrameworkArn === arn))
    .filter((f): f is Framework => f !== undefined);
  if (plan.ReportSetting.ReportTemplate === 'CONTROL_COMPLIANCE_REPORT') {
    const rows: Row[] = [];
    for (const fw of frameworks)
      fw.FrameworkControls.forEach((control, i) => {
        const ev = fw.evaluation?.controls[i];
        const status = !ev
          ? 'INSUFFICIENT_DATA'
          : ev.nonCompliant.length > 0
            ? 'NON_COMPLIANT'
            : ev.compliant.length > 0
              ? 'COMPLIANT'
              : 'NOT_APPLICABLE';
        rows.push({
          'Account Id': fw.accountId,
          Region: fw.region,
          'Framework Name': fw.FrameworkName,
          'Framework Arn': fw.FrameworkArn,
          'Control Name': control.ControlName,
          'Control Compliance Status': status,
          'Compliant Resources': ev?.compliant.length ?? 0,
          'Non-compliant Resources': ev?.nonCompliant.length ?? 0,
          'Evaluation Time': iso(fw.evaluation?.at),
        });
      });
    return {
      columns: ['Account Id', 'Region', 'Framework Name', 'Framework Arn', 'Control Name', 'Control Compliance Status', 'Compliant Resources', 'Non-compliant Resources', 'Evaluation Time'],
      rows,
    };
  }
  const rows: Row[] = [];
  for (const fw of frameworks) {
    for (const ev of fw.evaluation?.controls ?? []) {
      const add = (arn: string, status: string) =>
        rows.push({
          'Account Id': fw.accountId,
          Region: fw.region,
          'Framework Name': fw.FrameworkName,
          'Control Name': ev.ControlName,
          'Resource Arn': arn,
          'Resource Compliance Status': status,
          'Evaluation Time': iso(fw.evaluation?.at),
        });
      ev.compliant.forEach((arn) => add(arn, 'COMPLIANT'));
      ev.nonCompliant.forEach((arn) => add(arn, 'NON_COMPLIANT'));
    }
  }
  return {
    columns: ['Account Id', 'Region', 'Framework Name', 'Control Name', 'Resource Arn', 'Resource Compliance Status', 'Evaluation Time'],
    rows,
  };
}

/** One CSV field, quoted as RFC 4180 says: when it holds a comma, a quote or a line break; inner quotes doubled. */
export function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV document: header row, then one row per item, lines ended by CRLF (RFC 4180). */
export function toCsv(report: Report): string {
  const lines = [report.columns.map(csvField).join(',')];
  for (const row of report.rows) lines.push(report.columns.map((col) => csvField(row[col] ?? '')).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function toJson(report: Report): string {
  return JSON.stringify({ reportItems: report.rows.map((row) => Object.fromEntries(report.columns.map((col) => [col, row[col] ?? '']))) }, null, 2);
}

/** `<prefix>/Backup/<region>/<yyyy>/<mm>/<dd>/<plan>_<job id start>.<ext>` (DG "Working with audit reports": s3://bucket/prefix/Backup/region/year/month/day/report-name). */
function reportKey(plan: ReportPlan, job: ReportJob, at: number, ext: string): string {
  const d = new Date(at).toISOString();
  const path = `Backup/${plan.region}/${d.slice(0, 4)}/${d.slice(5, 7)}/${d.slice(8, 10)}/${plan.ReportPlanName}_${job.ReportJobId.slice(0, 8)}.${ext}`;
  const prefix = plan.ReportDeliveryChannel.S3KeyPrefix?.replace(/^\/+|\/+$/g, '');
  return prefix ? `${prefix}/${path}` : path;
}

function failJob(c: Ctx, job: ReportJob, message: string): void {
  job.Status = 'FAILED';
  job.StatusMessage = message;
  job.CompletionTime = c.now;
}

/**
 * The engine calls this when a report job's time comes: CREATED becomes
 * RUNNING; RUNNING writes the report (one S3 object per format) and completes,
 * or fails when its plan or bucket is gone. Stale wake-ups do nothing.
 */
export function wakeReportJob(c: Ctx, job: ReportJob): void {
  if (job.wakeAt === undefined || c.now < job.wakeAt) return;
  delete job.wakeAt;
  const plan = c.state.reportPlans.find((p) => p.ReportPlanArn === job.ReportPlanArn);
  if (job.Status === 'CREATED') {
    job.Status = 'RUNNING';
    job.wakeAt = c.now + REPORT_RUN_MS;
    c.services.schedule('report-job', job.ReportJobId, job.wakeAt);
    return;
  }
  if (job.Status !== 'RUNNING') return;
  if (!plan) {
    failJob(c, job, `Report plan ${planNameOf(job.ReportPlanArn)} was deleted before the report was written`);
    return;
  }
  plan.LastAttemptedExecutionTime = c.now;
  const ch = plan.ReportDeliveryChannel;
  const bucket = c.state.buckets.find((b) => b.name === ch.S3BucketName);
  if (!bucket) {
    failJob(c, job, `S3 bucket ${ch.S3BucketName} does not exist: the report could not be delivered`);
    return;
  }
  const report = COMPLIANCE_TEMPLATES.includes(plan.ReportSetting.ReportTemplate)
    ? complianceReport(c, plan)
    : jobReport(c, plan, c.now - DAY, c.now);
  const keys: string[] = [];
  for (const format of ch.Formats) {
    const json = format === 'JSON';
    const key = reportKey(plan, job, c.now, json ? 'json' : 'csv');
    c.state.objects = c.state.objects.filter((o) => !(o.bucket === bucket.name && o.key === key));
    c.state.objects.push({ bucket: bucket.name, key, body: json ? toJson(report) : toCsv(report), contentType: json ? 'application/json' : 'text/csv', createdAt: c.now });
    keys.push(key);
  }
  job.Status = 'COMPLETED';
  job.CompletionTime = c.now;
  job.ReportDestination = { S3BucketName: bucket.name, S3Keys: keys };
  plan.LastSuccessfulExecutionTime = c.now;
}

/**
 * The engine calls this once a day at 02:00 UTC (AWS writes daily reports
 * between 01:00 and 05:00 UTC): one report job for every deployed report plan
 * in every account and Region, run as StartReportJob runs them.
 */
export function startDailyReports(c: Ctx): void {
  for (const plan of c.state.reportPlans) if (plan.DeploymentStatus === 'COMPLETED') startJob(c, plan);
}

/** Audit Manager operations by name, for the engine's dispatch table. */
export const auditHandlers: Record<string, Handler> = {
  CreateFramework: createFramework,
  DescribeFramework: describeFramework,
  UpdateFramework: updateFramework,
  DeleteFramework: deleteFramework,
  ListFrameworks: listFrameworks,
  CreateReportPlan: createReportPlan,
  DescribeReportPlan: describeReportPlan,
  UpdateReportPlan: updateReportPlan,
  DeleteReportPlan: deleteReportPlan,
  ListReportPlans: listReportPlans,
  StartReportJob: startReportJob,
  DescribeReportJob: describeReportJob,
  ListReportJobs: listReportJobs,
};
