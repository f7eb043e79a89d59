// What the engine keeps on disk stays bounded: the slugs of each app's last releases
// (here 2, 20 by default), the builds and outputs they need; the rest is deleted, and
// what an interrupted engine left behind is swept when the next one starts.
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Heroku from '@heroku-cli/schema';
import { loadConfig } from '../../src/config/load-config.js';
import { runEngine, type RunningEngine } from '../../src/engine/run-engine.js';
import { createHerokuApi, type HerokuApi } from '../../src/services/heroku/heroku-api.js';
import { deployRef } from '../../src/services/heroku/deploy-ref.js';
import { createFixtureRepo, type FixtureRepo } from '../helpers/engine-fixture.js';
import { eventually, fetchText } from '../helpers/engine-harness.js';

let repo: FixtureRepo;
let engine: RunningEngine;
let api: HerokuApi;
let engineDir: string;

async function start() {
  const loaded = await loadConfig({ cwd: repo.root });
  engine = await runEngine(loaded, {
    timings: { stopGraceMs: 2000, history: { releaseSlugs: 2, builds: 2 } },
  });
  api = createHerokuApi({ url: `http://127.0.0.1:${engine.port}`, token: engine.token });
}

const deploy = async (ref: string) => {
  const result = await deployRef(api, { app: 'fixture-staging', repo: repo.root, ref, pollMs: 50 });
  if (!result.ok) throw new Error(`deploying ${ref} failed: ${result.reason}`);
  return result;
};
const state = async () =>
  JSON.parse(await readFile(path.join(engineDir, 'state.json'), 'utf8')) as {
    slugs: Record<string, unknown>;
    builds: Record<string, { outputId: string }>;
  };

beforeAll(async () => {
  repo = await createFixtureRepo();
  engineDir = path.join(repo.root, '.dynodeck', 'engine');
  await start();
}, 60_000);
afterAll(async () => {
  await engine.stop();
  await repo.cleanup();
});

describe('history kept by the engine', () => {
  it("keeps the slugs of the last releases only, and deletes the others' folders, builds and outputs", async () => {
    await deploy('main');
    await deploy('two');
    const firstSlugs = await readdir(path.join(engineDir, 'slugs'));
    const firstBuilds = Object.values((await state()).builds);
    await deploy('main');

    // The folders are deleted in the background, after the ledger forgot them.
    const slugs = await eventually(async () => {
      const left = await readdir(path.join(engineDir, 'slugs'));
      return left.length === 2 ? left : undefined;
    }, 'two slug folders left');
    expect(Object.keys((await state()).slugs).sort()).toEqual([...slugs].sort());
    const gone = firstSlugs.filter((s) => !slugs.includes(s));
    expect(gone).toHaveLength(1);

    const builds = (await state()).builds;
    expect(Object.keys(builds)).toHaveLength(2);
    const forgotten = firstBuilds.filter((b) => !Object.values(builds).some((k) => k.outputId === b.outputId));
    expect(forgotten).toHaveLength(1);
    const output = path.join(engineDir, 'outputs', `${forgotten[0]!.outputId}.log`);
    await eventually(async () => !existsSync(output), 'the forgotten build output deleted');

    // v1 stays in the history, without its release output; v2 and v3 can still run.
    const releases = (await api.client.get('/apps/fixture-staging/releases')) as Heroku.Release[];
    const v1 = releases.find((r) => r.version === 1)!;
    expect(v1.output_stream_url).toBeNull();
    expect(releases.find((r) => r.version === 2)!.output_stream_url).toMatch(/\/streams\//);
  }, 60_000);

  it('a rollback to a release whose slug was removed says so', async () => {
    const error = await api.client
      .post('/apps/fixture-staging/releases', { body: { release: '1' } })
      .catch((e: { body?: { message?: string } }) => e);
    expect((error as { body?: { message?: string } }).body?.message).toBe(
      "the slug of v1 was removed (the engine keeps those of each app's last 2 releases); roll back to a later release",
    );
    const rollback = (await api.client.post('/apps/fixture-staging/releases', {
      body: { release: '2' },
    })) as Heroku.Release;
    expect(rollback.description).toBe('Rollback to v2');
    await eventually(async () => {
      const r = (await api.client.get(`/apps/fixture-staging/releases/${rollback.id}`)) as Heroku.Release;
      return r.status === 'succeeded';
    }, 'the rollback to go live');
  }, 60_000);

  it('files no record needs are swept when the engine starts; the environments come back', async () => {
    await engine.stop();
    const junk = [
      path.join(engineDir, 'slugs', '11111111-1111-4111-8111-111111111111'),
      path.join(engineDir, 'builds', '22222222-2222-4222-8222-222222222222'),
    ];
    for (const dir of junk) await mkdir(dir, { recursive: true });
    const junkFiles = [
      path.join(engineDir, 'outputs', '33333333-3333-4333-8333-333333333333.log'),
      path.join(engineDir, 'sources', '44444444-4444-4444-8444-444444444444.tar.part'),
      path.join(engineDir, 'state.json.999999.tmp'),
    ];
    for (const file of junkFiles) await writeFile(file, 'left behind');
    const slugsBefore = await readdir(path.join(engineDir, 'slugs'));

    await start();
    for (const leftover of [...junk, ...junkFiles]) expect(existsSync(leftover), leftover).toBe(false);
    expect((await readdir(path.join(engineDir, 'slugs'))).sort()).toEqual(
      slugsBefore.filter((s) => !s.startsWith('1111')).sort(),
    );
    const app = (await api.client.get('/apps/fixture-staging')) as Heroku.App;
    expect((await fetchText(app.web_url!)).text).toBe('two web.1');
  }, 60_000);
});
