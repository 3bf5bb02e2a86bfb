/**
 * Fixture pairs: each `tests/fixtures/notes/x.md` sits beside `x.expected.json`,
 * the parts of the parsed model a reader depends on. All notes are parsed as one
 * vault so links between them resolve. `UPDATE_FIXTURES=1` rewrites the expected
 * files; review the diff before committing it.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildVault } from '../../../src/lib/content/index.ts';
import type { Note, Vault } from '../../../src/lib/content/types.ts';

const DIR = 'tests/fixtures/notes';
const names = readdirSync(DIR).filter((f) => f.endsWith('.md')).sort();
const vault = buildVault(names.map((name) => ({ path: name, text: readFileSync(join(DIR, name), 'utf8') })));

function project(note: Note, all: Vault) {
  return {
    title: note.title,
    titleSource: note.titleSource,
    description: note.description,
    frontMatter: note.frontMatter,
    tags: note.tags,
    summaryFactIds: note.summaryFactIds,
    sections: note.sections.map((s) => ({
      id: s.id,
      level: s.level,
      title: s.title,
      path: s.path,
      line: s.line,
      role: s.role,
      folded: s.folded,
      ...(s.blockId ? { blockId: s.blockId } : {}),
      facts: s.factIds.length,
      ...(s.items ? { items: s.items.map((i) => i.text) } : {}),
    })),
    facts: note.facts.map((f) => ({
      id: f.id,
      line: f.line,
      kind: f.kind,
      depth: f.depth,
      section: f.sectionId,
      text: f.text,
      ...(f.keyTerms.length ? { keyTerms: f.keyTerms } : {}),
      ...(f.context.length ? { context: f.context } : {}),
      ...(f.blockId ? { blockId: f.blockId } : {}),
    })),
    blocks: note.blocks,
    links: note.links.map((l) => ({
      line: l.line,
      raw: l.raw,
      kind: l.kind,
      text: l.text,
      ...(l.malformed ? { malformed: l.malformed } : {}),
      resolved: l.resolved,
    })),
    externalLinks: note.externalLinks,
    warnings: all.warnings.filter((w) => w.file === note.file).map((w) => `${w.line} ${w.code}: ${w.message}`),
  };
}

describe('notes fixture pairs', () => {
  it('has a fixture for every quirk family', () => {
    expect(names.length).toBeGreaterThanOrEqual(10);
  });

  for (const name of names) {
    it(name, () => {
      const note = vault.notes.find((n) => n.file === name);
      expect(note, `${name} parsed`).toBeDefined();
      const actual = project(note as Note, vault);
      const expectedPath = join(DIR, name.replace(/\.md$/, '.expected.json'));
      if (process.env.UPDATE_FIXTURES) writeFileSync(expectedPath, JSON.stringify(actual, null, 2) + '\n');
      const expected: unknown = JSON.parse(readFileSync(expectedPath, 'utf8'));
      expect(actual).toEqual(expected);
    });
  }
});
