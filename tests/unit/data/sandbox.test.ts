import { readFileSync } from 'node:fs';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VaultcardsDB } from '../../../src/data/db.ts';
import { exportProgress, importProgress } from '../../../src/data/progress-file.ts';
import { loadLabRecords, loadSandboxJson, recordLabCompleted, SANDBOX_LABS_KEY, SANDBOX_STATE_KEY } from '../../../src/data/sandbox.ts';
import { buildVault } from '../../../src/lib/content/index.ts';
import { createScheduler } from '../../../src/lib/srs/scheduler.ts';
import { DEFAULT_SRS_SETTINGS } from '../../../src/lib/srs/types.ts';
import { SandboxConsole } from '../../../src/state/sandbox.svelte.ts';

const content = buildVault([{ path: 'storage-aws-backup.md', text: readFileSync('content/storage-aws-backup.md', 'utf8') }]);
const clock = { now: () => Date.UTC(2026, 0, 5, 9), timezoneOffsetMinutes: () => 0 };
let db: VaultcardsDB;
const consoles: SandboxConsole[] = [];

afterEach(async () => {
  // Let every queued save (and lab check) finish before the database closes.
  await new Promise((r) => setTimeout(r, 20));
  await Promise.all(consoles.splice(0).map((c) => c.flush()));
  db.close();
  await Dexie.delete(db.name);
});

function freshDb(): VaultcardsDB {
  db = new VaultcardsDB(`sandbox-${Math.random()}`);
  return db;
}

async function opened(): Promise<SandboxConsole> {
  const sc = new SandboxConsole(db, content, clock);
  consoles.push(sc);
  await sc.open();
  return sc;
}

describe('the sandbox in IndexedDB', () => {
  it('makes a sandbox on first open, saves every change, and finds it again', async () => {
    freshDb();
    const sc = await opened();
    sc.call('CreateBackupVault', { BackupVaultName: 'kept' });
    sc.advance(86_400);
    await sc.flush();
    const again = await opened();
    expect(again.sandbox?.state.vaults.some((v) => v.BackupVaultName === 'kept')).toBe(true);
    expect(again.sandbox?.state.now).toBe(Date.UTC(2026, 0, 2));
  });

  it('keeps a damaged saved sandbox untouched and says so; reset replaces it', async () => {
    freshDb();
    await db.settings.put({ key: SANDBOX_STATE_KEY, value: { state: { version: 1, seed: 3 } } });
    const sc = await opened();
    expect(sc.loadProblem).toMatch(/The sandbox state is not valid: seed/);
    sc.call('CreateBackupVault', { BackupVaultName: 'scratch' });
    await sc.flush();
    expect(await loadSandboxJson(db)).toEqual({ state: { version: 1, seed: 3 } });
    await sc.reset();
    expect(sc.loadProblem).toBeNull();
    expect((await loadSandboxJson(db)) as { state: { version: number } }).toMatchObject({ state: { version: 1 } });
  });

  it('imports a good export, and a bad file changes nothing', async () => {
    freshDb();
    const sc = await opened();
    sc.call('CreateBackupVault', { BackupVaultName: 'before' });
    const good = sc.exportText();
    sc.call('CreateBackupVault', { BackupVaultName: 'after' });
    for (const bad of ['not json', '{"format":"other"}', '{"format":"vaultcards-sandbox","state":{"version":2}}']) {
      const result = await sc.importText(bad);
      expect(result.ok).toBe(false);
      expect(sc.sandbox?.state.vaults.some((v) => v.BackupVaultName === 'after')).toBe(true);
    }
    expect(await sc.importText(good)).toEqual({ ok: true });
    expect(sc.sandbox?.state.vaults.some((v) => v.BackupVaultName === 'after')).toBe(false);
    expect(sc.sandbox?.state.vaults.some((v) => v.BackupVaultName === 'before')).toBe(true);
  });

  it('shows a refusal with its rule and the fact in the notes, with links to the card and its review', async () => {
    freshDb();
    const sc = await opened();
    expect(sc.call('DeleteBackupVault', { BackupVaultName: 'Default' })).toBeUndefined();
    expect(sc.refusal).toMatchObject({ operation: 'DeleteBackupVault', name: 'InvalidRequestException' });
    expect(sc.refusal?.rule?.id).toBe('vault.delete-default');
    const [fact] = sc.refusal?.facts ?? [];
    expect(fact?.text).toBe('cannot delete AWS backup default vault and AWS EFS automatic backup vault');
    expect(fact?.href).toMatch(/^#\/n\/storage-aws-backup\/f\//);
    expect(fact?.reviewHref).toMatch(/^#\/review\?note=storage-aws-backup&section=/);
    // The block id of the plan fact (^6d75b2) finds its line.
    const planRule = sc.factLink({ kind: 'note', note: 'storage-aws-backup', fact: 'policy expression; determines when/how you want your AWS resources backed up', blockId: '6d75b2' });
    expect(planRule?.href).toContain('6d75b2');
  });

  it('runs AWS CLI lines, tells what happened when the clock moved, and records a completed lab once', async () => {
    freshDb();
    const sc = await opened();
    expect(sc.runCommand('aws backup create-backup-vault --backup-vault-name cli').output).toContain('"BackupVaultArn"');
    expect(sc.runCommand('aws backup delete-backup-vault --backup-vault-name Default')).toMatchObject({ failed: true });
    expect(sc.refusal?.rule?.id).toBe('vault.delete-default');
    expect(sc.runCommand('aws backup help').output).toContain('create-backup-vault');

    await sc.startLab('undeletable-vaults');
    expect(sc.activeLab?.id).toBe('undeletable-vaults');
    sc.call('DeleteBackupVault', { BackupVaultName: 'Default' });
    sc.call('DeleteBackupVault', { BackupVaultName: 'aws/efs/automatic-backup-vault' });
    await sc.flush();
    expect(sc.labChecks.every((c) => c.passed)).toBe(true);
    await vi.waitFor(async () => expect((await loadLabRecords(db))['undeletable-vaults']).toEqual({ completedAt: clock.now() }));

    sc.runCommand(
      `aws backup start-backup-job --backup-vault-name Default --resource-arn ${sc.sandbox?.state.resources.find((r) => r.type === 'EBS' && r.accountId === '222222222222' && r.region === 'us-east-1')?.arn} --iam-role-arn arn:aws:iam::222222222222:role/b`,
    );
    sc.advance(86_400);
    expect(sc.happened?.counts.find((c) => c.label === 'Backup Job State Change: COMPLETED')?.count).toBe(1);
  });
});

describe('the sandbox in backups', () => {
  it('a backup holds lab records and the sandbox state; replacing with it restores both, and a version 1 file keeps the sandbox', async () => {
    freshDb();
    await db.settings.put({ key: SANDBOX_STATE_KEY, value: { state: 'big' } });
    await recordLabCompleted(db, 'compliance-lock', 123);
    await recordLabCompleted(db, 'compliance-lock', 999);
    expect(await loadLabRecords(db)).toEqual({ 'compliance-lock': { completedAt: 123 } });
    const file = await exportProgress(db, 1000);
    expect(file.settings.map((s) => s.key)).toEqual([SANDBOX_LABS_KEY, SANDBOX_STATE_KEY]);
    const labsOnly = { ...file, settings: [{ key: SANDBOX_LABS_KEY, value: { 'restore-charge': { completedAt: 5 } } }] };
    // A progress-only file of version 1 (before backups held everything) leaves the sandbox alone.
    await importProgress(db, labsOnly, 'replace', createScheduler(DEFAULT_SRS_SETTINGS), 1);
    expect(await loadSandboxJson(db)).toEqual({ state: 'big' });
    expect(await loadLabRecords(db)).toEqual({ 'restore-charge': { completedAt: 5 } });
    // A whole backup replaces everything: the database becomes the file.
    await importProgress(db, labsOnly, 'replace', createScheduler(DEFAULT_SRS_SETTINGS), 2);
    expect(await loadSandboxJson(db)).toBeUndefined();
    await importProgress(db, file, 'replace', createScheduler(DEFAULT_SRS_SETTINGS));
    expect(await loadSandboxJson(db)).toEqual({ state: 'big' });
    expect(await loadLabRecords(db)).toEqual({ 'compliance-lock': { completedAt: 123 } });
  });

  it('reads damaged lab records as none', async () => {
    freshDb();
    await db.settings.put({ key: SANDBOX_LABS_KEY, value: { a: { completedAt: 'soon' } } });
    expect(await loadLabRecords(db)).toEqual({});
  });
});
