/**
 * Bench page `queue.html`: `window.benchQueue()` loads what the review screen
 * loads (the vault's cards; progress, settings and today's records from the
 * seeded IndexedDB) and times `buildQueue` with the arguments the screen
 * passes, after a warm-up, one call per sample.
 */
import vault from 'virtual:vaultcards/notes';
import { generateCards } from '../src/lib/cards/generate.ts';
import { VaultcardsDB } from '../src/data/db.ts';
import { loadProgress, loadSettings, reviewsSince } from '../src/data/progress.ts';
import { buildQueue, countToday, startOfStudyDay, type StudyQueue } from '../src/lib/srs/queue.ts';

export interface QueueResult {
  cards: number;
  progressRows: number;
  todayRecords: number;
  counts: StudyQueue['counts'];
  /** ms per buildQueue call. */
  samples: number[];
  /** ms per countToday + buildQueue: what the screen's `queue` derivation recomputes. */
  withCountToday: number[];
  /** ms, once each, for what the review screen also does before its first card. */
  loading: Record<'generateCards' | 'openDb' | 'loadProgress' | 'reviewsSince', number>;
}

async function benchQueue(warmup = 10, runs = 60): Promise<QueueResult> {
  const t0 = performance.now();
  const cards = generateCards(vault);
  const t1 = performance.now();
  const db = new VaultcardsDB();
  await db.open();
  const t2 = performance.now();
  const progress = await loadProgress(db);
  const t3 = performance.now();
  const settings = await loadSettings(db);
  const now = Date.now();
  const dayStart = startOfStudyDay(now, -new Date(now).getTimezoneOffset());
  const t4 = performance.now();
  const todayRecords = await reviewsSince(db, dayStart);
  const t5 = performance.now();
  db.close();
  const loading = { generateCards: t1 - t0, openDb: t2 - t1, loadProgress: t3 - t2, reviewsSince: t5 - t4 };
  const today = countToday(todayRecords, dayStart);

  let queue = buildQueue(cards, progress, settings, now, dayStart, today);
  for (let i = 0; i < warmup; i++) queue = buildQueue(cards, progress, settings, now, dayStart, today);
  const samples: number[] = [];
  const whole: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    queue = buildQueue(cards, progress, settings, now, dayStart, today);
    const built = performance.now();
    buildQueue(cards, progress, settings, now, dayStart, countToday(todayRecords, dayStart));
    samples.push(built - start);
    whole.push(performance.now() - built);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return {
    cards: cards.length,
    progressRows: progress.size,
    todayRecords: todayRecords.length,
    counts: queue.counts,
    samples,
    withCountToday: whole,
    loading,
  };
}

Object.assign(window, { benchQueue });
