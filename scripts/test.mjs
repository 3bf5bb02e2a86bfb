#!/usr/bin/env node
/**
 * `npm test`: type check, unit and component tests (Vitest), then browser
 * tests (Playwright in Debian's Chromium). Finds a Chromium first: the
 * CHROMIUM_PATH variable, else the system's; installs Debian's `chromium` with
 * apt-get when none is found and apt-get can run; otherwise stops at once and
 * prints the command that installs one.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium', '/snap/bin/chromium'];

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name) {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path ? path : null;
}

function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (executable(fromEnv)) return fromEnv;
    console.error(`CHROMIUM_PATH is set to ${fromEnv}, but no executable is there.`);
    process.exit(1);
  }
  return onPath('chromium') ?? onPath('chromium-browser') ?? CANDIDATES.find(executable) ?? null;
}

function canInstallWithApt() {
  if (!onPath('apt-get')) return false;
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function run(label, command, args, env = {}) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

let chromium = findChromium();
if (!chromium) {
  if (!canInstallWithApt()) {
    console.error('No Chromium found for the browser tests. Install one, then run npm test again:');
    console.error('  sudo apt-get update && sudo apt-get install -y chromium');
    console.error('or point CHROMIUM_PATH at an existing Chromium binary.');
    process.exit(1);
  }
  console.log("No Chromium found: installing Debian's chromium with apt-get (this takes a minute)…");
  const ok =
    run('apt-get update', 'apt-get', ['update']) &&
    run('apt-get install -y chromium', 'apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { DEBIAN_FRONTEND: 'noninteractive' });
  chromium = ok ? findChromium() : null;
  if (!chromium) {
    console.error('Installing chromium failed; install it by hand: sudo apt-get install -y chromium');
    process.exit(1);
  }
}
console.log(`Using Chromium at ${chromium}`);

mkdirSync('reports', { recursive: true });
for (const stale of ['reports/vitest.json', 'reports/playwright.json']) rmSync(stale, { force: true });
const steps = [
  ['type check (svelte-check)', 'npx', ['svelte-check', '--tsconfig', './tsconfig.json', '--fail-on-warnings']],
  ['unit and component tests (vitest)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=reports/vitest.json']],
  ['browser tests (playwright, chromium)', 'npx', ['playwright', 'test', '--reporter=list,json'], { CHROMIUM_PATH: chromium, PLAYWRIGHT_JSON_OUTPUT_NAME: 'reports/playwright.json' }],
];
let failedStep = null;
for (const [label, command, args, env] of steps) {
  if (!run(label, command, args, env)) {
    failedStep = label;
    break;
  }
}

function counts(file, read) {
  if (!existsSync(file)) return { passed: 0, failed: 0, skipped: 0 };
  try {
    return read(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return { passed: 0, failed: 0, skipped: 0 };
  }
}
const vitest = counts('reports/vitest.json', (r) => ({ passed: r.numPassedTests ?? 0, failed: r.numFailedTests ?? 0, skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0) }));
const playwright = counts('reports/playwright.json', (r) => ({ passed: r.stats?.expected ?? 0, failed: (r.stats?.unexpected ?? 0) + (r.stats?.flaky ?? 0), skipped: r.stats?.skipped ?? 0 }));
const passed = vitest.passed + playwright.passed;
const failed = vitest.failed + playwright.failed + (failedStep && vitest.failed + playwright.failed === 0 ? 1 : 0);
const skipped = vitest.skipped + playwright.skipped;
console.log(`\nunit/component: ${vitest.passed} passed, ${vitest.failed} failed; browser: ${playwright.passed} passed, ${playwright.failed} failed`);
if (failedStep) console.log(`stopped at: ${failedStep}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failedStep ? 1 : 0);
