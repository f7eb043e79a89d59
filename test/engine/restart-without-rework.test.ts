// An engine start brings every environment back at its last release without redoing what
// was done: no new build, no new release, and no second run of a release phase that
// succeeded (a dyno restart on Heroku does not re-run release either). The release phase of
// the fixture app inserts a row per run into the environment's database: the count is the proof.
import pg from 'pg';
import type * as Heroku from '@heroku-cli/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchText, startHarness, type Harness } from '../helpers/engine-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 90_000);
afterAll(() => h?.close(), 60_000);

async function releasePhaseRuns(app: string): Promise<string[]> {
  const vars = await h.get<Record<string, string>>(`/apps/${app}/config-vars`);
  const client = new pg.Client({ connectionString: vars.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<{ version: string }>('select version from deployed')).rows.map((r) => r.version);
  } finally {
    await client.end();
  }
}

async function upDynos(app: string): Promise<string[]> {
  const dynos = await h.get<Heroku.Dyno[]>(`/apps/${app}/dynos`);
  return dynos.map((d) => `${d.type}:${d.state}:v${d.release?.version}`).sort();
}

describe('an engine restart', () => {
  it('brings staging and production back at their releases, both serving, without re-running their release phases or builds', async () => {
    expect((await h.deploy('fixture-staging', 'main')).ok).toBe(true);
    expect((await h.deploy('fixture-production', 'two')).ok).toBe(true);
    expect(await releasePhaseRuns('fixture-staging')).toEqual(['one']);
    expect(await releasePhaseRuns('fixture-production')).toEqual(['two']);
    const builds = async () =>
      (await h.get<Heroku.Build[]>('/apps/fixture-staging/builds')).length +
      (await h.get<Heroku.Build[]>('/apps/fixture-production/builds')).length;
    const buildsBefore = await builds();
    const releasesBefore = (await h.get<Heroku.Release[]>('/apps/fixture-production/releases')).length;

    await h.restartEngine();

    // The engine answers once every environment serves again: no waiting needed here.
    expect((await fetchText(await h.url('fixture-staging'))).text).toMatch(/^one web\.1$/);
    expect((await fetchText(await h.url('fixture-production'))).text).toMatch(/^two web\.1$/);
    expect(await upDynos('fixture-staging')).toEqual(['web:up:v1']);
    expect(await upDynos('fixture-production')).toEqual(['web:up:v1']);
    expect(await releasePhaseRuns('fixture-staging')).toEqual(['one']);
    expect(await releasePhaseRuns('fixture-production')).toEqual(['two']);
    expect(await builds()).toBe(buildsBefore);
    expect((await h.get<Heroku.Release[]>('/apps/fixture-production/releases')).length).toBe(releasesBefore);
  }, 120_000);
});
