import { describe, expect, it } from 'vitest';
import { tick } from 'svelte';
import { screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { Fact, Note, Section, Vault } from '../../src/lib/content/index.ts';
import { TopicsState } from '../../src/state/topics.svelte.ts';
import TopicCard from '../../src/ui/topics/TopicCard.svelte';
import { noteOf, renderWithTopics, vaultOf } from './harness.ts';

/** An Obsidian-style note, lines numbered in the comments for the assertions below. */
const NOTE = [
  '# Test note', // 1
  '', // 2
  '## Storage basics', // 3
  '- Backups use a <mark style="background: #0055FF;">key term</mark> here', // 4
  '\t- Child fact about vaults', // 5
  '\t\t- Grandchild fact about locks ^abc123', // 6
  '- Jump to [[#Other topic|alias]] for more', // 7
  '- See [[missing-note|Missing]] too', // 8
  '- Read [site](https://example.com) docs', // 9
  '- Evil <script>alert(1)</script> script fact', // 10
  '- Bad <img src=x onerror=alert(1)> image fact', // 11
  '', // 12
  '### Folded details %% fold %%', // 13
  '- Hidden fact inside the fold', // 14
  '#### Deep part', // 15
  '- Deep fact', // 16
  '', // 17
  '## Other topic', // 18
  '- Other fact', // 19
].join('\n');

interface Fixture {
  vault: Vault;
  note: Note;
  facts: Map<string, Fact>;
  sections: Map<string, Section>;
  section: (title: string) => Section;
}

function fixture(text = NOTE): Fixture {
  const vault = vaultOf({ 'x.md': text });
  const note = noteOf(vault, 'x');
  const section = (title: string): Section => {
    const found = note.sections.find((s) => s.title === title);
    if (!found) throw new Error(`no section "${title}" (have: ${note.sections.map((s) => s.title).join(', ')})`);
    return found;
  };
  return {
    vault,
    note,
    facts: new Map(note.facts.map((f) => [f.id, f])),
    sections: new Map(note.sections.map((s) => [s.id, s])),
    section,
  };
}

/** Renders the card of the section titled `title` under a fresh (or the given) TopicsState. */
function renderCard(title = 'Storage basics', topics?: TopicsState, f: Fixture = fixture()) {
  const result = renderWithTopics(topics ?? f.vault, TopicCard, { section: f.section(title), note: f.note, facts: f.facts, sections: f.sections });
  return { ...result, ...f };
}

function foldButton(name: string): HTMLElement {
  return screen.getByRole('button', { name });
}

function factElement(container: HTMLElement, text: string): HTMLElement {
  const li = [...container.querySelectorAll<HTMLElement>('li.fact')].find((el) => el.querySelector(':scope > .fact-text')?.textContent?.includes(text));
  if (!li) throw new Error(`no fact "${text}" rendered`);
  return li;
}

describe('the test note, through the real pipeline', () => {
  it('parses into the sections and facts the component tests rely on', () => {
    const { vault, note, section } = fixture();
    expect(vault.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['html-dropped']));
    expect(section('Folded details')).toMatchObject({ level: 3, folded: true, path: ['Storage basics', 'Folded details'] });
    expect(section('Deep part').path).toEqual(['Storage basics', 'Folded details', 'Deep part']);
    expect(note.facts.find((f) => f.blockId === 'abc123')).toMatchObject({ id: 'x^abc123', depth: 2, line: 6 });
  });
});

describe('TopicCard', () => {
  it('shows the section heading at its level, without comments, and no crumbs for a top-level section', () => {
    const { container } = renderCard();
    const card = container.querySelector<HTMLElement>('#sec-storage-basics');
    expect(card).not.toBeNull();
    const heading = within(card as HTMLElement).getByRole('heading', { level: 2, name: 'Storage basics' });
    expect(heading).toHaveAttribute('id', 'title-storage-basics');
    expect(card).toHaveAttribute('aria-labelledby', 'title-storage-basics');
    expect(card?.querySelector(':scope > .card-head > .crumbs')).toBeNull();
    // The sub-section is a level-3 heading whose title has lost its `%% fold %%`.
    expect(screen.getByRole('heading', { level: 3, name: 'Folded details' })).toBeInTheDocument();
    expect(container.textContent).not.toContain('%%');
    expect(container.textContent).not.toContain('fold %');
  });

  it('shows the heading path above a sub-section as a breadcrumb when the card stands alone', () => {
    const f = fixture();
    const { container } = renderCard('Folded details', undefined, f);
    expect(container.querySelector('#sec-storage-basics-folded-details > .card-head > .crumbs')).toHaveTextContent(/^Storage basics$/);
    expect(screen.getByRole('heading', { level: 3, name: 'Folded details' })).toBeInTheDocument();
  });

  it('joins a deeper heading path with ›', () => {
    const { container } = renderCard('Deep part');
    expect(container.querySelector('#sec-storage-basics-folded-details-deep-part > .card-head > .crumbs')).toHaveTextContent(/^Storage basics › Folded details$/);
    expect(screen.getByRole('heading', { level: 4, name: 'Deep part' })).toBeInTheDocument();
    expect(screen.getByText('Deep fact')).toBeInTheDocument();
  });

  it('drops the breadcrumb of sub-sections shown inside their parent card', async () => {
    const user = userEvent.setup();
    const { container } = renderCard();
    await user.click(foldButton('Folded details'));
    const deep = container.querySelector('#sec-storage-basics-folded-details-deep-part');
    expect(deep).not.toBeNull();
    expect(within(deep as HTMLElement).getByRole('heading', { level: 4, name: 'Deep part' })).toBeInTheDocument();
    expect(container.querySelectorAll('.crumbs')).toHaveLength(0);
  });

  it('starts a folded section closed: aria-expanded=false, a fact count, and its facts not in the DOM', () => {
    const { container } = renderCard();
    const button = foldButton('Folded details');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(button).toHaveAttribute('aria-controls', 'body-storage-basics-folded-details');
    expect(document.getElementById('body-storage-basics-folded-details')).toBeNull();
    expect(screen.queryByText('Hidden fact inside the fold')).toBeNull();
    expect(screen.queryByText('Deep fact')).toBeNull();
    expect(container.querySelector('#sec-storage-basics-folded-details .fold-count')).toHaveTextContent('1 fact, 1 sub-section');
    // The unfolded parent is open.
    expect(foldButton('Storage basics')).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText('Child fact about vaults')).toBeInTheDocument();
  });

  it('opens a folded section on click, and closes it again', async () => {
    const user = userEvent.setup();
    const { container } = renderCard();
    const button = foldButton('Folded details');
    await user.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    const body = document.getElementById('body-storage-basics-folded-details');
    expect(body).not.toBeNull();
    expect(within(body as HTMLElement).getByText('Hidden fact inside the fold')).toBeInTheDocument();
    expect(container.querySelector('#sec-storage-basics-folded-details .fold-count')).toBeNull();
    await user.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByText('Hidden fact inside the fold')).toBeNull();
  });

  it('opens a folded section with Enter on the focused button', async () => {
    const user = userEvent.setup();
    renderCard();
    const button = foldButton('Folded details');
    button.focus();
    expect(button).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText('Hidden fact inside the fold')).toBeInTheDocument();
  });

  it('opens a folded section with Space on the focused button', async () => {
    const user = userEvent.setup();
    renderCard();
    const button = foldButton('Folded details');
    button.focus();
    await user.keyboard(' ');
    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText('Hidden fact inside the fold')).toBeInTheDocument();
    // Focus stays on the toggle, so a second Space closes it again.
    expect(button).toHaveFocus();
    await user.keyboard(' ');
    expect(button).toHaveAttribute('aria-expanded', 'false');
  });

  it('opens a folded section the route points into', async () => {
    const f = fixture();
    const topics = new TopicsState(f.vault);
    topics.navigate('#/n/x/s/storage-basics-folded-details-deep-part');
    const { container } = renderCard('Storage basics', topics, f);
    expect(foldButton('Folded details')).toHaveAttribute('aria-expanded', 'true');
    expect(container.querySelector('#sec-storage-basics-folded-details-deep-part')).toHaveClass('targeted');
    expect(screen.getByText('Deep fact')).toBeInTheDocument();
    // A route change after render updates the targeted card.
    topics.navigate('#/n/x/s/storage-basics');
    await tick();
    expect(container.querySelector('#sec-storage-basics-folded-details-deep-part')).not.toHaveClass('targeted');
    expect(container.querySelector('#sec-storage-basics')).toHaveClass('targeted');
  });

  it('nests tab-indented facts as <li> inside <ul> inside the parent <li>', () => {
    const { container } = renderCard();
    const top = factElement(container, 'key term');
    const child = factElement(container, 'Child fact about vaults');
    const grandchild = factElement(container, 'Grandchild fact about locks');
    expect(top.parentElement).toHaveClass('facts');
    expect(top.parentElement?.tagName).toBe('UL');
    expect(child.parentElement?.tagName).toBe('UL');
    expect(child.parentElement?.parentElement).toBe(top);
    expect(grandchild.parentElement?.tagName).toBe('UL');
    expect(grandchild.parentElement?.parentElement).toBe(child);
    // Siblings at the top level are not nested under the first fact.
    expect(factElement(container, 'for more').parentElement).toBe(top.parentElement);
    expect(container.querySelectorAll('ul.facts > li.fact')).toHaveLength(6);
  });

  it('renders a <mark> key term as <mark class="keyterm">, and its colour is not a tag', () => {
    const { container } = renderCard();
    const marks = container.querySelectorAll('mark.keyterm');
    expect(marks).toHaveLength(1);
    expect(marks[0]).toHaveTextContent(/^key term$/);
    expect(marks[0]?.closest('li.fact')).toBe(factElement(container, 'Backups use a'));
    expect(factElement(container, 'Backups use a').querySelector(':scope > .fact-text')).toHaveTextContent(/^Backups use a key term here$/);
    expect(marks[0]?.hasAttribute('style')).toBe(false);
    expect(container.querySelector('a.tag')).toBeNull();
    expect(container.textContent).not.toContain('0055FF');
  });

  it('shows the block id of a fact as its source link and uses it in the element id', () => {
    const { container, note } = renderCard();
    const fact = note.facts.find((f) => f.blockId === 'abc123');
    expect(fact?.id).toBe('x^abc123');
    const li = document.getElementById(`fact-${fact?.id ?? ''}`);
    expect(li).not.toBeNull();
    expect(li).toBe(factElement(container, 'Grandchild fact about locks'));
    expect(li).toHaveAttribute('data-fact-id', 'x^abc123');
    const source = li?.querySelector(':scope > a.fact-source');
    expect(source?.firstChild?.textContent).toBe('^abc123');
    expect(source).toHaveTextContent(/^\^abc123 link to this fact \(x\.md line 6\)$/);
    expect(source).toHaveAttribute('href', '#/n/x/f/x%5Eabc123');
    // The block id is not part of the fact's text.
    expect(li?.querySelector(':scope > .fact-text')).toHaveTextContent(/^Grandchild fact about locks$/);
    // A fact without a block id shows its line instead.
    expect(factElement(container, 'Child fact about vaults').querySelector(':scope > a.fact-source')).toHaveTextContent(/^L5 link to this fact \(x\.md line 5\)$/);
  });

  it('renders a resolved same-note heading link as an in-app link to the section', () => {
    renderCard();
    const link = screen.getByRole('link', { name: 'alias' });
    expect(link).toHaveClass('wikilink');
    expect(link.getAttribute('href')).toMatch(/^#\/n\/x\/s\//);
    expect(link).toHaveAttribute('href', '#/n/x/s/other-topic');
    expect(link).not.toHaveAttribute('target');
  });

  it('renders a link to a missing note as marked text, not a link', () => {
    const { container } = renderCard();
    const missing = container.querySelector('.missing-link');
    expect(missing).not.toBeNull();
    expect(missing).toHaveTextContent(/^Missing\s*\(not in your notes\)$/);
    expect(missing?.firstChild?.textContent).toBe('Missing');
    expect(missing?.querySelector('.missing-note')).toHaveTextContent(/^\(not in your notes\)$/);
    expect(missing?.tagName).toBe('SPAN');
    expect(missing?.closest('a')).toBeNull();
    expect(missing?.querySelector('a')).toBeNull();
    expect(screen.queryByRole('link', { name: /Missing/ })).toBeNull();
    expect(container.textContent).not.toContain('missing-note');
  });

  it('opens an external link in a new tab without opener or referrer', () => {
    renderCard();
    const link = screen.getByRole('link', { name: /^site/ });
    expect(link).toHaveAttribute('href', 'https://example.com');
    expect(link).toHaveAttribute('target', '_blank');
    const rel = (link.getAttribute('rel') ?? '').split(/\s+/);
    expect(rel).toContain('noopener');
    expect(rel).toContain('noreferrer');
    expect(link).toHaveTextContent(/^site \(opens in a new tab\)$/);
  });

  it('lets no raw HTML from the note reach the DOM', () => {
    const { container } = renderCard();
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('[onerror]')).toBeNull();
    const handlers = [...container.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`));
    expect(handlers).toEqual([]);
    expect(container.innerHTML).not.toContain('alert(1)');
    // The text around the dropped HTML stays.
    expect(factElement(container, 'Evil').querySelector(':scope > .fact-text')).toHaveTextContent(/^Evil script fact$/);
    expect(factElement(container, 'Bad').querySelector(':scope > .fact-text')).toHaveTextContent(/^Bad image fact$/);
  });

  it('lets no raw HTML through from a paragraph or a heading either', () => {
    const f = fixture(['## Danger <img src=x onerror=alert(1)>', '<script>alert(1)</script> paragraph text', '- item <svg onload=alert(1)></svg> end'].join('\n'));
    const danger = f.note.sections.find((s) => s.level === 2);
    expect(danger).toBeDefined();
    const { container } = renderWithTopics(f.vault, TopicCard, { section: danger as Section, note: f.note, facts: f.facts, sections: f.sections });
    expect(container.querySelector('script, img, svg, [onerror], [onload]')).toBeNull();
    // Headings are inline-parsed like facts: markup is dropped, the text stays.
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent(/^[▸▾]?\s*Danger$/);
    expect(factElement(container, 'paragraph text').querySelector(':scope > .fact-text')).toHaveTextContent(/^paragraph text$/);
    expect(factElement(container, 'item').querySelector(':scope > .fact-text')).toHaveTextContent(/^item end$/);
  });

  it('says an attachment link is not included, and does not link it', () => {
    const f = fixture(['## Pictures', '- See [[diagram.png|Diagram]] and [[gone|Gone]]'].join('\n'));
    const { container } = renderCard('Pictures', undefined, f);
    const missing = [...container.querySelectorAll('.missing-link')];
    expect(missing.map((el) => el.textContent?.replace(/\s+/g, ' '))).toEqual(['Diagram (attachment not included)', 'Gone (not in your notes)']);
    expect(container.querySelector('a.wikilink')).toBeNull();
  });

  it('shows HTML written as entities as text, never as markup', () => {
    const f = fixture(['## Encoded', '- Encoded &lt;img src=x onerror=alert(1)&gt; and \\<script>alert(2)\\</script> here'].join('\n'));
    const { container } = renderCard('Encoded', undefined, f);
    expect(container.querySelector('script, img, [onerror]')).toBeNull();
    expect(factElement(container, 'Encoded').querySelector(':scope > .fact-text')).toHaveTextContent(
      /^Encoded <img src=x onerror=alert\(1\)> and <script>alert\(2\)<\/script> here$/,
    );
  });
});
