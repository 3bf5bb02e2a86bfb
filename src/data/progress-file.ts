/**
 * All progress as one versioned JSON file: export, validate, import.
 *
 * A file is untrusted input. It is checked whole (size, JSON, format, version,
 * then every row against a schema) before anything is written, and the import
 * is one transaction: a bad file changes nothing.
 */
import { z } from 'zod';
import { newProgress, type Scheduler } from '../lib/srs/scheduler.ts';
import type { CardProgress, ReviewRecord } from '../lib/srs/types.ts';
import type { SettingRow, VaultcardsDB } from './db.ts';
import { SANDBOX_STATE_KEY } from './sandbox.ts';

export const PROGRESS_FORMAT = 'vaultcards-progress';
export const PROGRESS_VERSION = 1;
/** Far above a decade of daily study (about 30 bytes a review would allow millions). */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

const finite = z.number().finite();
const epoch = z.number().int().min(0).max(8.64e15);
const stateName = z.enum(['new', 'learning', 'review', 'relearning']);
const memorySchema = z.strictObject({
  due: epoch,
  stability: finite.min(0),
  difficulty: finite,
  elapsedDays: finite.min(0),
  scheduledDays: finite.min(0),
  learningSteps: z.number().int().min(0),
  reps: z.number().int().min(0),
  lapses: z.number().int().min(0),
  state: stateName,
  lastReview: epoch.nullable(),
});
const cardId = z.string().min(1).max(500);
const progressSchema = z.strictObject({
  cardId,
  memory: memorySchema,
  suspended: z.boolean(),
  leech: z.boolean(),
  retired: z.boolean(),
  addedAt: epoch,
});
const reviewSchema = z
  .strictObject({
    uid: z.string().min(3).max(540),
    cardId,
    grade: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
    review: epoch,
    before: memorySchema,
    state: stateName,
    due: epoch,
    stability: finite.min(0),
    difficulty: finite,
    elapsedDays: finite.min(0),
    lastElapsedDays: finite.min(0),
    scheduledDays: finite.min(0),
    learningSteps: z.number().int().min(0),
    madeLeech: z.boolean(),
    wasSuspended: z.boolean(),
    durationMs: z.number().int().min(0).max(86_400_000).optional(),
  })
  .refine((r) => r.uid === `${r.cardId}@${r.review}`, { message: 'uid must be cardId@review', path: ['uid'] });
const fileSchema = z.strictObject({
  format: z.literal(PROGRESS_FORMAT),
  version: z.literal(PROGRESS_VERSION),
  exportedAt: epoch,
  progress: z.array(progressSchema).max(1_000_000),
  reviews: z.array(reviewSchema).max(10_000_000),
  settings: z.array(z.strictObject({ key: z.string().min(1).max(100), value: z.unknown() })).max(1000),
});

export type ProgressFile = z.infer<typeof fileSchema>;
export type ParseResult = { ok: true; file: ProgressFile } | { ok: false; message: string };

/** Everything in the database as a progress file. */
export async function exportProgress(db: VaultcardsDB, now: number): Promise<ProgressFile> {
  return db.transaction('r', db.progress, db.reviews, db.settings, async () => ({
    format: PROGRESS_FORMAT,
    version: PROGRESS_VERSION,
    exportedAt: now,
    progress: await db.progress.orderBy('cardId').toArray(),
    reviews: await db.reviews.orderBy('uid').toArray(),
    // The sandbox's own state has its own export (it can be megabytes); lab completions stay in.
    settings: (await db.settings.orderBy('key').toArray()).filter((row) => row.key !== SANDBOX_STATE_KEY),
  }));
}

/** Checks a file's text; the message says what is wrong in words a learner can act on. */
export function parseProgressFile(text: string): ParseResult {
  if (text.length > MAX_FILE_BYTES) {
    return { ok: false, message: `This file is ${(text.length / 1024 / 1024).toFixed(0)} MB; a progress file can be at most ${MAX_FILE_BYTES / 1024 / 1024} MB.` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, message: 'This file is not valid JSON, so it is not a Vaultcards progress file, or it was cut short (truncated).' };
  }
  if (!data || typeof data !== 'object' || (data as { format?: unknown }).format !== PROGRESS_FORMAT) {
    return { ok: false, message: `This is not a Vaultcards progress file (it has no "format": "${PROGRESS_FORMAT}").` };
  }
  const version = (data as { version?: unknown }).version;
  if (typeof version === 'number' && Number.isInteger(version) && version > PROGRESS_VERSION) {
    return { ok: false, message: `This file was made by a newer version of Vaultcards (file version ${version}); this app reads version ${PROGRESS_VERSION}. Update the app, then import it again.` };
  }
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') : 'file';
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problems)` : '';
    return { ok: false, message: `This progress file is damaged: ${where}: ${issue?.message ?? 'invalid'}${more}. Nothing was imported.` };
  }
  const uids = new Set<string>();
  for (const r of parsed.data.reviews) {
    if (uids.has(r.uid)) return { ok: false, message: `This progress file is damaged: review ${r.uid} appears twice. Nothing was imported.` };
    uids.add(r.uid);
  }
  const cards = new Set<string>();
  for (const p of parsed.data.progress) {
    if (cards.has(p.cardId)) return { ok: false, message: `This progress file is damaged: card ${p.cardId} appears twice. Nothing was imported.` };
    cards.add(p.cardId);
  }
  return { ok: true, file: parsed.data };
}

export type ImportMode = 'replace' | 'merge';

export interface ImportSummary {
  cards: number;
  reviewsAdded: number;
  cardsReplayed: number;
}

/**
 * Imports a checked file in one transaction.
 * - `replace`: the database becomes the file.
 * - `merge`: review logs are unioned (by uid); a card whose logs differ on the
 *   two sides is rescheduled by replaying the union of its grades in time order,
 *   so two devices' study adds up; settings on this device are kept.
 */
export async function importProgress(db: VaultcardsDB, file: ProgressFile, mode: ImportMode, scheduler: Scheduler): Promise<ImportSummary> {
  return db.transaction('rw', db.progress, db.reviews, db.settings, async () => {
    if (mode === 'replace') {
      // The sandbox's state is not in progress files, so replacing progress keeps it.
      await db.settings.where('key').notEqual(SANDBOX_STATE_KEY).delete();
      await Promise.all([db.progress.clear(), db.reviews.clear()]);
      await db.progress.bulkAdd(file.progress as CardProgress[]);
      await db.reviews.bulkAdd(file.reviews as ReviewRecord[]);
      await db.settings.bulkPut((file.settings as SettingRow[]).filter((row) => row.key !== SANDBOX_STATE_KEY));
      return { cards: file.progress.length, reviewsAdded: file.reviews.length, cardsReplayed: 0 };
    }

    const localReviews = await db.reviews.toArray();
    const known = new Set(localReviews.map((r) => r.uid));
    const incoming = (file.reviews as ReviewRecord[]).filter((r) => !known.has(r.uid));
    const localProgress = new Map((await db.progress.toArray()).map((p) => [p.cardId, p]));
    const touched = new Set(incoming.map((r) => r.cardId));
    const byCard = new Map<string, ReviewRecord[]>();
    for (const r of [...localReviews, ...incoming]) {
      if (!touched.has(r.cardId)) continue;
      const list = byCard.get(r.cardId) ?? [];
      list.push(r);
      byCard.set(r.cardId, list);
    }

    const progressOut: CardProgress[] = [];
    const reviewsOut: ReviewRecord[] = [];
    for (const [id, records] of byCard) {
      records.sort((a, b) => a.review - b.review);
      const local = localProgress.get(id);
      const theirs = (file.progress as CardProgress[]).find((p) => p.cardId === id);
      let progress = newProgress(id, Math.min(local?.addedAt ?? Infinity, theirs?.addedAt ?? Infinity, records[0]?.review ?? 0));
      for (const r of records) {
        const result = scheduler.grade(progress, r.grade, r.review, r.durationMs);
        progress = result.progress;
        reviewsOut.push(result.record);
      }
      // A suspension set by hand on either side stays.
      progressOut.push({ ...progress, suspended: progress.suspended || Boolean(local?.suspended || theirs?.suspended), retired: local?.retired ?? theirs?.retired ?? false });
    }
    for (const p of file.progress as CardProgress[]) {
      if (!localProgress.has(p.cardId) && !byCard.has(p.cardId)) progressOut.push(p);
    }
    await db.reviews.bulkPut(reviewsOut);
    await db.progress.bulkPut(progressOut);
    const localKeys = new Set((await db.settings.toArray()).map((s) => s.key));
    await db.settings.bulkPut((file.settings as SettingRow[]).filter((s) => !localKeys.has(s.key)));
    return { cards: progressOut.length, reviewsAdded: incoming.length, cardsReplayed: byCard.size };
  });
}
