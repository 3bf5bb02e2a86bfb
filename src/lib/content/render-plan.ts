/**
 * How much of a note its topic page draws. A note of a few hundred facts is
 * drawn whole; a long one (a note may hold up to 50,000 facts and headings,
 * and the browser takes about 0.3 ms for each) is drawn `RENDER_STEP` parts
 * at a time, in note order, with "show more" for the rest. A fact or section
 * a link points at is always drawn, with everything before it.
 *
 * A part is a fact or shown line, a table row, a table, a code block, a
 * callout or a section heading: each is one thing on the page.
 */
import { noteLayouts, type LayoutBlock } from './layout.ts';
import type { Fact, Note, Section } from './types.ts';

/** Parts drawn at first, and added by each "show more". */
export const RENDER_STEP = 1500;

export interface DrawnSection {
  /** The section's own content as drawn (the whole layout, or its first parts). */
  blocks: LayoutBlock[];
  /** A navigation section's items as drawn (a table of contents), when it has them. */
  items?: Fact[];
}

export interface RenderPlan {
  /** The sections drawn, root first then in note order, each with what of it is drawn. */
  sections: Map<string, DrawnSection>;
  /** Parts drawn, and parts in the note. */
  shown: number;
  total: number;
}

/** The note's sections as its page draws them: the root, then every section under it but `# Tags`, depth first. */
function pageOrder(note: Note): Section[] {
  const byId = new Map(note.sections.map((s) => [s.id, s]));
  const root = note.sections[0];
  if (!root) return [];
  const out: Section[] = [root];
  const visit = (section: Section): void => {
    out.push(section);
    for (const id of section.childIds) {
      const child = byId.get(id);
      if (child) visit(child);
    }
  };
  for (const id of root.childIds) {
    const child = byId.get(id);
    if (child && child.role !== 'tags') visit(child);
  }
  return out;
}

/** Parts in each list of blocks counted so far: trimming asks again at every level of a deep list. */
const counts = new WeakMap<LayoutBlock[], number>();

function countBlocks(blocks: LayoutBlock[]): number {
  const known = counts.get(blocks);
  if (known !== undefined) return known;
  let n = 0;
  for (const block of blocks) {
    if (block.type === 'facts') for (const item of block.items) n += 1 + countBlocks(item.blocks);
    else if (block.type === 'code') n += 1;
    else if (block.type === 'table') n += 1 + block.rows.length;
    else n += 1 + countBlocks(block.blocks);
  }
  counts.set(blocks, n);
  return n;
}

/** Counts a section's parts in page order into `at.n` until `target`: true when it is among them (`at.n` is then its position). */
function positionIn(blocks: LayoutBlock[], target: string, at: { n: number }): boolean {
  for (const block of blocks) {
    if (block.type === 'facts') {
      for (const item of block.items) {
        at.n++;
        if (item.fact.id === target || positionIn(item.blocks, target, at)) return true;
      }
    } else if (block.type === 'code') {
      at.n++;
      if (block.fact.id === target) return true;
    } else if (block.type === 'table') {
      at.n++;
      for (const row of block.rows) {
        at.n++;
        if (row.id === target) return true;
      }
    } else {
      at.n++;
      if (positionIn(block.blocks, target, at)) return true;
    }
  }
  return false;
}

/** The first `budget.left` parts of `blocks` (the same arrays when all of them fit). */
function trimBlocks(blocks: LayoutBlock[], budget: { left: number }): LayoutBlock[] {
  const all = countBlocks(blocks);
  if (all <= budget.left) {
    budget.left -= all;
    return blocks;
  }
  const out: LayoutBlock[] = [];
  for (const block of blocks) {
    if (budget.left <= 0) break;
    if (block.type === 'facts') {
      const items = [];
      for (const item of block.items) {
        if (budget.left <= 0) break;
        budget.left--;
        items.push({ ...item, blocks: trimBlocks(item.blocks, budget) });
      }
      out.push({ type: 'facts', items });
      continue;
    }
    budget.left--;
    if (block.type === 'code') {
      out.push(block);
    } else if (block.type === 'table') {
      const rows = block.rows.slice(0, Math.max(0, budget.left));
      budget.left -= rows.length;
      out.push({ ...block, rows });
    } else {
      out.push({ ...block, blocks: trimBlocks(block.blocks, budget) });
    }
  }
  return out;
}

/**
 * What of `note` its page draws: its first `limit` parts, or as many as it
 * takes to reach `target` (a fact or section id a link points at). `layouts`
 * are the note's `noteLayouts`, when the caller keeps them between plans.
 */
export function renderPlan(note: Note, limit: number, target: string | null = null, layouts: Map<string, LayoutBlock[]> = noteLayouts(note)): RenderPlan {
  const order = pageOrder(note);
  const sizeOf = (section: Section, index: number): number =>
    (index === 0 ? 0 : 1) + (section.items ? section.items.length : countBlocks(layouts.get(section.id) ?? []));
  let total = 0;
  let reach = limit;
  let found = target === null;
  order.forEach((section, index) => {
    if (!found && target !== null) {
      // The heading counts before its content.
      const at = { n: total + (index === 0 ? 0 : 1) };
      if (section.id === target) found = true;
      else if (section.items) {
        const i = section.items.findIndex((item) => item.id === target);
        if (i >= 0) {
          found = true;
          at.n += i + 1;
        }
      } else {
        found = positionIn(layouts.get(section.id) ?? [], target, at);
      }
      if (found) reach = Math.max(limit, at.n);
    }
    total += sizeOf(section, index);
  });

  const sections = new Map<string, DrawnSection>();
  const budget = { left: reach };
  for (const [index, section] of order.entries()) {
    if (budget.left <= 0) break;
    if (index > 0) budget.left--;
    if (section.items) {
      const items = section.items.length <= budget.left ? section.items : section.items.slice(0, Math.max(0, budget.left));
      budget.left -= items.length;
      sections.set(section.id, { blocks: [], items });
    } else {
      sections.set(section.id, { blocks: trimBlocks(layouts.get(section.id) ?? [], budget) });
    }
  }
  return { sections, shown: Math.min(total, reach - Math.max(0, budget.left)), total };
}
