/**
 * Backup plans (with versions) and their resource assignments (selections).
 * From the notes: a plan is a policy expression of when and how to back up
 * (^6d75b2); it assigns resources by type or one at a time; it cannot be
 * deleted while resources are assigned to it. From AWS: names, schedules,
 * windows, lifecycle, copy actions, identical documents, quotas.
 */
import type { ApiInput } from '../api.ts';
import {
  clean,
  date,
  fail,
  optArray,
  optBool,
  optInt,
  optObject,
  optString,
  optStringMap,
  paginate,
  reqObject,
  reqString,
  type Ctx,
  type Handler,
} from '../context.ts';
import type { AdvancedBackupSetting, BackupRule, CopyAction, Lifecycle, Plan, PlanVersion, Selection } from '../model.ts';
import { nextUuid, nextHex } from '../ids.ts';
import { quota } from '../quotas.ts';
import { isMoreFrequentThanHourly, nextOccurrence, parseSchedule, ScheduleError, type Schedule } from '../schedule.ts';
import { VAULT_NAME } from './vaults.ts';

const PLAN_NAME = /^[a-zA-Z0-9\-_.]{1,50}$/;
const RULE_NAME = /^[a-zA-Z0-9\-_.]{1,50}$/;
const VAULT_ARN = /^arn:aws:backup:([a-z0-9-]+):(\d{12}):backup-vault:([a-zA-Z0-9\-_]{2,50})$/;
export const DEFAULT_SCHEDULE = 'cron(0 5 ? * * *)';
export const DEFAULT_START_WINDOW = 480;
export const DEFAULT_COMPLETION_WINDOW = 10_080;

function ruleError(ruleName: string, reason: string, ruleId: Parameters<typeof fail>[2]): never {
  fail('InvalidParameterValueException', `Error in rule ${ruleName} : ${reason}`, ruleId, { context: ruleName });
}

/** Checks a lifecycle (plan rule, copy action, on-demand job, update); returns it without empty members. */
export function readLifecycle(raw: unknown, where: string, continuous = false): Lifecycle | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw)) ruleError(where, 'Invalid lifecycle. Lifecycle must be a structure', 'plan.lifecycle-cold');
  const o = raw as Record<string, unknown>;
  const num = (k: string): number | undefined => {
    const v = o[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v)) ruleError(where, `Invalid lifecycle. ${k} must be a whole number of days`, 'plan.lifecycle-cold');
    return v;
  };
  const cold = num('MoveToColdStorageAfterDays');
  const del = num('DeleteAfterDays');
  const archive = o.OptInToArchiveForSupportedResources;
  if (cold === -1 && del === -1) return {};
  if (continuous) {
    if (cold !== undefined) ruleError(where, 'Invalid lifecycle. MoveToColdStorageAfterDays is unavailable', 'plan.continuous');
    if (del === undefined || del < 1 || del > 35)
      ruleError(where, 'Invalid lifecycle. DeleteAfterDays must be between 1 and 35 days for continuous backup', 'plan.continuous');
  }
  if (del !== undefined && (del < 1 || del > 36_500))
    ruleError(where, 'Invalid lifecycle. DeleteAfterDays cannot be less than 1 or more than 36500 days', 'plan.lifecycle-cold');
  if (cold !== undefined && (cold < 1 || cold > 36_500))
    ruleError(where, 'Invalid lifecycle. MoveToColdStorageAfterDays cannot be less than 1 or more than 36500 days', 'plan.lifecycle-cold');
  if (cold !== undefined && del !== undefined && del < cold + 90)
    ruleError(where, 'Invalid lifecycle. DeleteAfterDays cannot be less than 90 days apart from MoveToColdStorageAfterDays', 'plan.lifecycle-cold');
  return clean({
    MoveToColdStorageAfterDays: cold,
    DeleteAfterDays: del,
    OptInToArchiveForSupportedResources: typeof archive === 'boolean' ? archive : undefined,
  });
}

function readCopyActions(c: Ctx, raw: unknown, ruleName: string): CopyAction[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) ruleError(ruleName, 'CopyActions must be a list', 'plan.copy-actions');
  const limit = quota(c.state, 'copyActionsPerRule');
  if (raw.length > limit.value) ruleError(ruleName, limit.message(raw.length), 'plan.copy-actions');
  return raw.map((a: unknown) => {
    const o = (a ?? {}) as Record<string, unknown>;
    const dest = o.DestinationBackupVaultArn;
    if (typeof dest !== 'string' || !VAULT_ARN.test(dest))
      ruleError(ruleName, `Invalid DestinationBackupVaultArn ${String(dest)}`, 'plan.copy-actions');
    const lifecycle = readLifecycle(o.Lifecycle, ruleName);
    return clean({ DestinationBackupVaultArn: dest, Lifecycle: lifecycle });
  });
}

/** Parses a rule's schedule, refusing what AWS Backup refuses. */
export function readSchedule(expression: string, ruleName: string): Schedule {
  let schedule: Schedule;
  try {
    schedule = parseSchedule(expression);
  } catch (e) {
    if (e instanceof ScheduleError) ruleError(ruleName, `Invalid ScheduleExpression ${expression}: ${e.message}`, 'plan.rule');
    throw e;
  }
  if (isMoreFrequentThanHourly(schedule))
    ruleError(ruleName, `Invalid ScheduleExpression ${expression}: backups can run at most once an hour`, 'plan.rule');
  return schedule;
}

function readRule(c: Ctx, raw: unknown, index: number, previous: BackupRule[]): BackupRule {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    fail('InvalidParameterValueException', `Rules[${index}] must be a structure`, 'plan.rule');
  const o = raw as ApiInput;
  const name = reqString(o, 'RuleName');
  if (!RULE_NAME.test(name))
    fail('InvalidParameterValueException', `Invalid RuleName ${name}: use 1 to 50 letters, digits, hyphens, underscores or periods`, 'plan.rule');
  const vaultName = reqString(o, 'TargetBackupVaultName');
  if (!VAULT_NAME.test(vaultName)) ruleError(name, `Invalid TargetBackupVaultName ${vaultName}`, 'vault.name');
  if (!c.state.vaults.some((v) => v.BackupVaultName === vaultName && v.accountId === c.accountId && v.region === c.region))
    ruleError(name, `Backup vault ${vaultName} does not exist in ${c.region}`, 'plan.rule');
  const expression = optString(o, 'ScheduleExpression') ?? DEFAULT_SCHEDULE;
  readSchedule(expression, name);
  const tz = optString(o, 'ScheduleExpressionTimezone') ?? 'Etc/UTC';
  if (tz !== 'UTC' && tz !== 'Etc/UTC') ruleError(name, `ScheduleExpressionTimezone ${tz} is not supported by the sandbox (use UTC)`, 'plan.rule');
  const start = optInt(o, 'StartWindowMinutes') ?? DEFAULT_START_WINDOW;
  const completion = optInt(o, 'CompletionWindowMinutes') ?? DEFAULT_COMPLETION_WINDOW;
  if (start < 60) ruleError(name, `StartWindowMinutes must be at least 60 (got ${start})`, 'plan.windows');
  if (start > 52_560_000 || completion > 52_560_000) ruleError(name, 'Windows cannot be longer than 52560000 minutes (100 years)', 'plan.windows');
  if (completion < start)
    ruleError(name, `CompletionWindowMinutes (${completion}) cannot be shorter than StartWindowMinutes (${start})`, 'plan.windows');
  const continuous = optBool(o, 'EnableContinuousBackup') ?? false;
  if (continuous && (o.Lifecycle === undefined || o.Lifecycle === null))
    ruleError(name, 'Lifecycle must be specified for backup rule enabled continuous backup', 'plan.continuous');
  const lifecycle = readLifecycle(o.Lifecycle, name, continuous);
  const copyActions = readCopyActions(c, o.CopyActions, name);
  const tags = optStringMap(o, 'RecoveryPointTags');
  const same = previous.find((r) => r.RuleName === name);
  return clean({
    RuleName: name,
    RuleId: same?.RuleId ?? nextUuid(c.state),
    TargetBackupVaultName: vaultName,
    ScheduleExpression: expression,
    ScheduleExpressionTimezone: tz,
    StartWindowMinutes: start,
    CompletionWindowMinutes: completion,
    Lifecycle: lifecycle,
    RecoveryPointTags: tags,
    CopyActions: copyActions,
    EnableContinuousBackup: continuous || undefined,
  });
}

function readAdvanced(input: ApiInput): AdvancedBackupSetting[] | undefined {
  const list = optArray(input, 'AdvancedBackupSettings');
  if (!list) return undefined;
  return list.map((raw) => {
    const o = (raw ?? {}) as Record<string, unknown>;
    const options = (o.BackupOptions ?? {}) as Record<string, unknown>;
    const ok =
      o.ResourceType === 'EC2' &&
      Object.entries(options).every(([k, v]) => k === 'WindowsVSS' && (v === 'enabled' || v === 'disabled'));
    if (!ok)
      fail(
        'InvalidParameterValueException',
        `Invalid AdvancedBackupSettings: only ResourceType EC2 with BackupOptions WindowsVSS set to enabled or disabled is supported`,
        'plan.advanced-settings',
      );
    return { ResourceType: 'EC2', BackupOptions: options as Record<string, string> };
  });
}

interface PlanDocument {
  BackupPlanName: string;
  Rules: BackupRule[];
  AdvancedBackupSettings?: AdvancedBackupSetting[];
}

function readPlanDocument(c: Ctx, input: ApiInput, previous: BackupRule[]): PlanDocument {
  const doc = reqObject(input, 'BackupPlan');
  const name = reqString(doc, 'BackupPlanName');
  if (!PLAN_NAME.test(name))
    fail('InvalidParameterValueException', `Invalid BackupPlanName ${name}: use 1 to 50 letters, digits, hyphens, underscores or periods`, 'plan.name');
  const rawRules = optArray(doc, 'Rules');
  if (!rawRules || rawRules.length === 0) fail('MissingParameterValueException', 'Missing required parameter in input: "Rules"', 'input.required');
  const rules = rawRules.map((r, i) => readRule(c, r, i, previous));
  const names = new Set<string>();
  for (const r of rules) {
    if (names.has(r.RuleName)) ruleError(r.RuleName, 'Rule names must be unique within a backup plan', 'plan.rule');
    names.add(r.RuleName);
  }
  return clean({ BackupPlanName: name, Rules: rules, AdvancedBackupSettings: readAdvanced(doc) });
}

/** The plan document as compared for "identical": rule ids are assigned by AWS, so they do not count. */
function fingerprint(doc: PlanDocument): string {
  const rules = doc.Rules.map(({ RuleId: _id, ...rest }) => rest);
  return JSON.stringify({ n: doc.BackupPlanName, r: rules, a: doc.AdvancedBackupSettings ?? null });
}

function current(plan: Plan): PlanVersion {
  return plan.versions[plan.versions.length - 1] as PlanVersion;
}

/** Schedules every rule of the plan's current version from now on. */
export function scheduleRules(c: Ctx, plan: Plan): void {
  plan.nextRun = {};
  if (plan.DeletionDate !== undefined) return;
  for (const r of current(plan).Rules) {
    const at = nextOccurrence(parseSchedule(r.ScheduleExpression), c.now, plan.CreationDate);
    plan.nextRun[r.RuleId] = at;
    if (at !== null) c.services.schedule('plan-rule', plan.BackupPlanId, at);
  }
}

function planInRegion(c: Ctx, id: string): Plan {
  const plan = c.state.plans.find((p) => p.BackupPlanId === id && p.accountId === c.accountId && p.region === c.region);
  if (!plan) fail('ResourceNotFoundException', `Backup plan ${id} not found`, 'input.not-found');
  return plan;
}

function livePlan(c: Ctx, id: string): Plan {
  const plan = planInRegion(c, id);
  if (plan.DeletionDate !== undefined) fail('ResourceNotFoundException', `Backup plan ${id} has been deleted`, 'input.not-found');
  return plan;
}

function planEvent(c: Ctx, plan: Plan, state: string): void {
  c.services.emit({
    account: c.accountId,
    region: c.region,
    detailType: 'Backup Plan State Change',
    resource: plan.BackupPlanArn,
    detail: { backupPlanId: plan.BackupPlanId, versionId: current(plan).VersionId, state },
  });
}

const createBackupPlan: Handler = (c, input) => {
  const creatorRequestId = optString(input, 'CreatorRequestId');
  const live = c.state.plans.filter((p) => p.accountId === c.accountId && p.region === c.region && p.DeletionDate === undefined);
  if (creatorRequestId !== undefined) {
    const same = live.find((p) => p.CreatorRequestId === creatorRequestId);
    if (same)
      return { BackupPlanId: same.BackupPlanId, BackupPlanArn: same.BackupPlanArn, CreationDate: new Date(same.CreationDate), VersionId: current(same).VersionId };
  }
  const doc = readPlanDocument(c, input, []);
  const print = fingerprint(doc);
  const twin = live.find((p) => fingerprint(current(p)) === print);
  if (twin)
    fail('AlreadyExistsException', 'Backup plan with the same plan document already exists', 'plan.identical-document', { arn: twin.BackupPlanArn });
  const limit = quota(c.state, 'plansPerRegion');
  if (live.length >= limit.value) fail('LimitExceededException', limit.message(live.length), 'plan.quota');
  const id = nextUuid(c.state);
  const version: PlanVersion = { VersionId: nextHex(c.state, 40), ...doc, CreationDate: c.now };
  const plan: Plan = clean({
    BackupPlanId: id,
    BackupPlanArn: `arn:aws:backup:${c.region}:${c.accountId}:backup-plan:${id}`,
    accountId: c.accountId,
    region: c.region,
    CreationDate: c.now,
    CreatorRequestId: creatorRequestId,
    versions: [version],
    nextRun: {},
  });
  c.state.plans.push(plan);
  const tags = optStringMap(input, 'BackupPlanTags');
  if (tags && Object.keys(tags).length > 0) c.state.tags[plan.BackupPlanArn] = { ...tags };
  scheduleRules(c, plan);
  planEvent(c, plan, 'CREATED');
  return clean({
    BackupPlanId: id,
    BackupPlanArn: plan.BackupPlanArn,
    CreationDate: new Date(c.now),
    VersionId: version.VersionId,
    AdvancedBackupSettings: doc.AdvancedBackupSettings,
  });
};

/** A rule as AWS returns it (defaults filled in). */
function ruleView(r: BackupRule) {
  return clean({ ...r, Lifecycle: r.Lifecycle ? { ...r.Lifecycle } : undefined, CopyActions: r.CopyActions?.map((a) => ({ ...a })) });
}

const getBackupPlan: Handler = (c, input) => {
  const plan = planInRegion(c, reqString(input, 'BackupPlanId'));
  const versionId = optString(input, 'VersionId');
  const version = versionId === undefined ? current(plan) : plan.versions.find((v) => v.VersionId === versionId);
  if (!version) fail('ResourceNotFoundException', `Version ${versionId} of backup plan ${plan.BackupPlanId} not found`, 'input.not-found');
  return clean({
    BackupPlan: clean({
      BackupPlanName: version.BackupPlanName,
      Rules: version.Rules.map(ruleView),
      AdvancedBackupSettings: version.AdvancedBackupSettings,
    }),
    BackupPlanId: plan.BackupPlanId,
    BackupPlanArn: plan.BackupPlanArn,
    VersionId: version.VersionId,
    CreatorRequestId: plan.CreatorRequestId,
    CreationDate: new Date(version.CreationDate),
    DeletionDate: date(version.DeletionDate ?? plan.DeletionDate),
    LastExecutionDate: date(plan.LastExecutionDate),
    AdvancedBackupSettings: version.AdvancedBackupSettings,
  });
};

const updateBackupPlan: Handler = (c, input) => {
  const plan = livePlan(c, reqString(input, 'BackupPlanId'));
  const doc = readPlanDocument(c, input, current(plan).Rules);
  if (doc.BackupPlanName !== current(plan).BackupPlanName)
    fail('InvalidParameterValueException', 'The backup plan name cannot be changed', 'plan.name');
  const limit = quota(c.state, 'versionsPerPlan');
  if (plan.versions.length >= limit.value) fail('LimitExceededException', limit.message(plan.versions.length), 'plan.quota');
  const version: PlanVersion = { VersionId: nextHex(c.state, 40), ...doc, CreationDate: c.now };
  plan.versions.push(version);
  scheduleRules(c, plan);
  planEvent(c, plan, 'MODIFIED');
  return clean({
    BackupPlanId: plan.BackupPlanId,
    BackupPlanArn: plan.BackupPlanArn,
    CreationDate: new Date(plan.CreationDate),
    VersionId: version.VersionId,
    AdvancedBackupSettings: doc.AdvancedBackupSettings,
  });
};

const deleteBackupPlan: Handler = (c, input) => {
  const plan = livePlan(c, reqString(input, 'BackupPlanId'));
  if (c.state.selections.some((s) => s.BackupPlanId === plan.BackupPlanId))
    fail('InvalidRequestException', 'Related backup plan selections must be deleted prior to backup plan deletion', 'plan.delete-with-selections');
  plan.DeletionDate = c.now;
  current(plan).DeletionDate = c.now;
  plan.nextRun = {};
  planEvent(c, plan, 'DELETED');
  return { BackupPlanId: plan.BackupPlanId, BackupPlanArn: plan.BackupPlanArn, DeletionDate: new Date(c.now), VersionId: current(plan).VersionId };
};

function planListItem(plan: Plan, version: PlanVersion) {
  return clean({
    BackupPlanArn: plan.BackupPlanArn,
    BackupPlanId: plan.BackupPlanId,
    CreationDate: new Date(version.CreationDate),
    DeletionDate: date(version.DeletionDate),
    VersionId: version.VersionId,
    BackupPlanName: version.BackupPlanName,
    CreatorRequestId: plan.CreatorRequestId,
    LastExecutionDate: date(plan.LastExecutionDate),
    AdvancedBackupSettings: version.AdvancedBackupSettings,
  });
}

const listBackupPlans: Handler = (c, input) => {
  const includeDeleted = optBool(input, 'IncludeDeleted') ?? false;
  const plans = c.state.plans.filter(
    (p) => p.accountId === c.accountId && p.region === c.region && (includeDeleted || p.DeletionDate === undefined),
  );
  const { page, NextToken } = paginate(plans, input);
  return clean({ BackupPlansList: page.map((p) => planListItem(p, current(p))), NextToken });
};

const listBackupPlanVersions: Handler = (c, input) => {
  const plan = planInRegion(c, reqString(input, 'BackupPlanId'));
  const newestFirst = [...plan.versions].reverse();
  const { page, NextToken } = paginate(newestFirst, input);
  return clean({ BackupPlanVersionsList: page.map((v) => planListItem(plan, v)), NextToken });
};

// --- selections -------------------------------------------------------------

const SELECTION_NAME = /^[a-zA-Z0-9\-_.]{1,50}$/;
const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/[\w+=,.@\-/]{1,512}$/;

/** Checks one ARN pattern of a selection: `*` alone, or only at the end of the resource name. */
function checkResourcePattern(arn: string): void {
  if (arn === '*') return;
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn')
    fail('InvalidParameterValueException', `Invalid resource ARN ${arn} in the backup selection`, 'selection.wildcards');
  const resource = parts.slice(5).join(':');
  const star = resource.indexOf('*');
  if (star !== -1 && star !== resource.length - 1)
    fail(
      'InvalidParameterValueException',
      `Invalid resource ARN ${arn}: a wildcard (*) may only end the resource name (arn:aws:s3:::my-bucket-* works, arn:aws:s3:::*-logs does not)`,
      'selection.wildcards',
    );
}

function readConditionList(raw: unknown, member: string): { ConditionKey: string; ConditionValue: string }[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) fail('InvalidParameterValueException', `Conditions.${member} must be a list`, 'selection.by-type-or-resource');
  return raw.map((x: unknown) => {
    const o = (x ?? {}) as Record<string, unknown>;
    if (typeof o.ConditionKey !== 'string' || typeof o.ConditionValue !== 'string')
      fail('InvalidParameterValueException', `Conditions.${member} entries need ConditionKey and ConditionValue`, 'selection.by-type-or-resource');
    return { ConditionKey: o.ConditionKey, ConditionValue: o.ConditionValue };
  });
}

function readSelection(c: Ctx, input: ApiInput): Omit<Selection, 'SelectionId' | 'BackupPlanId' | 'CreationDate'> {
  const doc = reqObject(input, 'BackupSelection');
  const name = reqString(doc, 'SelectionName');
  if (!SELECTION_NAME.test(name))
    fail('InvalidParameterValueException', `Invalid SelectionName ${name}: use 1 to 50 letters, digits, hyphens, underscores or periods`, 'selection.by-type-or-resource');
  const role = reqString(doc, 'IamRoleArn');
  const roleMatch = ROLE_ARN.exec(role);
  if (!roleMatch) fail('InvalidParameterValueException', `Invalid IamRoleArn ${role}`, 'selection.role');
  if (roleMatch[1] !== c.accountId)
    fail('InvalidParameterValueException', `IAM Role ${role} cannot be assumed by AWS Backup: it is not in account ${c.accountId}`, 'selection.role');
  const resources = (optArray(doc, 'Resources') ?? []) as unknown[];
  const notResources = (optArray(doc, 'NotResources') ?? []) as unknown[];
  for (const list of [resources, notResources])
    if (!list.every((x) => typeof x === 'string')) fail('InvalidParameterValueException', 'Resources must be a list of ARNs', 'selection.wildcards');
  const all = [...resources, ...notResources] as string[];
  all.forEach(checkResourcePattern);
  const wild = all.filter((a) => a.includes('*')).length;
  if (all.length > 500 || (wild > 0 && all.length > 30))
    fail(
      'InvalidParameterValueException',
      `Too many resource ARNs in the backup selection (${all.length}): at most 500 without wildcards or 30 with them`,
      'selection.wildcards',
    );
  const tagsRaw = optArray(doc, 'ListOfTags') ?? [];
  const listOfTags = tagsRaw.map((x: unknown) => {
    const o = (x ?? {}) as Record<string, unknown>;
    if ((o.ConditionType ?? 'STRINGEQUALS') !== 'STRINGEQUALS')
      fail('InvalidParameterValueException', 'ListOfTags supports only the STRINGEQUALS condition type', 'selection.by-type-or-resource');
    if (typeof o.ConditionKey !== 'string' || typeof o.ConditionValue !== 'string')
      fail('InvalidParameterValueException', 'ListOfTags entries need ConditionKey and ConditionValue', 'selection.by-type-or-resource');
    return { ConditionType: 'STRINGEQUALS', ConditionKey: o.ConditionKey, ConditionValue: o.ConditionValue };
  });
  const cond = optObject(doc, 'Conditions') ?? {};
  const conditions = {
    StringEquals: readConditionList(cond.StringEquals, 'StringEquals'),
    StringNotEquals: readConditionList(cond.StringNotEquals, 'StringNotEquals'),
    StringLike: readConditionList(cond.StringLike, 'StringLike'),
    StringNotLike: readConditionList(cond.StringNotLike, 'StringNotLike'),
  };
  const tagCount = listOfTags.length + Object.values(conditions).reduce((n, l) => n + l.length, 0);
  if (tagCount > 30) fail('InvalidParameterValueException', `Too many tag conditions (${tagCount}): at most 30 in a resource selection`, 'selection.by-type-or-resource');
  if (resources.length === 0 && listOfTags.length === 0)
    fail(
      'InvalidParameterValueException',
      "Invalid backup selection. Either 'ListOfTags' or 'Resources' section must be non-empty.",
      'selection.by-type-or-resource',
    );
  return {
    SelectionName: name,
    IamRoleArn: role,
    Resources: resources as string[],
    NotResources: notResources as string[],
    ListOfTags: listOfTags,
    Conditions: conditions,
  };
}

const createBackupSelection: Handler = (c, input) => {
  const plan = livePlan(c, reqString(input, 'BackupPlanId'));
  const creatorRequestId = optString(input, 'CreatorRequestId');
  const mine = c.state.selections.filter((s) => s.BackupPlanId === plan.BackupPlanId);
  if (creatorRequestId !== undefined) {
    const same = mine.find((s) => s.CreatorRequestId === creatorRequestId);
    if (same) return { SelectionId: same.SelectionId, BackupPlanId: plan.BackupPlanId, CreationDate: new Date(same.CreationDate) };
  }
  const body = readSelection(c, input);
  if (mine.some((s) => s.SelectionName === body.SelectionName))
    fail('AlreadyExistsException', `A backup selection named ${body.SelectionName} already exists in this plan`, 'selection.by-type-or-resource');
  const limit = quota(c.state, 'selectionsPerPlan');
  if (mine.length >= limit.value) fail('LimitExceededException', limit.message(mine.length), 'selection.quota');
  const selection: Selection = clean({
    SelectionId: nextUuid(c.state),
    BackupPlanId: plan.BackupPlanId,
    ...body,
    CreationDate: c.now,
    CreatorRequestId: creatorRequestId,
  });
  c.state.selections.push(selection);
  return { SelectionId: selection.SelectionId, BackupPlanId: plan.BackupPlanId, CreationDate: new Date(c.now) };
};

function findSelection(c: Ctx, input: ApiInput): Selection {
  const plan = planInRegion(c, reqString(input, 'BackupPlanId'));
  const id = reqString(input, 'SelectionId');
  const s = c.state.selections.find((x) => x.SelectionId === id && x.BackupPlanId === plan.BackupPlanId);
  if (!s) fail('ResourceNotFoundException', `Backup selection ${id} not found in plan ${plan.BackupPlanId}`, 'input.not-found');
  return s;
}

const getBackupSelection: Handler = (c, input) => {
  const s = findSelection(c, input);
  const conditions = Object.fromEntries(Object.entries(s.Conditions).filter(([, l]) => l.length > 0));
  return clean({
    BackupSelection: clean({
      SelectionName: s.SelectionName,
      IamRoleArn: s.IamRoleArn,
      Resources: s.Resources.length ? [...s.Resources] : undefined,
      NotResources: s.NotResources.length ? [...s.NotResources] : undefined,
      ListOfTags: s.ListOfTags.length ? s.ListOfTags.map((t) => ({ ...t })) : undefined,
      Conditions: Object.keys(conditions).length ? conditions : undefined,
    }),
    SelectionId: s.SelectionId,
    BackupPlanId: s.BackupPlanId,
    CreationDate: new Date(s.CreationDate),
    CreatorRequestId: s.CreatorRequestId,
  });
};

const deleteBackupSelection: Handler = (c, input) => {
  const s = findSelection(c, input);
  c.state.selections = c.state.selections.filter((x) => x !== s);
  return {};
};

const listBackupSelections: Handler = (c, input) => {
  const plan = planInRegion(c, reqString(input, 'BackupPlanId'));
  const mine = c.state.selections.filter((s) => s.BackupPlanId === plan.BackupPlanId);
  const { page, NextToken } = paginate(mine, input);
  return clean({
    BackupSelectionsList: page.map((s) =>
      clean({
        SelectionId: s.SelectionId,
        SelectionName: s.SelectionName,
        BackupPlanId: s.BackupPlanId,
        CreationDate: new Date(s.CreationDate),
        CreatorRequestId: s.CreatorRequestId,
        IamRoleArn: s.IamRoleArn,
      }),
    ),
    NextToken,
  });
};

export const planHandlers: Record<string, Handler> = {
  CreateBackupPlan: createBackupPlan,
  GetBackupPlan: getBackupPlan,
  UpdateBackupPlan: updateBackupPlan,
  DeleteBackupPlan: deleteBackupPlan,
  ListBackupPlans: listBackupPlans,
  ListBackupPlanVersions: listBackupPlanVersions,
  CreateBackupSelection: createBackupSelection,
  GetBackupSelection: getBackupSelection,
  DeleteBackupSelection: deleteBackupSelection,
  ListBackupSelections: listBackupSelections,
};

export { current as currentVersion };
