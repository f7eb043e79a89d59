// A deploy cut short by the engine's crash says what happened to it, read back from the
// engine once it returns, instead of ending on a bare "connect ECONNREFUSED".
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { loadConfig, type LoadedConfig } from '../../src/config/load-config.js';
import { buildServices } from '../../src/cli/build-services.js';
import { connectPlatform } from '../../src/cli/platform-connection.js';
import { findEngine, stopEngine } from '../../src/engine/engine-control.js';
import { isAlive } from '../../src/engine/engine-lockfile.js';
import { enginePaths } from '../../src/engine/engine-paths.js';
import { killLeftovers, type PidRecord } from '../../src/engine/runtime/pid-records.js';
import { createDeckStore, type DeckStore } from '../../src/store/create-deck-store.js';
import { systemClock } from '../../src/services/ports.js';
import { createFixtureRepo, type FixtureRepo } from '../helpers/engine-fixture.js';
import { eventually } from '../helpers/engine-harness.js';
import { CLI } from '../helpers/pty-deck.js';

function engineProcess(root: string): ChildProcess {
  return spawn(process.execPath, [CLI, 'engine', 'run'], {
    cwd: root,
    stdio: 'ignore',
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
  });
}

function deckStore(loaded: LoadedConfig, engineReturnMs: number): DeckStore {
  return createDeckStore({
    project: loaded.config.project,
    root: loaded.root,
    platform: 'local',
    services: { ...buildServices(loaded), platform: connectPlatform(loaded, { start: false, engineReturnMs }) },
    clock: systemClock,
  });
}

/** Starts a deploy of the slow branch (its release phase takes a minute) and kills the engine while it runs. */
async function crashDuringRelease(store: DeckStore, engine: ChildProcess, root: string) {
  const lines: string[] = [];
  const outcome = store.getState().deployEnvironment('staging', {
    ref: 'slow-release',
    skipTests: true,
    via: 'cli',
    onLine: (l) => lines.push(l),
  });
  const found = (await findEngine(root))!;
  await eventually(async () => {
    const res = await fetch(`${found.url}/apps/fixture-staging/releases`, {
      headers: { Authorization: `Bearer ${found.token}`, Accept: 'application/vnd.heroku+json; version=3' },
    });
    const releases = (await res.json()) as Array<{ version: number; status: string }>;
    return releases.some((r) => r.status === 'pending');
  }, 'the new release to be in its release phase');
  engine.kill('SIGKILL');
  await eventually(async () => !isAlive(engine.pid!), 'the engine to die');
  return { outcome, lines };
}

describe('a deploy cut short by an engine crash', () => {
  let repo: FixtureRepo;
  let loaded: LoadedConfig;
  beforeAll(async () => {
    repo = await createFixtureRepo();
    loaded = await loadConfig({ cwd: repo.root });
  });
  afterAll(async () => {
    await stopEngine(repo.root);
    // The engine killed last left its dynos and release phase behind, as a crash does.
    await killLeftovers(JSON.parse(await readFile(enginePaths(repo.root).pids, 'utf8')) as PidRecord[]);
    await repo.cleanup();
  }, 30_000);

  it('says the engine stopped during the release, which release was marked failed and which serves', async () => {
    const first = engineProcess(repo.root);
    await eventually(async () => findEngine(repo.root), 'the engine to listen');
    const store = deckStore(loaded, 60_000);
    await store.getState().refreshEnvironments();
    expect((await store.getState().deployEnvironment('staging', { ref: 'main', skipTests: true })).ok).toBe(true);
    await store.getState().refreshEnvironments();

    const { outcome, lines } = await crashDuringRelease(store, first, repo.root);
    await eventually(
      async () => lines.some((l) => l.startsWith('the local engine stopped during the deploy; waiting')),
      'the deploy to notice',
    );
    engineProcess(repo.root);

    const result = await outcome;
    expect(result).toMatchObject({
      ok: false,
      reason: 'the engine stopped during the release; v2 was marked failed, v1 serves',
    });
    expect(lines.join('\n')).not.toContain('ECONNREFUSED');
    expect(store.getState().operations.staging).toMatchObject({
      state: 'failed',
      reason: 'the engine stopped during the release; v2 was marked failed, v1 serves',
    });
  }, 90_000);

  it('reports an engine that does not come back, with the command that starts it', async () => {
    const store = deckStore(loaded, 500);
    await store.getState().refreshEnvironments();
    const running = (await findEngine(repo.root))!;
    const engine = { pid: running.info.pid, kill: (signal: NodeJS.Signals) => process.kill(running.info.pid, signal) };

    const { outcome } = await crashDuringRelease(store, engine as unknown as ChildProcess, repo.root);
    const result = await outcome;
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toBe(
      `the local engine (on ${running.url}) stopped during the deploy and has not come back: "dynodeck engine start" starts it, and its releases then show how the deploy ended`,
    );
  }, 90_000);

  it('"dynodeck deploy" says so and exits, instead of polling the dead engine', async () => {
    const engine = engineProcess(repo.root);
    const running = await eventually(async () => {
      const found = await findEngine(repo.root);
      return found?.info.pid === engine.pid ? found : undefined;
    }, 'the engine to listen');
    const deploy = execa(process.execPath, [CLI, 'deploy', 'staging', '--ref', 'slow-release', '--skip-tests'], {
      cwd: repo.root,
      reject: false,
      env: { CI: 'true' },
    });
    await eventually(async () => {
      const res = await fetch(`${running.url}/apps/fixture-staging/releases`, {
        headers: { Authorization: `Bearer ${running.token}`, Accept: 'application/vnd.heroku+json; version=3' },
      });
      return ((await res.json()) as Array<{ status: string }>).some((r) => r.status === 'pending');
    }, 'the new release to be in its release phase');
    engine.kill('SIGKILL');

    const result = await deploy;
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(
      `the local engine (on ${running.url}) stopped during the deploy and has not come back: "dynodeck engine start" starts it`,
    );
    expect(`${result.stdout}${result.stderr}`).not.toContain('ECONNREFUSED');
  }, 120_000);
});
