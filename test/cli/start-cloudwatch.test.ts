// The deck on `platform: {kind: local}` with no `cloudwatch:` section finds the engine's
// CloudWatch by itself: it waits for the endpoint the engine writes in cloudwatch.json (the
// engine may start after the deck opens) and follows it when a restarted engine moves it.
// A CloudWatch-like server stands in for the engine's, signed requests and all.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { startCloudWatch } from '../../src/cli/start-cloudwatch.js';
import { seedRds } from '../cloudwatch-server/fixtures.js';
import { createCloudWatchTestServer, type CloudWatchTestServer } from '../cloudwatch-server/index.js';
import { memoryPlatform } from '../helpers/memory-platform.js';
import { renderDeck } from '../helpers/render-deck.js';
import { waitFor } from '../helpers/wait-for-frame.js';

const MINUTE = 60_000;
let dir: string;
const servers: CloudWatchTestServer[] = [];

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-engine-cw-'));
  await writeFile(path.join(dir, 'dynodeck.yml'), 'project: shop\nplatform:\n  kind: local\n  boxes: 1\n');
  await mkdir(path.join(dir, '.dynodeck', 'engine'), { recursive: true });
});

afterEach(async () => {
  cleanup();
  for (const server of servers.splice(0)) await server.close();
  await rm(dir, { recursive: true, force: true });
});

/** A server answering for the engine's key pair, with the staging database's CPU at `cpu`. */
async function engineCloudWatch(now: number, cpu: number, key?: CloudWatchTestServer['credentials']) {
  const server = await createCloudWatchTestServer({ region: 'us-east-1', credentials: key ? [key] : [] });
  servers.push(server);
  const top = Math.floor(now / MINUTE) * MINUTE;
  seedRds(server, 'shop-staging-db', top - 30 * MINUTE, top + MINUTE, (metric) =>
    metric === 'CPUUtilization' ? cpu : 3,
  );
  return server;
}

function writeEngineFile(server: CloudWatchTestServer, key: CloudWatchTestServer['credentials']) {
  return writeFile(
    path.join(dir, '.dynodeck', 'engine', 'cloudwatch.json'),
    JSON.stringify({ endpoint: server.url, region: 'us-east-1', ...key }),
    { mode: 0o600 },
  );
}

describe("the deck and the local engine's CloudWatch", () => {
  it("waits for the engine's endpoint, reads the staging database there, and follows it to a new port", async () => {
    const deck = await renderDeck({ platform: memoryPlatform() });
    const loaded = await loadConfig({ cwd: dir });
    const stop = startCloudWatch(deck.store, loaded, { clock: deck.clock, delayMs: 1000, recheckMs: 15_000, env: {} });
    const cpu = () => deck.store.getState().databases.staging?.latest.cpuPercent;
    try {
      await deck.clock.advance(1000);
      expect(deck.store.getState().sources.cloudwatch).toBeUndefined();

      const first = await engineCloudWatch(deck.clock.now(), 34);
      const key = first.credentials;
      await writeEngineFile(first, key);
      await deck.clock.advance(15_000);
      await waitFor(
        () => cpu() === 34,
        () => `CPU 34 from the first endpoint; held ${cpu()}`,
        20_000,
      );

      // The engine restarted on another port: same key pair, another endpoint.
      const second = await engineCloudWatch(deck.clock.now(), 56, key);
      await writeEngineFile(second, key);
      await deck.clock.advance(15_000);
      await waitFor(
        () => cpu() === 56,
        () => `CPU 56 from the second endpoint; held ${cpu()}`,
        20_000,
      );
      expect(second.requests.byOperation('GetMetricData').length).toBeGreaterThan(0);
    } finally {
      stop();
    }
  }, 60_000);

  it('asks nothing of CloudWatch while the engine is still binding its endpoint (port 0)', async () => {
    await writeFile(
      path.join(dir, '.dynodeck', 'engine', 'cloudwatch.json'),
      JSON.stringify({
        endpoint: 'http://127.0.0.1:0',
        region: 'us-east-1',
        accessKeyId: 'AKIA0',
        secretAccessKey: 's',
      }),
    );
    const deck = await renderDeck({ platform: memoryPlatform() });
    const loaded = await loadConfig({ cwd: dir });
    const stop = startCloudWatch(deck.store, loaded, { clock: deck.clock, delayMs: 1000, recheckMs: 15_000, env: {} });
    try {
      await deck.clock.advance(60_000);
      expect(deck.store.getState().sources.cloudwatch).toBeUndefined();
      expect(deck.store.getState().databases).toEqual({});
    } finally {
      stop();
    }
  });
});
