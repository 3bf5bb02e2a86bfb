/**
 * The world the sandbox starts with: an organization of two accounts across
 * three Regions, each with resources to protect (EC2, EBS, EFS, RDS, DynamoDB,
 * S3) of various sizes and tags, KMS keys, S3 buckets for reports, the
 * `Default` vault, and EFS's automatic backup vault where EFS is used.
 * Everything derives from the seed, so a seed names a world.
 */
import { createRng } from '../quiz/rng.ts';
import type { Resource, ResourceType, SandboxState, Settings, Vault, KmsKey, Bucket } from './model.ts';
import { STATE_VERSION } from './model.ts';
import { efsVaultPolicy, EFS_AUTOMATIC_VAULT, DEFAULT_VAULT } from './vault-names.ts';

export const MANAGEMENT_ACCOUNT = '111111111111';
export const WORKLOAD_ACCOUNT = '222222222222';
export const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'] as const;
/** 2026-01-01T00:00:00Z: where the clock starts unless told otherwise. */
export const DEFAULT_START = Date.UTC(2026, 0, 1);

export const DEFAULT_SETTINGS: Settings = { quotaProfile: 'notes', crossAccountBackupEnabled: false, logLimit: 1000 };

export interface WorldOptions {
  seed?: string;
  start?: number;
  settings?: Partial<Settings>;
  /** Extra resources per account and Region on top of the hand-made inventory (for benchmarks). */
  extraResources?: number;
}

const SHORT: Record<string, string> = { 'us-east-1': 'use1', 'us-west-2': 'usw2', 'eu-west-1': 'euw1' };

/** The ARN of a resource as the owning service writes it. */
export function resourceArn(type: ResourceType, accountId: string, region: string, id: string): string {
  switch (type) {
    case 'EC2':
      return `arn:aws:ec2:${region}:${accountId}:instance/${id}`;
    case 'EBS':
      return `arn:aws:ec2:${region}:${accountId}:volume/${id}`;
    case 'EFS':
      return `arn:aws:elasticfilesystem:${region}:${accountId}:file-system/${id}`;
    case 'RDS':
      return `arn:aws:rds:${region}:${accountId}:db:${id}`;
    case 'DynamoDB':
      return `arn:aws:dynamodb:${region}:${accountId}:table/${id}`;
    case 'S3':
      return `arn:aws:s3:::${id}`;
  }
}

function hex(rng: ReturnType<typeof createRng>, n: number): string {
  let s = '';
  while (s.length < n) s += Math.floor(rng.next() * 16).toString(16);
  return s;
}

interface Template {
  type: ResourceType;
  name: string;
  sizeGb: [number, number];
  tags: Record<string, string>;
}

const TEMPLATES: Template[] = [
  { type: 'EC2', name: 'web', sizeGb: [8, 64], tags: { env: 'prod', app: 'shop', backup: 'daily' } },
  { type: 'EC2', name: 'batch', sizeGb: [16, 128], tags: { env: 'dev', app: 'reports' } },
  { type: 'EBS', name: 'data', sizeGb: [50, 500], tags: { env: 'prod', app: 'shop', backup: 'daily' } },
  { type: 'EBS', name: 'scratch', sizeGb: [20, 200], tags: { env: 'dev' } },
  { type: 'EFS', name: 'shared', sizeGb: [10, 300], tags: { env: 'prod', app: 'cms', backup: 'weekly' } },
  { type: 'RDS', name: 'orders', sizeGb: [20, 400], tags: { env: 'prod', app: 'shop', backup: 'daily' } },
  { type: 'RDS', name: 'analytics', sizeGb: [100, 800], tags: { env: 'dev', app: 'reports' } },
  { type: 'DynamoDB', name: 'sessions', sizeGb: [1, 40], tags: { env: 'prod', app: 'shop' } },
  { type: 'DynamoDB', name: 'catalog', sizeGb: [2, 60], tags: { env: 'prod', app: 'cms', backup: 'daily' } },
  { type: 'S3', name: 'assets', sizeGb: [5, 900], tags: { env: 'prod', app: 'cms' } },
];

function makeResource(
  rng: ReturnType<typeof createRng>,
  t: Template,
  accountId: string,
  region: string,
  suffix: string,
  createdAt: number,
): Resource {
  let id: string;
  switch (t.type) {
    case 'EC2':
      id = `i-${hex(rng, 17)}`;
      break;
    case 'EBS':
      id = `vol-${hex(rng, 17)}`;
      break;
    case 'EFS':
      id = `fs-${hex(rng, 17)}`;
      break;
    case 'RDS':
      id = `${t.name}-db${suffix}`;
      break;
    case 'DynamoDB':
      id = `${t.name}${suffix}`;
      break;
    case 'S3':
      id = `${t.name}-${accountId}-${SHORT[region] ?? region}${suffix}`;
      break;
  }
  const [lo, hi] = t.sizeGb;
  const sizeGb = Math.round(lo + rng.next() * (hi - lo));
  return {
    arn: resourceArn(t.type, accountId, region, id),
    type: t.type,
    name: t.type === 'EC2' || t.type === 'EBS' || t.type === 'EFS' ? `${t.name}${suffix}` : id,
    accountId,
    region,
    sizeGb,
    tags: { ...t.tags, Name: `${t.name}${suffix}` },
    createdAt,
    ...(t.type === 'DynamoDB' ? { advanced: t.name === 'catalog' } : {}),
  };
}

/** A new sandbox state: the organization, its inventory and the vaults AWS provides. */
export function createWorld(options: WorldOptions = {}): SandboxState {
  const seed = options.seed ?? 'vaultcards';
  const start = options.start ?? DEFAULT_START;
  const rng = createRng(`world:${seed}`);
  const accounts = [
    { id: MANAGEMENT_ACCOUNT, name: 'management' },
    { id: WORKLOAD_ACCOUNT, name: 'workloads' },
  ];
  const resources: Resource[] = [];
  const kmsKeys: KmsKey[] = [];
  const buckets: Bucket[] = [];
  const vaults: Vault[] = [];
  const created = start - 90 * 86_400_000;

  for (const account of accounts) {
    for (const region of REGIONS) {
      const awsKey = `arn:aws:kms:${region}:${account.id}:key/${hex(rng, 8)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 12)}`;
      kmsKeys.push({ arn: awsKey, accountId: account.id, region, alias: 'aws/backup', managed: 'AWS' });
      kmsKeys.push({
        arn: `arn:aws:kms:${region}:${account.id}:key/${hex(rng, 8)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 12)}`,
        accountId: account.id,
        region,
        alias: 'backup-cmk',
        managed: 'CUSTOMER',
      });
      const bucketName = `backup-reports-${account.id}-${region}`;
      buckets.push({ name: bucketName, arn: `arn:aws:s3:::${bucketName}`, accountId: account.id, region });

      // The workload account runs everything in every Region; the management account a little in its home Region.
      const templates =
        account.id === WORKLOAD_ACCOUNT ? TEMPLATES : region === 'us-east-1' ? TEMPLATES.filter((t) => t.type !== 'EFS') : [];
      templates.forEach((t, i) => resources.push(makeResource(rng, t, account.id, region, `-${i + 1}`, created)));
      for (let i = 0; i < (options.extraResources ?? 0); i++) {
        const t = TEMPLATES[i % TEMPLATES.length] as Template;
        resources.push(makeResource(rng, t, account.id, region, `-x${i + 1}`, created));
      }

      vaults.push({
        BackupVaultName: DEFAULT_VAULT,
        BackupVaultArn: `arn:aws:backup:${region}:${account.id}:backup-vault:${DEFAULT_VAULT}`,
        accountId: account.id,
        region,
        EncryptionKeyArn: awsKey,
        CreationDate: created,
        kind: 'default',
      });
      if (resources.some((r) => r.type === 'EFS' && r.accountId === account.id && r.region === region)) {
        const arn = `arn:aws:backup:${region}:${account.id}:backup-vault:${EFS_AUTOMATIC_VAULT}`;
        vaults.push({
          BackupVaultName: EFS_AUTOMATIC_VAULT,
          BackupVaultArn: arn,
          accountId: account.id,
          region,
          EncryptionKeyArn: awsKey,
          CreationDate: created,
          kind: 'efs-automatic',
          policy: efsVaultPolicy(arn),
        });
      }
    }
  }

  return {
    version: STATE_VERSION,
    seed,
    now: start,
    counter: 0,
    settings: { ...DEFAULT_SETTINGS, ...options.settings },
    organization: {
      id: 'o-sandbox0001',
      managementAccountId: MANAGEMENT_ACCOUNT,
      accounts,
      regions: [...REGIONS],
      defaultRegion: 'us-east-1',
    },
    resources,
    kmsKeys,
    buckets,
    objects: [],
    vaults,
    plans: [],
    selections: [],
    backupJobs: new Map(),
    copyJobs: new Map(),
    restoreJobs: new Map(),
    recoveryPoints: new Map(),
    frameworks: [],
    reportPlans: [],
    reportJobs: [],
    tags: {},
    usage: { warmGbMs: {}, coldGbMs: {}, transferGb: {}, restoreGb: {} },
    chains: new Map(),
    costHistory: [],
    daily: { auditEvaluatedAt: start, reportsProducedAt: start },
    events: [],
    activity: [],
    notifications: [],
    metrics: [],
    logTotals: { events: 0, activity: 0, notifications: 0, metrics: 0 },
  };
}
