/**
 * Pure helpers behind the sandbox console's panels: the schedule builder and
 * the tags field of the plan form, the plan document the form builds, the
 * JSON view's reading of a plan document, assignment patterns by resource
 * type, framework controls, newest-first tables, cost rows by factor, daily
 * metric totals for the charts, and what a plan will cost per month once it has
 * run for a while.
 */
import { DEFAULT_PRICES, type CostLine, type CostReport, type PriceTable } from './costs.ts';
import { DAY } from './context.ts';
import type { BackupRule, FrameworkControl, Lifecycle, MetricDatum, Resource, ResourceType, SandboxState } from './model.ts';
import { CONTROLS } from './ops/audit.ts';
import { supportsCold, supportsContinuous } from './ops/jobs.ts';
import { currentVersion } from './ops/plans.ts';
import { describeSchedule, occurrencesBetween, parseSchedule, type Schedule } from './schedule.ts';
import { resourcesForPlan } from './selection-match.ts';

// --- schedule builder --------------------------------------------------------

export type ScheduleKind = 'hourly' | 'every12h' | 'daily' | 'weekly' | 'monthly';

export const SCHEDULE_KINDS: readonly { id: ScheduleKind; label: string }[] = [
  { id: 'hourly', label: 'Hourly' },
  { id: 'every12h', label: 'Every 12 hours' },
  { id: 'daily', label: 'Daily at a time' },
  { id: 'weekly', label: 'Weekly on a day' },
  { id: 'monthly', label: 'Monthly on a day' },
];

export const WEEKDAYS: readonly { id: string; label: string }[] = [
  { id: 'MON', label: 'Monday' },
  { id: 'TUE', label: 'Tuesday' },
  { id: 'WED', label: 'Wednesday' },
  { id: 'THU', label: 'Thursday' },
  { id: 'FRI', label: 'Friday' },
  { id: 'SAT', label: 'Saturday' },
  { id: 'SUN', label: 'Sunday' },
];

export interface ScheduleChoice {
  kind: ScheduleKind;
  /** `HH:MM` in UTC (daily, weekly, monthly). */
  time?: string;
  /** `MON` to `SUN` (weekly). */
  weekday?: string;
  /** 1 to 31 (monthly). */
  dayOfMonth?: number;
}

/** Hours and minutes of `HH:MM`; 05:00 (AWS's default backup time) when missing or malformed. */
function hourMinute(time: string | undefined): [number, number] {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time ?? '');
  const h = m ? Number(m[1]) : NaN;
  const min = m ? Number(m[2]) : NaN;
  return h >= 0 && h <= 23 && min >= 0 && min <= 59 ? [h, min] : [5, 0];
}

/** The AWS cron expression of a schedule builder choice. */
export function scheduleExpression(choice: ScheduleChoice): string {
  const [h, m] = hourMinute(choice.time);
  switch (choice.kind) {
    case 'hourly':
      return 'cron(0 * ? * * *)';
    case 'every12h':
      return 'cron(0 */12 ? * * *)';
    case 'daily':
      return `cron(${m} ${h} ? * * *)`;
    case 'weekly':
      return `cron(${m} ${h} ? * ${WEEKDAYS.some((d) => d.id === choice.weekday) ? choice.weekday : 'MON'} *)`;
    case 'monthly': {
      const day = Number.isInteger(choice.dayOfMonth) && (choice.dayOfMonth ?? 0) >= 1 && (choice.dayOfMonth ?? 0) <= 31 ? choice.dayOfMonth : 1;
      return `cron(${m} ${h} ${day} * ? *)`;
    }
  }
}

/** A schedule expression in words, or a note that it does not parse. */
export function describeExpression(expression: string): string {
  try {
    return describeSchedule(parseSchedule(expression));
  } catch (e) {
    return `not a valid schedule (${e instanceof Error ? e.message : String(e)})`;
  }
}

// --- tags --------------------------------------------------------------------

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** `key=value, key2=value2` as a record; an empty text is no tags. */
export function parseTagsText(text: string): Parsed<Record<string, string>> {
  const tags: Record<string, string> = {};
  for (const raw of text.split(',')) {
    const part = raw.trim();
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = eq === -1 ? '' : part.slice(0, eq).trim();
    if (eq === -1 || key === '')
      return { ok: false, message: `"${part}" is not a key=value pair: write tags as key=value, separated by commas (env=prod, team=ops).` };
    if (key in tags) return { ok: false, message: `The tag key "${key}" is given twice.` };
    tags[key] = part.slice(eq + 1).trim();
  }
  return { ok: true, value: tags };
}

// --- the plan form -----------------------------------------------------------

/** What the plan form holds; numbers are null when their field is empty. */
export interface PlanFormInput {
  planName: string;
  ruleName: string;
  vaultName: string;
  /** The builder's expression, or the raw text when it is not empty. */
  schedule: string;
  startWindow: number | null | undefined;
  completionWindow: number | null | undefined;
  coldAfterDays: number | null | undefined;
  deleteAfterDays: number | null | undefined;
  copyDestinationArn: string;
  tagsText: string;
}

export type PlanFormField = 'startWindow' | 'completionWindow' | 'coldAfterDays' | 'deleteAfterDays' | 'tags';

export interface BackupPlanDocument {
  BackupPlanName: string;
  Rules: Record<string, unknown>[];
}

function wholeNumber(v: number | null | undefined): boolean {
  return typeof v === 'number' && Number.isInteger(v);
}

/**
 * The AWS `BackupPlan` document of the plan form. Only what cannot be sent is
 * refused here (not a number, a malformed tag); what AWS refuses (a short start
 * window, cold storage less than 90 days before deletion) goes to AWS, so the
 * learner meets the rule.
 */
export function buildPlanDocument(input: PlanFormInput): { ok: true; document: BackupPlanDocument } | { ok: false; errors: Partial<Record<PlanFormField, string>> } {
  const errors: Partial<Record<PlanFormField, string>> = {};
  if (!wholeNumber(input.startWindow)) errors.startWindow = 'Enter the start window as a whole number of minutes.';
  if (!wholeNumber(input.completionWindow)) errors.completionWindow = 'Enter the completion window as a whole number of minutes.';
  const optionalDays = (v: number | null | undefined, field: PlanFormField) => {
    if (v !== null && v !== undefined && !wholeNumber(v)) errors[field] = 'Enter a whole number of days, or leave it empty.';
  };
  optionalDays(input.coldAfterDays, 'coldAfterDays');
  optionalDays(input.deleteAfterDays, 'deleteAfterDays');
  const tags = parseTagsText(input.tagsText);
  if (!tags.ok) errors.tags = tags.message;
  if (Object.keys(errors).length > 0 || !tags.ok) return { ok: false, errors };

  const lifecycle: Lifecycle = {};
  if (wholeNumber(input.coldAfterDays)) lifecycle.MoveToColdStorageAfterDays = input.coldAfterDays as number;
  if (wholeNumber(input.deleteAfterDays)) lifecycle.DeleteAfterDays = input.deleteAfterDays as number;
  const rule: Record<string, unknown> = {
    RuleName: input.ruleName.trim(),
    TargetBackupVaultName: input.vaultName,
    ScheduleExpression: input.schedule.trim(),
    StartWindowMinutes: input.startWindow,
    CompletionWindowMinutes: input.completionWindow,
  };
  if (Object.keys(lifecycle).length > 0) rule.Lifecycle = lifecycle;
  if (input.copyDestinationArn) rule.CopyActions = [{ DestinationBackupVaultArn: input.copyDestinationArn }];
  if (Object.keys(tags.value).length > 0) rule.RecoveryPointTags = tags.value;
  return { ok: true, document: { BackupPlanName: input.planName.trim(), Rules: [rule] } };
}

/**
 * A plan document typed in AWS's own format: `{"BackupPlanName": ..., "Rules": [...]}`
 * or the request shape `{"BackupPlan": {...}}`. Anything else JSON goes to AWS as it
 * is, which says what is missing.
 */
export function parsePlanJson(text: string): Parsed<Record<string, unknown>> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `This is not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return { ok: false, message: 'The plan document must be a JSON object such as {"BackupPlanName": "daily", "Rules": [...]}.' };
  const o = data as Record<string, unknown>;
  const inner = o.BackupPlan;
  if (typeof inner === 'object' && inner !== null && !Array.isArray(inner)) return { ok: true, value: inner as Record<string, unknown> };
  return { ok: true, value: o };
}

// --- assignments -------------------------------------------------------------

/** "Every resource of this type" as the ARN pattern of a resource assignment. */
export const RESOURCE_TYPE_PATTERNS: Readonly<Record<ResourceType, string>> = {
  EC2: 'arn:aws:ec2:*:*:instance/*',
  EBS: 'arn:aws:ec2:*:*:volume/*',
  EFS: 'arn:aws:elasticfilesystem:*:*:file-system/*',
  RDS: 'arn:aws:rds:*:*:db:*',
  DynamoDB: 'arn:aws:dynamodb:*:*:table/*',
  S3: 'arn:aws:s3:::*',
};

/** The role the console's forms prefill (AWS creates it the first time the console assigns resources). */
export function defaultRoleArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:role/service-role/AWSBackupDefaultServiceRole`;
}

// --- audit ---------------------------------------------------------------------

/**
 * FrameworkControls for CreateFramework from the picked controls: each with its
 * non-empty parameters (only those the control takes) and, when given, a scope of
 * one resource type.
 */
export function frameworkControls(picked: readonly string[], params: Record<string, Record<string, string>>, scopeType: string): FrameworkControl[] {
  return picked.map((name) => {
    const own = Object.keys(CONTROLS[name] ?? {});
    const given = own.flatMap((p) => {
      const v = (params[name]?.[p] ?? '').trim();
      return v === '' ? [] : [{ ParameterName: p, ParameterValue: v }];
    });
    const control: FrameworkControl = { ControlName: name };
    if (given.length > 0) control.ControlInputParameters = given;
    if (scopeType) control.ControlScope = { ComplianceResourceTypes: [scopeType] };
    return control;
  });
}

/** The parameters of every control with their defaults ('' when none), for a form to edit. */
export function controlParameterDefaults(): Record<string, Record<string, string>> {
  return Object.fromEntries(Object.entries(CONTROLS).map(([name, spec]) => [name, Object.fromEntries(Object.entries(spec).map(([p, s]) => [p, s.default ?? '']))]));
}

// --- tables ------------------------------------------------------------------

/** Newest first by `time`, at most `limit`, with how many more there are. */
export function newestFirst<T>(items: Iterable<T>, time: (item: T) => number, limit = 50): { rows: T[]; more: number } {
  const all = [...items].sort((a, b) => time(b) - time(a));
  return { rows: all.slice(0, limit), more: Math.max(0, all.length - limit) };
}

/** The last part of an S3 key, for a download's file name. */
export function fileNameOf(key: string): string {
  return key.split('/').filter((p) => p !== '').pop() ?? 'report';
}

/** US dollars with two decimals, more for prices below a cent. */
export function usd(amount: number): string {
  const digits = amount !== 0 && Math.abs(amount) < 0.1 ? 4 : 2;
  return `$${amount.toFixed(digits)}`;
}

/** A quantity with at most two decimals. */
export function quantity(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

export interface CostRow {
  factor: CostLine['factor'];
  resourceType?: ResourceType;
  quantity: number;
  unit: CostLine['unit'];
  /** Undefined when the factor has no usage. */
  unitPrice?: number;
  cost: number;
}

const FACTORS: readonly { factor: CostLine['factor']; unit: CostLine['unit'] }[] = [
  { factor: 'warm storage', unit: 'GB-month' },
  { factor: 'cold storage', unit: 'GB-month' },
  { factor: 'transfer between Regions', unit: 'GB' },
  { factor: 'restore', unit: 'GB' },
];

/**
 * A cost report's lines by factor and resource type (summed over accounts and
 * Regions), in the notes' order of factors; a factor without usage gets one
 * empty row, so all four always show.
 */
export function costRows(report: CostReport): CostRow[] {
  const rows: CostRow[] = [];
  for (const { factor, unit } of FACTORS) {
    const byType = new Map<string, CostRow>();
    for (const l of report.lines) {
      if (l.factor !== factor) continue;
      const key = `${l.resourceType ?? ''}|${l.unitPrice}`;
      const row = byType.get(key);
      if (row) {
        row.quantity += l.quantity;
        row.cost += l.cost;
      } else byType.set(key, { factor, ...(l.resourceType ? { resourceType: l.resourceType } : {}), quantity: l.quantity, unit, unitPrice: l.unitPrice, cost: l.cost });
    }
    const found = [...byType.values()].sort((a, b) => (a.resourceType ?? '').localeCompare(b.resourceType ?? ''));
    rows.push(...(found.length > 0 ? found : [{ factor, quantity: 0, unit, cost: 0 }]));
  }
  return rows;
}

// --- metrics -----------------------------------------------------------------

/** Metric names with vault datapoints in the account and Region, sorted. */
export function metricNames(metrics: readonly MetricDatum[], accountId: string, region: string): string[] {
  const names = new Set<string>();
  for (const m of metrics) if (m.account === accountId && m.region === region) names.add(m.MetricName);
  return [...names].sort();
}

/**
 * A metric summed per UTC day over the `days` days ending on `now`'s day, for the
 * account and Region. Only datapoints whose one dimension is BackupVaultName count:
 * the vault-and-resource-type datapoints repeat the same counts.
 */
export function dailyMetricTotals(
  metrics: readonly MetricDatum[],
  filter: { accountId: string; region: string; metricName: string },
  now: number,
  days = 30,
): { day: string; total: number }[] {
  const lastDay = Math.floor(now / DAY);
  const totals = new Array<number>(days).fill(0);
  for (const m of metrics) {
    if (m.account !== filter.accountId || m.region !== filter.region || m.MetricName !== filter.metricName) continue;
    if (m.Dimensions.length !== 1 || m.Dimensions[0]?.Name !== 'BackupVaultName') continue;
    const i = Math.floor(m.Timestamp / DAY) - (lastDay - days + 1);
    if (i >= 0 && i < days) totals[i] = (totals[i] ?? 0) + m.Value;
  }
  return totals.map((total, i) => ({ day: new Date((lastDay - days + 1 + i) * DAY).toISOString().slice(0, 10), total }));
}

// --- what a plan will cost ---------------------------------------------------

export interface PlanCostLine {
  rule: string;
  factor: 'warm storage' | 'cold storage' | 'transfer between Regions';
  resourceType: ResourceType;
  /** The vault the storage is in, or where a transfer goes. */
  where: string;
  /** GB-months per month for storage (the steady-state GB), GB per month for transfer. */
  quantity: number;
  unit: 'GB-month' | 'GB';
  unitPrice: number;
  cost: number;
}

export interface PlanCostEstimate {
  planId: string;
  planName: string;
  resources: number;
  lines: PlanCostLine[];
  total: number;
  assumptions: string[];
}

/** Assumed retention when a rule keeps backups forever (no DeleteAfterDays). */
export const ASSUMED_RETENTION_DAYS = 365;
const WINDOW_DAYS = 360;

/** Runs per 30 days, averaged over the next 360 days (so a monthly or weekly rule counts fairly). */
function runsPer30Days(schedule: Schedule, from: number, anchor: number): number {
  return (occurrencesBetween(schedule, from, from + WINDOW_DAYS * DAY, anchor, 20_000).length * 30) / WINDOW_DAYS;
}

/**
 * Steady-state storage of one resource's backups in one vault, as the sandbox
 * makes them (ops/jobs.ts finishBackupJob): each backup stores what changed since
 * the last (2% of the resource a day, at least 1%, at most all of it); the oldest
 * backup kept holds the full copy. Backups younger than MoveToColdStorageAfterDays
 * are warm, older ones cold (for types that support cold storage).
 */
function steadyState(sizeGb: number, intervalDays: number, retentionDays: number, coldDays: number | undefined, coldCapable: boolean) {
  const increment = sizeGb * Math.min(1, Math.max(0.01, intervalDays * 0.02));
  const kept = Math.max(1, Math.ceil(retentionDays / intervalDays - 1e-9));
  const warmCount = coldCapable && coldDays !== undefined ? Math.min(kept, Math.ceil(coldDays / intervalDays - 1e-9)) : kept;
  const coldCount = kept - warmCount;
  const full = sizeGb + (kept - 1) * increment;
  if (coldCount === 0) return { warm: full, cold: 0, increment };
  return { warm: warmCount * increment, cold: sizeGb + (coldCount - 1) * increment, increment };
}

/**
 * What a live plan will cost per month once its backups have piled up to their
 * retention: storage of every selected resource's backups (and copies), and
 * transfer of copies to other Regions, at the sandbox's illustrative prices.
 * Undefined when there is no such plan.
 */
export function estimatePlanMonthlyCost(state: SandboxState, planId: string, prices: PriceTable = DEFAULT_PRICES): PlanCostEstimate | undefined {
  const plan = state.plans.find((p) => p.BackupPlanId === planId);
  if (!plan) return undefined;
  const version = currentVersion(plan);
  const resources = resourcesForPlan(state, plan.BackupPlanId, plan.accountId, plan.region);
  const assumptions: string[] = [
    'Backups are counted over the next 360 days and averaged per 30 days.',
    "The first backup of a resource in a vault is full; each later one stores what changed since the previous backup: about 2% of the resource per day between backups (at least 1%), as the sandbox's backup jobs do. At steady state the oldest backup kept holds the full copy.",
    'Storage is priced per GB-month at the steady state, once the oldest backups start to expire.',
  ];
  if (resources.length === 0) assumptions.push('The plan selects no resources in its account and Region yet: assign resources to see an estimate.');
  const lines = new Map<string, PlanCostLine>();
  const add = (line: Omit<PlanCostLine, 'cost'>) => {
    if (line.quantity <= 0) return;
    const key = `${line.rule}|${line.factor}|${line.resourceType}|${line.where}`;
    const had = lines.get(key);
    if (had) {
      had.quantity += line.quantity;
      had.cost = had.quantity * had.unitPrice;
    } else lines.set(key, { ...line, cost: line.quantity * line.unitPrice });
  };
  const vaultLabel = (arn: string) => {
    const parts = arn.split(':');
    return `${parts[parts.length - 1] ?? arn} (${parts[3] ?? '?'})`;
  };
  const storage = (rule: BackupRule, r: Resource, intervalDays: number, lifecycle: Lifecycle | undefined, where: string) => {
    const retention = lifecycle?.DeleteAfterDays ?? ASSUMED_RETENTION_DAYS;
    const s = steadyState(r.sizeGb, intervalDays, retention, lifecycle?.MoveToColdStorageAfterDays, supportsCold(r));
    add({ rule: rule.RuleName, factor: 'warm storage', resourceType: r.type, where, quantity: s.warm, unit: 'GB-month', unitPrice: prices.warmPerGbMonth[r.type] });
    add({ rule: rule.RuleName, factor: 'cold storage', resourceType: r.type, where, quantity: s.cold, unit: 'GB-month', unitPrice: prices.coldPerGbMonth });
    return s;
  };
  if (version.Rules.length > 1)
    assumptions.push('Each rule is estimated on its own (when two rules are due at once, AWS takes one backup, for the rule with the longer retention).');
  for (const rule of version.Rules) {
    const runs = runsPer30Days(parseSchedule(rule.ScheduleExpression), state.now, plan.CreationDate);
    if (runs === 0) {
      assumptions.push(`Rule ${rule.RuleName} does not run in the next 360 days, so it adds nothing.`);
      continue;
    }
    const interval = 30 / runs;
    const keeps = (lc: Lifecycle | undefined, what: string) => {
      if (lc?.DeleteAfterDays === undefined)
        assumptions.push(`${what} keeps backups until they are deleted (no DeleteAfterDays): the estimate assumes ${ASSUMED_RETENTION_DAYS} days of them.`);
    };
    keeps(rule.Lifecycle, `Rule ${rule.RuleName}`);
    if (rule.Lifecycle?.MoveToColdStorageAfterDays !== undefined && resources.some((r) => !supportsCold(r)))
      assumptions.push(`Rule ${rule.RuleName} moves backups to cold storage, but only EFS, EBS and DynamoDB tables with advanced features support it: the others stay warm.`);
    const target = `${rule.TargetBackupVaultName} (${plan.region})`;
    const continuous = rule.EnableContinuousBackup === true && resources.some((r) => supportsContinuous(r.type));
    if (continuous) assumptions.push(`Rule ${rule.RuleName} uses continuous backup: RDS and S3 keep one recovery point, counted as one full copy.`);
    for (const r of resources) {
      if (rule.EnableContinuousBackup === true && supportsContinuous(r.type)) {
        add({ rule: rule.RuleName, factor: 'warm storage', resourceType: r.type, where: target, quantity: r.sizeGb, unit: 'GB-month', unitPrice: prices.warmPerGbMonth[r.type] });
        continue;
      }
      const s = storage(rule, r, interval, rule.Lifecycle, target);
      for (const action of rule.CopyActions ?? []) {
        const lc = action.Lifecycle ?? rule.Lifecycle;
        const where = vaultLabel(action.DestinationBackupVaultArn);
        storage(rule, r, interval, lc, `copies in ${where}`);
        const destRegion = action.DestinationBackupVaultArn.split(':')[3];
        if (destRegion !== undefined && destRegion !== plan.region)
          add({ rule: rule.RuleName, factor: 'transfer between Regions', resourceType: r.type, where: `to ${where}`, quantity: runs * s.increment, unit: 'GB', unitPrice: prices.transferPerGb });
      }
    }
    for (const action of rule.CopyActions ?? []) keeps(action.Lifecycle ?? rule.Lifecycle, `The copy action of rule ${rule.RuleName}`);
    if ((rule.CopyActions ?? []).some((a) => a.DestinationBackupVaultArn.split(':')[3] !== plan.region))
      assumptions.push(`Copies to another Region transfer each backup's changed data once (the very first copy, a full one, is not counted).`);
  }
  const list = [...lines.values()];
  return {
    planId: plan.BackupPlanId,
    planName: version.BackupPlanName,
    resources: resources.length,
    lines: list,
    total: list.reduce((n, l) => n + l.cost, 0),
    assumptions: [...new Set(assumptions)],
  };
}

// --- costs over time -----------------------------------------------------------

export interface MonthCost {
  /** `YYYY-MM` (UTC). */
  month: string;
  byFactor: Record<CostLine['factor'], number>;
  total: number;
  /** True for the month still running. */
  partial: boolean;
}

const FACTOR_NAMES = ['warm storage', 'cold storage', 'transfer between Regions', 'restore'] as const;

/**
 * What each month added, from the engine's snapshots of costs so far (taken at
 * the start of each month) and the report of now: the difference between two
 * snapshots is that month's cost. `place` is `account|region`, or every place.
 */
export function monthlyCosts(
  history: readonly { at: number; totals: Record<string, Record<string, number>> }[],
  now: CostReport,
  nowMs: number,
  place?: string,
): MonthCost[] {
  const pick = (totals: Record<string, Record<string, number>>): Record<CostLine['factor'], number> => {
    const out = { 'warm storage': 0, 'cold storage': 0, 'transfer between Regions': 0, restore: 0 };
    for (const [key, t] of Object.entries(totals)) {
      if (place !== undefined && key !== place) continue;
      for (const f of FACTOR_NAMES) out[f] += t[f] ?? 0;
    }
    return out;
  };
  const points = [...history.map((h) => ({ at: h.at, totals: pick(h.totals) })), { at: nowMs, totals: { ...now.byFactor } }];
  const months: MonthCost[] = [];
  let previous: Record<CostLine['factor'], number> = { 'warm storage': 0, 'cold storage': 0, 'transfer between Regions': 0, restore: 0 };
  let previousAt: number | undefined;
  for (const [i, p] of points.entries()) {
    const last = i === points.length - 1;
    if (last && previousAt === p.at) break;
    // A snapshot at the start of a month closes the month before it.
    const monthOf = last ? p.at : p.at - 1;
    const byFactor = { 'warm storage': 0, 'cold storage': 0, 'transfer between Regions': 0, restore: 0 };
    for (const f of FACTOR_NAMES) byFactor[f] = Math.max(0, p.totals[f] - previous[f]);
    months.push({ month: new Date(monthOf).toISOString().slice(0, 7), byFactor, total: FACTOR_NAMES.reduce((n, f) => n + byFactor[f], 0), partial: last });
    previous = p.totals;
    previousAt = p.at;
  }
  return months;
}
