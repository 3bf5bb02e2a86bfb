// @vitest-environment node
/**
 * The local endpoint (`scripts/sandbox-server.ts`) over real HTTP on
 * 127.0.0.1: the real AWS SDK client with `endpoint: url`, `fetch` for the
 * sandbox routes, and the state file on disk between two runs of the server.
 * Each test gets its own temporary directory and a free port (port 0), so the
 * tests run side by side with anything else on the machine.
 */
import { request as httpRequest } from 'node:http';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackupClient, CreateBackupVaultCommand, ListBackupVaultsCommand, type BackupServiceException } from '@aws-sdk/client-backup';
import { banner, isLoopback, startServer, type RunningServer } from '../../../scripts/sandbox-server.ts';
import { CliError, parseCli } from '../../../scripts/sandbox-serve.ts';

let dir = '';
let stateFile = '';
const servers: RunningServer[] = [];
const clients: BackupClient[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vaultcards-serve-'));
  stateFile = join(dir, 'nested', 'state.json');
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});

async function start(options: { seed?: string; file?: string } = {}): Promise<RunningServer> {
  const server = await startServer({ port: 0, stateFile: options.file ?? stateFile, seed: options.seed ?? 'serve-test' });
  servers.push(server);
  return server;
}

/** Stops a server started by `start` (and forgets it, so afterEach does not close it twice). */
async function stop(server: RunningServer): Promise<void> {
  for (const client of clients.splice(0)) client.destroy();
  servers.splice(servers.indexOf(server), 1);
  await server.close();
}

/** The real SDK client over real HTTP; retries off so a refusal is one request. */
function client(url: string, region = 'us-east-1', accessKeyId = 'AKIASANDBOXWORK0002'): BackupClient {
  const c = new BackupClient({ endpoint: url, region, credentials: { accessKeyId, secretAccessKey: 'x' }, maxAttempts: 1 });
  clients.push(c);
  return c;
}

async function getJson(url: string): Promise<Record<string, unknown>> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

async function vaultNames(c: BackupClient): Promise<string[]> {
  const listed = await c.send(new ListBackupVaultsCommand({}));
  return (listed.BackupVaultList ?? []).map((v) => v.BackupVaultName ?? '');
}

describe('sandbox:serve over HTTP', () => {
  it('serves the SDK and the sandbox routes, and keeps vault and clock across a restart', async () => {
    const first = await start();
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(first.loaded).toBe(false);
    expect(first.seed).toBe('serve-test');
    // A new sandbox is written at once (the nested directory is created).
    expect(JSON.parse(await readFile(stateFile, 'utf8'))).toMatchObject({ version: 1, seed: 'serve-test' });

    const work = client(first.url);
    const created = await work.send(new CreateBackupVaultCommand({ BackupVaultName: 'lab-vault' }));
    expect(created.BackupVaultArn).toBe('arn:aws:backup:us-east-1:222222222222:backup-vault:lab-vault');
    expect(await vaultNames(work)).toContain('lab-vault');
    // Saved after the PUT, before any shutdown, and atomically (no .tmp left behind).
    const saved = JSON.parse(await readFile(stateFile, 'utf8')) as { vaults: { BackupVaultName: string }[] };
    expect(saved.vaults.map((v) => v.BackupVaultName)).toContain('lab-vault');
    expect(await readdir(join(dir, 'nested'))).toEqual(['state.json']);

    const advanced = await fetch(`${first.url}/_sandbox/clock/advance`, { method: 'POST', body: JSON.stringify({ seconds: 86400 }) });
    expect(advanced.status).toBe(200);
    const { Now } = (await advanced.json()) as { Now: string };
    expect(Now).toBe('2026-01-02T00:00:00.000Z');

    const { Resources } = (await getJson(`${first.url}/_sandbox/resources`)) as { Resources: { ResourceArn: string; AccountId: string }[] };
    expect(Resources.length).toBeGreaterThan(10);
    expect(Resources.some((r) => r.AccountId === '222222222222' && r.ResourceArn.startsWith('arn:aws:ec2:us-east-1:222222222222:volume/'))).toBe(true);
    const { Events } = (await getJson(`${first.url}/_sandbox/events`)) as { Events: { 'detail-type': string; resources: string[] }[] };
    expect(Events).toContainEqual(expect.objectContaining({ 'detail-type': 'Backup Vault State Change', resources: [created.BackupVaultArn] }));

    await stop(first);

    const second = await start({ seed: 'ignored-because-the-file-exists' });
    expect(second.loaded).toBe(true);
    expect(second.seed).toBe('serve-test');
    expect(await getJson(`${second.url}/_sandbox/clock`)).toEqual({ Now });
    expect(await vaultNames(client(second.url))).toContain('lab-vault');
    // The ListBackupVaults calls (reads, saved at shutdown) are in the activity log too.
    const { Activity } = (await getJson(`${second.url}/_sandbox/activity`)) as { Activity: { eventName: string }[] };
    expect(Activity.map((a) => a.eventName)).toEqual(['CreateBackupVault', 'ListBackupVaults', 'ListBackupVaults']);
  });

  it('saves every one of many concurrent changes, and the file is always whole', async () => {
    const server = await start();
    const work = client(server.url);
    const names = Array.from({ length: 25 }, (_, i) => `burst-${i}`);
    await Promise.all(names.map((name) => work.send(new CreateBackupVaultCommand({ BackupVaultName: name }))));
    const saved = JSON.parse(await readFile(stateFile, 'utf8')) as { vaults: { BackupVaultName: string }[] };
    expect(saved.vaults.map((v) => v.BackupVaultName)).toEqual(expect.arrayContaining(names));
    expect(await readdir(join(dir, 'nested'))).toEqual(['state.json']);
  });

  it('takes the account from the access key and the Region from the signature', async () => {
    const server = await start();
    const eu = client(server.url, 'eu-west-1', 'AKIASANDBOXWORK0002');
    const created = await eu.send(new CreateBackupVaultCommand({ BackupVaultName: 'eu-vault' }));
    expect(created.BackupVaultArn).toBe('arn:aws:backup:eu-west-1:222222222222:backup-vault:eu-vault');
    // The management account in us-east-1 does not see it.
    expect(await vaultNames(client(server.url, 'us-east-1', 'AKIASANDBOXMGMT0001'))).not.toContain('eu-vault');
  });

  it('answers refusals as the SDK expects them', async () => {
    const server = await start();
    const work = client(server.url);
    await work.send(new CreateBackupVaultCommand({ BackupVaultName: 'twice' }));
    const error = (await work.send(new CreateBackupVaultCommand({ BackupVaultName: 'twice' })).then(
      () => undefined,
      (e: unknown) => e,
    )) as BackupServiceException & { SandboxRule?: { id: string } };
    expect(error.name).toBe('AlreadyExistsException');
    expect(error.message).toBe('Backup vault with the same name already exists');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.SandboxRule?.id).toBe('vault.unique-name');
  });

  it('refuses to start on a broken state file, naming it, and leaves it untouched', async () => {
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{"version": 1, "seed": "x", "now": ');
    await expect(startServer({ port: 0, stateFile: broken })).rejects.toThrow(broken);
    await expect(startServer({ port: 0, stateFile: broken })).rejects.toThrow(/not valid JSON/);
    const wrongShape = join(dir, 'wrong.json');
    await writeFile(wrongShape, JSON.stringify({ version: 1, seed: 'x' }));
    await expect(startServer({ port: 0, stateFile: wrongShape })).rejects.toThrow(/wrong\.json.*not valid: now/);
    expect(await readFile(broken, 'utf8')).toBe('{"version": 1, "seed": "x", "now": ');
    expect((await readdir(dir)).sort()).toEqual(['broken.json', 'wrong.json']);
  });

  it('says so when the port is taken', async () => {
    const server = await start();
    await expect(startServer({ port: server.port, stateFile: join(dir, 'other.json') })).rejects.toThrow(`Port ${server.port} on 127.0.0.1 is already in use`);
    expect(await readdir(dir)).toEqual(['nested']);
  });

  it('says so when the state file cannot be read or written', async () => {
    const blocker = join(dir, 'a-file');
    await writeFile(blocker, 'not a directory');
    await expect(startServer({ port: 0, stateFile: join(blocker, 'state.json') })).rejects.toThrow(
      `Cannot read the sandbox state file ${join(blocker, 'state.json')}: ENOTDIR`,
    );
    // The temporary file of the atomic write cannot be made (a directory is in the way).
    await mkdir(join(dir, 'state.json.tmp'));
    await expect(startServer({ port: 0, stateFile: join(dir, 'state.json') })).rejects.toThrow(
      `Cannot write the sandbox state file ${join(dir, 'state.json')}: EISDIR`,
    );
  });

  it('answers only requests addressed to a loopback name while bound to 127.0.0.1', async () => {
    const server = await start();
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest(`${server.url}/_sandbox/clock`, { headers: { host } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    expect(await status('attacker.example:80')).toBe(403);
    expect(await status(`localhost:${server.port}`)).toBe(200);
    expect(await status(`127.0.0.1:${server.port}`)).toBe(200);
    expect(isLoopback('[::1]')).toBe(true);
    expect(isLoopback('0.0.0.0')).toBe(false);
  });

  it('prints the URL, the state file, the access keys and an AWS CLI example', async () => {
    const server = await start();
    const text = banner(server);
    expect(text).toContain(server.url);
    expect(text).toContain(server.stateFile);
    expect(text).toContain('AKIASANDBOXMGMT0001 → account 111111111111');
    expect(text).toContain('AKIASANDBOXWORK0002 → account 222222222222');
    expect(text).toContain(
      `AWS_ACCESS_KEY_ID=AKIASANDBOXWORK0002 AWS_SECRET_ACCESS_KEY=x aws backup list-backup-vaults --region us-east-1 --endpoint-url ${server.url}`,
    );
  });
});

describe('sandbox:serve command line', () => {
  it('defaults to 127.0.0.1:4566 and .sandbox/state.json', () => {
    expect(parseCli([])).toEqual({ port: 4566, host: '127.0.0.1', hostGiven: false, stateFile: '.sandbox/state.json', seed: 'vaultcards', quiet: false });
    expect(parseCli(['--port', '0', '--host', '0.0.0.0', '--state', 's.json', '--seed', 'lab'])).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      hostGiven: true,
      stateFile: 's.json',
      seed: 'lab',
    });
    expect(parseCli(['--help'])).toBe('help');
  });

  it.each([
    [['--port', 'abc'], '--port must be a whole number from 1 to 65535 (or 0 for any free port), got "abc"'],
    [['--port=-1'], '--port must be a whole number'],
    [['--port', '4566.5'], '--port must be a whole number'],
    [['--port', '70000'], '--port must be at most 65535'],
    [['--port'], "argument missing"],
    [['--prot', '1'], "Unknown option '--prot'"],
    [['--seed', ''], '--seed cannot be empty'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCli(argv)).toThrow(CliError);
    expect(() => parseCli(argv)).toThrow(message);
  });
});
