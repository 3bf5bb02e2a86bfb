/** The instructor's side of drills: building and sharing a drill, form errors, collecting results, the CSV. */
import { readFileSync } from 'node:fs';
import { CompressionStream as NodeCompressionStream, DecompressionStream as NodeDecompressionStream } from 'node:stream/web';
import { webcrypto } from 'node:crypto';
import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Dexie from 'dexie';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { VaultcardsDB } from '../../src/data/db.ts';
import { loadCreatedDrills, saveCreatedDrill } from '../../src/data/drills-created.ts';
import { buildDrill, encodeDrill, encodeResult, makeResult, resultsCsv, resultTable, type Drill } from '../../src/lib/drills/index.ts';
import { InstructorDrills } from '../../src/state/drills-instructor.svelte.ts';
import DrillBuilder from '../../src/ui/drills/DrillBuilder.svelte';
import DrillResults from '../../src/ui/drills/DrillResults.svelte';
import { renderWithTopics, vaultOf } from './harness.ts';

// jsdom may lack the compression streams and Web Crypto that codes need: borrow Node's.
beforeAll(() => {
  const g = globalThis as Record<string, unknown>;
  if (typeof g.CompressionStream === 'undefined') g.CompressionStream = NodeCompressionStream;
  if (typeof g.DecompressionStream === 'undefined') g.DecompressionStream = NodeDecompressionStream;
  if (!(globalThis.crypto as Crypto | undefined)?.subtle) Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true });
});

const vault = vaultOf({ 'storage-aws-backup.md': readFileSync('content/storage-aws-backup.md', 'utf8') });
const T0 = Date.UTC(2026, 0, 5, 9);
const clock = { now: () => T0 };
let db: VaultcardsDB;
let unmount: () => void = () => {};

afterEach(async () => {
  unmount();
  vi.restoreAllMocks();
  db.close();
  await Dexie.delete(db.name);
});

function openBuilder(): InstructorDrills {
  db = new VaultcardsDB(`drills-instructor-${Math.random()}`);
  const drills = new InstructorDrills(db, clock);
  unmount = renderWithTopics(vault, DrillBuilder, { drills }).unmount;
  return drills;
}

async function setNumber(user: ReturnType<typeof userEvent.setup>, name: RegExp, value: string): Promise<void> {
  const input = screen.getByRole('spinbutton', { name });
  await user.clear(input);
  if (value) await user.type(input, value);
}

function testDrill(options: { retakes?: boolean } = {}): Drill {
  const built = buildDrill(vault, {
    seed: 'instructor-test', title: 'Backup basics', instructions: '', noteIds: [], sectionKeys: [], tags: [], kinds: [],
    count: 4, passMark: 50, shuffle: false, retakes: options.retakes ?? false, review: true, now: T0,
  });
  if (!built.ok) throw new Error(built.message);
  return built.drill;
}

async function openResults(drill: Drill): Promise<void> {
  db = new VaultcardsDB(`drills-results-${Math.random()}`);
  await saveCreatedDrill(db, { drill, code: await encodeDrill(drill), createdAt: T0, results: [] });
  unmount = renderWithTopics(vault, DrillResults, { drillId: drill.id, drills: new InstructorDrills(db, clock) }).unmount;
}

describe('DrillBuilder', () => {
  it('builds a drill from the note: saved, previewed, with its link and a QR code', async () => {
    const user = userEvent.setup();
    openBuilder();
    await user.type(screen.getByRole('textbox', { name: /^Title/ }), 'Week 3 drill');
    await setNumber(user, /^Questions/, '3');
    await user.click(screen.getByRole('button', { name: 'Build drill' }));

    const link = await screen.findByRole('textbox', { name: 'Drill link' });
    expect((link as HTMLInputElement).value).toMatch(/#\/drill\/d1\.[A-Za-z0-9_-]+$/);
    expect(link).toHaveAttribute('readonly');
    expect(screen.getByRole('heading', { name: 'Preview: Week 3 drill' })).toBeInTheDocument();
    const preview = screen.getByRole('heading', { name: 'Preview: Week 3 drill' }).closest('section') as HTMLElement;
    const saved = await loadCreatedDrills(db);
    expect(saved).toHaveLength(1);
    const drill = saved[0]!.drill;
    expect(drill.questions).toHaveLength(3);
    for (const q of drill.questions) expect(within(preview).getByText(q.stem)).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'QR code of the drill link' })).toBeInTheDocument();
    expect(screen.getByText(/The code in the link is [\d,]+ characters long/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Copy link' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Download drill file' })).toBeInTheDocument();
  });

  it('says plainly when the link is too long for a QR code', async () => {
    const user = userEvent.setup();
    openBuilder();
    await user.type(screen.getByRole('textbox', { name: /^Title/ }), 'Everything');
    await setNumber(user, /^Questions/, '200');
    await user.click(screen.getByRole('button', { name: 'Build drill' }));
    await screen.findByRole('textbox', { name: 'Drill link' });
    expect(screen.getByText(/This drill's link is too long for a QR code \([\d,]+ characters\); share the link or the file\./)).toBeInTheDocument();
    expect(screen.queryByRole('img', { name: /QR code/ })).toBeNull();
  });

  it('shows a form error next to the field it is about', async () => {
    const user = userEvent.setup();
    openBuilder();
    await user.click(screen.getByRole('button', { name: 'Build drill' }));
    const title = screen.getByRole('textbox', { name: /^Title/ });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Give the drill a title.');
    expect(title).toHaveAttribute('aria-invalid', 'true');
    expect(title).toHaveAccessibleDescription('Give the drill a title.');
    expect(screen.queryByRole('textbox', { name: 'Drill link' })).toBeNull();
    expect(await loadCreatedDrills(db)).toHaveLength(0);
  });
});

describe('DrillResults', () => {
  it('collects pasted codes: two rows and one problem; flags a retake; the CSV matches the table', async () => {
    const user = userEvent.setup();
    const drill = testDrill();
    await openResults(drill);
    const [q1, q2] = drill.questions;
    const right = (q: Drill['questions'][number]) => (q.kind === 'true-false' ? q.answer : q.kind === 'multiple' ? q.answers : q.kind === 'matching' ? q.pairs : q.kind === 'cloze' ? q.accepted[0]! : q.answer);
    const ana = await makeResult(drill, 'Ana', { [q1!.id]: right(q1!), [q2!.id]: right(q2!) }, { startedAt: T0 }, T0 + 300_000);
    const ben = await makeResult(drill, 'Ben', {}, { startedAt: T0 }, T0 + 120_000);
    const pasted = `Ana: ${await encodeResult(ana)}\nBen here ${await encodeResult(ben)}\nr1.thisIsNotARealResultCodeAtAll`;

    const textarea = await screen.findByRole('textbox', { name: /Result codes/ });
    await user.click(textarea);
    await user.paste(pasted);
    await user.click(screen.getByRole('button', { name: 'Add results' }));

    const table = await screen.findByRole('table', { name: /Results for «Backup basics» \(2 attempts\)/ });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent(/Ana.*2 of 4.*50%.*Passed.*5 min/);
    expect(rows[1]).toHaveTextContent(/Ben.*0 of 4.*0%.*Failed.*2 min/);
    expect(await screen.findByText(/2 new results added; 1 not added/)).toHaveAttribute('role', 'status');
    const problems = screen.getByRole('list', { name: 'Results not added' });
    expect(within(problems).getAllByRole('listitem')).toHaveLength(1);
    expect(problems).toHaveTextContent(/r1\.thisIsNotARealResultCodeAtAll/);
    expect(screen.getByRole('table', { name: /Questions, hardest first/ })).toBeInTheDocument();
    expect(screen.getByRole('table', { name: /Topics, weakest first/ })).toBeInTheDocument();

    // A second attempt by Ana on a drill without retakes is flagged.
    const again = await makeResult(drill, 'ana', {}, { startedAt: T0 + 600_000 }, T0 + 660_000);
    await user.clear(textarea);
    await user.paste(await encodeResult(again));
    await user.click(screen.getByRole('button', { name: 'Add results' }));
    await screen.findByText('(retake, not allowed)', { exact: false });

    const saved = (await loadCreatedDrills(db))[0]!;
    expect(saved.results).toHaveLength(3);
    const blobs: Blob[] = [];
    Object.assign(URL, { createObjectURL: vi.fn((b: Blob) => (blobs.push(b), 'blob:csv')), revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    await user.click(screen.getByRole('button', { name: 'Download CSV' }));
    expect(click).toHaveBeenCalledTimes(1);
    expect(await blobs[0]!.text()).toBe(resultsCsv(resultTable(drill, saved.results)));
  });

  it('says clearly when the drill was not made here, with a way back', async () => {
    db = new VaultcardsDB(`drills-missing-${Math.random()}`);
    unmount = renderWithTopics(vault, DrillResults, { drillId: 'nosuchdrill', drills: new InstructorDrills(db, clock) }).unmount;
    expect(await screen.findByText(/No drill with the id/)).toHaveTextContent('nosuchdrill');
    expect(screen.getByRole('link', { name: 'Back to drills' })).toHaveAttribute('href', '#/drills');
  });
});
