import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateCards, reconcileCards, toAnkiText } from '../../../src/lib/cards/index.ts';
import type { StudyCard } from '../../../src/lib/cards/types.ts';
import { buildVault } from '../../../src/lib/content/index.ts';

const userNote = readFileSync('content/storage-aws-backup.md', 'utf8');
const cardsOf = (text: string, path = 'storage-aws-backup.md'): StudyCard[] => generateCards(buildVault([{ path, text }]));
const cards = cardsOf(userNote);
const find = (kind: StudyCard['kind'], prompt: string | RegExp) => cards.find((c) => c.kind === kind && (typeof prompt === 'string' ? c.prompt === prompt : prompt.test(c.prompt)));

describe('cards from the user note', () => {
  it('defines the terms the sections are named for, with the heading path', () => {
    const vault = find('definition', 'What is a backup vault?');
    expect(vault).toMatchObject({ answer: 'container; stores/organizes your backups', path: ['concepts', 'backup vault'], noteTitle: 'AWS backup' });
    expect(find('definition', 'What is a backup plan?')?.answer).toBe('policy expression; determines when/how you want your AWS resources backed up');
    expect(find('definition', 'What are audit frameworks?')?.answer).toBe('set of controls for assessing backup practices');
    expect(find('definition', 'What are the 2 framework types?')?.answer).toBe('AWS backup framework and custom framework');
  });

  it('hides numbers and limits', () => {
    const plans = find('cloze-number', /report plans per account/);
    expect(plans).toMatchObject({ prompt: 'max of [...] report plans per account', answer: '20' });
    expect(plans?.cloze).toEqual({ before: 'max of ', gap: '20', after: ' report plans per account' });
    const frameworks = cards.filter((c) => c.kind === 'cloze-number' && c.factIds[0] === cards.find((x) => x.answer === '10')?.factIds[0]);
    expect(frameworks.map((c) => c.answer)).toEqual(['1', '10']);
  });

  it('hides highlighted key terms and the services that monitor backups', () => {
    expect(find('cloze-term', /allows you to force retention/)).toMatchObject({ prompt: '[...] allows you to force retention periods/early deletions', answer: 'AWS backup vault lock' });
    expect(find('cloze-term', /monitors AWS backup API calls/)?.answer).toBe('CloudTrail');
    expect(find('cloze-term', /gives visibility into AWS backup events/)?.answer).toBe('amazon EventBridge');
    expect(find('cloze-term', /oversees backup, restore/)?.answer).toBe('AWS Organizations');
    // A lower-case link to an image ('regions') is not a term worth a card.
    expect(cards.some((c) => c.answer === 'regions' || c.answer === 'region')).toBe(false);
  });

  it('asks for short lists whole and item by item', () => {
    const charged = find('list-recall', /charged for/);
    expect(charged).toMatchObject({ prompt: 'AWS backup pricing — charged for: name all 3' });
    expect(charged?.items).toEqual(['backup storage used', 'amount of backup data transferred between AWS regions', 'amount of backup data restored']);
    expect(charged?.factIds).toHaveLength(4);
    const items = cards.filter((c) => c.kind === 'cloze-list' && c.prompt.startsWith('AWS backup pricing — charged for'));
    expect(items.map((c) => c.answer)).toEqual(charged?.items);
    expect(items[1]?.prompt).toBe('AWS backup pricing — charged for: backup storage used; [...]; amount of backup data restored');

    const types = find('list-recall', /can be assigned as 2 types/);
    expect(types).toMatchObject({ prompt: 'backup plan — can be assigned as 2 types: name both', answer: 'resource type: every instance/resource\nresource: single instance of a resource type' });
  });

  it('keeps source facts, note and heading path on every card, with unique ids', () => {
    const note = buildVault([{ path: 'storage-aws-backup.md', text: userNote }]).notes[0]!;
    const factIds = new Set(note.facts.map((f) => f.id));
    for (const card of cards) {
      expect(card.factIds.length).toBeGreaterThan(0);
      expect(card.factIds.every((id) => factIds.has(id))).toBe(true);
      expect(note.sections.some((s) => s.id === card.sectionId && s.path.join('/') === card.path.join('/'))).toBe(true);
      expect(card.tags).toEqual(['aws-ccp-exam-notes/services/storage/backup']);
    }
    expect(new Set(cards.map((c) => c.id)).size).toBe(cards.length);
    expect(cards.length).toBeGreaterThanOrEqual(20);
  });
});

describe('card ids', () => {
  it('stay the same when another fact changes, and change with their own fact', () => {
    const edited = cardsOf(userNote.replace('- stores new backups periodically', '- stores new backups on a schedule').replace('max of 20 report plans', 'max of 25 report plans'));
    const byPrompt = new Map(edited.map((c) => [`${c.kind}|${c.prompt}`, c.id]));
    const vault = find('definition', 'What is a backup vault?')!;
    expect(byPrompt.get(`definition|${vault.prompt}`)).toBe(vault.id);
    const lock = find('cloze-term', /allows you to force retention/)!;
    expect(byPrompt.get(`cloze-term|${lock.prompt}`)).toBe(lock.id);
    const oldLimit = find('cloze-number', /report plans per account/)!;
    const newLimit = edited.find((c) => c.kind === 'cloze-number' && c.prompt === 'max of [...] report plans per account')!;
    expect(newLimit.answer).toBe('25');
    expect(newLimit.id).not.toBe(oldLimit.id);
    const kept = cards.filter((c) => edited.some((e) => e.id === c.id));
    expect(kept.length).toBe(cards.length - 1);
  });

  it('retire cards whose facts left, and revive them when they return', () => {
    const edited = cardsOf(userNote.replace('- max of 20 report plans per account\n', ''));
    const stored = cards.map((c) => ({ cardId: c.id, retired: false }));
    const result = reconcileCards(edited.map((c) => c.id), stored);
    expect(result.added).toEqual([]);
    expect(result.toRetire).toEqual([find('cloze-number', /report plans per account/)!.id]);
    const back = reconcileCards(cards.map((c) => c.id), stored.map((s) => ({ ...s, retired: result.toRetire.includes(s.cardId) })));
    expect(back).toEqual({ added: [], toRetire: [], toRevive: result.toRetire });
  });
});

describe('definitions written as term: definition', () => {
  it('make a card per term, and skip labels without a definition', () => {
    const text = '# S3\n## objects\n- object: file + optional metadata describing the file\n- key: unique identifier for an object in a bucket\n- S3:\n\t- one to millions of connections\n- e.g: not a term\n';
    const defs = cardsOf(text, 's3.md').filter((c) => c.kind === 'definition');
    expect(defs.map((c) => [c.prompt, c.answer])).toEqual([
      ['What is an object?', 'file + optional metadata describing the file'],
      ['What is a key?', 'unique identifier for an object in a bucket'],
    ]);
  });
});

describe('Anki export', () => {
  it('writes the header lines and one tab-separated line per card', () => {
    const text = toAnkiText(cards.slice(0, 3));
    const lines = text.trimEnd().split('\n');
    expect(lines.slice(0, 3)).toEqual(['#separator:tab', '#html:false', '#tags column:3']);
    expect(lines).toHaveLength(6);
    for (const line of lines.slice(3)) expect(line.split('\t')).toHaveLength(3);
    expect(lines[3]).toBe('What is a backup plan? (AWS backup › concepts › backup plan)\tpolicy expression; determines when/how you want your AWS resources backed up\tvaultcards vaultcards::definition note::storage-aws-backup aws-ccp-exam-notes::services::storage::backup');
  });
  it('keeps tabs and newlines inside a card from breaking the format', () => {
    const [card] = cards;
    const text = toAnkiText([{ ...card!, prompt: 'a\tb\nc', answer: 'x\ny' }]);
    expect(text.split('\n')[3]!.split('\t')).toHaveLength(3);
  });
});
