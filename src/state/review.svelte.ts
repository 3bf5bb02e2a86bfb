/**
 * The review session: today's queue, the card on screen, grading, undo and
 * suspension, kept in step with IndexedDB and with other tabs.
 *
 * Other tabs: a live query watches today's review logs (a small set); when a
 * log appears or disappears that this tab did not write, the progress of just
 * those cards is read again, so both tabs show the same counts without
 * reloading every card.
 *
 * Opening: the first card waits only for the rows due today (`openStudyDay`);
 * the other rows are read after it, a chunk a task, and until they are in, the
 * screen counts as loading whenever they could change what it shows (nothing
 * due now, or a new study day: see `unreadCannotChange`).
 */
import { liveQuery, type Subscription } from 'dexie';
import { failureReason, openFailureReason } from '../data/storage.ts';
import type { StudyCard } from '../lib/cards/types.ts';
import type { Section, Vault } from '../lib/content/types.ts';
import type { StudyFilter } from '../lib/routes.ts';
import { buildQueue, countToday, endOfStudyDay, startOfStudyDay, unreadCannotChange, type QueueFilter, type StudyQueue, type UnreadProgress } from '../lib/srs/queue.ts';
import { createScheduler, formatInterval, newProgress, type GradePreview, type Scheduler } from '../lib/srs/scheduler.ts';
import { DEFAULT_SRS_SETTINGS, type CardProgress, type Grade, type ReviewRecord, type SrsSettings } from '../lib/srs/types.ts';
import type { VaultcardsDB } from '../data/db.ts';
import { commitGrade, openStudyDay, readProgressRows, reconcileStoredCards, reviewsSince, setSuspended, undoGrade } from '../data/progress.ts';
import { beginActivity } from './activity.ts';

export type StorageStatus = 'persistent' | 'best-effort' | 'unsupported' | 'unknown';

export interface ReviewClock {
  now(): number;
  timezoneOffsetMinutes(at: number): number;
}

export const systemClock: ReviewClock = {
  now: () => Date.now(),
  timezoneOffsetMinutes: (at) => -new Date(at).getTimezoneOffset(),
};

export class ReviewState {
  readonly cards: StudyCard[];
  readonly #byId: Map<string, StudyCard>;
  readonly #db: VaultcardsDB;
  readonly #vault: Vault;
  readonly #clock: ReviewClock;
  #scheduler: Scheduler = createScheduler(DEFAULT_SRS_SETTINGS);
  #subscription: Subscription | null = null;
  #timer: ReturnType<typeof setInterval> | null = null;
  /** Grades made in this tab, newest last: what U undoes. */
  #undoStack: string[] = [];
  #shownAt = 0;
  /** Writes of this tab, chained so they reach IndexedDB in the order they were made. */
  #writes: Promise<void> = Promise.resolve();
  /** Grades shown but not yet stored: a live-query result from before they land must not undo them. */
  #inFlight = new Set<string>();
  #destroyed = false;
  /** The rows due today, the settings and today's records are in. */
  #opened = $state(false);
  /** Stored rows not read yet (due after the day they were left for), or null once every row is in. */
  #unread = $state.raw<UnreadProgress | null>(null);

  error = $state<string | null>(null);
  settings = $state.raw<SrsSettings>(DEFAULT_SRS_SETTINGS);
  /**
   * Progress by card id. One map changed in place, with a version number the
   * screen depends on: copying 10,000 entries on every grade cost more than
   * the whole rest of a grade.
   */
  #progress = new Map<string, CardProgress>();
  #progressVersion = $state(0);
  todayRecords = $state.raw<ReviewRecord[]>([]);
  filter = $state.raw<StudyFilter>({});
  now = $state(0);
  revealed = $state(false);
  canUndo = $state(false);
  storage = $state<StorageStatus>('unknown');
  /** Short message after an action, read out by screen readers. */
  notice = $state('');

  constructor(vault: Vault, cards: StudyCard[], db: VaultcardsDB, clock: ReviewClock = systemClock) {
    this.#vault = vault;
    this.cards = cards;
    this.#byId = new Map(cards.map((c) => [c.id, c]));
    this.#db = db;
    this.#clock = clock;
    this.now = clock.now();
    // A card on screen is a review in progress: an app update waits until the
    // queue is done or the screen goes away, and until the grades are stored.
    $effect(() => {
      if (!this.#reviewing) return;
      const end = beginActivity('review');
      return () => void this.#writes.then(end, end);
    });
  }

  get progress(): ReadonlyMap<string, CardProgress> {
    void this.#progressVersion;
    return this.#progress;
  }

  #setProgress(...rows: CardProgress[]): void {
    for (const row of rows) this.#progress.set(row.cardId, row);
    this.#progressVersion++;
  }

  readonly dayStart = $derived.by(() => startOfStudyDay(this.now, this.#clock.timezoneOffsetMinutes(this.now)));

  readonly queueFilter = $derived.by((): QueueFilter => {
    const f: QueueFilter = {};
    if (this.filter.note) f.noteIds = [this.filter.note];
    if (this.filter.tag) f.tags = [this.filter.tag];
    if (this.filter.section && this.filter.note) f.sectionIds = this.#withSubsections(this.filter.note, this.filter.section);
    return f;
  });

  readonly queue = $derived.by((): StudyQueue =>
    buildQueue(this.cards, this.progress, this.settings, this.now, this.dayStart, countToday(this.todayRecords, this.dayStart), this.queueFilter, this.#unread),
  );

  /** The queue on screen is the one every stored row gives. */
  readonly ready = $derived(this.#opened && unreadCannotChange(this.queue, this.#unread, this.dayStart));

  readonly current = $derived.by((): StudyCard | null => {
    const id = this.queue.learning[0] ?? this.queue.review[0] ?? this.queue.new[0];
    return id ? (this.#byId.get(id) ?? null) : null;
  });

  readonly #reviewing = $derived(this.ready && this.current !== null);

  readonly currentProgress = $derived(this.current ? (this.progress.get(this.current.id) ?? newProgress(this.current.id, this.now)) : null);

  readonly preview = $derived.by((): GradePreview | null => {
    if (!this.currentProgress) return null;
    // The device clock can run behind the card's last review (changed by hand,
    // or another device's review merged in): preview from that review instead.
    const at = Math.max(this.now, this.currentProgress.memory.lastReview ?? 0);
    return this.#scheduler.preview(this.currentProgress, at);
  });

  readonly reviewedToday = $derived(this.todayRecords.length);

  /**
   * Opens the database and reads what the first card needs, retiring cards
   * whose facts left the notes and reviving those that came back, starts
   * watching other tabs, then reads the rest of the progress.
   */
  async init(): Promise<void> {
    try {
      this.now = this.#clock.now();
      const dayStart = this.dayStart;
      const day = await openStudyDay(this.#db, this.#byId, dayStart, endOfStudyDay(dayStart));
      // The screen may have gone while this was read: start no live query and no timer for it.
      if (this.#destroyed) return;
      this.settings = day.settings;
      this.#scheduler = createScheduler(this.settings);
      this.#progress = day.progress;
      this.#unread = day.unread.size ? { cardIds: day.unread, dueAfter: day.dueBy } : null;
      this.#progressVersion++;
      this.todayRecords = day.records;
      this.#watchOtherTabs();
      this.#timer = setInterval(() => (this.now = this.#clock.now()), 15_000);
      this.#opened = true;
      this.#shownAt = this.#clock.now();
      void this.#askPersistence();
      if (day.unread.size) await this.#readTheRest([...day.unread]);
    } catch (error) {
      this.error = `Your progress could not be opened: ${openFailureReason(error)}.`;
    }
  }

  /**
   * Reads the rows `init` left unread, a chunk a task so keys and paints are
   * not held up, reconciles them, and adds those this tab has not had since
   * (a grade here, or a live-query read of another tab's grade, is newer).
   */
  async #readTheRest(unread: string[]): Promise<void> {
    const rows: CardProgress[] = [];
    for await (const chunk of readProgressRows(this.#db, unread)) {
      if (this.#destroyed) return;
      for (const row of chunk) rows.push(row);
      await nextTask();
    }
    const reconciled = await reconcileStoredCards(this.#db, this.#byId, rows);
    if (this.#destroyed) return;
    const updated = new Map(reconciled.updated.map((row) => [row.cardId, row]));
    for (const row of rows) if (!this.#progress.has(row.cardId)) this.#progress.set(row.cardId, updated.get(row.cardId) ?? row);
    this.#unread = null;
    this.#progressVersion++;
  }

  destroy(): void {
    this.#destroyed = true;
    this.#subscription?.unsubscribe();
    if (this.#timer) clearInterval(this.#timer);
  }

  setFilter(filter: StudyFilter): void {
    this.filter = filter;
    this.revealed = false;
  }

  reveal(): void {
    if (this.current) this.revealed = true;
  }

  intervalLabel(grade: Grade): string {
    const due = this.preview?.[grade]?.due;
    return due === undefined ? '' : formatInterval(Math.max(0, due - this.now));
  }

  /**
   * Grades the card on screen. The new schedule is computed and shown at once;
   * the write follows in the background, in order with other writes of this
   * tab. If it fails, the grade is taken back and the learner is told.
   */
  grade(grade: Grade): Promise<void> {
    const card = this.current;
    if (!card || !this.revealed) return this.#writes;
    const now = this.#clock.now();
    const before = this.progress.get(card.id) ?? newProgress(card.id, now);
    const at = Math.max(now, (before.memory.lastReview ?? -1) + 1);
    let applied: { progress: CardProgress; record: ReviewRecord };
    try {
      applied = this.#scheduler.grade(before, grade, at, Math.max(0, now - this.#shownAt));
    } catch (error) {
      this.notice = `The grade was not saved: ${(error as Error).message}`;
      return this.#writes;
    }
    this.#applyLocal(applied.progress, applied.record);
    this.revealed = false;
    this.now = now;
    this.#shownAt = now;
    this.notice = applied.record.madeLeech ? `This card has lapsed ${applied.progress.memory.lapses} times: it is now a leech and suspended.` : '';
    this.#undoStack.push(applied.record.uid);
    this.canUndo = true;
    this.#inFlight.add(applied.record.uid);
    return this.#queueWrite(async () => {
      try {
        const stored = await commitGrade(this.#db, this.#scheduler, before, applied);
        if (stored.rescheduled) {
          // Another tab graded this card meanwhile: show what was really stored.
          this.#replaceLocal(applied.record.uid, stored);
          this.#undoStack = this.#undoStack.map((uid) => (uid === applied.record.uid ? stored.record.uid : uid));
        }
      } catch (error) {
        this.#revertLocal(before, applied.record.uid);
        this.#undoStack = this.#undoStack.filter((uid) => uid !== applied.record.uid);
        this.canUndo = this.#undoStack.length > 0;
        this.notice = `The grade was not saved: ${failureReason(error)}`;
      } finally {
        this.#inFlight.delete(applied.record.uid);
      }
    });
  }

  /** Undoes this tab's last grade, after any write still in flight. */
  undo(): Promise<void> {
    return this.#queueWrite(async () => {
      const uid = this.#undoStack.pop();
      this.canUndo = this.#undoStack.length > 0;
      if (!uid) return;
      const restored = await undoGrade(this.#db, this.#scheduler, uid);
      if (restored) {
        this.#setProgress(restored);
        this.todayRecords = this.todayRecords.filter((r) => r.uid !== uid);
        this.notice = 'Last grade undone.';
      } else {
        this.notice = 'That grade can no longer be undone: the card was graded again since.';
      }
      this.revealed = false;
      this.now = this.#clock.now();
    });
  }

  #queueWrite(task: () => Promise<void>): Promise<void> {
    this.#writes = this.#writes.then(task, task);
    return this.#writes;
  }

  #replaceLocal(oldUid: string, stored: { progress: CardProgress; record: ReviewRecord }): void {
    this.#setProgress(stored.progress);
    this.todayRecords = [...this.todayRecords.filter((r) => r.uid !== oldUid && r.uid !== stored.record.uid), stored.record];
  }

  #revertLocal(before: CardProgress, uid: string): void {
    if (before.memory.reps === 0 && !before.suspended) {
      this.#progress.delete(before.cardId);
      this.#progressVersion++;
    } else {
      this.#setProgress(before);
    }
    this.todayRecords = this.todayRecords.filter((r) => r.uid !== uid);
  }

  async toggleSuspend(cardId: string): Promise<void> {
    const current = this.progress.get(cardId);
    const next = await setSuspended(this.#db, cardId, !(current?.suspended ?? false), this.#clock.now());
    this.#setProgress(next);
    this.revealed = false;
    this.notice = next.suspended ? 'Card suspended.' : 'Card unsuspended.';
  }

  #applyLocal(progress: CardProgress, record: ReviewRecord): void {
    this.#setProgress(progress);
    if (!this.todayRecords.some((r) => r.uid === record.uid)) this.todayRecords = [...this.todayRecords, record];
  }

  #watchOtherTabs(): void {
    this.#subscription = liveQuery(() => reviewsSince(this.#db, this.dayStart)).subscribe({
      next: (records) => void this.#mergeFromOtherTabs(records),
      error: (error: Error) => (this.error = `Live updates stopped: ${error.message}`),
    });
  }

  async #mergeFromOtherTabs(stored: ReviewRecord[]): Promise<void> {
    const storedUids = new Set(stored.map((r) => r.uid));
    const records = [...stored, ...this.todayRecords.filter((r) => this.#inFlight.has(r.uid) && !storedUids.has(r.uid))];
    const mine = new Set(this.todayRecords.map((r) => r.uid));
    const theirs = new Set(records.map((r) => r.uid));
    const changed = new Set<string>();
    for (const r of records) if (!mine.has(r.uid)) changed.add(r.cardId);
    for (const r of this.todayRecords) if (!theirs.has(r.uid)) changed.add(r.cardId);
    // Our own writes come back through this query too: nothing new, nothing to recompute.
    if (changed.size === 0 && records.length === this.todayRecords.length) return;
    this.todayRecords = records;
    if (changed.size === 0) return;
    const rows = await this.#db.progress.bulkGet([...changed]);
    this.#setProgress(...rows.filter((row): row is CardProgress => row !== undefined));
  }

  async #askPersistence(): Promise<void> {
    const storage = globalThis.navigator?.storage;
    if (!storage?.persist) {
      this.storage = 'unsupported';
      return;
    }
    try {
      this.storage = (await storage.persisted()) || (await storage.persist()) ? 'persistent' : 'best-effort';
    } catch {
      this.storage = 'best-effort';
    }
  }

  #withSubsections(noteId: string, sectionId: string): string[] {
    const note = this.#vault.notes.find((n) => n.id === noteId);
    if (!note) return [sectionId];
    const byId = new Map(note.sections.map((s) => [s.id, s]));
    const out: string[] = [];
    const visit = (s: Section | undefined): void => {
      if (!s) return;
      out.push(s.id);
      for (const child of s.childIds) visit(byId.get(child));
    };
    visit(byId.get(sectionId));
    return out.length ? out : [sectionId];
  }
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
