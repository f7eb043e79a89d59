// GetMetricData over the engine's metric store: MetricStat queries (Average, Sum, Minimum,
// Maximum, SampleCount) aggregated per period, in the window asked for, newest or oldest first,
// paged by datapoints with a NextToken that only fits the request it came from.
import { createHash } from 'node:crypto';
import type { GetMetricDataInput, GetMetricDataOutput, MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { faults } from './errors.js';
import { periodValues, STATISTICS, type MetricStore, type Statistic } from './metric-store.js';
import { toWire, wireTime, type Wire } from './wire.js';

const QUERY_ID = /^[a-z][a-zA-Z0-9_]*$/;
/** The API's own limits. */
export const MAX_QUERIES = 500;
export const MAX_DATAPOINTS = 100_800;

export function getMetricData(store: MetricStore, input: Wire<GetMetricDataInput>): Wire<GetMetricDataOutput> {
  const queries = input.MetricDataQueries ?? [];
  if (queries.length === 0) throw faults.validation('The collection MetricDataQueries must not be empty.');
  if (queries.length > MAX_QUERIES)
    throw faults.validation(`The collection MetricDataQueries must not have a size greater than ${MAX_QUERIES}.`);
  const ids = new Set<string>();
  for (const q of queries) {
    if (!q.Id || !QUERY_ID.test(q.Id))
      throw faults.validation(
        `The value ${q.Id ?? ''} for parameter MetricDataQueries.member.Id is invalid: it must start with a lowercase letter and contain only letters, digits and underscores.`,
      );
    if (ids.has(q.Id)) throw faults.validation('The values for parameter id in MetricDataQueries are not unique.');
    ids.add(q.Id);
    if (!q.MetricStat) throw faults.validation(`Query ${q.Id}: the local engine answers MetricStat queries only.`);
    const period = q.MetricStat.Period ?? 0;
    if (!Number.isInteger(period) || period < 60 || period % 60 !== 0)
      throw faults.validation(
        `Query ${q.Id}: the Period must be a multiple of 60 (the engine's metrics are per minute).`,
      );
    if (!STATISTICS.includes(q.MetricStat.Stat as Statistic))
      throw faults.validation(
        `Query ${q.Id}: the statistic ${q.MetricStat.Stat ?? '(none)'} is not one of ${STATISTICS.join(', ')}.`,
      );
  }
  const start = wireTime(input.StartTime);
  const end = wireTime(input.EndTime);
  if (start === undefined || end === undefined) throw faults.validation('StartTime and EndTime are required.');
  if (start >= end) throw faults.validation('The parameter StartTime must be less than the parameter EndTime.');
  const max = input.MaxDatapoints ?? MAX_DATAPOINTS;
  if (!Number.isInteger(max) || max < 1)
    throw faults.invalidParameterValue('MaxDatapoints must be a positive whole number.');
  const ascending = (input.ScanBy ?? 'TimestampDescending') === 'TimestampAscending';

  const answers = queries.map((q) => {
    const stat = q.MetricStat!;
    const metric = stat.Metric ?? {};
    const dimensions = Object.fromEntries((metric.Dimensions ?? []).map((d) => [d.Name ?? '', d.Value ?? '']));
    const periodMs = stat.Period! * 1000;
    const points = periodValues(
      store.points({ namespace: metric.Namespace ?? '', name: metric.MetricName ?? '', dimensions }),
      { start: Math.floor(start / periodMs) * periodMs, end, periodMs, stat: stat.Stat as Statistic },
    );
    return { query: q, points: ascending ? points : points.reverse() };
  });

  const fingerprint = createHash('sha256')
    .update(JSON.stringify([queries, input.StartTime, input.EndTime, input.ScanBy ?? null]))
    .digest('hex')
    .slice(0, 16);
  let offset = 0;
  if (input.NextToken) {
    const token = decodeToken(input.NextToken);
    if (!token || token.fingerprint !== fingerprint) throw faults.invalidNextToken();
    offset = token.offset;
  }
  // Every query's datapoints laid end to end, `max` to a page; a query shows on each page that
  // holds some of its points (PartialData while more follow), one with none on the first page.
  const pageEnd = offset + max;
  const results: MetricDataResult[] = [];
  let first = 0;
  for (const { query, points } of answers) {
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
        StatusCode: last > pageEnd ? 'PartialData' : 'Complete',
      });
    }
    first = last;
  }
  const output: GetMetricDataOutput = {
    MetricDataResults: results,
    Messages: [],
    ...(first > pageEnd
      ? { NextToken: Buffer.from(JSON.stringify({ offset: pageEnd, fingerprint })).toString('base64url') }
      : {}),
  };
  return toWire(output);
}

function decodeToken(text: string): { offset: number; fingerprint: string } | undefined {
  try {
    const t = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as {
      offset?: unknown;
      fingerprint?: unknown;
    };
    return Number.isInteger(t.offset) && typeof t.fingerprint === 'string'
      ? { offset: t.offset as number, fingerprint: t.fingerprint }
      : undefined;
  } catch {
    return undefined;
  }
}
