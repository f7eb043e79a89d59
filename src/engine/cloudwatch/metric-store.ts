// The engine's metric datapoints, one series per namespace, metric name and dimensions, kept
// for a bounded time (CloudWatch keeps minutes for 15 days; the deck reads 3 hours, so the
// engine keeps RETENTION_MS and forgets what is older). Aggregation per period is pure.

export interface Datapoint {
  /** Epoch ms. */
  at: number;
  value: number;
}

export interface MetricId {
  namespace: string;
  name: string;
  dimensions: Record<string, string>;
}

export const RETENTION_MS = 4 * 60 * 60_000;

export type Statistic = 'Average' | 'Sum' | 'Minimum' | 'Maximum' | 'SampleCount';
export const STATISTICS: readonly Statistic[] = ['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount'];

export function metricKey(id: MetricId): string {
  const dims = Object.entries(id.dimensions)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return `${id.namespace}|${id.name}|${dims}`;
}

export function aggregate(values: readonly number[], stat: Statistic): number {
  switch (stat) {
    case 'Sum':
      return values.reduce((a, b) => a + b, 0);
    case 'Minimum':
      return Math.min(...values);
    case 'Maximum':
      return Math.max(...values);
    case 'SampleCount':
      return values.length;
    case 'Average':
      return values.reduce((a, b) => a + b, 0) / values.length;
  }
}

/** One value per period that has datapoints in [start, end), stamped with the period's start; oldest first. */
export function periodValues(
  points: readonly Datapoint[],
  opts: { start: number; end: number; periodMs: number; stat: Statistic },
): Datapoint[] {
  const buckets = new Map<number, number[]>();
  for (const p of points) {
    const bucket = Math.floor(p.at / opts.periodMs) * opts.periodMs;
    if (bucket < opts.start || bucket >= opts.end) continue;
    const values = buckets.get(bucket);
    if (values) values.push(p.value);
    else buckets.set(bucket, [p.value]);
  }
  return [...buckets].sort((a, b) => a[0] - b[0]).map(([at, values]) => ({ at, value: aggregate(values, opts.stat) }));
}

export interface MetricStoreSnapshot {
  series: Array<MetricId & { points: Datapoint[] }>;
}

export class MetricStore {
  private readonly series = new Map<string, MetricId & { points: Datapoint[] }>();

  constructor(private readonly retentionMs = RETENTION_MS) {}

  put(id: MetricId, point: Datapoint, now = point.at): void {
    const key = metricKey(id);
    let series = this.series.get(key);
    if (!series) this.series.set(key, (series = { ...id, dimensions: { ...id.dimensions }, points: [] }));
    series.points.push(point);
    series.points.sort((a, b) => a.at - b.at);
    const oldest = now - this.retentionMs;
    while (series.points.length && series.points[0]!.at < oldest) series.points.shift();
  }

  points(id: MetricId): readonly Datapoint[] {
    return this.series.get(metricKey(id))?.points ?? [];
  }

  snapshot(): MetricStoreSnapshot {
    return { series: [...this.series.values()].map((s) => ({ ...s, points: [...s.points] })) };
  }

  restore(snapshot: MetricStoreSnapshot, now: number): void {
    for (const s of snapshot.series) for (const p of s.points) if (p.at >= now - this.retentionMs) this.put(s, p, now);
  }
}
