import type { ReviewRecord } from '../srs/types.ts';

/**
 * True retention, as Anki's add-on of that name counts it: of the reviews of
 * cards that were in the review state (`record.before.state === 'review'`)
 * between `since` and `now` inclusive, the share graded Hard, Good or Easy.
 * Learning and relearning steps are left out because they test minutes-old
 * memories and would flatter the figure. `rate` is null when there are none.
 */
export function trueRetention(records: Iterable<ReviewRecord>, since: number, now: number): { passed: number; total: number; rate: number | null } {
  let passed = 0;
  let total = 0;
  for (const record of records) {
    if (record.review < since || record.review > now || record.before.state !== 'review') continue;
    total++;
    if (record.grade > 1) passed++;
  }
  return { passed, total, rate: total === 0 ? null : passed / total };
}
