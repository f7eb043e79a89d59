// A deck left open follows the local engine when it restarts on another API port: its
// environments and its log tail come back by themselves, without reopening the deck.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { buildServices } from '../../src/cli/build-services.js';
import { createDeckStore, type DeckStore } from '../../src/store/create-deck-store.js';
import { systemClock } from '../../src/services/ports.js';
import { runEngine, type RunningEngine } from '../../src/engine/run-engine.js';
import { eventually, fetchText, startHarness, TIMINGS, type Harness } from '../helpers/engine-harness.js';

const logText = (store: DeckStore) =>
  store
    .getState()
    .logs.rows.map((row) => row.segments.map((s) => s.text).join(''))
    .join('\n');

describe('the deck across an engine restart', () => {
  let h: Harness;
  let store: DeckStore;
  let again: RunningEngine | undefined;
  beforeAll(async () => {
    h = await startHarness();
    expect((await h.deploy('fixture-staging', 'main')).ok).toBe(true);
    const loaded = await loadConfig({ cwd: h.repo.root });
    store = createDeckStore({
      project: loaded.config.project,
      root: loaded.root,
      platform: 'local',
      services: buildServices(loaded, { followEngine: true }),
      clock: systemClock,
    });
  }, 60_000);
  afterAll(async () => {
    store.getState().stopLogs();
    await again?.stop();
    await h.close();
  });

  it('reads the environments and tails the logs from the engine that came back on a new port', async () => {
    await store.getState().refreshEnvironments();
    expect(store.getState().environments.find((e) => e.name === 'staging')?.release?.version).toBe(1);
    store.getState().setLogViewport(200, 300);
    store.getState().tailLogs('staging');
    await eventually(async () => store.getState().logs.health.state === 'connected', 'the log tail to connect');
    const staging = await h.url('fixture-staging');
    await fetchText(`${staging}before-restart`);
    await eventually(async () => logText(store).includes('path="/before-restart"'), 'the first router line');

    const oldPort = h.engine.port;
    await h.restartEngine();
    expect(h.engine.port).not.toBe(oldPort);

    await eventually(async () => {
      await store
        .getState()
        .refreshEnvironments()
        .catch(() => undefined);
      return store.getState().sources.engine?.error === undefined;
    }, 'the environments to be read from the new engine');
    expect(store.getState().environments.find((e) => e.name === 'staging')?.release?.version).toBe(1);

    await eventually(async () => {
      await fetchText(`${staging}after-restart`);
      return logText(store).includes('path="/after-restart"');
    }, 'a router line from the new engine in the same log tail');
    expect(store.getState().logs.health.state).toBe('connected');
  }, 60_000);

  it('says once that the engine stopped, then waits for it and reads the environments as soon as it is back', async () => {
    const url = `http://127.0.0.1:${h.engine.port}`;
    await h.engine.stop();
    await expect(store.getState().refreshEnvironments()).rejects.toThrow(
      `the local engine stopped (it answered on ${url}): "dynodeck engine start" starts it again`,
    );
    expect(store.getState().sources.engine?.error).toContain('the local engine stopped');

    let settled = false;
    const waiting = store
      .getState()
      .refreshEnvironments()
      .finally(() => (settled = true));
    // Nothing to wait for in time: the read is still pending because no engine runs.
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);

    again = await runEngine(await loadConfig({ cwd: h.repo.root }), { timings: TIMINGS });
    await waiting;
    expect(store.getState().sources.engine?.error).toBeUndefined();
    expect(store.getState().environments.find((e) => e.name === 'staging')?.release?.version).toBe(1);
  }, 60_000);
});
