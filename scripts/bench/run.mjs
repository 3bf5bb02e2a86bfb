#!/usr/bin/env node
/**
 * `npm run bench`: performance of the study queue and of grading, in headless
 * Chromium, with 10,000+ cards and 200,000 review logs.
 *
 *  1. writes ~300 synthetic notes (scripts/bench/notes.ts) to a temp folder;
 *  2. builds the app from them (the app's own vite.config.ts) and the bench
 *     pages (bench/vite.config.ts) into one folder, served by `vite preview`;
 *  3. seeds the app's IndexedDB with a simulated year of study (bench/seed.ts),
 *     or copies the profile seeded earlier today (seed.mjs; --fresh reseeds);
 *  4. (a) times buildQueue in the page (bench/queue.ts);
 *  5. (b) times grade -> next card in the real review screen (review.mjs);
 *  6. (d) runs a simulated year of daily backups for 1,000 resources in the
 *     AWS Backup sandbox (sandbox.ts, bundled by Vite), in plain Node, one
 *     process per run so each run's peak memory is its own;
 *  7. prints a table and updates docs/benchmarks.md (--no-docs leaves it).
 *
 * A benchmark is not a test: this exits 0 when a target is missed (it prints
 * MISSED), and non-zero only when it could not measure.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { build } from 'vite';
import { benchReview } from './review.mjs';
import { markdown, status, table, writeDoc } from './report.mjs';
import { summarize } from './stats.mjs';
import { preparedProfile, templateKey } from './seed.mjs';
import { machine, run, startPreview, viteBuild } from './steps.mjs';

const NOTES = 300;
const REVIEWS = 200_000;
const PORT = 4179;
const QUEUE = { warmup: 10, runs: 60 };
const GRADE = { warmup: 5, runs: 40, pauseMs: 300 };
const EXAM = { warmup: 5, runs: 40, minFacts: 5000 };
const SANDBOX = { runs: 3, resources: 1000, days: 365, maxMemoryMb: 500 };
const TARGETS = { queue: 50, grade: 16, exam: 50, sandboxYear: 5000 };
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];

const work = join(tmpdir(), 'vaultcards-bench');
const content = join(work, 'content');
const dist = join(work, 'dist');
const profile = join(work, 'profile');
const writeDocs = !process.argv.includes('--no-docs');
const fresh = process.argv.includes('--fresh');

/** Chromium on a profile folder, IndexedDB on disk as for a real user (not an in-memory incognito store). */
const launch = (dir) => chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, headless: true, args: ARGS });

let server = null;
let context = null;
const cleanUp = async () => {
  await context?.close().catch(() => {});
  context = null;
  server?.stop();
  server = null;
  rmSync(profile, { recursive: true, force: true });
};
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => void cleanUp().finally(() => process.exit(130)));
}

async function main() {
  const started = Date.now();
  const info = machine(CHROMIUM);
  console.log(`Vaultcards benchmarks (work folder ${work})`);
  mkdirSync(work, { recursive: true });
  // (d) first, while nothing else of ours runs: it is the one benchmark measured in Node. It is
  // bundled and run by plain node, so that the memory measured is the sandbox's, not a loader's.
  const sandboxBundle = join(work, 'sandbox', 'sandbox.mjs');
  process.stdout.write('  bundling the sandbox benchmark… ');
  await build({
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    ssr: { noExternal: true },
    build: { ssr: 'scripts/bench/sandbox.ts', outDir: join(work, 'sandbox'), emptyOutDir: true, target: 'node20', minify: false, rollupOptions: { output: { entryFileNames: 'sandbox.mjs' } } },
  });
  console.log('done');
  const years = [];
  for (let i = 0; i < SANDBOX.runs; i++) {
    const out = run(`(d) sandbox: a year of daily backups for ${SANDBOX.resources} resources, run ${i + 1}/${SANDBOX.runs}`, process.execPath, [
      sandboxBundle,
      String(SANDBOX.resources),
      String(SANDBOX.days),
    ]);
    years.push(JSON.parse(out.trim().split('\n').pop()));
  }
  const peakRss = Math.max(...years.map((y) => y.peakRssMb));
  const peakHeap = Math.max(...years.map((y) => y.peakHeapMb));
  console.log(`    peak memory ${Math.round(peakRss)} MB RSS, ${Math.round(peakHeap)} MB heap; ${years[0].recoveryPointsAtEnd.toLocaleString('en-US')} recovery points at the end, ${years[0].events.toLocaleString('en-US')} events`);

  const made = JSON.parse(run(`writing ${NOTES} synthetic notes`, process.execPath, ['--import', 'tsx', 'scripts/bench/notes.ts', content, String(NOTES)]));
  console.log(`    ${made.notes} notes, ${made.cards.toLocaleString('en-US')} cards`);
  viteBuild('building the app from them', content, { outDir: dist });
  viteBuild('building the bench pages', content, { config: 'bench/vite.config.ts', env: { BENCH_OUT: join(dist, 'bench') } });

  server = await startPreview(dist, PORT);
  const { seeded, reused } = await preparedProfile({
    work,
    profile,
    fresh,
    key: templateKey(join(dist, 'bench', 'assets'), REVIEWS, `${info.chromium} port ${PORT}`),
    seed: async (dir) => {
      process.stdout.write('  seeding IndexedDB… ');
      context = await launch(dir);
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`${server.url}/bench/seed.html`);
      const result = await page.evaluate((reviews) => window.seedBench(reviews), REVIEWS);
      await context.close();
      context = null;
      console.log(`simulated in ${(result.simulateMs / 1000).toFixed(1)} s, written in ${(result.writeMs / 1000).toFixed(1)} s`);
      return { ...result, at: new Date().toISOString() };
    },
  });
  if (reused) console.log(`  IndexedDB: a copy of the profile seeded at ${seeded.at} (--fresh to seed again)`);
  context = await launch(profile);
  const page = context.pages()[0] ?? (await context.newPage());

  process.stdout.write('  (a) timing buildQueue… ');
  await page.goto(`${server.url}/bench/queue.html`);
  const queue = await page.evaluate(({ warmup, runs }) => window.benchQueue(warmup, runs), QUEUE);
  console.log(`queue: ${queue.counts.learning} learning, ${queue.counts.review} review, ${queue.counts.new} new`);
  console.log(`    loading it (once each): ${Object.entries(queue.loading).map(([k, v]) => `${k} ${Math.round(v)} ms`).join(', ')}`);

  process.stdout.write('  (c) timing a 65-question exam… ');
  await page.goto(`${server.url}/bench/exam.html`);
  const exam = await page.evaluate(({ warmup, runs, minFacts }) => window.benchExam(warmup, runs, minFacts), EXAM);
  console.log(`${exam.questions} questions from ${exam.facts} facts in ${exam.notes} notes; first call (with indexing) ${Math.round(exam.firstCall)} ms`);

  process.stdout.write('  (b) timing grade -> next card… ');
  const review = await benchReview(page, server.url, GRADE);
  console.log(`first card ${(review.openMs / 1000).toFixed(1)} s after navigation (scripts loaded at ${(review.loadedMs / 1000).toFixed(1)} s), ${review.dueAtStart} due`);
  if (review.notice) console.log(`    the screen said: ${review.notice}`);
  await cleanUp();

  const rows = [
    { name: '(a) buildQueue, all notes', summary: summarize(queue.samples), target: TARGETS.queue },
    { name: '(b) grade -> next card painted', summary: review.frame, target: TARGETS.grade },
    { name: '(c) 65-question practice exam generated', summary: summarize(exam.samples), target: TARGETS.exam },
    { name: '(d) sandbox: a year, 1,000 resources, Node', summary: summarize(years.map((y) => y.ms)), target: TARGETS.sandboxYear },
    { name: '    countToday + buildQueue', summary: summarize(queue.withCountToday) },
    { name: '    grade -> next card in DOM', summary: review.dom },
    { name: '    review screen: navigation -> first card (once)', summary: summarize([review.openMs]) },
    { name: '    exam: first call, indexing the facts (once)', summary: summarize([exam.firstCall]) },
  ];
  const data = {
    notes: made.notes,
    cards: queue.cards,
    'progress rows': queue.progressRows,
    'review logs': seeded.reviews,
    'history days': seeded.days,
    'reviews today before the run': seeded.reviewsToday,
    'due when the queue was timed': queue.counts.dueToday,
    'facts for the exam': exam.facts,
    'exam questions': exam.questions,
    'sandbox resources': years[0].resources,
    'sandbox days': years[0].days,
    'sandbox peak memory (RSS, MB)': Math.round(peakRss),
    'sandbox peak heap (MB)': Math.round(peakHeap),
  };
  const totalSeconds = Math.round((Date.now() - started) / 1000);
  console.log(`\n${table(rows)}\n`);
  console.log(`data: ${Object.entries(data).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`machine: nproc ${info.nproc}, ${info.cpu}, ${info.chromium}, Node ${info.node}, load average ${info.load} at the start; ${totalSeconds} s in all`);
  const missed = rows.filter((r) => status(r) === 'MISSED');
  for (const r of missed) console.log(`MISSED: ${r.name.trim()}: median ${r.summary.median.toFixed(1)} ms, target <= ${r.target} ms`);
  if (peakRss > SANDBOX.maxMemoryMb) console.log(`MISSED: sandbox memory: peak ${Math.round(peakRss)} MB RSS, target <= ${SANDBOX.maxMemoryMb} MB`);
  if (missed.length === 0 && peakRss <= SANDBOX.maxMemoryMb) console.log('All targets met.');

  writeFileSync(join(work, 'latest.json'), JSON.stringify({ date: new Date().toISOString(), rows, data, machine: info, queue, review, exam, years }, null, 2));
  if (writeDocs) {
    writeDoc(resolve('docs/benchmarks.md'), markdown({ rows, data, machine: info, date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC', totalSeconds }));
    console.log('Updated docs/benchmarks.md; raw samples in ' + join(work, 'latest.json'));
  }
}

main().catch(async (error) => {
  await cleanUp();
  console.error(`\nThe benchmark could not run: ${error.stack ?? error}`);
  process.exit(1);
});
