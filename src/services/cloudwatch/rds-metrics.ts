// The RDS metrics the deck reads from CloudWatch, how each is asked for, and how its values are
// converted into the deck's units. Pure: no SDK calls here.
import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { DatabaseMetric } from '../../domain/database-health.js';

export const RDS_NAMESPACE = 'AWS/RDS';
export const RDS_DIMENSION = 'DBInstanceIdentifier';
/** RDS publishes these every minute; asking for a finer period buys nothing, a coarser one blurs the sparklines. */
export const PERIOD_SECONDS = 60;
/** GetMetricData's limit on queries per request. */
export const MAX_QUERIES_PER_REQUEST = 500;

interface MetricSpec {
  metric: DatabaseMetric;
  /** CloudWatch's MetricName in AWS/RDS. */
  name: string;
  /** Short, for query ids. */
  id: string;
  /** From CloudWatch's unit to the deck's. */
  convert: (value: number) => number;
}

const same = (value: number) => value;
const secondsToMs = (value: number) => value * 1000;

export const RDS_METRICS: readonly MetricSpec[] = [
  { metric: 'cpuPercent', name: 'CPUUtilization', id: 'cpu', convert: same },
  { metric: 'connections', name: 'DatabaseConnections', id: 'conn', convert: same },
  { metric: 'freeStorageBytes', name: 'FreeStorageSpace', id: 'storage', convert: same },
  { metric: 'freeableMemoryBytes', name: 'FreeableMemory', id: 'memory', convert: same },
  { metric: 'readIops', name: 'ReadIOPS', id: 'riops', convert: same },
  { metric: 'writeIops', name: 'WriteIOPS', id: 'wiops', convert: same },
  { metric: 'readLatencyMs', name: 'ReadLatency', id: 'rlat', convert: secondsToMs },
  { metric: 'writeLatencyMs', name: 'WriteLatency', id: 'wlat', convert: secondsToMs },
];

export interface QueryRef {
  /** Index into the list of instances the queries were built for. */
  instance: number;
  spec: MetricSpec;
}

/** Query ids must match ^[a-z][a-zA-Z0-9_]*$ and be unique in a request: `db<instance index>_<metric>`. */
export function queryId(instanceIndex: number, spec: MetricSpec): string {
  return `db${instanceIndex}_${spec.id}`;
}

export function parseQueryId(id: string): QueryRef | undefined {
  const match = /^db(\d+)_([a-z]+)$/.exec(id);
  if (!match) return undefined;
  const spec = RDS_METRICS.find((s) => s.id === match[2]);
  return spec ? { instance: Number(match[1]), spec } : undefined;
}

/** Eight queries per instance (Average over a minute), in instance order. */
export function metricQueries(instances: readonly string[]): MetricDataQuery[] {
  return instances.flatMap((instance, index) =>
    RDS_METRICS.map((spec): MetricDataQuery => ({
      Id: queryId(index, spec),
      Label: `${instance} ${spec.name}`,
      MetricStat: {
        Metric: {
          Namespace: RDS_NAMESPACE,
          MetricName: spec.name,
          Dimensions: [{ Name: RDS_DIMENSION, Value: instance }],
        },
        Period: PERIOD_SECONDS,
        Stat: 'Average',
      },
      ReturnData: true,
    })),
  );
}

/** Splits queries into requests of at most 500 (62 instances fit in one). */
export function batches<T>(items: readonly T[], size = MAX_QUERIES_PER_REQUEST): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
