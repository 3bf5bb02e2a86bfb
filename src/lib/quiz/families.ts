/**
 * Which named family a question belongs to, from its source section and fact
 * text. The families are the topics of the AWS Backup note an examiner asks
 * about; a question from any note is tagged when it talks about the same thing.
 */
import type { QuestionFamily } from './types.ts';

/** The services the "which service monitors what" family is about. */
const MONITORING_SERVICES = /\b(?:organizations|eventbridge|cloudwatch|cloudtrail|sns)\b/i;

/**
 * The first rule that matches wins, most specific first: a vault lock fact also
 * mentions deletions, and a deletion rule also mentions vaults.
 *
 * @example familyOf('max of 20 report plans per account', ['concepts', 'audit manager', 'audit reports']) === 'audit-limits'
 */
export function familyOf(text: string, path: readonly string[], context: readonly string[] = []): QuestionFamily | undefined {
  const fact = text.toLowerCase();
  const where = [...path, ...context].join(' | ').toLowerCase();
  if (/\bvault lock\b/.test(fact)) return 'vault-lock';
  if (/\bdelet(?:e|es|ed|ing|ion)\b/.test(fact)) return 'deletion-rules';
  if (/\b(?:encrypt\w*|kms|key management)\b/.test(fact) && /\bvaults?\b/.test(`${fact} ${where}`)) return 'vault-encryption';
  // Limits and rules: a number, a "per" limit, or a "must" / "same region" rule.
  if (/\b(?:audit|frameworks?|report plans?|reports?)\b/.test(where) && /\d|\bper (?:account|region)\b|\bsame region\b|\bmust\b/.test(fact)) return 'audit-limits';
  if (/\b(?:pricing|price|cost|costs|billing|charged|charges)\b/.test(`${where} | ${fact}`)) return 'pricing-factors';
  if (/\bassign(?:ed|ing|ment|s)?\b/.test(where)) return 'resource-assignment';
  if (/\bmonitor\w*\b/.test(where) && MONITORING_SERVICES.test(fact)) return 'monitoring-services';
  if (MONITORING_SERVICES.test(fact) && /\bbackups?\b/.test(fact)) return 'monitoring-services';
  return undefined;
}
