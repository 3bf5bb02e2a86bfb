/**
 * What every operation handler gets: the state, the caller's account and
 * Region, the time, and the engine services it may use (ids, timers,
 * monitoring). Plus the input readers that turn a loosely typed request into
 * checked values, refusing with AWS's exceptions when a member is missing or
 * of the wrong type.
 */
import type { ApiInput, ApiOutput } from './api.ts';
import { BackupError, type BackupExceptionName } from './errors.ts';
import type { Resource, SandboxState, Vault } from './model.ts';
import { rule, type RuleId } from './rules.ts';

export type TimerKind =
  | 'plan-rule'
  | 'backup-job'
  | 'copy-job'
  | 'restore-job'
  | 'recovery-point'
  | 'framework'
  | 'report-plan'
  | 'report-job'
  | 'daily';

/** Engine services an operation or a timer may use. */
export interface Services {
  /** Wake the engine at `at` for the entity `id` of this kind (stale wake-ups are skipped). */
  schedule(kind: TimerKind, id: string, at: number): void;
  /** Records an EventBridge event (and the SNS notification and metrics it implies). */
  emit(event: EmittedEvent): void;
  /** Resource by ARN (indexed). */
  resource(arn: string): Resource | undefined;
  /** Adds a resource to the inventory (restores). */
  addResource(resource: Resource): void;
  /** Resource ARN -> the backup job running on it (one job per resource at a time). */
  busy: Map<string, string>;
}

export interface EmittedEvent {
  account: string;
  region: string;
  detailType: string;
  /** The ARN the event is about (EventBridge's `resources`), if any. */
  resource: string | undefined;
  detail: Record<string, unknown>;
  /** The vault whose SNS subscription may want this, with the vault event name. */
  vaultEvent?: { vault: Vault; event: string; message: string };
  /** CloudWatch metric to count (AWS/Backup), with the vault and resource type dimensions. */
  metric?: { name: string; vaultName: string; resourceType?: string };
}

export interface Ctx {
  state: SandboxState;
  accountId: string;
  region: string;
  now: number;
  services: Services;
}

export type Handler = (c: Ctx, input: ApiInput) => ApiOutput;

/** Throws the AWS exception with the sandbox rule attached. */
export function fail(name: BackupExceptionName, message: string, ruleId: RuleId, extra: { code?: string; context?: string; arn?: string } = {}): never {
  throw new BackupError(name, message, { rule: rule(ruleId), ...extra });
}

function missing(member: string): never {
  fail('MissingParameterValueException', `Missing required parameter in input: "${member}"`, 'input.required');
}

function wrongType(member: string, expected: string): never {
  fail('InvalidParameterValueException', `Invalid type for parameter ${member}, expected ${expected}`, 'input.required');
}

export function optString(input: ApiInput, member: string): string | undefined {
  const v = input[member];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') wrongType(member, 'a string');
  return v;
}

export function reqString(input: ApiInput, member: string): string {
  const v = optString(input, member);
  if (v === undefined || v === '') missing(member);
  return v;
}

export function optInt(input: ApiInput, member: string): number | undefined {
  const v = input[member];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) wrongType(member, 'an integer');
  return v;
}

export function optBool(input: ApiInput, member: string): boolean | undefined {
  const v = input[member];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') wrongType(member, 'a boolean');
  return v;
}

export function optDate(input: ApiInput, member: string): number | undefined {
  const v = input[member];
  if (v === undefined || v === null) return undefined;
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.getTime();
  if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return Date.parse(v);
  wrongType(member, 'a timestamp');
}

export function optObject(input: ApiInput, member: string): Record<string, unknown> | undefined {
  const v = input[member];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v) || v instanceof Date) wrongType(member, 'a structure');
  return v as Record<string, unknown>;
}

export function reqObject(input: ApiInput, member: string): Record<string, unknown> {
  const v = optObject(input, member);
  if (v === undefined) missing(member);
  return v;
}

export function optArray(input: ApiInput, member: string): unknown[] | undefined {
  const v = input[member];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) wrongType(member, 'a list');
  return v;
}

export function optStringList(input: ApiInput, member: string): string[] | undefined {
  const v = optArray(input, member);
  if (v === undefined) return undefined;
  if (!v.every((x) => typeof x === 'string')) wrongType(member, 'a list of strings');
  return v as string[];
}

/** A map of string to string (tags). */
export function optStringMap(input: ApiInput, member: string): Record<string, string> | undefined {
  const v = optObject(input, member);
  if (v === undefined) return undefined;
  for (const [k, x] of Object.entries(v)) if (typeof x !== 'string') wrongType(`${member}.${k}`, 'a string');
  return v as Record<string, string>;
}

/** Splits a list for NextToken/MaxResults paging (the token is the offset). */
export function paginate<T>(items: T[], input: ApiInput): { page: T[]; NextToken?: string } {
  const max = optInt(input, 'MaxResults');
  if (max !== undefined && (max < 1 || max > 1000))
    fail('InvalidParameterValueException', 'MaxResults must be between 1 and 1000', 'input.required');
  const token = optString(input, 'NextToken');
  let start = 0;
  if (token !== undefined) {
    start = Number.parseInt(token, 36);
    if (!Number.isInteger(start) || start < 0 || start > items.length)
      fail('InvalidParameterValueException', 'NextToken is not valid', 'input.required');
  }
  const size = max ?? 1000;
  const page = items.slice(start, start + size);
  return start + size < items.length ? { page, NextToken: (start + size).toString(36) } : { page };
}

/** Drops members whose value is undefined, so outputs look like AWS's. */
export function clean<T extends Record<string, unknown>>(o: T): T {
  // Copy rather than `delete`: deleting keys turns an object into a slow dictionary in V8.
  const out: Record<string, unknown> = {};
  for (const k in o) if (o[k] !== undefined) out[k] = o[k];
  return out as T;
}

export function date(ms: number | undefined): Date | undefined {
  return ms === undefined ? undefined : new Date(ms);
}

export const DAY = 86_400_000;
export const MINUTE = 60_000;

/** The vault by name in the caller's account and Region, or ResourceNotFoundException. */
export function findVault(c: Ctx, name: string): Vault {
  const vault = c.state.vaults.find((v) => v.BackupVaultName === name && v.accountId === c.accountId && v.region === c.region);
  if (!vault) fail('ResourceNotFoundException', `Backup vault ${name} not found in ${c.region} for account ${c.accountId}`, 'input.not-found');
  return vault;
}
