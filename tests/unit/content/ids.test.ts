import { describe, expect, it } from 'vitest';
import { buildVault, normalizeHeading, slugify, stableHash } from '../../../src/lib/content/index.ts';

const BASE = `# Note
## limits
- max of 20 report plans per account
- 1 framework per account; max of 10 per region
## pricing
- charged for
\t- backup storage used
`;

function ids(text: string): Map<string, string> {
  const note = buildVault([{ path: 'n.md', text }]).notes[0]!;
  return new Map(note.facts.map((f) => [f.text, f.id]));
}

describe('fact ids', () => {
  it('are stable when other parts of the note change', () => {
    const before = ids(BASE);
    const edited = ids(BASE.replace('- max of 20', '- a new fact first\n- max of 20').replace('charged for', 'charged for:') + '## more\n- added\n');
    expect(edited.get('max of 20 report plans per account')).toBe(before.get('max of 20 report plans per account'));
    expect(edited.get('1 framework per account; max of 10 per region')).toBe(before.get('1 framework per account; max of 10 per region'));
    expect(edited.get('backup storage used')).toBe(before.get('backup storage used'));
  });

  it('ignore case, spacing and trailing punctuation of the fact', () => {
    const before = ids(BASE);
    const after = ids(BASE.replace('max of 20 report plans per account', 'Max of 20  report plans per account.'));
    expect(after.get('Max of 20 report plans per account.')).toBe(before.get('max of 20 report plans per account'));
  });

  it('change when the fact or its heading path changes', () => {
    const before = ids(BASE);
    expect(ids(BASE.replace('max of 20', 'max of 25')).get('max of 25 report plans per account')).not.toBe(before.get('max of 20 report plans per account'));
    expect(ids(BASE.replace('## limits', '## quotas')).get('max of 20 report plans per account')).not.toBe(before.get('max of 20 report plans per account'));
  });

  it('use the block id when there is one, so edits to the text keep it', () => {
    expect(ids(BASE.replace('per account\n', 'per account ^abc123\n')).get('max of 20 report plans per account')).toBe('n^abc123');
    expect(ids(BASE.replace('max of 20 report plans per account', 'max of 25 report plans per account ^abc123')).get('max of 25 report plans per account')).toBe('n^abc123');
  });

  it('stay unique when a section repeats a line', () => {
    const twice = buildVault([{ path: 'n.md', text: '## a\n- same\n- same\n' }]).notes[0]!;
    const [first, second] = twice.facts;
    expect(first!.id).not.toBe(second!.id);
  });
});

describe('normalisation', () => {
  it('matches headings as Obsidian does', () => {
    expect(normalizeHeading('Frequently Accessed Objects: %% fold %%')).toBe('frequently accessed objects');
    expect(normalizeHeading('audit reports  %% fold %%')).toBe('audit reports');
    expect(normalizeHeading('can be assigned as 2 types:')).toBe('can be assigned as 2 types');
  });
  it('slugs and hashes deterministically', () => {
    expect(slugify('backup plan %% fold %%')).toBe('backup-plan');
    expect(slugify('%% fold %%')).toBe('section');
    expect(stableHash('abc')).toBe(stableHash('abc'));
    expect(stableHash('abc')).not.toBe(stableHash('abd'));
    expect(stableHash('abc')).toMatch(/^[0-9a-z]{11}$/);
  });
});
