// The Platform API endpoints the adapter uses (and their near neighbours), as a route
// table. Handlers validate like Heroku, change the world, and return typed bodies.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type * as Heroku from '@heroku-cli/schema';
import { HerokuError, invalidParams, notFound } from './errors.js';
import type { Lifecycle } from './lifecycle.js';
import type { LogSessions } from './log-sessions.js';
import { paginate, parseRange } from './range.js';
import * as json from './serialize.js';
import { timestamp, type AppRecord, type PromotionRecord, type World } from './state.js';

export interface Ctx {
  params: Record<string, string>;
  body: Record<string, unknown>;
  req: IncomingMessage;
}

export interface Reply {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface Route {
  method: string;
  regex: RegExp;
  handle(ctx: Ctx): Reply;
}

export interface RouteDeps {
  world: World;
  lifecycle: Lifecycle;
  logs: LogSessions;
  blobs: Map<string, Buffer | undefined>;
  baseUrl(): string;
  rateLimitRemaining(): number;
}

const SIZES = [
  'eco',
  'basic',
  'standard-1x',
  'standard-2x',
  'performance-m',
  'performance-l',
  'performance-l-ram',
  'performance-xl',
  'performance-2xl',
];

export function createRoutes(deps: RouteDeps): Route[] {
  const { world, lifecycle } = deps;
  const routes: Route[] = [];
  const on = (method: string, pattern: string, handle: (ctx: Ctx) => Reply) => {
    const source = pattern.replace(/:(\w+)/g, (_, name: string) => `(?<${name}>[^/]+)`);
    routes.push({ method, regex: new RegExp(`^${source}$`), handle });
  };
  const app = (ctx: Ctx) => world.app(ctx.params.app!);
  const ok = (body: unknown, status = 200): Reply => ({ status, body });
  function list<T>(
    ctx: Ctx,
    items: readonly T[],
    fields: readonly string[],
    key: (item: T, field: string) => string | number,
    toJson: (item: T) => unknown,
  ): Reply {
    const page = paginate(items, parseRange(ctx.req.headers.range, fields), key);
    return { status: page.status, body: page.items.map(toJson), headers: page.headers };
  }
  const byField = <T extends Record<string, unknown>>(item: T, field: string) => item[field] as string | number;

  on('GET', '/account/rate-limits', () => ok({ remaining: deps.rateLimitRemaining() } satisfies Heroku.RateLimit));

  // Apps
  on('GET', '/apps', (ctx) => {
    const visible = world.apps.filter((a) => !a.forbidden);
    return list(
      ctx,
      visible,
      ['id', 'name', 'updated_at'],
      (a, f) => (f === 'updated_at' ? a.updatedAt : f === 'name' ? a.name : a.id),
      (a) => json.appJson(world, a),
    );
  });
  on('GET', '/apps/:app', (ctx) => ok(json.appJson(world, app(ctx))));
  on('PATCH', '/apps/:app', (ctx) => {
    const a = app(ctx);
    const { maintenance, name } = ctx.body;
    if (maintenance !== undefined && typeof maintenance !== 'boolean')
      throw invalidParams('Invalid params: maintenance must be a boolean.');
    if (name !== undefined) {
      if (typeof name !== 'string' || !/^[a-z][a-z0-9-]{1,29}$/.test(name))
        throw invalidParams(
          'Name must start with a letter, end with a letter or digit and can only contain lowercase letters, digits, and dashes.',
        );
      if (world.apps.some((x) => x.name === name && x !== a)) throw invalidParams('Name is already taken');
      a.name = name;
    }
    if (typeof maintenance === 'boolean') a.maintenance = maintenance;
    a.updatedAt = timestamp();
    return ok(json.appJson(world, a));
  });

  // Formation and dynos
  on('GET', '/apps/:app/formation', (ctx) => {
    const a = app(ctx);
    return list(
      ctx,
      [...a.formation.values()],
      ['id', 'type'],
      (f, field) => (field === 'type' ? f.type : f.id),
      (f) => json.formationJson(a, f),
    );
  });
  on('GET', '/apps/:app/formation/:type', (ctx) => {
    const a = app(ctx);
    return ok(json.formationJson(a, formationOf(a, ctx.params.type!)));
  });
  on('PATCH', '/apps/:app/formation', (ctx) => {
    const a = app(ctx);
    const updates = ctx.body.updates;
    if (!Array.isArray(updates) || updates.length === 0)
      throw invalidParams("Invalid params: 'updates' must be a non-empty array of {type, quantity, size}.");
    // Every update is checked before any applies: a bad one changes nothing.
    const planned = updates.map((u: unknown) => planUpdate(a, u));
    const changed = planned.map((apply) => apply());
    fit(a);
    return ok(changed.map((f) => json.formationJson(a, f)));
  });
  on('PATCH', '/apps/:app/formation/:type', (ctx) => {
    const a = app(ctx);
    const apply = planUpdate(a, { ...ctx.body, type: ctx.params.type });
    const f = apply();
    fit(a);
    return ok(json.formationJson(a, f));
  });
  on('GET', '/apps/:app/dynos', (ctx) => {
    const a = app(ctx);
    return list(
      ctx,
      a.dynos,
      ['id', 'name'],
      (d, f) => (f === 'name' ? d.name : d.id),
      (d) => json.dynoJson(a, d),
    );
  });
  on('GET', '/apps/:app/dynos/:dyno', (ctx) => {
    const a = app(ctx);
    const d = a.dynos.find((x) => x.id === ctx.params.dyno || x.name === ctx.params.dyno);
    if (!d) throw notFound('dyno');
    return ok(json.dynoJson(a, d));
  });
  on('DELETE', '/apps/:app/dynos', (ctx) => {
    const a = app(ctx);
    lifecycle.boot(a, a.dynos);
    return ok({}, 202);
  });
  on('DELETE', '/apps/:app/dynos/:dyno', (ctx) => {
    const a = app(ctx);
    const which = ctx.params.dyno!;
    const dynos = a.dynos.filter((d) => d.id === which || d.name === which || d.type === which);
    if (dynos.length === 0) throw notFound('dyno');
    lifecycle.boot(a, dynos);
    return ok({}, 202);
  });
  on('GET', '/apps/:app/config-vars', (ctx) => ok({ ...app(ctx).configVars } satisfies Heroku.ConfigVars));

  // Releases and slugs
  on('GET', '/apps/:app/releases', (ctx) => {
    const a = app(ctx);
    return list(
      ctx,
      a.releases,
      ['version', 'id'],
      (r, f) => (f === 'id' ? r.id : r.version),
      (r) => json.releaseJson(world, a, r),
    );
  });
  on('GET', '/apps/:app/releases/:release', (ctx) => {
    const a = app(ctx);
    return ok(json.releaseJson(world, a, world.release(a, ctx.params.release!)));
  });
  on('POST', '/apps/:app/releases', (ctx) => {
    const a = app(ctx);
    const { release, slug, description } = ctx.body;
    if (typeof release === 'string') {
      const to = a.releases.find((r) => r.id === release);
      if (!to) throw notFound('release');
      if (!to.slugId) throw invalidParams(`Cannot roll back to v${to.version}: it has no slug.`);
      return ok(
        json.releaseJson(
          world,
          a,
          lifecycle.release(a, { description: `Rollback to v${to.version}`, slugId: to.slugId }),
        ),
        201,
      );
    }
    if (typeof slug === 'string') {
      if (!a.slugs.has(slug)) throw notFound('slug');
      return ok(
        json.releaseJson(
          world,
          a,
          lifecycle.release(a, {
            description: typeof description === 'string' ? description : `Deploy ${slug.slice(0, 8)}`,
            slugId: slug,
          }),
        ),
        201,
      );
    }
    throw invalidParams("Invalid params: a rollback needs 'release' (a release id); a new release needs 'slug'.");
  });
  on('GET', '/apps/:app/slugs/:slug', (ctx) => {
    const s = app(ctx).slugs.get(ctx.params.slug!);
    if (!s) throw notFound('slug');
    return ok(json.slugJson(s));
  });

  // Sources and builds
  const newSource = (): Reply => {
    const id = randomUUID();
    deps.blobs.set(id, undefined);
    const url = `${deps.baseUrl()}/__blobs/${id}?X-Amz-Expires=3600&X-Amz-Signature=${randomUUID().replace(/-/g, '')}`;
    return ok({ source_blob: { get_url: url, put_url: url } } satisfies Heroku.Source, 201);
  };
  on('POST', '/sources', newSource);
  on('POST', '/apps/:app/sources', (ctx) => (app(ctx), newSource()));
  on('POST', '/apps/:app/builds', (ctx) => {
    const a = app(ctx);
    const blob = ctx.body.source_blob as { url?: unknown; version?: unknown } | undefined;
    if (!blob || typeof blob.url !== 'string' || blob.url === '')
      throw invalidParams("Invalid params: 'source_blob.url' is required.");
    if (blob.version !== undefined && blob.version !== null && typeof blob.version !== 'string')
      throw invalidParams("Invalid params: 'source_blob.version' must be a string.");
    const b = lifecycle.build(a, {
      sourceUrl: blob.url,
      version: (blob.version as string | null | undefined) ?? null,
      blob: deps.blobs.get(blobId(blob.url, deps.baseUrl()) ?? ''),
    });
    return ok(json.buildJson(world, a, b), 201);
  });
  on('GET', '/apps/:app/builds', (ctx) => {
    const a = app(ctx);
    return list(
      ctx,
      [...a.builds.values()],
      ['id', 'started_at'],
      (b, f) => (f === 'id' ? b.id : b.createdAt),
      (b) => json.buildJson(world, a, b),
    );
  });
  on('GET', '/apps/:app/builds/:build', (ctx) => {
    const a = app(ctx);
    const b = a.builds.get(ctx.params.build!);
    if (!b) throw notFound('build');
    return ok(json.buildJson(world, a, b));
  });

  // Logs
  on('POST', '/apps/:app/log-sessions', (ctx) => {
    const a = app(ctx);
    const { lines, source, tail, dyno } = ctx.body;
    if (lines !== undefined && (typeof lines !== 'number' || !Number.isInteger(lines) || lines < 0))
      throw invalidParams("Invalid params: 'lines' must be a whole number.");
    if (source !== undefined && source !== 'app' && source !== 'heroku')
      throw invalidParams("Invalid params: 'source' must be app or heroku.");
    if (tail !== undefined && typeof tail !== 'boolean')
      throw invalidParams("Invalid params: 'tail' must be a boolean.");
    if (dyno !== undefined && typeof dyno !== 'string') throw invalidParams("Invalid params: 'dyno' must be a string.");
    const s = deps.logs.create(a, ctx.body);
    return ok(
      { created_at: s.createdAt, id: s.id, logplex_url: s.url, updated_at: s.createdAt } satisfies Heroku.LogSession,
      201,
    );
  });

  // Pipelines
  const pipeline = (idOrName: string, byName = true) => {
    const p = world.pipeline;
    if (p.id !== idOrName && !(byName && p.name === idOrName)) throw notFound('pipeline');
    return p;
  };
  const coupled = () => world.apps.filter((a) => a.stage !== undefined);
  on('GET', '/pipelines', (ctx) =>
    list(ctx, [world.pipeline], ['id', 'name'], byField, () => json.pipelineJson(world)),
  );
  on('GET', '/pipelines/:pipeline', (ctx) => (pipeline(ctx.params.pipeline!), ok(json.pipelineJson(world))));
  on('GET', '/pipelines/:pipeline/pipeline-couplings', (ctx) => {
    pipeline(ctx.params.pipeline!, false);
    return list(
      ctx,
      coupled(),
      ['id'],
      (a) => a.couplingId,
      (a) => json.couplingJson(world, a),
    );
  });
  on('GET', '/pipelines/:pipeline/review-apps', (ctx) => {
    pipeline(ctx.params.pipeline!, false);
    return list(
      ctx,
      coupled().filter((a) => a.stage === 'review'),
      ['id'],
      (a) => a.reviewAppId,
      (a) => json.reviewAppJson(world, a),
    );
  });
  on('GET', '/apps/:app/pipeline-couplings', (ctx) => {
    const a = app(ctx);
    if (!a.stage) throw notFound('pipeline coupling', 'pipeline coupling');
    return ok(json.couplingJson(world, a));
  });
  on('POST', '/pipeline-promotions', (ctx) => {
    const body = ctx.body as {
      pipeline?: { id?: unknown };
      source?: { app?: { id?: unknown } };
      targets?: Array<{ app?: { id?: unknown } }>;
    };
    const p = pipeline(String(body.pipeline?.id ?? ''), false);
    const source = coupled().find((a) => a.id === body.source?.app?.id);
    if (!source) throw invalidParams('Invalid params: the source app is not in this pipeline.');
    if (!Array.isArray(body.targets) || body.targets.length === 0)
      throw invalidParams("Invalid params: 'targets' must name at least one app.");
    const targets = body.targets.map((t) => {
      const target = coupled().find((a) => a.id === t?.app?.id);
      if (!target || target === source)
        throw invalidParams('Invalid params: every target must be another app in this pipeline.');
      return target;
    });
    const from = world.currentRelease(source);
    if (!from?.slugId) throw invalidParams(`Couldn't find a release to promote on ${source.name}.`);
    const now = timestamp();
    const promotion: PromotionRecord = {
      id: randomUUID(),
      pipelineId: p.id,
      sourceAppId: source.id,
      sourceReleaseId: from.id,
      status: 'pending',
      createdAt: now,
      updatedAt: now,
      targets: targets.map((t) => ({
        id: randomUUID(),
        appId: t.id,
        releaseId: null,
        status: 'pending',
        errorMessage: null,
      })),
    };
    world.promotions.set(promotion.id, promotion);
    lifecycle.promote(promotion);
    return ok(json.promotionJson(promotion), 201);
  });
  const promotion = (id: string) => {
    const p = world.promotions.get(id);
    if (!p) throw notFound('pipeline promotion', 'promotion');
    return p;
  };
  on('GET', '/pipeline-promotions/:id', (ctx) => ok(json.promotionJson(promotion(ctx.params.id!))));
  on('GET', '/pipeline-promotions/:id/promotion-targets', (ctx) => {
    const p = promotion(ctx.params.id!);
    return list(
      ctx,
      p.targets,
      ['id'],
      (t) => t.id,
      (t) => json.promotionTargetJson(p, t),
    );
  });

  function formationOf(a: AppRecord, type: string) {
    const f = a.formation.get(type) ?? [...a.formation.values()].find((x) => x.id === type);
    if (!f) throw new HerokuError(404, 'not_found', `Couldn't find that process type (${type}).`, 'formation');
    return f;
  }

  /** Checks one update completely before anything changes; returns what applies it. */
  function planUpdate(a: AppRecord, update: unknown) {
    const u = (update ?? {}) as { type?: unknown; quantity?: unknown; size?: unknown };
    if (typeof u.type !== 'string') throw invalidParams("Invalid params: every update needs a 'type'.");
    const f = formationOf(a, u.type);
    if (
      u.quantity !== undefined &&
      (typeof u.quantity !== 'number' || !Number.isInteger(u.quantity) || u.quantity < 0)
    ) {
      throw invalidParams(`Invalid params: quantity for ${u.type} must be a whole number, 0 or more.`);
    }
    let size: string | undefined;
    if (u.size !== undefined) {
      if (typeof u.size !== 'string' || !SIZES.includes(u.size.toLowerCase()))
        throw invalidParams(`Invalid params: there is no dyno size ${String(u.size)}.`);
      size = u.size.replace(/(^|-)(\w)/g, (_, dash: string, c: string) => dash + c.toUpperCase()).replace(/x$/, 'X');
    }
    return () => {
      if (typeof u.quantity === 'number') f.quantity = u.quantity;
      if (size) f.size = size;
      f.updatedAt = timestamp();
      return f;
    };
  }

  function fit(a: AppRecord) {
    lifecycle.boot(a, world.fitDynos(a));
  }

  return routes;
}

/** The blob id of a URL this server handed out; undefined for any other URL. */
export function blobId(url: string, base: string): string | undefined {
  try {
    const u = new URL(url);
    if (u.origin !== new URL(base).origin) return undefined;
    return /^\/__blobs\/([\w-]+)$/.exec(u.pathname)?.[1];
  } catch {
    return undefined;
  }
}
