import { describe, expect, it } from 'vitest';
import { createRollingMetrics } from '../../src/metrics/rolling-metrics.js';
import type { RouterEvent } from '../../src/metrics/types.js';
import { nearestRank } from '../../src/metrics/percentiles.js';

// A seeded LCG: reservoirs replace the same samples on every run.
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

const T0 = Date.parse('2026-11-26T09:00:00Z');
const ok = (time: number, serviceMs = 20, status = 200): RouterEvent => ({
  kind: 'router',
  time,
  at: 'info',
  status,
  serviceMs,
  dyno: 'web.1',
});

describe('rolling metrics', () => {
  it('memory stays bounded at 20,000 lines a second', () => {
    let clock = T0;
    const metrics = createRollingMetrics({ now: () => clock, random: seeded(1) });
    const event = ok(T0);
    let peak = 0;
    for (let second = 0; second < 120; second++) {
      for (let i = 0; i < 20_000; i++) {
        event.time = T0 + second * 1000 + i / 20;
        event.serviceMs = i % 300;
        metrics.add(event);
      }
      clock = T0 + (second + 1) * 1000 - 1;
      peak = Math.max(peak, metrics.stats().samples);
    }
    expect(peak).toBeLessThanOrEqual(120 * 512);
    const snapshot = metrics.snapshot();
    expect(snapshot.requests).toBe(60 * 20_000);
    expect(snapshot.rps).toBeCloseTo(20_000, 0);
    expect(snapshot.p95).toBeGreaterThan(270);
    expect(snapshot.p95).toBeLessThan(300);

    // Past the 15 minutes of retention, everything older is dropped.
    clock += 16 * 60_000;
    metrics.add(ok(clock));
    expect(metrics.stats()).toEqual({ buckets: 1, samples: 1 });
  });

  it('the snapshot only counts the window', () => {
    let clock = T0;
    const metrics = createRollingMetrics({ now: () => clock, windowMs: 60_000 });
    // 120 s: the first minute slow and failing, the second fast and fine.
    for (let s = 0; s < 120; s++) {
      for (let i = 0; i < 10; i++)
        metrics.add(
          s < 60
            ? { ...ok(T0 + s * 1000 + i * 100, 900, 503), at: 'error', code: 'H12' }
            : ok(T0 + s * 1000 + i * 100, 10 + i),
        );
    }
    metrics.add({ kind: 'memory', time: T0 + 30_000, dyno: 'web.1', rssMb: 600 });
    metrics.add({ kind: 'memory', time: T0 + 100_000, dyno: 'web.1', rssMb: 300, quotaMb: 512 });
    metrics.add({ kind: 'memory', time: T0 + 110_000, dyno: 'web.1', rssMb: 250 });
    metrics.add({ kind: 'load', time: T0 + 110_000, dyno: 'web.2', load1m: 1.5 });
    metrics.add({ kind: 'crash', time: T0 + 20_000, dyno: 'web.1' });
    metrics.add({ kind: 'crash', time: T0 + 90_000, dyno: 'web.1' });
    metrics.add({
      kind: 'error-code',
      time: T0 + 95_000,
      dyno: 'web.1',
      code: 'R14',
      message: 'Error R14 (Memory quota exceeded)',
    });
    metrics.add({ kind: 'release-failed', time: T0 + 95_000, text: 'Release v5 failed' });
    clock = T0 + 120_000 - 1;

    const last = metrics.snapshot();
    expect(last.rps).toBeCloseTo(10, 3);
    expect(last).toMatchObject({
      requests: 600,
      errorRate: 0,
      p50: 14,
      p95: 19,
      p99: 19,
      hCodes: {},
      crashes: 1,
      errorCodes: { R14: 1 },
    });
    expect(last.memoryMb).toEqual({ 'web.1': 300 });
    expect(last.load1m).toEqual({ 'web.2': 1.5 });

    const both = metrics.snapshot(120_000);
    expect(both.rps).toBeCloseTo(10, 3);
    expect(both).toMatchObject({ requests: 1200, errorRate: 0.5, hCodes: { H12: 600 }, crashes: 2, p95: 900 });
    expect(both.memoryMb).toEqual({ 'web.1': 600 });

    const tenSeconds = metrics.snapshot(10_000);
    expect(tenSeconds.requests).toBe(100);
    const sorted = Array.from({ length: 100 }, (_, n) => 10 + (n % 10)).sort((a, b) => a - b);
    expect(tenSeconds.p95).toBe(nearestRank(sorted, 95));

    clock += 10 * 60_000;
    expect(metrics.snapshot()).toMatchObject({ requests: 0, rps: 0, errorRate: undefined, p95: undefined, crashes: 0 });
  });

  it('rates at startup are over what has been watched', () => {
    let clock = T0;
    const metrics = createRollingMetrics({ now: () => clock });
    for (let i = 0; i < 50; i++) metrics.add(ok(T0 + i * 100));
    clock = T0 + 5000;
    expect(metrics.snapshot().rps).toBe(10);
  });

  it('history gives 15 one-minute buckets for sparklines', () => {
    let clock = T0;
    const metrics = createRollingMetrics({ now: () => clock });
    // Minute m (0..19) has m + 1 requests a second, 5xx in minute 17, nothing in minute 18.
    for (let m = 0; m < 20; m++) {
      if (m === 18) continue;
      for (let s = 0; s < 60; s++) {
        for (let i = 0; i <= m; i++) metrics.add(ok(T0 + m * 60_000 + s * 1000 + i, 100 + m, m === 17 ? 503 : 200));
      }
    }
    clock = T0 + 20 * 60_000 - 1;
    const rps = metrics.history('rps', 60_000, 15);
    expect(rps).toHaveLength(15);
    expect(rps).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 0, 20]);
    expect(metrics.history('p95', 60_000, 15)).toEqual([
      105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 117, 119,
    ]);
    expect(metrics.history('errorRate', 60_000, 15)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0]);
    // Beyond the retention there is nothing: zeros, not an error.
    expect(metrics.history('rps', 60_000, 30).slice(0, 10)).toEqual(new Array(10).fill(0));
    expect(metrics.history('p95', 60_000, 30).slice(0, 5)).toEqual(new Array(5).fill(0));
  });
});
