/**
 * How well each note and section is known now: card counts by state, in the
 * buckets Anki shows (new, learning, young, mature, suspended), and the mean
 * recall probability.
 */
import type { StudyCard } from '../cards/types.ts';
import type { CardProgress } from '../srs/types.ts';
import { sectionKey, sectionLabel } from './sections.ts';

/** Stability (days) from which a review card counts as mature, Anki's 21-day line. */
export const MATURE_STABILITY_DAYS = 21;

/**
 * Cards of one note or section. The state counts are exclusive and add up to
 * `cards`: a suspended card is counted as suspended only.
 */
export interface MasteryRow {
  /** Note id, or `noteId#sectionId` for a section (see `sectionKey`). */
  key: string;
  /** Note title, or note title › heading path. */
  label: string;
  cards: number;
  new: number;
  /** Learning and relearning. */
  learning: number;
  young: number;
  /** In review with stability >= 21 days. */
  mature: number;
  suspended: number;
  /** Mean retrievability at `at` over the active (not suspended) cards, new cards as 0; 0 with no active cards. */
  meanRecall: number;
}

type Bucket = 'new' | 'learning' | 'young' | 'mature' | 'suspended';

function bucketOf(p: CardProgress | undefined): Bucket {
  if (p === undefined) return 'new';
  if (p.suspended) return 'suspended';
  switch (p.memory.state) {
    case 'new':
      return 'new';
    case 'learning':
    case 'relearning':
      return 'learning';
    case 'review':
      return p.memory.stability >= MATURE_STABILITY_DAYS ? 'mature' : 'young';
  }
}

interface Tally {
  row: MasteryRow;
  recallSum: number;
  active: number;
}

/**
 * Mastery per note and per section, rows in the order the cards come (note
 * order for generated cards). Only cards generated now count: pass the
 * current cards; a card whose progress says retired is skipped too.
 *
 * @param recall usually `scheduler.retrievability`; only called for cards past the new state.
 */
export function mastery(
  cards: StudyCard[],
  progress: Map<string, CardProgress>,
  recall: (p: CardProgress, at: number) => number,
  at: number,
): { notes: MasteryRow[]; sections: MasteryRow[] } {
  const notes = new Map<string, { tally: Tally; sections: Map<string, Tally> }>();
  const sections: Tally[] = [];
  const open = (key: string, label: string): Tally => ({
    row: { key, label, cards: 0, new: 0, learning: 0, young: 0, mature: 0, suspended: 0, meanRecall: 0 },
    recallSum: 0,
    active: 0,
  });
  const add = (t: Tally, bucket: Bucket, r: number): void => {
    t.row.cards++;
    t.row[bucket]++;
    if (bucket !== 'suspended') {
      t.active++;
      t.recallSum += r;
    }
  };

  for (const card of cards) {
    const p = progress.get(card.id);
    if (p?.retired) continue;
    const bucket = bucketOf(p);
    const r = p === undefined || bucket === 'suspended' || bucket === 'new' ? 0 : recall(p, at);
    // Sections are looked up by note, then section id, and labels built only
    // when a row opens, so nothing is allocated per card.
    let note = notes.get(card.noteId);
    if (!note) {
      note = { tally: open(card.noteId, card.noteTitle), sections: new Map() };
      notes.set(card.noteId, note);
    }
    let section = note.sections.get(card.sectionId);
    if (!section) {
      section = open(sectionKey(card), sectionLabel(card));
      note.sections.set(card.sectionId, section);
      sections.push(section);
    }
    add(note.tally, bucket, r);
    add(section, bucket, r);
  }

  const finish = ({ row, recallSum, active }: Tally): MasteryRow => ({ ...row, meanRecall: active === 0 ? 0 : recallSum / active });
  return { notes: [...notes.values()].map((n) => finish(n.tally)), sections: sections.map(finish) };
}

/**
 * Cards flagged as leeches (lapsed `leechLapses` times), most lapses first,
 * then in card order. A leech stays listed after the learner unsuspends it,
 * as the flag does; retired cards are left out.
 */
export function leeches(cards: StudyCard[], progress: Map<string, CardProgress>): { card: StudyCard; progress: CardProgress }[] {
  const found: { card: StudyCard; progress: CardProgress }[] = [];
  for (const card of cards) {
    const p = progress.get(card.id);
    if (p && p.leech && !p.retired) found.push({ card, progress: p });
  }
  // Array.prototype.sort is stable, so equal lapses keep card order.
  return found.sort((a, b) => b.progress.memory.lapses - a.progress.memory.lapses);
}
