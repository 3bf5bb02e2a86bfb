/**
 * The settings table holds every feature's small state under a key. A backup
 * file carries those rows, so each key the app writes has a check (run before
 * anything is written) and a merge rule (what "merge" does when both this
 * device and the file have the key). A key the app does not know is refused:
 * a newer app that adds one also raises the file version.
 */
import { z } from 'zod';
import { parseAssignedEntry, ASSIGNED_KEY, type AssignedDrill } from './drills-assigned.ts';
import { parseCreatedEntry, CREATED_KEY, type CreatedDrill } from './drills-created.ts';
import { EXAM_IN_PROGRESS_KEY, parseExamInProgress } from './exam.ts';
import { isLabRecords, SANDBOX_LABS_KEY, SANDBOX_STATE_KEY, type LabRecords } from './sandbox.ts';
import { EXAM_DAY_KEY, SRS_KEY } from './progress.ts';
import { QUIZ_HISTORY_KEY, QUIZ_HISTORY_LIMIT, type QuizResult } from './quiz.ts';

export { BACKUP_META_KEY } from './backup-meta.ts';


const finite = z.number().finite();
const step = z.string().regex(/^\d{1,5}[mhd]$/, 'must be like 10m, 1h or 1d');
const srsSchema = z.strictObject({
  desiredRetention: finite.min(0.7).max(0.99),
  maximumInterval: z.number().int().min(1).max(36500),
  learningSteps: z.array(step).max(20),
  relearningSteps: z.array(step).max(20),
  enableFuzz: z.boolean(),
  seed: z.string().max(200),
  newPerDay: z.number().int().min(0).max(9999),
  reviewsPerDay: z.number().int().min(0).max(99999),
  leechLapses: z.number().int().min(1).max(1000),
}).partial();
const quizHistorySchema = z
  .array(
    z.strictObject({
      at: z.number().int().min(0),
      score: z.number().int().min(0),
      total: z.number().int().min(0),
      questions: z.array(z.strictObject({ id: z.string().max(1000), correct: z.boolean(), topic: z.string().max(2000) })).max(1000),
    }),
  )
  .max(QUIZ_HISTORY_LIMIT);
const examDaySchema = z.strictObject({ examDay: finite.nullable() });

type Check = (value: unknown) => string | null | Promise<string | null>;

const zodCheck =
  (schema: z.ZodType): Check =>
  (value) => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return null;
    const issue = parsed.error.issues[0];
    return `${issue?.path.join('.') || 'value'}: ${issue?.message ?? 'invalid'}`;
  };

const listCheck =
  (parse: (v: unknown) => { results?: unknown[]; attempts?: unknown[] } | null, what: string): Check =>
  (value) => {
    if (!Array.isArray(value)) return `must be a list of ${what}s`;
    const ids = new Set<string>();
    for (const [i, raw] of value.entries()) {
      const entry = parse(raw) as (CreatedDrill | AssignedDrill) | null;
      if (!entry) return `${what} ${i + 1} is damaged`;
      const inner = 'results' in entry ? entry.results : entry.attempts;
      const rawInner = (raw as { results?: unknown; attempts?: unknown }) ['results' in entry ? 'results' : 'attempts'];
      if (Array.isArray(rawInner) && rawInner.length !== inner.length) return `${what} ${i + 1} holds a damaged result`;
      if (ids.has(entry.drill.id)) return `${what} ${entry.drill.id} appears twice`;
      ids.add(entry.drill.id);
    }
    return null;
  };

/** Each key the app writes, and how to check its value. */
export const SETTING_CHECKS: Record<string, Check> = {
  [SRS_KEY]: zodCheck(srsSchema),
  [EXAM_DAY_KEY]: zodCheck(examDaySchema),
  [QUIZ_HISTORY_KEY]: zodCheck(quizHistorySchema),
  [EXAM_IN_PROGRESS_KEY]: (v) => (parseExamInProgress(v) ? null : 'is not a practice exam in progress'),
  [CREATED_KEY]: listCheck(parseCreatedEntry, 'drill made here'),
  [ASSIGNED_KEY]: listCheck(parseAssignedEntry, 'assigned drill'),
  [SANDBOX_LABS_KEY]: (v) => (isLabRecords(v) ? null : 'is not a list of lab completions'),
  // The console saves `{ labId, accountId, region, state }`; the engine's own loader checks the
  // state, and is loaded only when a file holds one.
  [SANDBOX_STATE_KEY]: async (v) => {
    const { parseState } = await import('../lib/sandbox/state-file.ts');
    const wrapper = typeof v === 'object' && v !== null && 'state' in v ? (v as Record<string, unknown>) : null;
    if (wrapper) {
      for (const key of Object.keys(wrapper)) if (!['labId', 'accountId', 'region', 'state'].includes(key)) return `has an unknown field "${key}"`;
      for (const key of ['labId', 'accountId', 'region']) if (wrapper[key] !== undefined && typeof wrapper[key] !== 'string') return `${key} must be text`;
    }
    try {
      parseState(wrapper ? wrapper.state : v);
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  },
};

/** Why a settings row cannot be imported, or null. */
export async function settingProblem(key: string, value: unknown): Promise<string | null> {
  const check = SETTING_CHECKS[key];
  if (!check) return `"${key}" is not a setting this app knows`;
  return check(value);
}

function unionBy<T>(mine: T[], theirs: T[], id: (item: T) => string): T[] {
  const seen = new Set(mine.map(id));
  return [...mine, ...theirs.filter((item) => !seen.has(id(item)))];
}

/**
 * Merges one key's values when both sides have it. Lists of things (drills,
 * results, finished quizzes, lab completions) are unioned; single values
 * (study settings, exam day, the exam in progress, the sandbox) stay as they
 * are on this device.
 */
export function mergeSetting(key: string, mine: unknown, theirs: unknown): unknown {
  switch (key) {
    case QUIZ_HISTORY_KEY: {
      const all = unionBy(mine as QuizResult[], theirs as QuizResult[], (q) => JSON.stringify(q));
      return all.sort((a, b) => a.at - b.at).slice(-QUIZ_HISTORY_LIMIT);
    }
    case CREATED_KEY:
      return unionBy(mine as CreatedDrill[], theirs as CreatedDrill[], (e) => e.drill.id).map((entry) => {
        const other = (theirs as CreatedDrill[]).find((t) => t.drill.id === entry.drill.id);
        return other && other !== entry ? { ...entry, results: unionBy(entry.results, other.results, (r) => r.checksum) } : entry;
      });
    case ASSIGNED_KEY:
      return unionBy(mine as AssignedDrill[], theirs as AssignedDrill[], (e) => e.drill.id).map((entry) => {
        const other = (theirs as AssignedDrill[]).find((t) => t.drill.id === entry.drill.id);
        return other && other !== entry ? { ...entry, attempts: unionBy(entry.attempts, other.attempts, (r) => r.checksum) } : entry;
      });
    case SANDBOX_LABS_KEY: {
      const out: LabRecords = { ...(theirs as LabRecords) };
      for (const [lab, record] of Object.entries(mine as LabRecords)) {
        const other = out[lab];
        out[lab] = other && other.completedAt < record.completedAt ? other : record;
      }
      return out;
    }
    default:
      return mine;
  }
}
