// Stored datapoints and GetMetricData over them: MetricStat queries aggregated per period
// (Average, Sum, Minimum, Maximum, SampleCount), in the window asked for, paged by datapoints
// with an opaque NextToken that only fits the request it came from.
import { createHash } from 'node:crypto';
import type {
  GetMetricDataInput,
  GetMetricDataOutput,
  MetricDataQuery,
  MetricDataResult,
} from '@aws-sdk/client-cloudwatch';
import { errors } from './errors.js';
import { fromWireTime, toWire, type Wire } from './wire.js';

export interface Datapoint {
  /** Epoch ms. */
  at: number;
  value: number;
}

interface StoredMetric {
  namespace: string;
  name: string;
  dimensions: Record<string, string>;
  points: Datapoint[];
}

const QUERY_ID = /^[a-z][a-zA-Z0-9_]*$/;
const STATS = new Set(['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount']);
/** GetMetricData's own default and maximum per call. */
export const DEFAULT_MAX_DATAPOINTS = 100_800;

function metricKey(namespace: string, name: string, dimensions: Record<string, string>): string {
  const dims = Object.entries(dimensions)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return `${namespace}|${name}|${dims}`;
}

function aggregate(values: number[], stat: string): number {
  switch (stat) {
    case 'Sum':
      return values.reduce((a, b) => a + b, 0);
    case 'Minimum':
      return Math.min(...values);
    case 'Maximum':
      return Math.max(...values);
    case 'SampleCount':
      return values.length;
    default:
      return values.reduce((a, b) => a + b, 0) / values.length;
  }
}

export class MetricStore {
  private readonly metrics = new Map<string, StoredMetric>();
  private readonly forbidden = new Set<string>();

  put(namespace: string, name: string, dimensions: Record<string, string>, points: readonly Datapoint[]): void {
    const key = metricKey(namespace, name, dimensions);
    const metric = this.metrics.get(key) ?? { namespace, name, dimensions, points: [] };
    metric.points.push(...points);
    metric.points.sort((a, b) => a.at - b.at);
    this.metrics.set(key, metric);
  }

  /** Queries for this metric answer StatusCode Forbidden, as for a metric the caller may not read. */
  forbid(namespace: string, name: string, dimensions: Record<string, string>): void {
    this.forbidden.add(metricKey(namespace, name, dimensions));
  }

  private isForbidden(query: Wire<MetricDataQuery>): boolean {
    const metric = query.MetricStat?.Metric ?? {};
    const dimensions = Object.fromEntries((metric.Dimensions ?? []).map((d) => [d.Name ?? '', d.Value ?? '']));
    return this.forbidden.has(metricKey(metric.Namespace ?? '', metric.MetricName ?? '', dimensions));
  }

  clear(): void {
    this.metrics.clear();
  }

  /** Aggregated points of one query in [start, end), oldest first. */
  private evaluate(query: Wire<MetricDataQuery>, start: number, end: number): Datapoint[] {
    const stat = query.MetricStat!;
    const metric = stat.Metric ?? {};
    const dimensions = Object.fromEntries((metric.Dimensions ?? []).map((d) => [d.Name ?? '', d.Value ?? '']));
    const stored = this.metrics.get(metricKey(metric.Namespace ?? '', metric.MetricName ?? '', dimensions));
    if (!stored) return [];
    const periodMs = (stat.Period ?? 60) * 1000;
    const buckets = new Map<number, number[]>();
    for (const p of stored.points) {
      if (p.at < start || p.at >= end) continue;
      const bucket = Math.floor(p.at / periodMs) * periodMs;
      buckets.set(bucket, [...(buckets.get(bucket) ?? []), p.value]);
    }
    return [...buckets]
      .sort((a, b) => a[0] - b[0])
      .map(([at, values]) => ({ at, value: aggregate(values, stat.Stat ?? 'Average') }));
  }

  getMetricData(input: Wire<GetMetricDataInput>, pageSize: number): Wire<GetMetricDataOutput> {
    const queries = input.MetricDataQueries ?? [];
    if (queries.length === 0) throw errors.validation('The collection MetricDataQueries must not be empty.');
    if (queries.length > 500)
      throw errors.validation('The collection MetricDataQueries must not have a size greater than 500.');
    const ids = new Set<string>();
    for (const q of queries) {
      if (!q.Id || !QUERY_ID.test(q.Id)) throw errors.validation(`Invalid metric data query Id: ${q.Id ?? '(none)'}`);
      if (ids.has(q.Id)) throw errors.validation(`The values for parameter id in MetricDataQueries are not unique.`);
      ids.add(q.Id);
      if (!q.MetricStat) throw errors.validation(`This test server supports MetricStat queries only (query ${q.Id}).`);
      if (!q.MetricStat.Period || q.MetricStat.Period < 1)
        throw errors.validation(`Period must be at least 1 (query ${q.Id}).`);
      if (!STATS.has(q.MetricStat.Stat ?? ''))
        throw errors.validation(`Unsupported statistic ${q.MetricStat.Stat} (query ${q.Id}).`);
    }
    const start = fromWireTime(input.StartTime);
    const end = fromWireTime(input.EndTime);
    if (start === undefined || end === undefined) throw errors.validation('StartTime and EndTime are required.');
    if (start >= end) throw errors.validation('The parameter StartTime must be less than the parameter EndTime.');
    const max = Math.min(input.MaxDatapoints ?? DEFAULT_MAX_DATAPOINTS, pageSize);
    const descending = (input.ScanBy ?? 'TimestampDescending') === 'TimestampDescending';

    const all = queries.map((q) => {
      const points = this.isForbidden(q) ? [] : this.evaluate(q, start, end);
      return { query: q, points: descending ? points.reverse() : points };
    });
    const fingerprint = createHash('sha256')
      .update(JSON.stringify({ queries, StartTime: input.StartTime, EndTime: input.EndTime, ScanBy: input.ScanBy }))
      .digest('hex')
      .slice(0, 16);
    let offset = 0;
    if (input.NextToken) {
      const decoded = decodeToken(input.NextToken);
      if (!decoded || decoded.fingerprint !== fingerprint) throw errors.invalidNextToken();
      offset = decoded.offset;
    }
    // All datapoints in query order, `max` to a page. A query appears on each page holding some of
    // its points (PartialData while more follow); a query with none appears on the first page.
    const pageEnd = offset + max;
    const results: MetricDataResult[] = [];
    let first = 0;
    for (const { query, points } of all) {
      const last = first + points.length;
      const from = Math.max(first, offset);
      const to = Math.min(last, pageEnd);
      if (to > from || (points.length === 0 && offset === 0)) {
        const slice = points.slice(from - first, Math.max(from, to) - first);
        results.push({
          Id: query.Id,
          Label: query.Label ?? query.MetricStat?.Metric?.MetricName,
          Timestamps: slice.map((p) => new Date(p.at)),
          Values: slice.map((p) => p.value),
          StatusCode: this.isForbidden(query)
            ? 'Forbidden'
            : points.length > 0 && last > pageEnd
              ? 'PartialData'
              : 'Complete',
          ...(this.isForbidden(query) ? { Messages: [{ Code: 'Forbidden', Value: 'Insufficient permissions' }] } : {}),
        });
      }
      first = last;
    }
    const more = first > pageEnd;
    const output: GetMetricDataOutput = {
      MetricDataResults: results,
      Messages: [],
      ...(more ? { NextToken: encodeToken({ offset: pageEnd, fingerprint }) } : {}),
    };
    return toWire(output);
  }
}

function encodeToken(token: { offset: number; fingerprint: string }): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeToken(text: string): { offset: number; fingerprint: string } | undefined {
  try {
    const t = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as {
      offset?: unknown;
      fingerprint?: unknown;
    };
    return typeof t.offset === 'number' && typeof t.fingerprint === 'string'
      ? { offset: t.offset, fingerprint: t.fingerprint }
      : undefined;
  } catch {
    return undefined;
  }
}
