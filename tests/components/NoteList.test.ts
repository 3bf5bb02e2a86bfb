import { describe, expect, it } from 'vitest';
import { tick } from 'svelte';
import { screen, within } from '@testing-library/svelte';
import { TopicsState } from '../../src/state/topics.svelte.ts';
import NoteList from '../../src/ui/topics/NoteList.svelte';
import { renderWithTopics, vaultOf } from './harness.ts';

const BACKUP = [
  '---',
  'service: AWS Backup',
  'service-description: Centralises and automates data protection',
  '---',
  '# AWS Backup',
  '## concepts',
  '- backup plans define when to back up',
  '- backup vaults store recovery points',
  '\t- vault lock enforces retention',
  '# Tags',
  '- #aws/storage/backup',
].join('\n');

/** No front matter: the description is the first key insight. The file name has a space, so the link is encoded. */
const S3 = [
  '# Amazon S3',
  '- **key insights:**',
  '\t- object storage in buckets',
  '## concepts',
  '- buckets hold objects',
  '# Tags',
  '- #aws/storage',
  '- #exam/core',
].join('\n');

/** `aws/storage-gateway` starts with `aws/storage` but is not nested under it. */
const GATEWAY = ['# Storage Gateway', '## concepts', '- bridges on-premises storage to AWS', '# Tags', '- #aws/storage-gateway'].join('\n');

function vault() {
  return vaultOf({ 'backup.md': BACKUP, 'amazon s3.md': S3, 'storage-gateway.md': GATEWAY });
}

function renderList(topics: TopicsState = new TopicsState(vault())) {
  return renderWithTopics(topics, NoteList, {});
}

function noteItems(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>('ul.notes > li.note-item')];
}

function shownTitles(container: HTMLElement): string[] {
  return noteItems(container).map((li) => li.querySelector('h2')?.textContent?.trim() ?? '');
}

function filterMessage(container: HTMLElement): HTMLElement | null {
  return container.querySelector('.filter-state');
}

describe('the test vault, through the real pipeline', () => {
  it('has the titles, descriptions, tags and fact counts the list tests rely on', () => {
    const v = vault();
    expect(v.notes.map((n) => [n.id, n.title, n.description, n.tags, n.facts.length])).toEqual([
      ['amazon s3', 'Amazon S3', 'object storage in buckets', ['aws/storage', 'exam/core'], 2],
      ['backup', 'AWS Backup', 'Centralises and automates data protection', ['aws/storage/backup'], 3],
      ['storage-gateway', 'Storage Gateway', '', ['aws/storage-gateway'], 1],
    ]);
  });
});

describe('NoteList', () => {
  it('lists every note with a link to it, its description and its fact count', () => {
    const { container } = renderList();
    expect(screen.getByRole('heading', { level: 1, name: 'Your notes' })).toBeInTheDocument();
    expect(shownTitles(container)).toEqual(['Amazon S3', 'AWS Backup', 'Storage Gateway']);
    const [s3, backup, gateway] = noteItems(container) as [HTMLElement, HTMLElement, HTMLElement];

    expect(within(s3).getByRole('link', { name: 'Amazon S3' })).toHaveAttribute('href', '#/n/amazon%20s3');
    expect(s3.querySelector('.description')).toHaveTextContent(/^object storage in buckets$/);
    expect(s3.querySelector('.meta')).toHaveTextContent(/^2 facts$/);

    expect(within(backup).getByRole('link', { name: 'AWS Backup' })).toHaveAttribute('href', '#/n/backup');
    expect(backup.querySelector('.description')).toHaveTextContent(/^Centralises and automates data protection$/);
    expect(backup.querySelector('.meta')).toHaveTextContent(/^3 facts$/);

    expect(within(gateway).getByRole('link', { name: 'Storage Gateway' })).toHaveAttribute('href', '#/n/storage-gateway');
    expect(gateway.querySelector('.description')).toBeNull();
    expect(gateway.querySelector('.meta')).toHaveTextContent(/^1 fact$/);

    expect(filterMessage(container)).toBeNull();
    expect(container.querySelector('.empty')).toBeNull();
  });

  it('lists every tag once, sorted, as filter chips showing the last two parts', () => {
    renderList();
    const nav = screen.getByRole('navigation', { name: 'Filter by tag' });
    const chips = within(nav).getAllByRole('link');
    expect(chips.map((a) => a.textContent)).toEqual(['#aws/storage', '#aws/storage-gateway', '#storage/backup', '#exam/core']);
    expect(chips.map((a) => a.getAttribute('title'))).toEqual(['aws/storage', 'aws/storage-gateway', 'aws/storage/backup', 'exam/core']);
    expect(chips.map((a) => a.getAttribute('href'))).toEqual(['#/?tag=aws%2Fstorage', '#/?tag=aws%2Fstorage-gateway', '#/?tag=aws%2Fstorage%2Fbackup', '#/?tag=exam%2Fcore']);
    for (const chip of chips) expect(chip).not.toHaveAttribute('aria-current');
  });

  it("lists each note's own tags under it", () => {
    renderList();
    const tagsOf = (title: string): (string | null)[] =>
      within(screen.getByRole('list', { name: `Tags of ${title}` }))
        .getAllByRole('link')
        .map((a) => a.getAttribute('title'));
    expect(tagsOf('Amazon S3')).toEqual(['aws/storage', 'exam/core']);
    expect(tagsOf('AWS Backup')).toEqual(['aws/storage/backup']);
    expect(tagsOf('Storage Gateway')).toEqual(['aws/storage-gateway']);
  });

  it('shows only the notes with the route tag or a tag nested under it', () => {
    const topics = new TopicsState(vault());
    topics.navigate('#/?tag=aws/storage');
    const { container } = renderList(topics);
    // `aws/storage/backup` is nested under the filter; `aws/storage-gateway` only shares its prefix.
    expect(shownTitles(container)).toEqual(['Amazon S3', 'AWS Backup']);
    expect(filterMessage(container)).toHaveTextContent(/^Showing 2 of 3 notes tagged #aws\/storage\. Show all$/);
    expect(within(filterMessage(container) as HTMLElement).getByRole('link', { name: 'Show all' })).toHaveAttribute('href', '#/');
    // The active chip clears the filter.
    const active = within(screen.getByRole('navigation', { name: 'Filter by tag' })).getByTitle('aws/storage');
    expect(active).toHaveAttribute('aria-current', 'true');
    expect(active).toHaveAttribute('href', '#/');
    expect(active).toHaveClass('active');
    expect(within(screen.getByRole('navigation', { name: 'Filter by tag' })).getByTitle('exam/core')).not.toHaveAttribute('aria-current');
  });

  it('filters on a nested tag and on a top-level tag', async () => {
    const topics = new TopicsState(vault());
    topics.navigate('#/?tag=aws%2Fstorage%2Fbackup');
    const { container } = renderList(topics);
    expect(shownTitles(container)).toEqual(['AWS Backup']);
    expect(filterMessage(container)).toHaveTextContent('Showing 1 of 3 notes tagged #aws/storage/backup.');

    topics.navigate('#/?tag=aws');
    await tick();
    expect(shownTitles(container)).toEqual(['Amazon S3', 'AWS Backup', 'Storage Gateway']);
    expect(filterMessage(container)).toHaveTextContent('Showing 3 of 3 notes tagged #aws.');

    topics.navigate('#/?tag=exam/core');
    await tick();
    expect(shownTitles(container)).toEqual(['Amazon S3']);
  });

  it('follows route changes after render, and shows everything again when the filter is cleared', async () => {
    const { container, topics } = renderList();
    expect(shownTitles(container)).toHaveLength(3);

    topics.navigate('#/?tag=aws/storage-gateway');
    await tick();
    expect(shownTitles(container)).toEqual(['Storage Gateway']);
    expect(filterMessage(container)).toHaveTextContent('Showing 1 of 3 notes tagged #aws/storage-gateway.');

    topics.navigate('#/');
    await tick();
    expect(shownTitles(container)).toEqual(['Amazon S3', 'AWS Backup', 'Storage Gateway']);
    expect(filterMessage(container)).toBeNull();
  });

  it('shows the empty state for a tag no note has', () => {
    const topics = new TopicsState(vault());
    topics.navigate('#/?tag=aws/stor');
    const { container } = renderList(topics);
    expect(noteItems(container)).toEqual([]);
    const empty = container.querySelector('ul.notes > li.empty');
    expect(empty).toHaveTextContent(/^No note has this tag\. Show all notes$/);
    expect(within(empty as HTMLElement).getByRole('link', { name: 'Show all notes' })).toHaveAttribute('href', '#/');
    expect(filterMessage(container)).toHaveTextContent('Showing 0 of 3 notes tagged #aws/stor.');
    // No chip is active for an unknown tag.
    expect(container.querySelector('[aria-current]')).toBeNull();
  });

  it('has no tag filter when no note has tags', () => {
    const { container } = renderList(new TopicsState(vaultOf({ 'plain.md': '# Plain\n- just a fact' })));
    expect(screen.queryByRole('navigation', { name: 'Filter by tag' })).toBeNull();
    expect(shownTitles(container)).toEqual(['Plain']);
    expect(noteItems(container)[0]?.querySelector('.chips')).toBeNull();
    expect(noteItems(container)[0]?.querySelector('.meta')).toHaveTextContent(/^1 fact$/);
  });
});

describe('NoteList with own vaults', () => {
  it('groups the shipped notes and each own vault, by folder, and links to the notes in their namespace', async () => {
    const { buildVault } = await import('../../src/lib/content/index.ts');
    const { combineVaults, namespaceVault } = await import('../../src/lib/library/namespace.ts');
    const own = namespaceVault(
      buildVault([
        { path: 'Top note.md', text: '# Top note\n\n- a fact\n' },
        { path: 'Sub folder/Deep note.md', text: '# Deep note\n\n- another fact\n' },
      ]),
      'course',
    );
    const topics = new TopicsState(combineVaults(vault(), [{ compiled: own }]), [{ id: 'course', name: 'Course notes', images: {} }]);
    renderWithTopics(topics, NoteList, {});
    const shipped = screen.getByRole('region', { name: 'Shipped notes' });
    expect(within(shipped).getAllByRole('link', { name: /AWS Backup|Amazon S3|Storage Gateway/ })).toHaveLength(3);
    const course = screen.getByRole('region', { name: 'Course notes' });
    expect(within(course).getByRole('heading', { level: 3, name: 'Top note' })).toBeInTheDocument();
    expect(within(course).getByRole('heading', { level: 3, name: /Sub folder/ })).toBeInTheDocument();
    expect(within(course).getByRole('link', { name: 'Deep note' })).toHaveAttribute('href', '#/n/%40course%2FDeep%20note');
    expect(within(course).getByRole('heading', { level: 4, name: 'Deep note' })).toBeInTheDocument();
  });

  it('stays one flat list without own vaults', () => {
    renderWithTopics(vault(), NoteList, {});
    expect(screen.queryByRole('region', { name: 'Shipped notes' })).toBeNull();
    expect(screen.getAllByRole('heading', { level: 2 })).toHaveLength(3);
  });
});
