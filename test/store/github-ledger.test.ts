// Deploys, promotions and rollbacks recorded on GitHub as deployments, and a GitHub release
// after a promotion to production: the store's actions with the real GitHub service
// against the GitHub-like server (the platform is the in-memory one).
import { describe, expect, it } from 'vitest';
import { createDeckStore } from '../../src/store/create-deck-store.js';
import { issuesAsTickets } from '../../src/cli/build-services.js';
import { memoryCodeHost } from '../helpers/render-deck.js';
import { memoryPlatform } from '../helpers/memory-platform.js';
import { createFakeClock } from '../helpers/fake-clock.js';
import { serviceFor, startServer } from '../services/github/helpers.js';
import type { GitHubTestServer } from '../github-server/index.js';

/** Production runs the first commit; staging runs main after pull request #2 (closing issue #1) was merged. */
async function shippingRepo() {
  const server = await startServer({
    issues: [{ title: 'Cart button', body: '## Acceptance criteria\n- [x] enabled\n- [ ] tested\n' }],
  });
  const w = server.world;
  const first = w.branches.get('main')!;
  w.addPull({ title: 'Cart button works', head: 'feature/1-cart', body: 'Fixes #1' });
  const merged = w.merge(2, 'merge', 'bob');
  return { server, first, merged };
}

async function deck(server: GitHubTestServer, commits: { staging: string; production: string }, token?: string) {
  const platform = memoryPlatform();
  platform.envs.find((e) => e.name === 'staging')!.release!.commit = commits.staging;
  platform.envs.find((e) => e.name === 'production')!.release!.commit = commits.production;
  const github = await serviceFor(server, token ? { env: { GITHUB_TOKEN: token, GITHUB_API_URL: server.url } } : {});
  const store = createDeckStore({
    project: 'shop',
    root: '/tmp/shop',
    clock: createFakeClock(),
    services: { tickets: issuesAsTickets(github), code: memoryCodeHost(), platform, github },
  });
  await store.getState().refreshEnvironments();
  await store
    .getState()
    .refreshTickets()
    .catch(() => undefined);
  return { store, platform };
}

describe('the GitHub ledger of shipping', () => {
  it('a promotion to production is a GitHub deployment (in_progress, then success) and a release with the shipped pull request and ticket', async () => {
    const { server, first, merged } = await shippingRepo();
    const { store } = await deck(server, { staging: merged, production: first });
    const lines: string[] = [];
    const outcome = await store
      .getState()
      .promoteEnvironment('staging', 'production', { onLine: (l) => lines.push(l) });
    expect(outcome.ok).toBe(true);
    const [deployment] = server.world.deployments;
    expect(deployment).toMatchObject({ environment: 'production', sha: merged, production: true });
    expect(deployment!.statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
    const [release] = server.world.releases;
    expect(release).toMatchObject({ tagName: 'production-v5', targetCommitish: merged });
    expect(release!.body).toContain('- #2 Cart button works');
    expect(release!.body).toContain('- #1 Cart button (1/2 criteria)');
    expect(lines.find((l) => l.startsWith('GitHub release production-v5 created: '))).toMatch(
      /: http\S+production-v5$/,
    );
  });

  it('a release tag that exists already is reported, not made again, and the promotion still succeeded', async () => {
    const { server, first, merged } = await shippingRepo();
    server.world.addRelease('production-v5', first);
    const { store } = await deck(server, { staging: merged, production: first });
    const lines: string[] = [];
    const outcome = await store
      .getState()
      .promoteEnvironment('staging', 'production', { onLine: (l) => lines.push(l) });
    expect(outcome.ok).toBe(true);
    expect(lines).toContain('release production-v5 exists already on GitHub; not made again');
    expect(server.world.releases).toHaveLength(1);
    expect(server.requests.log.filter((r) => r.method === 'POST' && r.path.endsWith('/releases'))).toHaveLength(1);
  });

  it('a failed deploy leaves its GitHub deployment in failure with the reason', async () => {
    const { server, first, merged } = await shippingRepo();
    const { store, platform } = await deck(server, { staging: merged, production: first });
    platform.nextOutcome = { ok: false, reason: 'build failed: npm ERR! missing script: build' };
    const outcome = await store.getState().deployEnvironment('box-1', { ref: merged, skipTests: true });
    expect(outcome.ok).toBe(false);
    const [deployment] = server.world.deployments;
    expect(deployment).toMatchObject({ environment: 'box-1', sha: merged, transient: true });
    expect(deployment!.statuses.map((s) => [s.state, s.description])).toEqual([
      ['in_progress', `deploy ${merged} to box-1`],
      ['failure', 'build failed: npm ERR! missing script: build'],
    ]);
  });

  it('a rollback is recorded with the commit of the release it goes back to', async () => {
    const { server, first } = await shippingRepo();
    const { store, platform } = await deck(server, { staging: first, production: first });
    platform.releases = async () => [
      { id: 'r4', version: 4, status: 'succeeded', description: 'old', commit: first, current: false },
    ];
    const outcome = await store.getState().rollbackEnvironment('staging', 'v4');
    expect(outcome.ok).toBe(true);
    expect(server.world.deployments[0]).toMatchObject({ environment: 'staging', sha: first });
    expect(server.world.deployments[0]!.statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
  });

  it('GitHub refusing the token does not stop the deploy: it says the deployment was not recorded', async () => {
    const { server, first, merged } = await shippingRepo();
    const { store, platform } = await deck(server, { staging: merged, production: first }, 'not-the-token');
    const lines: string[] = [];
    const outcome = await store
      .getState()
      .deployEnvironment('box-1', { ref: merged, skipTests: true, onLine: (l) => lines.push(l) });
    expect(outcome.ok).toBe(true);
    expect(platform.calls).toContain(`deploy box-1 ${merged}`);
    expect(lines.find((l) => l.startsWith('GitHub deployment not recorded: '))).toMatch(/GITHUB_TOKEN/);
    expect(server.world.deployments).toHaveLength(0);
  });
});
