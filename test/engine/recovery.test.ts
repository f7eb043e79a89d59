// The engine comes back after a restart, and a kill -9 mid-deploy never leaves a half-made release current.
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Heroku from '@heroku-cli/schema';
import { startHarness, fetchText, eventually, type Harness } from '../helpers/engine-harness.js';
import { createFixtureRepo, type FixtureRepo } from '../helpers/engine-fixture.js';
import { findEngine, stopEngine } from '../../src/engine/engine-control.js';
import { isAlive } from '../../src/engine/engine-lockfile.js';
import {
  addHangingBranches,
  isRunningPid,
  killProcessesWorkingIn,
  processesWorkingIn,
  stillRunning,
  type HangingBranches,
} from './hanging-branches.js';
import { createHerokuApi } from '../../src/services/heroku/heroku-api.js';
import { deployRef } from '../../src/services/heroku/deploy-ref.js';
import { CLI } from '../helpers/pty-deck.js';

describe('engine restart', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  }, 60_000);
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

describe('a web process restarted after a crash', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    // Serves at once the first time; after a crash it takes its time to boot again.
    await h.repo.git('checkout', '-q', '-b', 'slow-reboot', 'main');
    await writeFile(
      path.join(h.repo.root, 'web.js'),
      `const http = require('node:http');
const fs = require('node:fs');
const marker = 'crashed-once';
const server = http.createServer((req, res) => {
  if (req.url === '/crash') { fs.writeFileSync(marker, ''); res.end('bye'); setTimeout(() => process.exit(3), 10); return; }
  res.end('up');
});
setTimeout(() => server.listen(Number(process.env.PORT), '127.0.0.1'), fs.existsSync(marker) ? 600000 : 0);
`,
    );
    await h.repo.git('commit', '-q', '-am', 'slow reboot');
    await h.repo.git('checkout', '-q', 'main');
    const deployed = await h.deploy('fixture-staging', 'slow-reboot');
    if (!deployed.ok) throw new Error(deployed.reason);
  }, 60_000);
  afterAll(async () => {
    await killProcessesWorkingIn(path.join(h.repo.root, '.dynodeck'));
    await h.close();
  });

  it('is recorded for the next engine while it boots, not only once it is up', async () => {
    const slugs = path.join(h.repo.root, '.dynodeck', 'engine', 'slugs');
    const before = await processesWorkingIn(slugs);
    const isNew = (p: { pid: number; startTicks: number }) =>
      !before.some((b) => b.pid === p.pid && b.startTicks === p.startTicks);
    await fetchText(`${await h.url('fixture-staging')}crash`);
    const pids = path.join(h.repo.root, '.dynodeck', 'engine', 'pids.json');
    // The restarted process group's leader (sh running the Procfile command) is what the records name.
    await eventually(async () => {
      const restarted = (await processesWorkingIn(slugs)).filter(isNew);
      const records = JSON.parse(await readFile(pids, 'utf8')) as Array<{ pid: number; startTicks: number }>;
      return restarted.some((p) => records.some((r) => r.pid === p.pid && r.startTicks === p.startTicks));
    }, 'the restarted web.1 in pids.json');
    const dynos = await h.get<Heroku.Dyno[]>('/apps/fixture-staging/dynos');
    expect(dynos.map((d) => d.name)).toEqual(['web.1']);
    expect(dynos[0]!.state).not.toBe('up');
  }, 60_000);
});

describe('kill -9 in the middle of a deploy', () => {
  let repo: FixtureRepo;
  let hanging: HangingBranches;
  beforeAll(async () => {
    repo = await createFixtureRepo();
    hanging = await addHangingBranches(repo);
  }, 60_000);
  afterAll(async () => {
    await stopEngine(repo.root);
    // Whatever a failing run left behind must not outlive the test.
    await killProcessesWorkingIn(path.join(repo.root, '.dynodeck'));
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

  it('the interrupted release is marked failed, the previous one is current and serves again, and no process of the killed engine survives', async () => {
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
    // A build is running on the box at the same time.
    void deployRef(api, { app: 'fixture-box-1', repo: repo.root, ref: 'hung-build', pollMs: 50 }).catch(
      () => undefined,
    );
    const buildPid = await hanging.pid('build-child');
    // The PostgreSQL server is not among them: it outlives a killed engine by design (the next one keeps it).
    const leftBehind = (await processesWorkingIn(path.join(repo.root, '.dynodeck'))).filter(
      (p) => !p.cwd.startsWith(path.join(repo.root, '.dynodeck', 'postgres')),
    );
    expect(leftBehind.some((p) => p.cwd.includes('/builds/'))).toBe(true);
    expect(leftBehind.some((p) => p.cwd.includes('/slugs/'))).toBe(true);
    first.kill('SIGKILL');
    await eventually(async () => !isAlive(first.pid!), 'the engine to die');

    startEngineProcess();
    const again = await eventually(async () => {
      const found = await findEngine(repo.root);
      return found && found.info.pid !== first.pid ? found : undefined;
    }, 'the engine to come back');
    const api2 = createHerokuApi({ url: again.url, token: again.token });
    for (const p of leftBehind) expect(await stillRunning(p), `${p.pid} in ${p.cwd}`).toBe(false);
    expect(await isRunningPid(buildPid)).toBe(false);
    const releases = (await api2.client.get('/apps/fixture-staging/releases')) as Array<
      Heroku.Release & { failure_reason?: string }
    >;
    expect(releases.map((r) => `v${r.version}:${r.status}:${r.current}`).sort()).toEqual([
      'v1:succeeded:true',
      'v2:failed:false',
    ]);
    // What the deck reads to say "the engine stopped during the release; v2 was marked failed, v1 serves".
    expect(releases.find((r) => r.version === 2)).toMatchObject({
      status: 'failed',
      current: false,
      description: expect.stringMatching(/^Deploy [0-9a-f]{7}$/),
      failure_reason: 'the engine stopped during the release',
    });
    const builds = (await api2.client.get('/apps/fixture-box-1/builds')) as Array<
      Heroku.Build & { failure_reason?: string }
    >;
    expect(builds.map((b) => `${b.status}: ${b.failure_reason}`)).toEqual([
      'failed: the engine stopped during the build',
    ]);
    const session = (await api2.client.post('/apps/fixture-staging/log-sessions', {
      body: { lines: 500, source: 'app', dyno: 'api' },
    })) as Heroku.LogSession;
    expect((await fetchText(`${session.logplex_url}?format=text`)).text).toContain(
      'app[api]: Release v2 failed: the engine stopped during the release; v1 keeps serving',
    );
    const url = ((await api2.client.get('/apps/fixture-staging')) as Heroku.App).web_url!;
    await expect.poll(async () => (await fetchText(url)).text, { timeout: 10_000 }).toBe('one web.1');
  }, 60_000);
});
