/** Paths of picked files, as a vault folder sees them. */
import { normalizePath } from './limits.ts';

/**
 * Removes the one folder every path shares (a picked folder's own name), so a
 * vault imported from `Vault/` and from `Vault/`'s contents has the same paths.
 */
export function stripCommonFolder(paths: string[]): { folder: string | null; strip: (path: string) => string } {
  const firsts = new Set(paths.map((p) => (normalizePath(p).includes('/') ? normalizePath(p).split('/')[0] : '')));
  const [only] = [...firsts];
  if (firsts.size !== 1 || !only) return { folder: null, strip: normalizePath };
  return { folder: only, strip: (p) => normalizePath(p).slice(only.length + 1) };
}
