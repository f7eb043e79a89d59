// `dynodeck alerts --watch` as a user runs it beside a Heroku pipeline with a CloudWatch: the
// alarms are watched with the rules, printed as they change, kept in the alert history, and
// counted in the exit code; a CloudWatch that cannot be read is said on stderr and makes the
// exit "cannot tell" (3), never "all quiet".
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/pty-deck.js';
import { waitFor } from '../helpers/wait-for-frame.js';
import { startHerokuWithCloudWatch, type HerokuWithCloudWatch } from '../helpers/heroku-with-cloudwatch.js';

let world: HerokuWithCloudWatch;
let work: string;

beforeAll(async () => {
  world = await startHerokuWithCloudWatch();
  work = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-alerts-watch-'));
}, 30_000);

afterAll(async () => {
  await world.close();
  await rm(work, { recursive: true, force: true });
});

const project = (name: string) => world.project(path.join(work, name));

function watch(dir: string, secret?: string) {
  const child = execa(process.execPath, [CLI, 'alerts', '--watch', '--json'], {
    cwd: dir,
    reject: false,
    stdin: 'ignore',
    env: world.env(dir, secret),
    extendEnv: false,
  });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (out.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out.stderr += chunk.toString()));
  return { child: child as ResultPromise, out };
}

describe('alerts --watch with CloudWatch', () => {
  it('prints an alarm in ALARM as a critical alert, records it in the history, and exits 1 while it fires', async () => {
    const dir = await project('alarm');
    const { child, out } = watch(dir);
    const line = await waitFor(
      () => out.stdout.split('\n').find((l) => l.includes('"shop-prod-cpu"')),
      () => `the alarm on stdout; stdout: ${out.stdout}; stderr: ${out.stderr}`,
      20_000,
    );
    expect(JSON.parse(line)).toMatchObject({
      rule: 'shop-prod-cpu',
      env: 'production',
      severity: 'critical',
      state: 'firing',
      source: 'cloudwatch',
    });
    const history = path.join(dir, '.dynodeck', 'history', 'alerts.jsonl');
    child.kill('SIGINT');
    expect((await child).exitCode).toBe(1);
    expect(existsSync(history)).toBe(true);
    expect(await readFile(history, 'utf8')).toContain('shop-prod-cpu');
  }, 40_000);

  it('says on stderr when CloudWatch refuses its credentials, without the secret, and exits 3', async () => {
    const dir = await project('refused');
    const { child, out } = watch(dir, 'refused-test-secret');
    await waitFor(
      () => out.stderr.includes('dynodeck: cloudwatch:') || undefined,
      () => `CloudWatch's problem on stderr; stderr: ${out.stderr}`,
      20_000,
    );
    expect(out.stderr).toContain('its alarms cannot be told meanwhile');
    expect(out.stderr + out.stdout).not.toContain('refused-test-secret');
    child.kill('SIGINT');
    expect((await child).exitCode).toBe(3);
  }, 40_000);
});
