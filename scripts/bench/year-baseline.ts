/**
 * The baseline of benchmark (d): what allocating as many small objects as the
 * sandbox's year makes events costs this machine right now, in a process of
 * its own like each sandbox run. Each "event" is an object with a type, a time
 * and a detail object holding a string id; the last 1,000 are kept (the
 * sandbox's logs keep 1,000 entries), the rest become garbage. No sandbox code.
 * Prints one JSON line.
 *
 *   node --import tsx scripts/bench/year-baseline.ts [events=1800000]
 */
interface BaselineEvent {
  type: string;
  at: number;
  detail: { id: string; resource: number };
}

const events = Number(process.argv[2] ?? 1_800_000);
const TYPES = ['BackupJobCreated', 'BackupJobCompleted', 'RecoveryPointCreated', 'RecoveryPointColdStorage', 'RecoveryPointDeleted', 'CostUpdated'];
const kept: BaselineEvent[] = new Array(1000);
let peakRss = 0;
let peakHeap = 0;
const started = performance.now();
for (let i = 0; i < events; i++) {
  kept[i % 1000] = { type: TYPES[i % TYPES.length] as string, at: i * 48, detail: { id: `job-${i}`, resource: i % 1000 } };
  // Sampled as often as the sandbox run samples (once per simulated day).
  if (i % 5000 === 0) {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }
}
const ms = performance.now() - started;
console.log(JSON.stringify({ ms, events, peakRssMb: peakRss / 1e6, peakHeapMb: peakHeap / 1e6, last: kept[(events - 1) % 1000]?.detail.id }));
