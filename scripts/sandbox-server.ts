/**
 * The AWS Backup sandbox as a local HTTP endpoint, so a learner can point the
 * real AWS CLI or an AWS SDK at it (`--endpoint-url http://127.0.0.1:4566`)
 * and practise the labs with the tools they will use on AWS.
 *
 * This module is the reusable part: `startServer` loads (or creates) the
 * sandbox, serves the REST router over `node:http` and saves the state after
 * every request that may have changed it. `scripts/sandbox-serve.ts` is the
 * command-line wrapper; the tests start this on port 0.
 *
 * Why the server is careful about where it listens and whom it answers: the
 * sandbox has no authentication at all (any secret key works), so by default
 * it binds to the loopback interface only, and while bound there it answers
 * only requests addressed to a loopback name. The second check stops a web
 * page from reaching the sandbox through DNS rebinding (a hostile name that
 * resolves to 127.0.0.1): the browser would still send that name in `Host`.
 *
 * Why saves are atomic: the state file is the learner's whole lab. It is
 * written to `<file>.tmp`, flushed to disk, then renamed over the file, so a
 * crash or a power cut leaves either the old state or the new one, never half
 * of one.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Sandbox } from '../src/lib/sandbox/engine.ts';
import { SandboxStateError } from '../src/lib/sandbox/state-file.ts';
import { createRouter, DEFAULT_ACCESS_KEYS, type HttpRequest, type HttpResponse } from '../src/lib/sandbox/rest/router.ts';

/** Where the state lives unless told otherwise (relative to the working directory; `.sandbox/` is git-ignored). */
export const DEFAULT_STATE_FILE = '.sandbox/state.json';
export const DEFAULT_SEED = 'vaultcards';
export const DEFAULT_HOST = '127.0.0.1';
/** LocalStack's port, which learners' AWS CLI profiles and tutorials often already use. */
export const DEFAULT_PORT = 4566;
/** The largest request body accepted. AWS Backup requests are small; a vault policy is at most 10 KB or so. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface ServerOptions {
  /** TCP port; 0 picks a free one (the tests do). */
  port: number;
  /** Interface to bind; `127.0.0.1` when absent. Anything else exposes an unauthenticated endpoint. */
  host?: string;
  /** The JSON state file; loaded when it exists, created otherwise. `.sandbox/state.json` when absent. */
  stateFile?: string;
  /** Seed of a new sandbox (ignored when the state file exists). `vaultcards` when absent. */
  seed?: string;
  /** Called after every request, for the CLI's one-line request log. */
  onRequest?: (entry: RequestLogEntry) => void;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  /** The AWS exception name of a refused call (`x-amzn-ErrorType`), when there is one. */
  errorType?: string;
  /** How long the request took, ms. */
  ms: number;
}

export interface RunningServer {
  /** `http://127.0.0.1:<port>` (the port actually bound, when 0 was asked for). */
  url: string;
  host: string;
  port: number;
  /** Absolute path of the state file. */
  stateFile: string;
  /** True when the state came from the file, false when a new sandbox was made from the seed. */
  loaded: boolean;
  /** The seed of the running sandbox (from the file when loaded). */
  seed: string;
  /** Stops accepting requests, waits for the ones in flight, saves the state once more; safe to call twice. */
  close(): Promise<void>;
}

/** A failure to start the server, worded for the person at the terminal. */
export class SandboxServerError extends Error {
  override readonly name = 'SandboxServerError';
}

/** Whether a host (an interface to bind, or the name in a `Host` header) is the local machine's loopback. */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** The host part of a `Host` header: `127.0.0.1:4566` → `127.0.0.1`, `[::1]:4566` → `[::1]`. */
function hostName(header: string): string {
  const bracketed = /^(\[[^\]]*\])(?::\d*)?$/.exec(header);
  if (bracketed) return bracketed[1] ?? header;
  return header.replace(/:\d*$/, '');
}

function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/**
 * Loads the sandbox from the state file, or makes a new one when there is no
 * file. A file that is there but cannot be read or is not a valid state is an
 * error naming the file and the problem; the file is left untouched so the
 * learner's lab is never replaced by an empty one.
 */
async function loadSandbox(file: string, seed: string): Promise<{ sandbox: Sandbox; loaded: boolean }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { sandbox: Sandbox.create({ seed }), loaded: false };
    throw new SandboxServerError(`Cannot read the sandbox state file ${file}: ${(error as Error).message}`);
  }
  try {
    return { sandbox: Sandbox.fromJSON(text), loaded: true };
  } catch (error) {
    const problem = error instanceof SandboxStateError ? error.message : `unexpected error: ${(error as Error).message}`;
    throw new SandboxServerError(
      `Cannot load the sandbox state file ${file}: ${problem}. ` +
        'The file was left as it is: fix it, or move it away (or pass another --state) to start a new sandbox.',
    );
  }
}

/**
 * Writes the state atomically: to `<file>.tmp`, flushed, then renamed over the
 * file. Rename within a directory is atomic on POSIX file systems (and
 * replaces the target on Windows too, as Node's `rename` uses MoveFileEx).
 */
async function writeAtomically(file: string, text: string): Promise<void> {
  const tmp = `${file}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, file);
}

/** Reads the whole body as UTF-8, refusing more than MAX_BODY_BYTES. */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooBig = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolveBody(tooBig ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The router's request from Node's: raw path without the query, the query decoded, header names lower-cased. */
export function toRouterRequest(method: string, rawUrl: string, rawHeaders: IncomingMessage['headers'], body: string): HttpRequest {
  // A request target may be absolute (`http://host/path?q`) when a proxy is involved; keep only path and query.
  let target = rawUrl;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    const parsed = new URL(target);
    target = parsed.pathname + parsed.search;
  }
  const at = target.indexOf('?');
  const path = at < 0 ? target : target.slice(0, at);
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(at < 0 ? '' : target.slice(at + 1))) {
    const existing = query[key];
    query[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(rawHeaders)) {
    if (value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return { method: method.toUpperCase(), path: path === '' ? '/' : path, query, headers, body };
}

function plainError(status: number, type: string, message: string): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-ErrorType': type },
    body: JSON.stringify({ Message: message, Code: type, Type: status >= 500 ? 'Server' : 'User' }),
  };
}

function send(res: ServerResponse, response: HttpResponse): void {
  const body = Buffer.from(response.body, 'utf8');
  res.writeHead(response.status, { ...response.headers, 'content-length': String(body.length) });
  res.end(body);
}

/** Resolves once the server listens; rejects with a message saying what to do when the port cannot be had. */
function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolveListen, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      const where = `${host}:${port}`;
      if (error.code === 'EADDRINUSE')
        reject(new SandboxServerError(`Port ${port} on ${host} is already in use: stop the program using it, or pass another --port`));
      else if (error.code === 'EACCES')
        reject(new SandboxServerError(`Not allowed to listen on ${where}: ports below 1024 need privileges; pass --port 4566 or another high port`));
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND')
        reject(new SandboxServerError(`Cannot listen on ${host}: no network interface of this machine has that address`));
      else reject(new SandboxServerError(`Cannot listen on ${where}: ${error.message}`));
    };
    const onListening = () => {
      server.off('error', onError);
      resolveListen();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/**
 * Starts the sandbox's HTTP endpoint.
 *
 * @example
 * const server = await startServer({ port: 0, stateFile: '/tmp/lab/state.json' });
 * // new BackupClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIASANDBOXWORK0002', secretAccessKey: 'x' } })
 * await server.close();
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  const stateFile = resolve(options.stateFile ?? DEFAULT_STATE_FILE);
  const { sandbox, loaded } = await loadSandbox(stateFile, options.seed ?? DEFAULT_SEED);
  const router = createRouter(sandbox);
  const guardHost = isLoopback(host);

  // Saves run one after another (they share the .tmp file). A save takes its snapshot when it starts, so
  // every change made while it waited is in it: requests arriving during a save share the next one.
  let chain: Promise<void> = Promise.resolve();
  let queued: Promise<void> | undefined;
  let saveError: Error | undefined;
  /** Whether something (even a read: the activity log records every call) changed since the last queued save. */
  let dirty = false;
  const save = (): Promise<void> => {
    dirty = false;
    if (queued) return queued;
    const run = chain.then(async () => {
      queued = undefined;
      try {
        await writeAtomically(stateFile, JSON.stringify(sandbox.toJSON()));
        saveError = undefined;
      } catch (error) {
        saveError = error as Error;
      }
    });
    queued = run;
    chain = run;
    return run;
  };

  try {
    await mkdir(dirname(stateFile), { recursive: true });
  } catch (error) {
    throw new SandboxServerError(`Cannot create the directory of the state file ${stateFile}: ${(error as Error).message}`);
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = Date.now();
    const method = (req.method ?? 'GET').toUpperCase();
    let response: HttpResponse;
    let path = req.url ?? '/';
    const hostHeader = req.headers.host;
    const body = await readBody(req);
    if (guardHost && hostHeader !== undefined && !isLoopback(hostName(hostHeader))) {
      response = plainError(403, 'AccessDeniedException', `The sandbox answers only requests addressed to 127.0.0.1 or localhost, not ${hostHeader}`);
    } else if (body === undefined) {
      response = plainError(413, 'InvalidRequestException', `Request body larger than ${MAX_BODY_BYTES} bytes`);
    } else {
      const request = toRouterRequest(method, path, req.headers, body);
      path = request.path;
      // The router never throws (refusals and bugs alike become error responses).
      response = router(request);
      dirty = true;
      if (method !== 'GET') {
        await save();
        if (saveError) {
          // The call took effect in memory but is not on disk: say so rather than pretend all is well.
          response = plainError(500, 'ServiceUnavailableException', `The call ran, but saving the state to ${stateFile} failed: ${saveError.message}`);
        }
      }
    }
    send(res, response);
    const errorType = response.headers['x-amzn-ErrorType'];
    options.onRequest?.({ method, path, status: response.status, ...(errorType ? { errorType } : {}), ms: Date.now() - started });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, plainError(500, 'ServiceUnavailableException', (error as Error).message));
      else res.destroy();
    });
  });
  await listen(server, options.port, host);
  if (!loaded) {
    // Written at once (after the port is ours, so a port clash leaves no file behind): the learner sees the
    // file, and an unwritable place fails now rather than mid-lab.
    await save();
    if (saveError) {
      const problem = saveError.message;
      await new Promise<void>((done) => server.close(() => done()));
      throw new SandboxServerError(`Cannot write the sandbox state file ${stateFile}: ${problem}`);
    }
  }
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolveClose) => {
      // Keep-alive sockets of SDK clients would hold close() open; idle ones go now, busy ones after their response.
      const force = setTimeout(() => server.closeAllConnections(), 2_000);
      force.unref();
      server.close(() => {
        clearTimeout(force);
        resolveClose();
      });
      server.closeIdleConnections();
    }).then(async () => {
      if (dirty) await save();
      else await chain;
      if (saveError) throw new SandboxServerError(`Saving the sandbox state to ${stateFile} failed: ${saveError.message}`);
    });
    return closing;
  };

  return { url: `http://${urlHost(host)}:${port}`, host, port, stateFile, loaded, seed: sandbox.state.seed, close };
}

/** The access keys the sandbox maps to accounts (the router's defaults), for the banner and the docs. */
export const ACCESS_KEYS: Readonly<Record<string, string>> = DEFAULT_ACCESS_KEYS;

/** What the CLI prints once the server listens: where it is, where the state is, how to call it. */
export function banner(server: RunningServer): string {
  const keys = Object.entries(ACCESS_KEYS).map(([key, account]) => `  ${key} → account ${account}${account === '111111111111' ? ' (management)' : ' (workload)'}`);
  const exampleKey = Object.keys(ACCESS_KEYS).find((key) => ACCESS_KEYS[key] === '222222222222') ?? 'AKIASANDBOXWORK0002';
  return [
    `AWS Backup sandbox listening on ${server.url}`,
    `State file: ${server.stateFile} (${server.loaded ? 'loaded' : `new sandbox, seed "${server.seed}"`})`,
    'Access keys (any secret works; the Region comes from the request signature):',
    ...keys,
    '  any other key → the 12-digit account id written in it (AKIA222222222222TEST), else account 111111111111',
    'Try:',
    `  AWS_ACCESS_KEY_ID=${exampleKey} AWS_SECRET_ACCESS_KEY=x aws backup list-backup-vaults --region us-east-1 --endpoint-url ${server.url}`,
    `  curl -s -X POST ${server.url}/_sandbox/clock/advance -d '{"seconds": 86400}'`,
    'Press Ctrl+C to stop (the state is saved after every change).',
  ].join('\n');
}
