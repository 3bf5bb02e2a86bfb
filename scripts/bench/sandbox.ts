/**
 * Benchmark (d): a simulated year of daily backups for 1,000 resources with
 * lifecycle rules (cold after 30 days, deleted after 120), in Node. One run
 * per process, so the peak memory is this run's alone; prints one JSON line.
 *
 *   node --import tsx scripts/bench/sandbox.ts [resources=1000] [days=365]
 *
 * `npm run bench` bundles it with Vite and runs it with plain node instead, so
 * the peak memory it reports is the sandbox's and not also the TypeScript loader's.
 */
import { Sandbox } from '../../src/lib/sandbox/engine.ts';

const resources = Number(process.argv[2] ?? 1000);
const days = Number(process.argv[3] ?? 365);
const ctx = { accountId: '222222222222', region: 'us-east-1' };
const perRegion = 10; // the seeded world's own resources in that account and Region

const sb = Sandbox.create({ seed: 'bench', extraResources: Math.max(0, resources - perRegion) });
const mine = sb.state.resources.filter((r) => r.accountId === ctx.accountId && r.region === ctx.region).length;
sb.call('CreateBackupVault', { BackupVaultName: 'bench' }, ctx);
const plan = sb.call(
  'CreateBackupPlan',
  {
    BackupPlan: {
      BackupPlanName: 'daily',
      Rules: [
        {
          RuleName: 'daily',
          TargetBackupVaultName: 'bench',
          ScheduleExpression: 'cron(0 5 ? * * *)',
          Lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 120 },
        },
      ],
    },
  },
  ctx,
) as { BackupPlanId: string };
sb.call(
  'CreateBackupSelection',
  { BackupPlanId: plan.BackupPlanId, BackupSelection: { SelectionName: 'everything', IamRoleArn: 'arn:aws:iam::222222222222:role/backup', Resources: ['*'] } },
  ctx,
);

let peakHeap = 0;
let peakRss = 0;
const started = performance.now();
for (let d = 0; d < days; d++) {
  sb.advance(86_400);
  const m = process.memoryUsage();
  peakHeap = Math.max(peakHeap, m.heapUsed);
  peakRss = Math.max(peakRss, m.rss);
}
const ms = performance.now() - started;
const jobs = sb.state.logTotals.events;
console.log(
  JSON.stringify({
    ms,
    peakHeapMb: peakHeap / 1e6,
    peakRssMb: peakRss / 1e6,
    resources: mine,
    days,
    recoveryPointsAtEnd: sb.state.recoveryPoints.size,
    events: jobs,
    costUsd: Math.round(sb.costs().total),
  }),
);
