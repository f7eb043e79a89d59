// Measures each environment's database every minute and stores the AWS/RDS metrics CloudWatch
// would publish for an instance named <app>-db (dimension DBInstanceIdentifier):
//   CPUUtilization       the cluster's processes, from /proc, as a percent of the machine
//   DatabaseConnections  client backends connected to the environment's database (pg_stat_activity)
//   FreeStorageSpace     bytes free on the data directory's file system (statfs)
//   FreeableMemory       the machine's available memory (MemAvailable)
//   ReadIOPS, ReadLatency    the database's block reads and their time (pg_stat_database)
//   WriteIOPS, WriteLatency  the cluster's writes, extends and their time (pg_stat_io, all objects)
// The environments share one cluster, so the machine-wide and cluster-wide figures are the same
// for every instance; connections and reads are each database's own. Latencies are seconds.
import { readFile, statfs } from 'node:fs/promises';
import { availableParallelism, freemem } from 'node:os';
import { clusterTicks, cpuPercent, readAllProcTimes } from './cpu-time.js';
import type { MetricStore } from './metric-store.js';

export const RDS_NAMESPACE = 'AWS/RDS';
export const RDS_DIMENSION = 'DBInstanceIdentifier';

export interface CollectedInstance {
  instance: string;
  database: string;
}

export interface ClusterProbe {
  /** The postmaster's pid. */
  pid(): number;
  dataDir(): string;
  /** Runs a query as the superuser on the maintenance database. */
  query<T>(sql: string): Promise<T[]>;
}

interface Counters {
  at: number;
  ticks?: number;
  reads: Map<string, { blocks: number; timeMs: number }>;
  writes: { ops: number; timeMs: number };
}

export interface Sample {
  /** Start of the minute the sample describes (epoch ms). */
  at: number;
  values: Map<string, Record<string, number>>;
}

/** Rates and latencies from two counter readings. Pure. */
export function rates(
  before: { ops: number; timeMs: number } | undefined,
  after: { ops: number; timeMs: number },
  elapsedMs: number,
): { iops: number; latencySeconds: number } | undefined {
  if (!before || elapsedMs <= 0) return undefined;
  const ops = Math.max(0, after.ops - before.ops);
  const timeMs = Math.max(0, after.timeMs - before.timeMs);
  return { iops: ops / (elapsedMs / 1000), latencySeconds: ops === 0 ? 0 : timeMs / ops / 1000 };
}

export function createRdsCollector(opts: {
  probe: ClusterProbe;
  store: MetricStore;
  now: () => number;
  cpus?: number;
}) {
  const cpus = opts.cpus ?? availableParallelism();
  let previous: Counters | undefined;

  async function read(): Promise<{
    counters: Counters;
    connections: Map<string, number>;
    freeBytes: number;
    memory: number;
  }> {
    const at = opts.now();
    // One connection answers one query at a time: the three are asked in turn.
    const connectionRows = await opts.probe.query<{ datname: string; n: number }>(
      "select datname, count(*)::int as n from pg_stat_activity where backend_type = 'client backend' and datname is not null group by datname",
    );
    const readRows = await opts.probe.query<{ datname: string; blocks: string; time: number }>(
      'select datname, blks_read::text as blocks, blk_read_time::float8 as time from pg_stat_database where datname is not null',
    );
    const writeRows = await opts.probe.query<{ ops: string; time: number }>(
      'select (coalesce(sum(writes), 0) + coalesce(sum(extends), 0))::text as ops, (coalesce(sum(write_time), 0) + coalesce(sum(extend_time), 0))::float8 as time from pg_stat_io',
    );
    const [procs, fs, memory] = await Promise.all([
      readAllProcTimes(),
      statfs(opts.probe.dataDir()),
      availableMemory(),
    ]);
    return {
      counters: {
        at,
        ticks: clusterTicks(procs, opts.probe.pid()),
        reads: new Map(readRows.map((r) => [r.datname, { blocks: Number(r.blocks), timeMs: Number(r.time) }])),
        writes: { ops: Number(writeRows[0]?.ops ?? 0), timeMs: Number(writeRows[0]?.time ?? 0) },
      },
      connections: new Map(connectionRows.map((r) => [r.datname, r.n])),
      freeBytes: Number(fs.bavail) * Number(fs.bsize),
      memory,
    };
  }

  return {
    /** Takes one sample, stores its datapoints, and returns them. The first sample has no rates yet. */
    async sample(instances: readonly CollectedInstance[]): Promise<Sample> {
      const now = await read();
      const before = previous;
      previous = now.counters;
      const minute = Math.floor(now.counters.at / 60_000) * 60_000 - 60_000;
      const elapsed = before ? now.counters.at - before.at : 0;
      const cpu =
        before?.ticks !== undefined && now.counters.ticks !== undefined
          ? cpuPercent(before.ticks, now.counters.ticks, elapsed, cpus)
          : undefined;
      const writes = rates(before?.writes, now.counters.writes, elapsed);
      const values = new Map<string, Record<string, number>>();
      for (const { instance, database } of instances) {
        const readCounter = now.counters.reads.get(database);
        const reads = readCounter
          ? rates(
              before?.reads.get(database) && {
                ops: before.reads.get(database)!.blocks,
                timeMs: before.reads.get(database)!.timeMs,
              },
              { ops: readCounter.blocks, timeMs: readCounter.timeMs },
              elapsed,
            )
          : undefined;
        const metrics: Record<string, number> = {
          DatabaseConnections: now.connections.get(database) ?? 0,
          FreeStorageSpace: now.freeBytes,
          FreeableMemory: now.memory,
        };
        if (cpu !== undefined) metrics.CPUUtilization = cpu;
        if (reads) Object.assign(metrics, { ReadIOPS: reads.iops, ReadLatency: reads.latencySeconds });
        if (writes) Object.assign(metrics, { WriteIOPS: writes.iops, WriteLatency: writes.latencySeconds });
        values.set(instance, metrics);
        for (const [name, value] of Object.entries(metrics)) {
          opts.store.put(
            { namespace: RDS_NAMESPACE, name, dimensions: { [RDS_DIMENSION]: instance } },
            { at: minute, value },
            now.counters.at,
          );
        }
      }
      return { at: minute, values };
    },
  };
}

/** Bytes of memory available to new work (MemAvailable), as RDS's FreeableMemory means it. */
async function availableMemory(): Promise<number> {
  try {
    const match = /^MemAvailable:\s+(\d+) kB/m.exec(await readFile('/proc/meminfo', 'utf8'));
    if (match) return Number(match[1]) * 1024;
  } catch {
    // not Linux
  }
  return freemem();
}

/** The file system's size, for the free-storage alarm's threshold. */
export async function totalStorageBytes(dir: string): Promise<number> {
  const fs = await statfs(dir);
  return Number(fs.blocks) * Number(fs.bsize);
}
