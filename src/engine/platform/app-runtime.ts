// The running side of one app: its dynos for the current release, and the router in
// front of them. Releases and restarts start the new dynos first, switch the router
// once the new web dynos answer, then drain and stop the old ones: no request is dropped.
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import type { Clock } from '../../domain/clock.js';
import { startDyno, type DynoHandle, type DynoState } from '../runtime/dyno-process.js';
import { freePort } from '../runtime/free-port.js';
import { sampleProcessGroup } from '../runtime/process-sample.js';
import type { PidRecord } from '../runtime/pid-records.js';
import { readStartTicksSync } from '../runtime/pid-records.js';
import type { Router } from '../router/types.js';
import type { LogBus } from '../logs/log-bus.js';
import { formatRuntimeMetrics } from '../logs/runtime-metrics.js';

export interface ReleaseSpec {
  version: number;
  slugDir: string;
  processTypes: Record<string, string>;
  env: Record<string, string>;
}

export interface RunningDyno {
  id: string;
  name: string;
  type: string;
  index: number;
  command: string;
  port?: number;
  releaseVersion: number;
  handle: DynoHandle;
  startTicks?: number;
}

export type Outcome = { ok: true } | { ok: false; reason: string };

export interface AppRuntimeOptions {
  app: string;
  router: Router;
  logs: LogBus;
  clock: Clock;
  bootTimeoutMs: number;
  healthCheck?: string;
  stopGraceMs?: number;
  metricsIntervalMs?: number;
  /** Called whenever the set of OS processes changed (the engine persists their pids). */
  onProcessesChanged: () => void;
}

/** Process types that are not long-running dynos. */
const NOT_A_DYNO = new Set(['release']);

export function createAppRuntime(opts: AppRuntimeOptions) {
  const { app, router, logs, clock } = opts;
  let current: RunningDyno[] = [];
  let spec: ReleaseSpec | undefined;
  let formation: Record<string, number> = {};
  /** Every dyno with a process, including new ones still booting and old ones draining. */
  const alive = new Set<RunningDyno>();
  let metricsTimer: unknown;
  let closed = false;
  const STOPPING: Outcome = { ok: false, reason: 'the engine is stopping' };

  const platformLog = (dyno: string, text: string) => logs.publish(app, { source: 'heroku', dyno, text });

  function webQuantity(): number {
    return spec && spec.processTypes.web !== undefined ? (formation.web ?? 0) : 0;
  }

  function refreshBackends() {
    const webs = current.filter((d) => d.type === 'web');
    router.setBackends(
      webs.filter((d) => d.handle.state === 'up' && d.port !== undefined).map((d) => ({ dyno: d.name, port: d.port! })),
      { webQuantity: webQuantity(), starting: webs.filter((d) => d.handle.state === 'starting').length },
    );
  }

  async function launch(release: ReleaseSpec, type: string, index: number): Promise<RunningDyno> {
    const command = release.processTypes[type]!;
    const name = `${type}.${index}`;
    const port = type === 'web' ? await freePort() : undefined;
    const dyno: RunningDyno = {
      id: randomUUID(),
      name,
      type,
      index,
      command,
      port,
      releaseVersion: release.version,
    } as RunningDyno;
    dyno.handle = startDyno({
      name,
      command,
      cwd: release.slugDir,
      env: { ...release.env, HEROKU_DYNO_ID: dyno.id },
      port,
      bootCheck: type === 'web' ? { timeoutMs: opts.bootTimeoutMs, path: opts.healthCheck } : undefined,
      restart: 'on-crash',
      clock,
      onOutput: (text) => logs.publish(app, { source: 'app', dyno: name, text }),
      onEvent: (text) => platformLog(name, text),
      onState: () => {
        if (current.includes(dyno) && dyno.handle) refreshBackends();
        // 'starting' is announced just before a restart spawns its process: record it once that happened.
        queueMicrotask(() => recordStart(dyno));
      },
    });
    alive.add(dyno);
    recordStart(dyno);
    return dyno;
  }

  async function stopDyno(dyno: RunningDyno) {
    await dyno.handle.stop(opts.stopGraceMs);
    alive.delete(dyno);
  }

  function recordStart(dyno: RunningDyno) {
    // onState can fire from inside startDyno, before the handle is assigned.
    const pid = dyno.handle?.pid;
    const ticks = pid === undefined ? undefined : readStartTicksSync(pid);
    if (ticks === dyno.startTicks) return;
    dyno.startTicks = ticks;
    opts.onProcessesChanged();
  }

  /** Resolves when every web dyno of the set is up; fails on a crash or the boot timeout. */
  function waitUntilServing(dynos: RunningDyno[]): Promise<Outcome> {
    const webs = dynos.filter((d) => d.type === 'web');
    return new Promise((resolve) => {
      let settled = false;
      const check = () => {
        if (settled) return;
        const crashed = webs.find((d) => d.handle.state === 'crashed' || d.handle.state === 'down');
        if (crashed) {
          settled = true;
          return resolve({ ok: false, reason: `${crashed.name} crashed while booting` });
        }
        if (webs.every((d) => d.handle.state === 'up')) {
          settled = true;
          return resolve({ ok: true });
        }
        clock.setTimeout(check, 50);
      };
      check();
    });
  }

  async function stopDynos(dynos: RunningDyno[]) {
    const webs = dynos.filter((d) => d.type === 'web' && d.port !== undefined);
    if (webs.length) await router.drain(webs.map((d) => d.name));
    await Promise.all(dynos.map(stopDyno));
    opts.onProcessesChanged();
  }

  /** Starts a full set for `release`, switches to it once its web dynos serve, then stops `replaced`. */
  async function switchTo(release: ReleaseSpec, types: string[], replaced: RunningDyno[]): Promise<Outcome> {
    const started: RunningDyno[] = [];
    for (const type of types) {
      if (NOT_A_DYNO.has(type) || release.processTypes[type] === undefined) continue;
      for (let i = 1; i <= (formation[type] ?? 0); i++) {
        if (closed) return STOPPING;
        started.push(await launch(release, type, i));
      }
    }
    const outcome = await waitUntilServing(started);
    if (!outcome.ok) {
      await Promise.all(started.map(stopDyno));
      opts.onProcessesChanged();
      return outcome;
    }
    current = [...current.filter((d) => !replaced.includes(d)), ...started];
    spec = release;
    refreshBackends();
    // The new processes serve from here on; the old ones drain and stop on their own time
    // (a slow shutdown must not hold the release back). They stay in `alive` meanwhile.
    void stopDynos(replaced);
    return { ok: true };
  }

  function startMetrics() {
    if (metricsTimer !== undefined || !opts.metricsIntervalMs) return;
    const sample = async () => {
      const [l1 = 0, l5 = 0, l15 = 0] = loadavg();
      for (const d of current) {
        const pid = d.handle.pid;
        if (pid === undefined || d.handle.state !== 'up') continue;
        const mem = await sampleProcessGroup(pid);
        if (!mem) continue;
        for (const line of formatRuntimeMetrics({
          dyno: d.name,
          dynoId: d.id,
          memoryRssMb: mem.rssMb,
          memoryTotalMb: mem.rssMb,
          load1m: l1,
          load5m: l5,
          load15m: l15,
        })) {
          platformLog(d.name, line);
        }
      }
      metricsTimer = clock.setTimeout(() => void sample(), opts.metricsIntervalMs!);
    };
    metricsTimer = clock.setTimeout(() => void sample(), opts.metricsIntervalMs);
  }

  return {
    get release(): ReleaseSpec | undefined {
      return spec;
    },

    setFormation(next: Record<string, number>) {
      formation = { ...next };
    },

    /** Runs `release` with the formation, replacing whatever ran before. */
    async deploy(release: ReleaseSpec): Promise<Outcome> {
      startMetrics();
      return switchTo(release, Object.keys(release.processTypes), current);
    },

    /** Replaces the dynos of one type (or all) with fresh processes of the same release. */
    async restart(type?: string): Promise<Outcome> {
      if (!spec) return { ok: true };
      const replaced = current.filter((d) => type === undefined || d.type === type);
      const types = type === undefined ? Object.keys(spec.processTypes) : [type];
      return switchTo(spec, types, replaced);
    },

    /** Restarts one dyno by name (web.2): a fresh process takes its place. */
    async restartDyno(name: string): Promise<Outcome> {
      const old = current.find((d) => d.name === name);
      if (!old || !spec) return { ok: false, reason: `no dyno named ${name}` };
      if (closed) return STOPPING;
      const fresh = await launch(spec, old.type, old.index);
      const outcome = await waitUntilServing([fresh]);
      if (!outcome.ok) {
        await stopDyno(fresh);
        opts.onProcessesChanged();
        return outcome;
      }
      current = [...current.filter((d) => d !== old), fresh];
      refreshBackends();
      void stopDynos([old]);
      return { ok: true };
    },

    /** Applies new quantities to the running release. */
    async scale(next: Record<string, number>): Promise<Outcome> {
      formation = { ...formation, ...next };
      if (!spec) return { ok: true };
      const release = spec;
      const added: RunningDyno[] = [];
      const removed: RunningDyno[] = [];
      for (const [type, quantity] of Object.entries(next)) {
        if (NOT_A_DYNO.has(type) || release.processTypes[type] === undefined) continue;
        const ofType = current.filter((d) => d.type === type).sort((a, b) => a.index - b.index);
        for (let i = ofType.length + 1; i <= quantity; i++) {
          if (closed) return STOPPING;
          added.push(await launch(release, type, i));
        }
        removed.push(...ofType.filter((d) => d.index > quantity));
      }
      current = [...current.filter((d) => !removed.includes(d)), ...added];
      refreshBackends();
      const outcome = await waitUntilServing(added);
      await stopDynos(removed);
      return outcome;
    },

    setMaintenance(on: boolean) {
      router.setMaintenance(on);
    },

    dynos(): Array<{
      id: string;
      name: string;
      type: string;
      state: DynoState;
      command: string;
      startedAt: number;
      releaseVersion: number;
    }> {
      return current.map((d) => ({
        id: d.id,
        name: d.name,
        type: d.type,
        state: d.handle.state,
        command: d.command,
        startedAt: d.handle.startedAt,
        releaseVersion: d.releaseVersion,
      }));
    },

    pidRecords(): PidRecord[] {
      return [...alive].flatMap((d) =>
        d.handle.pid !== undefined && d.startTicks !== undefined
          ? [{ name: `${app}/${d.name}`, pid: d.handle.pid, startTicks: d.startTicks }]
          : [],
      );
    },

    async stopAll(): Promise<void> {
      closed = true;
      if (metricsTimer !== undefined) clock.clearTimeout(metricsTimer);
      metricsTimer = undefined;
      current = [];
      refreshBackends();
      await Promise.all([...alive].map(stopDyno));
      opts.onProcessesChanged();
    },
  };
}

export type AppRuntime = ReturnType<typeof createAppRuntime>;
