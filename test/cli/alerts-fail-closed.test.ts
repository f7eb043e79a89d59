// The one-shot alert check fails closed, as a user meets it: `dynodeck alerts`, `status
// --json` and the production guard of `promote`, against a server that behaves like Heroku.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHerokuTestServer, type HerokuTestServer } from '../heroku-server/index.js';
import { CLI } from '../helpers/pty-deck.js';
import { formatLogLine } from '../../src/logs/log-line.js';

const router = (time: number) =>
  formatLogLine({
    time,
    source: 'heroku',
    dyno: 'router',
    text: 'at=info method=GET path="/" host=x request_id=1 fwd="1.1.1.1" dyno=web.1 connect=0ms service=20ms status=200 bytes=10 protocol=http',
  });
/** `n` healthy requests spread over the last `minutes`. */
const traffic = (n: number, minutes: number) => {
  const start = Date.now() - minutes * 60_000;
  return Array.from({ length: n }, (_, i) => router(start + Math.floor((i * minutes * 60_000) / n)));
};

let busy: HerokuTestServer;
let quiet: HerokuTestServer;
let repo: string;

beforeAll(async () => {
  busy = await createHerokuTestServer({
    stepMs: 5,
    pipeline: { name: 'shop' },
    apps: [
      // 1,600 requests in 2 minutes: the 1,500 lines a log session gives cannot show 10 minutes.
      { name: 'shop-staging', stage: 'staging', releases: 2, logs: traffic(1600, 2) },
      { name: 'shop-production', stage: 'production', releases: 2, logs: traffic(30, 20) },
    ],
  });
  quiet = await createHerokuTestServer({
    stepMs: 5,
    pipeline: { name: 'shop' },
    apps: [
      { name: 'shop-staging', stage: 'staging', releases: 2, logs: traffic(40, 30) },
      { name: 'shop-production', stage: 'production', releases: 2, logs: traffic(40, 30) },
    ],
  });
  repo = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-alerts-closed-'));
  await mkdir(path.join(repo, 'tickets'));
  await writeFile(path.join(repo, 'dynodeck.yml'), 'project: shop\nplatform:\n  kind: heroku\n  pipeline: shop\n');
  await execa('git', ['init', '-q', '-b', 'main'], { cwd: repo });
}, 30_000);

afterAll(async () => {
  await busy.close();
  await quiet.close();
  await rm(repo, { recursive: true, force: true });
});

const dynodeck = (server: HerokuTestServer, args: string[], token = server.token) =>
  execa(process.execPath, [CLI, ...args], {
    cwd: repo,
    reject: false,
    stdin: 'ignore',
    env: { CI: 'true', HOME: repo, HEROKU_API_URL: server.url, HEROKU_API_KEY: token },
    extendEnv: false,
  });

interface Entry {
  rule: string | null;
  env: string | null;
  state: string;
  reason?: string;
}

describe('the one-shot alert check', () => {
  it('all quiet only when the history covers every window: exit 0', async () => {
    const { stdout, exitCode } = await dynodeck(quiet, ['alerts']);
    expect(stdout.trim()).toBe('no alerts');
    expect(exitCode).toBe(0);
  }, 30_000);

  it('too few lines to cover a window is unknown, with the reason, and exits 3', async () => {
    const text = await dynodeck(busy, ['alerts']);
    expect(text.exitCode).toBe(3);
    expect(text.stdout).toMatch(
      /unknown\s+critical\s+staging\s+error-rate\s+the last 1500 log lines reach back \d+m; this rule needs 10m/,
    );
    const json = await dynodeck(busy, ['alerts', '--json']);
    expect(json.exitCode).toBe(3);
    const entries = JSON.parse(json.stdout) as Entry[];
    expect(entries.find((e) => e.rule === 'error-rate' && e.env === 'staging')).toMatchObject({
      state: 'unknown',
      reason: expect.stringContaining('this rule needs 10m'),
    });
    expect(entries.filter((e) => e.env === 'production')).toEqual([]);
  }, 30_000);

  it('status --json reports the same unknown alerts', async () => {
    const { stdout, exitCode } = await dynodeck(busy, ['status', '--json']);
    expect(exitCode).toBe(0);
    const alerts = JSON.parse(stdout).alerts as Entry[];
    expect(alerts.find((e) => e.rule === 'error-rate' && e.env === 'staging')).toMatchObject({ state: 'unknown' });
  }, 30_000);

  it('environments that cannot be read are unknown, not quiet: exit 3, and status --json says so', async () => {
    const bad = 'f'.repeat(36);
    const alerts = await dynodeck(quiet, ['alerts', '--json'], bad);
    expect(alerts.exitCode).toBe(3);
    expect(JSON.parse(alerts.stdout)).toMatchObject([{ env: null, state: 'unknown' }]);
    const status = await dynodeck(quiet, ['status', '--json'], bad);
    expect(JSON.parse(status.stdout).alerts).toMatchObject([
      { env: null, state: 'unknown', reason: expect.stringContaining('cannot read the environments: 401') },
    ]);
  }, 30_000);

  it('promoting to production while a critical rule cannot be told needs --override, like a firing one', async () => {
    busy.requests.reset();
    const refused = await dynodeck(busy, ['promote', 'staging', '--yes']);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('dynodeck: cannot tell whether error-rate fires on staging');
    expect(refused.stderr).toContain('pass --override');
    expect(busy.requests.log.some((r) => r.path === '/pipeline-promotions')).toBe(false);

    const overridden = await dynodeck(busy, ['promote', 'staging', '--yes', '--override']);
    expect(overridden.exitCode).toBe(0);
    expect(busy.requests.log.some((r) => r.method === 'POST' && r.path === '/pipeline-promotions')).toBe(true);
  }, 60_000);
});
