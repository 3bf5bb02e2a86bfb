/**
 * Quizzes and practice exams drawn from the question bank: a quiz of any kinds
 * weighted toward weak topics, and an exam in the CCP format.
 */
import type { Vault } from '../content/types.ts';
import { EXAM_DOMAINS, type ExamDomain } from '../exam/domains.ts';
import { examQuestionOfUnit, examUnit, kindsOf, questionsOfUnit } from './build.ts';
import { unitMatches } from './generate.ts';
import { knowledgeOf, type Knowledge, type Unit } from './knowledge.ts';
import { createRng } from './rng.ts';
import { QUESTION_KINDS, type Question, type QuestionFilter, type QuestionKind } from './types.ts';
import { validateQuestion } from './validate.ts';

/** The official exam: 65 questions in 90 minutes. */
export const EXAM_QUESTIONS = 65;
export const EXAM_MINUTES = 90;

/**
 * A quiz of `count` questions (fewer when the filtered notes hold fewer).
 * Topics are drawn with probability proportional to `weights` (section key ->
 * weight, 1 when missing; 0 only when nothing else is left), so weak and due
 * topics come up more often. A quiz mixes the kinds asked for evenly where it
 * can and asks about each fact once.
 *
 * Units (a definition, a gap, a list, a statement, a group of pairs) are drawn
 * in weighted order and each gives at most one question, built only when it is
 * drawn: a 10-question quiz from 5,000 facts builds a few dozen questions, not
 * the whole bank.
 *
 * @example buildQuiz(vault, { seed: 'quick-2024-05-01', count: 10, weights: new Map([['storage-aws-backup#pricing', 4]]) })
 */
export function buildQuiz(vault: Vault, options: QuestionFilter & { seed: string; count: number; weights?: Map<string, number> }): Question[] {
  const known = knowledgeOf(vault);
  const kinds = new Set(options.kinds?.length ? options.kinds : QUESTION_KINDS);
  const units = known.units.filter((u) => unitMatches(u, options) && kindsOf(u).some((k) => kinds.has(k)));
  const rng = createRng(`${options.seed}\u0000quiz`);
  // Weighted sampling without replacement (Efraimidis-Spirakis): an exponential
  // draw divided by the weight; the smallest keys come first.
  const order = units
    .map((unit) => {
      const weight = Math.max(0, options.weights?.get(unit.topic.key) ?? 1);
      const draw = -Math.log(1 - rng.next());
      return { unit, key: weight > 0 ? draw / weight : Infinity };
    })
    .sort((a, b) => a.key - b.key)
    .map((r) => r.unit);

  const count = Math.max(0, Math.floor(options.count));
  const available = new Set(units.flatMap((u) => kindsOf(u).filter((k) => kinds.has(k))));
  const perKind = Math.ceil(count / Math.max(1, available.size));
  const chosen: Question[] = [];
  const chosenIds = new Set<string>();
  const usedFacts = new Set<string>();
  const kindCount = new Map<QuestionKind, number>();
  const deferred: Question[] = [];
  const fresh = (q: Question): boolean => !chosenIds.has(q.id) && q.factIds.every((id) => !usedFacts.has(id));
  const take = (q: Question): void => {
    chosen.push(q);
    chosenIds.add(q.id);
    for (const id of q.factIds) usedFacts.add(id);
    kindCount.set(q.kind, (kindCount.get(q.kind) ?? 0) + 1);
  };

  // First an even mix of kinds, one question per unit and each fact asked once.
  for (const unit of order) {
    if (chosen.length >= count) break;
    const questions = createRng(`${options.seed}\u0000${unit.id}`)
      .shuffle(questionsOfUnit(known, unit, kinds, options.seed))
      .filter((q) => validateQuestion(q, known.truths).length === 0);
    const open = questions.filter((q) => fresh(q) && (kindCount.get(q.kind) ?? 0) < perKind);
    // The kind asked least so far, so a unit that can give several kinds evens out the mix.
    const best = open.sort((a, b) => (kindCount.get(a.kind) ?? 0) - (kindCount.get(b.kind) ?? 0))[0];
    if (best) take(best);
    deferred.push(...questions.filter((q) => q !== best));
  }
  // Then the kinds asked least so far, still each fact once; then (only for a
  // very small set of notes) facts a second time.
  for (const allowed of [fresh, (q: Question) => !chosenIds.has(q.id)]) {
    while (chosen.length < count) {
      let best: Question | undefined;
      for (const q of deferred) {
        if (allowed(q) && (!best || (kindCount.get(q.kind) ?? 0) < (kindCount.get(best.kind) ?? 0))) best = q;
      }
      if (!best) break;
      take(best);
    }
  }
  return chosen;
}

interface ExamPool {
  byDomain: Map<ExamDomain, Unit[]>;
}
const examPools = new WeakMap<Knowledge, ExamPool>();

function examPool(known: Knowledge): ExamPool {
  let pool = examPools.get(known);
  if (!pool) {
    const byDomain = new Map<ExamDomain, Unit[]>(EXAM_DOMAINS.map((d) => [d.id, []]));
    for (const unit of known.units) if (examUnit(unit)) byDomain.get(unit.domain)?.push(unit);
    pool = { byDomain };
    examPools.set(known, pool);
  }
  return pool;
}

/** Seats for each domain by largest remainder, so the shares add up to `total`. */
function apportion(total: number): Map<ExamDomain, number> {
  const exact = EXAM_DOMAINS.map((d) => ({ id: d.id, share: d.weight * total }));
  const seats = new Map(exact.map((e) => [e.id, Math.floor(e.share)]));
  let left = total - [...seats.values()].reduce((a, b) => a + b, 0);
  for (const e of [...exact].sort((a, b) => (b.share % 1) - (a.share % 1))) {
    if (left <= 0) break;
    seats.set(e.id, (seats.get(e.id) ?? 0) + 1);
    left--;
  }
  return seats;
}

/**
 * A practice exam in the CCP format: single-answer and multiple-response
 * questions only, spread over the four domains by the official weights (24%,
 * 30%, 34%, 12%) as far as the notes allow; a domain the notes cannot fill
 * gives its seats to the others. When the notes hold fewer than `questions`
 * questions the exam is shorter, and the time is scaled from 90 minutes for 65
 * questions and rounded up (30 questions -> 42 minutes). `scaledFrom` is the
 * number asked for, so the screen can say the exam was shortened.
 *
 * Questions are built one unit at a time, each domain's units in a seeded
 * order, until the seats are filled: a 65-question exam from 5,000 facts builds
 * about 65 questions, not the whole bank.
 *
 * @example buildExam(vault, { seed: 'exam-1' }) // { questions: [...65], minutes: 90, scaledFrom: 65 }
 */
export function buildExam(vault: Vault, options: { seed: string; questions?: number }): { questions: Question[]; minutes: number; scaledFrom: number } {
  const requested = Math.max(0, Math.floor(options.questions ?? EXAM_QUESTIONS));
  const known = knowledgeOf(vault);
  const pool = examPool(known);
  const rng = createRng(`${options.seed}\u0000exam`);
  const queues = new Map<ExamDomain, { units: Unit[]; next: number }>();
  for (const d of EXAM_DOMAINS) queues.set(d.id, { units: rng.shuffle(pool.byDomain.get(d.id) ?? []), next: 0 });

  const usedFacts = new Set<string>();
  const chosen: Question[] = [];
  const taken = new Map<ExamDomain, number>(EXAM_DOMAINS.map((d) => [d.id, 0]));
  const draw = (domain: ExamDomain): Question | null => {
    const queue = queues.get(domain);
    while (queue && queue.next < queue.units.length) {
      const unit = queue.units[queue.next++] as Unit;
      if (unit.facts.some((f) => usedFacts.has(f.id))) continue;
      const question = examQuestionOfUnit(known, unit, options.seed);
      if (!question || validateQuestion(question, known.truths).length > 0) continue;
      for (const f of unit.facts) usedFacts.add(f.id);
      taken.set(domain, (taken.get(domain) ?? 0) + 1);
      return question;
    }
    return null;
  };

  for (const [domain, seats] of apportion(requested)) {
    for (let i = 0; i < seats; i++) {
      const question = draw(domain);
      if (!question) break;
      chosen.push(question);
    }
  }
  // Seats a domain could not fill go to the domain furthest below its share that still has questions.
  const open = new Set(EXAM_DOMAINS.map((d) => d.id));
  while (chosen.length < requested && open.size > 0) {
    const domain = EXAM_DOMAINS.filter((d) => open.has(d.id)).sort((a, b) => (taken.get(a.id) ?? 0) / a.weight - (taken.get(b.id) ?? 0) / b.weight)[0]?.id;
    if (!domain) break;
    const question = draw(domain);
    if (question) chosen.push(question);
    else open.delete(domain);
  }
  const questions = rng.shuffle(chosen);
  return { questions, minutes: examMinutes(questions.length), scaledFrom: requested };
}

/** 90 minutes for 65 questions, in proportion, rounded up to a whole minute. */
export function examMinutes(questions: number): number {
  return Math.ceil((EXAM_MINUTES * questions) / EXAM_QUESTIONS);
}
