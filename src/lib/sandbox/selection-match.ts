/**
 * Which resources a plan's resource assignments select: by ARN (a resource
 * type is an ARN pattern such as `arn:aws:ec2:*:*:volume/*`, "every
 * resource of that type"; one resource is its own ARN), by tags, narrowed by
 * conditions and NotResources. Only resources in the plan's own account and
 * Region are backed up by it.
 */
import type { Condition, Resource, SandboxState, Selection } from './model.ts';

const patternCache = new Map<string, RegExp>();

/** Whether `arn` matches a selection ARN pattern where `*` matches any run of characters. */
export function arnMatches(pattern: string, arn: string): boolean {
  if (pattern === '*') return true;
  if (!pattern.includes('*')) return pattern === arn;
  let re = patternCache.get(pattern);
  if (!re) {
    re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    patternCache.set(pattern, re);
  }
  return re.test(arn);
}

function tagKey(key: string): string {
  return key.startsWith('aws:ResourceTag/') ? key.slice('aws:ResourceTag/'.length) : key;
}

function like(pattern: string, value: string): boolean {
  return arnMatches(pattern, value);
}

function tagEquals(r: Resource, c: { ConditionKey: string; ConditionValue: string }): boolean {
  return r.tags[tagKey(c.ConditionKey)] === c.ConditionValue;
}

/** Whether one selection picks this resource. */
export function selectionMatches(s: Selection, r: Resource): boolean {
  const byArn = s.Resources.some((p) => arnMatches(p, r.arn));
  const byTag = s.ListOfTags.some((t: Condition) => tagEquals(r, t));
  // A selection with only conditions and "*" style resources: Resources OR ListOfTags, then AND of conditions.
  if (!byArn && !byTag) return false;
  if (s.NotResources.some((p) => arnMatches(p, r.arn))) return false;
  const c = s.Conditions;
  if (!c.StringEquals.every((x) => tagEquals(r, x))) return false;
  if (!c.StringNotEquals.every((x) => !tagEquals(r, x))) return false;
  if (!c.StringLike.every((x) => like(x.ConditionValue, r.tags[tagKey(x.ConditionKey)] ?? ''))) return false;
  if (!c.StringNotLike.every((x) => !like(x.ConditionValue, r.tags[tagKey(x.ConditionKey)] ?? ''))) return false;
  return true;
}

/** The resources a plan backs up, each with the first assignment that picks it (its IAM role runs the job), in inventory order. */
export function assignmentsForPlan(state: SandboxState, planId: string, accountId: string, region: string): { resource: Resource; selection: Selection }[] {
  const selections = state.selections.filter((s) => s.BackupPlanId === planId);
  if (selections.length === 0) return [];
  const out: { resource: Resource; selection: Selection }[] = [];
  for (const r of state.resources) {
    if (r.accountId !== accountId || r.region !== region) continue;
    const selection = selections.find((s) => selectionMatches(s, r));
    if (selection) out.push({ resource: r, selection });
  }
  return out;
}

/** The resources a plan backs up, in inventory order. */
export function resourcesForPlan(state: SandboxState, planId: string, accountId: string, region: string): Resource[] {
  return assignmentsForPlan(state, planId, accountId, region).map((a) => a.resource);
}
