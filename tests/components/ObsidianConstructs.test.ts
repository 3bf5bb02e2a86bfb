/**
 * Topic cards showing notes from other Obsidian vaults: callout boxes (folded
 * and open), quotes, tables, code blocks, images with and without an address,
 * external images, embed boxes, and unknown HTML as literal text.
 */
import { describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { Note, Section, Vault } from '../../src/lib/content/index.ts';
import { TopicsState } from '../../src/state/topics.svelte.ts';
import TopicCard from '../../src/ui/topics/TopicCard.svelte';
import { noteOf, renderWithTopics, vaultOf } from './harness.ts';

const NOTE = [
  '# Demo', // 1
  '## Boxes', // 2
  '> [!warning] Watch *out*', // 3
  '> - first in box', // 4
  '>   - nested in box', // 5
  '> - second in box', // 6
  '', // 7
  '> [!tip]- Folded tip', // 8
  '> hidden until opened', // 9
  '', // 10
  '> [!faq]+ Open question', // 11
  '> visible answer', // 12
  '', // 13
  '> [!made-up]', // 14
  '> generic body', // 15
  '', // 16
  '> a plain quote', // 17
  '## Table', // 18
  '| Class | Durability | Min storage |', // 19
  '| :-- | :-: | --: |', // 20
  '| **S3 Standard** | 11 nines | [[Other]] |', // 21
  '| S3 Glacier | ==11 nines== | 180 days |', // 22
  '## Code', // 23
  '```bash', // 24
  'echo "<b>not bold</b> [[not a link]]"', // 25
  '```', // 26
  '## Media', // 27
  '![[diagram.png]]', // 28
  '![[photo.jpg|300]]', // 29
  '![Arch](https://example.com/arch.png)', // 30
  '![[Other#Part]]', // 31
  '![[file.pdf]]', // 32
  '- raw <video src=x onplay=1> gone but <video src=x> kept and <details>open</details>', // 33
  '- [x] done task', // 34
].join('\n');
const OTHER = ['# Other', '## Part', '- a fact'].join('\n');

function setup(): { vault: Vault; note: Note; section: (title: string) => Section } {
  const vault = vaultOf({ 'Folder/Demo.md': NOTE, 'Other.md': OTHER });
  const note = noteOf(vault, 'Demo');
  const section = (title: string): Section => {
    const found = note.sections.find((s) => s.title === title);
    if (!found) throw new Error(`no section ${title}`);
    return found;
  };
  return { vault, note, section };
}

function renderSection(title: string, topics?: TopicsState) {
  const { vault, note, section } = setup();
  return renderWithTopics(topics ?? vault, TopicCard, {
    section: section(title),
    note,
    facts: new Map(note.facts.map((f) => [f.id, f])),
    sections: new Map(note.sections.map((s) => [s.id, s])),
  });
}

describe('callouts', () => {
  it('puts the facts of one callout in one box with its type and title, list nesting kept', () => {
    const { container } = renderSection('Boxes');
    const box = container.querySelector<HTMLElement>('.callout[data-callout="warning"]');
    expect(box).not.toBeNull();
    expect(box).toHaveClass('callout-warning');
    expect(box?.tagName).toBe('DIV');
    expect(box?.querySelector('.callout-title')).toHaveTextContent(/^⚠\s*Watch out$/);
    expect(box?.querySelector('.callout-title em')).toHaveTextContent('out');
    const items = [...(box as HTMLElement).querySelectorAll('li.fact')].map((li) => li.querySelector(':scope > .fact-text')?.textContent);
    expect(items).toEqual(['first in box', 'nested in box', 'second in box']);
    const nested = within(box as HTMLElement).getByText('nested in box').closest('li');
    expect(nested?.parentElement?.closest('li')).toHaveTextContent(/^first in box/);
    // Each fact keeps its source link, with its line.
    expect(nested?.querySelector('.fact-source')).toHaveTextContent(/^L5 /);
  });

  it('starts a `-` callout folded in a <details> and opens it on a click', async () => {
    const user = userEvent.setup();
    const { container } = renderSection('Boxes');
    const folded = container.querySelector<HTMLDetailsElement>('details[data-callout="tip"]');
    expect(folded).not.toBeNull();
    expect(folded?.open).toBe(false);
    expect(folded?.querySelector('summary')).toHaveTextContent(/Folded tip$/);
    await user.click(folded?.querySelector('summary') as HTMLElement);
    expect(folded?.open).toBe(true);
    expect(within(folded as HTMLElement).getByText('hidden until opened')).toBeVisible();
  });

  it('starts a `+` callout open, shows an unknown type with the generic style and its name, and a quote as a blockquote', () => {
    const { container } = renderSection('Boxes');
    const open = container.querySelector<HTMLDetailsElement>('details[data-callout="faq"]');
    expect(open?.open).toBe(true);
    expect(open).toHaveClass('callout-question');
    const generic = container.querySelector('.callout[data-callout="made-up"]');
    expect(generic).toHaveClass('callout-generic');
    expect(generic?.querySelector('.callout-title')).toHaveTextContent(/Made up$/);
    expect(container.querySelector('blockquote.note-quote')).toHaveTextContent(/a plain quote/);
  });
});

describe('tables', () => {
  it('renders a real table in a focusable, labelled scroll region, header cells as column headers, markup in cells', () => {
    const { container } = renderSection('Table');
    const region = screen.getByRole('region', { name: 'Table: Class, Durability, Min storage' });
    expect(region).toHaveAttribute('tabindex', '0');
    expect(region).toHaveClass('table-wrap');
    const table = within(region).getByRole('table');
    const headers = within(table).getAllByRole('columnheader');
    expect(headers.map((h) => h.textContent)).toEqual(['Class', 'Durability', 'Min storage']);
    for (const h of headers) expect(h).toHaveAttribute('scope', 'col');
    expect(headers[1]).toHaveStyle({ textAlign: 'center' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent))).toEqual([
      ['S3 Standard', '11 nines', 'Other'],
      ['S3 Glacier', '11 nines', '180 days'],
    ]);
    expect(rows[0]?.querySelector('td strong')).toHaveTextContent('S3 Standard');
    expect(rows[1]?.querySelector('td mark.keyterm')).toHaveTextContent('11 nines');
    expect(within(rows[0] as HTMLElement).getByRole('link', { name: 'Other' })).toHaveAttribute('href', '#/n/Other');
    // Each row is a fact: its id is the anchor a search result or a card links to.
    expect(rows[0]?.id).toMatch(/^fact-Demo#/);
    expect(container.querySelector('ul.facts')).toBeNull();
  });

  it('draws the first 64 columns of a wider table and says how many there are', () => {
    const columns = 300;
    const text = ['# Wide', '## Grid', `| ${Array.from({ length: columns }, (_, i) => `h${i}`).join(' | ')} |`, `|${'---|'.repeat(columns)}`, `| ${Array.from({ length: columns }, (_, i) => `c${i}`).join(' | ')} |`].join('\n');
    const vault = vaultOf({ 'Wide.md': text });
    const note = noteOf(vault, 'Wide');
    const grid = note.sections.find((s) => s.title === 'Grid') as Section;
    renderWithTopics(vault, TopicCard, { section: grid, note, facts: new Map(note.facts.map((f) => [f.id, f])), sections: new Map(note.sections.map((s) => [s.id, s])) });
    const region = screen.getByRole('region', { name: /^Table: h0, h1, .*h63, …$/ });
    expect(within(region).getAllByRole('columnheader')).toHaveLength(64);
    expect(region.querySelectorAll('td')).toHaveLength(64);
    expect(screen.getByText('The first 64 of 300 columns are shown; every cell is in its row\'s text, which search finds.')).toBeInTheDocument();
    // The row's fact still holds every cell.
    expect(note.facts[0]?.text).toContain('h299: c299');
  });
});

describe('code blocks', () => {
  it('shows code in <pre><code> with its language, never parsed', () => {
    const { container } = renderSection('Code');
    const figure = container.querySelector('figure.code-block');
    expect(figure?.querySelector('.code-lang')).toHaveTextContent('bash');
    const code = figure?.querySelector('pre > code');
    expect(code).toHaveTextContent('echo "<b>not bold</b> [[not a link]]"');
    expect(code?.querySelector('b, a')).toBeNull();
    expect(figure?.querySelector('.fact-source')).toBeNull();
  });
});

describe('images, embeds and raw HTML', () => {
  it('shows an image placeholder when the app has no such attachment, and an external image as a link', () => {
    const { container } = renderSection('Media');
    const missing = [...container.querySelectorAll('.image-missing')].map((el) => el.textContent?.replace(/\s+/g, ' ').trim());
    expect(missing).toEqual(['🖼 diagram.png (image not included)', '🖼 photo.jpg (image not included)']);
    expect(container.querySelector('img')).toBeNull();
    const external = screen.getByRole('link', { name: /^image: Arch/ });
    expect(external).toHaveAttribute('href', 'https://example.com/arch.png');
    expect(external).toHaveAttribute('target', '_blank');
  });

  it('renders <img> with the address the state gives, lazily, with alt and width', () => {
    const { vault } = setup();
    const topics = new TopicsState(vault);
    const imageSrc = vi.spyOn(topics, 'imageSrc').mockImplementation((noteId, target) => (target === 'photo.jpg' ? `blob:${noteId}/${target}` : null));
    const { container } = renderSection('Media', topics);
    expect(imageSrc).toHaveBeenCalledWith('Demo', 'photo.jpg');
    const img = container.querySelector('img');
    expect(img).toHaveAttribute('src', 'blob:Demo/photo.jpg');
    expect(img).toHaveAttribute('alt', 'photo.jpg');
    expect(img).toHaveAttribute('loading', 'lazy');
    expect(img).toHaveAttribute('width', '300');
    expect(container.querySelectorAll('.image-missing')).toHaveLength(1);
  });

  it('shows an embed as a box linking to its target, and an attachment embed as not included', () => {
    const { container } = renderSection('Media');
    const embed = screen.getByRole('link', { name: 'Embedded: Other › Part' });
    expect(embed).toHaveClass('embed');
    expect(embed).toHaveAttribute('href', '#/n/Other/s/part');
    const file = [...container.querySelectorAll('span.embed')].map((el) => el.textContent?.replace(/\s+/g, ' '));
    expect(file).toEqual(['Embedded: file.pdf (attachment not included)']);
  });

  it('shows unknown HTML as its literal text, drops script attributes, and marks a done task', () => {
    const { container } = renderSection('Media');
    const raw = [...container.querySelectorAll('li.fact')].find((li) => li.textContent?.includes('raw'));
    expect(raw?.querySelector(':scope > .fact-text')).toHaveTextContent(/^raw gone but <video src=x> kept and <details>open<\/details>$/);
    expect(container.querySelector('video, details:not(.callout)')).toBeNull();
    const handlers = [...container.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)));
    expect(handlers).toEqual([]);
    const task = [...container.querySelectorAll('li.fact')].find((li) => li.textContent?.includes('done task'));
    expect(task?.querySelector('.task-box')).toHaveTextContent('☑');
    expect(task?.querySelector('.task-box')).toHaveAttribute('aria-label', 'done');
    expect(task?.querySelector(':scope > .fact-text')).toHaveTextContent(/^done task$/);
  });
});
