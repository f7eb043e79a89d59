// The deck's link to the project's local engine, kept true across engine restarts: the
// engine may come back on another API port, so the connection is re-resolved from
// engine.json (verified as in findEngine) when calls fail to connect, and a light
// watcher (one small file read a second) notices a stopped or replaced engine before a
// call has to time out on the old port.
import { enginePaths } from '../engine/engine-paths.js';
import { findEngine, startEngine, type EngineConnection } from '../engine/engine-control.js';
import { readEngineInfo } from '../engine/engine-lockfile.js';
import type { Clock } from '../services/ports.js';

export interface LiveEngine<P> {
  connection: EngineConnection;
  /** What talks to this engine (a Platform over its API). */
  client: P;
  /** Settles when this connection is no longer the engine's (it stopped or was replaced). */
  gone: Promise<void>;
}

export interface EngineLinkOptions<P> {
  root: string;
  configFile?: string;
  /** Start the engine on first use when it is not running (later losses are only waited for). */
  start: boolean;
  /**
   * `clock`: for the waits of actions against this engine; once the engine is gone its
   * timers stop, so a deploy left polling a dead port ends there (no timer keeps the process up).
   */
  makeClient(connection: EngineConnection, clock: Clock): P;
  watchMs?: number;
  find?: (root: string) => Promise<EngineConnection | undefined>;
}

export interface EngineLink<P> {
  readonly live: LiveEngine<P> | undefined;
  /** Whether an engine was ever reached: after that, a missing engine is one that stopped. */
  readonly wasConnected: boolean;
  /** The live engine; on first use started or found; later found (never restarted behind the user's back). */
  connect(): Promise<LiveEngine<P>>;
  /** Whether `live` is still the project's engine as engine.json says (checked now); forgets it if not. */
  stillServing(live: LiveEngine<P>): boolean;
  /** A call on `live` failed to connect: forget it, and look at once for the engine that replaced it. */
  lost(live: LiveEngine<P>): Promise<LiveEngine<P> | undefined>;
  /** Resolves with the engine once one answers (after `timeoutMs`: undefined; without: waits on). */
  waitForReturn(timeoutMs?: number): Promise<LiveEngine<P> | undefined>;
  /** What the user reads while the engine is away. */
  downMessage(): string;
  /** The API address of the last engine reached. */
  readonly lastUrl: string | undefined;
  close(): void;
}

export const NOT_RUNNING = 'the local engine is not running ("dynodeck engine start")';

export function createEngineLink<P>(opts: EngineLinkOptions<P>): EngineLink<P> {
  const find = opts.find ?? findEngine;
  const lockfile = enginePaths(opts.root).lockfile;
  let live: LiveEngine<P> | undefined;
  let markGone: (() => void) | undefined;
  let wasConnected = false;
  let lastUrl: string | undefined;
  let connecting: Promise<LiveEngine<P>> | undefined;
  let looking: Promise<LiveEngine<P> | undefined> | undefined;
  let waiters: Array<(l: LiveEngine<P>) => void> = [];
  let watcher: ReturnType<typeof setInterval> | undefined;
  const downMessage = () =>
    `the local engine stopped${lastUrl ? ` (it answered on ${lastUrl})` : ''}: "dynodeck engine start" starts it again`;

  function adopt(connection: EngineConnection): LiveEngine<P> {
    if (live && live.connection.info.instanceId === connection.info.instanceId) return live;
    drop();
    let resolveGone!: () => void;
    const gone = new Promise<void>((resolve) => (resolveGone = resolve));
    const clock = haltableClock();
    live = { connection, client: opts.makeClient(connection, clock), gone };
    markGone = () => {
      clock.halt();
      resolveGone();
    };
    wasConnected = true;
    lastUrl = connection.url;
    startWatching();
    const ready = live;
    const waiting = waiters;
    waiters = [];
    for (const resolve of waiting) resolve(ready);
    return ready;
  }

  function drop() {
    markGone?.();
    markGone = undefined;
    live = undefined;
  }

  /** Looks for the engine now, once; concurrent callers share one look. */
  function lookNow(): Promise<LiveEngine<P> | undefined> {
    return (looking ??= find(opts.root)
      .then((found) => (found ? adopt(found) : undefined))
      .catch(() => undefined)
      .finally(() => (looking = undefined)));
  }

  function startWatching() {
    if (watcher) return;
    watcher = setInterval(() => void check(), opts.watchMs ?? 1000);
    watcher.unref();
  }

  async function check() {
    const recorded = readEngineInfo(lockfile);
    if (live && recorded?.instanceId !== live.connection.info.instanceId) drop();
    if (!live && recorded) await lookNow();
  }

  return {
    get live() {
      return live;
    },
    get wasConnected() {
      return wasConnected;
    },
    get lastUrl() {
      return lastUrl;
    },

    connect() {
      if (live) return Promise.resolve(live);
      return (connecting ??= (async () => {
        if (!wasConnected && opts.start) {
          const { connection } = await startEngine(opts.root, { configFile: opts.configFile });
          return adopt(connection);
        }
        const found = await lookNow();
        if (!found) throw new Error(wasConnected ? downMessage() : NOT_RUNNING);
        return found;
      })().finally(() => (connecting = undefined)));
    },

    stillServing(candidate) {
      const recorded = readEngineInfo(lockfile);
      if (live === candidate && recorded?.instanceId === candidate.connection.info.instanceId) return true;
      if (live === candidate) drop();
      return false;
    },

    async lost(failed) {
      if (live === failed) drop();
      return lookNow();
    },

    waitForReturn(timeoutMs) {
      if (live) return Promise.resolve(live);
      void lookNow();
      return new Promise((resolve) => {
        const done = (l: LiveEngine<P> | undefined) => {
          if (timer) clearTimeout(timer);
          waiters = waiters.filter((w) => w !== done);
          resolve(l);
        };
        // A bounded wait is an action's: its timer keeps the process up (a CLI deploy waits on it).
        const timer = timeoutMs === undefined ? undefined : setTimeout(() => done(undefined), timeoutMs);
        waiters.push(done);
        startWatching();
      });
    },

    downMessage,

    close() {
      if (watcher) clearInterval(watcher);
      watcher = undefined;
      drop();
    },
  };
}

/** The real clock, until halt(): then its pending timers are dropped and new ones never fire. */
function haltableClock(): Clock & { halt(): void } {
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let halted = false;
  return {
    now: () => Date.now(),
    setTimeout(fn, ms) {
      if (halted) return undefined;
      const timer = setTimeout(() => {
        timers.delete(timer);
        fn();
      }, ms);
      timers.add(timer);
      return timer;
    },
    clearTimeout(handle) {
      if (handle === undefined) return;
      clearTimeout(handle as ReturnType<typeof setTimeout>);
      timers.delete(handle as ReturnType<typeof setTimeout>);
    },
    halt() {
      halted = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
