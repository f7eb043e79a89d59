// What every part of the engine core shares: the ledger, the log bus, the output
// streams, the per-app queue, the clock and who acts. Built once by engine-core.ts
// and handed to each concern (builds, release pipeline, formation, promotions).
import type { PlatformConfig } from '../../config/schema.js';
import type { Clock } from '../../domain/clock.js';
import type { EnginePaths } from '../engine-paths.js';
import { notFound } from '../api/api-error.js';
import type { LogBus } from '../logs/log-bus.js';
import { findApp, type AppRecord, type EngineStateData, type StateStore } from '../state/engine-state.js';
import { DEFAULT_PRUNE_LIMITS, pruneLedger, type PruneLimits, type PrunedFiles } from '../state/prune-ledger.js';
import { removePrunedFiles } from './ledger-housekeeping.js';
import type { OutputStreams } from './output-streams.js';
import type { createSerialQueue } from './serial-queue.js';
import { timeLimits, type TimeLimits } from './time-limits.js';

/** Heroku gives a stopped dyno 30 s; locally 10 s is plenty and keeps `engine stop` quick. */
const DEFAULT_STOP_GRACE_MS = 10_000;

export interface EngineCoreOptions {
  paths: EnginePaths;
  project: string;
  platform: PlatformConfig;
  clock: Clock;
  /** Who actions are attributed to (the local user). */
  user: string;
  /** The API's own base URL, for URLs it hands out. */
  baseUrl: () => string;
  /** Time limits in milliseconds that win over dynodeck.yml's platform.timeouts (for tests). */
  bootTimeoutMs?: number;
  buildTimeoutMs?: number;
  releaseTimeoutMs?: number;
  stopGraceMs?: number;
  metricsIntervalMs?: number;
  /** PATH and HOME for builds and dynos; nothing else of the engine's environment leaks into them. */
  baseEnv?: Record<string, string>;
  /** How much history is kept (tests keep less). */
  history?: Partial<PruneLimits>;
  /** Each app's database, handed to it as DATABASE_URL like a Heroku Postgres add-on. */
  databases?: { databaseUrl(app: string): Promise<string> };
  /** Marks on the way through a start (start-trace.ts). */
  trace?: (label: string) => void;
}

export interface EngineContext {
  readonly opts: EngineCoreOptions;
  readonly paths: EnginePaths;
  readonly clock: Clock;
  readonly user: string;
  readonly baseEnv: Record<string, string>;
  /** How long a build, a release phase and a boot may take. */
  readonly limits: TimeLimits;
  /** How long a stopped process gets between SIGTERM and SIGKILL. */
  readonly stopGraceMs: number;
  readonly state: StateStore;
  readonly logs: LogBus;
  readonly outputs: OutputStreams;
  /** One release, scale or restart at a time per app. */
  readonly queue: ReturnType<typeof createSerialQueue>;
  /** How much history the ledger keeps. */
  readonly history: PruneLimits;
  /**
   * Applies a change to the ledger and prunes what it no longer needs, in one write;
   * the files of what was pruned are deleted afterwards.
   */
  updateAndPrune<T>(change: (data: EngineStateData) => T): T;
  /** Set once the engine is stopping: work that fails from here on failed because of that. */
  stopping: boolean;
  /** Keeps track of a piece of work (a release, a build) so that stopping can wait for it to be recorded. */
  inFlight<T>(work: Promise<T>): Promise<T>;
  /** Resolves when the work in flight has settled, or after `timeoutMs`. */
  settled(timeoutMs: number): Promise<void>;
  /** The clock's time as an ISO string, for records. */
  now(): string;
  /** The app by name or id, or a 404 for the API. */
  getApp(nameOrId: string): AppRecord;
  /** A platform event on the app's log, as heroku[api] would write it. */
  apiLog(app: AppRecord, text: string): void;
}

export function createEngineContext(
  opts: EngineCoreOptions,
  parts: { state: StateStore; logs: LogBus; outputs: OutputStreams; queue: ReturnType<typeof createSerialQueue> },
): EngineContext {
  const { state, logs } = parts;
  const work = new Set<Promise<unknown>>();
  const history = { ...DEFAULT_PRUNE_LIMITS, ...opts.history };
  return {
    ...parts,
    opts,
    paths: opts.paths,
    clock: opts.clock,
    user: opts.user,
    baseEnv: opts.baseEnv ?? {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? '/tmp',
      LANG: process.env.LANG ?? 'C.UTF-8',
    },
    limits: timeLimits(opts.platform, {
      bootMs: opts.bootTimeoutMs,
      buildMs: opts.buildTimeoutMs,
      releaseMs: opts.releaseTimeoutMs,
    }),
    stopGraceMs: opts.stopGraceMs ?? DEFAULT_STOP_GRACE_MS,
    history,
    updateAndPrune(change) {
      let pruned: PrunedFiles | undefined;
      const result = state.update((d) => {
        const value = change(d);
        pruned = pruneLedger(d, opts.clock.now(), history);
        return value;
      });
      // A stopped engine's view may be stale: the next engine owns the files now.
      if (pruned && !state.closed) void removePrunedFiles(opts.paths, pruned);
      return result;
    },
    stopping: false,
    inFlight(promise) {
      // Settles either way and never rejects: the caller handles the outcome of `promise` itself.
      const tracked: Promise<unknown> = promise.then(
        () => work.delete(tracked),
        () => work.delete(tracked),
      );
      work.add(tracked);
      return promise;
    },
    async settled(timeoutMs) {
      // Wall-clock: the engine is shutting down and waits on real processes' ends.
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
      await Promise.race([Promise.allSettled([...work]), timeout]);
      clearTimeout(timer);
    },
    now: () => new Date(opts.clock.now()).toISOString(),
    getApp(nameOrId) {
      const app = findApp(state.data, nameOrId);
      if (!app) throw notFound('app');
      return app;
    },
    apiLog(app, text) {
      logs.publish(app.name, { source: 'app', dyno: 'api', text });
    },
  };
}
