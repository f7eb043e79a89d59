// The headless actions against the demo's local engine, run as a user runs them.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemo } from '../../src/demo/create-demo.js';
import { loadConfig } from '../../src/config/load-config.js';
import { bootstrapDemo } from '../../src/cli/demo-bootstrap.js';
import { stopEngine } from '../../src/engine/engine-control.js';
import { CLI } from '../helpers/pty-deck.js';

let work: string;
let demo: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-cli-actions-'));
  demo = (await createDemo({ dir: path.join(work, 'demo') })).dir;
  await bootstrapDemo(await loadConfig({ cwd: demo }), () => undefined);
}, 60_000);
afterAll(async () => {
  await stopEngine(demo);
  await rm(work, { recursive: true, force: true });
});

const dynodeck = (args: string[]) =>
  execa(process.execPath, [CLI, ...args], { cwd: demo, reject: false, env: { CI: 'true' }, stdin: 'ignore' });

describe('headless actions', () => {
  it('deploy runs the gate and exits 1 with its reason when the tests fail', async () => {
    const result = await dynodeck(['deploy', 'box-1', '--ref', 'bc-104-stock-levels']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('running the test gate: npm test');
    expect(result.stderr).toMatch(/stopped by the test gate: tests failed \(exit status 1\) in [0-9a-f]{7}/);
  }, 60_000);

  it('deploy of a passing branch prints the build and release phase and exits 0', async () => {
    const result = await dynodeck(['deploy', 'box-1', '--ref', 'bc-102-product-search']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/003-add-search-terms: migrated/);
    expect(result.stdout).toMatch(/deploy box-1: done \(v1\)/);
  }, 60_000);

  it('production refuses without --yes when no one can type its name', async () => {
    const result = await dynodeck(['restart', 'production']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('production is production: pass --yes');
  });

  it('scale takes relative changes and the audit log records who did what', async () => {
    const result = await dynodeck(['scale', 'staging', 'web+1']);
    expect(result.exitCode).toBe(0);
    const audit = (await readFile(path.join(demo, '.dynodeck', 'audit.log'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(audit.at(-1)).toMatchObject({
      what: 'scale',
      target: 'staging',
      result: 'succeeded',
      detail: { formation: 'web=2', via: 'cli' },
    });
    expect(JSON.stringify(audit)).not.toMatch(/[0-9a-f]{64}/); // the engine token never appears
  });

  it('logs prints recent lines of one source', async () => {
    const result = await dynodeck(['logs', 'staging', '--source', 'app', '-n', '20']);
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => / app\[[a-z0-9.]+\]: /.test(l))).toBe(true);
  });

  it('alerts prints the alerts as of now, and status --json carries them', async () => {
    const alerts = await dynodeck(['alerts', '--json']);
    expect(alerts.exitCode).toBe(0);
    expect(Array.isArray(JSON.parse(alerts.stdout))).toBe(true);
    const status = JSON.parse((await dynodeck(['status', '--json'])).stdout);
    expect(status.environments.map((e: { name: string }) => e.name)).toEqual([
      'box-1',
      'box-2',
      'staging',
      'production',
    ]);
    expect(Array.isArray(status.alerts)).toBe(true);
  }, 30_000);

  it('an unknown environment is a usage error naming the known ones', async () => {
    const result = await dynodeck(['restart', 'qa']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('no environment named "qa" (known: box-1, box-2, staging, production)');
  });
});
