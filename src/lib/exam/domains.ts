/**
 * The content domains of the AWS Certified Cloud Practitioner exam (CLF-C02)
 * and a rule of thumb that puts each card in one of them, so readiness can be
 * weighted the way the exam is scored.
 */

export type ExamDomain = 'cloud-concepts' | 'security-compliance' | 'technology-services' | 'billing-pricing-support';

/** The four domains in the order of the official exam guide, with their share of the scored questions. */
export const EXAM_DOMAINS: readonly Readonly<{ id: ExamDomain; name: string; weight: number }>[] = Object.freeze([
  Object.freeze({ id: 'cloud-concepts', name: 'Cloud Concepts', weight: 0.24 } as const),
  Object.freeze({ id: 'security-compliance', name: 'Security and Compliance', weight: 0.3 } as const),
  Object.freeze({ id: 'technology-services', name: 'Cloud Technology and Services', weight: 0.34 } as const),
  Object.freeze({ id: 'billing-pricing-support', name: 'Billing, Pricing, and Support', weight: 0.12 } as const),
]);

// Every text is lower-cased and its `-`, `_`, `/` and `#` turned into spaces
// before matching (see `words`), so one vocabulary serves headings, titles and
// tags such as `aws-ccp-exam-notes/services/security/kms`.

const BILLING =
  /\b(?:pric(?:e|es|ing)|costs?|billing|billed|bills?|charged|charges|support plans?|aws support|free tier|budgets?|cost explorer|savings plans?|reserved instances?)\b/;

// CloudTrail, AWS Config and the shared responsibility model are not in the
// brief's list, but the CLF-C02 guide names them under domain 2 ("auditing with
// AWS CloudTrail, AWS Audit Manager, and AWS Config").
const SECURITY =
  /\b(?:security|secure|identity|iam|compliance|compliant|kms|encrypt(?:ion|ed|ing)?|audit(?:s|ing|or)?|guardduty|inspector|macie|shield|waf|access control|shared responsibility|cloudtrail|aws config|artifact|cognito|secrets manager|cloudhsm|firewall)\b/;

// A heading called just "concepts" (as in the AWS Backup note) is the note's
// own concepts, not the exam's Cloud Concepts, so only "cloud concepts" counts.
const CONCEPTS =
  /\b(?:cloud concepts|benefits of (?:the )?cloud|cloud benefits|advantages of (?:the )?cloud|well architected|design principles|global infrastructure|regions|availability zones|edge locations|migration|migrate|cloud adoption framework|caf|economics|economies of scale|deployment models|cloud computing)\b/;

/**
 * Which exam domain a card (or fact) belongs to, from its note's tags and
 * title and its heading path. The first rule that matches wins:
 *
 * 1. the heading path (any segment)
 *    - about pricing, cost, billing, charges, support plans or the free tier
 *      -> `billing-pricing-support`;
 *    - about security, encryption, compliance, audit or access control (or a
 *      security service: IAM, KMS, GuardDuty, Inspector, Macie, Shield, WAF...)
 *      -> `security-compliance`;
 *    - about cloud concepts (benefits of the cloud, Well-Architected, design
 *      principles, global infrastructure, regions and availability zones,
 *      migration and the CAF, cloud economics) -> `cloud-concepts`;
 * 2. the note: the same three vocabularies, in the same order, on its tags and
 *    title (a tag with a `/cost/` or `pricing` part is billing);
 * 3. everything else -> `technology-services`.
 *
 * The heading comes first because a service note mixes domains: in the AWS
 * Backup note the `pricing` section is billing, the `audit manager` section is
 * security and the `backup vault` section is technology.
 *
 * @example examDomainOf({ tags: ['aws-ccp-exam-notes/services/storage/backup'], noteTitle: 'AWS backup', path: ['pricing'] }) === 'billing-pricing-support'
 */
export function examDomainOf(input: { tags: string[]; noteTitle: string; path: string[] }): ExamDomain {
  const path = words(input.path.join(' | '));
  const byPath = domainOfText(path);
  if (byPath) return byPath;
  const note = words(`${input.noteTitle} | ${input.tags.join(' | ')}`);
  return domainOfText(note) ?? 'technology-services';
}

function domainOfText(text: string): ExamDomain | null {
  if (BILLING.test(text)) return 'billing-pricing-support';
  if (SECURITY.test(text)) return 'security-compliance';
  if (CONCEPTS.test(text)) return 'cloud-concepts';
  return null;
}

function words(text: string): string {
  return text.toLowerCase().replace(/[-_/#]+/g, ' ');
}
