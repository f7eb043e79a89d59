// The engine process itself (`dynodeck engine run`): serves the API on 127.0.0.1,
// runs every environment, and on SIGTERM stops them cleanly and exits. A start that
// fails stops whatever it started: no environment runs without an API to see it.
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import type { AddressInfo } from 'node:net';
import type { LoadedConfig } from '../config/load-config.js';
import { systemClock, type Clock } from '../domain/clock.js';
import { packageVersion } from '../package-root.js';
import { enginePaths } from './engine-paths.js';
import { ensureToken } from './engine-token.js';
import { claimProject, readEngineInfo, removeEngineInfo, writeEngineInfo } from './engine-lockfile.js';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Server } from 'node:http';
import { killLeftovers, readStartTicksSync, type PidRecord } from './runtime/pid-records.js';
import { createEngineCore, type EngineCore } from './platform/engine-core.js';
import { startDatabasesEarly, type StartingDatabases } from './postgres/engine-databases.js';
import type { PruneLimits } from './state/prune-ledger.js';
import { parseState } from './state/engine-state.js';
import { checkRouterPorts, plannedRouterPorts } from './router-ports.js';
import { parkedNotice, readParked, reconcileApps } from './parked-apps.js';
import { createLogSessions } from './logs/log-sessions.js';
import { createRateLimiter } from './api/rate-limit.js';
import { createApiServer } from './api/http-api.js';
import { engineRoutes } from './api/routes.js';
import { createStartTrace } from './start-trace.js';

export interface RunningEngine {
  port: number;
  token: string;
  stop(): Promise<void>;
  stopped: Promise<void>;
}

/** For tests: these win over dynodeck.yml's platform.timeouts and the engine's defaults. */
export interface EngineTimings {
  bootTimeoutMs?: number;
  buildTimeoutMs?: number;
  releaseTimeoutMs?: number;
  /** How much history the ledger keeps (tests keep less than the 20 releases' slugs). */
  history?: Partial<PruneLimits>;
  stopGraceMs?: number;
  metricsIntervalMs?: number;
  /** How often the databases' RDS metrics are measured (a minute). */
  databaseMetricsIntervalMs?: number;
}

export async function runEngine(
  loaded: LoadedConfig,
  opts: { clock?: Clock; port?: number; timings?: EngineTimings } = {},
): Promise<RunningEngine> {
  const platform = loaded.config.platform;
  if (!platform)
    throw new Error(`${loaded.file ?? 'dynodeck.yml'} has no "platform:" section, so there are no environments to run`);
  const clock = opts.clock ?? systemClock;
  const paths = enginePaths(loaded.root);
  const running = readEngineInfo(paths.lockfile);
  if (running) throw new Error(`an engine already runs for ${loaded.root} (pid ${running.pid}, port ${running.port})`);
  mkdirSync(paths.engineDir, { recursive: true, mode: 0o700 });
  const release = claimProject(paths.claim);

  // From here on the start binds everything or stops everything it began.
  let core: EngineCore | undefined;
  let server: Server | undefined;
  let starting: Promise<StartingDatabases> | undefined;
  const note = (line: string) => process.stderr.write(`${new Date().toISOString()} engine: ${line}\n`);
  const trace = createStartTrace(note);
  trace.mark('claimed');
  try {
    const token = ensureToken(paths.token);
    const parked = reconcileApps(paths, loaded.config.project, platform, new Date(clock.now()).toISOString());
    await checkRouterPorts(plannedRouterPorts(loaded.config.project, platform, paths.state));
    let port = 0;
    const baseUrl = () => `http://127.0.0.1:${port}`;
    // A damaged ledger stops the start here, before a database server is started for nothing.
    const ledger = existsSync(paths.state)
      ? parseState(readFileSync(paths.state, 'utf8'), path.relative(paths.root, paths.state))
      : undefined;
    const ledgerApps = new Set((ledger?.apps ?? []).map((app) => app.name));
    // Kept-aside apps are read again when asked: `engine apps remove` may run while the engine starts.
    const isRecordedApp = (app: string) =>
      ledgerApps.has(app) || readParked(paths).apps.some((p) => p.app.name === app);
    trace.mark('ports checked');
    const databasesStartedAt = performance.now();
    const { databaseMetricsIntervalMs, ...timings } = opts.timings ?? {};
    // PostgreSQL starts while the core gets ready (leftovers, ledger, routers); dynos wait for their DATABASE_URL.
    const startingDatabases = startDatabasesEarly({
      base: paths.base,
      engineDir: paths.engineDir,
      clock,
      onNote: note,
      metricsIntervalMs: databaseMetricsIntervalMs,
      isRecordedApp,
    });
    starting = startingDatabases;
    startingDatabases.then(
      () => trace.mark('cluster'),
      () => undefined,
    );
    try {
      core = await createEngineCore({
        paths,
        project: loaded.config.project,
        platform,
        clock,
        user: `${userInfo().username}@localhost`,
        baseUrl,
        databases: { databaseUrl: async (app) => (await startingDatabases).databaseUrl(app) },
        trace: (label) => trace.mark(label),
        ...timings,
      });
    } catch (error) {
      // The core may have started some environments' dynos before it failed.
      await killLeftovers(readPidRecords(paths.pids));
      throw error;
    }
    const db = await (await startingDatabases).complete;
    note(`databases ready in ${Math.round(performance.now() - databasesStartedAt)} ms`);
    trace.mark('databases');
    const started = core;
    db.watch(started.state.apps.map((app) => app.name));
    const sessions = createLogSessions({ bus: started.logs, clock, baseUrl });
    // Heroku's bucket size, but a faster refill: the deck polls a local engine more often
    // than it may poll Heroku, and the headers still teach it to watch its budget.
    const limiter = createRateLimiter({ now: () => clock.now(), perMinute: 1500 });
    const startedAt = clock.now();
    const instanceId = randomUUID();

    let resolveStopped!: () => void;
    const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));
    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        api.close();
        api.closeAllConnections();
        sessions.close();
        await started.shutdown();
        await db.stop();
        removeEngineInfo(paths.lockfile, process.pid);
        release();
        resolveStopped();
      })());

    const urls = {
      get base() {
        return baseUrl();
      },
      routerUrl: (app: { routerPort: number }) => `http://127.0.0.1:${app.routerPort}/`,
    };
    const api = createApiServer({
      routes: engineRoutes(started, sessions, limiter, urls, {
        shutdown: () => void stop(),
        pid: process.pid,
        startedAt,
        instanceId,
      }),
      token,
      limiter,
      onError: (error) =>
        process.stderr.write(`engine: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`),
    });
    server = api;
    await new Promise<void>((resolve, reject) => {
      api.once('error', reject);
      api.listen(opts.port ?? 0, '127.0.0.1', () => {
        api.off('error', reject);
        resolve();
      });
    });
    port = (api.address() as AddressInfo).port;
    writeEngineInfo(paths.lockfile, {
      pid: process.pid,
      startTicks: readStartTicksSync(process.pid) ?? 0,
      instanceId,
      port,
      startedAt: new Date(startedAt).toISOString(),
      version: packageVersion(),
    });
    trace.mark('api');
    note(trace.summary());
    const notice = parkedNotice(parked, loaded.config.project);
    if (notice) {
      process.stderr.write(`engine: ${notice}\n`);
      for (const app of started.state.apps)
        started.logs.publish(app.name, { source: 'app', dyno: 'api', text: notice });
    }
    return { port, token, stop, stopped };
  } catch (error) {
    server?.close();
    await core?.shutdown().catch(() => undefined);
    await starting?.then((d) => d.stop()).catch(() => undefined);
    release();
    throw error;
  }
}

function readPidRecords(file: string): PidRecord[] {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return Array.isArray(parsed) ? (parsed as PidRecord[]) : [];
  } catch {
    return [];
  }
}
