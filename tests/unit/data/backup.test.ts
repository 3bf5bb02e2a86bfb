// @vitest-environment node
/**
 * The backup of everything: a device with every kind of data (progress and
 * reviews, study settings, exam day and exam in progress, quiz history,
 * drills made and taken with results, lab completions, the sandbox, own
 * notes) exports a file that restores the same state on an empty device;
 * merges follow their rules; bad files change nothing; a full disk leaves
 * nothing half-written.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addResults, saveCreatedDrill } from '../../../src/data/drills-created.ts';
import type { VaultcardsDB } from '../../../src/data/db.ts';
import { saveExamInProgress, type ExamQuestion } from '../../../src/data/exam.ts';
import { buildExam } from '../../../src/lib/quiz/quiz.ts';
import { loadOwnVaults, saveOwnVault } from '../../../src/data/own-vaults.ts';
import { recordGrade, saveSettings } from '../../../src/data/progress.ts';
import { exportProgress, importProgress, parseProgressFile, type ProgressFile } from '../../../src/data/progress-file.ts';
import { loadQuizHistory, saveQuizResult } from '../../../src/data/quiz.ts';
import { loadLabRecords, recordLabCompleted, SANDBOX_STATE_KEY } from '../../../src/data/sandbox.ts';
import { markBackedUp, loadBackupMeta } from '../../../src/data/backup-meta.ts';
import { isQuotaError, writeFailureMessage } from '../../../src/data/storage.ts';
import { encodeDrill } from '../../../src/lib/drills/index.ts';
import { Sandbox } from '../../../src/lib/sandbox/engine.ts';
import { DEFAULT_SRS_SETTINGS } from '../../../src/lib/srs/types.ts';
import { NOW, vault } from '../drills/helpers.ts';
import { DAY, drillResult, ownVault, scheduler, useEverything } from './device.ts';
import { closeDbs, freshDb } from './fresh-db.ts';

afterEach(async () => {
  vi.restoreAllMocks();
  await closeDbs();
});

describe('a backup of everything', () => {
  it('holds every kind of data, and restoring it on an empty device gives the same state', async () => {
    const phone = freshDb();
    await useEverything(phone);
    const file = await exportProgress(phone, NOW + 10 * DAY);
    expect(file.version).toBe(2);
    expect(file.settings.map((s) => s.key).sort()).toEqual(['drills-assigned', 'drills-created', 'exam', 'quiz-history', 'sandbox-labs', 'sandbox-state', 'srs']);
    expect(file.vaults.map((v) => [v.id, v.files.length, v.attachments.length])).toEqual([['mine', 1, 1]]);
    // The compiled notes are not in the file: they are made again from the sources.
    expect(Object.keys(file.vaults[0] ?? {}).sort()).toEqual(['attachments', 'createdAt', 'files', 'id', 'name', 'updatedAt']);

    const parsed = await parseProgressFile(JSON.stringify(file));
    expect(parsed.ok).toBe(true);
    const laptop = freshDb();
    await importProgress(laptop, (parsed as { file: ProgressFile }).file, 'replace', scheduler);
    expect({ ...(await exportProgress(laptop, 0)), exportedAt: 1 }).toEqual({ ...file, exportedAt: 1 });
    const [restored] = await loadOwnVaults(laptop);
    const [original] = await loadOwnVaults(phone);
    expect(restored?.compiled).toEqual(original?.compiled);
    const sandboxOf = async (db: VaultcardsDB) => Sandbox.fromJSON(((await db.settings.get(SANDBOX_STATE_KEY))?.value as { state: unknown }).state);
    expect((await sandboxOf(laptop)).toJSON()).toEqual((await sandboxOf(phone)).toJSON());
    expect((await sandboxOf(laptop)).toJSON().vaults.some((v: { BackupVaultName: string }) => v.BackupVaultName === 'kept-vault')).toBe(true);
  });

  it('also holds an exam in progress, and never carries when this device last backed up', async () => {
    const db = freshDb();
    await useEverything(db);
    const exam = buildExam(vault, { seed: 'x' });
    const questions = exam.questions as ExamQuestion[];
    await saveExamInProgress(db, { questions, answers: questions.map(() => []), flags: questions.map(() => false), index: 0, startedAt: NOW, deadline: NOW + exam.minutes * 60_000, minutes: exam.minutes, scaledFrom: exam.scaledFrom });
    await markBackedUp(db, NOW);
    const file = await exportProgress(db, NOW);
    expect(file.settings.map((s) => s.key)).toContain('exam-in-progress');
    expect(file.settings.map((s) => s.key)).not.toContain('backup-meta');
    expect((await parseProgressFile(JSON.stringify(file))).ok).toBe(true);
    const other = freshDb();
    await markBackedUp(other, 42);
    await importProgress(other, file, 'replace', scheduler);
    expect((await loadBackupMeta(other)).lastBackupAt).toBe(42);
  });

  it('reads a version 1 file (progress only), and replacing with it keeps the sandbox and own notes', async () => {
    const db = freshDb();
    await useEverything(db);
    const v1 = { format: 'vaultcards-progress', version: 1, exportedAt: 1, progress: [], reviews: [], settings: [{ key: 'srs', value: { newPerDay: 3 } }] };
    const parsed = await parseProgressFile(JSON.stringify(v1));
    expect(parsed).toMatchObject({ ok: true, version: 1 });
    if (!parsed.ok) return;
    await importProgress(db, parsed.file, 'replace', scheduler, parsed.version);
    expect(await db.progress.count()).toBe(0);
    expect(await db.settings.get(SANDBOX_STATE_KEY)).toBeDefined();
    expect(await db.vaults.count()).toBe(1);
    expect(await loadQuizHistory(db)).toEqual([]);
  });
});

describe('merging a backup', () => {
  it('unions drills, their results, quiz history and lab completions, keeps single values here, and keeps the newer copy of a vault', async () => {
    const phone = freshDb();
    const { drill } = await useEverything(phone);
    const laptop = freshDb();
    await saveSettings(laptop, { ...DEFAULT_SRS_SETTINGS, newPerDay: 99 });
    await saveQuizResult(laptop, { at: NOW - DAY, score: 2, total: 2, questions: [] });
    await saveCreatedDrill(laptop, { drill, code: await encodeDrill(drill), createdAt: NOW, results: [] });
    await addResults(laptop, drill.id, [await drillResult(drill, 'Ben', false, NOW + 5000)]);
    await recordLabCompleted(laptop, 'compliance-lock', NOW - 5);
    await recordLabCompleted(laptop, 'restore-charge', NOW + 7);
    await saveOwnVault(laptop, ownVault('mine', '# Mine\n\n- An older fact\n', NOW - DAY));
    await saveOwnVault(laptop, ownVault('laptop-only', '# Laptop\n\n- Only here\n', NOW));

    const summary = await importProgress(laptop, await exportProgress(phone, NOW), 'merge', scheduler);
    expect(summary.vaults).toBe(1);
    expect((await laptop.settings.get('srs'))?.value).toMatchObject({ newPerDay: 99 });
    expect((await loadQuizHistory(laptop)).map((q) => q.at)).toEqual([NOW - DAY, NOW]);
    const created = (await laptop.settings.get('drills-created'))?.value as { results: { student: string }[] }[];
    expect(created).toHaveLength(1);
    expect(created[0]?.results.map((r) => r.student).sort()).toEqual(['Ana', 'Ben']);
    expect((await laptop.settings.get('drills-assigned'))?.value).toHaveLength(1);
    expect(await loadLabRecords(laptop)).toEqual({ 'compliance-lock': { completedAt: NOW - 5 }, 'restore-charge': { completedAt: NOW + 7 } });
    const vaults = await loadOwnVaults(laptop);
    expect(vaults.map((v) => v.id).sort()).toEqual(['laptop-only', 'mine']);
    expect(vaults.find((v) => v.id === 'mine')?.files[0]?.text).toContain('A fact of my own');
    expect(await laptop.settings.get(SANDBOX_STATE_KEY)).toBeDefined();

    // Merging the same file again changes nothing.
    const before = { ...(await exportProgress(laptop, 0)) };
    await importProgress(laptop, await exportProgress(phone, NOW), 'merge', scheduler);
    expect(await exportProgress(laptop, 0)).toEqual(before);
  });
});

describe('bad backup files change nothing', () => {
  const base = (over: Record<string, unknown>) => JSON.stringify({ format: 'vaultcards-progress', version: 2, exportedAt: 1, progress: [], reviews: [], settings: [], vaults: [], ...over });
  const vault = (over: Record<string, unknown> = {}) => ({ id: 'v', name: 'V', createdAt: 1, updatedAt: 1, files: [{ path: 'a.md', text: '# A' }], attachments: [], ...over });

  it.each([
    ['truncated', base({}).slice(0, 60), /cut short \(truncated\)/],
    ['a future version', base({ version: 3 }), /newer version of Vaultcards \(file version 3\)/],
    ['an unknown setting', base({ settings: [{ key: 'mystery', value: 1 }] }), /setting "mystery": "mystery" is not a setting this app knows/],
    ['damaged study settings', base({ settings: [{ key: 'srs', value: { desiredRetention: 5 } }] }), /setting "srs": desiredRetention/],
    ['a damaged quiz history', base({ settings: [{ key: 'quiz-history', value: [{ at: 'yesterday' }] }] }), /setting "quiz-history"/],
    ['a damaged drill', base({ settings: [{ key: 'drills-created', value: [{ drill: { id: 'x' }, code: 'd1.x' }] }] }), /drill made here 1 is damaged/],
    ['a damaged exam in progress', base({ settings: [{ key: 'exam-in-progress', value: { questions: [] } }] }), /not a practice exam in progress/],
    ['a damaged sandbox', base({ settings: [{ key: 'sandbox-state', value: { version: 1 } }] }), /setting "sandbox-state"/],
    ['a damaged sandbox in its console wrapper', base({ settings: [{ key: 'sandbox-state', value: { region: 'us-east-1', state: { version: 1 } } }] }), /setting "sandbox-state": The sandbox state/],
    ['a sandbox wrapper with a stray field', base({ settings: [{ key: 'sandbox-state', value: { script: 'x', state: {} } }] }), /has an unknown field "script"/],
    ['a setting twice', base({ settings: [{ key: 'srs', value: {} }, { key: 'srs', value: {} }] }), /setting "srs" appears twice/],
    ['a vault id that is not a slug', base({ vaults: [vault({ id: '../x' })] }), /vaults\[0\]\.id: must be lower-case/],
    ['a binary note', base({ vaults: [vault({ files: [{ path: 'a.md', text: 'a\u0000b' }] })] }), /is not a text note/],
    ['a note over the cap', base({ vaults: [vault({ files: [{ path: 'a.md', text: 'x'.repeat(1024 * 1024 + 1) }] })] }), /vaults\[0\]\.files\[0\]\.text/],
    ['an image that is not a data URL of its type', base({ vaults: [vault({ attachments: [{ path: 'a.png', mime: 'image/png', dataUrl: 'javascript:alert(1)', bytes: 1 }] })] }), /must be a base64 data URL/],
    ['the same vault twice', base({ vaults: [vault(), vault()] }), /notes vault "v" appears twice/],
    ['a file twice in a vault', base({ vaults: [vault({ files: [{ path: 'a.md', text: '# A' }, { path: 'A.md', text: '# B' }] })] }), /holds A\.md twice/],
  ])('refuses %s with a clear message', async (_name, text, message) => {
    const result = await parseProgressFile(text);
    expect(result.ok).toBe(false);
    expect((result as { message: string }).message).toMatch(message);
  });

  it('a full disk in the middle of a restore leaves everything as it was, and the message says the storage is full', async () => {
    const source = freshDb();
    await useEverything(source);
    const file = await exportProgress(source, NOW);
    const db = freshDb();
    await recordGrade(db, scheduler, 'mine-only', 3, NOW);
    await saveQuizResult(db, { at: 5, score: 0, total: 1, questions: [] });
    const before = await exportProgress(db, 0);
    const full = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    vi.spyOn(db.vaults, 'bulkPut').mockImplementation(() => Promise.reject(full) as never);
    const failure = await importProgress(db, file, 'replace', scheduler).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isQuotaError(failure)).toBe(true);
    expect(writeFailureMessage(failure, 'the imported backup')).toMatch(/storage for the app is full \(QuotaExceededError\)\. Nothing was changed/);
    expect(await exportProgress(db, 0)).toEqual(before);
  });
});
