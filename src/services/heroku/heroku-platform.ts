// The Platform port over the Heroku Platform API (heroku-client): the same code serves
// the local engine and Heroku itself. Environments are a pipeline's apps.
// Writes are sent once (write-once.ts); a deploy, a promotion and a rollback wait on
// Heroku paced by the API budget, outlast a 429 and stop at a time limit (patience.ts).
import type * as Heroku from '@heroku-cli/schema';
import type {
  ActionOutcome,
  Clock,
  EnvironmentSnapshot,
  EnvironmentStage,
  Platform,
  PlatformEvents,
  ReleaseSummary,
} from '../ports.js';
import { sanitizeLine } from '../../logs/sanitize.js';
import type { HerokuApi } from './heroku-api.js';
import { deployRef } from './deploy-ref.js';
import { followRelease } from './follow-release.js';
import {
  deadlineIn,
  DEFAULT_WAIT_LIMITS,
  patienceFor,
  patiently,
  pollUntil,
  TimeLimitReached,
  type Deadline,
  type Patience,
  type WaitLimits,
} from './patience.js';
import {
  dynosClause,
  formationClause,
  maintenanceClause,
  newReleasesClause,
  releaseClause,
  unknownStatusReason,
} from './read-back.js';
import { dynoSummary, releaseSummary } from './summaries.js';
import { UncertainWriteError, writeOnce } from './write-once.js';

type Release = Heroku.Release & { failure_reason?: string };

const STAGE_ORDER: Record<string, number> = { review: 0, development: 0, staging: 1, production: 2 };

export interface HerokuPlatformOptions {
  /** The pipeline whose couplings are the environments. */
  pipeline?: string;
  /** Apps named per stage, used when there is no pipeline. */
  apps?: { boxes?: string[]; staging?: string; production?: string };
  name?: string;
  /** The pace of polls during a deploy, promotion or rollback, with a full API budget. */
  pollMs?: number;
  /** How long the pipeline's list of apps is trusted before it is read again (Heroku: minutes). */
  structureTtlMs?: number;
  /** Read each app's formation on every n-th poll only; an action of ours resets it. */
  formationEvery?: number;
  /** For the budget benchmark, which simulates an hour. */
  now?: () => number;
  /** The clock of waits during actions (default: the real one, whose timers keep the process alive). */
  clock?: Clock;
  /** When waiting on a build, a release or a promotion stops (defaults: 30 min, 1 h 5 min, 30 min). */
  limits?: Partial<WaitLimits>;
  /** The first wait after a 429 in the middle of an action (default 5 s); it doubles up to a minute. */
  backoffMs?: number;
  random?: () => number;
}

export function createHerokuPlatform(api: HerokuApi, opts: HerokuPlatformOptions): Platform {
  const { client } = api;
  const poll = opts.pollMs ?? 1000;
  const limits: WaitLimits = { ...DEFAULT_WAIT_LIMITS, ...opts.limits };
  const slugCommits = new Map<string, string | undefined>();
  // The pipeline's shape changes rarely: re-read it every few minutes, not every poll.
  let structureReadAt = -Infinity;
  const STRUCTURE_TTL_MS = opts.structureTtlMs ?? 0;
  // Formation changes mostly through our own actions; read it on every n-th poll.
  let polls = 0;
  const formationEvery = opts.formationEvery ?? 1;
  const formations = new Map<string, Heroku.Formation[]>();
  let apps: Array<{ id: string; name: string; env: string; stage: EnvironmentStage }> = [];
  let pipeline: Heroku.Pipeline | undefined;
  // Per app, what the last poll read and made of it: reads answered 304 hand back the same
  // objects, and a poll where nothing changed hands back the same snapshot (nothing redrawn).
  const lastPoll = new Map<string, { inputs: unknown[]; dynosJson: string; snapshot: EnvironmentSnapshot }>();

  /** The patience of one action; why it waits goes to its output. */
  const patience = (events?: PlatformEvents): Patience =>
    patienceFor(api.rateLimitRemaining, {
      ...opts,
      pollMs: poll,
      onWait: (message) => events?.onOutput?.(`dynodeck: ${message}`),
    });

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
    // The pipeline's id is looked up by name once; read again only if it stops answering.
    const lookUp = async () =>
      (pipeline = (await client.get(`/pipelines/${encodeURIComponent(opts.pipeline!)}`)) as Heroku.Pipeline);
    const couplingsOf = (p: Heroku.Pipeline) =>
      client.get(`/pipelines/${p.id}/pipeline-couplings`) as Promise<Heroku.PipelineCoupling[]>;
    const known = pipeline;
    let couplings: Heroku.PipelineCoupling[];
    if (known) {
      try {
        couplings = await couplingsOf(known);
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode !== 404) throw error;
        pipeline = undefined;
        couplings = await couplingsOf(await lookUp());
      }
    } else couplings = await couplingsOf(await lookUp());
    const all = (await client.get('/apps')) as Heroku.App[];
    const prefix = `${pipeline!.name}-`;
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
    return releaseSummary(r, await commitOf(appId, r.slug?.id));
  }

  /** In the middle of an action a 429 waits; a commit that cannot be read is left unknown. */
  async function summarizePatiently(appId: string, r: Release, p: Patience): Promise<ReleaseSummary> {
    const deadline = deadlineIn(p.clock, 5 * 60_000, 'reading the release');
    const commit = await patiently(() => commitOf(appId, r.slug?.id), 'read', deadline, p).catch(() => undefined);
    return releaseSummary(r, commit);
  }

  async function recentReleases(appId: string, count: number): Promise<Release[]> {
    return (await client.get(`/apps/${appId}/releases`, {
      headers: { Range: `version ..; order=desc, max=${count}` },
      partial: true,
    })) as Release[];
  }

  /** The newest release's version, read before a write so a read-back can tell what is new. */
  async function newestVersion(appId: string, deadline: Deadline, p: Patience): Promise<number | undefined> {
    const [newest] = await patiently(() => recentReleases(appId, 1), 'read', deadline, p);
    return newest?.version;
  }

  const releasesSince = (appId: string, newestBefore: number | undefined, appName: string) => ({
    what: `the releases of ${appName}`,
    describe: async () => newReleasesClause(await recentReleases(appId, 5), newestBefore),
  });

  /** Follows a release to its end and says how it ended; nothing about it is assumed. */
  async function waitForRelease(
    appId: string,
    first: Release,
    deadline: Deadline,
    p: Patience,
    events?: PlatformEvents,
  ): Promise<ActionOutcome> {
    const tail: string[] = [];
    const onOutput = (line: string) => {
      if (line.trim() !== '') tail.push(line);
      if (tail.length > 5) tail.shift();
      events?.onOutput?.(line);
    };
    let release: Release;
    try {
      release = await followRelease(client, `/apps/${appId}`, first, {
        deadline,
        patience: p,
        onOutput,
        onReleasePhaseStart: (r) => events?.onStep?.('release', `v${r.version ?? '?'}`),
        onReleasePhaseEnd: (r) => events?.onStep?.('boot', `v${r.version ?? '?'}`),
      });
    } catch (error) {
      if (!(error instanceof TimeLimitReached)) throw error;
      return {
        ok: false,
        reason: `${error.message}; dynodeck stopped waiting (Heroku listed ${releaseClause(first)}; it may still finish on Heroku)`,
        release: await summarizePatiently(appId, first, p),
        unknown: true,
      };
    }
    const summary = await summarizePatiently(appId, release, p);
    if (summary.status === 'succeeded') return { ok: true, release: summary };
    if (summary.status === 'unknown')
      return {
        ok: false,
        reason: unknownStatusReason(`release v${release.version ?? '?'}`, release.status),
        release: summary,
        unknown: true,
      };
    // Heroku says only that a release failed; its release phase output says why.
    const reason =
      release.failure_reason ??
      (tail.length
        ? `the release phase failed: ${tail
            .slice(-2)
            .map((l) => l.trim())
            .join(' / ')}`
        : `release v${release.version ?? '?'} failed`);
    return { ok: false, reason, release: summary };
  }

  /** An action's write whose outcome is open, or its wait past the limit, as an outcome the user reads. */
  function unclear(error: unknown): ActionOutcome {
    if (error instanceof UncertainWriteError || error instanceof TimeLimitReached)
      return { ok: false, reason: error.message, unknown: true };
    throw error;
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
          const previous = lastPoll.get(a.id);
          const [dynos, releases] = await Promise.all([
            client.get(`/apps/${a.id}/dynos`) as Promise<Heroku.Dyno[]>,
            recentReleases(a.id, 10),
          ]);
          // A scale (ours or anyone's) changes the dynos: the formation is read then, and on
          // every n-th poll besides; otherwise the last one read stands.
          const dynosJson = previous?.inputs[1] === dynos ? previous.dynosJson : JSON.stringify(dynos);
          const formation =
            readFormation || !formations.has(a.id) || dynosJson !== previous?.dynosJson
              ? ((await client.get(`/apps/${a.id}/formation`)) as Heroku.Formation[])
              : formations.get(a.id)!;
          formations.set(a.id, formation);
          const inputs = [a.app, dynos, releases, formation, a.env, a.stage];
          if (previous && inputs.every((input, i) => input === previous.inputs[i])) return previous.snapshot;
          const current = releases.find((r) => r.current === true);
          const pending = releases.find((r) => r.status === 'pending');
          const snapshot: EnvironmentSnapshot = {
            name: a.env,
            app: a.name,
            stage: a.stage,
            url: a.app.web_url ?? '',
            maintenance: a.app.maintenance ?? false,
            release: current ? await summarize(a.id, current) : undefined,
            ...(pending ? { pendingRelease: await summarize(a.id, pending) } : {}),
            formation: Object.fromEntries(formation.map((f) => [f.type!, f.quantity ?? 0])),
            dynos: dynos.map(dynoSummary),
          };
          lastPoll.set(a.id, { inputs, dynosJson, snapshot });
          return snapshot;
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
      const p = patience(events);
      const result = await deployRef(api, {
        app: a.name,
        repo,
        ref,
        pollMs: poll,
        clock: p.clock,
        limits,
        backoffMs: p.backoffMs,
        random: p.random,
        onStep: events?.onStep,
        onOutput: events?.onOutput,
      });
      const release = result.release ? await summarizePatiently(a.id, result.release, p) : undefined;
      if (result.ok) return { ok: true, release };
      if (result.outcome === 'unknown') return { ok: false, reason: result.reason, release, unknown: true };
      return {
        ok: false,
        reason: `${result.stage === 'release' ? 'release failed' : `${result.stage} failed`}: ${result.reason}`,
        release,
      };
    },

    async promote(from, to, events) {
      const source = await appFor(from);
      const target = await appFor(to);
      if (!opts.pipeline) throw new Error('promotion needs a pipeline: set platform.pipeline in dynodeck.yml');
      const p = patience(events);
      const deadline = deadlineIn(p.clock, limits.promotionMs, `the promotion of ${from} to ${to}`);
      try {
        const pipelineId = (
          (await patiently(
            () => client.get(`/pipelines/${encodeURIComponent(opts.pipeline!)}`),
            'read',
            deadline,
            p,
          )) as Heroku.Pipeline
        ).id;
        const newestBefore = await newestVersion(target.id, deadline, p);
        events?.onStep?.('upload', `promoting ${from} to ${to}`);
        const promotion = (await patiently(
          () =>
            writeOnce(
              `the promotion of ${source.name} to ${target.name} (POST /pipeline-promotions)`,
              () =>
                client.post('/pipeline-promotions', {
                  body: {
                    pipeline: { id: pipelineId },
                    source: { app: { id: source.id } },
                    targets: [{ app: { id: target.id } }],
                  },
                }),
              releasesSince(target.id, newestBefore, target.name),
            ),
          'write',
          deadline,
          p,
        )) as Heroku.PipelinePromotion;
        const [t] = await pollUntil(
          () =>
            client.get(`/pipeline-promotions/${promotion.id}/promotion-targets`) as Promise<
              Heroku.PipelinePromotionTarget[]
            >,
          ([first]) => first !== undefined && (Boolean(first.release?.id) || first.status !== 'pending'),
          deadline,
          p,
        );
        if (t?.release?.id) {
          const releaseDeadline = deadlineIn(p.clock, limits.releaseMs, `the promoted release on ${to}`);
          const first = (await patiently(
            () => client.get(`/apps/${target.id}/releases/${t.release!.id}`),
            'read',
            releaseDeadline,
            p,
          )) as Release;
          return await waitForRelease(
            target.id,
            first,
            { ...releaseDeadline, what: `release v${first.version ?? '?'} on ${to}` },
            p,
            events,
          );
        }
        if (t?.status === 'failed')
          return { ok: false, reason: t.error_message ? sanitizeLine(t.error_message) : 'the promotion failed' };
        return {
          ok: false,
          reason: `Heroku's promotion target for ${to} is ${t?.status ? sanitizeLine(t.status) : 'without a status'} and names no release: dynodeck cannot tell how it ended`,
          unknown: true,
        };
      } catch (error) {
        if (error instanceof TimeLimitReached && error.deadline === deadline)
          return {
            ok: false,
            reason: `${error.message}; dynodeck stopped waiting (it may still finish on Heroku)`,
            unknown: true,
          };
        return unclear(error);
      }
    },

    async scale(env, quantities) {
      const a = await appFor(env);
      polls = 0; // read the new formation on the next poll
      await writeOnce(
        `scaling ${a.name} (PATCH /apps/${a.name}/formation)`,
        () =>
          client.patch(`/apps/${a.id}/formation`, {
            body: { updates: Object.entries(quantities).map(([type, quantity]) => ({ type, quantity })) },
          }),
        {
          what: `the formation of ${a.name}`,
          describe: async () =>
            formationClause((await client.get(`/apps/${a.id}/formation`)) as Heroku.Formation[], quantities),
        },
      );
    },

    async restart(env, target) {
      const a = await appFor(env);
      await writeOnce(
        `restarting ${target ?? 'all dynos'} on ${a.name} (DELETE)`,
        () => client.delete(target ? `/apps/${a.id}/dynos/${encodeURIComponent(target)}` : `/apps/${a.id}/dynos`),
        {
          what: `the dynos of ${a.name}`,
          describe: async () => dynosClause((await client.get(`/apps/${a.id}/dynos`)) as Heroku.Dyno[], target),
        },
      );
    },

    async rollback(env, release, events) {
      const a = await appFor(env);
      const p = patience(events);
      const deadline = deadlineIn(p.clock, limits.releaseMs, `the rollback of ${a.name} to ${release}`);
      try {
        // "v12" or "12" name a version; the API wants the release's id.
        const version = /^v?(\d+)$/.exec(release)?.[1];
        const id = version
          ? ((await patiently(() => client.get(`/apps/${a.id}/releases/${version}`), 'read', deadline, p)) as Release)
              .id!
          : release;
        const newestBefore = await newestVersion(a.id, deadline, p);
        const created = (await patiently(
          () =>
            writeOnce(
              `the rollback of ${a.name} to ${release} (POST /apps/${a.name}/releases)`,
              () => client.post(`/apps/${a.id}/releases`, { body: { release: id } }),
              releasesSince(a.id, newestBefore, a.name),
            ),
          'write',
          deadline,
          p,
        )) as Release;
        return await waitForRelease(
          a.id,
          created,
          { ...deadline, what: `release v${created.version ?? '?'} (${release} again)` },
          p,
          events,
        );
      } catch (error) {
        return unclear(error);
      }
    },

    async setMaintenance(env, on) {
      const a = await appFor(env);
      await writeOnce(
        `turning maintenance ${on ? 'on' : 'off'} on ${a.name} (PATCH /apps/${a.name})`,
        () => client.patch(`/apps/${a.id}`, { body: { maintenance: on } }),
        {
          what: `the app ${a.name}`,
          describe: async () => maintenanceClause((await client.get(`/apps/${a.id}`)) as Heroku.App, on),
        },
      );
    },

    async followRelease(env, releaseId, events) {
      const a = await appFor(env);
      const p = patience(events);
      const deadline = deadlineIn(p.clock, limits.releaseMs, `the release on ${env}`);
      try {
        const first = (await patiently(
          () => client.get(`/apps/${a.id}/releases/${releaseId}`),
          'read',
          deadline,
          p,
        )) as Release;
        return await waitForRelease(
          a.id,
          first,
          { ...deadline, what: `release v${first.version ?? '?'} on ${env}` },
          p,
          events,
        );
      } catch (error) {
        return unclear(error);
      }
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
