// `dynodeck promote` and `rollback` with GitHub, run as a user runs it: the built CLI against a Heroku-like
// server (the environments) and a GitHub-like server (compare, deployments, releases).
import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { createHerokuTestServer, type HerokuTestServer } from '../heroku-server/index.js';
import { CLI } from '../helpers/pty-deck.js';
import { startServer, tempDir } from '../services/github/helpers.js';

const herokuServers: HerokuTestServer[] = [];
afterEach(async () => {
  await Promise.all(herokuServers.splice(0).map((s) => s.close()));
});

/** GitHub: production's commit, then #3 (approved, closes #1) and #4 (changes requested, closes #2) merged into main. */
async function world() {
  const github = await startServer({
    issues: [
      { title: 'Cart button', body: '## Acceptance criteria\n- [x] enabled\n- [ ] tested\n' },
      { title: 'Footer' },
    ],
  });
  const w = github.world;
  const first = w.branches.get('main')!;
  w.addPull({ title: 'Cart button works', head: 'feature/1-cart', body: 'Fixes #1' });
  w.review(3, 'bob', 'APPROVED');
  w.merge(3, 'merge', 'bob');
  w.addPull({ title: 'Footer links', head: 'feature/2-footer', body: 'Closes #2' });
  w.review(4, 'cy', 'CHANGES_REQUESTED');
  const staging = w.merge(4, 'squash', 'bob');
  const heroku = await createHerokuTestServer({
    stepMs: 10,
    pipeline: { name: 'shop' },
    apps: [
      { name: 'shop-staging', stage: 'staging', releases: [{ commit: first }, { commit: staging }] },
      { name: 'shop-production', stage: 'production', releases: [{ commit: first }] },
    ],
  });
  herokuServers.push(heroku);
  const cwd = await mkdtemp(path.join(await tempDir('dynodeck-cli-ship-'), 'p-'));
  await mkdir(path.join(cwd, 'tickets'));
  await writeFile(
    path.join(cwd, 'dynodeck.yml'),
    'project: shop\nplatform: { kind: heroku, pipeline: shop }\ntickets: { source: github }\ngithub: { repo: acme/shop }\n',
  );
  const run = (args: string[]) =>
    execa(process.execPath, [CLI, ...args], {
      cwd,
      reject: false,
      stdin: 'ignore',
      extendEnv: false,
      env: {
        CI: 'true',
        HOME: cwd,
        PATH: process.env.PATH ?? '',
        HEROKU_API_URL: heroku.url,
        HEROKU_API_KEY: heroku.token,
        GITHUB_API_URL: github.url,
        GITHUB_TOKEN: github.token,
      },
    });
  return { github, heroku, run, staging, first, cwd };
}

/** The audit log's entries for one kind of action: each result and whether it was forced. */
async function auditEntries(cwd: string, what: string) {
  const text = await readFile(path.join(cwd, '.dynodeck', 'audit.log'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { what: string; result: string; detail?: { force?: boolean } })
    .filter((e) => e.what === what)
    .map((e) => ({ result: e.result, force: e.detail?.force ?? false }));
}

const productionVersion = async (run: (args: string[]) => ReturnType<typeof execa>) =>
  JSON.parse(String((await run(['status', '--json'])).stdout)).environments.find(
    (e: { name: string }) => e.name === 'production',
  ).release.version;

describe('dynodeck promote with GitHub', () => {
  it('--dry-run --json lists the commits, pull requests (flagged) and tickets that would ship, and changes nothing', async () => {
    const { github, run, staging } = await world();
    const { stdout, exitCode } = await run(['promote', 'staging', '--dry-run', '--json']);
    expect(exitCode).toBe(0);
    const plan = JSON.parse(stdout);
    expect(plan).toMatchObject({ action: 'promote', from: 'staging', to: 'production', dryRun: true });
    expect(plan.shipping.source).toBe('github');
    expect(plan.shipping.total).toBe(3);
    expect(plan.shipping.commits[0].sha).toBe(staging);
    expect(plan.shipping.pullRequests).toEqual([
      { number: 3, title: 'Cart button works', flags: [] },
      { number: 4, title: 'Footer links', flags: ['changes requested'] },
    ]);
    expect(plan.shipping.tickets).toEqual([
      { id: '#1', title: 'Cart button', criteria: { done: 1, total: 2 } },
      { id: '#2', title: 'Footer', criteria: { done: 0, total: 0 } },
    ]);
    expect(github.world.deployments).toHaveLength(0);
    expect(await productionVersion(run)).toBe(1);
  });

  it('--dry-run prints the same for people', async () => {
    const { run } = await world();
    const { stdout, exitCode } = await run(['promote', 'staging', '--dry-run']);
    expect(exitCode).toBe(0);
    expect(stdout).toContain('dry run: promote staging to production (nothing is changed)');
    expect(stdout).toContain("ships 3 commits (GitHub's compare):");
    expect(stdout).toContain('  ⚠ #4 Footer links — changes requested');
    expect(stdout).toContain('  #1 Cart button (1/2 criteria)');
  });

  it("someone else's deployment in progress stops --yes; --force goes ahead, records a deployment and a release", async () => {
    const { github, run, staging, cwd } = await world();
    const theirs = github.world.addDeployment({ ref: 'main', environment: 'production', creator: 'dana' });
    github.world.addDeploymentStatus(theirs, 'in_progress', { creator: 'dana' });
    const stopped = await run(['promote', 'staging', '--yes']);
    expect(stopped.exitCode).toBe(1);
    expect(stopped.stderr).toMatch(/dana is deploying [0-9a-f]{12} to production .*pass --force/);
    expect(await productionVersion(run)).toBe(1);

    const forced = await run(['promote', 'staging', '--yes', '--force']);
    expect(forced.exitCode).toBe(0);
    expect(await productionVersion(run)).toBe(2);
    const ours = github.world.deployments.at(-1)!;
    expect(ours).toMatchObject({ environment: 'production', sha: staging });
    expect(ours.statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
    expect(github.world.releases.map((r) => [r.tagName, r.targetCommitish])).toEqual([['production-v2', staging]]);
    expect(forced.stdout).toMatch(/GitHub release production-v2 created: /);
    expect(await auditEntries(cwd, 'promote')).toEqual([
      { result: 'started', force: true },
      { result: 'succeeded', force: true },
    ]);
    // GitHub asks for a second between writes (deployments, statuses, the release): a slow test on purpose.
  }, 60_000);

  it("a rollback is held by someone else's deployment in progress like a promotion: --yes stops, --force goes ahead (recorded)", async () => {
    const { github, run, cwd, first } = await world();
    const theirs = github.world.addDeployment({ ref: 'main', environment: 'staging', creator: 'dana' });
    github.world.addDeploymentStatus(theirs, 'in_progress', { creator: 'dana' });
    const stopped = await run(['rollback', 'staging', 'v1', '--yes']);
    expect(stopped.exitCode).toBe(1);
    expect(stopped.stderr).toMatch(/dana is deploying [0-9a-f]{12} to staging .*pass --force to go ahead anyway/);
    expect(await auditEntries(cwd, 'rollback')).toEqual([]);

    const forced = await run(['rollback', 'staging', 'v1', '--yes', '--force']);
    expect(forced.exitCode).toBe(0);
    const ours = github.world.deployments.at(-1)!;
    expect(ours).toMatchObject({ environment: 'staging', sha: first, creator: expect.not.stringMatching(/^dana$/) });
    expect(ours.statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
    expect(await auditEntries(cwd, 'rollback')).toEqual([
      { result: 'started', force: true },
      { result: 'succeeded', force: true },
    ]);
  }, 60_000);
});
