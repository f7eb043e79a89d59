// With `platform: {kind: local}` and no `cloudwatch:` section, the deck and the headless
// commands read the local engine's own CloudWatch API (its PostgreSQL measured as RDS instances
// <app>-db, its default alarms) with the endpoint and key pair the engine writes, through the
// real SDK: nothing for the user to configure, and the secret never printed.
import path from 'node:path';
import { execa } from 'execa';
import { cleanup } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type LoadedConfig } from '../../src/config/load-config.js';
import { startEngine, stopEngine } from '../../src/engine/engine-control.js';
import { readEngineCloudWatch } from '../../src/engine/cloudwatch/engine-cloudwatch-file.js';
import { cloudWatchSetup } from '../../src/cli/cloudwatch-setup.js';
import { readCloudWatchOnce } from '../../src/cli/cloudwatch-once.js';
import { connectPlatform } from '../../src/cli/platform-connection.js';
import { startCloudWatch } from '../../src/cli/start-cloudwatch.js';
import { systemClock } from '../../src/services/ports.js';
import { createFixtureRepo, type FixtureRepo } from '../helpers/engine-fixture.js';
import { renderDeck } from '../helpers/render-deck.js';
import { waitFor, waitForFrame } from '../helpers/wait-for-frame.js';

const BIN = path.resolve('bin/dynodeck.js');
let repo: FixtureRepo;
let loaded: LoadedConfig;
let secret: string;

beforeAll(async () => {
  repo = await createFixtureRepo({ boxes: 0 });
  await startEngine(repo.root, { timeoutMs: 90_000 });
  loaded = await loadConfig({ cwd: repo.root });
  secret = readEngineCloudWatch(path.join(repo.root, '.dynodeck', 'engine', 'cloudwatch.json'))!.secretAccessKey;
}, 180_000);

afterAll(async () => {
  await stopEngine(repo.root);
  await repo.cleanup();
}, 60_000);

afterEach(() => cleanup());

describe("the local engine's CloudWatch, with nothing configured", () => {
  it("maps each environment to its database's instance and takes the engine's endpoint and keys, not the user's AWS", () => {
    const setup = cloudWatchSetup(loaded, {
      AWS_ENDPOINT_URL_CLOUDWATCH: 'http://elsewhere:4566',
      AWS_PROFILE: 'work',
    })!;
    expect(setup.config.rds).toEqual({ staging: 'fixture-staging-db', production: 'fixture-production-db' });
    expect(setup.env).toEqual({ AWS_ENDPOINT_URL_CLOUDWATCH: setup.engineEndpoint });
    expect(new URL(setup.engineEndpoint!).hostname).toBe('127.0.0.1');
  });

  it('status --json gives each environment its database figures and prints no secret', async () => {
    const result = await execa('node', [BIN, 'status', '--json'], { cwd: repo.root, reject: false });
    expect(result.stdout).not.toContain(secret);
    expect(result.stderr).not.toContain(secret);
    const status = JSON.parse(result.stdout) as {
      environments: Array<{
        name: string;
        database?: { instance: string; connections?: number; freeStorageBytes?: number };
      }>;
    };
    const staging = status.environments.find((e) => e.name === 'staging')!;
    expect(staging.database?.instance).toBe('fixture-staging-db');
    expect(staging.database?.connections).toBeTypeOf('number');
    expect(staging.database?.freeStorageBytes).toBeGreaterThan(0);
  }, 60_000);

  it("the engine's default alarms reach the headless read as CloudWatch alarms, each on its environment", async () => {
    const platform = connectPlatform(loaded, { start: false })!;
    const environments = await platform.environments();
    const once = await readCloudWatchOnce(loaded, environments, {});
    expect(once.unknown).toEqual([]);
    expect(Object.keys(once.databases).sort()).toEqual(['production', 'staging']);
    // Fresh databases: OK or not enough data yet, never an alarm; either way no alert is firing.
    expect(once.alerts.filter((a) => a.state === 'firing' && a.severity === 'critical')).toEqual([]);
  }, 60_000);

  it("the deck's environment rows show each database's figure from the engine", async () => {
    const deck = await renderDeck({ platform: connectPlatform(loaded, { start: false })! });
    await waitForFrame(deck.lastFrame, 'staging', 30_000);
    const stop = startCloudWatch(deck.store, loaded, { clock: systemClock, delayMs: 0 });
    try {
      await waitFor(
        () => deck.store.getState().databases.staging,
        () => `the staging database in the store; sources: ${JSON.stringify(deck.store.getState().sources)}`,
        30_000,
      );
      // The figure takes room the side-by-side layout lacks: zoom the Environments pane.
      deck.stdin.write('2');
      deck.stdin.write('z');
      await waitForFrame(deck.lastFrame, /staging .*db .*\d+ conn/, 30_000);
    } finally {
      stop();
    }
  }, 90_000);
});
