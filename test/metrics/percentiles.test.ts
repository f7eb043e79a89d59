import { describe, expect, it } from 'vitest';
import { createWindowedPercentiles, nearestRank, percentiles } from '../../src/metrics/percentiles.js';

// mulberry32: a seeded random so the reservoirs are reproducible.
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('percentiles', () => {
  it('nearest rank', () => {
    expect(percentiles([])).toEqual({ p50: undefined, p95: undefined, p99: undefined });
    expect(percentiles([15, 20, 35, 40, 50])).toEqual({ p50: 35, p95: 50, p99: 50 });
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentiles(hundred)).toEqual({ p50: 50, p95: 95, p99: 99 });
    expect(nearestRank([7], 0)).toBe(7);
  });

  it('p95 over a window matches a sorted nearest-rank p95', () => {
    const random = seeded(7);
    const window = createWindowedPercentiles({ windowMs: 60_000, random });
    const all: Array<[number, number]> = [];
    for (let i = 0; i < 12_000; i++) {
      const time = 1_000_000 + i * 10; // 100 per second for 120 s
      const value = Math.round(random() * random() * 2000);
      all.push([time, value]);
      window.add(time, value);
    }
    const fromMs = 1_000_000 + 90_000;
    const toMs = 1_000_000 + 119_999;
    const inWindow = all.filter(([t]) => t >= fromMs && t <= toMs).map(([, v]) => v);
    const sorted = [...inWindow].sort((a, b) => a - b);
    expect(window.between(fromMs, toMs)).toEqual({
      p50: nearestRank(sorted, 50),
      p95: nearestRank(sorted, 95),
      p99: nearestRank(sorted, 99),
    });
    // Beyond the window's 60 s only the ring's seconds answer.
    expect(window.sampleCount()).toBe(6000);
  });

  it('a full reservoir still estimates p95 closely', () => {
    const random = seeded(3);
    const window = createWindowedPercentiles({ windowMs: 10_000, perSecond: 256, random });
    const values: number[] = [];
    for (let i = 0; i < 50_000; i++) {
      const value = random() * 1000;
      values.push(value);
      window.add(i / 5, value); // 5,000 per second
    }
    const exact = percentiles(values).p95!;
    const estimate = window.between(0, 10_000).p95!;
    expect(Math.abs(estimate - exact)).toBeLessThan(25);
    expect(window.sampleCount()).toBeLessThanOrEqual(10 * 256);
  });
});
