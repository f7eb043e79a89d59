// The Platform port over the Heroku Platform API (heroku-client): the same code serves
// the local engine and, later, Heroku itself. Environments are a pipeline's apps.
import type * as Heroku from '@heroku-cli/schema';
import type {
  ActionOutcome,
  DynoSummary,
  EnvironmentSnapshot,
  EnvironmentStage,
  Platform,
  PlatformEvents,
  ReleaseSummary,
} from '../ports.js';
import type { HerokuApi } from './heroku-api.js';
import { deployRef } from './deploy-ref.js';
import { followStream } from './follow-stream.js';

type Release = Heroku.Release & { failure_reason?: string };

const STAGE_ORDER: Record<string, number> = { review: 0, development: 0, staging: 1, production: 2 };

export interface HerokuPlatformOptions {
  /** The pipeline whose couplings are the environments. */
  pipeline?: string;
  /** Apps named per stage, used when there is no pipeline. */
  apps?: { boxes?: string[]; staging?: string; production?: string };
  name?: string;
  pollMs?: number;
  /** How long the pipeline's list of apps is trusted before it is read again (Heroku: minutes). */
  structureTtlMs?: number;
  /** Read each app's formation on every n-th poll only; an action of ours resets it. */
  formationEvery?: number;
  /** For the budget benchmark, which simulates an hour. */
  now?: () => number;
}

export function createHerokuPlatform(api: HerokuApi, opts: HerokuPlatformOptions): Platform {
  const { client } = api;
  const poll = opts.pollMs ?? 1000;
  const slugCommits = new Map<string, string | undefined>();
  // The pipeline's shape changes rarely: re-read it every few minutes, not every poll.
  let structureReadAt = -Infinity;
  const STRUCTURE_TTL_MS = opts.structureTtlMs ?? 0;
  // Formation changes mostly through our own actions; read it on every n-th poll.
  let polls = 0;
  const formationEvery = opts.formationEvery ?? 1;
  const formations = new Map<string, Heroku.Formation[]>();
  let apps: Array<{ id: string; name: string; env: string; stage: EnvironmentStage }> = [];

  async function namedApps() {
    const named: Array<{ name: string; stage: EnvironmentStage }> = [
      ...(opts.apps?.boxes ?? []).map((name) => ({ name, stage: 'development' as const })),
      ...(opts.apps?.staging ? [{ name: opts.apps.staging, stage: 'staging' as const }] : []),
      ...(opts.apps?.production ? [{ name: opts.apps.production, stage: 'production' as const }] : []),
    ];
    const found = await Promise.all(
      named.map(async (n) => ({ ...n, app: (await client.get(`/apps/${encodeURIComponent(n.name)}`)) as Heroku.App })),
    );
    apps = found.map((f) => ({ id: f.app.id!, name: f.app.name!, env: f.app.name!, stage: f.stage, app: f.app }));
    return apps as Array<(typeof apps)[number] & { app: Heroku.App }>;
  }

  async function pipelineApps() {
    if (!opts.pipeline) return namedApps();
    const pipeline = (await client.get(`/pipelines/${encodeURIComponent(opts.pipeline)}`)) as Heroku.Pipeline;
    const couplings = (await client.get(`/pipelines/${pipeline.id}/pipeline-couplings`)) as Heroku.PipelineCoupling[];
    const all = (await client.get('/apps')) as Heroku.App[];
    const prefix = `${pipeline.name}-`;
    apps = couplings
      .filter((c) => c.stage !== 'test')
      .flatMap((c) => {
        const app = all.find((a) => a.id === c.app?.id);
        if (!app?.name || !app.id) return [];
        const env = app.name.startsWith(prefix) ? app.name.slice(prefix.length) : app.name;
        return [{ id: app.id, name: app.name, env, stage: c.stage as EnvironmentStage, app }];
      })
      .sort(
        (a, b) =>
          (STAGE_ORDER[a.stage] ?? 0) - (STAGE_ORDER[b.stage] ?? 0) ||
          a.env.localeCompare(b.env, undefined, { numeric: true }),
      );
    return apps as Array<(typeof apps)[number] & { app: Heroku.App }>;
  }

  async function appFor(env: string) {
    let found = apps.find((a) => a.env === env || a.name === env);
    if (!found) {
      await pipelineApps();
      found = apps.find((a) => a.env === env || a.name === env);
    }
    if (!found)
      throw new Error(`no environment named "${env}" (known: ${apps.map((a) => a.env).join(', ') || 'none'})`);
    return found;
  }

  async function commitOf(appId: string, slugId: string | undefined): Promise<string | undefined> {
    if (!slugId) return undefined;
    if (!slugCommits.has(slugId)) {
      const slug = (await client.get(`/apps/${appId}/slugs/${slugId}`)) as Heroku.Slug;
      slugCommits.set(slugId, slug.commit ?? undefined);
    }
    return slugCommits.get(slugId);
  }

  async function summarize(appId: string, r: Release): Promise<ReleaseSummary> {
    return {
      id: r.id!,
      version: r.version!,
      status: r.status ?? 'succeeded',
      description: r.description ?? '',
      commit: await commitOf(appId, r.slug?.id),
      user: r.user?.email ?? 'unknown',
      createdAt: Date.parse(r.created_at ?? '') || 0,
      current: r.current ?? false,
      failure: r.failure_reason,
    };
  }

  async function recentReleases(appId: string, count: number): Promise<Release[]> {
    return (await client.get(`/apps/${appId}/releases`, {
      headers: { Range: `version ..; order=desc, max=${count}` },
      partial: true,
    })) as Release[];
  }

  async function waitForRelease(appId: string, releaseId: string, events?: PlatformEvents): Promise<ActionOutcome> {
    let release = (await client.get(`/apps/${appId}/releases/${releaseId}`)) as Release;
    let followed = false;
    const tail: string[] = [];
    const onOutput = (line: string) => {
      if (line.trim() !== '') tail.push(line);
      if (tail.length > 5) tail.shift();
      events?.onOutput?.(line);
    };
    while (release.status === 'pending') {
      if (release.output_stream_url && !followed) {
        followed = true;
        events?.onStep?.('release', `v${release.version}`);
        await followStream(release.output_stream_url, onOutput);
        events?.onStep?.('boot', `v${release.version}`);
      } else {
        await new Promise((resolve) => setTimeout(resolve, poll));
      }
      release = (await client.get(`/apps/${appId}/releases/${releaseId}`)) as Release;
    }
    if (!followed && release.output_stream_url) await followStream(release.output_stream_url, onOutput);
    const summary = await summarize(appId, release);
    // Heroku says only that a release failed; its release phase output says why.
    const reason =
      release.failure_reason ??
      (tail.length
        ? `the release phase failed: ${tail
            .slice(-2)
            .map((l) => l.trim())
            .join(' / ')}`
        : `release v${release.version} failed`);
    return release.status === 'succeeded' ? { ok: true, release: summary } : { ok: false, reason, release: summary };
  }

  return {
    name: opts.name ?? 'heroku',
    rateLimitRemaining: () => api.rateLimitRemaining(),

    async environments() {
      const now = opts.now ?? Date.now;
      const fresh = now() - structureReadAt < STRUCTURE_TTL_MS && apps.length > 0;
      const found = fresh ? (apps as Array<(typeof apps)[number] & { app: Heroku.App }>) : await pipelineApps();
      if (!fresh) structureReadAt = now();
      const readFormation = polls++ % formationEvery === 0;
      return Promise.all(
        found.map(async (a): Promise<EnvironmentSnapshot> => {
          const [formation, dynos, releases] = await Promise.all([
            readFormation || !formations.has(a.id)
              ? (client.get(`/apps/${a.id}/formation`) as Promise<Heroku.Formation[]>)
              : Promise.resolve(formations.get(a.id)!),
            client.get(`/apps/${a.id}/dynos`) as Promise<Heroku.Dyno[]>,
            recentReleases(a.id, 10),
          ]);
          formations.set(a.id, formation);
          const current = releases.find((r) => r.current);
          const pending = releases.find((r) => r.status === 'pending');
          return {
            name: a.env,
            app: a.name,
            stage: a.stage,
            url: a.app.web_url ?? '',
            maintenance: a.app.maintenance ?? false,
            release: current ? await summarize(a.id, current) : undefined,
            ...(pending ? { pendingRelease: await summarize(a.id, pending) } : {}),
            formation: Object.fromEntries(formation.map((f) => [f.type!, f.quantity ?? 0])),
            dynos: dynos.map((d): DynoSummary => ({
              name: d.name!,
              type: d.type!,
              state: (d.state as DynoSummary['state']) ?? 'down',
              startedAt: Date.parse(d.created_at ?? '') || 0,
              releaseVersion: d.release?.version,
            })),
          };
        }),
      );
    },

    async releases(env, count) {
      const a = await appFor(env);
      return Promise.all((await recentReleases(a.id, count)).map((r) => summarize(a.id, r)));
    },

    async configVarNames(env) {
      const a = await appFor(env);
      return Object.keys((await client.get(`/apps/${a.id}/config-vars`)) as Record<string, string>).sort();
    },

    async deploy(env, repo, ref, events) {
      const a = await appFor(env);
      const result = await deployRef(api, {
        app: a.name,
        repo,
        ref,
        pollMs: poll,
        onStep: events?.onStep,
        onOutput: events?.onOutput,
      });
      const release = result.release ? await summarize(a.id, result.release) : undefined;
      return result.ok
        ? { ok: true, release }
        : {
            ok: false,
            reason: `${result.stage === 'build' ? 'build failed' : 'release failed'}: ${result.reason}`,
            release,
          };
    },

    async promote(from, to, events) {
      const source = await appFor(from);
      const target = await appFor(to);
      if (!opts.pipeline) throw new Error('promotion needs a pipeline: set platform.pipeline in dynodeck.yml');
      const pipelineId = ((await client.get(`/pipelines/${encodeURIComponent(opts.pipeline)}`)) as Heroku.Pipeline).id;
      events?.onStep?.('upload', `promoting ${from} to ${to}`);
      const promotion = (await client.post('/pipeline-promotions', {
        body: {
          pipeline: { id: pipelineId },
          source: { app: { id: source.id } },
          targets: [{ app: { id: target.id } }],
        },
      })) as Heroku.PipelinePromotion;
      for (;;) {
        const [t] = (await client.get(
          `/pipeline-promotions/${promotion.id}/promotion-targets`,
        )) as Heroku.PipelinePromotionTarget[];
        if (t?.release?.id) return waitForRelease(target.id, t.release.id, events);
        if (t && t.status === 'failed') return { ok: false, reason: t.error_message ?? 'the promotion failed' };
        await new Promise((resolve) => setTimeout(resolve, poll));
      }
    },

    async scale(env, quantities) {
      const a = await appFor(env);
      polls = 0; // read the new formation on the next poll
      await client.patch(`/apps/${a.id}/formation`, {
        body: { updates: Object.entries(quantities).map(([type, quantity]) => ({ type, quantity })) },
      });
    },

    async restart(env, target) {
      const a = await appFor(env);
      await client.delete(target ? `/apps/${a.id}/dynos/${encodeURIComponent(target)}` : `/apps/${a.id}/dynos`);
    },

    async rollback(env, release, events) {
      const a = await appFor(env);
      // "v12" or "12" name a version; the API wants the release's id.
      const version = /^v?(\d+)$/.exec(release)?.[1];
      const id = version ? ((await client.get(`/apps/${a.id}/releases/${version}`)) as Release).id! : release;
      const created = (await client.post(`/apps/${a.id}/releases`, { body: { release: id } })) as Release;
      return waitForRelease(a.id, created.id!, events);
    },

    async setMaintenance(env, on) {
      const a = await appFor(env);
      await client.patch(`/apps/${a.id}`, { body: { maintenance: on } });
    },

    async followRelease(env, releaseId, events) {
      const a = await appFor(env);
      return waitForRelease(a.id, releaseId, events);
    },

    async logSessionUrl(env, options) {
      const a = await appFor(env);
      const session = (await client.post(`/apps/${a.id}/log-sessions`, {
        body: { tail: options.tail, lines: options.lines ?? 100, source: options.source, dyno: options.dyno },
      })) as { logplex_url: string };
      return session.logplex_url;
    },
  };
}
