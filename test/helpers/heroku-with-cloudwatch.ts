// A Heroku pipeline (staging, production) whose production database CloudWatch watches, with an
// alarm in ALARM on it, for running the built CLI as a user would against both providers.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { createHerokuTestServer, type HerokuTestServer } from '../heroku-server/index.js';
import { createCloudWatchTestServer, type CloudWatchTestServer } from '../cloudwatch-server/index.js';
import { rdsAlarm } from '../cloudwatch-server/fixtures.js';

export interface HerokuWithCloudWatch {
  heroku: HerokuTestServer;
  cloudwatch: CloudWatchTestServer;
  /** A project in `dir` (git, tickets/, dynodeck.yml) pointed at both. */
  project(dir: string): Promise<string>;
  /** The CLI's environment: both providers' URLs and credentials, nothing else. */
  env(home: string, secret?: string): Record<string, string>;
  close(): Promise<void>;
}

export async function startHerokuWithCloudWatch(): Promise<HerokuWithCloudWatch> {
  const heroku = await createHerokuTestServer({
    stepMs: 5,
    pipeline: { name: 'shop' },
    apps: [
      { name: 'shop-staging', stage: 'staging', releases: 3 },
      { name: 'shop-production', stage: 'production', releases: 2 },
    ],
  });
  const cloudwatch = await createCloudWatchTestServer({ region: 'eu-west-1' });
  cloudwatch.alarms.putMetricAlarm(
    rdsAlarm('shop-prod-cpu', 'shop-prod-db', {
      StateValue: 'ALARM',
      StateReason: 'Threshold Crossed: 5 datapoints were greater than the threshold (80.0).',
    }),
  );
  return {
    heroku,
    cloudwatch,
    async project(dir) {
      await mkdir(path.join(dir, 'tickets'), { recursive: true });
      await writeFile(
        path.join(dir, 'dynodeck.yml'),
        'project: shop\nplatform: { kind: heroku, pipeline: shop }\n' +
          'cloudwatch:\n  region: eu-west-1\n  rds: { production: shop-prod-db }\n  alarms: { prefix: shop- }\n',
      );
      await execa('git', ['init', '-q', '-b', 'main'], { cwd: dir });
      return dir;
    },
    env: (home, secret = cloudwatch.credentials.secretAccessKey) => ({
      CI: 'true',
      HOME: home,
      HEROKU_API_URL: heroku.url,
      HEROKU_API_KEY: heroku.token,
      AWS_ACCESS_KEY_ID: cloudwatch.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: secret,
      AWS_ENDPOINT_URL_CLOUDWATCH: cloudwatch.url,
    }),
    async close() {
      await heroku.close();
      await cloudwatch.close();
    },
  };
}
