/**
 * Loading a saved sandbox state: the JSON comes from a file or from the
 * browser's storage, so it is checked before the engine trusts it. The check
 * is structural (every collection present and of the right kind, times and
 * counters numbers, the version known); a bad file gets a message naming the
 * first problem found.
 */
import { z } from 'zod';
import { loadState, STATE_VERSION, type SandboxState, type SavedState } from './model.ts';

export class SandboxStateError extends Error {
  override readonly name = 'SandboxStateError';
}

const record = z.record(z.string(), z.looseObject({}));
const list = z.array(z.looseObject({}));

const schema = z.looseObject({
  version: z.literal(STATE_VERSION),
  seed: z.string(),
  now: z.number().finite(),
  counter: z.number().int().nonnegative(),
  settings: z.looseObject({
    quotaProfile: z.enum(['notes', 'aws']),
    crossAccountBackupEnabled: z.boolean(),
    logLimit: z.number().int().positive(),
    quotaOverrides: z.record(z.string(), z.number().int().nonnegative()).optional(),
  }),
  organization: z.looseObject({
    id: z.string(),
    managementAccountId: z.string().regex(/^\d{12}$/),
    accounts: z.array(z.looseObject({ id: z.string().regex(/^\d{12}$/), name: z.string() })).min(1),
    regions: z.array(z.string()).min(1),
    defaultRegion: z.string(),
  }),
  resources: z.array(z.looseObject({ arn: z.string(), type: z.enum(['EC2', 'EBS', 'EFS', 'RDS', 'DynamoDB', 'S3']), accountId: z.string(), region: z.string(), sizeGb: z.number() })),
  kmsKeys: list,
  buckets: list,
  objects: list,
  vaults: z.array(z.looseObject({ BackupVaultName: z.string(), BackupVaultArn: z.string(), accountId: z.string(), region: z.string() })),
  plans: z.array(z.looseObject({ BackupPlanId: z.string(), versions: z.array(z.looseObject({ Rules: list })).min(1), nextRun: z.record(z.string(), z.number().nullable()) })),
  selections: list,
  backupJobs: record,
  copyJobs: record,
  restoreJobs: record,
  recoveryPoints: record,
  frameworks: list,
  reportPlans: list,
  reportJobs: list,
  tags: z.record(z.string(), z.record(z.string(), z.string())),
  usage: z.looseObject({ warmGbMs: z.record(z.string(), z.number()), coldGbMs: z.record(z.string(), z.number()), transferGb: z.record(z.string(), z.number()), restoreGb: z.record(z.string(), z.number()) }),
  // Added while version 1 was current: states saved before it read as an empty history.
  costHistory: z.array(z.object({ at: z.number(), totals: z.record(z.string(), z.record(z.string(), z.number())) })).default([]),
  chains: z.record(z.string(), z.object({ last: z.number(), count: z.number().int().nonnegative() })),
  daily: z.looseObject({ auditEvaluatedAt: z.number(), reportsProducedAt: z.number() }),
  events: list,
  activity: list,
  notifications: list,
  metrics: list,
  logTotals: z.looseObject({ events: z.number(), activity: z.number(), notifications: z.number(), metrics: z.number() }),
});

/** Checks saved JSON (text or parsed) and returns a state the engine can load; throws SandboxStateError. */
export function parseState(json: unknown): SandboxState {
  let data = json;
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json);
    } catch {
      throw new SandboxStateError('The sandbox state is not valid JSON');
    }
  }
  if (typeof data === 'object' && data !== null && 'version' in data && (data as { version: unknown }).version !== STATE_VERSION)
    throw new SandboxStateError(`The sandbox state has version ${String((data as { version: unknown }).version)}; this app reads version ${STATE_VERSION}`);
  const result = schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length ? issue.path.join('.') : 'state';
    throw new SandboxStateError(`The sandbox state is not valid: ${where}: ${issue?.message ?? 'unknown problem'}`);
  }
  // loadState makes a deep copy, so the caller's object is never shared with the engine.
  return loadState(result.data as unknown as SavedState);
}
