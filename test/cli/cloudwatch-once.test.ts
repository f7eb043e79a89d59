// The headless commands (status, alerts, the production guard) read CloudWatch once: alarms
// become alerts beside the rules', and a CloudWatch that cannot be read is unknown, not quiet.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { readCloudWatchOnce } from '../../src/cli/cloudwatch-once.js';
import type { EnvironmentSnapshot } from '../../src/services/ports.js';
import { rdsAlarm } from '../cloudwatch-server/fixtures.js';
import { createCloudWatchTestServer, type CloudWatchTestServer } from '../cloudwatch-server/index.js';

let server: CloudWatchTestServer;
let dir: string;

const environments: EnvironmentSnapshot[] = [
  { name: 'staging', app: 'shop-staging', stage: 'staging', url: '', maintenance: false, formation: {}, dynos: [] },
  { name: 'production', app: 'shop-prod', stage: 'production', url: '', maintenance: false, formation: {}, dynos: [] },
];

beforeEach(async () => {
  server = await createCloudWatchTestServer({ region: 'eu-west-1' });
  dir = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-cw-once-'));
  await writeFile(
    path.join(dir, 'dynodeck.yml'),
    'cloudwatch:\n  region: eu-west-1\n  rds: { production: shop-prod-db }\n  alarms: { prefix: shop- }\n',
  );
});

afterEach(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const env = () => ({
  AWS_ACCESS_KEY_ID: server.credentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: server.credentials.secretAccessKey,
  AWS_ENDPOINT_URL_CLOUDWATCH: server.url,
});

describe('CloudWatch read once', () => {
  it("gives an alarm in ALARM as a critical firing alert on its environment, with CloudWatch's reason", async () => {
    server.alarms.putMetricAlarm(
      rdsAlarm('shop-prod-cpu', 'shop-prod-db', {
        StateValue: 'ALARM',
        StateReason: 'Threshold Crossed: 5 datapoints were greater than the threshold (80.0).',
      }),
    );
    server.alarms.putMetricAlarm(rdsAlarm('other-team-cpu', 'shop-prod-db', { StateValue: 'ALARM' }));
    const loaded = await loadConfig({ cwd: dir });

    const once = await readCloudWatchOnce(loaded, environments, env());

    expect(once.unknown).toEqual([]);
    expect(once.alerts).toHaveLength(1);
    expect(once.alerts[0]).toMatchObject({
      rule: 'shop-prod-cpu',
      env: 'production',
      severity: 'critical',
      state: 'firing',
      source: 'cloudwatch',
      detail: 'Threshold Crossed: 5 datapoints were greater than the threshold (80.0).',
    });
  });

  it('says CloudWatch is unknown, with the reason, when its credentials are refused', async () => {
    server.alarms.putMetricAlarm(rdsAlarm('shop-prod-cpu', 'shop-prod-db', { StateValue: 'ALARM' }));
    const loaded = await loadConfig({ cwd: dir });

    const once = await readCloudWatchOnce(loaded, environments, {
      ...env(),
      AWS_SECRET_ACCESS_KEY: 'refused-test-secret',
    });

    expect(once.alerts).toEqual([]);
    expect(once.unknown).toHaveLength(1);
    expect(once.unknown[0]).toMatchObject({ rule: 'cloudwatch', severity: 'critical' });
    expect(once.unknown[0]!.reason).toMatch(/signature|credentials|refused/i);
    expect(once.unknown[0]!.reason).not.toContain('refused-test-secret');
  });
});
