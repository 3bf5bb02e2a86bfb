/**
 * Tags on AWS Backup resources: vaults, plans, recovery points, frameworks and
 * report plans (TagResource, UntagResource, ListTags).
 */
import { fail, optStringList, optStringMap, paginate, reqString, clean, type Ctx, type Handler } from '../context.ts';
import { quota } from '../quotas.ts';

/** Whether an ARN names a Backup resource that exists in the caller's account and Region. */
function taggable(c: Ctx, arn: string): boolean {
  const s = c.state;
  if (s.vaults.some((v) => v.BackupVaultArn === arn && v.accountId === c.accountId && v.region === c.region)) return true;
  if (s.plans.some((p) => p.BackupPlanArn === arn && p.accountId === c.accountId && p.region === c.region && p.DeletionDate === undefined)) return true;
  const rp = s.recoveryPoints.get(arn);
  if (rp && rp.accountId === c.accountId && rp.region === c.region) return true;
  if (s.frameworks.some((f) => f.FrameworkArn === arn && f.accountId === c.accountId && f.region === c.region)) return true;
  return s.reportPlans.some((p) => p.ReportPlanArn === arn && p.accountId === c.accountId && p.region === c.region);
}

function target(c: Ctx, arn: string): void {
  if (!taggable(c, arn)) {
    if (!arn.startsWith('arn:aws:backup:') && !c.state.recoveryPoints.get(arn))
      fail('InvalidParameterValueException', `Only AWS Backup resources can be tagged here, not ${arn}`, 'tags.backup-arns');
    fail('ResourceNotFoundException', `Resource ${arn} not found`, 'input.not-found');
  }
}

const tagResource: Handler = (c, input) => {
  const arn = reqString(input, 'ResourceArn');
  target(c, arn);
  const tags = optStringMap(input, 'Tags');
  if (!tags) fail('MissingParameterValueException', 'Missing required parameter in input: "Tags"', 'input.required');
  const merged = { ...(c.state.tags[arn] ?? {}), ...tags };
  const limit = quota(c.state, 'tagsPerResource');
  if (Object.keys(merged).length > limit.value) fail('LimitExceededException', limit.message(Object.keys(merged).length), 'tags.backup-arns');
  for (const k of Object.keys(tags))
    if (k.length < 1 || k.length > 128 || k.startsWith('aws:'))
      fail('InvalidParameterValueException', `Invalid tag key ${k}: 1 to 128 characters, not starting with aws:`, 'tags.backup-arns');
  c.state.tags[arn] = merged;
  return {};
};

const untagResource: Handler = (c, input) => {
  const arn = reqString(input, 'ResourceArn');
  target(c, arn);
  const keys = optStringList(input, 'TagKeyList');
  if (!keys) fail('MissingParameterValueException', 'Missing required parameter in input: "TagKeyList"', 'input.required');
  const tags = { ...(c.state.tags[arn] ?? {}) };
  for (const k of keys) delete tags[k];
  if (Object.keys(tags).length === 0) delete c.state.tags[arn];
  else c.state.tags[arn] = tags;
  return {};
};

const listTags: Handler = (c, input) => {
  const arn = reqString(input, 'ResourceArn');
  target(c, arn);
  const entries = Object.entries(c.state.tags[arn] ?? {});
  const { page, NextToken } = paginate(entries, input);
  return clean({ Tags: Object.fromEntries(page), NextToken });
};

export const tagHandlers: Record<string, Handler> = {
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTags: listTags,
};
