// Engine records as the Heroku Platform API shapes them (typed with @heroku-cli/schema,
// the published schema's types), so heroku-client and the deck read them unchanged.
import type * as Heroku from '@heroku-cli/schema';
import type { AppRecord, BuildRecord, EngineStateData, PromotionRecord, ReleaseRecord } from '../state/engine-state.js';

export interface Urls {
  base: string;
  routerUrl(app: AppRecord): string;
}

export function appJson(app: AppRecord, data: EngineStateData, urls: Urls): Heroku.App {
  return {
    id: app.id,
    name: app.name,
    created_at: app.createdAt,
    updated_at: app.updatedAt,
    released_at: app.releases.find((r) => r.id === app.currentReleaseId)?.updatedAt ?? null,
    maintenance: app.maintenance,
    web_url: urls.routerUrl(app),
    stack: { id: '00000000-0000-0000-0000-000000000024', name: 'local' },
    build_stack: { id: '00000000-0000-0000-0000-000000000024', name: 'local' },
    region: { id: '00000000-0000-0000-0000-000000000001', name: 'local' },
    owner: { id: '00000000-0000-0000-0000-000000000002', email: 'local@dynodeck' },
    slug_size: null,
    repo_size: null,
    pipeline: { id: data.pipeline.id },
  };
}

export function formationJson(
  app: AppRecord,
  type: string,
  f: AppRecord['formation'][string],
  command: string | undefined,
): Heroku.Formation {
  return {
    id: f.id,
    app: { id: app.id, name: app.name },
    type,
    quantity: f.quantity,
    size: f.size,
    command: command ?? '',
    created_at: f.createdAt,
    updated_at: f.updatedAt,
  };
}

export function dynoJson(
  app: AppRecord,
  d: {
    id: string;
    name: string;
    type: string;
    state: string;
    command: string;
    startedAt: number;
    releaseVersion: number;
  },
  release: ReleaseRecord | undefined,
): Heroku.Dyno {
  return {
    id: d.id,
    name: d.name,
    type: d.type,
    state: d.state,
    command: d.command,
    size: 'standard-1X',
    attach_url: null,
    app: { id: app.id, name: app.name },
    release: { id: release?.id, version: d.releaseVersion },
    created_at: new Date(d.startedAt).toISOString(),
    updated_at: new Date(d.startedAt).toISOString(),
  };
}

export function releaseJson(
  app: AppRecord,
  r: ReleaseRecord,
  urls: Urls,
): Heroku.Release & { failure_reason?: string } {
  return {
    id: r.id,
    version: r.version,
    status: r.status,
    description: r.description,
    current: app.currentReleaseId === r.id,
    slug: r.slugId ? { id: r.slugId } : null,
    app: { id: app.id, name: app.name },
    user: { id: '00000000-0000-0000-0000-000000000002', email: r.user },
    addon_plan_names: [],
    output_stream_url: r.outputId ? `${urls.base}/streams/${r.outputId}` : null,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
    // Not in Heroku's schema: why a failed release failed, in words.
    ...(r.failure ? { failure_reason: r.failure } : {}),
  };
}

export function buildJson(app: AppRecord, b: BuildRecord, urls: Urls): Heroku.Build & { failure_reason?: string } {
  return {
    id: b.id,
    app: { id: app.id },
    status: b.status,
    source_blob: { url: b.sourceUrl, version: b.version, checksum: null },
    output_stream_url: `${urls.base}/streams/${b.outputId}`,
    slug: b.slugId ? { id: b.slugId } : null,
    release: b.releaseId ? { id: b.releaseId } : undefined,
    user: { id: '00000000-0000-0000-0000-000000000002', email: b.user },
    buildpacks: [],
    stack: 'local',
    created_at: b.createdAt,
    updated_at: b.updatedAt,
    ...(b.failure ? { failure_reason: b.failure } : {}),
  };
}

export function slugJson(app: AppRecord, data: EngineStateData, slugId: string): Heroku.Slug | undefined {
  const s = data.slugs[slugId];
  if (!s) return undefined;
  return {
    id: s.id,
    commit: s.commit,
    commit_description: null,
    process_types: s.processTypes,
    size: s.size,
    stack: { id: '00000000-0000-0000-0000-000000000024', name: 'local' },
    buildpack_provided_description: 'dynodeck local engine',
    checksum: null,
    created_at: s.createdAt,
    updated_at: s.createdAt,
  };
}

export function pipelineJson(data: EngineStateData): Heroku.Pipeline {
  return {
    id: data.pipeline.id,
    name: data.pipeline.name,
    created_at: data.pipeline.createdAt,
    updated_at: data.pipeline.createdAt,
  };
}

export function couplingJson(app: AppRecord, data: EngineStateData): Heroku.PipelineCoupling {
  return {
    id: app.couplingId,
    app: { id: app.id },
    pipeline: { id: data.pipeline.id },
    stage: app.stage,
    created_at: app.createdAt,
    updated_at: app.updatedAt,
  };
}

export function promotionJson(p: PromotionRecord, data: EngineStateData): Heroku.PipelinePromotion {
  return {
    id: p.id,
    pipeline: { id: data.pipeline.id },
    source: { app: { id: p.sourceAppId }, release: { id: p.sourceReleaseId } },
    status: p.status,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
  };
}

export function promotionTargetJson(
  p: PromotionRecord,
  t: PromotionRecord['targets'][number],
): Heroku.PipelinePromotionTarget {
  return {
    id: t.id,
    app: { id: t.appId },
    release: t.releaseId ? { id: t.releaseId } : undefined,
    pipeline_promotion: { id: p.id },
    status: t.status,
    error_message: t.errorMessage,
  };
}
