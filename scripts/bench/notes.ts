/**
 * Writes a deterministic vault of synthetic notes for the benchmarks, in the
 * Obsidian style of `content/storage-aws-backup.md`: front matter, a `key
 * insights` block, `## concepts` with `### term %% fold %%` sections, tab-nested
 * bullets, `term: definition` facts, numbers (`max of 20 ...`), `<mark>` key
 * terms, wiki-links, a `can be assigned as 2 types:` heading list, and a
 * `charged for` parent bullet with 2-4 children.
 *
 *   npx tsx scripts/bench/notes.ts <folder> [notes=300]
 *
 * Empties `<folder>`, writes the notes, then prints one JSON line:
 * `{ "notes": n, "cards": n }` (cards counted with the app's own generator).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCards } from '../../src/lib/cards/generate.ts';
import { buildVault, type NoteFile } from '../../src/lib/content/index.ts';
import { createRng, type Rng } from '../../bench/prng.ts';

const SERVICES = [
  ['storage', 'AWS Backup'], ['storage', 'Amazon S3'], ['storage', 'Amazon EBS'], ['storage', 'Amazon EFS'], ['storage', 'AWS Storage Gateway'],
  ['storage', 'Amazon FSx'], ['storage', 'AWS Snowball'], ['compute', 'Amazon EC2'], ['compute', 'AWS Lambda'], ['compute', 'AWS Fargate'],
  ['compute', 'Amazon ECS'], ['compute', 'Amazon EKS'], ['compute', 'AWS Batch'], ['compute', 'Amazon Lightsail'], ['compute', 'AWS Elastic Beanstalk'],
  ['database', 'Amazon RDS'], ['database', 'Amazon Aurora'], ['database', 'Amazon DynamoDB'], ['database', 'Amazon ElastiCache'], ['database', 'Amazon Redshift'],
  ['database', 'Amazon Neptune'], ['database', 'Amazon DocumentDB'], ['networking', 'Amazon VPC'], ['networking', 'Amazon CloudFront'], ['networking', 'Amazon Route 53'],
  ['networking', 'AWS Direct Connect'], ['networking', 'AWS Global Accelerator'], ['networking', 'Elastic Load Balancing'], ['security', 'AWS IAM'], ['security', 'AWS KMS'],
  ['security', 'AWS Shield'], ['security', 'AWS WAF'], ['security', 'Amazon GuardDuty'], ['security', 'Amazon Inspector'], ['security', 'AWS Secrets Manager'],
  ['security', 'Amazon Macie'], ['monitoring', 'Amazon CloudWatch'], ['monitoring', 'AWS CloudTrail'], ['monitoring', 'AWS Config'], ['monitoring', 'AWS X-Ray'],
  ['management', 'AWS Organizations'], ['management', 'AWS Control Tower'], ['management', 'AWS Systems Manager'], ['management', 'AWS CloudFormation'], ['management', 'AWS Trusted Advisor'],
  ['analytics', 'Amazon Athena'], ['analytics', 'Amazon Kinesis'], ['analytics', 'AWS Glue'], ['analytics', 'Amazon EMR'], ['analytics', 'Amazon QuickSight'],
  ['integration', 'Amazon SQS'], ['integration', 'Amazon SNS'], ['integration', 'Amazon EventBridge'], ['integration', 'AWS Step Functions'], ['billing', 'AWS Cost Explorer'],
  ['billing', 'AWS Budgets'], ['ml', 'Amazon SageMaker'], ['ml', 'Amazon Rekognition'], ['ml', 'Amazon Comprehend'], ['ml', 'Amazon Lex'],
] as const;
const ASPECTS = ['overview', 'security model', 'pricing model', 'limits and quotas', 'operations'] as const;
const NOUNS = [
  'backup', 'snapshot', 'bucket', 'volume', 'instance', 'table', 'cluster', 'node', 'queue', 'topic', 'policy', 'role', 'key', 'vault', 'report',
  'plan', 'rule', 'job', 'stream', 'shard', 'endpoint', 'gateway', 'subnet', 'alarm', 'metric', 'dashboard', 'trail', 'event', 'function', 'layer',
  'container', 'task', 'service', 'replica', 'record', 'certificate', 'template', 'stack', 'parameter', 'secret', 'finding', 'detector', 'pipeline',
  'workflow', 'index', 'partition', 'domain', 'listener', 'target group', 'resource share', 'permission set', 'access point', 'lifecycle rule',
] as const;
const VERBS = ['stores', 'encrypts', 'replicates', 'monitors', 'tracks', 'schedules', 'routes', 'scales', 'audits', 'archives', 'restores', 'filters', 'groups', 'rotates', 'caches', 'validates'] as const;
const ADJECTIVES = ['regional', 'global', 'managed', 'encrypted', 'cross-account', 'automatic', 'on-demand', 'scheduled', 'default', 'custom', 'private', 'public', 'durable', 'temporary'] as const;
const CATEGORIES = ['container', 'policy expression', 'set of rules', 'managed service', 'unit of work', 'record', 'collection', 'storage layer', 'framework'] as const;
const SCOPES = ['account', 'region', 'organization', 'vault', 'plan', 'stack', 'VPC', 'cluster'] as const;
const UNITS = ['days', 'hours', 'minutes', 'GB', 'TB', '%'] as const;
const COLOURS = ['#0055FF', '#6800FFBF', '#FF5582A6', '#BBFABBA6'] as const;

/** Builds note texts: one instance per note, so `used` keeps its facts unique. */
class NoteWriter {
  readonly lines: string[] = [];
  readonly #used = new Set<string>();
  constructor(readonly rng: Rng) {}

  /** A phrase never used before in this note (numbered when the random one repeats). */
  unique(make: () => string): string {
    for (let tries = 0; tries < 20; tries++) {
      const text = make();
      if (!this.#used.has(text)) {
        this.#used.add(text);
        return text;
      }
    }
    const text = `${make()} (case ${this.#used.size})`;
    this.#used.add(text);
    return text;
  }

  bullet(text: string, depth = 0): void {
    this.lines.push(`${'\t'.repeat(depth)}- ${text}`);
  }
}

const plural = (noun: string): string => (/(s|x)$/.test(noun) ? `${noun}es` : /[^aeiou]y$/.test(noun) ? `${noun.slice(0, -1)}ies` : `${noun}s`);
/** `stores` -> `store`, `caches` -> `cache`. */
const base = (verb: string): string => verb.replace(/s$/, '');
/** `stores` -> `stored`, `encrypts` -> `encrypted`. */
const past = (verb: string): string => (base(verb).endsWith('e') ? `${base(verb)}d` : `${base(verb)}ed`);
const slug = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

function mark(w: NoteWriter, text: string): string {
  return `<mark style="background: ${w.rng.pick(COLOURS)};">${text}</mark>`;
}

/** One fact of a term section: a number, a key term, a link, a definition or a plain statement. */
function termFact(w: NoteWriter, service: string, links: string[]): string {
  const { rng } = w;
  const noun = rng.pick(NOUNS);
  switch (rng.int(0, 6)) {
    case 0:
      return w.unique(() => `max of ${rng.int(2, 500)} ${plural(rng.pick(NOUNS))} per ${rng.pick(SCOPES)}`);
    case 1:
      return w.unique(() => `${plural(noun)} are kept for ${rng.int(1, 365)} ${rng.pick(UNITS)} unless a ${rng.pick(NOUNS)} says otherwise`);
    case 2:
      return w.unique(() => `${mark(w, `${service} ${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`)} ${rng.pick(VERBS)} ${plural(rng.pick(NOUNS))} across ${plural(rng.pick(SCOPES))}`);
    case 3:
      return w.unique(() => `${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}: ${rng.pick(VERBS)} ${plural(rng.pick(NOUNS))} for each ${rng.pick(SCOPES)}`);
    case 4:
      return w.unique(() => `encrypting ${plural(noun)} needs a [[${rng.pick(links)}|AWS KMS (key management system)]] key per ${rng.pick(SCOPES)}`);
    case 5:
      return w.unique(() => `can ${base(rng.pick(VERBS))} ${plural(noun)} across ${plural(rng.pick(SCOPES))} with ${rng.pick(['API', 'CLI', 'SDK', 'CloudFormation'])}`);
    default:
      return w.unique(() => `${rng.pick(ADJECTIVES)} ${plural(noun)} ${base(rng.pick(VERBS))} ${rng.pick(NOUNS)} data ${rng.int(1, 9)} times faster`);
  }
}

/** `### term %% fold %%`: a category definition first, then 3-5 facts, one with nested bullets. */
function termSection(w: NoteWriter, service: string, links: string[]): void {
  const { rng } = w;
  const term = w.unique(() => `${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`);
  w.lines.push(`### ${term} %% fold %% `);
  w.bullet(`${rng.pick(CATEGORIES)}; ${rng.pick(VERBS)}/${rng.pick(VERBS)} your ${plural(rng.pick(NOUNS))}`);
  const facts = rng.int(3, 5);
  for (let i = 0; i < facts; i++) w.bullet(termFact(w, service, links));
  if (rng.chance(0.5)) {
    w.bullet(w.unique(() => `auto-generate ${rng.pick(ADJECTIVES)} ${plural(rng.pick(NOUNS))} daily and on demand`));
    w.bullet(w.unique(() => `must create a ${rng.pick(NOUNS)} from a ${rng.pick(NOUNS)} template first`), 1);
    w.bullet(w.unique(() => `templates include ${rng.pick(NOUNS)} and ${rng.pick(NOUNS)} checks`), 1);
  }
}

/** One synthetic note as markdown. */
function noteText(rng: Rng, index: number, category: string, service: string, aspect: string, links: string[], termRange: readonly [number, number]): string {
  const w = new NoteWriter(rng);
  const title = `${service} ${aspect}`;
  w.lines.push('---', `service: ${service}`, `service-type: ${category}`, `service-description: ${rng.pick(VERBS)} ${plural(rng.pick(NOUNS))} for ${service}`, '---', '', `# ${title}`, '---');
  w.bullet(`**key insights:**  ^k${index.toString(16)}`);
  w.bullet(`${rng.pick(VERBS)} and ${rng.pick(VERBS)} ${plural(rng.pick(NOUNS))} across AWS services`, 1);
  w.lines.push('---', '## concepts');
  const terms = rng.int(...termRange);
  for (let i = 0; i < terms; i++) termSection(w, service, links);
  w.lines.push('#### can be assigned as 2 types: %% fold %% ');
  for (let i = 0; i < 2; i++) {
    w.lines.push(`##### ${w.unique(() => `${rng.pick(NOUNS)} ${rng.pick(['type', 'scope', 'mode'])}`)}:`);
    w.bullet(w.unique(() => `${rng.pick(['every', 'single', 'one', 'each'])} ${rng.pick(NOUNS)}/${rng.pick(NOUNS)}`));
  }
  w.lines.push('## monitoring  ');
  for (const other of ['Amazon EventBridge', 'Amazon SNS', 'AWS Organizations']) {
    w.bullet(w.unique(() => `${other} ${rng.pick(VERBS)} ${service} ${plural(rng.pick(NOUNS))} and ${plural(rng.pick(NOUNS))}`));
  }
  w.bullet(`[[${rng.pick(links)}|CloudWatch]] tracks metrics, sets alarms, and has dashboards for ${rng.pick(NOUNS)} monitoring`);
  w.lines.push('## pricing');
  w.bullet('charged for ');
  const items = rng.int(2, 4);
  for (let i = 0; i < items; i++) w.bullet(w.unique(() => `amount of ${rng.pick(NOUNS)} data ${past(rng.pick(VERBS))}`), 1);
  w.bullet(w.unique(() => `first ${rng.int(1, 100)} GB of ${rng.pick(NOUNS)} data each month is free`));
  w.lines.push('--- ', '# Resources', `- [cheat sheet](https://example.com/${slug(service)}/)`, '# Tags', `- #aws-ccp-exam-notes/services/${category}/${slug(service)} `, '---', '');
  return w.lines.join('\n');
}

export interface BenchNotesOptions {
  seed?: number;
  /**
   * How many `### term` sections a note has, at least and at most. The default
   * (3-5) makes notes of about 2.7 KB; 7-11 makes about 4.9 KB, for the notes
   * pipeline benchmark's vault of 1,000 notes and 4.9 MB (`pipeline.ts`).
   */
  terms?: readonly [number, number];
}

/** The notes of the benchmark vault, deterministic for a given count and options. */
export function benchNotes(count: number, { seed = 20260105, terms = [3, 5] }: BenchNotesOptions = {}): NoteFile[] {
  const rng = createRng(seed);
  const names = Array.from({ length: count }, (_, i) => {
    const [category, service] = SERVICES[i % SERVICES.length] as (typeof SERVICES)[number];
    const aspect = ASPECTS[Math.floor(i / SERVICES.length) % ASPECTS.length] as string;
    const round = Math.floor(i / (SERVICES.length * ASPECTS.length));
    return { category, service, aspect: round ? `${aspect} ${round + 1}` : aspect };
  });
  const ids = names.map((n) => `${n.category}-${slug(n.service)}-${slug(n.aspect)}`);
  return names.map((n, i) => ({
    path: `${ids[i]}.md`,
    text: noteText(rng, i, n.category, n.service, n.aspect, [ids[(i + 1) % count] as string, ids[(i + 7) % count] as string], terms),
  }));
}

// Run as a script only when this very file is the entry point: bundled into another benchmark
// (pipeline.ts is), import.meta.url is the bundle's, and its arguments are not a folder to rewrite.
const self = import.meta.url.split('/').pop() ?? '';
if (/^notes\.[cm]?[jt]s$/.test(self) && process.argv[1]?.endsWith(self)) {
  const folder = process.argv[2];
  if (!folder) {
    console.error('usage: tsx scripts/bench/notes.ts <folder> [notes]');
    process.exit(2);
  }
  const files = benchNotes(Number(process.argv[3] ?? 300));
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  for (const file of files) writeFileSync(join(folder, file.path), file.text);
  console.log(JSON.stringify({ notes: files.length, cards: generateCards(buildVault(files)).length }));
}
