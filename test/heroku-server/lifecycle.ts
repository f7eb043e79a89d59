// What happens after a request returns: a build compiles and makes a release, a release
// runs its release phase before the dynos boot on it, a promotion copies a slug to its
// targets. Each step is a few milliseconds apart, so clients see pending states.
import { randomUUID } from 'node:crypto';
import type { OutputStreams } from './output-streams.js';
import type { Scheduler } from './scheduler.js';
import {
  timestamp,
  type AppRecord,
  type BuildRecord,
  type DynoRecord,
  type PromotionRecord,
  type ReleaseRecord,
  type World,
} from './state.js';
import { inspectSource } from './tarball.js';

export interface LifecycleOptions {
  stepMs: number;
  failBuild?: boolean | string;
  failReleasePhase?: boolean | string;
  hangBuilds?: boolean;
  hangReleasePhase?: boolean;
  hangPromotions?: boolean;
}

export const DEFAULT_RELEASE_FAILURE = 'Error: migration 20261126_add_orders failed: relation "orders" already exists';

export function createLifecycle(world: World, streams: OutputStreams, scheduler: Scheduler, options: LifecycleOptions) {
  const step = options.stepMs;

  /** Dynos restart on the app's current release: starting, then up. */
  function boot(app: AppRecord, dynos: DynoRecord[]) {
    const current = world.currentRelease(app);
    const now = timestamp();
    for (const d of dynos) {
      d.state = 'starting';
      d.releaseId = current?.id ?? null;
      d.releaseVersion = current?.version ?? null;
      d.createdAt = d.updatedAt = now;
    }
    scheduler.after(step, () => {
      for (const d of dynos) if (app.dynos.includes(d) && d.state === 'starting') d.state = 'up';
    });
  }

  /** A new release; with a release phase it is pending until the release command exits. */
  function release(
    app: AppRecord,
    fields: { description: string; slugId: string | null },
    onDone?: (r: ReleaseRecord) => void,
  ): ReleaseRecord {
    const r = world.addRelease(app, fields);
    const slug = fields.slugId ? app.slugs.get(fields.slugId) : undefined;
    const finish = (status: 'succeeded' | 'failed') => {
      r.status = status;
      r.updatedAt = timestamp();
      if (status === 'succeeded') boot(app, app.dynos);
      onDone?.(r);
    };
    if (!slug?.processTypes.release) {
      finish('succeeded');
      return r;
    }
    const out = streams.create('release');
    r.outputStreamUrl = out.url;
    const failure = options.failReleasePhase === true ? DEFAULT_RELEASE_FAILURE : options.failReleasePhase || undefined;
    if (options.hangReleasePhase) {
      scheduler.steps(step, [
        () => out.push(`> ${slug.processTypes.release}`),
        () => out.push('Running migrations...'),
      ]);
      return r;
    }
    scheduler.steps(step, [
      () => out.push(`> ${slug.processTypes.release}`),
      () => out.push('Running migrations...'),
      () => {
        if (failure) out.push(failure);
        else out.push('Migrations complete.');
      },
      () => {
        finish(failure ? 'failed' : 'succeeded');
        out.end();
      },
    ]);
    return r;
  }

  function build(
    app: AppRecord,
    fields: { sourceUrl: string; version: string | null; blob: Buffer | undefined },
  ): BuildRecord {
    const out = streams.create('build');
    const now = timestamp();
    const b: BuildRecord = {
      id: randomUUID(),
      status: 'pending',
      sourceUrl: fields.sourceUrl,
      version: fields.version,
      outputStreamUrl: out.url,
      slugId: null,
      releaseId: null,
      createdAt: now,
      updatedAt: now,
    };
    app.builds.set(b.id, b);
    const source = inspectSource(fields.blob);
    const failure = !source.ok
      ? source.reason
      : options.failBuild === true
        ? 'Build failed: npm ERR! code ELIFECYCLE'
        : options.failBuild || undefined;
    const fail = () => {
      out.push(` !     ${failure}`);
      out.push(' !     Push rejected, failed to compile Node.js app.');
      out.push(' !     Push failed');
      b.status = 'failed';
      b.updatedAt = timestamp();
      out.end();
    };
    const processTypes = (source.ok && source.processTypes) || {
      web: 'npm start',
      ...(app.releasePhase ? { release: 'npm run release' } : {}),
    };
    if (options.hangBuilds) {
      scheduler.steps(step, [() => out.push('-----> Building on the Heroku-24 stack')]);
      return b;
    }
    scheduler.steps(step, [
      () => out.push('-----> Building on the Heroku-24 stack'),
      () => (failure ? fail() : out.push('-----> Using buildpack: heroku/nodejs')),
      ...(failure
        ? []
        : [
            () => out.push('-----> Node.js app detected'),
            () => out.push('-----> Discovering process types'),
            () => out.push(`       Procfile declares types -> ${Object.keys(processTypes).join(', ')}`),
            () => out.push('-----> Compressing...'),
            () => {
              const slug = world.addSlug(app, { commit: fields.version, processTypes, size: fields.blob?.length ?? 0 });
              out.push(`       Done: ${(slug.size / 1e6).toFixed(1)}M`);
              out.push('-----> Launching...');
              const r = release(app, {
                description: `Deploy ${(fields.version ?? slug.id).slice(0, 8)}`,
                slugId: slug.id,
              });
              if (r.status === 'pending')
                out.push(
                  '       !!! Release command declared: this new release will not be available until the command succeeds.',
                );
              out.push(`       Released v${r.version}`);
              out.push(`       https://${app.name}-0123456789ab.herokuapp.com/ deployed to Heroku`);
              b.slugId = slug.id;
              b.releaseId = r.id;
              b.status = 'succeeded';
              b.updatedAt = timestamp();
              out.end();
            },
          ]),
    ]);
    return b;
  }

  function promote(p: PromotionRecord) {
    const source = world.apps.find((a) => a.id === p.sourceAppId)!;
    const from = source.releases.find((r) => r.id === p.sourceReleaseId)!;
    const slug = from.slugId ? source.slugs.get(from.slugId) : undefined;
    if (options.hangPromotions) return;
    scheduler.after(step, () => {
      for (const t of p.targets) {
        const app = world.apps.find((a) => a.id === t.appId)!;
        if (slug) app.slugs.set(slug.id, slug);
        const r = release(
          app,
          {
            description: `Promote ${source.name} v${from.version} ${(slug?.commit ?? '').slice(0, 7)}`.trim(),
            slugId: slug?.id ?? null,
          },
          (done) => {
            t.status = done.status === 'succeeded' ? 'succeeded' : 'failed';
            if (t.status === 'failed') t.errorMessage = 'Release command failed';
            if (p.targets.every((x) => x.status !== 'pending')) {
              p.status = 'completed';
              p.updatedAt = timestamp();
            }
          },
        );
        t.releaseId = r.id;
      }
    });
  }

  return { boot, release, build, promote };
}

export type Lifecycle = ReturnType<typeof createLifecycle>;
