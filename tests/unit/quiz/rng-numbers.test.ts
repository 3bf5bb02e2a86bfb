import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/quiz/index.ts';
import { nearbyNumbers } from '../../../src/lib/quiz/numbers.ts';

describe('createRng', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = createRng('seed');
    const b = createRng('seed');
    const c = createRng('seee');
    const first = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(first);
  });

  it('stays in [0, 1) and spreads evenly', () => {
    const rng = createRng('spread');
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 20_000; i++) {
      const x = rng.next();
      expect(x >= 0 && x < 1).toBe(true);
      buckets[Math.floor(x * 10)] = (buckets[Math.floor(x * 10)] ?? 0) + 1;
    }
    for (const n of buckets) expect(Math.abs(n - 2000)).toBeLessThan(200);
  });

  it('shuffles without losing or adding items, and leaves the input alone', () => {
    const items = ['a', 'b', 'c', 'd', 'e'];
    const shuffled = createRng('s').shuffle(items);
    expect([...shuffled].sort()).toEqual(items);
    expect(items).toEqual(['a', 'b', 'c', 'd', 'e']);
    const orders = new Set(Array.from({ length: 50 }, (_, i) => createRng(`s${i}`).shuffle(items).join('')));
    expect(orders.size).toBeGreaterThan(20);
  });
});

describe('nearbyNumbers', () => {
  it('offers round values near the key, nearest first, never the key', () => {
    expect(nearbyNumbers('20', 4)).toEqual(['24', '25', '15', '30']);
    expect(nearbyNumbers('10')).not.toContain('10');
    expect(nearbyNumbers('1', 3)).toEqual(['2', '3', '5']);
  });

  it('keeps the unit, its number, commas and decimals', () => {
    expect(nearbyNumbers('90 days', 3)).toEqual(['100 days', '120 days', '60 days']);
    expect(nearbyNumbers('5 minutes')).toContain('10 minutes');
    expect(nearbyNumbers('2 minutes')).toContain('1 minute');
    expect(nearbyNumbers('1 minute')).toContain('2 minutes');
    expect(nearbyNumbers('10,240 MB', 2)).toEqual(['10,000 MB', '5,120 MB']);
    expect(nearbyNumbers('2.5', 2).every((n) => /^\d+\.\d$/.test(n))).toBe(true);
  });

  it('keeps a percentage at or below 100', () => {
    expect(nearbyNumbers('99.9%').every((n) => Number.parseFloat(n) <= 100)).toBe(true);
  });
});
