// Latency percentiles: exact over a sample set, and a fixed-memory estimate over a rolling window.

export interface Percentiles {
  p50: number | undefined;
  p95: number | undefined;
  p99: number | undefined;
}

/** Nearest-rank percentile (p in 0..100) of values sorted ascending. */
export function nearestRank(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.ceil((p * sorted.length) / 100);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function percentiles(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: nearestRank(sorted, 50), p95: nearestRank(sorted, 95), p99: nearestRank(sorted, 99) };
}

/** A uniform sample of everything offered to it, never more than its capacity. */
export interface Reservoir {
  seen: number;
  values: number[];
}

export function createReservoir(): Reservoir {
  return { seen: 0, values: [] };
}

/** Algorithm R: the n-th value replaces a random kept one with probability capacity / n. */
export function offer(reservoir: Reservoir, value: number, capacity: number, random: () => number): void {
  reservoir.seen++;
  if (reservoir.values.length < capacity) {
    reservoir.values.push(value);
    return;
  }
  const slot = Math.floor(random() * reservoir.seen);
  if (slot < capacity) reservoir.values[slot] = value;
}

/**
 * Percentiles over several reservoirs. Each kept value stands for seen / kept values of
 * its second, so a busy second is not outvoted by a quiet one; with no reservoir full
 * every weight is 1 and this is the exact nearest rank.
 */
export function reservoirPercentiles(reservoirs: Iterable<Reservoir>): Percentiles {
  const values: number[] = [];
  const weights: number[] = [];
  let total = 0;
  for (const reservoir of reservoirs) {
    const kept = reservoir.values.length;
    if (kept === 0) continue;
    const weight = reservoir.seen / kept;
    for (const value of reservoir.values) {
      values.push(value);
      weights.push(weight);
    }
    total += reservoir.seen;
  }
  if (values.length === 0) return { p50: undefined, p95: undefined, p99: undefined };
  const order = Array.from(values.keys()).sort((a, b) => values[a]! - values[b]!);
  const at = (p: number) => {
    const target = (p * total) / 100;
    let cumulative = 0;
    for (const index of order) {
      cumulative += weights[index]!;
      // The epsilon absorbs float drift from fractional weights.
      if (cumulative >= target - 1e-9 * total) return values[index]!;
    }
    return values[order[order.length - 1]!]!;
  };
  return { p50: at(50), p95: at(95), p99: at(99) };
}

/** A ring of per-second buckets: writing a newer second drops those that fell out of the ring. */
export interface SecondBuckets<T> {
  /** The bucket for `sec`, created on demand; undefined when `sec` is older than the ring. */
  bucket(sec: number): T | undefined;
  /** Moves the ring's newest second forward (to `now`), dropping what falls out. */
  advance(sec: number): void;
  /** Each live bucket with fromSec ≤ sec ≤ toSec, oldest first. */
  forEach(fromSec: number, toSec: number, fn: (bucket: T, sec: number) => void): void;
  live(): number;
}

export function createSecondBuckets<T>(seconds: number, make: () => T): SecondBuckets<T> {
  const size = Math.max(1, Math.ceil(seconds));
  const slots: Array<{ sec: number; value: T } | undefined> = new Array(size).fill(undefined);
  let newest = -Infinity;
  const index = (sec: number) => ((sec % size) + size) % size;

  function advance(sec: number) {
    if (!(sec > newest)) return;
    const from = Math.max(newest + 1, sec - size + 1);
    for (let s = from; s <= sec; s++) {
      const slot = slots[index(s)];
      if (slot && slot.sec !== s) slots[index(s)] = undefined;
    }
    newest = sec;
  }

  return {
    bucket(sec) {
      if (!Number.isFinite(sec)) return undefined;
      advance(sec);
      if (sec <= newest - size) return undefined;
      const i = index(sec);
      const slot = slots[i];
      if (slot?.sec === sec) return slot.value;
      const fresh = { sec, value: make() };
      slots[i] = fresh;
      return fresh.value;
    },
    advance,
    forEach(fromSec, toSec, fn) {
      if (newest === -Infinity) return;
      const first = Math.max(fromSec, newest - size + 1);
      const last = Math.min(toSec, newest);
      for (let s = first; s <= last; s++) {
        const slot = slots[index(s)];
        if (slot?.sec === s) fn(slot.value, s);
      }
    },
    live: () => slots.filter(Boolean).length,
  };
}

export interface WindowedPercentilesOptions {
  windowMs: number;
  /** Kept samples per second; beyond it, random replacement. */
  perSecond?: number;
  random?: () => number;
}

export interface WindowedPercentiles {
  add(time: number, value: number): void;
  /** Over seconds fromMs ≤ t ≤ toMs (whole seconds). */
  between(fromMs: number, toMs: number): Percentiles;
  advance(nowMs: number): void;
  sampleCount(): number;
}

/** Memory is at most windowMs / 1000 × perSecond numbers, whatever the rate. */
export function createWindowedPercentiles(options: WindowedPercentilesOptions): WindowedPercentiles {
  const perSecond = options.perSecond ?? 512;
  const random = options.random ?? Math.random;
  const buckets = createSecondBuckets(options.windowMs / 1000, createReservoir);
  return {
    add(time, value) {
      if (!Number.isFinite(value)) return;
      const reservoir = buckets.bucket(Math.floor(time / 1000));
      if (reservoir) offer(reservoir, value, perSecond, random);
    },
    between(fromMs, toMs) {
      const reservoirs: Reservoir[] = [];
      buckets.forEach(Math.floor(fromMs / 1000), Math.floor(toMs / 1000), (r) => reservoirs.push(r));
      return reservoirPercentiles(reservoirs);
    },
    advance: (nowMs) => buckets.advance(Math.floor(nowMs / 1000)),
    sampleCount() {
      let count = 0;
      buckets.forEach(-Infinity, Infinity, (r) => (count += r.values.length));
      return count;
    },
  };
}
