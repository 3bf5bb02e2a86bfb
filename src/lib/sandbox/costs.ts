/**
 * Costs on the notes' three pricing factors: backup storage used (warm and
 * cold GB-months, cold billed for at least 90 days), data transferred between
 * Regions, and data restored. The prices are illustrative us-east-1 list
 * prices gathered in 2026 (AWS Backup pricing page and third-party
 * summaries); real prices vary by Region and resource type and change over time.
 */
import type { ResourceType, SandboxState } from './model.ts';
import { DAY } from './context.ts';

/** A month of storage as AWS bills it: 730 hours. */
export const MONTH_MS = 730 * 3_600_000;

export interface PriceTable {
  warmPerGbMonth: Record<ResourceType, number>;
  coldPerGbMonth: number;
  transferPerGb: number;
  restorePerGb: Record<ResourceType, number>;
  note: string;
}

export const DEFAULT_PRICES: PriceTable = {
  warmPerGbMonth: { EBS: 0.05, EC2: 0.05, EFS: 0.05, RDS: 0.095, DynamoDB: 0.1, S3: 0.05 },
  coldPerGbMonth: 0.01,
  transferPerGb: 0.02,
  restorePerGb: { EBS: 0, EC2: 0, EFS: 0.02, RDS: 0, DynamoDB: 0.15, S3: 0.02 },
  note: 'Illustrative us-east-1 prices (USD). Prices vary by Region and resource type; see https://aws.amazon.com/backup/pricing/.',
};

export interface CostLine {
  factor: 'warm storage' | 'cold storage' | 'transfer between Regions' | 'restore';
  accountId: string;
  region: string;
  resourceType?: ResourceType;
  /** GB-months for storage, GB for transfer and restore. */
  quantity: number;
  unit: 'GB-month' | 'GB';
  unitPrice: number;
  cost: number;
}

export interface CostReport {
  lines: CostLine[];
  total: number;
  byFactor: Record<CostLine['factor'], number>;
  note: string;
}

function split(key: string): [string, string, ResourceType | undefined] {
  const [a, r, t] = key.split('|');
  return [a ?? '', r ?? '', t as ResourceType | undefined];
}

/**
 * What the usage so far costs: storage of deleted recovery points (settled
 * when they left) plus storage of the live ones up to now, transfers and
 * restores. Filter by account and Region when given.
 */
export function costReport(state: SandboxState, filter: { accountId?: string; region?: string } = {}, prices: PriceTable = DEFAULT_PRICES): CostReport {
  const warm = { ...state.usage.warmGbMs };
  const cold = { ...state.usage.coldGbMs };
  for (const rp of [...state.recoveryPoints.values()]) {
    const key = `${rp.accountId}|${rp.region}|${rp.ResourceType}`;
    const warmEnd = rp.coldSince ?? state.now;
    warm[key] = (warm[key] ?? 0) + rp.storedGb * Math.max(0, warmEnd - rp.CompletionDate);
    if (rp.coldSince !== undefined) cold[key] = (cold[key] ?? 0) + rp.storedGb * Math.max(0, state.now - rp.coldSince);
  }
  const keep = (a: string, r: string) => (filter.accountId === undefined || a === filter.accountId) && (filter.region === undefined || r === filter.region);
  const lines: CostLine[] = [];
  const add = (factor: CostLine['factor'], key: string, quantity: number, unit: CostLine['unit'], price: number) => {
    const [a, r, t] = split(key);
    if (!keep(a, r) || quantity <= 0) return;
    lines.push({ factor, accountId: a, region: r, ...(t ? { resourceType: t } : {}), quantity, unit, unitPrice: price, cost: quantity * price });
  };
  for (const [k, gbMs] of Object.entries(warm)) add('warm storage', k, gbMs / MONTH_MS, 'GB-month', prices.warmPerGbMonth[split(k)[2] ?? 'EBS']);
  for (const [k, gbMs] of Object.entries(cold)) add('cold storage', k, gbMs / MONTH_MS, 'GB-month', prices.coldPerGbMonth);
  for (const [k, gb] of Object.entries(state.usage.transferGb)) add('transfer between Regions', k, gb, 'GB', prices.transferPerGb);
  for (const [k, gb] of Object.entries(state.usage.restoreGb)) add('restore', k, gb, 'GB', prices.restorePerGb[split(k)[2] ?? 'EBS']);
  const byFactor = { 'warm storage': 0, 'cold storage': 0, 'transfer between Regions': 0, restore: 0 };
  for (const l of lines) byFactor[l.factor] += l.cost;
  return { lines, total: lines.reduce((s, l) => s + l.cost, 0), byFactor, note: prices.note };
}

export type CostFactor = CostLine['factor'];
export type FactorTotals = Record<CostFactor, number>;

/**
 * What has been spent so far in each account and Region (`account|region`), by
 * factor, in one pass over the recovery points: the engine records it at the
 * start of every month, so the console can show costs over time.
 */
export function costTotalsByPlace(state: SandboxState, prices: PriceTable = DEFAULT_PRICES): Record<string, FactorTotals> {
  const out: Record<string, FactorTotals> = {};
  const totalsOf = (accountId: string, region: string): FactorTotals =>
    (out[`${accountId}|${region}`] ??= { 'warm storage': 0, 'cold storage': 0, 'transfer between Regions': 0, restore: 0 });
  const settled = (factor: CostFactor, key: string, cost: (type: ResourceType) => number) => {
    const [a, r, t] = split(key);
    totalsOf(a, r)[factor] += cost(t ?? 'EBS');
  };
  for (const [k, gbMs] of Object.entries(state.usage.warmGbMs)) settled('warm storage', k, (t) => (gbMs / MONTH_MS) * prices.warmPerGbMonth[t]);
  for (const [k, gbMs] of Object.entries(state.usage.coldGbMs)) settled('cold storage', k, () => (gbMs / MONTH_MS) * prices.coldPerGbMonth);
  for (const [k, gb] of Object.entries(state.usage.transferGb)) settled('transfer between Regions', k, () => gb * prices.transferPerGb);
  for (const [k, gb] of Object.entries(state.usage.restoreGb)) settled('restore', k, (t) => gb * prices.restorePerGb[t]);
  // Live recovery points: one pass, places looked up without building key strings for each point.
  const byAccount = new Map<string, Map<string, FactorTotals>>();
  for (const rp of state.recoveryPoints.values()) {
    let byRegion = byAccount.get(rp.accountId);
    if (!byRegion) byAccount.set(rp.accountId, (byRegion = new Map()));
    let totals = byRegion.get(rp.region);
    if (!totals) byRegion.set(rp.region, (totals = totalsOf(rp.accountId, rp.region)));
    const warmEnd = rp.coldSince ?? state.now;
    totals['warm storage'] += ((rp.storedGb * Math.max(0, warmEnd - rp.CompletionDate)) / MONTH_MS) * prices.warmPerGbMonth[rp.ResourceType];
    if (rp.coldSince !== undefined) totals['cold storage'] += ((rp.storedGb * Math.max(0, state.now - rp.coldSince)) / MONTH_MS) * prices.coldPerGbMonth;
  }
  return out;
}

/** The 90-day minimum of cold storage, in ms (exported for tests and explanations). */
export const COLD_MINIMUM_MS = 90 * DAY;
