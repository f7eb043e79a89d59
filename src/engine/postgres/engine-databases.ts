// The engine's database side, started and stopped with it: the project's PostgreSQL cluster,
// each environment's database (handed out as DATABASE_URL), the minute-by-minute RDS metrics
// and default alarms, and the CloudWatch API the deck reads them through (endpoint and key pair
// in .dynodeck/engine/cloudwatch.json, 0600).
import path from 'node:path';
import type pg from 'pg';
import type { Clock } from '../../domain/clock.js';
import { AlarmBook } from '../cloudwatch/alarm-book.js';
import { startCloudWatchServer } from '../cloudwatch/cloudwatch-server.js';
import { createDatabaseMonitor } from '../cloudwatch/database-monitor.js';
import { instanceName } from '../cloudwatch/default-alarms.js';
import {
  engineCloudWatchFile,
  readEngineCloudWatch,
  writeEngineCloudWatch,
} from '../cloudwatch/engine-cloudwatch-file.js';
import { MetricStore } from '../cloudwatch/metric-store.js';
import { createRdsCollector, totalStorageBytes } from '../cloudwatch/rds-collector.js';
import { ensureEnvironmentDatabase } from './environment-databases.js';
import { startCluster, type RunningCluster } from './postgres-cluster.js';

export interface EngineDatabasesOptions {
  /** The project's .dynodeck folder. */
  base: string;
  /** .dynodeck/engine. */
  engineDir: string;
  clock: Clock;
  /** Lines for the engine's log. */
  onNote?: (line: string) => void;
  /** How often the metrics are measured; a minute unless a test says otherwise. */
  metricsIntervalMs?: number;
}

export interface EngineDatabases {
  /** The app's DATABASE_URL, its role and database made on first ask. */
  databaseUrl(app: string): Promise<string>;
  /** The apps whose databases the metrics and alarms cover. */
  watch(apps: readonly string[]): void;
  readonly cluster: RunningCluster;
  readonly cloudwatchUrl: string;
  /** Measures and evaluates now, outside the minute rhythm. */
  measure(): Promise<void>;
  stop(): Promise<void>;
}

export async function startEngineDatabases(opts: EngineDatabasesOptions): Promise<EngineDatabases> {
  const note = opts.onNote ?? (() => undefined);
  const cluster = await startCluster({
    dynodeckDir: opts.base,
    secretsFile: path.join(opts.engineDir, 'postgres.json'),
    logFile: path.join(opts.engineDir, 'postgres.log'),
    onNote: note,
  });
  let watched: string[] = [];
  let probeClient: pg.Client | undefined;
  const query = async <T>(sql: string): Promise<T[]> => {
    probeClient ??= await cluster.connect();
    try {
      return (await probeClient.query(sql)).rows as T[];
    } catch (error) {
      const broken = probeClient;
      probeClient = undefined;
      await broken.end().catch(() => undefined);
      throw error;
    }
  };

  try {
    const store = new MetricStore();
    const file = engineCloudWatchFile(opts.engineDir);
    // The last run's port when it is free: a deck left open finds CloudWatch where it was.
    const previousPort = portOf(readEngineCloudWatch(file)?.endpoint);
    const key = writeEngineCloudWatch(file, 'http://127.0.0.1:0');
    const alarms = new AlarmBook(key.region);
    const serverOptions = { region: key.region, key, store, alarms, now: () => opts.clock.now() };
    const server = await startCloudWatchServer(serverOptions, previousPort).catch(() =>
      startCloudWatchServer(serverOptions, 0),
    );
    writeEngineCloudWatch(file, server.url);
    const [maxConnections] = await query<{ max: number }>("select current_setting('max_connections')::int as max");
    const monitor = createDatabaseMonitor({
      store,
      alarms,
      collector: createRdsCollector({
        probe: { pid: () => cluster.pid, dataDir: () => cluster.dataDir, query },
        store,
        now: () => opts.clock.now(),
      }),
      instances: () =>
        watched.flatMap((app) => {
          const credentials = cluster.secrets.databases[app];
          return credentials ? [{ instance: instanceName(app), database: credentials.database }] : [];
        }),
      limits: { maxConnections: maxConnections?.max ?? 100, storageBytes: await totalStorageBytes(cluster.dataDir) },
      clock: opts.clock,
      historyFile: path.join(opts.engineDir, 'cloudwatch-history.json'),
      intervalMs: opts.metricsIntervalMs,
      onError: (error) => note(`database metrics: ${(error as Error).message}`),
    });

    let monitorStarted: Promise<void> | undefined;
    return {
      cluster,
      cloudwatchUrl: server.url,
      databaseUrl: (app) => ensureEnvironmentDatabase(cluster, app),
      watch(apps) {
        watched = [...apps];
        monitorStarted ??= monitor.start();
      },
      measure: () => monitor.tick(),
      async stop() {
        await monitorStarted?.catch(() => undefined);
        await monitor.stop();
        await server.close();
        await probeClient?.end().catch(() => undefined);
        await cluster.stop();
      },
    };
  } catch (error) {
    await probeClient?.end().catch(() => undefined);
    await cluster.stop();
    throw error;
  }
}

function portOf(url: string | undefined): number {
  try {
    return Number(new URL(url ?? '').port) || 0;
  } catch {
    return 0;
  }
}
