// Formation and dynos: one runtime (dynos + router) per app, scaling, restarts and
// maintenance mode. Releases hand their processes to the runtime through here.
import { randomUUID } from 'node:crypto';
import { ApiError, invalidParams, notFound } from '../api/api-error.js';
import { createRouter } from '../router/router.js';
import type { PidRecord } from '../runtime/pid-records.js';
import { currentRelease, findApp, type AppRecord } from '../state/engine-state.js';
import { createAppRuntime, type AppRuntime } from './app-runtime.js';
import type { EngineContext } from './engine-context.js';

const MAX_DYNOS_PER_TYPE = 10;

/** What the API may ask of formation and dynos. */
export interface FormationControl {
  dynos(nameOrId: string): { app: AppRecord; dynos: ReturnType<AppRuntime['dynos']> };
  setMaintenance(nameOrId: string, on: boolean): AppRecord;
  updateFormation(
    nameOrId: string,
    updates: Array<{ type: string; quantity?: number; size?: string }>,
  ): Promise<AppRecord>;
  restart(nameOrId: string, target?: string): void;
}

export interface FormationAndDynos extends FormationControl {
  /**
   * Starts the app's router and an empty runtime at its formation. A port picked just now
   * that another program took meanwhile is replaced by one the router binds itself.
   */
  startRuntime(app: AppRecord, opts?: { portPickedNow?: boolean }): Promise<AppRuntime>;
  /** The app's runtime, or a 503 while it is not running yet. */
  runtimeOf(app: AppRecord): AppRuntime;
  pidRecords(): PidRecord[];
  stopAll(): Promise<void>;
}

export function createFormationAndDynos(ctx: EngineContext, onProcessesChanged: () => void): FormationAndDynos {
  const { opts, state, logs, clock, queue, getApp, apiLog, now } = ctx;
  const runtimes = new Map<string, AppRuntime>();
  const routers: Array<{ close(): Promise<void> }> = [];

  function runtimeOf(app: AppRecord): AppRuntime {
    const runtime = runtimes.get(app.id);
    if (!runtime) throw new ApiError(503, 'unavailable', `${app.name} is not running yet`);
    return runtime;
  }

  return {
    async startRuntime(app, { portPickedNow = false } = {}) {
      const routerAt = (port: number) =>
        createRouter({
          port,
          appName: app.name,
          clock,
          onLine: (text) => logs.publish(app.name, { source: 'heroku', dyno: 'router', text }),
        });
      const router = await routerAt(app.routerPort).catch(async (error: NodeJS.ErrnoException) => {
        if (!portPickedNow || error.code !== 'EADDRINUSE') throw error;
        const rebound = await routerAt(0);
        state.update((d) => {
          findApp(d, app.id)!.routerPort = rebound.port;
        });
        return rebound;
      });
      routers.push(router);
      router.setMaintenance(app.maintenance);
      const runtime = createAppRuntime({
        app: app.name,
        router,
        logs,
        clock,
        bootTimeoutMs: ctx.limits.bootMs,
        healthCheck: opts.platform.healthCheck,
        stopGraceMs: ctx.stopGraceMs,
        metricsIntervalMs: opts.metricsIntervalMs ?? 20_000,
        onProcessesChanged,
      });
      runtime.setFormation(quantities(app));
      runtimes.set(app.id, runtime);
      return runtime;
    },

    runtimeOf,

    pidRecords() {
      return [...runtimes.values()].flatMap((r) => r.pidRecords());
    },

    async stopAll() {
      await Promise.all([...runtimes.values()].map((r) => r.stopAll()));
      await Promise.all(routers.map((r) => r.close()));
    },

    dynos(nameOrId) {
      const app = getApp(nameOrId);
      return { app, dynos: runtimes.get(app.id)?.dynos() ?? [] };
    },

    setMaintenance(nameOrId, on) {
      const app = getApp(nameOrId);
      state.update((d) => {
        const target = findApp(d, app.id)!;
        target.maintenance = on;
        target.updatedAt = now();
      });
      runtimeOf(app).setMaintenance(on);
      apiLog(app, `Maintenance mode ${on ? 'enabled' : 'disabled'} by ${ctx.user}`);
      return getApp(app.id);
    },

    async updateFormation(nameOrId, updates) {
      const app = getApp(nameOrId);
      const release = currentRelease(app);
      const types = release?.slugId
        ? Object.keys(state.data.slugs[release.slugId]?.processTypes ?? {})
        : Object.keys(app.formation);
      for (const u of updates) {
        if (!types.includes(u.type) || u.type === 'release')
          throw new ApiError(404, 'not_found', `Couldn't find that process type (${u.type}).`);
        if (
          u.quantity !== undefined &&
          (!Number.isInteger(u.quantity) || u.quantity < 0 || u.quantity > MAX_DYNOS_PER_TYPE)
        ) {
          throw invalidParams(
            `quantity for ${u.type} must be a whole number from 0 to ${MAX_DYNOS_PER_TYPE} on the local engine`,
          );
        }
      }
      state.update((d) => {
        const target = findApp(d, app.id)!;
        for (const u of updates) {
          const existing = target.formation[u.type] ?? {
            id: randomUUID(),
            quantity: 0,
            size: 'standard-1X',
            createdAt: now(),
            updatedAt: now(),
          };
          target.formation[u.type] = {
            ...existing,
            quantity: u.quantity ?? existing.quantity,
            size: u.size ?? existing.size,
            updatedAt: now(),
          };
        }
      });
      const fresh = getApp(app.id);
      apiLog(
        fresh,
        `Scaled to ${Object.entries(fresh.formation)
          .map(([t, f]) => `${t}@${f.quantity}:${f.size}`)
          .join(' ')} by ${ctx.user}`,
      );
      const wanted = Object.fromEntries(updates.map((u) => [u.type, fresh.formation[u.type]!.quantity]));
      void queue.run(app.id, () => runtimeOf(fresh).scale(wanted));
      return fresh;
    },

    restart(nameOrId, target) {
      const app = getApp(nameOrId);
      const runtime = runtimeOf(app);
      if (target && target.includes('.') && !runtime.dynos().some((d) => d.name === target)) throw notFound('dyno');
      apiLog(app, `Restart ${target ?? 'all dynos'} by ${ctx.user}`);
      void queue.run(app.id, () =>
        target && target.includes('.') ? runtime.restartDyno(target) : runtime.restart(target),
      );
    },
  };
}

/** The formation as the runtime wants it: quantity per process type. */
export function quantities(app: AppRecord): Record<string, number> {
  return Object.fromEntries(Object.entries(app.formation).map(([type, f]) => [type, f.quantity]));
}
