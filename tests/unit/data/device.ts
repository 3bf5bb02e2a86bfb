/**
 * Test helper shared by the backup tests: a device that has used every
 * feature, written through the app's own data functions (progress and
 * reviews, study settings, exam day, quiz history, a drill made here with a
 * result, the same drill taken, a lab completion, the sandbox as the console
 * saves it, an own vault).
 */
import { addAssigned, recordAttempt } from '../../../src/data/drills-assigned.ts';
import { addResults, saveCreatedDrill } from '../../../src/data/drills-created.ts';
import type { VaultcardsDB } from '../../../src/data/db.ts';
import { saveOwnVault } from '../../../src/data/own-vaults.ts';
import { EXAM_DAY_KEY, recordGrade, saveSettings } from '../../../src/data/progress.ts';
import { saveQuizResult } from '../../../src/data/quiz.ts';
import { recordLabCompleted, saveSandboxJson } from '../../../src/data/sandbox.ts';
import { encodeDrill, makeResult, type Drill, type DrillResult } from '../../../src/lib/drills/index.ts';
import { importVault } from '../../../src/lib/library/import-vault.ts';
import type { OwnVault } from '../../../src/lib/library/types.ts';
import { Sandbox } from '../../../src/lib/sandbox/engine.ts';
import type { WorldOptions } from '../../../src/lib/sandbox/world.ts';
import { createScheduler } from '../../../src/lib/srs/scheduler.ts';
import { DEFAULT_SRS_SETTINGS } from '../../../src/lib/srs/types.ts';
import { makeDrill, NOW, rightResponse, wrongResponse } from '../drills/helpers.ts';

export const DAY = 86_400_000;
export const scheduler = createScheduler(DEFAULT_SRS_SETTINGS);

/** A result of `drill` by `student`, every answer right or every answer wrong. */
export function drillResult(drill: Drill, student: string, right: boolean, at: number): Promise<DrillResult> {
  const responses = Object.fromEntries(drill.questions.map((q) => [q.id, right ? rightResponse(q) : wrongResponse(q)]));
  return makeResult(drill, student, responses, { startedAt: at }, at + 60_000);
}

/** An own vault of one note in a sub-folder, with one image. */
export function ownVault(id: string, text: string, now: number): OwnVault {
  return importVault({ id, name: id.toUpperCase(), notes: [{ path: 'Sub folder/My note.md', text }], images: [{ path: 'img/a.png', mime: 'image/png', dataUrl: 'data:image/png;base64,iVBORw0KGgo=', bytes: 8 }], skipped: [], removeMissing: false, now }).vault;
}

/** Fills `db` as a device that used every feature; returns the drill it made and took. */
export async function useEverything(db: VaultcardsDB, sandbox: WorldOptions = { seed: 'backup-test' }): Promise<{ drill: Drill }> {
  await recordGrade(db, scheduler, 'card-a', 3, NOW);
  await recordGrade(db, scheduler, 'card-a', 1, NOW + DAY);
  await recordGrade(db, scheduler, 'card-b', 4, NOW + 2 * DAY);
  await saveSettings(db, { ...DEFAULT_SRS_SETTINGS, newPerDay: 7 });
  await db.settings.put({ key: EXAM_DAY_KEY, value: { examDay: NOW + 30 * DAY } });
  await saveQuizResult(db, { at: NOW, score: 1, total: 2, questions: [{ id: 'q1', correct: true, topic: 'n#s' }, { id: 'q2', correct: false, topic: 'n#s' }] });
  const drill = makeDrill({ count: 3 });
  await saveCreatedDrill(db, { drill, code: await encodeDrill(drill), createdAt: NOW, results: [] });
  await addResults(db, drill.id, [await drillResult(drill, 'Ana', true, NOW)]);
  await addAssigned(db, drill, NOW);
  await recordAttempt(db, drill.id, await drillResult(drill, 'Me', false, NOW + 1000));
  await recordLabCompleted(db, 'compliance-lock', NOW);
  const world = Sandbox.create(sandbox);
  world.call('CreateBackupVault', { BackupVaultName: 'kept-vault' });
  // As the console saves it: where the learner was, and the engine's state.
  await saveSandboxJson(db, { accountId: '222222222222', region: 'us-east-1', state: world.toJSON() });
  await saveOwnVault(db, ownVault('mine', '# Mine\n\n- A fact of my own ==to learn==\n', NOW));
  return { drill };
}
