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
    const items = this.#items;
    items.push(t);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i] as Timer, items[parent] as Timer)) break;
      [items[i], items[parent]] = [items[parent] as Timer, items[i] as Timer];
      i = parent;
    }
  }

  peek(): Timer | undefined {
    return this.#items[0];
  }

  pop(): Timer | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && before(items[l] as Timer, items[m] as Timer)) m = l;
        if (r < items.length && before(items[r] as Timer, items[m] as Timer)) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m] as Timer, items[i] as Timer];
        i = m;
      }
    }
    return top;
  }
}
