// Which minutes a GetMetricData poll asks for, and how the answer joins what is already held.
// The first poll reads the whole 3-hour sparkline window; later ones read only the minutes since,
// plus a few already read, because CloudWatch fills in a minute's datapoint a little after it ends.
import type { MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { HISTORY_MS, type DatabasePoint } from '../../domain/database-health.js';
import { PERIOD_SECONDS } from './rds-metrics.js';

const PERIOD_MS = PERIOD_SECONDS * 1000;
/** RDS datapoints usually land within a minute or two of their minute's end; re-read this much. */
export const LATE_DATA_MS = 5 * 60_000;

export interface MetricWindow {
  /** Epoch ms, on a minute boundary. */
  start: number;
  /** Epoch ms, on a minute boundary: the minute in progress is left out (its average is not final). */
  end: number;
}

export function metricWindow(now: number, previousEnd?: number): MetricWindow {
  const end = Math.floor(now / PERIOD_MS) * PERIOD_MS;
  const full = end - HISTORY_MS;
  if (previousEnd === undefined) return { start: full, end };
  return { start: Math.min(end, Math.max(full, previousEnd - LATE_DATA_MS)), end };
}

/** One query's answer, its pages put together (a query's datapoints may be split across NextToken pages). */
export interface QueryAnswer {
  id: string;
  points: DatabasePoint[];
  status: string;
  messages: string[];
}

const STATUS_RANK: Record<string, number> = { Complete: 0, PartialData: 1, InternalError: 2, Forbidden: 3 };
const rank = (status: string) => STATUS_RANK[status] ?? STATUS_RANK.InternalError!;

/** Joins every page's MetricDataResults by query id; points come back oldest first. */
export function joinPages(pages: ReadonlyArray<readonly MetricDataResult[]>): Map<string, QueryAnswer> {
  const answers = new Map<string, QueryAnswer>();
  for (const results of pages) {
    for (const result of results) {
      if (!result.Id) continue;
      const answer = answers.get(result.Id) ?? { id: result.Id, points: [], status: 'Complete', messages: [] };
      const timestamps = result.Timestamps ?? [];
      const values = result.Values ?? [];
      for (let i = 0; i < Math.min(timestamps.length, values.length); i++) {
        const at = timestamps[i]!.getTime();
        const value = values[i]!;
        if (Number.isFinite(at) && Number.isFinite(value)) answer.points.push({ at, value });
      }
      // PartialData only says "more on the next page"; a Forbidden or InternalError on any page stays.
      const status = result.StatusCode ?? 'Complete';
      if (answer.status === 'PartialData' || rank(status) > rank(answer.status)) answer.status = status;
      for (const m of result.Messages ?? []) if (m.Value) answer.messages.push(m.Value);
      answers.set(result.Id, answer);
    }
  }
  for (const answer of answers.values()) answer.points.sort((a, b) => a.at - b.at);
  return answers;
}

/**
 * The held series with the new points merged in: a minute read again takes the newer value,
 * points older than `keepFrom` are dropped, oldest first.
 */
export function mergePoints(
  held: readonly DatabasePoint[],
  incoming: readonly DatabasePoint[],
  keepFrom: number,
): DatabasePoint[] {
  const byMinute = new Map<number, number>();
  for (const p of held) if (p.at >= keepFrom) byMinute.set(p.at, p.value);
  for (const p of incoming) if (p.at >= keepFrom) byMinute.set(p.at, p.value);
  return [...byMinute].sort((a, b) => a[0] - b[0]).map(([at, value]) => ({ at, value }));
}
