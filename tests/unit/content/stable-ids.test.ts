/**
 * Learners' progress is keyed by fact, section and card ids: the notes shipped
 * in `content/` must keep every id and fact text whatever the parser learns.
 * The fixture was recorded before the parser learned callouts, tables, code
 * blocks, embeds and images; `UPDATE_FIXTURES=1` rewrites it only when a change
 * of ids is intended (and then progress needs a migration).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCards } from '../../../src/lib/cards/index.ts';
import { buildVault } from '../../../src/lib/content/index.ts';

const CONTENT = 'content';
const FIXTURE = 'tests/fixtures/stable-ids/content-ids.json';

function snapshot() {
  const files = readdirSync(CONTENT).filter((f) => f.endsWith('.md')).sort();
  const vault = buildVault(files.map((path) => ({ path, text: readFileSync(join(CONTENT, path), 'utf8') })));
  const cards = generateCards(vault);
  return {
    notes: vault.notes.map((note) => ({
      id: note.id,
      sections: note.sections.map((s) => s.id),
      facts: note.facts.map((f) => ({ id: f.id, section: f.sectionId, text: f.text })),
      cards: cards.filter((c) => c.noteId === note.id).map((c) => ({ id: c.id, prompt: c.prompt, answer: c.answer })),
    })),
  };
}

describe('ids of the shipped notes', () => {
  it('has the three shipped notes', () => {
    expect(snapshot().notes.map((n) => n.id)).toHaveLength(3);
  });

  it('keeps every section id, fact id, fact text and card id recorded in the fixture', () => {
    const actual = snapshot();
    if (process.env.UPDATE_FIXTURES) writeFileSync(FIXTURE, JSON.stringify(actual, null, 2) + '\n');
    const expected: unknown = JSON.parse(readFileSync(FIXTURE, 'utf8'));
    expect(actual).toEqual(expected);
  });
});
