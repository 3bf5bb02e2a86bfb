/**
 * `npm run sandbox:serve -- [--port 4566] [--state .sandbox/state.json] [--seed vaultcards] [--host 127.0.0.1] [--quiet]`
 *
 * Runs the AWS Backup sandbox as a local endpoint for the AWS CLI and SDKs.
 * This file only reads the command line, prints, and handles signals; the
 * server itself is `scripts/sandbox-server.ts` (which the tests start
 * directly).
 *
 * Why `--host` must be given explicitly to listen anywhere but 127.0.0.1: the
 * sandbox checks no credentials, so exposing it to the network should be a
 * decision, not a default.
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import {
  banner,
  DEFAULT_HOST,
  DEFAULT_PORT,
  DEFAULT_SEED,
  DEFAULT_STATE_FILE,
  isLoopback,
  SandboxServerError,
  startServer,
  type RequestLogEntry,
} from './sandbox-server.ts';

export const USAGE = `Usage: npm run sandbox:serve -- [options]

Options:
  --port <n>      TCP port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --state <file>  JSON state file, loaded if it exists, else created (default ${DEFAULT_STATE_FILE})
  --seed <text>   seed of a new sandbox's world (default ${DEFAULT_SEED}; ignored when the state file exists)
  --host <addr>   interface to listen on (default ${DEFAULT_HOST}; anything else exposes an endpoint without authentication)
  --quiet         do not print a line per request
  --help          show this help`;

export interface CliOptions {
  port: number;
  host: string;
  /** Whether --host was given: only then may the server listen beyond the loopback interface. */
  hostGiven: boolean;
  stateFile: string;
  seed: string;
  quiet: boolean;
}

/** A command-line mistake, worded for the person who typed it. */
export class CliError extends Error {
  override readonly name = 'CliError';
}

/** Parses a port the way a person types it; refuses anything but a whole number from 0 to 65535. */
export function parsePort(text: string): number {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) throw new CliError(`--port must be a whole number from 1 to 65535 (or 0 for any free port), got "${text}"`);
  const port = Number(trimmed);
  if (port > 65_535) throw new CliError(`--port must be at most 65535 (TCP ports are 16-bit), got ${trimmed}`);
  return port;
}

/** Reads the arguments (without `node` and the script); `'help'` when help was asked for. Throws CliError. */
export function parseCli(argv: string[]): CliOptions | 'help' {
  let values: { port?: string; state?: string; seed?: string; host?: string; quiet?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', short: 'p' },
        state: { type: 'string' },
        seed: { type: 'string' },
        host: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    // parseArgs says e.g. "Unknown option '--prot'" or "Option '--port <value>' argument missing".
    throw new CliError((error as Error).message);
  }
  if (values.help) return 'help';
  const port = values.port === undefined ? DEFAULT_PORT : parsePort(values.port);
  const stateFile = values.state ?? DEFAULT_STATE_FILE;
  if (stateFile.trim() === '') throw new CliError('--state needs a file name');
  const seed = values.seed ?? DEFAULT_SEED;
  if (seed === '') throw new CliError('--seed cannot be empty');
  const host = values.host ?? DEFAULT_HOST;
  if (host.trim() === '') throw new CliError('--host needs an address, such as 127.0.0.1');
  return { port, host, hostGiven: values.host !== undefined, stateFile, seed, quiet: values.quiet ?? false };
}

function logLine(entry: RequestLogEntry): string {
  const time = new Date().toISOString().slice(11, 19);
  return `${time} ${entry.method} ${entry.path} → ${entry.status}${entry.errorType ? ` ${entry.errorType}` : ''} (${entry.ms} ms)`;
}

async function main(argv: string[]): Promise<void> {
  let options: CliOptions | 'help';
  try {
    options = parseCli(argv);
  } catch (error) {
    console.error(`sandbox:serve: ${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  // Defence in depth: parseCli only yields a non-loopback host when --host was typed.
  if (!isLoopback(options.host)) {
    if (!options.hostGiven) throw new Error('refusing to listen beyond 127.0.0.1 without --host');
    console.warn(`Warning: listening on ${options.host}. The sandbox checks no credentials: anyone who can reach this address can use it.`);
  }

  let server;
  try {
    server = await startServer({
      port: options.port,
      host: options.host,
      stateFile: options.stateFile,
      seed: options.seed,
      ...(options.quiet ? {} : { onRequest: (entry: RequestLogEntry) => console.log(logLine(entry)) }),
    });
  } catch (error) {
    const message = error instanceof SandboxServerError ? error.message : `Unexpected error: ${(error as Error).stack ?? String(error)}`;
    console.error(`sandbox:serve: ${message}`);
    process.exit(1);
  }
  console.log(banner(server));
  if (server.loaded && options.seed !== server.seed && argv.some((a) => a === '--seed' || a.startsWith('--seed=')))
    console.log(`Note: --seed "${options.seed}" is ignored: the state file already holds a sandbox made from seed "${server.seed}".`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`\n${signal} again: exiting without waiting for the final save.`);
      process.exit(1);
    }
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    server.close().then(
      () => {
        console.log(`State saved to ${server.stateFile}.`);
        process.exit(0);
      },
      (error: unknown) => {
        console.error(`sandbox:serve: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

// Run only as a program, not when a test imports parseCli.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`sandbox:serve: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  });
}
