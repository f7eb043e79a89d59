// The release pipeline: a release of a slug on an app runs its release phase, starts
// the new processes and switches the router; a failure leaves the old release serving.
// Config var changes and rollbacks are releases too, as on Heroku.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { invalidParams, notFound } from '../api/api-error.js';
import { startDyno } from '../runtime/dyno-process.js';
import { currentRelease, findApp, type AppRecord, type ReleaseRecord, type SlugRecord } from '../state/engine-state.js';
import type { ReleaseSpec } from './app-runtime.js';
import { defaultFormation } from './app-setup.js';
import type { EngineContext } from './engine-context.js';
import { quantities, type FormationAndDynos } from './formation-and-dynos.js';
import type { ProcessRegistry } from './process-registry.js';
import { STOPPED_DURING_RELEASE } from './recover-interrupted-work.js';
import { formatLimit } from './time-limits.js';

/** What the API may ask of the release pipeline. */
export interface ReleaseControl {
  /** Sets or unsets (null) config vars; like Heroku this makes a new release and restarts the dynos. */
  updateConfigVars(nameOrId: string, patch: Record<string, string | null>): Promise<Record<string, string>>;
  /** Rollback: a new release running an earlier release's slug (no release phase, as on Heroku). */
  rollback(nameOrId: string, releaseRef: string): Promise<ReleaseRecord>;
}

export interface ReleasePipeline extends ReleaseControl {
  /** Makes a release of `slug` on `app`: release phase, boot, switch. Resolves with the finished release. */
  releaseSlug(
    app: AppRecord,
    slug: SlugRecord,
    description: string,
    runReleasePhase: boolean,
    onCreated?: (r: ReleaseRecord) => void,
  ): Promise<ReleaseRecord>;
  /** The slug a release runs, or a 422 when it is gone. */
  slugOf(release: ReleaseRecord): SlugRecord;
  /** Brings an app's current release back up after the engine started. */
  bringBack(app: AppRecord): Promise<void>;
}

export function createReleasePipeline(
  ctx: EngineContext,
  formation: FormationAndDynos,
  processes: ProcessRegistry,
): ReleasePipeline {
  const { state, logs, outputs, clock, queue, getApp, apiLog, now } = ctx;

  function specFor(app: AppRecord, release: ReleaseRecord, slug: SlugRecord): ReleaseSpec {
    return {
      version: release.version,
      slugDir: slug.dir,
      processTypes: slug.processTypes,
      env: {
        ...ctx.baseEnv,
        ...app.configVars,
        HEROKU_APP_ID: app.id,
        HEROKU_APP_NAME: app.name,
        HEROKU_RELEASE_VERSION: `v${release.version}`,
        HEROKU_RELEASE_CREATED_AT: release.createdAt,
        ...(slug.commit ? { HEROKU_SLUG_COMMIT: slug.commit } : {}),
      },
    };
  }

  function releaseSlug(
    app: AppRecord,
    slug: SlugRecord,
    description: string,
    runReleasePhase: boolean,
    onCreated?: (r: ReleaseRecord) => void,
  ): Promise<ReleaseRecord> {
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
        user: ctx.user,
        createdAt: now(),
        updatedAt: now(),
      };
      target.releases.push(r);
      target.formation = defaultFormation(slug.processTypes, target.formation, now());
      return r;
    });
    onCreated?.(release);
    apiLog(app, `Release v${release.version} created by ${ctx.user}`);
    return ctx.inFlight(
      queue.run(app.id, async () => {
        const fresh = getApp(app.id);
        const spec = specFor(fresh, release, slug);
        if (hasReleasePhase) {
          const failure = await releasePhase(fresh, release, slug, spec);
          if (failure) return finish(fresh, release, 'failed', failure);
        }
        const runtime = formation.runtimeOf(fresh);
        runtime.setFormation(quantities(fresh));
        const outcome = await runtime.deploy(spec);
        if (!outcome.ok) return finish(fresh, release, 'failed', `the new processes did not start: ${outcome.reason}`);
        return finish(fresh, release, 'succeeded');
      }),
    );
  }

  async function releasePhase(
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
    processes.track(key, dyno.pid);
    // A release phase that hangs must not hold the app's queue (scale, restart, rollback) forever.
    const limit = formatLimit(ctx.limits.releaseMs);
    let timedOut = false;
    const timer = clock.setTimeout(() => {
      timedOut = true;
      output.write(` !     Release phase timed out after ${limit}; stopping ${command}\n`);
      logs.publish(app.name, { source: 'heroku', dyno: name, text: `Release phase timed out after ${limit}` });
      void dyno.stop(ctx.stopGraceMs);
    }, ctx.limits.releaseMs);
    const code = await dyno.exit;
    clock.clearTimeout(timer);
    processes.untrack(key);
    output.end();
    if (timedOut) return `the release phase timed out after ${limit} (${command} was stopped)`;
    return code === 0 ? undefined : `the release phase (${command}) exited with status ${code}`;
  }

  function finish(
    app: AppRecord,
    release: ReleaseRecord,
    status: 'succeeded' | 'failed',
    failure?: string,
  ): ReleaseRecord {
    // Whatever a stop interrupted (a release phase killed, dynos not started) failed because of the stop.
    if (status === 'failed' && ctx.stopping) failure = STOPPED_DURING_RELEASE;
    const done = ctx.updateAndPrune((d) => {
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
    if (release.slugId && !slug)
      throw invalidParams(
        `the slug of v${release.version} was removed (the engine keeps those of each app's last ${ctx.history.releaseSlugs} releases); roll back to a later release`,
      );
    if (!slug || !existsSync(slug.dir)) throw invalidParams(`release v${release.version} has no slug to run`);
    return slug;
  }

  return {
    releaseSlug,
    slugOf,

    async bringBack(app) {
      const runtime = formation.runtimeOf(app);
      const release = currentRelease(app);
      if (!release) return;
      const slug = release.slugId ? state.data.slugs[release.slugId] : undefined;
      if (!slug || !existsSync(slug.dir)) return;
      const outcome = await queue.run(app.id, () => runtime.deploy(specFor(app, release, slug)));
      if (!outcome.ok) apiLog(app, `Could not bring v${release.version} back: ${outcome.reason}`);
    },

    async updateConfigVars(nameOrId, patch) {
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

    rollback(nameOrId, releaseRef) {
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
  };
}
