// Shipping to production from the command line while CloudWatch has an alarm in ALARM on
// production's database: refused like a firing critical rule, named with the alarm, and
// `--override` goes ahead; run as a user would, against Heroku-like and CloudWatch-like servers.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/pty-deck.js';
import { startHerokuWithCloudWatch, type HerokuWithCloudWatch } from '../helpers/heroku-with-cloudwatch.js';

let world: HerokuWithCloudWatch;
let dir: string;

beforeAll(async () => {
  world = await startHerokuWithCloudWatch();
  dir = await world.project(await mkdtemp(path.join(os.tmpdir(), 'dynodeck-cw-guard-')));
}, 30_000);

afterAll(async () => {
  await world.close();
  await rm(dir, { recursive: true, force: true });
});

const dynodeck = (args: string[]) =>
  execa(process.execPath, [CLI, ...args], {
    cwd: dir,
    reject: false,
    stdin: 'ignore',
    env: world.env(dir),
    extendEnv: false,
  });

describe('a CloudWatch alarm in ALARM on production', () => {
  it('holds a promotion to production until --override, naming the alarm', async () => {
    const { heroku } = world;
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
