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
import { applyDatabaseDrops } from './apply-database-drops.js';
import { clusterSecretsFile } from './cluster-secrets.js';
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
  /**
   * Whether the engine keeps a record of the app (in its ledger or kept aside): a database waiting
   * to be dropped (apply-database-drops.ts) stays when its app is one of them again.
   */
  isRecordedApp?: (app: string) => boolean;
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

/** The database side as soon as the cluster serves; the CloudWatch API comes up beside what needs only the cluster. */
export interface StartingDatabases {
  readonly cluster: RunningCluster;
  /** The app's DATABASE_URL, its role and database made on first ask (usable at once). */
  databaseUrl(app: string): Promise<string>;
  /** The whole side, once the CloudWatch API serves too; rejects when it could not start (then call stop). */
  readonly complete: Promise<EngineDatabases>;
  /** Stops whatever of the side started, the cluster last. */
  stop(): Promise<void>;
}

export async function startEngineDatabases(opts: EngineDatabasesOptions): Promise<EngineDatabases> {
  const starting = await startDatabasesEarly(opts);
  try {
    return await starting.complete;
  } catch (error) {
    await starting.stop();
    throw error;
  }
}

/** Resolves once the cluster serves; the metrics and CloudWatch API keep starting (`complete`). */
export async function startDatabasesEarly(opts: EngineDatabasesOptions): Promise<StartingDatabases> {
  const note = opts.onNote ?? (() => undefined);
  const cluster = await startCluster({
    dynodeckDir: opts.base,
    secretsFile: clusterSecretsFile(opts.engineDir),
    logFile: path.join(opts.engineDir, 'postgres.log'),
    onNote: note,
  });
  // Before any app is handed a DATABASE_URL: a removed app's name made again gets a new database.
  try {
    await applyDatabaseDrops({
      cluster,
      engineDir: opts.engineDir,
      isRecordedApp: opts.isRecordedApp ?? (() => false),
      note,
    });
  } catch (error) {
    note(`database drops left for the next start: ${(error as Error).message}`);
  }
  // One superuser connection for the engine's own statements (provisioning, the metrics' probes),
  // used by one piece of work at a time: node-postgres wants no overlapping queries on a client.
  let admin: Promise<pg.Client> | undefined;
  let turn: Promise<unknown> = Promise.resolve();
  const withAdmin = <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const mine = turn.then(() => useAdmin(work));
    turn = mine.catch(() => undefined);
    return mine;
  };
  const useAdmin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const pending = (admin ??= cluster.connect());
    let client: pg.Client;
    try {
      client = await pending;
    } catch (error) {
      if (admin === pending) admin = undefined;
      throw error;
    }
    try {
      return await work(client);
    } catch (error) {
      // A broken connection is replaced on the next use.
      if (admin === pending) {
        admin = undefined;
        await client.end().catch(() => undefined);
      }
      throw error;
    }
  };
  const query = <T>(sql: string): Promise<T[]> => withAdmin(async (client) => (await client.query(sql)).rows as T[]);
  // Known environments are checked over the shared connection (a restart: a few quick statements);
  // new ones are made on a connection each, so that the first start makes them all at once.
  const databaseUrl = (app: string) =>
    ensureEnvironmentDatabase(cluster, app, cluster.secrets.databases[app] ? withAdmin : undefined);
  const endAdmin = async () => {
    const pending = admin;
    admin = undefined;
    await pending?.then((client) => client.end()).catch(() => undefined);
  };

  let server: Awaited<ReturnType<typeof startCloudWatchServer>> | undefined;
  let monitor: ReturnType<typeof createDatabaseMonitor> | undefined;
  let monitorStarted: Promise<void> | undefined;
  let watched: string[] = [];
  const complete = (async (): Promise<EngineDatabases> => {
    const store = new MetricStore();
    const file = engineCloudWatchFile(opts.engineDir);
    // The last run's port when it is free: a deck left open finds CloudWatch where it was.
    const previousPort = portOf(readEngineCloudWatch(file)?.endpoint);
    const key = writeEngineCloudWatch(file, 'http://127.0.0.1:0');
    const alarms = new AlarmBook(key.region);
    const serverOptions = { region: key.region, key, store, alarms, now: () => opts.clock.now() };
    const [started, [maxConnections], storageBytes] = await Promise.all([
      startCloudWatchServer(serverOptions, previousPort)
        .catch(() => startCloudWatchServer(serverOptions, 0))
        .then((s) => (server = s)),
      query<{ max: number }>("select current_setting('max_connections')::int as max"),
      totalStorageBytes(cluster.dataDir),
    ]);
    writeEngineCloudWatch(file, started.url);
    const made = createDatabaseMonitor({
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
      limits: { maxConnections: maxConnections?.max ?? 100, storageBytes },
      clock: opts.clock,
      historyFile: path.join(opts.engineDir, 'cloudwatch-history.json'),
      intervalMs: opts.metricsIntervalMs,
      onError: (error) => note(`database metrics: ${(error as Error).message}`),
    });
    monitor = made;
    return {
      cluster,
      cloudwatchUrl: started.url,
      databaseUrl,
      watch(apps) {
        watched = [...apps];
        monitorStarted ??= made.start();
      },
      measure: () => made.tick(),
      stop,
    };
  })();
  // Whoever awaits `complete` sees its failure; stop() must not raise it again.
  complete.catch(() => undefined);

  let stopping: Promise<void> | undefined;
  function stop(): Promise<void> {
    return (stopping ??= (async () => {
      await complete.catch(() => undefined);
      await monitorStarted?.catch(() => undefined);
      await monitor?.stop();
      await server?.close();
      await endAdmin();
      await cluster.stop();
    })());
  }

  return { cluster, databaseUrl, complete, stop };
}

function portOf(url: string | undefined): number {
  try {
    return Number(new URL(url ?? '').port) || 0;
  } catch {
    return 0;
  }
}
