// An environment's database as CloudWatch reports it (AWS/RDS), in the deck's units: latency in
// milliseconds (CloudWatch says seconds), sizes in bytes (shown as GiB by the presenters).

export const DATABASE_METRICS = [
  'cpuPercent',
  'connections',
  'freeStorageBytes',
  'freeableMemoryBytes',
  'readIops',
  'writeIops',
  'readLatencyMs',
  'writeLatencyMs',
] as const;
export type DatabaseMetric = (typeof DATABASE_METRICS)[number];

export interface DatabasePoint {
  /** Start of the minute the datapoint covers, epoch ms. */
  at: number;
  value: number;
}

export interface DatabaseHealth {
  /** The deck environment (or, when no environment matched, the key written under cloudwatch.rds). */
  env: string;
  /** The RDS DBInstanceIdentifier. */
  instance: string;
  /** The newest datapoint of each metric; a metric CloudWatch has no data for is absent. */
  latest: Partial<Record<DatabaseMetric, number>>;
  /** When the newest datapoint (of any metric) was measured, epoch ms; undefined when there is none. */
  at?: number;
  /** The last 3 hours, one point a minute where CloudWatch has one, oldest first. */
  history: Record<DatabaseMetric, DatabasePoint[]>;
}

/** What `status --json` shows per environment: the latest datapoints. */
export interface DatabaseSummary {
  instance: string;
  cpuPercent?: number;
  connections?: number;
  freeStorageBytes?: number;
  freeableMemoryBytes?: number;
  readLatencyMs?: number;
  writeLatencyMs?: number;
  /** ISO time of the newest datapoint. */
  at?: string;
}

export const HISTORY_MS = 3 * 60 * 60_000;
const MINUTE = 60_000;

export function emptyHistory(): Record<DatabaseMetric, DatabasePoint[]> {
  return Object.fromEntries(DATABASE_METRICS.map((m) => [m, []])) as unknown as Record<DatabaseMetric, DatabasePoint[]>;
}

export function databaseSummary(health: DatabaseHealth): DatabaseSummary {
  const { latest } = health;
  return {
    instance: health.instance,
    cpuPercent: latest.cpuPercent,
    connections: latest.connections,
    freeStorageBytes: latest.freeStorageBytes,
    freeableMemoryBytes: latest.freeableMemoryBytes,
    readLatencyMs: latest.readLatencyMs,
    writeLatencyMs: latest.writeLatencyMs,
    at: health.at === undefined ? undefined : new Date(health.at).toISOString(),
  };
}

/**
 * One slot a minute for the `minutes` minutes ending at `endMs` (oldest first), undefined where
 * CloudWatch had no datapoint: what a sparkline draws, gaps included.
 */
export function perMinute(points: readonly DatabasePoint[], endMs: number, minutes: number): Array<number | undefined> {
  const end = Math.floor(endMs / MINUTE) * MINUTE;
  const start = end - minutes * MINUTE;
  const slots: Array<number | undefined> = new Array<number | undefined>(minutes).fill(undefined);
  for (const p of points) {
    if (p.at < start || p.at >= end) continue;
    slots[Math.floor((p.at - start) / MINUTE)] = p.value;
  }
  return slots;
}
