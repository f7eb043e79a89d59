// The Heroku Platform API subset the deck uses, answered by the local engine.
import { invalidParams, notFound } from './api-error.js';
import { objectBody, optionalString, stringField } from './body.js';
import type { ListSpec, Route } from './http-api.js';
import {
  appJson,
  buildJson,
  couplingJson,
  dynoJson,
  formationJson,
  pipelineJson,
  promotionJson,
  promotionTargetJson,
  releaseJson,
  slugJson,
  type Urls,
} from './serializers.js';
import type { EngineCore } from '../platform/engine-core.js';
import type { LogSessions } from '../logs/log-sessions.js';
import type { RateLimiter } from './rate-limit.js';
import { currentRelease } from '../state/engine-state.js';

const byId: ListSpec<{ id?: string; name?: string }> = {
  fields: ['id', 'name'],
  defaultField: 'id',
  key: (item, field) => String((item as Record<string, unknown>)[field] ?? ''),
};
const byVersion: ListSpec<{ id?: string; version?: number }> = {
  fields: ['id', 'version'],
  defaultField: 'version',
  key: (item, field) => (field === 'version' ? (item.version ?? 0) : String(item.id ?? '')),
};
const byCreated: ListSpec<{ id?: string; created_at?: string }> = {
  fields: ['id', 'created_at'],
  defaultField: 'created_at',
  key: (item, field) => String((item as Record<string, unknown>)[field] ?? ''),
};

export function engineRoutes(
  core: EngineCore,
  sessions: LogSessions,
  limiter: RateLimiter,
  urls: Urls,
  control: { shutdown(): void; pid: number; startedAt: number; instanceId: string },
): Route[] {
  const data = core.state;
  const list = <T>(spec: ListSpec<T>) => spec as unknown as ListSpec<never>;
  const formationList = (app: ReturnType<EngineCore['getApp']>) => {
    const release = currentRelease(app);
    const types = release?.slugId ? (data.slugs[release.slugId]?.processTypes ?? {}) : {};
    return Object.entries(app.formation).map(([type, f]) => formationJson(app, type, f, types[type]));
  };

  return [
    {
      method: 'GET',
      path: '/account',
      handle: () => ({ body: { id: '00000000-0000-0000-0000-000000000002', email: core.user, name: core.user } }),
    },
    { method: 'GET', path: '/account/rate-limits', handle: () => ({ body: { remaining: limiter.remaining() } }) },

    { method: 'GET', path: '/apps', list: list(byId), handle: () => data.apps.map((a) => appJson(a, data, urls)) },
    {
      method: 'GET',
      path: '/apps/:app',
      handle: ({ params }) => ({ body: appJson(core.getApp(params.app!), data, urls) }),
    },
    {
      method: 'PATCH',
      path: '/apps/:app',
      handle: ({ params, body }) => {
        const b = objectBody(body);
        if (b.maintenance === undefined) throw invalidParams('only "maintenance" can be changed on the local engine');
        if (typeof b.maintenance !== 'boolean') throw invalidParams('maintenance must be true or false');
        return { body: appJson(core.setMaintenance(params.app!, b.maintenance), data, urls) };
      },
    },

    {
      method: 'GET',
      path: '/apps/:app/config-vars',
      handle: ({ params }) => ({ body: core.getApp(params.app!).configVars }),
    },
    {
      method: 'PATCH',
      path: '/apps/:app/config-vars',
      handle: async ({ params, body }) => {
        const b = objectBody(body);
        for (const [key, value] of Object.entries(b)) {
          if (value !== null && typeof value !== 'string')
            throw invalidParams(`config var ${key.slice(0, 40)} must be text or null`);
        }
        return { body: await core.updateConfigVars(params.app!, b as Record<string, string | null>) };
      },
    },

    { method: 'GET', path: '/apps/:app/formation', handle: ({ params }) => formationList(core.getApp(params.app!)) },
    {
      method: 'GET',
      path: '/apps/:app/formation/:type',
      handle: ({ params }) => {
        const found = formationList(core.getApp(params.app!)).find((f) => f.type === params.type);
        if (!found) throw notFound('process type');
        return { body: found };
      },
    },
    {
      method: 'PATCH',
      path: '/apps/:app/formation',
      handle: async ({ params, body }) => {
        const updates = objectBody(body).updates;
        if (!Array.isArray(updates) || updates.length === 0)
          throw invalidParams('updates must be a list like [{"type":"web","quantity":2}]');
        const app = await core.updateFormation(params.app!, updates.map(readFormationUpdate));
        return formationList(app).filter((f) => updates.some((u) => (u as { type?: string }).type === f.type));
      },
    },
    {
      method: 'PATCH',
      path: '/apps/:app/formation/:type',
      handle: async ({ params, body }) => {
        const update = readFormationUpdate({ ...objectBody(body), type: params.type });
        const app = await core.updateFormation(params.app!, [update]);
        return { body: formationList(app).find((f) => f.type === params.type) };
      },
    },

    {
      method: 'GET',
      path: '/apps/:app/dynos',
      handle: ({ params }) => {
        const { app, dynos } = core.dynos(params.app!);
        return dynos.map((d) =>
          dynoJson(
            app,
            d,
            app.releases.find((r) => r.version === d.releaseVersion),
          ),
        );
      },
    },
    {
      method: 'GET',
      path: '/apps/:app/dynos/:dyno',
      handle: ({ params }) => {
        const { app, dynos } = core.dynos(params.app!);
        const d = dynos.find((x) => x.name === params.dyno || x.id === params.dyno);
        if (!d) throw notFound('dyno');
        return {
          body: dynoJson(
            app,
            d,
            app.releases.find((r) => r.version === d.releaseVersion),
          ),
        };
      },
    },
    {
      method: 'DELETE',
      path: '/apps/:app/dynos',
      handle: ({ params }) => (core.restart(params.app!), { status: 202, body: {} }),
    },
    {
      method: 'DELETE',
      path: '/apps/:app/dynos/:dyno',
      handle: ({ params }) => (core.restart(params.app!, params.dyno), { status: 202, body: {} }),
    },

    {
      method: 'POST',
      path: '/sources',
      handle: () => {
        const s = core.createSource();
        return {
          status: 201,
          body: { source_blob: { put_url: `${urls.base}${s.putPath}`, get_url: `${urls.base}${s.getPath}` } },
        };
      },
    },
    {
      method: 'PUT',
      path: '/sources/:id/blob',
      auth: false,
      raw: true,
      handle: async ({ params, req }) => {
        await core.receiveSource(params.id!, req);
        return { body: {} };
      },
    },

    {
      method: 'POST',
      path: '/apps/:app/builds',
      handle: ({ params, body }) => {
        const b = objectBody(body);
        const url = stringField(b, 'source_blob.url');
        const version = optionalString((b.source_blob ?? {}) as Record<string, unknown>, 'version');
        const app = core.getApp(params.app!);
        return { status: 201, body: buildJson(app, core.createBuild(app.id, { url, version }), urls) };
      },
    },
    {
      method: 'GET',
      path: '/apps/:app/builds',
      list: list(byCreated),
      handle: ({ params }) => {
        const app = core.getApp(params.app!);
        return Object.values(data.builds)
          .filter((b) => b.appId === app.id)
          .map((b) => buildJson(app, b, urls));
      },
    },
    {
      method: 'GET',
      path: '/apps/:app/builds/:id',
      handle: ({ params }) => {
        const app = core.getApp(params.app!);
        const build = data.builds[params.id!];
        if (!build || build.appId !== app.id) throw notFound('build');
        return { body: buildJson(app, build, urls) };
      },
    },
    {
      method: 'GET',
      path: '/apps/:app/slugs/:id',
      handle: ({ params }) => {
        const slug = slugJson(core.getApp(params.app!), data, params.id!);
        if (!slug) throw notFound('slug');
        return { body: slug };
      },
    },

    {
      method: 'GET',
      path: '/apps/:app/releases',
      list: list(byVersion),
      handle: ({ params }) => {
        const app = core.getApp(params.app!);
        return app.releases.map((r) => releaseJson(app, r, urls));
      },
    },
    {
      method: 'GET',
      path: '/apps/:app/releases/:release',
      handle: ({ params }) => {
        const app = core.getApp(params.app!);
        const ref = params.release!;
        const r = app.releases.find((x) => x.id === ref || String(x.version) === ref || `v${x.version}` === ref);
        if (!r) throw notFound('release');
        return { body: releaseJson(app, r, urls) };
      },
    },
    {
      method: 'POST',
      path: '/apps/:app/releases',
      handle: async ({ params, body }) => {
        const app = core.getApp(params.app!);
        const release = await core.rollback(app.id, stringField(objectBody(body), 'release'));
        return { status: 201, body: releaseJson(core.getApp(app.id), release, urls) };
      },
    },

    { method: 'GET', path: '/pipelines', handle: () => [pipelineJson(data)] },
    {
      method: 'GET',
      path: '/pipelines/:pipeline',
      handle: ({ params }) => {
        if (params.pipeline !== data.pipeline.id && params.pipeline !== data.pipeline.name) throw notFound('pipeline');
        return { body: pipelineJson(data) };
      },
    },
    {
      method: 'GET',
      path: '/pipelines/:pipeline/pipeline-couplings',
      handle: ({ params }) => {
        if (params.pipeline !== data.pipeline.id && params.pipeline !== data.pipeline.name) throw notFound('pipeline');
        return data.apps.map((a) => couplingJson(a, data));
      },
    },
    { method: 'GET', path: '/pipeline-couplings', handle: () => data.apps.map((a) => couplingJson(a, data)) },
    {
      method: 'GET',
      path: '/apps/:app/pipeline-couplings',
      handle: ({ params }) => ({ body: couplingJson(core.getApp(params.app!), data) }),
    },
    {
      method: 'POST',
      path: '/pipeline-promotions',
      handle: ({ body }) => {
        const b = objectBody(body);
        const pipeline = stringField(b, 'pipeline.id');
        if (pipeline !== data.pipeline.id && pipeline !== data.pipeline.name) throw notFound('pipeline');
        const source = stringField(b, 'source.app.id');
        const targets = b.targets;
        if (!Array.isArray(targets) || targets.length === 0)
          throw invalidParams('targets must list at least one {"app":{"id":...}}');
        const targetIds = targets.map((t, i) => {
          const id = (t as { app?: { id?: unknown } } | null)?.app?.id;
          if (typeof id !== 'string' || id === '') throw invalidParams(`targets[${i}].app.id is required`);
          return id;
        });
        return { status: 201, body: promotionJson(core.promote(source, targetIds), data) };
      },
    },
    {
      method: 'GET',
      path: '/pipeline-promotions/:id',
      handle: ({ params }) => {
        const p = data.promotions[params.id!];
        if (!p) throw notFound('promotion');
        return { body: promotionJson(p, data) };
      },
    },
    {
      method: 'GET',
      path: '/pipeline-promotions/:id/promotion-targets',
      handle: ({ params }) => {
        const p = data.promotions[params.id!];
        if (!p) throw notFound('promotion');
        return p.targets.map((t) => promotionTargetJson(p, t));
      },
    },

    {
      method: 'POST',
      path: '/apps/:app/log-sessions',
      handle: ({ params, body }) => {
        const app = core.getApp(params.app!);
        const b = objectBody(body);
        const source = optionalString(b, 'source');
        if (source !== undefined && source !== 'app' && source !== 'heroku')
          throw invalidParams('source must be "app" or "heroku"');
        const lines = b.lines;
        if (lines !== undefined && (typeof lines !== 'number' || !Number.isInteger(lines) || lines < 0))
          throw invalidParams('lines must be a whole number');
        if (b.tail !== undefined && typeof b.tail !== 'boolean') throw invalidParams('tail must be true or false');
        const session = sessions.create(app.name, {
          tail: b.tail as boolean | undefined,
          lines: lines as number | undefined,
          source,
          dyno: optionalString(b, 'dyno'),
        });
        return { status: 201, body: session };
      },
    },
    {
      method: 'GET',
      path: '/log-sessions/:id',
      auth: false,
      handle: ({ params, req, res }) => (sessions.handle(params.id!, req, res), { handled: true }),
    },
    {
      method: 'GET',
      path: '/streams/:id',
      auth: false,
      handle: ({ params, req, res }) => (core.outputs.handle(params.id!, req, res), { handled: true }),
    },

    // dynodeck's own. Clients ask who answers on the port before they send the token:
    // a stale engine.json may name a port that another program holds now.
    {
      method: 'GET',
      path: '/engine/identity',
      auth: false,
      handle: () => ({ body: { instance_id: control.instanceId, pid: control.pid } }),
    },
    // What `dynodeck engine status` and the deck show.
    {
      method: 'GET',
      path: '/engine',
      handle: () => ({
        body: {
          pid: control.pid,
          started_at: new Date(control.startedAt).toISOString(),
          pipeline: data.pipeline.name,
          apps: data.apps.map((a) => ({
            name: a.name,
            env: a.env,
            stage: a.stage,
            web_url: urls.routerUrl(a),
            release: currentRelease(a)?.version ?? null,
          })),
        },
      }),
    },
    { method: 'POST', path: '/engine/shutdown', handle: () => (control.shutdown(), { status: 202, body: {} }) },
  ];
}

function readFormationUpdate(raw: unknown): { type: string; quantity?: number; size?: string } {
  const u = objectBody(raw);
  const type = stringField(u, 'type');
  if (u.quantity !== undefined && typeof u.quantity !== 'number')
    throw invalidParams(`quantity for ${type} must be a number`);
  return { type, quantity: u.quantity as number | undefined, size: optionalString(u, 'size') };
}
