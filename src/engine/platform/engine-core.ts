// The local engine's behaviour behind the API: apps from dynodeck.yml, builds,
// releases with a release phase, formation, restarts, rollback and promotion. The
// HTTP layer only translates; everything that changes state goes through here.
// Each concern lives in its own module; this one wires them and owns start and stop.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../state/atomic-write.js';
import { pruneLedger } from '../state/prune-ledger.js';
import {
  currentRelease,
  findApp,
  openStateStore,
  stateError,
  type AppRecord,
  type EngineStateData,
} from '../state/engine-state.js';
import { createLogBus, type LogBus } from '../logs/log-bus.js';
import { killLeftovers, readPidRecords } from '../runtime/pid-records.js';
import { appSlug } from './app-setup.js';
import { createEngineContext, type EngineCoreOptions } from './engine-context.js';
import { attachDatabases, ensureApps } from './ensure-apps.js';
import { missingSlugFolders, rebaseFolders } from './ledger-folders.js';
import { sweepLeftovers } from './ledger-housekeeping.js';
import { createFormationAndDynos, type FormationControl } from './formation-and-dynos.js';
import { createOutputStreams, type OutputStreams } from './output-streams.js';
import { createProcessRegistry } from './process-registry.js';
import { createPromotions, type Promotions } from './promotions.js';
import { recoverInterruptedWork, STOPPED_DURING_RELEASE } from './recover-interrupted-work.js';
import { createReleasePipeline, type ReleaseControl } from './release-pipeline.js';
import { createSerialQueue } from './serial-queue.js';
import { createSourcesAndBuilds, type SourcesAndBuilds } from './sources-and-builds.js';

export type { EngineCoreOptions } from './engine-context.js';

/** Everything the API layer may read or ask of the engine. */
export interface EngineCore extends FormationControl, SourcesAndBuilds, ReleaseControl, Promotions {
  /** The ledger, read-only for the API (every change goes through the methods). */
  readonly state: Readonly<EngineStateData>;
  readonly logs: LogBus;
  readonly outputs: OutputStreams;
  /** Who actions are attributed to. */
  readonly user: string;
  getApp(nameOrId: string): AppRecord;
  shutdown(): Promise<void>;
}

export async function createEngineCore(opts: EngineCoreOptions): Promise<EngineCore> {
  const { paths, clock } = opts;
  const mark = opts.trace ?? (() => undefined);
  for (const dir of [paths.engineDir, paths.sources, paths.builds, paths.slugs, paths.envs, paths.logs])
    mkdirSync(dir, { recursive: true });
  // Processes left behind by an engine that was killed must not keep the ports, whatever else fails.
  await killLeftovers(readPidRecords(paths.pids));
  mark('leftovers');
  const now = () => new Date(clock.now()).toISOString();
  const stateName = path.relative(paths.root, paths.state);
  const state = openStateStore(
    paths.state,
    () => ({
      version: 1,
      pipeline: { id: randomUUID(), name: appSlug(opts.project), createdAt: now() },
      apps: [],
      slugs: {},
      builds: {},
      sources: {},
      promotions: {},
    }),
    stateName,
  );
  // An environment that cannot come back at its release is an error, not an environment with no dynos.
  const missing = missingSlugFolders(state.data, paths);
  if (missing.length) throw stateError(stateName, missing);
  const ctx = createEngineContext(opts, {
    state,
    logs: createLogBus({ dir: paths.logs, clock }),
    outputs: createOutputStreams(paths.outputs),
    queue: createSerialQueue(),
  });

  const processes = createProcessRegistry(paths.pids, () => formation.pidRecords());
  const formation = createFormationAndDynos(ctx, processes.persist);
  const releases = createReleasePipeline(ctx, formation, processes);
  const builds = createSourcesAndBuilds(ctx, releases, processes);
  const promotions = createPromotions(ctx, releases);

  const interrupted = state.update((d) => {
    rebaseFolders(d, paths);
    const marked = recoverInterruptedWork(d);
    pruneLedger(d, clock.now(), ctx.history);
    return marked;
  });
  mark('ledger');
  await sweepLeftovers(paths, state.data);
  mark('swept');
  const portsPickedNow = await ensureApps(ctx, opts.project, opts.platform);
  // Routers bind before the wait for the databases, so a port picked just now is taken at once.
  await Promise.all(
    state.data.apps.map(async (app) => {
      await formation.startRuntime(app, { portPickedNow: portsPickedNow.has(app.name) });
      mark(`${app.name} router`);
    }),
  );
  await attachDatabases(ctx);
  mark('database urls');
  for (const { appId, version } of interrupted) {
    const app = findApp(state.data, appId);
    const serving = app && currentRelease(app);
    if (app)
      ctx.apiLog(
        app,
        `Release v${version} failed: ${STOPPED_DURING_RELEASE}; ${serving ? `v${serving.version} keeps serving` : 'nothing was serving'}`,
      );
  }

  // Boot every environment at its current release.
  await Promise.all(
    state.data.apps.map(async (app) => {
      await releases.bringBack(app);
      mark(`${app.name} serving`);
    }),
  );

  return {
    state: state.data,
    logs: ctx.logs,
    outputs: ctx.outputs,
    user: opts.user,
    getApp: ctx.getApp,

    dynos: formation.dynos,
    setMaintenance: formation.setMaintenance,
    updateFormation: formation.updateFormation,
    restart: formation.restart,

    createSource: builds.createSource,
    receiveSource: builds.receiveSource,
    sourceFile: builds.sourceFile,
    createBuild: builds.createBuild,

    updateConfigVars: releases.updateConfigVars,
    rollback: releases.rollback,

    promote: promotions.promote,

    async shutdown() {
      ctx.stopping = true;
      await formation.stopAll();
      await processes.stopOneOffs(ctx.stopGraceMs);
      // What was interrupted is recorded as such before the ledger closes; the next engine would otherwise.
      await ctx.settled(ctx.stopGraceMs);
      state.close();
      writeFileAtomic(paths.pids, '[]');
      await ctx.logs.close();
    },
  };
}
