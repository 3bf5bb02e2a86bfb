/**
 * What the study generators make of the new constructs: a table's rows give
 * cards and questions that read as facts; code blocks, footnotes and embeds
 * give none. The quiz property check runs over the shipped notes plus such a
 * note, so no invalid question appears.
 */
import { describe, expect, it } from 'vitest';
import { generateCards } from '../../../src/lib/cards/index.ts';
import { buildVault } from '../../../src/lib/content/index.ts';
import { buildQuiz, buildTruthIndex, generateQuestions, validateQuestion } from '../../../src/lib/quiz/index.ts';
import { ambiguity, contentFiles, factsOf } from '../quiz/helpers.ts';

const NOTE = [
  '---',
  'tags: [aws/storage]',
  '---',
  '# Amazon S3',
  '## Storage classes',
  '| Class | Durability | Min storage |',
  '| --- | --- | --- |',
  '| S3 Standard | 11 nines | none |',
  '| S3 Glacier Deep Archive | 11 nines | 180 days |',
  '| S3 One Zone-IA | 99.999999999% in one AZ | 30 days |',
  '## Commands',
  '```bash',
  'aws s3 mb s3://bucket-name --region us-east-1 # max 100 buckets: 5 TB objects',
  '```',
  '- buckets are created in one Region',
  '  ```',
  '  aws s3 ls',
  '  ```',
  '![[diagram.png]]',
  '![[Other note#Heading]]',
  '> [!tip] Lifecycle',
  '> - lifecycle rules move objects to Glacier after 30 days',
  '[^1]: a footnote of 3 words',
].join('\n');

const vault = buildVault([{ path: 'storage-s3.md', text: NOTE }]);
const cards = generateCards(vault);

describe('cards from a table', () => {
  it('hides each filled cell of a row, the rest of the row shown, and makes no definition of a row', () => {
    const rowCards = cards.filter((c) => c.factIds.some((id) => vault.notes[0]?.facts.find((f) => f.id === id)?.kind === 'row'));
    expect(rowCards.map((c) => [c.kind, c.prompt, c.answer])).toEqual([
      ['cloze-term', 'S3 Standard — Durability: [...]; Min storage: none', '11 nines'],
      ['cloze-term', 'S3 Standard — Durability: 11 nines; Min storage: [...]', 'none'],
      ['cloze-term', 'S3 Glacier Deep Archive — Durability: [...]; Min storage: 180 days', '11 nines'],
      ['cloze-term', 'S3 Glacier Deep Archive — Durability: 11 nines; Min storage: [...]', '180 days'],
      ['cloze-term', 'S3 One Zone-IA — Durability: [...]; Min storage: 30 days', '99.999999999% in one AZ'],
      ['cloze-term', 'S3 One Zone-IA — Durability: 99.999999999% in one AZ; Min storage: [...]', '30 days'],
    ]);
    expect(cards.some((c) => c.kind === 'definition' && /—/.test(c.prompt))).toBe(false);
    expect(cards.some((c) => c.kind === 'list-recall' && /S3 Standard/.test(c.answer))).toBe(false);
  });

  it('makes no card from a code block, a footnote or an embed', () => {
    const all = cards.map((c) => `${c.prompt} ${c.answer}`).join('\n');
    expect(all).not.toMatch(/aws s3|bucket-name|100 buckets|diagram|Other note|footnote/);
    // The list item around the indented code block is still a fact, and the callout's line too.
    expect(vault.notes[0]?.facts.map((f) => f.text)).toEqual([
      'S3 Standard — Durability: 11 nines; Min storage: none',
      'S3 Glacier Deep Archive — Durability: 11 nines; Min storage: 180 days',
      'S3 One Zone-IA — Durability: 99.999999999% in one AZ; Min storage: 30 days',
      'buckets are created in one Region',
      'lifecycle rules move objects to Glacier after 30 days',
    ]);
    expect(cards.find((c) => c.answer === '30 days' && /lifecycle/.test(c.prompt))?.prompt).toBe('lifecycle rules move objects to Glacier after [...]');
  });
});

describe('questions from a table', () => {
  const questions = generateQuestions(vault, { seed: 'table' });

  it('asks about rows in words that read as the row, and never about code', () => {
    const fromRows = questions.filter((q) => q.factIds.some((id) => vault.notes[0]?.facts.find((f) => f.id === id)?.kind === 'row'));
    expect(fromRows.length).toBeGreaterThan(0);
    for (const q of fromRows) {
      expect(q.explanation.quote).toMatch(/^S3 (Standard|Glacier Deep Archive|One Zone-IA) — Durability: .+; Min storage: .+$/);
      if (q.kind === 'true-false') expect(q.statement).toMatch(/^S3 (Standard|Glacier Deep Archive|One Zone-IA) — Durability: .+; Min storage: .+$/);
    }
    const text = JSON.stringify(questions);
    expect(text).not.toMatch(/aws s3|bucket-name|100 buckets|diagram\.png|footnote/);
  });

  it('passes the validator and the independent ambiguity check, with the shipped notes beside it, over many seeds', () => {
    const mixed = buildVault([...contentFiles(), { path: 'storage-s3.md', text: NOTE }]);
    const truths = buildTruthIndex(mixed);
    const facts = factsOf(mixed);
    const failures: string[] = [];
    for (let i = 0; i < 150; i++) {
      for (const q of buildQuiz(mixed, { seed: `table-${i}`, count: 20 })) {
        const problems = [...validateQuestion(q, truths), ...ambiguity(q, facts)];
        if (problems.length > 0) failures.push(`table-${i}: ${q.stem} -> ${problems.join('; ')}`);
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);
});
