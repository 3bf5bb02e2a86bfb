import type { Vault } from './types.ts';

/** The `content check` report: counts plus every warning with file and line. */
export function summarizeVault(vault: Vault) {
  return {
    notes: vault.stats.notes,
    sections: vault.stats.sections,
    facts: vault.stats.facts,
    links: vault.stats.links,
    tags: [...new Set(vault.notes.flatMap((n) => n.tags))].sort(),
    warnings: vault.warnings.map(({ file, line, code, message }) => ({ file, line, code, message })),
  };
}
