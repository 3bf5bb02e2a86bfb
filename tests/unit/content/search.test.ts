import { describe, expect, it } from 'vitest';
import { buildVault, searchFacts } from '../../../src/lib/content/index.ts';

const vault = buildVault([
  { path: 'backup.md', text: '# AWS Backup\n## audit reports\n- max of 20 report plans per account\n- reports must be in the same region as the S3 bucket\n## pricing\n- charged for\n\t- backup storage used\n' },
  { path: 's3.md', text: '# Amazon S3\n## buckets\n- can create up to 100 buckets per AWS account\n' },
]);

describe('searchFacts', () => {
  it('finds facts across notes containing every word', () => {
    const hits = searchFacts(vault, 'account');
    expect(hits.map((h) => h.fact.text).sort()).toEqual(['can create up to 100 buckets per AWS account', 'max of 20 report plans per account']);
  });
  it('matches word prefixes and ignores case and punctuation', () => {
    expect(searchFacts(vault, 'REPORT plan').map((h) => h.fact.text)).toEqual(['max of 20 report plans per account']);
  });
  it('uses the heading path and parent as context', () => {
    const hits = searchFacts(vault, 'pricing storage');
    expect(hits.map((h) => h.fact.text)).toEqual(['backup storage used']);
    expect(hits[0]!.path).toEqual(['pricing']);
  });
  it('ranks a fact whose own text matches above one that matches only by context', () => {
    const hits = searchFacts(vault, 'backup');
    expect(hits[0]!.fact.text).toBe('backup storage used');
  });
  it('returns nothing for an empty or unmatched query', () => {
    expect(searchFacts(vault, '   ')).toEqual([]);
    expect(searchFacts(vault, 'glacier')).toEqual([]);
  });
  it('reads each fact once and answers the same on later searches, and again under a renamed note', () => {
    const first = searchFacts(vault, 'storage');
    expect(searchFacts(vault, 'storage')).toEqual(first);
    // The same fact objects shown under another title (as an own vault renamed): the new title is searched.
    const renamed = { ...vault, notes: vault.notes.map((n) => (n.id === 's3' ? { ...n, title: 'Simple Storage Service' } : n)) };
    expect(searchFacts(renamed, 'simple buckets').map((h) => h.fact.text)).toEqual(['can create up to 100 buckets per AWS account']);
    expect(searchFacts(vault, 'simple buckets')).toEqual([]);
  });
});
