/**
 * The runner's plumbing: commands, the preview server, the machine it runs on.
 * Node only; see `run.mjs` for the order of things.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';

const VITE = join('node_modules', 'vite', 'bin', 'vite.js');

/**
 * Runs a command to the end; throws with its output when it fails.
 * @param {string} label shown while it runs
 * @param {string} command
 * @param {string[]} args
 * @param {Record<string, string>} [env] added to this process's environment
 * @returns {string} its standard output
 */
export function run(label, command, args, env = {}) {
  process.stdout.write(`  ${label}… `);
  const started = Date.now();
  const result = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    console.log('failed');
    throw new Error(`${label} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  console.log(`${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.stdout;
}

/**
 * Builds with Vite (the app's own config unless `config` is given).
 * @param {string} label
 * @param {string} contentDir notes folder the build compiles
 * @param {{ outDir?: string, config?: string, env?: Record<string, string> }} options
 */
export function viteBuild(label, contentDir, { outDir, config, env = {} }) {
  const args = [VITE, 'build', '--logLevel', 'warn'];
  if (config) args.push('--config', config);
  if (outDir) args.push('--outDir', outDir, '--emptyOutDir');
  run(label, process.execPath, args, { VAULTCARDS_CONTENT: contentDir, ...env });
}

/**
 * Starts `vite preview` on `dist` and waits until it answers.
 * @param {string} dist
 * @param {number} port
 * @param {string} [probePath] a page of that build to ask for until it answers
 * @returns {Promise<{ url: string, stop: () => Promise<unknown> }>} stop() ends the server (safe to call twice)
 */
export async function startPreview(dist, port, probePath = '/bench/seed.html') {
  const server = spawn(process.execPath, [VITE, 'preview', '--outDir', dist, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout.on('data', (chunk) => (output += chunk));
  server.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => server.once('exit', resolve));
  /** Ends the server; resolves once it has exited (its port is free again). */
  const stop = () => {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
    return exited;
  };
  const url = `http://127.0.0.1:${port}`;
  for (let waited = 0; waited < 30_000; waited += 200) {
    if (server.exitCode !== null) throw new Error(`vite preview exited (${server.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${url}${probePath}`)).ok) return { url, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  stop();
  throw new Error(`vite preview did not answer on ${url} within 30 s:\n${output}`);
}

/**
 * What the figures were measured on, with the 1-minute load average when
 * called (other work on a shared machine shows in the figures).
 * @param {string} chromium path of the Chromium binary
 */
export function machine(chromium) {
  let cpu = 'unknown';
  try {
    cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu;
  } catch {
    // not Linux
  }
  const version = spawnSync(chromium, ['--version'], { encoding: 'utf8' }).stdout.trim() || 'unknown';
  return { nproc: availableParallelism(), cpu, chromium: version, node: process.version, load: loadavg()[0].toFixed(2) };
}
