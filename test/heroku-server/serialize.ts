// Records to the Platform API's response shapes, typed with @heroku-cli/schema so the
// server cannot drift from what Heroku documents. Only fields Heroku has are sent.
import type * as Heroku from '@heroku-cli/schema';
import type {
  AppRecord,
  BuildRecord,
  DynoRecord,
  FormationRecord,
  PromotionRecord,
  PromotionTargetRecord,
  ReleaseRecord,
  SlugRecord,
  World,
} from './state.js';

export function appJson(world: World, app: AppRecord): Heroku.App {
  const current = world.currentRelease(app);
  return {
    acm: false,
    archived_at: null,
    buildpack_provided_description: 'Node.js',
    build_stack: { id: '5d2c0a0f-0000-4000-8000-000000000024', name: 'heroku-24' },
    created_at: app.createdAt,
    git_url: `https://git.heroku.com/${app.name}.git`,
    id: app.id,
    internal_routing: null,
    maintenance: app.maintenance,
    name: app.name,
    owner: { email: world.user.email, id: world.user.id },
    organization: null,
    team: null,
    region: { id: '59accabd-516d-4f0e-83e6-6e3757701145', name: 'us' },
    released_at: current?.createdAt ?? null,
    repo_size: null,
    slug_size: 30_000_000,
    space: null,
    stack: { id: '5d2c0a0f-0000-4000-8000-000000000024', name: 'heroku-24' },
    updated_at: app.updatedAt,
    web_url: `https://${app.name}-0123456789ab.herokuapp.com/`,
  };
}

export function releaseJson(world: World, app: AppRecord, r: ReleaseRecord): Heroku.Release {
  return omit([...app.releasesWithout, ...(r.without ?? [])], {
    addon_plan_names: ['heroku-postgresql:essential-0'],
    app: { id: app.id, name: app.name },
    created_at: r.createdAt,
    description: r.description,
    id: r.id,
    updated_at: r.updatedAt,
    slug: r.slugId ? { id: r.slugId } : null,
    status: r.status,
    user: { email: r.user.email, id: r.user.id },
    version: r.version,
    current: world.currentRelease(app)?.id === r.id,
    output_stream_url: r.outputStreamUrl,
  });
}

/** The body without the fields a test asked it to lack. */
function omit<T extends object>(fields: readonly string[], body: T): T {
  const out = { ...body } as Record<string, unknown>;
  for (const field of fields) delete out[field];
  return out as T;
}

export function slugJson(s: SlugRecord): Heroku.Slug {
  return {
    blob: { method: 'GET', url: `https://s3.example.com/slugs/${s.id}.tgz` },
    buildpack_provided_description: 'Node.js',
    checksum: `SHA256:${'0'.repeat(64)}`,
    commit: s.commit,
    commit_description: s.description,
    created_at: s.createdAt,
    id: s.id,
    process_types: s.processTypes,
    size: s.size,
    stack: { id: '5d2c0a0f-0000-4000-8000-000000000024', name: 'heroku-24' },
    updated_at: s.createdAt,
  };
}

// The schema has a build's release as `null | object`; the generated type lost the null.
const NO_RELEASE = null as unknown as Heroku.Build['release'];

export function buildJson(world: World, app: AppRecord, b: BuildRecord): Heroku.Build {
  return {
    app: { id: app.id },
    buildpacks: [{ url: 'heroku/nodejs', name: 'heroku/nodejs' }],
    created_at: b.createdAt,
    id: b.id,
    output_stream_url: b.outputStreamUrl,
    release: b.releaseId ? { id: b.releaseId } : NO_RELEASE,
    slug: b.slugId ? { id: b.slugId } : null,
    source_blob: { checksum: null, url: b.sourceUrl, version: b.version, version_description: null },
    stack: 'heroku-24',
    status: b.status,
    updated_at: b.updatedAt,
    user: { email: world.user.email, id: world.user.id },
  };
}

export function formationJson(app: AppRecord, f: FormationRecord): Heroku.Formation {
  return {
    app: { id: app.id, name: app.name },
    command: f.command,
    created_at: f.createdAt,
    id: f.id,
    quantity: f.quantity,
    size: f.size,
    type: f.type,
    updated_at: f.updatedAt,
  };
}

export function dynoJson(app: AppRecord, d: DynoRecord): Heroku.Dyno {
  return omit(app.dynosWithout, {
    app: { id: app.id, name: app.name },
    attach_url: null,
    command: d.command,
    created_at: d.createdAt,
    id: d.id,
    name: d.name,
    release: d.releaseId ? { id: d.releaseId, version: d.releaseVersion ?? undefined } : undefined,
    size: d.size,
    state: d.state,
    type: d.type,
    updated_at: d.updatedAt,
  });
}

export function pipelineJson(world: World): Heroku.Pipeline {
  const p = world.pipeline;
  return {
    created_at: p.createdAt,
    id: p.id,
    name: p.name,
    owner: { id: world.user.id, type: 'user' },
    updated_at: p.createdAt,
  };
}

export function couplingJson(world: World, app: AppRecord): Heroku.PipelineCoupling {
  return {
    app: { id: app.id },
    created_at: app.createdAt,
    id: app.couplingId,
    pipeline: { id: world.pipeline.id },
    stage: app.stage,
    updated_at: app.createdAt,
  };
}

export function reviewAppJson(world: World, app: AppRecord): Heroku.ReviewApp {
  return {
    app: { id: app.id },
    app_setup: null,
    branch: app.branch ?? app.name,
    created_at: app.createdAt,
    creator: { id: world.user.id },
    error_status: null,
    fork_repo: null,
    id: app.reviewAppId,
    message: null,
    pipeline: { id: world.pipeline.id },
    pr_number: app.prNumber ?? null,
    status: 'created',
    updated_at: app.updatedAt,
    wait_for_ci: false,
  };
}

export function promotionJson(p: PromotionRecord): Heroku.PipelinePromotion {
  return {
    created_at: p.createdAt,
    id: p.id,
    pipeline: { id: p.pipelineId },
    source: { app: { id: p.sourceAppId }, release: { id: p.sourceReleaseId } },
    status: p.status,
    updated_at: p.updatedAt,
  };
}

export function promotionTargetJson(p: PromotionRecord, t: PromotionTargetRecord): Heroku.PipelinePromotionTarget {
  return {
    app: { id: t.appId },
    error_message: t.errorMessage,
    id: t.id,
    pipeline_promotion: { id: p.id },
    release: t.releaseId ? { id: t.releaseId } : null,
    status: t.status,
  };
}
