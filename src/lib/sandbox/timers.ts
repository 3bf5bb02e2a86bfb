/**
 * The engine's agenda: a binary min-heap of wake-ups ordered by time, then
 * kind, then id, so that events due at the same instant always run in the
 * same order (also after the state is saved and loaded, when the heap is
 * rebuilt from the state). Entries are never removed; an entry whose entity
 * no longer wants that wake-up is skipped when it comes up.
 */
import type { TimerKind } from './context.ts';

export interface Timer {
  at: number;
  kind: TimerKind;
  id: string;
  /** The kind's place in the order (set by push). */
  rank?: number;
}

const KIND_ORDER: Record<TimerKind, number> = {
  daily: 0,
  'recovery-point': 1,
  'backup-job': 2,
  'copy-job': 3,
  'restore-job': 4,
  framework: 5,
  'report-plan': 6,
  'report-job': 7,
  'plan-rule': 8,
};

function before(a: Timer, b: Timer): boolean {
  if (a.at !== b.at) return a.at < b.at;
  if (a.rank !== b.rank) return (a.rank as number) < (b.rank as number);
  return a.id < b.id;
}

export class TimerHeap {
  #items: Timer[] = [];

  get size(): number {
    return this.#items.length;
  }

  push(t: Timer): void {
    t.rank = KIND_ORDER[t.kind];
    // Sift up by moving parents down into the hole, then drop `t` in (no swaps, no temporaries).
    const items = this.#items;
    let i = items.length;
    items.push(t);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent] as Timer;
      if (!before(t, p)) break;
      items[i] = p;
      i = parent;
    }
    items[i] = t;
  }

  peek(): Timer | undefined {
    return this.#items[0];
  }

  pop(): Timer | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    const n = items.length;
    if (n > 0 && last) {
      // Sift the last item down from the root, moving smaller children up into the hole.
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const child = r < n && before(items[r] as Timer, items[l] as Timer) ? r : l;
        const c = items[child] as Timer;
        if (!before(c, last)) break;
        items[i] = c;
        i = child;
      }
      items[i] = last;
    }
    return top;
  }
}

const DAY_MS = 86_400_000;

/**
 * The agenda: wake-ups of the current day in a heap, later ones in buckets by
 * day, moved into the heap when their day comes. Most wake-ups are weeks away
 * (cold storage, deletion), so the heap stays small and a year of daily
 * backups spends less time sifting. Pops come out in exactly the heap's order.
 */
export class Agenda {
  #near = new TimerHeap();
  #far = new Map<number, Timer[]>();
  /** Days that have a bucket, ascending. */
  #days: number[] = [];
  /** Every wake-up in a bucket is at or after this time; those before it are in the heap. */
  #horizon = -Infinity;

  push(t: Timer): void {
    if (t.at < this.#horizon) {
      this.#near.push(t);
      return;
    }
    const day = Math.floor(t.at / DAY_MS);
    const bucket = this.#far.get(day);
    if (bucket) {
      bucket.push(t);
      return;
    }
    this.#far.set(day, [t]);
    const days = this.#days;
    let lo = 0;
    let hi = days.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((days[mid] as number) < day) lo = mid + 1;
      else hi = mid;
    }
    days.splice(lo, 0, day);
  }

  /** Refills the heap from the next day's bucket when it has run dry. */
  #fill(): void {
    while (this.#near.size === 0 && this.#days.length > 0) {
      const day = this.#days.shift() as number;
      const bucket = this.#far.get(day) ?? [];
      this.#far.delete(day);
      this.#horizon = (day + 1) * DAY_MS;
      for (const t of bucket) this.#near.push(t);
    }
  }

  peek(): Timer | undefined {
    this.#fill();
    return this.#near.peek();
  }

  pop(): Timer | undefined {
    this.#fill();
    return this.#near.pop();
  }
}
