/**
 * The AWS Backup sandbox: one state, AWS Backup's operations on it, and a
 * clock that moves only when told. `call` runs one operation as the given
 * account and Region and records it in the activity log; `advance` moves the
 * clock, running every scheduled thing that falls due on the way (plan rules,
 * job state changes, lifecycle transitions, deployments, daily audits and
 * reports) in a fixed order, so the same seed and the same calls always give
 * the same state.
 *
 * @example
 * const sb = Sandbox.create({ seed: 'lab-1' });
 * sb.call('CreateBackupVault', { BackupVaultName: 'prod' }, { region: 'us-east-1' });
 * sb.advance(365 * 86_400);
 */
import type { ApiInput, ApiOutput, CallContext, SandboxHost } from './api.ts';
import { DAY, type Ctx, type Handler, type Services, type TimerKind } from './context.ts';
import { BackupError } from './errors.ts';
import type { RecoveryPoint, Resource, SandboxState, SavedState, Settings } from './model.ts';
import { saveState, STATE_VERSION } from './model.ts';
import { Monitor } from './monitor.ts';
import { auditHandlers, evaluateFrameworks, startDailyReports, wakeFramework, wakeReportJob, wakeReportPlan } from './ops/audit.ts';
import {
  JOB_HISTORY_MS,
  jobHandlers,
  recoveryPointWake,
  runPlanRules,
  supportsCold,
  wakeBackupJob,
  wakeCopyJob,
  wakeRecoveryPoint,
  wakeRestoreJob,
} from './ops/jobs.ts';
import { planHandlers } from './ops/plans.ts';
import { tagHandlers } from './ops/tags.ts';
import { vaultHandlers } from './ops/vaults.ts';
import { rule } from './rules.ts';
import { eventId } from './ids.ts';
import { parseState } from './state-file.ts';
import { Agenda, type Timer } from './timers.ts';
import { createWorld, type WorldOptions } from './world.ts';
import { costReport, costTotalsByPlace, type CostReport } from './costs.ts';

const HANDLERS: Record<string, Handler> = {
  ...vaultHandlers,
  ...planHandlers,
  ...jobHandlers,
  ...auditHandlers,
  ...tagHandlers,
};

/** Every operation the sandbox answers, by AWS name. */
export const OPERATIONS: readonly string[] = Object.keys(HANDLERS).sort();

/** Audit controls are evaluated at 00:00 UTC; daily reports start at 02:00 UTC (AWS: between 01:00 and 05:00). */
const AUDIT_HOUR = 0;
const REPORT_HOUR = 2;
const HOUR = 3_600_000;

function nextDailyAt(after: number, hour: number): number {
  const day = Math.floor(after / DAY) * DAY + hour * HOUR;
  return day > after ? day : day + DAY;
}

export interface AdvanceResult {
  now: Date;
  /** How many wake-ups ran. */
  steps: number;
}

export class Sandbox implements SandboxHost {
  #state: SandboxState;
  #heap = new Agenda();
  #resources = new Map<string, Resource>();
  #busy = new Map<string, string>();
  #monitor: Monitor;
  #services: Services;

  private constructor(state: SandboxState) {
    this.#state = state;
    this.#monitor = new Monitor(state);
    for (const r of state.resources) this.#resources.set(r.arn, r);
    this.#services = {
      schedule: (kind, id, at) => this.#heap.push({ at, kind, id }),
      emit: (e) => this.#monitor.emit(e),
      resource: (arn) => this.#resources.get(arn),
      addResource: (r) => {
        this.#state.resources.push(r);
        this.#resources.set(r.arn, r);
      },
      busy: this.#busy,
    };
    this.#rebuildAgenda();
  }

  /** A new sandbox with a fresh world made from the seed. */
  static create(options: WorldOptions = {}): Sandbox {
    return new Sandbox(createWorld(options));
  }

  /** A sandbox from saved JSON (validated; throws `SandboxStateError` naming the problem). */
  static fromJSON(json: unknown): Sandbox {
    return new Sandbox(parseState(json));
  }

  /** The live state (read it; change it only through operations). */
  get state(): SandboxState {
    return this.#state;
  }

  /** The whole state as plain JSON data (a deep copy). */
  toJSON(): SavedState {
    return saveState(this.#state);
  }

  now(): Date {
    return new Date(this.#state.now);
  }

  /** Changes sandbox settings (quota profile, log size, lab quotas); cross-account backup goes through UpdateGlobalSettings. */
  configure(settings: Partial<Pick<Settings, 'quotaProfile' | 'logLimit' | 'quotaOverrides'>>): void {
    Object.assign(this.#state.settings, settings);
  }

  /** One context per account and Region, its time set on each use (a long run wakes millions of times). */
  #contexts = new Map<string, Map<string, Ctx>>();

  #ctx(accountId: string, region: string): Ctx {
    let byRegion = this.#contexts.get(accountId);
    if (!byRegion) this.#contexts.set(accountId, (byRegion = new Map()));
    let ctx = byRegion.get(region);
    if (!ctx) byRegion.set(region, (ctx = { state: this.#state, accountId, region, now: 0, services: this.#services }));
    ctx.now = this.#state.now;
    return ctx;
  }

  call(operation: string, input: ApiInput = {}, context: CallContext = {}): ApiOutput {
    const s = this.#state;
    const accountId = context.accountId ?? s.organization.managementAccountId;
    const region = context.region ?? s.organization.defaultRegion;
    const caller = context.caller ?? `arn:aws:iam::${accountId}:user/sandbox`;
    const record = (error?: BackupError) =>
      this.#monitor.activity({
        eventTime: s.now,
        eventSource: 'backup.amazonaws.com',
        eventName: operation,
        awsRegion: region,
        recipientAccountId: accountId,
        userIdentity: { type: 'IAMUser', arn: caller, accountId },
        sourceIPAddress: context.sourceIp ?? '127.0.0.1',
        requestParameters: summarise(input),
        ...(error ? { errorCode: error.name, errorMessage: error.message, ...(error.rule ? { ruleId: error.rule.id } : {}) } : {}),
      });
    try {
      if (!s.organization.accounts.some((a) => a.id === accountId))
        throw new BackupError('AccessDeniedException', `Account ${accountId} is not part of the sandbox organization`, { rule: rule('input.not-found') });
      if (!s.organization.regions.includes(region))
        throw new BackupError('InvalidParameterValueException', `Region ${region} is not available in the sandbox (${s.organization.regions.join(', ')})`, {
          rule: rule('input.not-found'),
        });
      const handler = HANDLERS[operation];
      if (!handler)
        throw new BackupError('InvalidRequestException', `The sandbox does not support the operation ${operation}`, { rule: rule('input.required') });
      const output = handler(this.#ctx(accountId, region), input ?? {});
      record();
      return output;
    } catch (e) {
      if (e instanceof BackupError) {
        record(e);
        throw e;
      }
      throw e;
    }
  }

  /**
   * Runs a read-only operation (Describe, Get or List) without recording it in
   * the activity log: what a console shows on screen is not the learner's call.
   */
  read(operation: string, input: ApiInput = {}, context: CallContext = {}): ApiOutput {
    if (!/^(Describe|Get|List)/.test(operation)) throw new RangeError(`${operation} is not a read-only operation`);
    const handler = HANDLERS[operation];
    if (!handler) throw new RangeError(`The sandbox does not support the operation ${operation}`);
    const s = this.#state;
    return handler(this.#ctx(context.accountId ?? s.organization.managementAccountId, context.region ?? s.organization.defaultRegion), input);
  }

  /** When the next scheduled thing happens, or null when nothing is scheduled. */
  nextEventTime(): number | null {
    for (;;) {
      const top = this.#heap.peek();
      if (!top) return null;
      if (this.#isCurrent(top)) return top.at;
      this.#heap.pop();
    }
  }

  advance(seconds: number): Date {
    if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError(`Cannot advance the clock by ${seconds} seconds`);
    this.advanceTo(this.#state.now + Math.round(seconds * 1000));
    return this.now();
  }

  /** Moves the clock to the next scheduled event and runs it; returns the new time, or null when nothing is scheduled. */
  advanceToNextEvent(): Date | null {
    const at = this.nextEventTime();
    if (at === null) return null;
    this.advanceTo(Math.max(at, this.#state.now));
    return this.now();
  }

  /** Moves the clock to `target` (epoch ms), running everything due on the way. */
  advanceTo(target: number): AdvanceResult {
    const s = this.#state;
    let steps = 0;
    for (;;) {
      const top = this.#heap.peek();
      if (!top || top.at > target) break;
      this.#heap.pop();
      if (this.#step(top)) steps++;
    }
    if (target > s.now) s.now = target;
    return { now: this.now(), steps };
  }

  costs(filter: { accountId?: string; region?: string } = {}): CostReport {
    return costReport(this.#state, filter);
  }

  resources(): unknown[] {
    return this.#state.resources.map((r) => ({
      ResourceArn: r.arn,
      ResourceType: r.type,
      ResourceName: r.name,
      SizeGb: r.sizeGb,
      Tags: { ...r.tags },
      AccountId: r.accountId,
      Region: r.region,
      CreationDate: new Date(r.createdAt),
      ...(r.restoredFrom ? { RestoredFrom: r.restoredFrom } : {}),
    }));
  }

  /** EventBridge events as AWS delivers them: id, detail-type, source, account, time, region, resources, detail. */
  events(): unknown[] {
    const s = this.#state;
    return s.events.map((e) => ({
      version: '0',
      id: eventId(s.seed, e.n),
      'detail-type': e['detail-type'],
      source: e.source,
      account: e.account,
      time: new Date(e.time),
      region: e.region,
      resources: e.resource === undefined ? [] : [e.resource],
      detail: isoDates(e.detail),
    }));
  }

  notifications(): unknown[] {
    return this.#state.notifications.map((n) => ({ ...n, Timestamp: new Date(n.Timestamp) }));
  }

  metrics(): unknown[] {
    return this.#state.metrics.map((m) => ({ ...m, Timestamp: new Date(m.Timestamp) }));
  }

  activity(): unknown[] {
    return this.#state.activity.map((a) => ({ ...a, eventTime: new Date(a.eventTime) }));
  }

  // --- the agenda ---------------------------------------------------------

  #isCurrent(t: Timer): boolean {
    const s = this.#state;
    switch (t.kind) {
      case 'plan-rule': {
        const plan = s.plans.find((p) => p.BackupPlanId === t.id);
        return !!plan && plan.DeletionDate === undefined && Object.values(plan.nextRun).includes(t.at);
      }
      case 'backup-job':
        return s.backupJobs.get(t.id)?.wakeAt === t.at;
      case 'copy-job':
        return s.copyJobs.get(t.id)?.wakeAt === t.at;
      case 'restore-job':
        return s.restoreJobs.get(t.id)?.wakeAt === t.at;
      case 'report-job':
        return s.reportJobs.find((j) => j.ReportJobId === t.id)?.wakeAt === t.at;
      case 'recovery-point': {
        const rp = s.recoveryPoints.get(t.id);
        return !!rp && recoveryPointWake(rp, this.#coldCapable(rp)) === t.at;
      }
      case 'framework':
        return s.frameworks.find((f) => f.FrameworkArn === t.id)?.deployedAt === t.at;
      case 'report-plan':
        return s.reportPlans.find((p) => p.ReportPlanArn === t.id)?.deployedAt === t.at;
      case 'daily':
        return t.id === 'audit' ? nextDailyAt(s.daily.auditEvaluatedAt, AUDIT_HOUR) === t.at : nextDailyAt(s.daily.reportsProducedAt, REPORT_HOUR) === t.at;
    }
  }

  /**
   * Runs a wake-up if it is still wanted. The three kinds a long run is made of
   * look their entity up once here; the others go through #isCurrent and #run.
   */
  #step(t: Timer): boolean {
    const s = this.#state;
    switch (t.kind) {
      case 'backup-job': {
        const job = s.backupJobs.get(t.id);
        if (!job || job.wakeAt !== t.at) return false;
        if (t.at > s.now) s.now = t.at;
        wakeBackupJob(this.#ctx(job.accountId, job.region), job);
        return true;
      }
      case 'copy-job': {
        const job = s.copyJobs.get(t.id);
        if (!job || job.wakeAt !== t.at) return false;
        if (t.at > s.now) s.now = t.at;
        wakeCopyJob(this.#ctx(job.accountId, job.region), job);
        return true;
      }
      case 'recovery-point': {
        const rp = s.recoveryPoints.get(t.id);
        if (!rp || recoveryPointWake(rp, this.#coldCapable(rp)) !== t.at) return false;
        if (t.at > s.now) s.now = t.at;
        wakeRecoveryPoint(this.#ctx(rp.accountId, rp.region), rp);
        return true;
      }
      default:
        if (!this.#isCurrent(t)) return false;
        if (t.at > s.now) s.now = t.at;
        this.#run(t);
        return true;
    }
  }

  #coldCapable(rp: RecoveryPoint): boolean {
    const r = this.#resources.get(rp.ResourceArn);
    return r ? supportsCold(r) : rp.ResourceType === 'EFS' || rp.ResourceType === 'EBS';
  }

  /** Runs a wake-up of the kinds #step leaves to it (the hot ones never come here). */
  #run(t: Timer): void {
    const s = this.#state;
    const ctx = (accountId: string, region: string) => this.#ctx(accountId, region);
    switch (t.kind) {
      case 'plan-rule': {
        const plan = s.plans.find((p) => p.BackupPlanId === t.id);
        if (plan) runPlanRules(ctx(plan.accountId, plan.region), plan);
        return;
      }
      case 'restore-job': {
        const job = s.restoreJobs.get(t.id);
        if (job) wakeRestoreJob(ctx(job.accountId, job.region), job);
        return;
      }
      case 'report-job': {
        const job = s.reportJobs.find((j) => j.ReportJobId === t.id);
        if (job) wakeReportJob(ctx(job.accountId, job.region), job);
        return;
      }
      case 'framework': {
        const fw = s.frameworks.find((f) => f.FrameworkArn === t.id);
        if (fw) wakeFramework(ctx(fw.accountId, fw.region), fw);
        return;
      }
      case 'report-plan': {
        const p = s.reportPlans.find((x) => x.ReportPlanArn === t.id);
        if (p) wakeReportPlan(ctx(p.accountId, p.region), p);
        return;
      }
      case 'daily': {
        const c = ctx(s.organization.managementAccountId, s.organization.defaultRegion);
        if (t.id === 'audit') {
          s.daily.auditEvaluatedAt = t.at;
          // Weekly is enough: listings hide finished jobs older than 30 days anyway.
          if (Math.floor(t.at / DAY) % 7 === 0) this.#pruneHistory();
          evaluateFrameworks(c);
          if (new Date(t.at).getUTCDate() === 1) s.costHistory.push({ at: t.at, totals: costTotalsByPlace(s) });
          this.#heap.push({ kind: 'daily', id: 'audit', at: nextDailyAt(t.at, AUDIT_HOUR) });
        } else {
          s.daily.reportsProducedAt = t.at;
          startDailyReports(c);
          this.#heap.push({ kind: 'daily', id: 'reports', at: nextDailyAt(t.at, REPORT_HOUR) });
        }
        return;
      }
    }
  }

  /** Jobs are listed for 30 days after they finish; older finished ones are dropped from the state. */
  #pruneHistory(): void {
    const s = this.#state;
    const cutoff = s.now - JOB_HISTORY_MS;
    // Deleting the current entry while iterating a Map is safe in JavaScript.
    for (const [id, j] of s.backupJobs) if (j.CompletionDate !== undefined && j.CompletionDate < cutoff) s.backupJobs.delete(id);
    for (const [id, j] of s.copyJobs) if (j.CompletionDate !== undefined && j.CompletionDate < cutoff) s.copyJobs.delete(id);
    for (const [id, j] of s.restoreJobs) if (j.CompletionDate !== undefined && j.CompletionDate < cutoff) s.restoreJobs.delete(id);
    s.reportJobs = s.reportJobs.filter((j) => j.CompletionTime === undefined || j.CompletionTime >= cutoff);
  }

  /** Rebuilds the agenda and the indexes from the state (after create or load). */
  #rebuildAgenda(): void {
    const s = this.#state;
    const push = (kind: TimerKind, id: string, at: number | undefined | null) => {
      if (at !== undefined && at !== null) this.#heap.push({ kind, id, at });
    };
    for (const plan of s.plans) for (const at of Object.values(plan.nextRun)) push('plan-rule', plan.BackupPlanId, at);
    for (const j of [...s.backupJobs.values()]) {
      push('backup-job', j.BackupJobId, j.wakeAt);
      if (j.State === 'RUNNING' || j.State === 'ABORTING') this.#busy.set(j.ResourceArn, j.BackupJobId);
    }
    for (const j of [...s.copyJobs.values()]) push('copy-job', j.CopyJobId, j.wakeAt);
    for (const j of [...s.restoreJobs.values()]) push('restore-job', j.RestoreJobId, j.wakeAt);
    for (const j of s.reportJobs) push('report-job', j.ReportJobId, j.wakeAt);
    for (const rp of [...s.recoveryPoints.values()]) {
      const r = this.#resources.get(rp.ResourceArn);
      push('recovery-point', rp.RecoveryPointArn, recoveryPointWake(rp, r ? supportsCold(r) : rp.ResourceType === 'EFS' || rp.ResourceType === 'EBS'));
    }
    for (const f of s.frameworks) push('framework', f.FrameworkArn, f.deployedAt);
    for (const p of s.reportPlans) push('report-plan', p.ReportPlanArn, p.deployedAt);
    push('daily', 'audit', nextDailyAt(s.daily.auditEvaluatedAt, AUDIT_HOUR));
    push('daily', 'reports', nextDailyAt(s.daily.reportsProducedAt, REPORT_HOUR));
  }
}

/** Event details keep times as epoch ms (cheap to make by the million); shown as ISO 8601 like EventBridge's. */
function isoDates(detail: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(detail)) out[k] = typeof v === 'number' && /(Date|By)$/.test(k) ? new Date(v).toISOString() : v;
  return out;
}

/** Request parameters as the activity log keeps them: long strings cut, so a policy does not flood the log. */
function summarise(input: ApiInput): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input ?? {})) {
    if (typeof v === 'string' && v.length > 300) out[k] = `${v.slice(0, 300)}…`;
    else if (v instanceof Date) out[k] = v.toISOString();
    else out[k] = v === undefined ? undefined : JSON.parse(JSON.stringify(v));
  }
  return out;
}

export { STATE_VERSION };
