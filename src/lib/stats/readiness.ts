/**
 * Exam-day readiness: how much of the notes the learner is expected to
 * recall on the day of the exam if they stopped studying now, per note,
 * section and exam domain, weighted as the exam is, and what to study next.
 */
import type { StudyCard } from '../cards/types.ts';
import { EXAM_DOMAINS, examDomainOf, type ExamDomain } from '../exam/domains.ts';
import type { CardProgress, SrsSettings } from '../srs/types.ts';
import { sectionKey, sectionLabel } from './sections.ts';

const DAY = 86_400_000;
/** Days kept free of new cards before the exam, so the last ones get reviewed. */
const REVIEW_BUFFER_DAYS = 3;
const STUDY_NEXT_LIMIT = 5;

export interface ReadinessRow {
  /** Note id, section key (`noteId#sectionId`) or domain id. */
  key: string;
  label: string;
  /** Cards on the exam: not retired; suspended cards count. */
  cards: number;
  /** Mean projected recall on exam day, cards not yet learned as 0. */
  expectedRecall: number;
  /** Cards never studied (no progress, or still new). */
  unlearned: number;
}

/** A section worth studying next, with what to do there. */
export interface StudyNextItem {
  sectionKey: string;
  /** The parts of `sectionKey`, for a study filter (`QueueFilter.noteIds` / `sectionIds`). */
  noteId: string;
  sectionId: string;
  label: string;
  expectedRecall: number;
  /** `learn N new cards`, `review N cards`, or both joined by "and". */
  advice: string;
}

export interface Readiness {
  examDay: number;
  /** Days from now to the exam, rounded up; 0 once it has begun. */
  daysLeft: number;
  /** Expected recall weighted by the exam's domain weights over the domains that have cards, renormalised; 0 with no cards. */
  overall: number;
  byNote: ReadinessRow[];
  bySection: ReadinessRow[];
  /** All four domains in exam-guide order; a domain without cards has 0 cards and 0 recall. */
  byDomain: (ReadinessRow & { domain: ExamDomain; weight: number })[];
  /**
   * Up to 5 sections with the lowest expected recall (ties: more cards
   * first, then card order) among those with something to do: cards to learn,
   * or learned cards whose projected recall falls below the desired retention.
   */
  studyNext: StudyNextItem[];
  pacing: {
    /** Cards not yet learned. */
    newCards: number;
    daysLeft: number;
    /**
     * New cards a day needed to have seen them all before the last
     * `min(3, daysLeft - 1)` days, which stay free for reviews; every new
     * card at once when the exam day has come.
     */
    newPerDay: number;
    /** `settings.newPerDay` is enough; false on or after the exam day while cards are unlearned. */
    onTrack: boolean;
  };
}

interface Tally {
  key: string;
  label: string;
  cards: number;
  unlearned: number;
  recallSum: number;
  /** Learned cards projected below the desired retention. */
  weak: number;
}

interface SectionTally {
  tally: Tally;
  /** The first card, for the note and section ids. */
  card: StudyCard;
  /** The tally of the section's exam domain. */
  domain: Tally;
}

const newTally = (key: string, label: string): Tally => ({ key, label, cards: 0, unlearned: 0, recallSum: 0, weak: 0 });

function toRow(t: Tally): ReadinessRow {
  return { key: t.key, label: t.label, cards: t.cards, expectedRecall: t.cards === 0 ? 0 : t.recallSum / t.cards, unlearned: t.unlearned };
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/**
 * Readiness for an exam at `examDay`, in one pass over the cards.
 *
 * A card's projected recall is `recall(progress, examDay)` (pass
 * `scheduler.retrievability`), or 0 when it is not learned yet. When the
 * exam day is already past, recall is projected at `now` instead, since FSRS
 * cannot say what was recalled before the last review. Retired cards are
 * left out; suspended ones stay in, as they are still on the exam.
 *
 * @example examReadiness(cards, progress, scheduler.retrievability, settings, Date.UTC(2026, 2, 1, 9), now).overall
 */
export function examReadiness(
  cards: StudyCard[],
  progress: Map<string, CardProgress>,
  recall: (p: CardProgress, at: number) => number,
  settings: SrsSettings,
  examDay: number,
  now: number,
): Readiness {
  const at = Math.max(examDay, now);
  const notes = new Map<string, { tally: Tally; sections: Map<string, SectionTally> }>();
  const sections: SectionTally[] = [];
  const domains = Object.fromEntries(EXAM_DOMAINS.map((d) => [d.id, newTally(d.id, d.name)])) as Record<ExamDomain, Tally>;

  const add = (t: Tally, learned: boolean, r: number): void => {
    t.cards++;
    t.recallSum += r;
    if (!learned) t.unlearned++;
    else if (r < settings.desiredRetention) t.weak++;
  };

  for (const card of cards) {
    const p = progress.get(card.id);
    if (p?.retired) continue;
    const learned = p !== undefined && p.memory.state !== 'new';
    const r = learned ? recall(p, at) : 0;
    // Sections are looked up by note, then section id, so no key string is built per card.
    let note = notes.get(card.noteId);
    if (!note) {
      note = { tally: newTally(card.noteId, card.noteTitle), sections: new Map() };
      notes.set(card.noteId, note);
    }
    let section = note.sections.get(card.sectionId);
    if (!section) {
      // Cards of one section share tags, title and path, so the domain is worked out once per section.
      section = { tally: newTally(sectionKey(card), sectionLabel(card)), card, domain: domains[examDomainOf(card)] };
      note.sections.set(card.sectionId, section);
      sections.push(section);
    }
    add(note.tally, learned, r);
    add(section.tally, learned, r);
    add(section.domain, learned, r);
  }

  const byDomain = EXAM_DOMAINS.map((d) => ({ ...toRow(domains[d.id]), domain: d.id, weight: d.weight }));
  let weighted = 0;
  let weights = 0;
  for (const row of byDomain) {
    if (row.cards === 0) continue;
    weighted += row.weight * row.expectedRecall;
    weights += row.weight;
  }

  const ranked = sections
    .map((s, order) => ({ ...s, order, row: toRow(s.tally) }))
    .filter((s) => s.tally.unlearned > 0 || s.tally.weak > 0)
    .sort((a, b) => a.row.expectedRecall - b.row.expectedRecall || b.row.cards - a.row.cards || a.order - b.order);
  const studyNext = ranked.slice(0, STUDY_NEXT_LIMIT).map(({ tally, card, row }) => {
    const todo: string[] = [];
    if (tally.unlearned > 0) todo.push(`learn ${plural(tally.unlearned, 'new card', 'new cards')}`);
    if (tally.weak > 0) todo.push(`review ${plural(tally.weak, 'card', 'cards')}`);
    return { sectionKey: row.key, noteId: card.noteId, sectionId: card.sectionId, label: row.label, expectedRecall: row.expectedRecall, advice: todo.join(' and ') };
  });

  const daysLeft = Math.max(0, Math.ceil((examDay - now) / DAY));
  const newCards = byDomain.reduce((n, row) => n + row.unlearned, 0);
  let pacing: Readiness['pacing'];
  if (daysLeft === 0) {
    pacing = { newCards, daysLeft, newPerDay: newCards, onTrack: newCards === 0 };
  } else {
    // Never the whole of the days left, so at least one day stays for new cards.
    const buffer = Math.min(REVIEW_BUFFER_DAYS, daysLeft - 1);
    const newPerDay = Math.ceil(newCards / (daysLeft - buffer));
    pacing = { newCards, daysLeft, newPerDay, onTrack: settings.newPerDay >= newPerDay };
  }

  return {
    examDay,
    daysLeft,
    overall: weights === 0 ? 0 : weighted / weights,
    byNote: [...notes.values()].map((n) => toRow(n.tally)),
    bySection: sections.map((s) => toRow(s.tally)),
    byDomain,
    studyNext,
    pacing,
  };
}
