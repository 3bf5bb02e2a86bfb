/**
 * When notes change, the generated cards change with them. Progress is kept by
 * card id: a card whose facts are unchanged keeps its id and its progress; a
 * card whose facts changed or left the notes is retired (kept with its history,
 * never deleted), and comes back to life if its facts return.
 */
export interface Reconciliation {
  /** Cards generated now that have no stored progress yet. */
  added: string[];
  /** Stored cards no longer generated and not yet marked retired. */
  toRetire: string[];
  /** Stored cards marked retired that are generated again. */
  toRevive: string[];
}

export function reconcileCards(current: Iterable<string>, stored: Iterable<{ cardId: string; retired: boolean }>): Reconciliation {
  const now = new Set(current);
  const known = new Map<string, boolean>();
  for (const s of stored) known.set(s.cardId, s.retired);
  const added: string[] = [];
  for (const id of now) if (!known.has(id)) added.push(id);
  const toRetire: string[] = [];
  const toRevive: string[] = [];
  for (const [id, retired] of known) {
    if (!now.has(id) && !retired) toRetire.push(id);
    if (now.has(id) && retired) toRevive.push(id);
  }
  return { added, toRetire, toRevive };
}
