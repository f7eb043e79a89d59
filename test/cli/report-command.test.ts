// `dynodeck report` run as a user runs it: the built CLI against the local engine, after a
// scripted series of deploys, promotions, a failed promotion, a failed deploy and a rollback.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureRepo } from '../helpers/engine-fixture.js';
import { startHarness, type Harness } from '../helpers/engine-harness.js';
import { CLI } from '../helpers/pty-deck.js';
import { createAlertHistory } from '../../src/services/history/alert-history.js';
import type { OutcomeReport } from '../../src/outcomes/outcome-types.js';
import { createHerokuPlatform } from '../../src/services/heroku/heroku-platform.js';
import type { ActionOutcome } from '../../src/services/ports.js';

const MIN = 60_000;
let harness: Harness;
let root: string;
let started: number;

const dynodeck = (args: string[]) =>
  execa(process.execPath, [CLI, ...args], { cwd: root, reject: false, env: { CI: 'true' }, stdin: 'ignore' });

const ticket = (id: string, complexity: string, branch: string) =>
  writeFile(
    path.join(root, 'tickets', `${id}.md`),
    `---\nid: ${id}\ntitle: ${id}\ncomplexity: ${complexity}\nbranch: ${branch}\n---\n`,
  );

beforeAll(async () => {
  started = Date.now();
  const repo = await createFixtureRepo();
  root = repo.root;
  const write = (file: string, text: string) => writeFile(path.join(root, file), text);
  // Two more commits on main, a branch on top of "two", and one whose release phase fails
  // only in production (so it reaches staging and fails on promotion).
  for (const n of [2, 3]) {
    await write(`notes-${n}.txt`, `${n}\n`);
    await repo.git('add', '-A');
    await repo.git('commit', '-q', '-m', `main ${n}`);
  }
  await repo.git('checkout', '-q', '-b', 'three', 'two');
  await write('version.txt', 'three\n');
  await repo.git('commit', '-q', '-am', 'three');
  await repo.git('checkout', '-q', '-b', 'fail-in-production', 'main');
  await write(
    'release.js',
    "if (/production$/.test(process.env.HEROKU_APP_NAME)) { console.error('migration failed in production'); process.exit(1); }\n",
  );
  await repo.git('commit', '-q', '-am', 'fail in production');
  await repo.git('checkout', '-q', 'main');
  await ticket('FX-1', 'trivial', 'two');
  await ticket('FX-2', 'standard', 'three');
  await ticket('FX-3', 'complex', 'fail-release');

  // The series goes through the same Platform adapter the CLI uses (in this process, which
  // is quicker than a CLI run per step); the report itself is the built CLI.
  harness = await startHarness(repo);
  const platform = createHerokuPlatform(harness.api, { pipeline: 'fixture', pollMs: 50 });
  const must = async (outcome: Promise<ActionOutcome>, ok: boolean, what: string) => {
    const result = await outcome;
    if (result.ok !== ok) throw new Error(`${what}: ${JSON.stringify(result)}`);
  };
  const ship = async (ref: string, promotes: boolean) => {
    await must(platform.deploy('staging', root, ref), true, `deploy ${ref}`);
    await must(platform.promote('staging', 'production'), promotes, `promote ${ref}`);
  };
  await ship('main', true); // production v1
  await ship('two', true); // v2
  await ship('three', true); // v3
  await ship('fail-in-production', false); // v4 fails its release phase
  await must(platform.deploy('staging', root, 'fail-release'), false, 'a failed deploy on staging');
  await must(platform.rollback('production', 'v2'), true, 'rollback'); // v5

  // Alerts the deck saw before all this: two critical ones resolved, a warning, and one on staging.
  const history = createAlertHistory({ root, onError: (e) => void console.error(e) });
  const alert = (at: number, transition: 'fired' | 'resolved', rule: string, extra = {}) =>
    history.recordAlertTransition({ at, transition, rule, env: 'production', severity: 'critical', ...extra });
  alert(started - 30 * MIN, 'fired', 'error-rate');
  alert(started - 24 * MIN, 'resolved', 'error-rate');
  alert(started - 20 * MIN, 'fired', 'health-check');
  alert(started - 10 * MIN, 'resolved', 'health-check');
  alert(started - 9 * MIN, 'fired', 'p95-latency', { severity: 'warning' });
  alert(started - 8 * MIN, 'fired', 'crashed', { env: 'staging' });
  await history.flush();
}, 300_000);

afterAll(async () => {
  await harness?.close();
});

describe('dynodeck report', () => {
  it('--json gives the four measures with their bands and lead time by complexity', async () => {
    const result = await dynodeck(['report', '--json']);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout) as OutcomeReport;

    expect(report.env).toBe('production');
    expect(Date.parse(report.period.to) - Date.parse(report.period.from)).toBe(30 * 24 * 60 * MIN);
    expect(report.deploymentFrequency).toEqual({
      count: 3,
      perWeek: 0.7,
      band: 'medium',
      deploys: 0,
      promotions: 3,
      rollbacks: 1,
    });
    // v1 carried "one", "main 2", "main 3"; v2 "two"; v3 "three": minutes old, so elite
    expect(report.leadTime).toMatchObject({ changes: 5, band: 'elite' });
    expect(report.leadTime.medianHours).toBeLessThan(1);
    expect(report.leadTime.p90Hours).toBeGreaterThanOrEqual(report.leadTime.medianHours!);

    expect(report.changeFailureRate).toMatchObject({ deploys: 4, failures: 2, rate: 0.5, band: 'low' });
    expect(report.changeFailureRate.failedChanges.map((f) => [f.version, f.reason.replace(/:.*/, '')])).toEqual([
      [3, 'rolled back by v5 (Rollback to v2)'],
      [4, 'release v4 failed'],
    ]);

    // error-rate 6 min, health-check 10 min, and v4's failure until the rollback (seconds)
    expect(report.timeToRestore).toMatchObject({ medianMinutes: 6, band: 'elite', restored: 3, open: 0 });
    expect(report.timeToRestore.incidents.map((i) => i.restoredBy)).toEqual(['resolution', 'resolution', 'release']);

    expect(report.byComplexity).toEqual({
      trivial: { tickets: 1, medianLeadTimeHours: null },
      standard: { tickets: 1, medianLeadTimeHours: null },
      complex: { tickets: 0, medianLeadTimeHours: null },
    });
    expect(report.tickets.map((t) => [t.id, t.release])).toEqual([
      ['FX-1', 2],
      ['FX-2', 3],
    ]);
    expect(report.weeks).toHaveLength(5);
    expect(report.weeks.at(-1)!.deployments).toBe(3);
    expect(report.notes).toEqual([]);
  }, 60_000);

  it('reports on another environment with --env: the failed deploy on staging is a failed change there', async () => {
    const result = await dynodeck(['report', '--env', 'staging', '--json']);
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout) as OutcomeReport;
    expect(report.deploymentFrequency).toMatchObject({ count: 4, deploys: 4, rollbacks: 0 });
    expect(report.changeFailureRate).toMatchObject({ deploys: 5 });
    expect(report.changeFailureRate.failedChanges.at(-1)).toMatchObject({ version: 5 });
    expect(report.changeFailureRate.failedChanges.at(-1)!.reason).toMatch(/^release v5 failed/);
  }, 60_000);

  it('prints a table for people with a sparkline per measure', async () => {
    const result = await dynodeck(['report', '--since', '2w']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^Outcomes on production, .* \(14 days, 2 weeks in the sparklines/);
    expect(result.stdout).toMatch(/deployment frequency\s+1\.5 a week \(3 deployments\)\s+high\s+▁█\n/);
    expect(result.stdout).toMatch(/change failure rate\s+50 % \(2 of 4 changes\)\s+low\s+ ▄\n/);
  }, 60_000);

  it('names the known environments for an unknown one, and explains a bad period', async () => {
    const unknown = await dynodeck(['report', '--env', 'qa']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('no environment named "qa"');
    const bad = await dynodeck(['report', '--since', 'forever']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('--since "forever": expected a span such as 30d');
  }, 60_000);
});

describe('dynodeck report without a running engine', () => {
  it('says the engine is not running and exits 1', async () => {
    const folder = path.join(root, 'elsewhere');
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'dynodeck.yml'), 'project: elsewhere\nplatform:\n  kind: local\n');
    const result = await execa(process.execPath, [CLI, 'report'], {
      cwd: folder,
      reject: false,
      env: { CI: 'true' },
      stdin: 'ignore',
    });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('the local engine is not running');
  });
});
