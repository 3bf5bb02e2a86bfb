/** `npm run --silent content -- check <folder>` as a newcomer runs it. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function check(folder: string) {
  return spawnSync('npx', ['tsx', 'scripts/content.ts', 'check', folder], { encoding: 'utf8' });
}

describe('content check', () => {
  it('prints one JSON object with counts and warnings', () => {
    const run = check('tests/fixtures/notes');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.notes).toBe(12);
    expect(report.facts).toBeGreaterThan(50);
    expect(Object.keys(report.links).sort()).toEqual(['blockRefs', 'blockRefsResolved', 'headingRefs', 'headingRefsResolved', 'resolved', 'total']);
    // Unresolved: the link to a note outside the folder and the one written to miss.
    expect(report.links.blockRefs - report.links.blockRefsResolved).toBe(2);
    expect(report.warnings).toContainEqual({ file: 'links.md', line: 17, code: 'empty-link', message: 'empty wiki-link [[]]' });
    for (const warning of report.warnings) {
      expect(warning).toEqual({ file: expect.any(String), line: expect.any(Number), code: expect.any(String), message: expect.any(String) });
    }
  }, 30_000);

  it('checks the shipped notes cleanly', () => {
    const report = JSON.parse(check('content').stdout);
    expect(report.notes).toBeGreaterThanOrEqual(1);
    expect(report.warnings).toEqual([]);
  }, 30_000);

  it('exits non-zero only when the folder cannot be read', () => {
    const run = check('tests/fixtures/no-such-folder');
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('cannot read');
  }, 30_000);
});
