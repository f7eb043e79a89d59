// Deploys through the real heroku-client against the local engine on a real git repo.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Heroku from '@heroku-cli/schema';
import { startHarness, fetchText, type Harness } from '../helpers/engine-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  const first = await h.deploy('fixture-staging', 'main');
  if (!first.ok) throw new Error(`first deploy failed: ${first.reason}`);
  // A new project's cluster is initialised on the engine's first start: seconds on a loaded machine.
}, 120_000);
afterAll(() => h.close());

const serving = async (app = 'fixture-staging') => (await fetchText(await h.url(app))).text;

/** Rows of a query on the app's own database, read with its DATABASE_URL. */
async function query<T extends pg.QueryResultRow>(app: string, sql: string): Promise<T[]> {
  const config = await h.get<Record<string, string>>(`/apps/${app}/config-vars`);
  const client = new pg.Client({ connectionString: config.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const columns = (app: string) =>
  query<{ column_name: string }>(
    app,
    "select column_name from information_schema.columns where table_schema = 'public' order by table_name, column_name",
  );

describe('deploys on the local engine', () => {
  it('a deploy builds, runs the release phase against the database and serves the new code', async () => {
    const result = await h.deploy('fixture-staging', 'two');
    expect(result).toMatchObject({ ok: true, release: { status: 'succeeded', current: true } });
    expect(await serving()).toBe('two web.1');
    const config = await h.get<Record<string, string>>('/apps/fixture-staging/config-vars');
    expect(config.DATABASE_URL).toMatch(
      /^postgres:\/\/fixture_staging:[0-9a-f]{48}@127\.0\.0\.1:\d+\/fixture_staging$/,
    );
    expect(
      (await query<{ version: string }>('fixture-staging', 'select version from deployed')).map((r) => r.version),
    ).toEqual(['one', 'two']);
    const releases = await h.get<Heroku.Release[]>('/apps/fixture-staging/releases', {
      Range: 'version ..; order=desc, max=1',
    });
    expect(releases[0]).toMatchObject({
      version: result.ok ? result.release.version : -1,
      current: true,
      description: expect.stringMatching(/^Deploy [0-9a-f]{7}$/),
    });
  });

  it('a failed build leaves the old release serving', async () => {
    const before = await serving();
    const result = await h.deploy('fixture-staging', 'fail-build');
    expect(result).toMatchObject({
      ok: false,
      stage: 'build',
      reason: 'build command "sh build.sh" exited with status 1',
    });
    expect(await serving()).toBe(before);
  });

  it('a failed release phase marks the release failed, the old one keeps serving and the schema is as it was', async () => {
    const before = await serving();
    const schema = await columns('fixture-staging');
    const result = await h.deploy('fixture-staging', 'fail-release');
    expect(result).toMatchObject({
      ok: false,
      stage: 'release',
      reason: 'the release phase (node release.js) exited with status 1',
    });
    expect(result.release).toMatchObject({ status: 'failed', current: false });
    expect(await serving()).toBe(before);
    expect(await columns('fixture-staging')).toEqual(schema);
    expect(schema.map((c) => c.column_name)).not.toContain('customer');
  });

  it('a release whose web process never answers fails its health check and the old one keeps serving', async () => {
    const before = await serving();
    const result = await h.deploy('fixture-staging', 'no-boot');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/did not start: web\.1 crashed while booting/);
    expect(await serving()).toBe(before);
    const dynos = await h.get<Heroku.Dyno[]>('/apps/fixture-staging/dynos');
    expect(dynos.map((d) => `${d.name}:${d.state}`)).toEqual(['web.1:up']);
  }, 20_000);

  it('a rollback makes a new release from an earlier slug', async () => {
    const releases = await h.get<Heroku.Release[]>('/apps/fixture-staging/releases', { Range: 'version ..; max=1000' });
    const v1 = releases.find((r) => r.version === 1)!;
    const rollback = (await h.api.client.post('/apps/fixture-staging/releases', {
      body: { release: v1.id },
    })) as Heroku.Release;
    expect(rollback).toMatchObject({ description: 'Rollback to v1', slug: { id: v1.slug?.id } });
    await expect.poll(() => serving(), { timeout: 10_000 }).toBe('one web.1');
    const after = await h.get<Heroku.Release>(`/apps/fixture-staging/releases/${rollback.id}`);
    expect(after).toMatchObject({ status: 'succeeded', current: true });
  });

  it("a promotion copies staging's slug to production without a rebuild", async () => {
    const pipelines = await h.get<Heroku.Pipeline[]>('/pipelines');
    const apps = await h.get<Heroku.App[]>('/apps');
    const id = (name: string) => apps.find((a) => a.name === name)!.id!;
    const staging = (
      await h.get<Heroku.Release[]>('/apps/fixture-staging/releases', { Range: 'version ..; order=desc, max=1' })
    )[0]!;
    const promotion = (await h.api.client.post('/pipeline-promotions', {
      body: {
        pipeline: { id: pipelines[0]!.id },
        source: { app: { id: id('fixture-staging') } },
        targets: [{ app: { id: id('fixture-production') } }],
      },
    })) as Heroku.PipelinePromotion;
    await expect
      .poll(
        async () => h.get<Heroku.PipelinePromotionTarget[]>(`/pipeline-promotions/${promotion.id}/promotion-targets`),
        { timeout: 15_000 },
      )
      .toSatisfy((t: Heroku.PipelinePromotionTarget[]) => t.every((x) => x.status !== 'pending'));
    const [target] = await h.get<Heroku.PipelinePromotionTarget[]>(
      `/pipeline-promotions/${promotion.id}/promotion-targets`,
    );
    expect(target).toMatchObject({ status: 'succeeded', error_message: null });
    const production = await h.get<Heroku.Release>(`/apps/fixture-production/releases/${target!.release!.id}`);
    expect(production.slug?.id).toBe(staging.slug?.id);
    expect(production.description).toBe(`Promote fixture-staging v${staging.version}`);
    expect(await serving('fixture-production')).toBe((await serving()).replace(/web\.\d/, 'web.1'));
  });

  it('the pipeline lists its apps by stage', async () => {
    const [pipeline] = await h.get<Heroku.Pipeline[]>('/pipelines');
    const couplings = await h.get<Heroku.PipelineCoupling[]>(`/pipelines/${pipeline!.id}/pipeline-couplings`);
    expect(couplings.map((c) => c.stage)).toEqual(['development', 'staging', 'production']);
  });
});
