// CloudWatch in the deck: the real SDK against the CloudWatch-like server, through the
// watcher into the store, onto the Environments and Alerts panes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { createCloudWatchService } from '../../src/services/cloudwatch/cloudwatch-service.js';
import { startCloudWatchWatcher } from '../../src/store/cloudwatch-watcher.js';
import { rdsAlarm, seedRds } from '../cloudwatch-server/fixtures.js';
import { createCloudWatchTestServer, type CloudWatchTestServer } from '../cloudwatch-server/index.js';
import { renderDeck } from '../helpers/render-deck.js';
import { memoryPlatform } from '../helpers/memory-platform.js';
import { waitFor, waitForFrame } from '../helpers/wait-for-frame.js';
import { criticalAlertsOnReleasePath } from '../../src/store/dialog-slice.js';
import { createAlertHistory, readAlertHistory } from '../../src/services/history/alert-history.js';
import { recordAlertHistory } from '../../src/store/alert-history-recorder.js';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const MINUTE = 60_000;

let server: CloudWatchTestServer;
beforeEach(async () => {
  server = await createCloudWatchTestServer({ region: 'eu-west-1' });
});
afterEach(async () => {
  cleanup();
  await server.close();
});

async function deckWithCloudWatch() {
  const deck = await renderDeck({ platform: memoryPlatform() });
  const now = deck.clock.now();
  const top = Math.floor(now / MINUTE) * MINUTE;
  seedRds(server, 'shop-prod-db', top - 200 * MINUTE, top + MINUTE, (metric) =>
    metric === 'CPUUtilization' ? 34 : metric === 'DatabaseConnections' ? 112 : 1,
  );
  server.alarms.putMetricAlarm(rdsAlarm('shop-prod-cpu', 'shop-prod-db'));
  server.alarms.setState(
    'shop-prod-cpu',
    'ALARM',
    'Threshold Crossed: 5 datapoints were greater than 80.0',
    new Date(now),
  );
  const service = createCloudWatchService(
    { region: 'eu-west-1', rds: { production: 'shop-prod-db' }, alarms: { prefix: 'shop-' } },
    {
      AWS_ACCESS_KEY_ID: server.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: server.credentials.secretAccessKey,
      AWS_ENDPOINT_URL_CLOUDWATCH: server.url,
    },
    deck.clock,
    { environments: () => deck.store.getState().environments, instanceRole: false, random: () => 0.5 },
  );
  const notes: string[] = [];
  const stop = startCloudWatchWatcher(deck.store, service, {
    clock: deck.clock,
    notify: (title, body) => notes.push(`${title}: ${body}`),
  });
  return { ...deck, stop, notes };
}

describe('CloudWatch in the deck', () => {
  it("shows production's database on its row and its alarm beside the rules' alerts, which the production guard counts", async () => {
    const deck = await deckWithCloudWatch();
    // Wide enough for the database column beside the release, formation and dyno states.
    Object.defineProperty(deck.stdout, 'columns', { value: 240, configurable: true });
    Object.defineProperty(deck.stdout, 'rows', { value: 40, configurable: true });
    deck.stdout.emit('resize');
    const frame = await waitForFrame(deck.lastFrame, (f) => f.includes('shop-prod-cpu') && f.includes('db 34%'));
    expect(frame).toMatch(/production .*db 34% · 112 conn/);
    expect(frame).toMatch(/● production\s+shop-prod-cpu/);
    expect(deck.store.getState().alerts[0]).toMatchObject({
      source: 'cloudwatch',
      severity: 'critical',
      state: 'firing',
    });
    expect(criticalAlertsOnReleasePath(deck.store.getState())).toEqual([
      expect.stringMatching(/^shop-prod-cpu on production/),
    ]);
    expect(deck.notes).toEqual([expect.stringMatching(/^dynodeck: production critical: shop-prod-cpu/)]);
    deck.stop();
  });

  it('acknowledging a CloudWatch alert goes to CloudWatch’s tracker; an alarm back to OK resolves it on the next poll', async () => {
    const deck = await deckWithCloudWatch();
    await waitFor(() => deck.store.getState().alerts.length === 1, 'the alarm');
    const id = deck.store.getState().alerts[0]!.id;
    deck.store.getState().acknowledgeAlert(id);
    await waitFor(() => deck.store.getState().alerts[0]?.state === 'acknowledged', 'acknowledged');
    server.alarms.setState('shop-prod-cpu', 'OK', 'Threshold Crossed: back under', new Date(deck.clock.now()));
    await deck.clock.advance(61_000);
    await waitFor(() => deck.store.getState().alerts[0]?.state === 'resolved', 'resolved');
    deck.stop();
  });

  it('every transition goes to the alert history file, which the outcomes report reads back', async () => {
    const deck = await deckWithCloudWatch();
    const root = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-alert-history-'));
    const history = createAlertHistory({ root, onError: (e) => expect.fail(e.message) });
    const stopRecording = recordAlertHistory(deck.store, history, deck.clock);
    try {
      await waitFor(() => deck.store.getState().alerts.length === 1, 'the alarm');
      deck.store.getState().acknowledgeAlert(deck.store.getState().alerts[0]!.id);
      await waitFor(() => deck.store.getState().alerts[0]?.state === 'acknowledged', 'acknowledged');
      server.alarms.setState('shop-prod-cpu', 'OK', 'back under', new Date(deck.clock.now()));
      await deck.clock.advance(61_000);
      await waitFor(() => deck.store.getState().alerts[0]?.state === 'resolved', 'resolved');
      await history.flush();

      const { transitions, problems } = await readAlertHistory(root);
      expect(problems).toEqual([]);
      expect(transitions.map((t) => [t.transition, t.rule, t.env, t.severity])).toEqual([
        ['fired', 'shop-prod-cpu', 'production', 'critical'],
        ['acknowledged', 'shop-prod-cpu', 'production', 'critical'],
        ['resolved', 'shop-prod-cpu', 'production', 'critical'],
      ]);
    } finally {
      stopRecording();
      deck.stop();
      await rm(root, { recursive: true, force: true });
    }
  });

  it('no credentials: one line in the header, and the rest of the deck keeps working', async () => {
    const deck = await renderDeck({ platform: memoryPlatform() });
    const service = createCloudWatchService(
      { region: 'eu-west-1', rds: { production: 'shop-prod-db' }, alarms: 'all' },
      {
        AWS_ENDPOINT_URL_CLOUDWATCH: server.url,
        HOME: '/nonexistent',
        AWS_CONFIG_FILE: '/nonexistent',
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
      },
      deck.clock,
      { environments: () => deck.store.getState().environments, instanceRole: false },
    );
    const stop = startCloudWatchWatcher(deck.store, service, { clock: deck.clock });
    await waitForFrame(deck.lastFrame, /cloudwatch: no AWS credentials/);
    expect(deck.lastFrame()).toContain('production');
    stop();
  });
});
