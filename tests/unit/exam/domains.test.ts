import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateCards } from '../../../src/lib/cards/generate.ts';
import { buildVault } from '../../../src/lib/content/index.ts';
import { EXAM_DOMAINS, examDomainOf } from '../../../src/lib/exam/index.ts';

const BACKUP = { tags: ['aws-ccp-exam-notes/services/storage/backup'], noteTitle: 'AWS backup' };

describe('EXAM_DOMAINS', () => {
  it('lists the four CLF-C02 domains with their official weights, in exam-guide order', () => {
    expect(EXAM_DOMAINS.map((d) => [d.id, d.name, d.weight])).toEqual([
      ['cloud-concepts', 'Cloud Concepts', 0.24],
      ['security-compliance', 'Security and Compliance', 0.3],
      ['technology-services', 'Cloud Technology and Services', 0.34],
      ['billing-pricing-support', 'Billing, Pricing, and Support', 0.12],
    ]);
    expect(EXAM_DOMAINS.reduce((sum, d) => sum + d.weight, 0)).toBeCloseTo(1, 12);
  });

  it('cannot be changed by a caller', () => {
    expect(Object.isFrozen(EXAM_DOMAINS)).toBe(true);
    expect(EXAM_DOMAINS.every((d) => Object.isFrozen(d))).toBe(true);
  });
});

describe('examDomainOf: sections of the AWS Backup note', () => {
  it('puts the pricing section under billing', () => {
    expect(examDomainOf({ ...BACKUP, path: ['pricing'] })).toBe('billing-pricing-support');
  });

  it('puts the audit manager section and its subsections under security', () => {
    expect(examDomainOf({ ...BACKUP, path: ['concepts', 'audit manager'] })).toBe('security-compliance');
    expect(examDomainOf({ ...BACKUP, path: ['concepts', 'audit manager', 'audit frameworks'] })).toBe('security-compliance');
    expect(examDomainOf({ ...BACKUP, path: ['concepts', 'audit manager', 'audit reports'] })).toBe('security-compliance');
  });

  it('puts the backup vault section, and a heading just called "concepts", under technology', () => {
    expect(examDomainOf({ ...BACKUP, path: ['concepts', 'backup vault'] })).toBe('technology-services');
    expect(examDomainOf({ ...BACKUP, path: ['concepts'] })).toBe('technology-services');
    expect(examDomainOf({ ...BACKUP, path: ['monitoring'] })).toBe('technology-services');
    expect(examDomainOf({ ...BACKUP, path: [] })).toBe('technology-services');
  });

  it('classifies every generated card of the note by its section', () => {
    const text = readFileSync('content/storage-aws-backup.md', 'utf8');
    const cards = generateCards(buildVault([{ path: 'storage-aws-backup.md', text }]));
    const counts = new Map<string, number>();
    for (const c of cards) counts.set(examDomainOf(c), (counts.get(examDomainOf(c)) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({ 'technology-services': 14, 'security-compliance': 7, 'billing-pricing-support': 4 });
  });
});

describe('examDomainOf: headings', () => {
  const s3 = { tags: ['aws-ccp-exam-notes/services/storage/s3'], noteTitle: 'Amazon S3' };

  it.each([
    [['storage classes', 'cost of retrieval'], 'billing-pricing-support'],
    [['billing'], 'billing-pricing-support'],
    [['charged for'], 'billing-pricing-support'],
    [['free tier'], 'billing-pricing-support'],
    [['AWS Support Plans', 'business'], 'billing-pricing-support'],
    [['encryption'], 'security-compliance'],
    [['access control'], 'security-compliance'],
    [['compliance'], 'security-compliance'],
    [['security', 'bucket policies'], 'security-compliance'],
    [['Regions and Availability Zones'], 'cloud-concepts'],
    [['migration strategies'], 'cloud-concepts'],
    [['design principles'], 'cloud-concepts'],
    [['lifecycle policies'], 'technology-services'],
    // "supports" is not a support plan
    [['supports multiple versions'], 'technology-services'],
  ] as const)('%j -> %s', (path, domain) => {
    expect(examDomainOf({ ...s3, path: [...path] })).toBe(domain);
  });

  it('ranks billing before security before cloud concepts within a heading path', () => {
    expect(examDomainOf({ ...s3, path: ['security', 'pricing'] })).toBe('billing-pricing-support');
    expect(examDomainOf({ ...s3, path: ['well-architected', 'security pillar'] })).toBe('security-compliance');
  });
});

describe('examDomainOf: note tags and title', () => {
  it.each([
    ['AWS Identity and Access Management', []],
    ['AWS KMS', []],
    ['Amazon GuardDuty', []],
    ['Amazon Inspector', []],
    ['Amazon Macie', []],
    ['AWS Shield', []],
    ['AWS WAF', []],
    ['AWS Artifact', ['aws-ccp-exam-notes/services/security/artifact']],
    ['AWS CloudTrail', ['aws-ccp-exam-notes/services/monitoring/cloudtrail']],
    ['Key management', ['aws-ccp-exam-notes/services/security/kms']],
  ])('%s %j -> security-compliance', (noteTitle, tags) => {
    expect(examDomainOf({ noteTitle, tags, path: ['overview'] })).toBe('security-compliance');
  });

  it('reads billing from a cost or pricing tag, or the title', () => {
    expect(examDomainOf({ noteTitle: 'AWS Budgets', tags: ['aws-ccp-exam-notes/cost/budgets'], path: ['alerts'] })).toBe('billing-pricing-support');
    expect(examDomainOf({ noteTitle: 'Compute savings', tags: ['aws-ccp-exam-notes/pricing-models'], path: ['overview'] })).toBe('billing-pricing-support');
    expect(examDomainOf({ noteTitle: 'AWS Pricing Calculator', tags: [], path: ['estimates'] })).toBe('billing-pricing-support');
  });

  it('reads cloud concepts from the title or tags', () => {
    expect(examDomainOf({ noteTitle: 'AWS Well-Architected Framework', tags: [], path: ['pillars'] })).toBe('cloud-concepts');
    expect(examDomainOf({ noteTitle: 'Benefits of the cloud', tags: [], path: ['agility'] })).toBe('cloud-concepts');
    expect(examDomainOf({ noteTitle: 'AWS CAF', tags: [], path: ['perspectives'] })).toBe('cloud-concepts');
    expect(examDomainOf({ noteTitle: 'Global infrastructure', tags: ['aws-ccp-exam-notes/cloud-concepts'], path: ['edge'] })).toBe('cloud-concepts');
  });

  it('lets the heading win over the note', () => {
    const kms = { noteTitle: 'AWS KMS', tags: ['aws-ccp-exam-notes/services/security/kms'] };
    expect(examDomainOf({ ...kms, path: ['pricing'] })).toBe('billing-pricing-support');
    const budgets = { noteTitle: 'AWS Budgets', tags: ['aws-ccp-exam-notes/cost/budgets'] };
    expect(examDomainOf({ ...budgets, path: ['access control'] })).toBe('security-compliance');
    expect(examDomainOf({ ...budgets, path: ['overview'] })).toBe('billing-pricing-support');
  });

  it('falls back to technology for a service note with no other clue', () => {
    expect(examDomainOf({ noteTitle: 'Amazon EC2', tags: ['aws-ccp-exam-notes/services/compute/ec2'], path: ['instance types'] })).toBe('technology-services');
    expect(examDomainOf({ noteTitle: 'Amazon CloudWatch', tags: ['aws-ccp-exam-notes/services/monitoring/cloudwatch'], path: ['alarms'] })).toBe('technology-services');
  });
});
