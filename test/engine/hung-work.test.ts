// A build, release phase or boot that hangs does not hold an environment forever:
// past its time limit (platform.timeouts in dynodeck.yml) its processes are killed, the
// build or release fails saying so, the old release keeps serving, and scale, restart
// and rollback work again.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Heroku from '@heroku-cli/schema';
import { loadConfig } from '../../src/config/load-config.js';
import { runEngine, type RunningEngine } from '../../src/engine/run-engine.js';
import { createHerokuApi, type HerokuApi } from '../../src/services/heroku/heroku-api.js';
import { deployRef } from '../../src/services/heroku/deploy-ref.js';
import { createFixtureRepo, type FixtureRepo } from '../helpers/engine-fixture.js';
import { eventually, fetchText } from '../helpers/engine-harness.js';
import { addHangingBranches, isRunningPid, killProcessesWorkingIn, type HangingBranches } from './hanging-branches.js';

type Release = Heroku.Release & { failure_reason?: string };

let repo: FixtureRepo;
let hanging: HangingBranches;
let engine: RunningEngine | undefined;
let api: HerokuApi;

/** (Re)starts the engine with `timeouts` as platform.timeouts in dynodeck.yml. */
async function startWithTimeouts(timeouts: string | undefined) {
  await engine?.stop();
  const file = path.join(repo.root, 'dynodeck.yml');
  const yml = (await readFile(file, 'utf8')).replace(/ {2}timeouts:.*\n/, '');
  await writeFile(file, timeouts ? `${yml}  timeouts: ${timeouts}\n` : yml);
  engine = await runEngine(await loadConfig({ cwd: repo.root }), { timings: { stopGraceMs: 1000 } });
  api = createHerokuApi({ url: `http://127.0.0.1:${engine.port}`, token: engine.token });
}

const deploy = (app: string, ref: string) => deployRef(api, { app, repo: repo.root, ref, pollMs: 50 });
const get = <T>(url: string) => api.client.get(url) as Promise<T>;
const serving = async (app: string) => (await fetchText((await get<Heroku.App>(`/apps/${app}`)).web_url!)).text;
const upDynos = async (app: string) =>
  (await get<Heroku.Dyno[]>(`/apps/${app}/dynos`)).filter((d) => d.state === 'up').map((d) => `${d.name}:${d.id}`);

beforeAll(async () => {
  repo = await createFixtureRepo();
  hanging = await addHangingBranches(repo);
  await startWithTimeouts(undefined);
  const first = await deploy('fixture-staging', 'main');
  if (!first.ok) throw new Error(`first deploy failed: ${first.reason}`);
}, 60_000);

afterAll(async () => {
  await engine?.stop();
  await killProcessesWorkingIn(path.join(repo.root, '.dynodeck'));
  await repo.cleanup();
});

describe('a release phase past platform.timeouts.release', () => {
  beforeAll(() => startWithTimeouts('{ release: 1s }'), 60_000);

  it('is killed, the release fails saying it timed out, and the old release keeps serving', async () => {
    const result = await deploy('fixture-staging', 'hung-release');
    expect(result).toMatchObject({ ok: false, stage: 'release' });
    expect(!result.ok && result.reason).toMatch(
      /^the release phase timed out after 1s \(node release\.js was stopped\)$/,
    );
    expect(await isRunningPid(await hanging.pid('release'))).toBe(false);

    const release = await get<Release>('/apps/fixture-staging/releases/2');
    expect(release).toMatchObject({ status: 'failed', current: false });
    expect(release.failure_reason).toMatch(/release phase timed out after 1s/);
    const output = (await fetchText(release.output_stream_url!)).text;
    expect(output).toContain('Running migrations (waiting on a lock)');
    expect(output).toContain('Release phase timed out after 1s; stopping node release.js');
    expect(await serving('fixture-staging')).toBe('one web.1');
  }, 60_000);

  it('leaves scale, restart and rollback working', async () => {
    await api.client.patch('/apps/fixture-staging/formation', { body: { updates: [{ type: 'web', quantity: 2 }] } });
    const scaled = await eventually(async () => {
      const up = await upDynos('fixture-staging');
      return up.length === 2 ? up : undefined;
    }, 'two web dynos up');

    await api.client.delete('/apps/fixture-staging/dynos');
    await eventually(async () => {
      const up = await upDynos('fixture-staging');
      return up.length === 2 && up.every((d) => !scaled.includes(d));
    }, 'two fresh web dynos after the restart');

    const rollback = await api.client.post('/apps/fixture-staging/releases', { body: { release: '1' } });
    const done = await eventually(async () => {
      const r = await get<Release>(`/apps/fixture-staging/releases/${(rollback as Release).id}`);
      return r.status !== 'pending' ? r : undefined;
    }, 'the rollback to finish');
    expect(done).toMatchObject({ status: 'succeeded', current: true, description: 'Rollback to v1' });
    expect(await serving('fixture-staging')).toMatch(/^one web\.[12]$/);
  }, 60_000);
});

describe('a build past platform.timeouts.build', () => {
  beforeAll(() => startWithTimeouts('{ build: 1s }'), 60_000);

  it('is killed with the processes it started, and the build fails saying it timed out', async () => {
    const result = await deploy('fixture-staging', 'hung-build');
    expect(result).toMatchObject({ ok: false, stage: 'build', reason: 'the build timed out after 1s' });
    expect(await isRunningPid(await hanging.pid('build'))).toBe(false);
    expect(await isRunningPid(await hanging.pid('build-child'))).toBe(false);
    const [build] = await get<Array<Heroku.Build & { failure_reason?: string }>>('/apps/fixture-staging/builds').then(
      (builds) => builds.filter((b) => b.status === 'failed'),
    );
    expect(build?.failure_reason).toBe('the build timed out after 1s');
    const output = (await fetchText(build!.output_stream_url!)).text;
    expect(output).toContain(' !     Build failed: the build timed out after 1s');
    expect(await serving('fixture-staging')).toMatch(/^one web\.[12]$/);
  }, 60_000);
});

describe('a web process past platform.timeouts.boot', () => {
  beforeAll(() => startWithTimeouts('{ boot: 1s }'), 60_000);

  it('is stopped with R10 at that limit and the release fails', async () => {
    const result = await deploy('fixture-box-1', 'hung-boot');
    expect(result).toMatchObject({ ok: false, stage: 'release' });
    expect(!result.ok && result.reason).toMatch(/web\.1 crashed while booting/);
    const session = await api.client.post('/apps/fixture-box-1/log-sessions', { body: { lines: 200 } });
    const logs = (await fetchText(`${(session as Heroku.LogSession).logplex_url}?format=text`)).text;
    expect(logs).toContain(
      'Error R10 (Boot timeout) -> Web process failed to bind to $PORT within 1 seconds of launch',
    );
  }, 60_000);
});
