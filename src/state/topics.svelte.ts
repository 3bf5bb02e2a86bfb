/**
 * The topics screen's state: which note, section or fact the route points at,
 * which sections are unfolded, the tag filter and the search. Joins the pure
 * content model and routes for the components, which stay thin.
 */
import { getContext, setContext } from 'svelte';
import { SvelteMap } from 'svelte/reactivity';
import { searchFacts, type SearchHit } from '../lib/content/search.ts';
import type { Fact, Link, Note, Section, Vault } from '../lib/content/types.ts';
import { summarizeVault, type NoteSummary } from '../lib/content/summary.ts';
import { parseRoute, routeHref, type Route } from '../lib/routes.ts';
import { vaultIdOf } from '../lib/library/namespace.ts';
import type { OwnVaultSummary } from './own-notes.ts';

/** Notes shown together on the first screen: the shipped notes, then each own vault by folder. */
export interface NoteGroup {
  /** The own vault's id; null for the shipped notes. */
  vaultId: string | null;
  name: string;
  folders: { folder: string; notes: NoteSummary[] }[];
}

const EMPTY: Vault = { notes: [], warnings: [], stats: { notes: 0, sections: 0, facts: 0, links: { total: 0, resolved: 0, blockRefs: 0, blockRefsResolved: 0, headingRefs: 0, headingRefsResolved: 0 } } };

export class TopicsState {
  /**
   * The notes. Set once: at construction, or by `setVault` when the first screen was drawn from
   * the summaries alone (the app's start, see main.ts); screens other than the topic list wait
   * for `loaded`.
   */
  vault = $state.raw<Vault>(EMPTY);
  loaded = $state(false);
  route = $state.raw<Route>({ name: 'home' });
  /** Fold overrides by `noteId/sectionId`: true = open. */
  #open = new SvelteMap<string, boolean>();
  #index = $state.raw<NoteSummary[]>([]);
  readonly #notes = $derived(new Map(this.vault.notes.map((n) => [n.id, n])));
  /** What the topic list shows of each note: from the vault, or from the summaries until it is here. */
  readonly summaries = $derived(this.loaded ? summarizeVault(this.vault) : this.#index);
  /** Every tag in the notes, sorted. */
  readonly allTags = $derived([...new Set(this.summaries.flatMap((n) => n.tags))].sort());

  /** The learner's own vaults shown beside the shipped notes (their notes are in `vault`). */
  readonly own: readonly OwnVaultSummary[];

  /** `vault` null: only `index` (the notes' summaries) until `setVault`. */
  constructor(vault: Vault | null, own: readonly OwnVaultSummary[] = [], index: NoteSummary[] = []) {
    this.own = own;
    this.#index = index;
    if (vault) {
      this.vault = vault;
      this.loaded = true;
    }
  }

  /** The whole vault has arrived: every screen can open now, at the address it is on. */
  setVault(vault: Vault): void {
    this.vault = vault;
    this.loaded = true;
    this.navigate(location.hash);
  }

  readonly note = $derived.by((): Note | undefined => (this.route.name === 'note' ? this.noteById(this.route.noteId) : undefined));
  readonly activeTag = $derived(this.route.name === 'home' ? this.route.tag : undefined);
  readonly query = $derived(this.route.name === 'search' ? this.route.query : '');
  readonly visibleNotes = $derived.by((): NoteSummary[] => {
    const tag = this.activeTag;
    if (!tag) return this.summaries;
    return this.summaries.filter((n) => n.tags.some((t) => t === tag || t.startsWith(tag + '/')));
  });
  readonly searchHits = $derived.by((): SearchHit[] => searchFacts(this.vault, this.query));
  /** The visible notes by vault and folder (folders as in the vault, the vault's top level first). */
  readonly groups = $derived.by((): NoteGroup[] => {
    const byVault = new Map<string | null, NoteSummary[]>();
    for (const note of this.visibleNotes) {
      const id = vaultIdOf(note.id);
      byVault.set(id, [...(byVault.get(id) ?? []), note]);
    }
    const folders = (notes: NoteSummary[]): NoteGroup['folders'] => {
      const map = new Map<string, NoteSummary[]>();
      for (const note of notes) {
        const folder = note.file.includes('/') ? note.file.slice(0, note.file.lastIndexOf('/')) : '';
        map.set(folder, [...(map.get(folder) ?? []), note]);
      }
      return [...map].sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))).map(([folder, list]) => ({ folder, notes: list }));
    };
    const out: NoteGroup[] = [];
    const shipped = byVault.get(null);
    if (shipped) out.push({ vaultId: null, name: 'Shipped notes', folders: [{ folder: '', notes: shipped }] });
    for (const own of this.own) {
      const notes = byVault.get(own.id);
      if (notes) out.push({ vaultId: own.id, name: own.name, folders: folders(notes) });
    }
    return out;
  });

  /**
   * Where an image a note embeds comes from: a data URL kept with the note's
   * vault, found by path or by file name as Obsidian finds it; null when the
   * image was not imported (or the note is a shipped one).
   */
  imageSrc(noteId: string, target: string): string | null {
    const vaultId = vaultIdOf(noteId);
    const own = vaultId === null ? undefined : this.own.find((v) => v.id === vaultId);
    if (!own) return null;
    const key = target.replace(/\\/g, '/').replace(/^(\.\/|\/)+/, '').toLowerCase();
    return own.images[key] ?? own.images[key.split('/').pop() ?? key] ?? null;
  }

  noteById(id: string): Note | undefined {
    return this.#notes.get(id);
  }

  /** Follows a `location.hash` change; opens folded sections around the target. */
  navigate(hash: string): void {
    const route = parseRoute(hash);
    this.route = route;
    if (route.name !== 'note') return;
    const note = this.noteById(route.noteId);
    if (!note) return;
    const sectionId = route.factId ? note.facts.find((f) => f.id === route.factId)?.sectionId : route.sectionId;
    if (sectionId) this.reveal(note, sectionId);
  }

  isOpen(section: Section): boolean {
    return this.#open.get(`${section.noteId}/${section.id}`) ?? !section.folded;
  }

  toggle(section: Section): void {
    this.#open.set(`${section.noteId}/${section.id}`, !this.isOpen(section));
  }

  /** Opens a section and every folded section above it. */
  reveal(note: Note, sectionId: string): void {
    let section = note.sections.find((s) => s.id === sectionId);
    while (section) {
      this.#open.set(`${note.id}/${section.id}`, true);
      section = section.parentId ? note.sections.find((s) => s.id === section?.parentId) : undefined;
    }
  }

  /** Where a wiki-link goes inside the app, or null when its target is not in the notes. */
  linkHref(link: Link): string | null {
    const to = link.resolved;
    if (!to) return null;
    return routeHref({ name: 'note', noteId: to.note, ...(to.factId ? { factId: to.factId } : to.sectionId ? { sectionId: to.sectionId } : {}) });
  }

  factHref(fact: Fact): string {
    return routeHref({ name: 'note', noteId: fact.noteId, factId: fact.id });
  }

  sectionHref(section: Section): string {
    return routeHref({ name: 'note', noteId: section.noteId, sectionId: section.id });
  }
}

const KEY = Symbol('topics');

export function setTopics(state: TopicsState): TopicsState {
  return setContext(KEY, state);
}

export function getTopics(): TopicsState {
  return getContext<TopicsState>(KEY);
}
