// @vitest-environment node
/**
 * What of a note its topic page draws: everything for a note of ordinary
 * length (the very layouts, not copies), the first parts of a long one in page
 * order, and always a fact or section a link points at.
 */
import { describe, expect, it } from 'vitest';
import { buildVault, noteLayouts, sectionLayout, type LayoutBlock, type Note } from '../../../src/lib/content/index.ts';
import { MAX_DRAWN_DEPTH } from '../../../src/lib/content/layout.ts';
import { drawnNodes, MAX_DRAWN_NODES, plainText } from '../../../src/lib/content/plain.ts';
import { RENDER_STEP, renderPlan, type RenderPlan } from '../../../src/lib/content/render-plan.ts';

const noteOf = (text: string): Note => {
  const note = buildVault([{ path: 'n.md', text }]).notes[0];
  if (!note) throw new Error('no note');
  return note;
};

/** Every part drawn, in page order: `#section`, `fact text`, `table`, `row text`, `code`, `callout`. */
function drawnParts(note: Note, plan: RenderPlan): string[] {
  const out: string[] = [];
  const walk = (blocks: LayoutBlock[]): void => {
    for (const block of blocks) {
      if (block.type === 'facts') {
        for (const item of block.items) {
          out.push(item.fact.text);
          walk(item.blocks);
        }
      } else if (block.type === 'code') out.push('code');
      else if (block.type === 'table') out.push('table', ...block.rows.map((r) => r.text));
      else {
        out.push('callout');
        walk(block.blocks);
      }
    }
  };
  const root = note.sections[0];
  for (const section of note.sections) {
    const drawn = plan.sections.get(section.id);
    if (!drawn) continue;
    if (section !== root) out.push(`#${section.title}`);
    if (drawn.items) out.push(...drawn.items.map((f) => f.text));
    walk(drawn.blocks);
  }
  return out;
}

const ORDINARY = [
  '# Ordinary',
  '- a fact before any heading',
  '## Concepts',
  '- vault: a container for recovery points',
  '\t- nested under it',
  '> [!info] A callout',
  '> - inside the callout',
  '| Tier | Price |',
  '|---|---|',
  '| warm | 0.05 |',
  '| cold | 0.01 |',
  '```',
  'aws backup list-backup-vaults',
  '```',
  '### Lock',
  '- compliance mode cannot be removed',
  '## Tags',
  '#storage',
].join('\n');

describe('renderPlan', () => {
  it('lays out every section as sectionLayout does, reading the note once', () => {
    const note = noteOf(ORDINARY);
    const all = noteLayouts(note);
    for (const section of note.sections) expect(all.get(section.id), section.title).toEqual(sectionLayout(note, section));
  });

  it('draws a note of ordinary length whole, with the layouts themselves (nothing copied)', () => {
    const note = noteOf(ORDINARY);
    const plan = renderPlan(note, RENDER_STEP);
    expect(plan.shown).toBe(plan.total);
    // The root's fact; Concepts: heading, 2 facts, callout + 1, table + 2 rows, code; Lock: heading, 1 fact. Tags is not drawn.
    expect(plan.total).toBe(1 + 1 + 2 + 2 + 3 + 1 + 2);
    expect(drawnParts(note, plan)).toEqual([
      'a fact before any heading',
      '#Concepts',
      'vault: a container for recovery points',
      'nested under it',
      'callout',
      'inside the callout',
      'table',
      'warm — Price: 0.05',
      'cold — Price: 0.01',
      'code',
      '#Lock',
      'compliance mode cannot be removed',
    ]);
    const layouts = noteLayouts(note);
    const concepts = note.sections.find((s) => s.title === 'Concepts');
    // The same content, and no copy of it: a long note's first step is the only place that copies.
    expect(plan.sections.get(concepts?.id ?? '')?.blocks).toEqual(layouts.get(concepts?.id ?? ''));
    expect(note.sections.some((s) => s.role === 'tags' && plan.sections.has(s.id))).toBe(false);
  });

  const long = (): Note => {
    const lines = ['# Long', '## First'];
    for (let i = 0; i < 2000; i++) lines.push(i % 4 === 3 ? `\t- child ${i}` : `- fact ${i}`);
    lines.push('## Second', '| a | b |', '|---|---|');
    for (let i = 0; i < 1000; i++) lines.push(`| row ${i} | ${i} |`);
    lines.push('## Third', '- the last fact');
    return noteOf(lines.join('\n'));
  };

  it('draws the first parts of a long note in page order, then more as asked', () => {
    const note = long();
    const whole = drawnParts(note, renderPlan(note, Infinity));
    expect(whole).toHaveLength(1 + 2000 + 1 + 1 + 1000 + 1 + 1);
    const first = renderPlan(note, RENDER_STEP);
    expect(first.total).toBe(whole.length);
    expect(first.shown).toBe(RENDER_STEP);
    expect(drawnParts(note, first)).toEqual(whole.slice(0, RENDER_STEP));
    const third = note.sections.find((s) => s.title === 'Third');
    expect(first.sections.has(third?.id ?? '')).toBe(false);
    // Two steps reach into the table: its rows are cut, not the table dropped.
    const second = renderPlan(note, 2 * RENDER_STEP);
    expect(drawnParts(note, second)).toEqual(whole.slice(0, 2 * RENDER_STEP));
    expect(second.shown).toBe(2 * RENDER_STEP);
    const all = renderPlan(note, first.total);
    expect(drawnParts(note, all)).toEqual(whole);
    expect(all.shown).toBe(all.total);
  });

  it('always draws the fact or section a link points at, and everything before it', () => {
    const note = long();
    const whole = drawnParts(note, renderPlan(note, Infinity));
    const row = note.facts.find((f) => f.text === 'row 900 — b: 900');
    expect(row).toBeDefined();
    const plan = renderPlan(note, RENDER_STEP, row?.id ?? null);
    const drawn = drawnParts(note, plan);
    expect(drawn.at(-1)).toBe('row 900 — b: 900');
    expect(drawn).toEqual(whole.slice(0, drawn.length));
    const child = note.facts.find((f) => f.text === 'child 1999');
    expect(drawnParts(note, renderPlan(note, 10, child?.id ?? null)).at(-1)).toBe('child 1999');
    const third = note.sections.find((s) => s.title === 'Third');
    expect(drawnParts(note, renderPlan(note, 10, third?.id ?? null)).at(-1)).toBe('#Third');
    // A target already within the first step changes nothing; an unknown one neither.
    expect(renderPlan(note, RENDER_STEP, note.facts[3]?.id ?? null).shown).toBe(RENDER_STEP);
    expect(renderPlan(note, RENDER_STEP, 'n#nothing').shown).toBe(RENDER_STEP);
  });

  it('cuts a table of contents and a callout like any other content', () => {
    const toc = ['# Nav', '- table of contents', ...Array.from({ length: 50 }, (_, i) => `\t- entry ${i}`), '## After', '- after the list'];
    const note = noteOf(toc.join('\n'));
    const whole = drawnParts(note, renderPlan(note, Infinity));
    expect(whole.filter((p) => p.startsWith('entry'))).toHaveLength(50);
    const some = renderPlan(note, 20);
    expect(drawnParts(note, some)).toEqual(whole.slice(0, 20));

    const box = noteOf(['# Box', '> [!note] Many', ...Array.from({ length: 40 }, (_, i) => `> - line ${i}`)].join('\n'));
    const boxed = renderPlan(box, 11);
    expect(drawnParts(box, boxed)).toEqual(['callout', ...Array.from({ length: 10 }, (_, i) => `line ${i}`)]);
  });
});

describe('noteLayouts of deep nesting', () => {
  /** The deepest chain of nested blocks: lists in lists, callouts in callouts. */
  const depth = (blocks: LayoutBlock[]): number => {
    let deepest = 0;
    for (const block of blocks) {
      if (block.type === 'facts') for (const item of block.items) deepest = Math.max(deepest, 1 + depth(item.blocks));
      else if (block.type === 'callout') deepest = Math.max(deepest, 1 + depth(block.blocks));
    }
    return deepest;
  };
  const texts = (blocks: LayoutBlock[]): string[] =>
    blocks.flatMap((b) => (b.type === 'facts' ? b.items.flatMap((i) => [i.fact.text, ...texts(i.blocks)]) : b.type === 'callout' ? texts(b.blocks) : []));

  it(`draws lists nested deeper than ${MAX_DRAWN_DEPTH} levels beside the deepest, every item kept in order`, () => {
    const lines = ['# Deep', ...Array.from({ length: 200 }, (_, i) => `${'\t'.repeat(i)}- level ${i}`), '- back at the top'];
    const note = noteOf(lines.join('\n'));
    const blocks = noteLayouts(note).get(note.sections[0]?.id ?? '') ?? [];
    expect(depth(blocks)).toBe(MAX_DRAWN_DEPTH);
    expect(texts(blocks)).toEqual([...Array.from({ length: 200 }, (_, i) => `level ${i}`), 'back at the top']);
    // The facts keep their real parents: only the drawing is flattened.
    expect(note.facts.find((f) => f.text === 'level 150')?.parentId).toBe(note.facts.find((f) => f.text === 'level 149')?.id);
  });

  it(`draws callouts nested deeper than ${MAX_DRAWN_DEPTH} levels beside the deepest, and their lines`, () => {
    const lines = ['# Quotes', ...Array.from({ length: 100 }, (_, i) => `${'>'.repeat(i + 1)} quote ${i}`)];
    const note = noteOf(lines.join('\n'));
    const blocks = noteLayouts(note).get(note.sections[0]?.id ?? '') ?? [];
    expect(depth(blocks)).toBeLessThanOrEqual(MAX_DRAWN_DEPTH + 1);
    expect(texts(blocks)).toEqual(Array.from({ length: 100 }, (_, i) => `quote ${i}`));
  });
});

describe('drawnNodes', () => {
  it('draws a line of ordinary markup as it is', () => {
    const note = noteOf('# N\n- a ==key== term, **bold** and #tag');
    const nodes = note.facts[0]?.inline ?? [];
    expect(drawnNodes(nodes)).toBe(nodes);
  });

  it(`draws the first ${MAX_DRAWN_NODES} nodes of a line of 5,000 highlights, then the rest as its text`, () => {
    const note = noteOf(`# N\n- ${'==a'.repeat(10_000)}`);
    const nodes = note.facts[0]?.inline ?? [];
    expect(nodes.length).toBeGreaterThan(MAX_DRAWN_NODES);
    const drawn = drawnNodes(nodes);
    expect(drawn).toHaveLength(MAX_DRAWN_NODES + 1);
    expect(drawn.slice(0, MAX_DRAWN_NODES)).toEqual(nodes.slice(0, MAX_DRAWN_NODES));
    expect(drawn.at(-1)?.type).toBe('text');
    expect(plainText(drawn)).toBe(plainText(nodes));
  });
});
