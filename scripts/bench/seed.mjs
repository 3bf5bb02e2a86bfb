/**
 * A Chromium profile whose IndexedDB holds the benchmark's year of study.
 *
 * Writing 200,000 records costs IndexedDB a fixed price per request (about
 * 0.3-0.5 ms here, so well over a minute), so a seeded profile is kept as a
 * template and copied for each run for the rest of the study day. The
 * template's key covers everything that shapes the data: the built bench
 * bundles (notes, card generator, scheduler, schema, simulation), the record
 * count, the study day and time zone, and the Chromium version. Each run
 * copies the template, so the grades a run makes never reach the next run.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The study day (rolling over at 4am local time, as the app's) that `now` falls in. */
function studyDay(now) {
  const offset = -new Date(now).getTimezoneOffset() * 60_000;
  return Math.floor((now + offset - 4 * HOUR) / DAY);
}

/**
 * The template's name for these inputs.
 * @param {string} benchAssets folder of the built bench bundles
 * @param {number} reviews
 * @param {string} chromiumVersion
 */
export function templateKey(benchAssets, reviews, chromiumVersion) {
  const hash = createHash('sha256');
  for (const name of readdirSync(benchAssets).sort()) hash.update(name).update(readFileSync(join(benchAssets, name)));
  const now = Date.now();
  hash.update(JSON.stringify({ reviews, chromiumVersion, day: studyDay(now), tz: new Date(now).getTimezoneOffset() }));
  return `profile-${hash.digest('hex').slice(0, 16)}`;
}

/**
 * Makes `profile` a fresh copy of the seeded template, seeding it first when
 * there is none for today.
 * @param {{ work: string, profile: string, key: string, fresh: boolean, seed: (dir: string) => Promise<object> }} options
 *   `seed(dir)` launches Chromium on `dir`, fills it and closes it, returning what it reports
 * @returns {Promise<{ seeded: object, reused: boolean }>} what seeding reported, and whether that was on an earlier run
 */
export async function preparedProfile({ work, profile, key, fresh, seed }) {
  const template = join(work, key);
  const report = join(template, 'bench-seeded.json');
  const reused = !fresh && existsSync(report);
  if (!reused) {
    // Stale templates (another day, other notes or code) go first: each is a few hundred MB.
    for (const name of readdirSync(work)) if (name.startsWith('profile-')) rmSync(join(work, name), { recursive: true, force: true });
    const seeded = await seed(template);
    writeFileSync(report, JSON.stringify(seeded));
  }
  rmSync(profile, { recursive: true, force: true });
  cpSync(template, profile, { recursive: true });
  return { seeded: JSON.parse(readFileSync(report, 'utf8')), reused };
}
