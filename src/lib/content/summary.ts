/**
 * What the first screen shows of a note: its name, title, description, tags
 * and how many facts it holds. The app's first screen is drawn from these
 * summaries (compiled into its script), while the whole vault arrives in a
 * script of its own, loaded at once but not waited for.
 */
import type { Vault } from './types.ts';

export interface NoteSummary {
  id: string;
  file: string;
  title: string;
  description: string;
  tags: string[];
  facts: number;
}

export function summarizeVault(vault: Vault): NoteSummary[] {
  return vault.notes.map((n) => ({ id: n.id, file: n.file, title: n.title, description: n.description, tags: n.tags, facts: n.facts.length }));
}
