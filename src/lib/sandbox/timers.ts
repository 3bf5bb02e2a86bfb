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
  const ka = KIND_ORDER[a.kind];
  const kb = KIND_ORDER[b.kind];
  if (ka !== kb) return ka < kb;
  return a.id < b.id;
}

export class TimerHeap {
  #items: Timer[] = [];

  get size(): number {
    return this.#items.length;
  }

  push(t: Timer): void {
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
