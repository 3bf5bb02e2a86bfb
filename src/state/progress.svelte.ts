/**
 * The Progress screen: the backup of everything (export and import), the
 * Anki export, storage (persistence, space used), and the study settings.
 * Every import is checked whole before anything is written (see
 * `data/progress-file.ts`); a restored backup with own notes remounts the app
 * on them.
 */
import type { VaultcardsDB } from '../data/db.ts';
import { loadSettings, saveSettings } from '../data/progress.ts';
import { exportProgress, importProgress, parseProgressFile, type ImportMode } from '../data/progress-file.ts';
import { markBackedUp } from '../data/backup-meta.ts';
import { setOwnVaultsHint } from '../data/own-vaults.ts';
import { storageInfo, writeFailureMessage, type StorageInfo } from '../data/storage.ts';
import { toAnkiText } from '../lib/cards/anki.ts';
import type { StudyCard } from '../lib/cards/types.ts';
import { createScheduler } from '../lib/srs/scheduler.ts';
import { DEFAULT_SRS_SETTINGS, type SrsSettings } from '../lib/srs/types.ts';

export interface Download {
  name: string;
  type: string;
  text: string;
}

/** A restore that changed the notes remounts the app; its message is carried over to the new screen here. */
let carried: { message: string; at: number } | null = null;

export class ProgressState {
  readonly #db: VaultcardsDB;
  readonly #cards: StudyCard[];
  settings = $state.raw<SrsSettings>(DEFAULT_SRS_SETTINGS);
  message = $state('');
  error = $state('');
  busy = $state(false);
  storage = $state.raw<StorageInfo | null>(null);
  readonly #notesChanged: () => Promise<void>;

  constructor(db: VaultcardsDB, cards: StudyCard[], notesChanged: () => Promise<void> = async () => {}) {
    this.#db = db;
    this.#cards = cards;
    this.#notesChanged = notesChanged;
    // The screen of the remount is created within moments; a message older than that is stale.
    if (carried && Date.now() - carried.at < 10_000) this.message = carried.message;
    carried = null;
  }

  async init(): Promise<void> {
    this.settings = await loadSettings(this.#db);
    this.storage = await storageInfo(true);
  }

  async exportFile(now: number): Promise<Download> {
    const file = await exportProgress(this.#db, now);
    const vaults = file.vaults.length ? `, ${file.vaults.length} notes vault${file.vaults.length === 1 ? '' : 's'}` : '';
    this.message = `Backed up ${file.progress.length} cards, ${file.reviews.length} reviews, ${file.settings.length} settings${vaults}.`;
    this.error = '';
    // Remembered for the weekly reminder; a failure to remember must not lose the download.
    await markBackedUp(this.#db, now).catch(() => undefined);
    return { name: `vaultcards-backup-${new Date(now).toISOString().slice(0, 10)}.json`, type: 'application/json', text: JSON.stringify(file) };
  }

  ankiFile(): Download {
    const live = this.#cards;
    this.message = `Exported ${live.length} cards for Anki.`;
    this.error = '';
    return { name: 'vaultcards-anki.txt', type: 'text/plain', text: toAnkiText(live) };
  }

  /** Checks then imports; on any problem nothing is written and `error` says why. */
  async importText(text: string, mode: ImportMode): Promise<boolean> {
    this.busy = true;
    this.message = '';
    this.error = '';
    try {
      const parsed = await parseProgressFile(text);
      if (!parsed.ok) {
        this.error = parsed.message;
        return false;
      }
      const summary = await importProgress(this.#db, parsed.file, mode, createScheduler(this.settings), parsed.version);
      this.settings = await loadSettings(this.#db);
      const notes = summary.vaults ? ` and ${summary.vaults} notes vault${summary.vaults === 1 ? '' : 's'}` : '';
      this.message =
        mode === 'replace'
          ? `Restored ${summary.cards} cards, ${summary.reviewsAdded} reviews${notes}; what was here before was replaced.`
          : `Merged: ${summary.reviewsAdded} new reviews added, ${summary.cardsReplayed} cards rescheduled from the combined history${notes ? `, ${summary.vaults} notes vault${summary.vaults === 1 ? '' : 's'} added or updated` : ''}.`;
      if (summary.vaults > 0 || mode === 'replace') {
        setOwnVaultsHint((await this.#db.vaults.count()) > 0);
        carried = { message: this.message, at: Date.now() };
        await this.#notesChanged();
      }
      return true;
    } catch (error) {
      this.error = writeFailureMessage(error, 'the imported backup');
      return false;
    } finally {
      this.busy = false;
    }
  }

  async updateSettings(patch: Partial<SrsSettings>): Promise<void> {
    const next = { ...this.settings, ...patch };
    const problem = settingsProblem(next);
    if (problem) {
      this.error = problem;
      return;
    }
    await saveSettings(this.#db, next);
    this.settings = next;
    this.error = '';
    this.message = 'Settings saved.';
  }
}

/** Why these settings cannot be used, or null. */
export function settingsProblem(s: SrsSettings): string | null {
  if (!(s.desiredRetention >= 0.7 && s.desiredRetention <= 0.99)) return 'Desired retention must be between 0.70 and 0.99.';
  if (!Number.isInteger(s.maximumInterval) || s.maximumInterval < 1 || s.maximumInterval > 36500) return 'Maximum interval must be a whole number of days from 1 to 36500.';
  if (!Number.isInteger(s.newPerDay) || s.newPerDay < 0 || s.newPerDay > 9999) return 'New cards per day must be a whole number from 0 to 9999.';
  if (!Number.isInteger(s.reviewsPerDay) || s.reviewsPerDay < 0 || s.reviewsPerDay > 99999) return 'Reviews per day must be a whole number from 0 to 99999.';
  return null;
}
