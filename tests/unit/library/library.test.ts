/**
 * Own vaults: what an import accepts, the namespace that keeps two vaults'
 * notes apart, and re-imports that keep the ids (so the progress) of unchanged
 * facts.
 */
import { describe, expect, it } from 'vitest';
import { generateCards } from '../../../src/lib/cards/generate.ts';
import { buildVault } from '../../../src/lib/content/index.ts';
import { importVault } from '../../../src/lib/library/import-vault.ts';
import { classifyFile, cleanVaultName, LIMITS, noteTextProblem, vaultIdFor } from '../../../src/lib/library/limits.ts';
import { combineVaults, namespaceVault, vaultIdOf } from '../../../src/lib/library/namespace.ts';
import { stripCommonFolder } from '../../../src/lib/library/paths.ts';

const NOTE_A = `# Amazon S3

- S3 stores objects in buckets ^s3-buckets
- An object can be at most **5 TB**
- Storage classes:
  - S3 Standard
  - S3 Glacier Deep Archive

## Durability
S3 is designed for ==11 nines== of durability. See [[Folder B/EBS volumes#Snapshots]] and [[EBS volumes#^ebs-az]].
`;
const NOTE_B = `---
tags: [aws/storage, ebs]
---
# EBS volumes

- An EBS volume lives in one Availability Zone ^ebs-az

## Snapshots
- EBS snapshots are stored in S3 and are incremental
`;

describe('what an import accepts', () => {
  it('takes markdown notes and images within their caps and says why it skips the rest', () => {
    expect(classifyFile('Vault/Note.md', 10)).toEqual({ kind: 'note' });
    expect(classifyFile('Vault/Note.MARKDOWN', 10)).toEqual({ kind: 'note' });
    expect(classifyFile('img/diagram.PNG', 10)).toEqual({ kind: 'image', mime: 'image/png' });
    expect(classifyFile('Vault/.obsidian/app.json', 10)).toEqual({ kind: 'hidden' });
    expect(classifyFile('.DS_Store', 10)).toEqual({ kind: 'hidden' });
    expect(classifyFile('slides.pdf', 10)).toEqual({ kind: 'skip', reason: 'not a markdown note (.pdf files are not imported)' });
    expect(classifyFile('README', 10)).toEqual({ kind: 'skip', reason: 'not a markdown note (no .md extension)' });
    // Just over the cap, the rounded sizes would read "1 MB; at most 1 MB": bytes then.
    expect(classifyFile('big.md', LIMITS.noteBytes + 24)).toEqual({ kind: 'skip', reason: 'too large (1,048,600 bytes; a note can be at most 1,048,576 bytes, 1 MB)' });
    expect(classifyFile('huge.md', 3 * 1024 * 1024)).toEqual({ kind: 'skip', reason: 'too large (3 MB; a note can be at most 1 MB)' });
    expect(classifyFile('photo.jpg', LIMITS.imageBytes + 1)).toEqual({ kind: 'skip', reason: 'image too large (2,097,153 bytes; an image can be at most 2,097,152 bytes, 2 MB)' });
    expect(classifyFile('photo.jpg', 5 * 1024 * 1024)).toEqual({ kind: 'skip', reason: 'image too large (5 MB; an image can be at most 2 MB)' });
    expect(noteTextProblem('a\u0000b')).toMatch(/binary/);
    expect(noteTextProblem('plain text')).toBeNull();
  });

  it('names vaults safely and uniquely', () => {
    expect(vaultIdFor('My Obsidian Vault', [])).toBe('my-obsidian-vault');
    expect(vaultIdFor('My Obsidian Vault', ['my-obsidian-vault'])).toBe('my-obsidian-vault-2');
    expect(vaultIdFor('Café ☕ notes', [])).toBe('cafe-notes');
    expect(vaultIdFor('   ', [])).toBe('notes');
    expect(cleanVaultName('  a\n  b ')).toBe('a b');
    expect(cleanVaultName('')).toBe('My notes');
  });

  it("strips the picked folder's own name from paths, and only when every file shares it", () => {
    const one = stripCommonFolder(['Vault/a.md', 'Vault/sub/b.md']);
    expect(one.folder).toBe('Vault');
    expect(one.strip('Vault/sub/b.md')).toBe('sub/b.md');
    expect(stripCommonFolder(['a.md', 'Vault/b.md']).folder).toBeNull();
    expect(stripCommonFolder(['a.md', 'b.md']).folder).toBeNull();
  });
});

describe('vault namespaces', () => {
  const built = buildVault([
    { path: 'Folder A/Amazon S3.md', text: NOTE_A },
    { path: 'Folder B/EBS volumes.md', text: NOTE_B },
  ]);
  const own = namespaceVault(built, 'mine');

  it('prefixes every note, fact and link target, and leaves the input alone', () => {
    expect(own.notes.map((n) => n.id)).toEqual(['@mine/Amazon S3', '@mine/EBS volumes']);
    expect(built.notes[0]?.id).toBe('Amazon S3');
    for (const note of own.notes) {
      for (const fact of note.facts) {
        expect(fact.id.startsWith(`${note.id}#`) || fact.id.startsWith(`${note.id}^`)).toBe(true);
        expect(fact.noteId).toBe(note.id);
        if (fact.parentId) expect(note.facts.some((f) => f.id === fact.parentId)).toBe(true);
        for (const child of fact.childIds) expect(note.facts.some((f) => f.id === child)).toBe(true);
      }
      for (const section of note.sections) {
        expect(section.noteId).toBe(note.id);
        for (const id of section.factIds) expect(note.facts.some((f) => f.id === id)).toBe(true);
      }
      for (const id of note.summaryFactIds) expect(note.facts.some((f) => f.id === id)).toBe(true);
      for (const at of Object.values(note.blocks)) if (at.factId) expect(note.facts.some((f) => f.id === at.factId)).toBe(true);
    }
    const s3 = own.notes[0];
    const resolved = s3?.links.map((l) => l.resolved);
    expect(resolved).toEqual([
      { note: '@mine/EBS volumes', sectionId: expect.any(String) },
      { note: '@mine/EBS volumes', sectionId: expect.any(String), factId: '@mine/EBS volumes^ebs-az' },
    ]);
    expect(vaultIdOf('@mine/EBS volumes^ebs-az')).toBe('mine');
    expect(vaultIdOf('storage-aws-backup')).toBeNull();
  });

  it('gives cards whose source facts all exist, and the same note in two vaults two sets of cards', () => {
    const other = namespaceVault(built, 'other');
    const both = combineVaults(built, [{ compiled: own }, { compiled: other }]);
    expect(both.notes).toHaveLength(6);
    expect(both.stats.facts).toBe(built.stats.facts * 3);
    const facts = new Set(both.notes.flatMap((n) => n.facts.map((f) => f.id)));
    const cards = generateCards(both);
    for (const card of cards) for (const id of card.factIds) expect(facts.has(id)).toBe(true);
    expect(new Set(cards.map((c) => c.id)).size).toBe(cards.length);
    const mine = cards.filter((c) => vaultIdOf(c.noteId) === 'mine').length;
    expect(mine).toBeGreaterThan(0);
    expect(cards.filter((c) => vaultIdOf(c.noteId) === 'other')).toHaveLength(mine);
  });
});

describe('importing into a vault', () => {
  const first = importVault({
    id: 'mine',
    name: 'Mine',
    notes: [
      { path: 'Folder A/Amazon S3.md', text: NOTE_A },
      { path: 'Folder B/EBS volumes.md', text: NOTE_B },
    ],
    images: [{ path: 'img/d.png', mime: 'image/png', dataUrl: 'data:image/png;base64,AAAA', bytes: 3 }],
    skipped: [{ path: 'slides.pdf', reason: 'not a markdown note (.pdf files are not imported)' }],
    hidden: 4,
    removeMissing: false,
    now: 1000,
  });

  it('reports what came in, what was skipped and the parse warnings', () => {
    expect(first.report).toMatchObject({ added: ['Folder A/Amazon S3.md', 'Folder B/EBS volumes.md'], updated: [], unchanged: [], removed: [], hidden: 4, notes: 2 });
    expect(first.report.skipped).toEqual([{ path: 'slides.pdf', reason: 'not a markdown note (.pdf files are not imported)' }]);
    expect(first.vault.compiled.notes.map((n) => n.id)).toEqual(['@mine/Amazon S3', '@mine/EBS volumes']);
    expect(first.vault.attachments).toHaveLength(1);
    expect(first.vault.compiled.notes[1]?.tags).toEqual(['aws/storage', 'ebs']);
  });

  it('a re-import keeps the card ids of unchanged facts and reports updated, unchanged and removed notes', () => {
    const cardsBefore = new Map(generateCards(first.vault.compiled).map((c) => [c.id, c]));
    const edited = NOTE_A.replace('at most **5 TB**', 'at most **5 TiB**');
    const again = importVault({
      id: 'mine',
      name: 'Mine',
      existing: first.vault,
      notes: [{ path: 'Folder A/Amazon S3.md', text: edited }],
      images: [],
      skipped: [],
      removeMissing: true,
      now: 2000,
    });
    expect(again.report).toMatchObject({ added: [], updated: ['Folder A/Amazon S3.md'], unchanged: [], removed: ['Folder B/EBS volumes.md'] });
    expect(again.vault.createdAt).toBe(1000);
    expect(again.vault.updatedAt).toBe(2000);
    const after = generateCards(again.vault.compiled);
    const kept = after.filter((c) => cardsBefore.has(c.id));
    // Every card not made from the edited fact is the same card as before.
    const editedFact = again.vault.compiled.notes[0]?.facts.find((f) => f.text.includes('5 TiB'));
    expect(editedFact).toBeDefined();
    for (const card of after) if (!card.factIds.includes(editedFact?.id ?? '')) expect(cardsBefore.has(card.id)).toBe(true);
    expect(kept.length).toBeGreaterThan(0);
    expect(after.some((c) => !cardsBefore.has(c.id))).toBe(true);
  });

  it('adding files without removeMissing keeps the other notes; identical text is unchanged', () => {
    const again = importVault({ id: 'mine', name: 'Mine', existing: first.vault, notes: [{ path: 'Folder B/EBS volumes.md', text: NOTE_B }], images: [], skipped: [], removeMissing: false, now: 3000 });
    expect(again.report).toMatchObject({ added: [], updated: [], unchanged: ['Folder B/EBS volumes.md'], removed: [] });
    expect(again.vault.files).toHaveLength(2);
    expect(again.vault.attachments).toHaveLength(1);
  });

  it('stops at the vault size cap and says so for each file left out', () => {
    const big = 'x'.repeat(LIMITS.noteBytes - 10);
    const notes = Array.from({ length: 30 }, (_, i) => ({ path: `n${String(i).padStart(2, '0')}.md`, text: `# N${i}\n\n- ${big}` }));
    const { vault, report } = importVault({ id: 'big', name: 'Big', notes, images: [], skipped: [], removeMissing: false, now: 1 });
    expect(vault.files.length).toBe(Math.floor(LIMITS.vaultBytes / LIMITS.noteBytes));
    expect(report.skipped).toHaveLength(30 - vault.files.length);
    expect(report.skipped[0]?.reason).toMatch(/the vault is full \(at most 25 MB/);
  });
});
