/**
 * The topics screen's state: which note, section or fact the route points at,
 * which sections are unfolded, the tag filter and the search. Joins the pure
 * content model and routes for the components, which stay thin.
 */
import { getContext, setContext } from 'svelte';
import { SvelteMap } from 'svelte/reactivity';
import { searchFacts, type SearchHit } from '../lib/content/search.ts';
import type { Fact, Link, Note, Section, Vault } from '../lib/content/types.ts';
import { parseRoute, routeHref, type Route } from '../lib/routes.ts';

export class TopicsState {
  readonly vault: Vault;
  route = $state.raw<Route>({ name: 'home' });
  /** Fold overrides by `noteId/sectionId`: true = open. */
  #open = new SvelteMap<string, boolean>();
  #notes: Map<string, Note>;
  /** Every tag in the notes, sorted. */
  readonly allTags: string[];

  constructor(vault: Vault) {
    this.vault = vault;
    this.allTags = [...new Set(vault.notes.flatMap((n) => n.tags))].sort();
    this.#notes = new Map(vault.notes.map((n) => [n.id, n]));
  }

  readonly note = $derived.by((): Note | undefined => (this.route.name === 'note' ? this.noteById(this.route.noteId) : undefined));
  readonly activeTag = $derived(this.route.name === 'home' ? this.route.tag : undefined);
  readonly query = $derived(this.route.name === 'search' ? this.route.query : '');
  readonly visibleNotes = $derived.by(() => {
    const tag = this.activeTag;
    if (!tag) return this.vault.notes;
    return this.vault.notes.filter((n) => n.tags.some((t) => t === tag || t.startsWith(tag + '/')));
  });
  readonly searchHits = $derived.by((): SearchHit[] => searchFacts(this.vault, this.query));

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
