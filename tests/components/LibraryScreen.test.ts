/**
 * The Library screen in jsdom: importing picked files into a new vault and
 * then into that vault again, the report (skipped files, warnings with line
 * numbers), and removal behind its question. The app's remount is a spy here.
 */
import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Dexie from 'dexie';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { VaultcardsDB } from '../../src/data/db.ts';
import { loadOwnVaults } from '../../src/data/own-vaults.ts';
import LibraryScreen from '../../src/ui/library/LibraryScreen.svelte';
import { renderWithTopics, vaultOf } from './harness.ts';

let db: VaultcardsDB;

beforeAll(() => {
  // jsdom has <dialog> but not its modal methods.
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});

afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

function setup() {
  db = new VaultcardsDB(`library-${Math.random()}`);
  const changed = vi.fn(async () => {});
  renderWithTopics(vaultOf({ 'shipped.md': '# Shipped\n\n- A shipped fact\n' }), LibraryScreen, { db, changed });
  return { changed };
}

const file = (name: string, text: string | Uint8Array<ArrayBuffer>) => new File([text], name, { type: '' });

describe('LibraryScreen', () => {
  it('imports picked notes into a new vault, reports skipped files and warnings with line numbers, and asks the app to remount', async () => {
    const user = userEvent.setup({ applyAccept: false });
    const { changed } = setup();
    await screen.findByText('No notes of your own yet: import some below.');
    await user.type(screen.getByLabelText('Vault name'), 'Course notes');
    await user.upload(screen.getByLabelText('Choose notes…'), [
      file('EC2.md', '# EC2\n\n- EC2 instances run in one Availability Zone\n- Spot instances can be interrupted\n- %% a comment that never closes\n'),
      file('binary.md', new Uint8Array(new ArrayBuffer(3)).fill(0x23, 0, 1)),
      file('notes.pdf', '%PDF'),
    ]);
    const report = await screen.findByRole('region', { name: 'Imported into “Course notes”' });
    expect(report).toHaveTextContent('1 note with 2 facts now in the vault: 1 new, 0 updated, 0 unchanged.');
    expect(within(report).getByText(/binary\.md/).closest('li')).toHaveTextContent('binary.md: not a text file (it holds binary data)');
    expect(within(report).getByText(/notes\.pdf/).closest('li')).toHaveTextContent('notes.pdf: not a markdown note (.pdf files are not imported)');
    expect(report).toHaveTextContent(/EC2\.md: 1 warning/);
    expect(report).toHaveTextContent(/line 5: a %% comment opens here and never closes/);
    expect(changed).toHaveBeenCalledTimes(1);
    const [stored] = await loadOwnVaults(db);
    expect(stored).toMatchObject({ id: 'course-notes', name: 'Course notes' });
    expect(stored?.compiled.notes.map((n) => n.id)).toEqual(['@course-notes/EC2']);
  });

  it('states how much of a note is read, and reports the line from which a longer note was not', { timeout: 15_000 }, async () => {
    const user = userEvent.setup({ applyAccept: false });
    setup();
    await screen.findByText('No notes of your own yet: import some below.');
    expect(screen.getByText(/Limits: 1 MB a note \(read up to 50,000 facts, headings and quotes\)/)).toBeInTheDocument();
    await user.type(screen.getByLabelText('Vault name'), 'Long');
    const lines = Array.from({ length: 50_005 }, (_, i) => `- line ${i}`);
    await user.upload(screen.getByLabelText('Choose notes…'), [file('Long.md', ['# Long', ...lines].join('\n'))]);
    const report = await screen.findByRole('region', { name: 'Imported into “Long”' }, { timeout: 10_000 });
    expect(report).toHaveTextContent('1 note with 49,999 facts now in the vault');
    expect(report).toHaveTextContent(/line 50001: this note holds more than 50,000 facts, headings and quotes, the most one note is read for; the lines from here on are not read/);
  });

  it('imports into an existing vault (update), and removes a vault after asking', async () => {
    const user = userEvent.setup({ applyAccept: false });
    const { changed } = setup();
    await screen.findByText('No notes of your own yet: import some below.');
    await user.upload(screen.getByLabelText('Choose notes…'), [file('A.md', '# A\n\n- First fact\n'), file('B.md', '# B\n\n- Other fact\n')]);
    await screen.findByRole('region', { name: 'Imported into “My notes”' });
    // A fresh screen, as after the app's remount, lists the vault.
    document.body.innerHTML = '';
    renderWithTopics(vaultOf({ 'shipped.md': '# Shipped\n\n- A shipped fact\n' }), LibraryScreen, { db, changed });
    await screen.findByRole('heading', { level: 3, name: 'My notes' });
    await user.selectOptions(screen.getByLabelText('Import into'), 'My notes (update)');
    await user.click(screen.getByLabelText(/Remove this vault's notes that are not in this import/));
    await user.upload(screen.getByLabelText('Choose notes…'), [file('A.md', '# A\n\n- First fact, edited\n')]);
    await waitFor(() => expect(screen.getByRole('region', { name: 'Imported into “My notes”' })).toHaveTextContent('0 new, 1 updated, 0 unchanged, 1 removed'));
    expect((await loadOwnVaults(db))[0]?.files.map((f) => f.path)).toEqual(['A.md']);

    document.body.innerHTML = '';
    renderWithTopics(vaultOf({ 'shipped.md': '# Shipped\n\n- A shipped fact\n' }), LibraryScreen, { db, changed });
    await screen.findByRole('heading', { level: 3, name: 'My notes' });
    await user.click(await screen.findByRole('button', { name: 'Remove… My notes' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove “My notes”?' });
    expect(dialog).toHaveTextContent('Your progress is not deleted');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(await loadOwnVaults(db)).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Remove… My notes' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Remove “My notes”?' })).getByRole('button', { name: 'Remove notes' }));
    await waitFor(async () => expect(await loadOwnVaults(db)).toHaveLength(0));
    expect(changed).toHaveBeenCalledTimes(3);
    expect(screen.getByText('Removed “My notes”.')).toHaveAttribute('role', 'status');
  });
});
