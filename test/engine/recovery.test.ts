// The engine comes back after a restart, and a kill -9 mid-deploy never leaves a half-made release current.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Heroku from '@heroku-cli/schema';
import { startHarness, fetchText, eventually, type Harness } from '../helpers/engine-harness.js';
import { createFixtureRepo, type FixtureRepo } from '../helpers/engine-fixture.js';
import { findEngine, stopEngine } from '../../src/engine/engine-control.js';
import { isAlive } from '../../src/engine/engine-lockfile.js';
import { createHerokuApi } from '../../src/services/heroku/heroku-api.js';
import { deployRef } from '../../src/services/heroku/deploy-ref.js';
import { CLI } from '../helpers/pty-deck.js';

describe('engine restart', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('every environment comes back at its release and formation, on the same port', async () => {
    expect((await h.deploy('fixture-staging', 'two')).ok).toBe(true);
    await h.api.client.patch('/apps/fixture-staging/formation', { body: { updates: [{ type: 'web', quantity: 2 }] } });
    await expect
      .poll(
        async () => (await h.get<Heroku.Dyno[]>('/apps/fixture-staging/dynos')).filter((d) => d.state === 'up').length,
        { timeout: 10_000 },
      )
      .toBe(2);
    const url = await h.url('fixture-staging');

    await h.restartEngine();
    expect(await h.url('fixture-staging')).toBe(url);
    expect((await fetchText(url)).text).toMatch(/^two web\.\d$/);
    const dynos = await h.get<Heroku.Dyno[]>('/apps/fixture-staging/dynos');
    expect(dynos.map((d) => `${d.name}:${d.state}:v${d.release?.version}`).sort()).toEqual([
      'web.1:up:v1',
      'web.2:up:v1',
    ]);
  });
});

describe('kill -9 in the middle of a deploy', () => {
  let repo: FixtureRepo;
  beforeAll(async () => {
    repo = await createFixtureRepo();
  });
  afterAll(async () => {
    await stopEngine(repo.root);
    await repo.cleanup();
  });

  const startEngineProcess = () => {
    const child = spawn(process.execPath, [CLI, 'engine', 'run'], {
      cwd: repo.root,
      stdio: 'ignore',
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
    });
    return child;
  };

  it('the interrupted release is marked failed, the previous one is current and serves again', async () => {
    const first = startEngineProcess();
    const engine = await eventually(async () => findEngine(repo.root), 'the engine to listen');
    const api = createHerokuApi({ url: engine.url, token: engine.token });
    expect((await deployRef(api, { app: 'fixture-staging', repo: repo.root, ref: 'main', pollMs: 50 })).ok).toBe(true);

    // The slow branch's release phase waits a minute: kill the engine while it runs.
    void deployRef(api, { app: 'fixture-staging', repo: repo.root, ref: 'slow-release', pollMs: 50 }).catch(
      () => undefined,
    );
    await eventually(async () => {
      const releases = (await api.client.get('/apps/fixture-staging/releases')) as Heroku.Release[];
      return releases.some((r) => r.version === 2 && r.status === 'pending');
    }, 'the second release to be pending');
    first.kill('SIGKILL');
    await eventually(async () => !isAlive(first.pid!), 'the engine to die');

    startEngineProcess();
    const again = await eventually(async () => {
      const found = await findEngine(repo.root);
      return found && found.info.pid !== first.pid ? found : undefined;
    }, 'the engine to come back');
    const api2 = createHerokuApi({ url: again.url, token: again.token });
    const releases = (await api2.client.get('/apps/fixture-staging/releases')) as Array<
      Heroku.Release & { failure_reason?: string }
    >;
    expect(releases.map((r) => `v${r.version}:${r.status}:${r.current}`).sort()).toEqual([
      'v1:succeeded:true',
      'v2:failed:false',
    ]);
    expect(releases.find((r) => r.version === 2)?.failure_reason).toMatch(/^interrupted/);
    const url = ((await api2.client.get('/apps/fixture-staging')) as Heroku.App).web_url!;
    await expect.poll(async () => (await fetchText(url)).text, { timeout: 10_000 }).toBe('one web.1');
  }, 60_000);
});
