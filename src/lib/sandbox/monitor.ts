/**
 * Monitoring as AWS offers it for Backup: EventBridge events (source
 * `aws.backup`, AWS's detail types), SNS notifications for the vault events a
 * vault subscribed to, CloudWatch metrics in the `AWS/Backup` namespace by
 * vault and by vault and resource type (5-minute periods), and an API
 * activity log like CloudTrail's. Every log keeps its last `logLimit`
 * entries; `logTotals` counts all of them.
 */
import type { EmittedEvent } from './context.ts';
import { nextUuid } from './ids.ts';
import type { ActivityRecord, MetricDatum, SandboxState } from './model.ts';

/** The vault events that still send notifications (the others are accepted but deprecated and silent). */
export const NOTIFYING_EVENTS = new Set([
  'BACKUP_JOB_STARTED',
  'BACKUP_JOB_COMPLETED',
  'COPY_JOB_STARTED',
  'COPY_JOB_SUCCESSFUL',
  'COPY_JOB_FAILED',
  'RESTORE_JOB_STARTED',
  'RESTORE_JOB_COMPLETED',
  'RECOVERY_POINT_MODIFIED',
  'S3_BACKUP_OBJECT_FAILED',
  'S3_RESTORE_OBJECT_FAILED',
]);

const PERIOD = 5 * 60_000;


function push<T>(state: SandboxState, list: T[], item: T): void {
  list.push(item);
  const limit = state.settings.logLimit;
  // Trim in batches so that a long run does not shift the array on every push.
  if (list.length > limit + Math.max(1, Math.floor(limit / 2))) list.splice(0, list.length - limit);
}

export class Monitor {
  /**
   * Datapoints of the current 5-minute period, to add counts to them: by account, Region,
   * metric, vault and resource type ('' for the vault-only datapoint). Nested maps, so that
   * counting (millions of times in a simulated year) builds no key strings.
   */
  #open = new Map<string, Map<string, Map<string, Map<string, Map<string, MetricDatum>>>>>();
  #openPeriod = -1;

  constructor(private readonly state: SandboxState) {
    const last = state.metrics[state.metrics.length - 1];
    if (last) {
      this.#openPeriod = last.Timestamp;
      for (const m of state.metrics)
        if (m.Timestamp === last.Timestamp) this.#slot(m.account, m.region, m.MetricName, m.Dimensions[0]?.Value ?? '').set(m.Dimensions[1]?.Value ?? '', m);
    }
  }

  /** The last slot found for each metric name: consecutive counts mostly hit the same vault. */
  #lastSlot = new Map<string, { account: string; region: string; vault: string; slot: Map<string, MetricDatum> }>();

  #slot(account: string, region: string, name: string, vault: string): Map<string, MetricDatum> {
    const last = this.#lastSlot.get(name);
    if (last && last.account === account && last.region === region && last.vault === vault) return last.slot;
    const slot = this.#findSlot(account, region, name, vault);
    this.#lastSlot.set(name, { account, region, vault, slot });
    return slot;
  }

  #findSlot(account: string, region: string, name: string, vault: string): Map<string, MetricDatum> {
    let a = this.#open.get(account);
    if (!a) this.#open.set(account, (a = new Map()));
    let r = a.get(region);
    if (!r) a.set(region, (r = new Map()));
    let n = r.get(name);
    if (!n) r.set(name, (n = new Map()));
    let v = n.get(vault);
    if (!v) n.set(vault, (v = new Map()));
    return v;
  }

  /** Adds one to a datapoint of the current 5-minute period (made on first use; most calls only add). */
  #count(account: string, region: string, name: string, vault: string, resourceType: string | undefined, at: number): void {
    const period = Math.floor(at / PERIOD) * PERIOD;
    if (period !== this.#openPeriod) {
      this.#open.clear();
      this.#lastSlot.clear();
      this.#openPeriod = period;
    }
    const slot = this.#slot(account, region, name, vault);
    const open = slot.get(resourceType ?? '');
    if (open) {
      open.Value += 1;
      return;
    }
    const Dimensions = [{ Name: 'BackupVaultName', Value: vault }];
    if (resourceType !== undefined) Dimensions.push({ Name: 'ResourceType', Value: resourceType });
    const datum: MetricDatum = { Namespace: 'AWS/Backup', MetricName: name, Dimensions, Timestamp: period, Value: 1, account, region };
    slot.set(resourceType ?? '', datum);
    push(this.state, this.state.metrics, datum);
    this.state.logTotals.metrics += 1;
  }

  emit(e: EmittedEvent): void {
    const s = this.state;
    push(s, s.events, {
      n: s.logTotals.events,
      time: s.now,
      account: e.account,
      region: e.region,
      source: 'aws.backup',
      'detail-type': e.detailType,
      resource: e.resource,
      detail: e.detail,
    });
    s.logTotals.events += 1;
    if (e.metric) {
      this.#count(e.account, e.region, e.metric.name, e.metric.vaultName, undefined, s.now);
      if (e.metric.resourceType) this.#count(e.account, e.region, e.metric.name, e.metric.vaultName, e.metric.resourceType, s.now);
    }
    const ve = e.vaultEvent;
    if (ve && ve.vault.notifications?.BackupVaultEvents.includes(ve.event) && NOTIFYING_EVENTS.has(ve.event)) {
      push(s, s.notifications, {
        MessageId: nextUuid(s),
        TopicArn: ve.vault.notifications.SNSTopicArn,
        Timestamp: s.now,
        Subject: 'Notification from AWS Backup',
        Message: ve.message,
        BackupVaultEvent: ve.event,
        BackupVaultName: ve.vault.BackupVaultName,
      });
      s.logTotals.notifications += 1;
    }
  }

  activity(record: Omit<ActivityRecord, 'eventId'>): void {
    push(this.state, this.state.activity, { eventId: nextUuid(this.state), ...record });
    this.state.logTotals.activity += 1;
  }
}
