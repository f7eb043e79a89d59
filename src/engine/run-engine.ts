// The engine process itself (`dynodeck engine run`): serves the API on 127.0.0.1,
// runs every environment, and on SIGTERM stops them cleanly and exits.
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import type { AddressInfo } from 'node:net';
import type { LoadedConfig } from '../config/load-config.js';
import { systemClock, type Clock } from '../services/ports.js';
import { packageVersion } from '../package-root.js';
import { enginePaths } from './engine-paths.js';
import { ensureToken } from './engine-token.js';
import { claimProject, readEngineInfo, removeEngineInfo, writeEngineInfo } from './engine-lockfile.js';
import { mkdirSync } from 'node:fs';
import { readStartTicksSync } from './runtime/pid-records.js';
import { createEngineCore } from './platform/engine-core.js';
import { createLogSessions } from './logs/log-sessions.js';
import { createRateLimiter } from './api/rate-limit.js';
import { createApiServer } from './api/http-api.js';
import { engineRoutes } from './api/routes.js';

export interface RunningEngine {
  port: number;
  token: string;
  stop(): Promise<void>;
  stopped: Promise<void>;
}

export interface EngineTimings {
  bootTimeoutMs?: number;
  stopGraceMs?: number;
  metricsIntervalMs?: number;
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

  const token = ensureToken(paths.token);
  let port = 0;
  const baseUrl = () => `http://127.0.0.1:${port}`;
  const user = `${userInfo().username}@localhost`;
  let core: Awaited<ReturnType<typeof createEngineCore>>;
  try {
    core = await createEngineCore({
      paths,
      project: loaded.config.project,
      platform,
      clock,
      user,
      baseUrl,
      ...opts.timings,
    });
  } catch (error) {
    release();
    throw error;
  }
  const sessions = createLogSessions({ bus: core.logs, clock, baseUrl });
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
      server.close();
      server.closeAllConnections();
      sessions.close();
      await core.shutdown();
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
  const server = createApiServer({
    routes: engineRoutes(core, sessions, limiter, urls, {
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
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  writeEngineInfo(paths.lockfile, {
    pid: process.pid,
    startTicks: readStartTicksSync(process.pid) ?? 0,
    instanceId,
    port,
    startedAt: new Date(startedAt).toISOString(),
    version: packageVersion(),
  });
  return { port, token, stop, stopped };
}
