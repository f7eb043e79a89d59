// The server's world, in memory: one pipeline, its apps and everything the adapter
// reads about them. Records are plain data; serialize.ts turns them into API shapes.
import { randomUUID } from 'node:crypto';
import { forbidden, notFound } from './errors.js';
import type { DynoField, HerokuTestServerOptions, ReleaseField, SeedApp, SeedRelease, Stage } from './options.js';

export type Status = 'pending' | 'succeeded' | 'failed';

export interface SlugRecord {
  id: string;
  commit: string | null;
  description: string | null;
  processTypes: Record<string, string>;
  size: number;
  createdAt: string;
}

export interface ReleaseRecord {
  id: string;
  version: number;
  description: string;
  status: Status;
  slugId: string | null;
  user: { id: string; email: string };
  createdAt: string;
  updatedAt: string;
  outputStreamUrl: string | null;
  /** Fields its body leaves out. */
  without?: ReleaseField[];
}

export interface BuildRecord {
  id: string;
  status: Status;
  sourceUrl: string;
  version: string | null;
  outputStreamUrl: string;
  slugId: string | null;
  releaseId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface FormationRecord {
  id: string;
  type: string;
  quantity: number;
  size: string;
  command: string;
  createdAt: string;
  updatedAt: string;
}

export interface DynoRecord {
  id: string;
  name: string;
  type: string;
  size: string;
  command: string;
  state: 'starting' | 'up' | 'idle' | 'crashed' | 'down';
  releaseId: string | null;
  releaseVersion: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface LogEntry {
  seq: number;
  line: string;
}

export interface AppRecord {
  id: string;
  name: string;
  stage?: Stage;
  couplingId: string;
  branch?: string;
  prNumber?: number;
  reviewAppId: string;
  maintenance: boolean;
  forbidden: boolean;
  releasePhase: boolean;
  releasesWithout: ReleaseField[];
  dynosWithout: DynoField[];
  createdAt: string;
  updatedAt: string;
  formation: Map<string, FormationRecord>;
  dynos: DynoRecord[];
  releases: ReleaseRecord[];
  slugs: Map<string, SlugRecord>;
  builds: Map<string, BuildRecord>;
  configVars: Record<string, string>;
  logs: LogEntry[];
}

export interface PromotionTargetRecord {
  id: string;
  appId: string;
  releaseId: string | null;
  status: Status;
  errorMessage: string | null;
}

export interface PromotionRecord {
  id: string;
  pipelineId: string;
  sourceAppId: string;
  sourceReleaseId: string;
  status: 'pending' | 'completed';
  createdAt: string;
  updatedAt: string;
  targets: PromotionTargetRecord[];
}

/** Heroku's timestamps: seconds, UTC. */
export const timestamp = (ms = Date.now()) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

const fakeSha = (n: number, app: string) => {
  let h = 0x811c9dc5;
  for (const c of `${app}:${n}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0').repeat(5).slice(0, 40);
};

export class World {
  readonly pipeline: { id: string; name: string; createdAt: string };
  readonly apps: AppRecord[] = [];
  readonly promotions = new Map<string, PromotionRecord>();
  readonly user: { id: string; email: string };

  constructor(options: HerokuTestServerOptions) {
    this.user = { id: options.user?.id ?? randomUUID(), email: options.user?.email ?? 'dev@example.com' };
    this.pipeline = {
      id: options.pipeline?.id ?? randomUUID(),
      name: options.pipeline?.name ?? 'pipeline',
      createdAt: timestamp(Date.now() - 86_400_000 * 30),
    };
    for (const seed of options.apps ?? []) this.apps.push(this.seedApp(seed));
  }

  /** An app by id or name; 404 when unknown, 403 when the token cannot see it. */
  app(idOrName: string): AppRecord {
    const app = this.apps.find((a) => a.id === idOrName || a.name === idOrName);
    if (!app) throw notFound('app');
    if (app.forbidden) throw forbidden(`You do not have access to the app ${app.name}.`);
    return app;
  }

  currentRelease(app: AppRecord): ReleaseRecord | undefined {
    for (let i = app.releases.length - 1; i >= 0; i--)
      if (app.releases[i]!.status === 'succeeded') return app.releases[i];
    return undefined;
  }

  release(app: AppRecord, idOrVersion: string): ReleaseRecord {
    const byVersion = /^\d+$/.test(idOrVersion) ? Number(idOrVersion) : undefined;
    const found = app.releases.find((r) => r.id === idOrVersion || r.version === byVersion);
    if (!found) throw notFound('release');
    return found;
  }

  /** A new release record (the caller runs its release phase). */
  addRelease(app: AppRecord, fields: { description: string; slugId: string | null }): ReleaseRecord {
    const now = timestamp();
    const release: ReleaseRecord = {
      id: randomUUID(),
      version: (app.releases[app.releases.length - 1]?.version ?? 0) + 1,
      description: fields.description,
      status: 'pending',
      slugId: fields.slugId,
      user: this.user,
      createdAt: now,
      updatedAt: now,
      outputStreamUrl: null,
    };
    app.releases.push(release);
    return release;
  }

  addSlug(
    app: AppRecord,
    fields: { commit: string | null; description?: string | null; processTypes: Record<string, string>; size?: number },
  ): SlugRecord {
    const slug: SlugRecord = {
      id: randomUUID(),
      commit: fields.commit,
      description: fields.description ?? null,
      processTypes: fields.processTypes,
      size: fields.size ?? 30_000_000,
      createdAt: timestamp(),
    };
    app.slugs.set(slug.id, slug);
    return slug;
  }

  /** Brings the dynos in line with the formation: extra ones stop, missing ones start. */
  fitDynos(app: AppRecord, state: DynoRecord['state'] = 'starting'): DynoRecord[] {
    const current = this.currentRelease(app);
    const started: DynoRecord[] = [];
    const kept: DynoRecord[] = [];
    for (const f of app.formation.values()) {
      for (let i = 1; i <= f.quantity; i++) {
        const name = `${f.type}.${i}`;
        const existing = app.dynos.find((d) => d.name === name);
        if (existing) {
          existing.size = f.size;
          kept.push(existing);
          continue;
        }
        const now = timestamp();
        const dyno: DynoRecord = {
          id: randomUUID(),
          name,
          type: f.type,
          size: f.size,
          command: f.command,
          state,
          releaseId: current?.id ?? null,
          releaseVersion: current?.version ?? null,
          createdAt: now,
          updatedAt: now,
        };
        kept.push(dyno);
        started.push(dyno);
      }
    }
    app.dynos = kept;
    return started;
  }

  private seedApp(seed: SeedApp): AppRecord {
    const created = Date.now() - 86_400_000 * 7;
    const app: AppRecord = {
      id: seed.id ?? randomUUID(),
      name: seed.name,
      stage: seed.stage,
      couplingId: randomUUID(),
      branch: seed.branch,
      prNumber: seed.prNumber,
      reviewAppId: randomUUID(),
      maintenance: seed.maintenance ?? false,
      forbidden: seed.forbidden ?? false,
      releasePhase: seed.releasePhase ?? true,
      releasesWithout: seed.releasesWithout ?? [],
      dynosWithout: seed.dynosWithout ?? [],
      createdAt: timestamp(created),
      updatedAt: timestamp(created),
      formation: new Map(),
      dynos: [],
      releases: [],
      slugs: new Map(),
      builds: new Map(),
      configVars: seed.configVars ?? {
        NODE_ENV: 'production',
        DATABASE_URL: `postgres://u:p@db.example.com:5432/${seed.name}`,
      },
      logs: (seed.logs ?? []).map((line, i) => ({ seq: i + 1, line })),
    };
    for (const [type, spec] of Object.entries(seed.formation ?? { web: 1 })) {
      const { quantity, size = 'Basic' } = typeof spec === 'number' ? { quantity: spec } : spec;
      app.formation.set(type, {
        id: randomUUID(),
        type,
        quantity,
        size,
        command: commandFor(type),
        createdAt: app.createdAt,
        updatedAt: app.createdAt,
      });
    }
    const releases: SeedRelease[] = Array.isArray(seed.releases)
      ? seed.releases
      : Array.from({ length: seed.releases ?? 1 }, () => ({}));
    const processTypes = defaultProcessTypes(app.formation.keys(), app.releasePhase);
    releases.forEach((r, i) => {
      const at = timestamp(created + (i + 1) * 60_000);
      const commit = r.commit ?? fakeSha(i + 1, app.name);
      const slug: SlugRecord = {
        id: randomUUID(),
        commit,
        description: null,
        processTypes,
        size: 30_000_000,
        createdAt: at,
      };
      app.slugs.set(slug.id, slug);
      app.releases.push({
        id: randomUUID(),
        version: i + 1,
        description: r.description ?? `Deploy ${commit.slice(0, 8)}`,
        status: r.status ?? 'succeeded',
        slugId: slug.id,
        user: r.user ? { id: randomUUID(), email: r.user } : this.user,
        createdAt: r.createdAt ?? at,
        updatedAt: at,
        outputStreamUrl: null,
        without: r.without,
      });
    });
    this.fitDynos(app, 'up');
    return app;
  }
}

export function commandFor(type: string): string {
  return type === 'web' ? 'npm start' : `npm run ${type}`;
}

export function defaultProcessTypes(types: Iterable<string>, releasePhase: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const type of types) out[type] = commandFor(type);
  if (releasePhase) out.release = 'npm run release';
  return out;
}
