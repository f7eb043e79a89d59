// What ships between two commits (GitHub's compare), deployments as the team's ledger,
// and releases after a promotion, against the GitHub-like server.
import { describe, expect, it } from 'vitest';
import { serviceFor, startServer } from './helpers.js';

describe('compare: what ships', () => {
  it('lists the commits, the pull requests they came from (merge, squash, rebase) and the issues they close', async () => {
    const server = await startServer({
      issues: [{ title: 'Cart' }, { title: 'Search' }, { title: 'Login' }],
      pulls: [
        { title: 'Cart', head: 'feature/1-cart', body: 'Fixes #1', commits: 2 },
        { title: 'Search', head: 'search', body: 'Closes acme/shop#2' },
        { title: 'Login', head: 'login', body: 'Resolves #3' },
      ],
    });
    const { world } = server;
    const base = world.branches.get('main')!;
    world.review(4, 'bob', 'APPROVED');
    world.merge(4, 'merge', 'ann');
    world.merge(5, 'squash', 'ann');
    world.merge(6, 'rebase', 'ann');
    const head = world.branches.get('main')!;
    const github = await serviceFor(server);
    const shipment = await github.compare(base, head);
    // merge: 2 branch commits + the merge commit; squash: 1; rebase: 1 (Login has one commit)
    expect(shipment.commits).toHaveLength(5);
    expect(shipment.aheadBy).toBe(5);
    expect(shipment.truncated).toBe(false);
    expect(shipment.commits.at(-1)!.sha).toBe(head);
    expect(shipment.pullRequests.map((s) => [s.pullRequest.number, s.pullRequest.state])).toEqual([
      [4, 'merged'],
      [5, 'merged'],
      [6, 'merged'],
    ]);
    expect(shipment.closes).toEqual([1, 2, 3]);
  });

  it('flags a shipped pull request merged with changes requested or failing checks', async () => {
    const server = await startServer({
      pulls: [
        { title: 'Good', head: 'good' },
        { title: 'Bad', head: 'bad' },
      ],
    });
    const { world } = server;
    const base = world.branches.get('main')!;
    world.addCheckRun(world.pull(1).pull.headSha, 'test', { conclusion: 'success' });
    world.review(2, 'cy', 'CHANGES_REQUESTED');
    world.addCheckRun(world.pull(2).pull.headSha, 'test (20.x)', { conclusion: 'failure' });
    world.merge(1, 'squash', 'ann');
    world.merge(2, 'squash', 'ann');
    const github = await serviceFor(server);
    const shipment = await github.compare(base, world.branches.get('main')!);
    expect(shipment.pullRequests.map((s) => [s.pullRequest.number, s.flags])).toEqual([
      [1, []],
      [2, ['changes requested', 'checks failing: test (20.x)']],
    ]);
  });

  it('reads long comparisons page by page (link headers) and says when it stopped short', async () => {
    const server = await startServer();
    const base = server.world.branches.get('main')!;
    for (let i = 0; i < 320; i++) server.world.addCommit({ message: `c${i}`, branch: 'main' });
    const github = await serviceFor(server);
    const shipment = await github.compare(base, server.world.branches.get('main')!);
    expect(shipment.aheadBy).toBe(320);
    expect(shipment.commits).toHaveLength(300);
    expect(shipment.truncated).toBe(true);
    expect(shipment.commits[0]!.subject).toBe('c0');
    const pages = server.requests.log.filter((r) => r.route === 'GET /repos/{owner}/{repo}/compare/{basehead+}');
    expect(pages).toHaveLength(3);
  });

  it('a commit GitHub does not have is a clear error', async () => {
    const server = await startServer();
    const github = await serviceFor(server);
    await expect(github.compare('a'.repeat(40), server.world.branches.get('main')!)).rejects.toThrow(
      'GitHub refused it (404 Not Found)',
    );
  });
});

describe('deployments', () => {
  it('records a deploy with auto_merge off and no required contexts, in progress, then success with the log URL', async () => {
    const server = await startServer({ pulls: [{ title: 'A', head: 'feature/a' }] });
    const { world } = server;
    // Without auto_merge:false GitHub would merge main into this branch (202, no deployment);
    // without required_contexts:[] this failing status would refuse it (409).
    world.addCommit({ message: 'main moves on', branch: 'main' });
    world.setStatus(world.branches.get('feature/a')!, 'ci', 'failure');
    const github = await serviceFor(server);
    const started = await github.deployments.start({
      environment: 'box-1',
      ref: 'feature/a',
      description: 'deploy feature/a by ann from dynodeck',
      transient: true,
    });
    expect(started).toMatchObject({
      environment: 'box-1',
      state: 'in_progress',
      inProgress: true,
      creator: 'deck-user',
    });
    const post = server.requests.log.find((r) => r.method === 'POST' && r.route.endsWith('/deployments'))!;
    expect(post.body).toMatchObject({
      auto_merge: false,
      required_contexts: [],
      environment: 'box-1',
      ref: 'feature/a',
    });

    await github.deployments.finish(started.id, { state: 'success', logUrl: 'https://dash.example/logs/1' });
    const latest = await github.deployments.latest('box-1');
    expect(latest).toMatchObject({
      id: started.id,
      state: 'success',
      inProgress: false,
      logUrl: 'https://dash.example/logs/1',
    });
  });

  it("shows someone else's deploy in progress with who and since when", async () => {
    const server = await startServer();
    const { world } = server;
    const d = world.addDeployment({ ref: 'main', environment: 'production', creator: 'ci-bot[bot]' });
    world.addDeploymentStatus(d, 'in_progress', { creator: 'ci-bot[bot]' });
    const github = await serviceFor(server);
    const latest = await github.deployments.latest('production');
    expect(latest).toMatchObject({ creator: 'ci-bot[bot]', state: 'in_progress', inProgress: true });
    expect(latest!.since).toBe(Date.parse(d.statuses[0]!.createdAt));
    expect(await github.whoAmI()).toBe('deck-user');
    expect(await github.deployments.latest('staging')).toBeUndefined();
  });

  it('a deployment with no status yet counts as pending (in progress); failure carries the reason', async () => {
    const server = await startServer();
    server.world.addDeployment({ ref: 'main', environment: 'staging', creator: 'ann' });
    const github = await serviceFor(server);
    expect(await github.deployments.latest('staging')).toMatchObject({ state: 'pending', inProgress: true });
    const mine = await github.deployments.start({ environment: 'staging', ref: 'main', description: 'x'.repeat(300) });
    await github.deployments.finish(mine.id, { state: 'failure', description: 'release phase failed: exit 1' });
    const post = server.requests.log.filter((r) => r.method === 'POST' && r.route.endsWith('/deployments'))[0]!;
    expect((post.body as { description: string }).description).toHaveLength(140);
    expect(await github.deployments.latest('staging')).toMatchObject({ state: 'failure', inProgress: false });
  });
});

describe('releases', () => {
  it('creates a release tagged from the template on the promoted commit, listing the shipped pull requests and tickets', async () => {
    const server = await startServer({ pulls: [{ title: 'Cart', head: 'cart', body: 'Fixes #12' }] });
    const { world } = server;
    const base = world.branches.get('main')!;
    world.merge(1, 'squash', 'ann');
    const sha = world.branches.get('main')!;
    const github = await serviceFor(server);
    const shipment = await github.compare(base, sha);
    const outcome = await github.releases.create({
      version: 42,
      sha,
      shipment,
      tickets: [{ id: '#12', title: 'Cart', criteria: { done: 2, total: 3 } }],
    });
    expect(outcome).toMatchObject({ ok: true, release: { tag: 'production-v42', target: sha } });
    const release = world.releases[0]!;
    expect(release.targetCommitish).toBe(sha);
    expect(release.body).toBe(
      [
        '## Pull requests',
        '',
        '- #1 Cart (@deck-user)',
        '',
        '## Tickets',
        '',
        '- #12 Cart (2/3 criteria)',
        '',
        '1 commit.',
      ].join('\n'),
    );
  });

  it('a tag that exists already (422) is reported, not retried', async () => {
    const server = await startServer();
    const sha = server.world.branches.get('main')!;
    server.world.addRelease('production-v7', sha);
    const github = await serviceFor(server);
    const outcome = await github.releases.create({ version: 7, sha });
    expect(outcome).toEqual({
      ok: false,
      tag: 'production-v7',
      alreadyExists: true,
      reason: 'release production-v7 exists already on GitHub; not made again',
    });
    expect(server.requests.log.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('lists recent releases, newest first', async () => {
    const server = await startServer();
    const sha = server.world.branches.get('main')!;
    for (const v of [1, 2, 3]) server.world.addRelease(`production-v${v}`, sha);
    const github = await serviceFor(server);
    expect((await github.releases.recent(2)).map((r) => r.tag)).toEqual(['production-v3', 'production-v2']);
  });
});
