/**
 * Drills assigned to this student, kept in the settings table so they work
 * offline once opened: the drill itself (re-validated on every read), when it
 * was added, the finished attempts, and the attempt in progress (so a reload
 * resumes it with the same order, answers and absolute start time).
 */
import { drillSchema, resultSchema, responseSchema, type Drill, type DrillResult } from '../lib/drills/index.ts';
import type { Response } from '../lib/quiz/index.ts';
import type { VaultcardsDB } from './db.ts';

export const ASSIGNED_KEY = 'drills-assigned';

/** An attempt being taken: the student, the start (epoch ms), the question ids in the order shown, answers and time per question. */
export interface DrillInProgress {
  student: string;
  startedAt: number;
  order: string[];
  responses: Record<string, Response | null>;
  ms: Record<string, number>;
  /** The question on screen (position in `order`). */
  index?: number;
}

export interface AssignedDrill {
  drill: Drill;
  addedAt: number;
  attempts: DrillResult[];
  inProgress?: DrillInProgress;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function parseInProgress(value: unknown, drill: Drill): DrillInProgress | undefined {
  if (!isRecord(value)) return undefined;
  const { student, startedAt, order, responses, ms, index } = value;
  if (typeof student !== 'string' || student.trim() === '' || !isTime(startedAt)) return undefined;
  const ids = new Set(drill.questions.map((q) => q.id));
  if (!Array.isArray(order) || order.length !== ids.size || !order.every((id) => typeof id === 'string' && ids.has(id))) return undefined;
  if (!isRecord(responses) || !isRecord(ms)) return undefined;
  const cleanResponses: Record<string, Response | null> = {};
  for (const [id, r] of Object.entries(responses)) if (ids.has(id) && responseSchema.safeParse(r).success) cleanResponses[id] = r as Response;
  const cleanMs: Record<string, number> = {};
  for (const [id, n] of Object.entries(ms)) if (ids.has(id) && isTime(n)) cleanMs[id] = n;
  const at = typeof index === 'number' && Number.isInteger(index) && index >= 0 && index < order.length ? index : 0;
  return { student, startedAt, order: order as string[], responses: cleanResponses, ms: cleanMs, index: at };
}

/** One stored entry, checked; null when it is damaged (the drill no longer satisfies the schema). */
export function parseAssignedEntry(value: unknown): AssignedDrill | null {
  if (!isRecord(value)) return null;
  const checked = drillSchema.safeParse(value.drill);
  if (!checked.success) return null;
  const drill = checked.data;
  const attempts = Array.isArray(value.attempts)
    ? value.attempts.flatMap((a) => {
        const r = resultSchema.safeParse(a);
        return r.success && r.data.drillId === drill.id ? [r.data] : [];
      })
    : [];
  const inProgress = parseInProgress(value.inProgress, drill);
  return { drill, addedAt: isTime(value.addedAt) ? value.addedAt : drill.createdAt, attempts, ...(inProgress ? { inProgress } : {}) };
}

/** The assigned drills, in the order they were added; damaged entries (and duplicates) are dropped. */
export async function loadAssigned(db: VaultcardsDB): Promise<AssignedDrill[]> {
  const row = await db.settings.get(ASSIGNED_KEY);
  if (!Array.isArray(row?.value)) return [];
  const seen = new Set<string>();
  const out: AssignedDrill[] = [];
  for (const raw of row.value) {
    const entry = parseAssignedEntry(raw);
    if (!entry || seen.has(entry.drill.id)) continue;
    seen.add(entry.drill.id);
    out.push(entry);
  }
  return out;
}

async function store(db: VaultcardsDB, list: AssignedDrill[]): Promise<void> {
  // A plain copy: Svelte state proxies cannot be cloned into IndexedDB.
  await db.settings.put({ key: ASSIGNED_KEY, value: JSON.parse(JSON.stringify(list)) as unknown });
}

/** Changes one entry in a transaction; returns the entry after `change`, or null when the drill is not assigned. */
async function update(db: VaultcardsDB, drillId: string, change: (entry: AssignedDrill) => AssignedDrill): Promise<AssignedDrill | null> {
  return db.transaction('rw', db.settings, async () => {
    const list = await loadAssigned(db);
    const i = list.findIndex((e) => e.drill.id === drillId);
    const entry = list[i];
    if (!entry) return null;
    const next = change(entry);
    list[i] = next;
    await store(db, list);
    return next;
  });
}

/**
 * Adds a drill (idempotent by id): opening the same drill again keeps its
 * attempts and any attempt in progress; the drill document is replaced by the
 * one opened. Returns the stored entry.
 */
export async function addAssigned(db: VaultcardsDB, drill: Drill, now: number): Promise<AssignedDrill> {
  return db.transaction('rw', db.settings, async () => {
    const list = await loadAssigned(db);
    const old = list.find((e) => e.drill.id === drill.id);
    const sameQuestions = old && old.drill.questions.map((q) => q.id).join('\n') === drill.questions.map((q) => q.id).join('\n');
    const entry: AssignedDrill = old ? { ...old, drill } : { drill, addedAt: now, attempts: [] };
    if (!sameQuestions) delete entry.inProgress; // another question set: the old answers no longer fit
    await store(db, old ? list.map((e) => (e === old ? entry : e)) : [...list, entry]);
    return entry;
  });
}

/** Stores (or, with undefined, clears) the attempt in progress of an assigned drill. */
export async function saveProgress(db: VaultcardsDB, drillId: string, progress: DrillInProgress | undefined): Promise<void> {
  await update(db, drillId, (entry) => {
    const { inProgress: _old, ...rest } = entry;
    return progress ? { ...rest, inProgress: progress } : rest;
  });
}

/** Appends a finished attempt and clears the attempt in progress, in one transaction. */
export async function recordAttempt(db: VaultcardsDB, drillId: string, result: DrillResult): Promise<AssignedDrill | null> {
  return update(db, drillId, (entry) => {
    const { inProgress: _old, ...rest } = entry;
    return { ...rest, attempts: [...entry.attempts, result] };
  });
}
