/**
 * Everything a learner has, as one versioned JSON file: card progress, review
 * logs, settings (study settings, quiz and exam history, drills made and
 * taken, lab completions, the sandbox), and their own imported notes.
 *
 * A file is untrusted input. It is checked whole (size, JSON, format, version,
 * every row against a schema, every setting by its own check, every imported
 * note against the import caps) before anything is written, and the import is
 * one transaction: a bad file changes nothing. Version 1 files (progress
 * only, from before own notes) are still read.
 */
import { z } from 'zod';
import { newProgress, type Scheduler } from '../lib/srs/scheduler.ts';
import type { CardProgress, ReviewRecord } from '../lib/srs/types.ts';
import { IMAGE_TYPES, LIMITS, noteTextProblem } from '../lib/library/limits.ts';
import type { OwnVault } from '../lib/library/types.ts';
import { BACKUP_META_KEY, mergeSetting, settingProblem } from './backup-settings.ts';
import type { SettingRow, VaultcardsDB } from './db.ts';

export const PROGRESS_FORMAT = 'vaultcards-progress';
export const PROGRESS_VERSION = 2;
/** Room for a decade of daily study and a few full vaults of own notes. */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;

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
const sourceFileSchema = z.strictObject({
  path: z.string().min(1).max(500),
  text: z.string().max(LIMITS.noteBytes).refine((t) => noteTextProblem(t) === null, 'is not a text note'),
});
const attachmentSchema = z
  .strictObject({
    path: z.string().min(1).max(500),
    mime: z.enum(Object.values(IMAGE_TYPES) as [string, ...string[]]),
    // Base64 is 4/3 of the bytes.
    dataUrl: z.string().max(Math.ceil((LIMITS.imageBytes * 4) / 3) + 100),
    bytes: z.number().int().min(0).max(LIMITS.imageBytes),
  })
  .refine((a) => a.dataUrl.startsWith(`data:${a.mime};base64,`), { message: 'must be a base64 data URL of its type', path: ['dataUrl'] });
const vaultSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,45}$/, 'must be lower-case letters, digits and dashes'),
  name: z.string().min(1).max(80),
  createdAt: epoch,
  updatedAt: epoch,
  files: z.array(sourceFileSchema).max(LIMITS.filesPerVault),
  attachments: z.array(attachmentSchema).max(LIMITS.filesPerVault),
});
const settingRowSchema = z.strictObject({ key: z.string().min(1).max(100), value: z.unknown() });
const fileV1Schema = z.strictObject({
  format: z.literal(PROGRESS_FORMAT),
  version: z.literal(1),
  exportedAt: epoch,
  progress: z.array(progressSchema).max(1_000_000),
  reviews: z.array(reviewSchema).max(10_000_000),
  settings: z.array(settingRowSchema).max(1000),
});
const fileSchema = z.strictObject({
  format: z.literal(PROGRESS_FORMAT),
  version: z.literal(PROGRESS_VERSION),
  exportedAt: epoch,
  progress: z.array(progressSchema).max(1_000_000),
  reviews: z.array(reviewSchema).max(10_000_000),
  settings: z.array(settingRowSchema).max(1000),
  vaults: z.array(vaultSchema).max(LIMITS.vaults),
});

export type ProgressFile = z.infer<typeof fileSchema>;
/** An imported vault as a backup holds it: the sources, not the compiled notes (they are compiled again on import). */
export type VaultBackup = ProgressFile['vaults'][number];
/** `version` is the file's own: a version 1 file holds progress only, so replacing with it keeps the sandbox and own notes. */
export type ParseResult = { ok: true; file: ProgressFile; version: 1 | 2 } | { ok: false; message: string };

/** Everything in the database as a backup file. */
export async function exportProgress(db: VaultcardsDB, now: number): Promise<ProgressFile> {
  return db.transaction('r', [db.progress, db.reviews, db.settings, db.vaults], async () => ({
    format: PROGRESS_FORMAT,
    version: PROGRESS_VERSION,
    exportedAt: now,
    progress: await db.progress.orderBy('cardId').toArray(),
    reviews: await db.reviews.orderBy('uid').toArray(),
    // When this device last backed up is this device's business, not the file's.
    settings: (await db.settings.orderBy('key').toArray()).filter((row) => row.key !== BACKUP_META_KEY),
    vaults: (await db.vaults.orderBy('id').toArray()).map(({ id, name, createdAt, updatedAt, files, attachments }) => ({ id, name, createdAt, updatedAt, files, attachments })),
  }));
}

function schemaMessage(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue?.path.length ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') : 'file';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problems)` : '';
  return `This backup file is damaged: ${where}: ${issue?.message ?? 'invalid'}${more}. Nothing was imported.`;
}

/**
 * Checks a file's text; the message says what is wrong in words a learner can
 * act on. Asynchronous because a file holding a sandbox is checked by the
 * sandbox engine's own loader, which is loaded only then.
 */
export async function parseProgressFile(text: string): Promise<ParseResult> {
  if (text.length > MAX_FILE_BYTES) {
    return { ok: false, message: `This file is ${(text.length / 1024 / 1024).toFixed(0)} MB; a backup file can be at most ${MAX_FILE_BYTES / 1024 / 1024} MB.` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, message: 'This file is not valid JSON: it is not a Vaultcards backup, or it was cut short (truncated). Nothing was imported.' };
  }
  if (!data || typeof data !== 'object' || (data as { format?: unknown }).format !== PROGRESS_FORMAT) {
    return { ok: false, message: `This is not a Vaultcards backup file (it has no "format": "${PROGRESS_FORMAT}").` };
  }
  const version = (data as { version?: unknown }).version;
  if (typeof version === 'number' && Number.isInteger(version) && version > PROGRESS_VERSION) {
    return { ok: false, message: `This file was made by a newer version of Vaultcards (file version ${version}); this app reads versions 1 to ${PROGRESS_VERSION}. Update the app, then import it again.` };
  }
  let file: ProgressFile;
  const fileVersion = version === 1 ? 1 : 2;
  if (version === 1) {
    const parsed = fileV1Schema.safeParse(data);
    if (!parsed.success) return { ok: false, message: schemaMessage(parsed.error) };
    file = { ...parsed.data, version: PROGRESS_VERSION, vaults: [] };
  } else {
    const parsed = fileSchema.safeParse(data);
    if (!parsed.success) return { ok: false, message: schemaMessage(parsed.error) };
    file = parsed.data;
  }
  const damaged = (what: string): ParseResult => ({ ok: false, message: `This backup file is damaged: ${what}. Nothing was imported.` });
  const uids = new Set<string>();
  for (const r of file.reviews) {
    if (uids.has(r.uid)) return damaged(`review ${r.uid} appears twice`);
    uids.add(r.uid);
  }
  const cards = new Set<string>();
  for (const p of file.progress) {
    if (cards.has(p.cardId)) return damaged(`card ${p.cardId} appears twice`);
    cards.add(p.cardId);
  }
  const keys = new Set<string>();
  for (const row of file.settings) {
    if (keys.has(row.key)) return damaged(`setting "${row.key}" appears twice`);
    keys.add(row.key);
    if (row.key === BACKUP_META_KEY) continue;
    const problem = await settingProblem(row.key, row.value);
    if (problem) return damaged(`setting "${row.key}": ${problem}`);
  }
  const vaultIds = new Set<string>();
  for (const vault of file.vaults) {
    if (vaultIds.has(vault.id)) return damaged(`notes vault "${vault.id}" appears twice`);
    vaultIds.add(vault.id);
    const bytes = vault.files.reduce((n, f) => n + new TextEncoder().encode(f.text).length, 0) + vault.attachments.reduce((n, a) => n + a.bytes, 0);
    if (bytes > LIMITS.vaultBytes) return damaged(`notes vault "${vault.name}" is larger than the ${LIMITS.vaultBytes / 1024 / 1024} MB a vault may hold`);
    const paths = new Set<string>();
    for (const f of [...vault.files, ...vault.attachments]) {
      const key = f.path.toLowerCase();
      if (paths.has(key)) return damaged(`notes vault "${vault.name}" holds ${f.path} twice`);
      paths.add(key);
    }
  }
  return { ok: true, file, version: fileVersion };
}

export type ImportMode = 'replace' | 'merge';

export interface ImportSummary {
  cards: number;
  reviewsAdded: number;
  cardsReplayed: number;
  /** Own-notes vaults written (added or replaced by a newer copy). */
  vaults: number;
}

/** Keys a version 1 file never held: replacing with such a file keeps them. */
const NOT_IN_V1 = new Set(['sandbox-state']);

/** Compiles the vaults of a file with the notes pipeline, which is loaded only when a file holds own notes. */
async function compileVaults(vaults: readonly VaultBackup[]): Promise<OwnVault[]> {
  if (vaults.length === 0) return [];
  const { compileNotes, PARSER_VERSION } = await import('../lib/library/import-vault.ts');
  return vaults.map((v) => ({ ...v, parser: PARSER_VERSION, compiled: compileNotes(v.id, v.files), skipped: [] }));
}

/**
 * Imports a checked file in one transaction.
 * - `replace`: the database becomes the file (a version 1 file, which holds
 *   progress only, leaves the sandbox and own notes as they are).
 * - `merge`: review logs are unioned (by uid); a card whose logs differ on the
 *   two sides is rescheduled by replaying the union of its grades in time order,
 *   so two devices' study adds up. Settings follow `mergeSetting` (lists are
 *   unioned, single values here are kept); a vault on both sides keeps the copy
 *   updated last.
 */
export async function importProgress(db: VaultcardsDB, file: ProgressFile, mode: ImportMode, scheduler: Scheduler, fileVersion: 1 | 2 = 2): Promise<ImportSummary> {
  // Compiling is pure work: done before the transaction, which then only writes.
  const vaults = await compileVaults(file.vaults);
  const rows = (file.settings as SettingRow[]).filter((row) => row.key !== BACKUP_META_KEY);
  return db.transaction('rw', [db.progress, db.reviews, db.settings, db.vaults], async () => {
    if (mode === 'replace') {
      const keep = new Set([BACKUP_META_KEY, ...(fileVersion === 1 ? NOT_IN_V1 : [])]);
      await db.settings.filter((row) => !keep.has(row.key)).delete();
      await Promise.all([db.progress.clear(), db.reviews.clear(), fileVersion === 1 ? Promise.resolve() : db.vaults.clear()]);
      await db.progress.bulkAdd(file.progress as CardProgress[]);
      await db.reviews.bulkAdd(file.reviews as ReviewRecord[]);
      await db.settings.bulkPut(rows.filter((row) => !keep.has(row.key)));
      await db.vaults.bulkPut(vaults);
      return { cards: file.progress.length, reviewsAdded: file.reviews.length, cardsReplayed: 0, vaults: vaults.length };
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
    const local = new Map((await db.settings.toArray()).map((row) => [row.key, row.value]));
    await db.settings.bulkPut(rows.map((row) => (local.has(row.key) ? { key: row.key, value: mergeSetting(row.key, local.get(row.key), row.value) } : row)));
    const localVaults = new Map((await db.vaults.toArray()).map((v) => [v.id, v.updatedAt]));
    const newer = vaults.filter((v) => (localVaults.get(v.id) ?? -1) < v.updatedAt);
    await db.vaults.bulkPut(newer);
    return { cards: progressOut.length, reviewsAdded: incoming.length, cardsReplayed: byCard.size, vaults: newer.length };
  });
}
