/**
 * Note ids are file names, so two vaults may both have `Index` or the same
 * `storage-aws-backup`. An imported vault's notes, sections, facts and links
 * are moved into the vault's namespace: every note id (and every fact id,
 * which starts with its note id) gets the prefix `@<vaultId>/`. Shipped notes
 * never start with `@`. Ids stay stable across re-imports because the vault id
 * does, so cards made from unchanged facts keep their progress.
 */
import type { Fact, Link, Note, Section, Vault } from '../content/types.ts';

export const OWN_PREFIX = '@';

export function vaultPrefix(vaultId: string): string {
  return `${OWN_PREFIX}${vaultId}/`;
}

/** The vault an id (note, fact or card source) belongs to; `null` for the shipped notes. */
export function vaultIdOf(noteId: string): string | null {
  if (!noteId.startsWith(OWN_PREFIX)) return null;
  const slash = noteId.indexOf('/');
  return slash > 1 ? noteId.slice(1, slash) : null;
}

/** Moves a freshly built vault into `vaultId`'s namespace (returns new objects; the input is not changed). */
export function namespaceVault(vault: Vault, vaultId: string): Vault {
  const prefix = vaultPrefix(vaultId);
  const id = (value: string): string => prefix + value;
  const fact = (f: Fact): Fact => ({
    ...f,
    id: id(f.id),
    noteId: id(f.noteId),
    parentId: f.parentId === null ? null : id(f.parentId),
    childIds: f.childIds.map(id),
  });
  const section = (s: Section): Section => ({
    ...s,
    noteId: id(s.noteId),
    factIds: s.factIds.map(id),
    ...(s.items ? { items: s.items.map(fact) } : {}),
  });
  const link = (l: Link): Link => ({
    ...l,
    resolved: l.resolved
      ? { ...l.resolved, note: id(l.resolved.note), ...(l.resolved.factId ? { factId: id(l.resolved.factId) } : {}) }
      : null,
  });
  const note = (n: Note): Note => ({
    ...n,
    id: id(n.id),
    sections: n.sections.map(section),
    facts: n.facts.map(fact),
    links: n.links.map(link),
    blocks: Object.fromEntries(
      Object.entries(n.blocks).map(([block, at]) => [block, { ...at, ...(at.factId ? { factId: id(at.factId) } : {}) }]),
    ),
    summaryFactIds: n.summaryFactIds.map(id),
  });
  return { ...vault, notes: vault.notes.map(note) };
}

/** The shipped notes and every own vault as the one vault the screens read. */
export function combineVaults(shipped: Vault, own: readonly { compiled: Vault }[]): Vault {
  if (own.length === 0) return shipped;
  const all = [shipped, ...own.map((v) => v.compiled)];
  const sum = (pick: (v: Vault) => number): number => all.reduce((n, v) => n + pick(v), 0);
  return {
    notes: all.flatMap((v) => v.notes),
    warnings: shipped.warnings,
    stats: {
      notes: sum((v) => v.stats.notes),
      sections: sum((v) => v.stats.sections),
      facts: sum((v) => v.stats.facts),
      links: {
        total: sum((v) => v.stats.links.total),
        resolved: sum((v) => v.stats.links.resolved),
        blockRefs: sum((v) => v.stats.links.blockRefs),
        blockRefsResolved: sum((v) => v.stats.links.blockRefsResolved),
        headingRefs: sum((v) => v.stats.links.headingRefs),
        headingRefsResolved: sum((v) => v.stats.links.headingRefsResolved),
      },
    },
  };
}
