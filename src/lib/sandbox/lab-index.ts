/**
 * What the rest of the app needs to know about the sandbox's labs without
 * loading the sandbox: each lab's id, title and the note facts it teaches, and
 * which labs teach a given fact. Topic cards, flashcards and quiz
 * explanations use it for their "try it in the sandbox" links; labs.ts takes
 * its titles and facts from here. Imports only the rule book.
 */
import { RULES, type RuleId, type RuleSource } from './rules.ts';

const NOTE = 'storage-aws-backup';

export interface LabFact {
  /** Note id, e.g. `storage-aws-backup`. */
  note: string;
  /** The fact's text as the note writes it (links shown as their label, highlights removed). */
  fact: string;
  /** Block id of the fact, when it has one. */
  blockId?: string;
}

/** The note facts of these rules (their `note` sources), without repeats. */
function factsOf(...ids: RuleId[]): LabFact[] {
  const out: LabFact[] = [];
  for (const id of ids) {
    const sources: readonly RuleSource[] = RULES[id].sources;
    for (const s of sources) {
      if (s.kind !== 'note') continue;
      if (out.some((f) => f.note === s.note && f.fact === s.fact)) continue;
      out.push(s.blockId === undefined ? { note: s.note, fact: s.fact } : { note: s.note, fact: s.fact, blockId: s.blockId });
    }
  }
  return out;
}

/** The note's pricing lines (what AWS Backup charges for); no rule cites them, the cost report shows them. */
const PRICING = {
  storage: { note: NOTE, fact: 'backup storage used' },
  transfer: { note: NOTE, fact: 'amount of backup data transferred between AWS regions' },
  restore: { note: NOTE, fact: 'amount of backup data restored' },
} as const satisfies Record<string, LabFact>;

export interface LabIndexEntry {
  id: string;
  title: string;
  facts: readonly LabFact[];
}

export const LAB_INDEX: readonly LabIndexEntry[] = [
  { id: 'vault-with-cmk', title: 'A vault encrypted with your own KMS key', facts: [...factsOf('vault.kms-key'), ...factsOf('vault.access-policy')] },
  { id: 'plan-by-type-and-resource', title: 'Assign resources by type and one by one', facts: factsOf('plan.rule', 'selection.by-type-or-resource') },
  { id: 'compliance-lock', title: 'Vault Lock in compliance mode', facts: factsOf('lock.immutable', 'lock.early-deletion') },
  { id: 'undeletable-vaults', title: 'The vaults AWS keeps', facts: factsOf('vault.delete-default', 'vault.access-policy') },
  { id: 'plan-with-assignments', title: 'Deleting a plan that still has assignments', facts: factsOf('plan.delete-with-selections') },
  { id: 'cross-region-copy', title: 'Copy a backup to another Region', facts: [...factsOf('copy.destination'), PRICING.transfer] },
  { id: 'audit-limits', title: 'Audit frameworks and report plans: the limits', facts: factsOf('framework.quota', 'framework.controls', 'report.bucket', 'report.template') },
  { id: 'cold-storage-cost', title: 'Cold storage and its 90 days', facts: [...factsOf('plan.rule'), PRICING.storage] },
  { id: 'restore-charge', title: 'What a restore costs', facts: [...factsOf('restore.on-demand'), PRICING.restore] },
  { id: 'job-notifications', title: 'SNS notifications of backup jobs', facts: factsOf('vault.notifications') },
];

/** The index entry of a lab (throws for an unknown id: labs.ts and this list must agree). */
export function labIndexEntry(id: string): LabIndexEntry {
  const entry = LAB_INDEX.find((e) => e.id === id);
  if (!entry) throw new Error(`No lab ${id} in the lab index`);
  return entry;
}

/** Fact text as compared: links shown as their label, highlights removed, spaces collapsed. */
function normalizeFact(text: string): string {
  return text
    .replace(/\[\[([^\]|]*)\|([^\]]*)\]\]/g, '$2')
    .replace(/\[\[([^\]]*)\]\]/g, '$1')
    .replace(/<mark[^>]*>|<\/mark>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The labs that exercise a fact of a note: those with a fact of the same block
 * id when one is given, and those whose fact has the same text.
 */
export function labsTeaching(note: string, factText: string, blockId?: string): LabIndexEntry[] {
  const text = normalizeFact(factText);
  return LAB_INDEX.filter((lab) =>
    lab.facts.some((f) => f.note === note && ((blockId !== undefined && f.blockId === blockId) || (text !== '' && normalizeFact(f.fact) === text))),
  );
}
