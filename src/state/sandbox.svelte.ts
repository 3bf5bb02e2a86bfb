/**
 * The sandbox console's state: one AWS Backup sandbox (the engine), where the
 * learner stands (account and Region), what the last refusal was and which
 * fact teaches its rule, what happened when the clock moved, the command
 * box's history, and the labs. Every change is saved to IndexedDB, so a reload
 * finds the sandbox as it was.
 */
import { getContext, setContext } from 'svelte';
import type { Vault as ContentVault } from '../lib/content/types.ts';
import type { ApiInput, ApiOutput } from '../lib/sandbox/api.ts';
import { complete as completeCli, execute } from '../lib/sandbox/cli.ts';
import { Sandbox } from '../lib/sandbox/engine.ts';
import { BackupError } from '../lib/sandbox/errors.ts';
import { checkLab, LABS, labById, startLab, type Lab } from '../lib/sandbox/labs.ts';
import type { SandboxEvent } from '../lib/sandbox/model.ts';
import type { Rule, RuleSource } from '../lib/sandbox/rules.ts';
import { SandboxStateError } from '../lib/sandbox/state-file.ts';
import type { VaultcardsDB } from '../data/db.ts';
import { clearSandboxJson, loadLabRecords, loadSandboxJson, recordLabCompleted, saveSandboxJson, type LabRecords } from '../data/sandbox.ts';
import { routeHref } from '../lib/routes.ts';
import { systemClock, type ReviewClock } from './review.svelte.ts';

export const ACCOUNTS = [
  { id: '111111111111', name: 'management' },
  { id: '222222222222', name: 'workloads' },
] as const;
export const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'] as const;

/** Where a rule's fact lives in the notes, as links the console can show. */
export interface FactLink {
  text: string;
  /** The fact on its topic card. */
  href: string;
  /** The review screen limited to the fact's section. */
  reviewHref: string;
}

/** A refused call as the console shows it. */
export interface Refusal {
  operation: string;
  name: string;
  message: string;
  rule?: Rule;
  facts: FactLink[];
  /** AWS documents behind the rule. */
  docs: { title: string; url: string }[];
}

/** What happened while the clock moved. */
export interface Happened {
  from: number;
  to: number;
  /** Event counts by detail type and state, most frequent first. */
  counts: { label: string; count: number }[];
  /** The latest events of the span (at most 20, newest first). */
  latest: SandboxEvent[];
  /** Events the log no longer holds (it keeps the last `logLimit`). */
  dropped: number;
}

export interface CliEntry {
  line: string;
  output: string;
  failed: boolean;
}

export type LabCheckResult = ReturnType<typeof checkLab>[number];

/** A time as the console shows it: `YYYY-MM-DD HH:MM UTC`. */
export function isoMinute(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}


export class SandboxConsole {
  readonly #db: VaultcardsDB;
  readonly #content: ContentVault;
  readonly #clock: ReviewClock;
  #saving: Promise<void> = Promise.resolve();

  sandbox = $state.raw<Sandbox | null>(null);
  /** Bumped after every change of the sandbox, so views that read its state recompute. */
  version = $state(0);
  accountId = $state<string>('222222222222');
  region = $state<string>('us-east-1');
  refusal = $state.raw<Refusal | null>(null);
  happened = $state.raw<Happened | null>(null);
  /** Set when the saved sandbox could not be read; it is left in the database untouched. */
  loadProblem = $state<string | null>(null);
  notice = $state<string | null>(null);
  labRecords = $state.raw<LabRecords>({});
  activeLabId = $state<string | null>(null);
  cli = $state.raw<CliEntry[]>([]);

  constructor(db: VaultcardsDB, content: ContentVault, clock: ReviewClock = systemClock) {
    this.#db = db;
    this.#content = content;
    this.#clock = clock;
  }

  readonly context = $derived({ accountId: this.accountId, region: this.region });
  readonly activeLab = $derived.by((): Lab | undefined => (this.activeLabId ? labById(this.activeLabId) : undefined));
  readonly labChecks = $derived.by((): LabCheckResult[] => {
    void this.version;
    const lab = this.activeLab;
    return lab && this.sandbox ? checkLab(lab, this.sandbox) : [];
  });
  readonly labs = LABS;

  /** Loads the saved sandbox (or makes a new one) and the lab records. */
  async open(): Promise<void> {
    this.labRecords = await loadLabRecords(this.#db);
    const saved = await loadSandboxJson(this.#db);
    if (saved === undefined) {
      this.sandbox = Sandbox.create({ seed: 'vaultcards' });
      await this.#save();
    } else {
      try {
        const { labId, accountId, region, state } = saved as { labId?: string; accountId?: string; region?: string; state?: unknown };
        this.sandbox = Sandbox.fromJSON(state ?? saved);
        if (labId && labById(labId)) this.activeLabId = labId;
        if (accountId && ACCOUNTS.some((a) => a.id === accountId)) this.accountId = accountId;
        if (region && (REGIONS as readonly string[]).includes(region)) this.region = region;
      } catch (e) {
        this.loadProblem = e instanceof SandboxStateError ? e.message : `The saved sandbox could not be read: ${String(e)}`;
        // Work on a fresh sandbox in memory; the saved one stays until the learner resets or imports.
        this.sandbox = Sandbox.create({ seed: 'vaultcards' });
      }
    }
    this.version++;
  }

  #saved(): unknown {
    return { labId: this.activeLabId ?? undefined, accountId: this.accountId, region: this.region, state: this.sandbox?.toJSON() };
  }

  /** Saves after the previous save, so writes never overtake each other. */
  #save(): Promise<void> {
    if (this.loadProblem) return this.#saving; // never overwrite a saved sandbox we could not read
    const snapshot = this.#saved();
    this.#saving = this.#saving.then(() => saveSandboxJson(this.#db, snapshot));
    return this.#saving;
  }

  /** Waits for the pending saves (tests, and before leaving the screen). */
  flush(): Promise<void> {
    return this.#saving;
  }

  #changed(): void {
    this.version++;
    void this.#save();
    void this.#checkLabDone();
  }

  async #checkLabDone(): Promise<void> {
    const lab = this.activeLab;
    if (!lab || !this.sandbox || this.labRecords[lab.id]) return;
    if (checkLab(lab, this.sandbox).every((c) => c.passed)) {
      this.labRecords = await recordLabCompleted(this.#db, lab.id, this.#clock.now());
      this.notice = `Lab completed: ${lab.title}`;
    }
  }

  setPlace(accountId: string, region: string): void {
    this.accountId = accountId;
    this.region = region;
    void this.#save();
  }

  /** Runs an operation as the current account and Region; a refusal is kept for display and returns undefined. */
  call(operation: string, input: ApiInput): ApiOutput | undefined {
    const sb = this.sandbox;
    if (!sb) return undefined;
    try {
      const out = sb.call(operation, input, this.context);
      this.refusal = null;
      return out;
    } catch (e) {
      if (!(e instanceof BackupError)) throw e;
      this.refusal = this.refusalOf(operation, e);
      return undefined;
    } finally {
      this.#changed();
    }
  }

  /** A read-only view for the screen (not logged as the learner's call); undefined when it is refused. */
  read(operation: string, input: ApiInput = {}): ApiOutput | undefined {
    void this.version;
    try {
      return this.sandbox?.read(operation, input, this.context);
    } catch {
      return undefined;
    }
  }

  refusalOf(operation: string, e: BackupError): Refusal {
    const sources = e.rule?.sources ?? [];
    return {
      operation,
      name: e.name,
      message: e.message,
      ...(e.rule ? { rule: e.rule } : {}),
      facts: sources.flatMap((s) => {
        const link = this.factLink(s);
        return link ? [link] : [];
      }),
      docs: sources.flatMap((s) => (s.kind === 'aws' ? [{ title: s.title, url: s.url }] : [])),
    };
  }

  /** The topic-card and review links of a note source, when the fact is in the notes. */
  factLink(source: RuleSource): FactLink | undefined {
    if (source.kind !== 'note') return undefined;
    const note = this.#content.notes.find((n) => n.id === source.note);
    if (!note) return undefined;
    const fact =
      (source.blockId ? note.facts.find((f) => f.blockId === source.blockId) : undefined) ??
      note.facts.find((f) => f.text === source.fact) ??
      note.facts.find((f) => f.text.includes(source.fact));
    if (!fact) return undefined;
    return {
      text: fact.text,
      href: routeHref({ name: 'note', noteId: note.id, factId: fact.id }),
      reviewHref: routeHref({ name: 'review', filter: { note: note.id, section: fact.sectionId } }),
    };
  }

  #advanced(from: number, eventsBefore: number): void {
    const sb = this.sandbox;
    if (!sb) return;
    const s = sb.state;
    const added = s.logTotals.events - eventsBefore;
    const kept = s.events.slice(Math.max(0, s.events.length - added));
    const counts = new Map<string, number>();
    for (const e of kept) {
      const state = (e.detail.state ?? e.detail.status) as string | undefined;
      const label = state ? `${e['detail-type']}: ${state}` : e['detail-type'];
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
    this.happened = {
      from,
      to: s.now,
      counts: [...counts].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
      latest: kept.slice(-20).reverse(),
      dropped: added - kept.length,
    };
    this.#changed();
  }

  advance(seconds: number): void {
    const sb = this.sandbox;
    if (!sb) return;
    const from = sb.state.now;
    const before = sb.state.logTotals.events;
    sb.advance(seconds);
    this.#advanced(from, before);
  }

  advanceToNextEvent(): void {
    const sb = this.sandbox;
    if (!sb) return;
    const from = sb.state.now;
    const before = sb.state.logTotals.events;
    if (sb.advanceToNextEvent() === null) {
      this.notice = 'Nothing is scheduled: create a plan or start a job first.';
      return;
    }
    this.#advanced(from, before);
  }

  /** Runs one line of the command box, as the AWS CLI would (help, a parse error, a refusal or the output). */
  runCommand(line: string): CliEntry {
    const sb = this.sandbox;
    if (!sb) return { line, output: 'The sandbox is not ready.', failed: true };
    const trimmed = line.trim();
    const result = execute(sb, trimmed === '' || trimmed === 'aws' || trimmed === 'aws backup' ? 'aws backup help' : line, this.context);
    const entry: CliEntry = { line, output: result.text, failed: result.kind === 'error' };
    this.cli = [...this.cli, entry].slice(-50);
    if (result.kind === 'help') return entry;
    if (result.error && result.operation) this.refusal = this.refusalOf(result.operation, result.error);
    else if (result.kind === 'output') this.refusal = null;
    this.#changed();
    return entry;
  }

  completeCommand(line: string): { replaceFrom: number; candidates: string[] } {
    return completeCli(line);
  }

  /** Starts (or restarts) a lab on a fresh sandbox made for it. */
  async startLab(id: string): Promise<void> {
    const lab = labById(id);
    if (!lab) return;
    this.loadProblem = null;
    this.sandbox = startLab(lab, `lab:${lab.id}`);
    this.activeLabId = lab.id;
    this.accountId = lab.account;
    this.region = lab.region;
    this.refusal = null;
    this.happened = null;
    this.cli = [];
    this.notice = `Lab started: ${lab.title}`;
    this.#changed();
    await this.#saving;
  }

  leaveLab(): void {
    this.activeLabId = null;
    void this.#save();
  }

  /** A fresh sandbox (the saved one is replaced, also when it could not be read). */
  async reset(): Promise<void> {
    this.loadProblem = null;
    this.sandbox = Sandbox.create({ seed: 'vaultcards' });
    this.activeLabId = null;
    this.refusal = null;
    this.happened = null;
    this.cli = [];
    await clearSandboxJson(this.#db);
    this.#changed();
    await this.#saving;
  }

  /** The sandbox as a file's text. */
  exportText(): string {
    return JSON.stringify({ format: 'vaultcards-sandbox', ...(this.#saved() as object) });
  }

  /** Replaces the sandbox with a file's; a bad file changes nothing and says why. */
  async importText(text: string): Promise<{ ok: true } | { ok: false; message: string }> {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return { ok: false, message: 'This file is not JSON: it is not a sandbox export.' };
    }
    const wrapper = data as { format?: unknown; state?: unknown; accountId?: unknown; region?: unknown };
    if (typeof data !== 'object' || data === null || wrapper.format !== 'vaultcards-sandbox')
      return { ok: false, message: 'This file is not a Vaultcards sandbox export (its "format" is missing or different).' };
    let sandbox: Sandbox;
    try {
      sandbox = Sandbox.fromJSON(wrapper.state);
    } catch (e) {
      return { ok: false, message: e instanceof Error ? e.message : String(e) };
    }
    this.loadProblem = null;
    this.sandbox = sandbox;
    this.activeLabId = null;
    if (typeof wrapper.accountId === 'string' && ACCOUNTS.some((a) => a.id === wrapper.accountId)) this.accountId = wrapper.accountId;
    if (typeof wrapper.region === 'string' && (REGIONS as readonly string[]).includes(wrapper.region)) this.region = wrapper.region;
    this.refusal = null;
    this.#changed();
    await this.#saving;
    return { ok: true };
  }
}

const KEY = Symbol('sandbox-console');

/** Shares the console with the sandbox screen's panels. */
export function setSandboxConsole(c: SandboxConsole): SandboxConsole {
  setContext(KEY, c);
  return c;
}

export function getSandboxConsole(): SandboxConsole {
  const c = getContext<SandboxConsole | undefined>(KEY);
  if (!c) throw new Error('getSandboxConsole() outside the sandbox screen');
  return c;
}
