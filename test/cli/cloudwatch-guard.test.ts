// Shipping to production from the command line while CloudWatch has an alarm in ALARM on
// production's database: refused like a firing critical rule, named with the alarm, and
// `--override` goes ahead; run as a user would, against Heroku-like and CloudWatch-like servers.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHerokuTestServer, type HerokuTestServer } from '../heroku-server/index.js';
import { createCloudWatchTestServer, type CloudWatchTestServer } from '../cloudwatch-server/index.js';
import { rdsAlarm } from '../cloudwatch-server/fixtures.js';
import { CLI } from '../helpers/pty-deck.js';

let heroku: HerokuTestServer;
let cloudwatch: CloudWatchTestServer;
let dir: string;

beforeAll(async () => {
  heroku = await createHerokuTestServer({
    stepMs: 5,
    pipeline: { name: 'shop' },
    apps: [
      { name: 'shop-staging', stage: 'staging', releases: 3 },
      { name: 'shop-production', stage: 'production', releases: 2 },
    ],
  });
  cloudwatch = await createCloudWatchTestServer({ region: 'eu-west-1' });
  cloudwatch.alarms.putMetricAlarm(
    rdsAlarm('shop-prod-cpu', 'shop-prod-db', {
      StateValue: 'ALARM',
      StateReason: 'Threshold Crossed: 5 datapoints were greater than the threshold (80.0).',
    }),
  );
  dir = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-cw-guard-'));
  await mkdir(path.join(dir, 'tickets'));
  await writeFile(
    path.join(dir, 'dynodeck.yml'),
    'project: shop\nplatform: { kind: heroku, pipeline: shop }\n' +
      'cloudwatch:\n  region: eu-west-1\n  rds: { production: shop-prod-db }\n  alarms: { prefix: shop- }\n',
  );
  await execa('git', ['init', '-q', '-b', 'main'], { cwd: dir });
}, 30_000);

afterAll(async () => {
  await heroku.close();
  await cloudwatch.close();
  await rm(dir, { recursive: true, force: true });
});

const dynodeck = (args: string[]) =>
  execa(process.execPath, [CLI, ...args], {
    cwd: dir,
    reject: false,
    stdin: 'ignore',
    env: {
      CI: 'true',
      HOME: dir,
      HEROKU_API_URL: heroku.url,
      HEROKU_API_KEY: heroku.token,
      AWS_ACCESS_KEY_ID: cloudwatch.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: cloudwatch.credentials.secretAccessKey,
      AWS_ENDPOINT_URL_CLOUDWATCH: cloudwatch.url,
    },
    extendEnv: false,
  });

describe('a CloudWatch alarm in ALARM on production', () => {
  it('holds a promotion to production until --override, naming the alarm', async () => {
    heroku.requests.reset();
    const refused = await dynodeck(['promote', 'staging', '--yes']);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('dynodeck: critical alert firing: shop-prod-cpu on production');
    expect(refused.stderr).toContain('pass --override');
    expect(heroku.requests.log.some((r) => r.path === '/pipeline-promotions')).toBe(false);

    const overridden = await dynodeck(['promote', 'staging', '--yes', '--override']);
    expect(overridden.exitCode).toBe(0);
    expect(heroku.requests.log.some((r) => r.method === 'POST' && r.path === '/pipeline-promotions')).toBe(true);
  }, 60_000);
});
