/**
 * Bench page `seed.html`: `window.seedBench()` replaces the app's IndexedDB
 * ('vaultcards', through the app's own `VaultcardsDB`, so the schema is the
 * app's) with a year of simulated study of the built vault's cards: progress
 * rows, review records and the learner's settings. Served from the app's
 * origin, so the app opens the very database written here.
 */
import vault from 'virtual:vaultcards/notes';
import { generateCards } from '../src/lib/cards/generate.ts';
import { DB_NAME, VaultcardsDB } from '../src/data/db.ts';
import { saveSettings } from '../src/data/progress.ts';
import { DEFAULT_SRS_SETTINGS } from '../src/lib/srs/types.ts';
import { benchSettings, simulateHistory } from './history.ts';

export interface SeedResult {
  cards: number;
  progress: number;
  reviews: number;
  reviewsToday: number;
  days: number;
  simulateMs: number;
  writeMs: number;
}

async function seedBench(reviews = 200_000): Promise<SeedResult> {
  const cards = generateCards(vault);
  const settings = benchSettings(DEFAULT_SRS_SETTINGS);
  const now = Date.now();
  const t0 = performance.now();
  const history = simulateHistory({ cardIds: cards.map((c) => c.id), settings, now, timezoneOffsetMinutes: -new Date(now).getTimezoneOffset(), reviews });
  const t1 = performance.now();

  await VaultcardsDB.delete(DB_NAME);
  const db = new VaultcardsDB();
  // One transaction: IndexedDB's cost here is per request, and commits add to it.
  await db.transaction('rw', db.progress, db.reviews, db.settings, async () => {
    await db.progress.bulkAdd(history.progress);
    await db.reviews.bulkAdd(history.reviews);
    await saveSettings(db, settings);
  });
  db.close();
  return {
    cards: cards.length,
    progress: history.progress.length,
    reviews: history.reviews.length,
    reviewsToday: history.reviewsToday,
    days: history.days,
    simulateMs: Math.round(t1 - t0),
    writeMs: Math.round(performance.now() - t1),
  };
}

Object.assign(window, { seedBench });
