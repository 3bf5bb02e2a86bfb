/** The user's own note, as shipped in content/: the model a learner sees. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildVault } from '../../../src/lib/content/index.ts';

const text = readFileSync('content/storage-aws-backup.md', 'utf8');
const vault = buildVault([{ path: 'storage-aws-backup.md', text }]);
const note = vault.notes[0]!;
const section = (title: string) => note.sections.find((s) => s.title === title)!;
const fact = (start: string) => note.facts.find((f) => f.text.startsWith(start))!;

describe('storage-aws-backup.md', () => {
  it('reads title, front matter, description and tag', () => {
    expect(note.id).toBe('storage-aws-backup');
    expect(note.title).toBe('AWS backup');
    expect(note.titleSource).toBe('h1');
    expect(note.frontMatter).toEqual({
      service: 'AWS backup',
      'service-type': 'storage',
      'service-description': 'centralizes and automates data protection across AWS services/hybrid workloads',
    });
    expect(note.description).toBe('centralizes and automates data protection across AWS services/hybrid workloads');
    expect(note.tags).toEqual(['aws-ccp-exam-notes/services/storage/backup']);
  });

  it('builds the heading tree with fold hints', () => {
    const titles = note.sections.filter((s) => s.role === 'content' && s.id !== 'top').map((s) => `${s.level}:${s.title}${s.folded ? ' (folded)' : ''}`);
    expect(titles).toEqual([
      '2:concepts',
      '3:backup plan (folded)',
      '4:can be assigned as 2 types: (folded)',
      '5:resource type:',
      '5:resource:',
      '3:backup vault (folded)',
      '3:backup (folded)',
      '3:audit manager (folded)',
      '4:audit frameworks (folded)',
      '4:audit reports (folded)',
      '2:monitoring',
      '2:pricing',
    ]);
    expect(section('resource:').path).toEqual(['concepts', 'backup plan', 'can be assigned as 2 types:', 'resource:']);
    expect(section('Resources').role).toBe('resources');
    expect(section('Tags').role).toBe('tags');
  });

  it('keeps the key insights as the summary and the table of contents as navigation', () => {
    const summary = section('key insights');
    expect(summary.role).toBe('summary');
    expect(summary.blockId).toBe('87e6b4');
    expect(note.summaryFactIds.map((id) => note.facts.find((f) => f.id === id)?.text)).toEqual([
      'centralizes and automates data protection across AWS services/hybrid workloads',
    ]);
    const toc = section('table of contents');
    expect(toc.role).toBe('toc');
    expect(toc.factIds).toEqual([]);
    expect(toc.items).toHaveLength(12);
    expect(note.facts.some((f) => f.text === 'concepts')).toBe(false);
    const tocLinks = note.links.filter((l) => l.line >= 13 && l.line <= 24);
    expect(tocLinks).toHaveLength(12);
    expect(tocLinks.every((l) => l.resolved !== null)).toBe(true);
  });

  it('finds 35 facts with source lines, nesting and key terms', () => {
    expect(note.facts).toHaveLength(35);
    const policy = fact('policy expression');
    expect(policy.id).toBe('storage-aws-backup^6d75b2');
    expect(policy.line).toBe(28);
    expect(policy.text).toBe('policy expression; determines when/how you want your AWS resources backed up');
    expect(note.blocks['6d75b2']).toEqual({ factId: policy.id, sectionId: section('backup plan').id });
    expect(fact('AWS backup vault lock').keyTerms).toEqual(['AWS backup vault lock']);
    expect(fact('2 framework types').keyTerms).toEqual(['2 framework types: AWS backup framework and custom framework']);
    const restored = fact('amount of backup data restored');
    expect(restored.context).toEqual(['charged for']);
    expect(restored.depth).toBe(1);
    expect(fact('max of 20 report plans').line).toBe(60);
  });

  it('resolves same-note links and leaves links to absent notes unresolved', () => {
    // 12 in the table of contents, KMS, EFS, two region images, S3, CloudWatch, CloudTrail, storage overview.
    expect(vault.stats.links.total).toBe(20);
    expect(vault.stats.links.resolved).toBe(12);
    const kms = note.links.find((l) => l.text === 'AWS KMS (key management system)')!;
    expect(kms).toMatchObject({ kind: 'block', target: { note: 'security-aws-kms', block: 'bed19a' }, resolved: null });
    const regions = note.links.filter((l) => l.kind === 'file');
    expect(regions.map((l) => l.text)).toEqual(['regions', 'region']);
    expect(note.externalLinks).toEqual([{ text: 'cheat sheet', href: 'https://tutorialsdojo.com/aws-backup/', line: 74 }]);
    expect(vault.warnings).toEqual([]);
  });
});
