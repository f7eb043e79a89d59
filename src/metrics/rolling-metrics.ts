// One environment's numbers over a rolling window, in fixed memory whatever the log rate.
import { createReservoir, createSecondBuckets, offer, reservoirPercentiles, type Reservoir } from './percentiles.js';
import type { MetricsSnapshot, PlatformEvent, RouterEvent } from './types.js';

export interface RollingMetricsOptions {
  windowMs?: number;
  now: () => number;
  /** Latency samples kept per second. */
  samplesPerSecond?: number;
  random?: () => number;
}

export type HistoryMetric = 'rps' | 'p95' | 'errorRate';

export interface RollingMetrics {
  add(event: RouterEvent | PlatformEvent): void;
  snapshot(windowMs?: number): MetricsSnapshot;
  /** The last `count` buckets of `bucketMs`, oldest first, the newest ending now. */
  history(metric: HistoryMetric, bucketMs: number, count: number): number[];
  /** What is held: live per-second buckets and latency samples. */
  stats(): { buckets: number; samples: number };
}

interface Second {
  requests: number;
  errors: number;
  latency: Reservoir;
  hCodes: Map<string, number>;
  memoryMb: Map<string, number>;
  load1m: Map<string, number>;
  crashes: number;
  errorCodes: Map<string, number>;
}

const RETENTION_MS = 15 * 60_000;

export function createRollingMetrics(options: RollingMetricsOptions): RollingMetrics {
  const { now } = options;
  const windowMs = options.windowMs ?? 60_000;
  const retentionMs = Math.max(RETENTION_MS, windowMs);
  const perSecond = options.samplesPerSecond ?? 512;
  const random = options.random ?? Math.random;
  const seconds = createSecondBuckets<Second>(retentionMs / 1000, () => ({
    requests: 0,
    errors: 0,
    latency: createReservoir(),
    hCodes: new Map(),
    memoryMb: new Map(),
    load1m: new Map(),
    crashes: 0,
    errorCodes: new Map(),
  }));
  // A rate over a window longer than what has been watched would read low at startup.
  let since = now();

  function add(event: RouterEvent | PlatformEvent) {
    if (!event || !Number.isFinite(event.time)) return;
    const second = seconds.bucket(Math.floor(event.time / 1000));
    if (!second) return;
    since = Math.min(since, event.time);
    switch (event.kind) {
      case 'router':
        second.requests++;
        if (event.status !== undefined && event.status >= 500 && event.status <= 599) second.errors++;
        if (event.code !== undefined) increment(second.hCodes, event.code);
        if (event.serviceMs !== undefined) offer(second.latency, event.serviceMs, perSecond, random);
        break;
      case 'memory':
        raise(second.memoryMb, event.dyno, event.rssMb);
        break;
      case 'load':
        raise(second.load1m, event.dyno, event.load1m);
        break;
      case 'crash':
        second.crashes++;
        break;
      case 'error-code':
        increment(second.errorCodes, event.code);
        break;
    }
  }

  function snapshot(requestedMs = windowMs): MetricsSnapshot {
    const nowMs = now();
    const spanMs = Math.min(Math.max(Number.isFinite(requestedMs) ? requestedMs : windowMs, 1000), retentionMs);
    const nowSec = Math.floor(nowMs / 1000);
    seconds.advance(nowSec);
    const result: MetricsSnapshot = {
      rps: 0,
      p50: undefined,
      p95: undefined,
      p99: undefined,
      errorRate: undefined,
      requests: 0,
      hCodes: {},
      memoryMb: {},
      load1m: {},
      crashes: 0,
      errorCodes: {},
    };
    let errors = 0;
    const reservoirs: Reservoir[] = [];
    const firstSec = nowSec - Math.ceil(spanMs / 1000) + 1;
    seconds.forEach(firstSec, nowSec, (second) => {
      result.requests += second.requests;
      errors += second.errors;
      result.crashes += second.crashes;
      reservoirs.push(second.latency);
      for (const [code, count] of second.hCodes) result.hCodes[code] = (result.hCodes[code] ?? 0) + count;
      for (const [code, count] of second.errorCodes) result.errorCodes[code] = (result.errorCodes[code] ?? 0) + count;
      for (const [dyno, mb] of second.memoryMb) result.memoryMb[dyno] = Math.max(result.memoryMb[dyno] ?? 0, mb);
      for (const [dyno, load] of second.load1m) result.load1m[dyno] = Math.max(result.load1m[dyno] ?? 0, load);
    });
    // The newest bucket is the current, partial second: divide by the time actually covered.
    const watchedMs = Math.max(1000, nowMs - Math.max(firstSec * 1000, since));
    result.rps = result.requests / (watchedMs / 1000);
    if (result.requests > 0) result.errorRate = errors / result.requests;
    Object.assign(result, reservoirPercentiles(reservoirs));
    return result;
  }

  function history(metric: HistoryMetric, bucketMs: number, count: number): number[] {
    const nowSec = Math.floor(now() / 1000);
    seconds.advance(nowSec);
    const bucketSec = Math.max(1, Math.round(bucketMs / 1000));
    const values: number[] = [];
    let carried = 0;
    for (let k = count - 1; k >= 0; k--) {
      const toSec = nowSec - k * bucketSec;
      let requests = 0;
      let errors = 0;
      const reservoirs: Reservoir[] = [];
      seconds.forEach(toSec - bucketSec + 1, toSec, (second) => {
        requests += second.requests;
        errors += second.errors;
        reservoirs.push(second.latency);
      });
      if (metric === 'rps') values.push(requests / bucketSec);
      else if (metric === 'errorRate') values.push(requests > 0 ? errors / requests : 0);
      else {
        // A quiet minute keeps the last latency seen rather than dropping to zero.
        carried = reservoirPercentiles(reservoirs).p95 ?? carried;
        values.push(carried);
      }
    }
    return values;
  }

  function stats() {
    let buckets = 0;
    let samples = 0;
    seconds.forEach(-Infinity, Infinity, (second) => {
      buckets++;
      samples += second.latency.values.length;
    });
    return { buckets, samples };
  }

  return { add, snapshot, history, stats };
}

function increment(counts: Map<string, number>, key: string) {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function raise(highest: Map<string, number>, key: string, value: number) {
  if (!Number.isFinite(value)) return;
  highest.set(key, Math.max(highest.get(key) ?? value, value));
}
