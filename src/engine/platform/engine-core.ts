// The local engine's behaviour behind the API: apps from dynodeck.yml, builds,
// releases with a release phase, formation, restarts, rollback and promotion. The
// HTTP layer only translates; everything that changes state goes through here.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { PlatformConfig } from '../../config/schema.js';
import type { Clock } from '../../services/ports.js';
import { databaseFile, type EnginePaths } from '../engine-paths.js';
import { writeFileAtomic } from '../state/atomic-write.js';
import {
  currentRelease,
  findApp,
  openStateStore,
  type AppRecord,
  type BuildRecord,
  type EngineStateData,
  type PromotionRecord,
  type ReleaseRecord,
  type SlugRecord,
  type StateStore,
} from '../state/engine-state.js';
import { ApiError, conflict, invalidParams, notFound } from '../api/api-error.js';
import { createLogBus, type LogBus } from '../logs/log-bus.js';
import { createRouter } from '../router/router.js';
import { freePort } from '../runtime/free-port.js';
import { killLeftovers, readStartTicksSync, type PidRecord } from '../runtime/pid-records.js';
import { startDyno } from '../runtime/dyno-process.js';
import { createAppRuntime, type AppRuntime, type ReleaseSpec } from './app-runtime.js';
import { appSlug, defaultFormation, newAppRecord, wantedApps, type WantedApp } from './app-setup.js';
import { buildSlug } from './builder.js';
import { createOutputStreams, type OutputStreams } from './output-streams.js';
import { createSerialQueue } from './serial-queue.js';

export interface EngineCoreOptions {
  paths: EnginePaths;
  project: string;
  platform: PlatformConfig;
  clock: Clock;
  /** Who actions are attributed to (the local user). */
  user: string;
  /** The API's own base URL, for URLs it hands out. */
  baseUrl: () => string;
  bootTimeoutMs?: number;
  stopGraceMs?: number;
  metricsIntervalMs?: number;
  /** PATH and HOME for builds and dynos; nothing else of the engine's environment leaks into them. */
  baseEnv?: Record<string, string>;
}

const MAX_DYNOS_PER_TYPE = 10;

export async function createEngineCore(opts: EngineCoreOptions) {
  const { paths, clock } = opts;
  for (const dir of [paths.engineDir, paths.sources, paths.builds, paths.slugs, paths.envs, paths.logs])
    mkdirSync(dir, { recursive: true });
  const now = () => new Date(clock.now()).toISOString();
  const baseEnv = opts.baseEnv ?? {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    LANG: process.env.LANG ?? 'C.UTF-8',
  };

  const state: StateStore = openStateStore(paths.state, () => ({
    version: 1,
    pipeline: { id: randomUUID(), name: appSlug(opts.project), createdAt: now() },
    apps: [],
    slugs: {},
    builds: {},
    sources: {},
    promotions: {},
  }));
  const logs: LogBus = createLogBus({ dir: paths.logs, clock });
  const outputs: OutputStreams = createOutputStreams(paths.outputs);
  const queue = createSerialQueue();
  const runtimes = new Map<string, AppRuntime>();
  const routers: Array<{ close(): Promise<void> }> = [];
  /** Release-phase processes, recorded like dynos so a killed engine's leftovers are found. */
  const oneOffs = new Map<string, PidRecord>();

  // Processes left behind by an engine that was killed must not keep the ports.
  await killLeftovers(readPidRecords(paths.pids));
  recoverInterruptedWork(state);
  await ensureApps(opts.platform);

  // Written at once, not batched: a kill -9 right after a process starts must still find it.
  function persistPids() {
    const records = [...[...runtimes.values()].flatMap((r) => r.pidRecords()), ...oneOffs.values()];
    writeFileAtomic(paths.pids, JSON.stringify(records));
  }

  async function ensureApps(platform: PlatformConfig) {
    const wanted = wantedApps(opts.project, platform);
    for (const w of wanted) {
      if (!state.data.apps.some((a) => a.name === w.name)) await addApp(w);
    }
    state.update((d) => {
      d.apps = d.apps.filter((a) => wanted.some((w) => w.name === a.name));
      d.apps.sort((a, b) => wanted.findIndex((w) => w.name === a.name) - wanted.findIndex((w) => w.name === b.name));
    });
  }

  async function addApp(w: WantedApp) {
    const port = w.port ?? (await freePort());
    const db = databaseFile(paths, w.name);
    mkdirSync(path.dirname(db), { recursive: true });
    state.update((d) => d.apps.push(newAppRecord(w, port, pathToFileURL(db).href, now())));
  }

  async function startRuntime(app: AppRecord): Promise<AppRuntime> {
    const router = await createRouter({
      port: app.routerPort,
      appName: app.name,
      clock,
      onLine: (text) => logs.publish(app.name, { source: 'heroku', dyno: 'router', text }),
    });
    routers.push(router);
    router.setMaintenance(app.maintenance);
    const runtime = createAppRuntime({
      app: app.name,
      router,
      logs,
      clock,
      bootTimeoutMs: opts.bootTimeoutMs ?? 60_000,
      healthCheck: opts.platform.healthCheck,
      stopGraceMs: opts.stopGraceMs,
      metricsIntervalMs: opts.metricsIntervalMs ?? 20_000,
      onProcessesChanged: persistPids,
    });
    runtime.setFormation(quantities(app));
    runtimes.set(app.id, runtime);
    return runtime;
  }

  function runtimeOf(app: AppRecord): AppRuntime {
    const runtime = runtimes.get(app.id);
    if (!runtime) throw new ApiError(503, 'unavailable', `${app.name} is not running yet`);
    return runtime;
  }

  function specFor(app: AppRecord, release: ReleaseRecord, slug: SlugRecord): ReleaseSpec {
    return {
      version: release.version,
      slugDir: slug.dir,
      processTypes: slug.processTypes,
      env: {
        ...baseEnv,
        ...app.configVars,
        HEROKU_APP_ID: app.id,
        HEROKU_APP_NAME: app.name,
        HEROKU_RELEASE_VERSION: `v${release.version}`,
        HEROKU_RELEASE_CREATED_AT: release.createdAt,
        ...(slug.commit ? { HEROKU_SLUG_COMMIT: slug.commit } : {}),
      },
    };
  }

  function getApp(nameOrId: string): AppRecord {
    const app = findApp(state.data, nameOrId);
    if (!app) throw notFound('app');
    return app;
  }

  function apiLog(app: AppRecord, text: string) {
    logs.publish(app.name, { source: 'app', dyno: 'api', text });
  }

  /** Makes a release of `slug` on `app`: release phase, boot, switch. Resolves with the finished release. */
  function releaseSlug(
    app: AppRecord,
    slug: SlugRecord,
    description: string,
    runReleasePhase: boolean,
    onCreated?: (r: ReleaseRecord) => void,
  ) {
    const hasReleasePhase = runReleasePhase && slug.processTypes.release !== undefined;
    const release = state.update((d) => {
      const target = findApp(d, app.id)!;
      const r: ReleaseRecord = {
        id: randomUUID(),
        version: Math.max(0, ...target.releases.map((x) => x.version)) + 1,
        slugId: slug.id,
        status: 'pending',
        description,
        outputId: hasReleasePhase ? randomUUID() : null,
        user: opts.user,
        createdAt: now(),
        updatedAt: now(),
      };
      target.releases.push(r);
      target.formation = defaultFormation(slug.processTypes, target.formation, now());
      return r;
    });
    onCreated?.(release);
    apiLog(app, `Release v${release.version} created by ${opts.user}`);
    return queue.run(app.id, async () => {
      const fresh = getApp(app.id);
      const spec = specFor(fresh, release, slug);
      if (hasReleasePhase) {
        const failure = await runReleasePhase_(fresh, release, slug, spec);
        if (failure) return finish(fresh, release, 'failed', failure);
      }
      const runtime = runtimeOf(fresh);
      runtime.setFormation(quantities(fresh));
      const outcome = await runtime.deploy(spec);
      if (!outcome.ok) return finish(fresh, release, 'failed', `the new processes did not start: ${outcome.reason}`);
      return finish(fresh, release, 'succeeded');
    });
  }

  async function runReleasePhase_(
    app: AppRecord,
    release: ReleaseRecord,
    slug: SlugRecord,
    spec: ReleaseSpec,
  ): Promise<string | undefined> {
    const output = outputs.create(release.outputId!);
    const name = `release.${release.version}`;
    const command = slug.processTypes.release!;
    const dyno = startDyno({
      name,
      command,
      cwd: slug.dir,
      env: spec.env,
      restart: 'never',
      clock,
      onOutput: (text) => {
        output.write(`${text}\n`);
        logs.publish(app.name, { source: 'app', dyno: name, text });
      },
      onEvent: (text) => logs.publish(app.name, { source: 'heroku', dyno: name, text }),
    });
    const key = `${app.name}/${name}`;
    if (dyno.pid !== undefined) {
      const startTicks = readStartTicksSync(dyno.pid);
      if (startTicks !== undefined) oneOffs.set(key, { name: key, pid: dyno.pid, startTicks });
      persistPids();
    }
    const code = await dyno.exit;
    oneOffs.delete(key);
    persistPids();
    output.end();
    return code === 0 ? undefined : `the release phase (${command}) exited with status ${code}`;
  }

  function finish(
    app: AppRecord,
    release: ReleaseRecord,
    status: 'succeeded' | 'failed',
    failure?: string,
  ): ReleaseRecord {
    const done = state.update((d) => {
      const target = findApp(d, app.id)!;
      const r = target.releases.find((x) => x.id === release.id)!;
      r.status = status;
      r.updatedAt = now();
      if (failure) r.failure = failure;
      if (status === 'succeeded') target.currentReleaseId = r.id;
      return { ...r };
    });
    if (status === 'failed') {
      const serving = currentRelease(getApp(app.id));
      apiLog(
        app,
        `Release v${release.version} failed: ${failure}; ${serving ? `v${serving.version} keeps serving` : 'nothing was serving'}`,
      );
    } else {
      apiLog(app, `Release v${release.version} is live`);
    }
    return done;
  }

  function slugOf(release: ReleaseRecord): SlugRecord {
    const slug = release.slugId ? state.data.slugs[release.slugId] : undefined;
    if (!slug || !existsSync(slug.dir)) throw invalidParams(`release v${release.version} has no slug to run`);
    return slug;
  }

  // Boot every environment at its current release.
  await Promise.all(
    state.data.apps.map(async (app) => {
      const runtime = await startRuntime(app);
      const release = currentRelease(app);
      if (!release) return;
      const slug = release.slugId ? state.data.slugs[release.slugId] : undefined;
      if (!slug || !existsSync(slug.dir)) return;
      const outcome = await queue.run(app.id, () => runtime.deploy(specFor(app, release, slug)));
      if (!outcome.ok) apiLog(app, `Could not bring v${release.version} back: ${outcome.reason}`);
    }),
  );

  return {
    state: state.data as Readonly<EngineStateData>,
    logs,
    outputs,
    getApp,
    user: opts.user,

    dynos(nameOrId: string) {
      const app = getApp(nameOrId);
      return { app, dynos: runtimes.get(app.id)?.dynos() ?? [] };
    },

    setMaintenance(nameOrId: string, on: boolean): AppRecord {
      const app = getApp(nameOrId);
      state.update((d) => {
        const target = findApp(d, app.id)!;
        target.maintenance = on;
        target.updatedAt = now();
      });
      runtimeOf(app).setMaintenance(on);
      apiLog(app, `Maintenance mode ${on ? 'enabled' : 'disabled'} by ${opts.user}`);
      return getApp(app.id);
    },

    /** Sets or unsets (null) config vars; like Heroku this makes a new release and restarts the dynos. */
    async updateConfigVars(nameOrId: string, patch: Record<string, string | null>): Promise<Record<string, string>> {
      const app = getApp(nameOrId);
      for (const key of Object.keys(patch)) {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key))
          throw invalidParams(`config var name "${key.slice(0, 40)}" must be letters, digits and underscores`);
      }
      state.update((d) => {
        const target = findApp(d, app.id)!;
        for (const [key, value] of Object.entries(patch)) {
          if (value === null) delete target.configVars[key];
          else target.configVars[key] = String(value);
        }
      });
      const release = currentRelease(getApp(app.id));
      if (release?.slugId) {
        const names = Object.keys(patch).join(', ');
        void releaseSlug(getApp(app.id), slugOf(release), `Set ${names} config vars`, false);
      }
      return getApp(app.id).configVars;
    },

    async updateFormation(
      nameOrId: string,
      updates: Array<{ type: string; quantity?: number; size?: string }>,
    ): Promise<AppRecord> {
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
          .join(' ')} by ${opts.user}`,
      );
      const wanted = Object.fromEntries(updates.map((u) => [u.type, fresh.formation[u.type]!.quantity]));
      void queue.run(app.id, () => runtimeOf(fresh).scale(wanted));
      return fresh;
    },

    restart(nameOrId: string, target?: string): void {
      const app = getApp(nameOrId);
      const runtime = runtimeOf(app);
      if (target && target.includes('.') && !runtime.dynos().some((d) => d.name === target)) throw notFound('dyno');
      apiLog(app, `Restart ${target ?? 'all dynos'} by ${opts.user}`);
      void queue.run(app.id, () =>
        target && target.includes('.') ? runtime.restartDyno(target) : runtime.restart(target),
      );
    },

    createSource(): { id: string; putPath: string; getPath: string } {
      const id = randomUUID();
      const file = path.join(paths.sources, `${id}.tar`);
      state.update((d) => {
        d.sources[id] = { id, file, uploaded: false, createdAt: now() };
      });
      return { id, putPath: `/sources/${id}/blob`, getPath: `/sources/${id}/blob` };
    },

    async receiveSource(id: string, body: IncomingMessage): Promise<void> {
      const source = state.data.sources[id];
      if (!source) throw notFound('source');
      const temp = `${source.file}.part`;
      await pipeline(body, createWriteStream(temp));
      renameSync(temp, source.file);
      state.update((d) => {
        d.sources[id]!.uploaded = true;
      });
    },

    sourceFile(id: string): string {
      const source = state.data.sources[id];
      if (!source?.uploaded) throw notFound('source');
      return source.file;
    },

    createBuild(nameOrId: string, blob: { url: string; version?: string | null }): BuildRecord {
      const app = getApp(nameOrId);
      const sourceId = /\/sources\/([0-9a-f-]{36})\/blob$/.exec(blob.url ?? '')?.[1];
      const source = sourceId ? state.data.sources[sourceId] : undefined;
      if (!source) throw invalidParams('source_blob.url must be a get_url handed out by POST /sources on this engine');
      if (!source.uploaded)
        throw invalidParams('nothing was uploaded to that source yet: PUT the tarball to its put_url first');
      const build: BuildRecord = {
        id: randomUUID(),
        appId: app.id,
        status: 'pending',
        sourceUrl: blob.url,
        version: blob.version ?? null,
        outputId: randomUUID(),
        slugId: null,
        releaseId: null,
        user: opts.user,
        createdAt: now(),
        updatedAt: now(),
      };
      state.update((d) => {
        d.builds[build.id] = build;
      });
      const output = outputs.create(build.outputId);
      void runBuild(app, build, source.file, output).catch((error: unknown) => {
        output.end();
        finishBuild(build.id, { status: 'failed', failure: `the engine failed: ${(error as Error).message}` });
      });
      return { ...build };
    },

    /** Rollback: a new release running an earlier release's slug (no release phase, as on Heroku). */
    rollback(nameOrId: string, releaseRef: string): Promise<ReleaseRecord> {
      const app = getApp(nameOrId);
      const target = app.releases.find(
        (r) => r.id === releaseRef || `v${r.version}` === releaseRef || String(r.version) === releaseRef,
      );
      if (!target) throw notFound('release');
      if (target.status !== 'succeeded')
        throw invalidParams(
          `v${target.version} never went live (status ${target.status}); roll back to a release that succeeded`,
        );
      const slug = slugOf(target);
      return new Promise((resolve, reject) => {
        releaseSlug(app, slug, `Rollback to v${target.version}`, false, resolve).catch(reject);
      });
    },

    promote(sourceRef: string, targetRefs: string[]): PromotionRecord {
      const source = getApp(sourceRef);
      const release = currentRelease(source);
      if (!release) throw invalidParams(`${source.name} has no release to promote`);
      const slug = slugOf(release);
      const targets = targetRefs.map(getApp);
      if (targets.some((t) => t.id === source.id)) throw invalidParams('an app cannot be promoted to itself');
      const promotion: PromotionRecord = {
        id: randomUUID(),
        sourceAppId: source.id,
        sourceReleaseId: release.id,
        status: 'pending',
        targets: targets.map((t) => ({
          id: randomUUID(),
          appId: t.id,
          releaseId: null,
          status: 'pending',
          errorMessage: null,
        })),
        createdAt: now(),
        updatedAt: now(),
      };
      state.update((d) => {
        d.promotions[promotion.id] = promotion;
      });
      void Promise.all(
        targets.map(async (target, i) => {
          const setTarget = (change: Partial<PromotionRecord['targets'][number]>) =>
            state.update((d) => {
              Object.assign(d.promotions[promotion.id]!.targets[i]!, change);
              d.promotions[promotion.id]!.updatedAt = now();
            });
          try {
            const done = await releaseSlug(target, slug, `Promote ${source.name} v${release.version}`, true, (r) =>
              setTarget({ releaseId: r.id }),
            );
            setTarget({
              status: done.status === 'succeeded' ? 'succeeded' : 'failed',
              errorMessage: done.failure ?? null,
            });
          } catch (error) {
            setTarget({ status: 'failed', errorMessage: (error as Error).message });
          }
        }),
      ).then(() =>
        state.update((d) => {
          d.promotions[promotion.id]!.status = 'completed';
          d.promotions[promotion.id]!.updatedAt = now();
        }),
      );
      return promotion;
    },

    async shutdown(): Promise<void> {
      await Promise.all([...runtimes.values()].map((r) => r.stopAll()));
      await Promise.all(routers.map((r) => r.close()));
      writeFileAtomic(paths.pids, '[]');
      await logs.close();
    },
  };

  async function runBuild(
    app: AppRecord,
    build: BuildRecord,
    tarball: string,
    output: ReturnType<OutputStreams['create']>,
  ) {
    const dir = path.join(paths.builds, build.id);
    mkdirSync(dir, { recursive: true });
    apiLog(app, `Build started by ${opts.user}`);
    const result = await buildSlug({
      tarball,
      dir,
      command: opts.platform.build,
      env: { ...baseEnv, ...getApp(app.id).configVars },
      output,
    });
    if (!result.ok) {
      output.end();
      rmSync(dir, { recursive: true, force: true });
      apiLog(app, `Build failed: ${result.reason}`);
      return finishBuild(build.id, { status: 'failed', failure: result.reason });
    }
    const slugId = randomUUID();
    const slugDir = path.join(paths.slugs, slugId);
    renameSync(dir, slugDir);
    const slug: SlugRecord = {
      id: slugId,
      commit: build.version,
      dir: slugDir,
      processTypes: result.processTypes,
      size: result.size,
      createdAt: now(),
    };
    state.update((d) => {
      d.slugs[slugId] = slug;
    });
    const short = build.version ? build.version.slice(0, 7) : slugId.slice(0, 7);
    output.write(`-----> Launching...\n`);
    const release = releaseSlug(getApp(app.id), slug, `Deploy ${short}`, true, (r) => {
      output.write(`       Released v${r.version}\n`);
      finishBuild(build.id, { status: 'succeeded', slugId, releaseId: r.id });
    });
    output.end();
    await release;
  }

  function finishBuild(id: string, change: Partial<BuildRecord>) {
    state.update((d) => {
      Object.assign(d.builds[id]!, change, { updatedAt: now() });
    });
  }
}

function quantities(app: AppRecord): Record<string, number> {
  return Object.fromEntries(Object.entries(app.formation).map(([type, f]) => [type, f.quantity]));
}

function readPidRecords(file: string): PidRecord[] {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return Array.isArray(parsed) ? (parsed as PidRecord[]) : [];
  } catch {
    return [];
  }
}

/** Work that was in flight when the engine stopped did not finish; the releases before it keep serving. */
function recoverInterruptedWork(state: StateStore) {
  const reason = 'interrupted: the engine stopped before this finished; the previous release kept serving';
  state.update((d) => {
    for (const app of d.apps) {
      for (const r of app.releases) {
        if (r.status === 'pending') Object.assign(r, { status: 'failed', failure: reason });
      }
    }
    for (const b of Object.values(d.builds)) {
      if (b.status === 'pending') Object.assign(b, { status: 'failed', failure: reason });
    }
    for (const p of Object.values(d.promotions)) {
      if (p.status === 'pending') {
        p.status = 'completed';
        for (const t of p.targets)
          if (t.status === 'pending') Object.assign(t, { status: 'failed', errorMessage: reason });
      }
    }
  });
}

export type EngineCore = Awaited<ReturnType<typeof createEngineCore>>;
export { conflict };
