// Two starters at once get one engine: callers in one process share the start (the demo's
// setup and the deck it opens both ask for the engine), and a start in another process that
// loses the project's claim waits for the engine that won instead of failing.
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findEngine, startEngine, stopEngine } from '../../src/engine/engine-control.js';
import { createFixtureRepo, type FixtureRepo } from '../helpers/engine-fixture.js';
import { CLI } from '../helpers/pty-deck.js';

let repo: FixtureRepo;
beforeAll(async () => {
  repo = await createFixtureRepo({ boxes: 0 });
}, 60_000);
afterAll(async () => {
  await stopEngine(repo.root);
  await repo.cleanup();
}, 60_000);

describe('starting the engine from two places at once', () => {
  it('two calls in one process both get the one engine that answers', async () => {
    const [a, b] = await Promise.all([
      startEngine(repo.root, { timeoutMs: 90_000 }),
      startEngine(repo.root, { timeoutMs: 90_000 }),
    ]);
    expect(a.connection.info.instanceId).toBe(b.connection.info.instanceId);
    expect((await findEngine(repo.root))?.info.pid).toBe(a.connection.info.pid);
    await stopEngine(repo.root);
  }, 120_000);

  it('"engine start" in another process at the same moment succeeds with the engine this process started, or the other way round', async () => {
    const [here, there] = await Promise.all([
      startEngine(repo.root, { timeoutMs: 90_000 }),
      execa(process.execPath, [CLI, 'engine', 'start'], { cwd: repo.root, reject: false }),
    ]);
    expect(there.exitCode, there.stderr).toBe(0);
    expect(there.stdout).toContain(`engine pid ${here.connection.info.pid} `);
  }, 120_000);
});
