// Pull requests with their review and checks, read by the real Octokit from the
// GitHub-like server, on the deck's poll schedule.
import { describe, expect, it } from 'vitest';
import { GITHUB_POLL_SCHEDULE } from '../../../src/services/github/poll-schedule.js';
import { routeCounts, serviceFor, startServer } from './helpers.js';

const REVIEWS = 'GET /repos/{owner}/{repo}/pulls/{number}/reviews';
const CHECK_RUNS = 'GET /repos/{owner}/{repo}/commits/{ref+}/check-runs';
const STATUS = 'GET /repos/{owner}/{repo}/commits/{ref+}/status';
const PULL = 'GET /repos/{owner}/{repo}/pulls/{number}';

describe('pull requests with review and checks', () => {
  it('changes requested, then approved: approved; checks passing', async () => {
    const server = await startServer({ pulls: [{ title: 'Cart', head: 'feature/12-cart', body: 'Fixes #12' }] });
    const { world } = server;
    world.review(1, 'bob', 'CHANGES_REQUESTED');
    world.review(1, 'bob', 'COMMENTED');
    world.review(1, 'bob', 'APPROVED');
    world.addCheckRun(world.pull(1).pull.headSha, 'test (20.x)', { conclusion: 'success' });
    const github = await serviceFor(server);
    const [pr] = await github.pullRequests();
    expect(pr).toMatchObject({
      number: 1,
      state: 'open',
      review: 'approved',
      reviewers: [{ login: 'bob', state: 'approved' }],
      waitingOn: [],
      checks: 'passing',
      mergeable: true,
      draft: false,
      detailed: true,
      headRef: 'feature/12-cart',
      closes: [12],
    });
  });

  it('an approval later dismissed no longer counts; requested reviewers are waited on', async () => {
    const server = await startServer({
      pulls: [{ title: 'Cart', head: 'cart', requestedReviewers: ['dana'], requestedTeams: ['web'] }],
    });
    server.world.review(1, 'bob', 'APPROVED');
    server.world.dismiss(1, 'bob');
    const github = await serviceFor(server);
    const [pr] = await github.pullRequests();
    expect(pr).toMatchObject({
      review: 'review_required',
      waitingOn: ['dana', 'acme/web'],
      reviewers: [
        { login: 'bob', state: 'dismissed' },
        { login: 'dana', state: 'pending' },
        { login: 'acme/web', state: 'pending' },
      ],
    });
  });

  it('a failed check run re-run to success passes; a failing commit status fails with its name', async () => {
    const server = await startServer({
      pulls: [
        { title: 'A', head: 'a' },
        { title: 'B', head: 'b' },
      ],
    });
    const { world } = server;
    const a = world.pull(1).pull.headSha;
    world.addCheckRun(a, 'test (20.x)', { conclusion: 'failure' });
    world.rerunCheck(a, 'test (20.x)', 'success');
    const b = world.pull(2).pull.headSha;
    world.addCheckRun(b, 'test (20.x)', { conclusion: 'success' });
    world.setStatus(b, 'ci/coverage', 'pending');
    world.setStatus(b, 'ci/coverage', 'failure');
    const github = await serviceFor(server);
    const prs = await github.pullRequests();
    expect(prs.find((p) => p.number === 1)).toMatchObject({ checks: 'passing', failingChecks: [] });
    expect(prs.find((p) => p.number === 2)).toMatchObject({ checks: 'failing', failingChecks: ['ci/coverage'] });
  });

  it('no checks at all is none (an empty combined status is not pending); drafts and conflicts show', async () => {
    const server = await startServer({
      pulls: [
        { title: 'Draft', head: 'd', draft: true },
        { title: 'Conflicts', head: 'c', mergeable: false },
      ],
    });
    const github = await serviceFor(server);
    const prs = await github.pullRequests();
    expect(prs.map((p) => [p.number, p.checks, p.draft, p.mergeable])).toEqual([
      [2, 'none', false, false],
      [1, 'none', true, true],
    ]);
  });

  it('merged pull requests are merged, squash merges included; closed ones are closed', async () => {
    const server = await startServer({
      pulls: [
        { title: 'Merged', head: 'm' },
        { title: 'Squashed', head: 's' },
        { title: 'Abandoned', head: 'x' },
      ],
    });
    server.world.merge(1, 'merge', 'ann');
    server.world.merge(2, 'squash', 'ann');
    server.world.closeIssue(3);
    const github = await serviceFor(server);
    const prs = await github.pullRequests();
    const state = Object.fromEntries(prs.map((p) => [p.number, p.state]));
    expect(state).toEqual({ 1: 'merged', 2: 'merged', 3: 'closed' });
    expect(prs.find((p) => p.number === 2)!.mergeCommitSha).toBe(server.world.branches.get('main'));
  });

  it("a ticket's pull requests: by closing reference and by branch, markdown tickets too", async () => {
    const server = await startServer({
      pulls: [
        { title: 'Cart work', head: 'feature/12-cart' },
        { title: 'Other', head: 'misc', body: 'Closes #12' },
        { title: 'Not it', head: 'feature/120-x' },
        { title: 'Markdown', head: 'SHOP-4-search' },
      ],
    });
    const github = await serviceFor(server);
    expect((await github.pullRequestsFor({ id: '#12', number: 12 })).map((p) => p.number)).toEqual([2, 1]);
    expect((await github.pullRequestsFor({ id: 'SHOP-4' })).map((p) => p.number)).toEqual([4]);
  });

  it('an idle poll asks only the lists (answered 304); details wait until they are due', async () => {
    let now = Date.parse('2026-12-01T10:00:00Z');
    const server = await startServer({
      pulls: [
        { title: 'A', head: 'a' },
        { title: 'B', head: 'b' },
      ],
    });
    server.world.addCheckRun(server.world.pull(1).pull.headSha, 'test', { conclusion: 'success' });
    const github = await serviceFor(server, { now: () => now });
    await github.pullRequests();
    server.requests.reset();

    now += GITHUB_POLL_SCHEDULE.pullRequestsMs;
    await github.pullRequests();
    expect(routeCounts(server)).toEqual({ 'GET /repos/{owner}/{repo}/pulls': 2 });
    expect(server.requests.log.every((r) => r.status === 304)).toBe(true);

    server.requests.reset();
    now += GITHUB_POLL_SCHEDULE.pullRequestDetailsMs;
    await github.pullRequests();
    expect(routeCounts(server)).toEqual({
      'GET /repos/{owner}/{repo}/pulls': 2,
      [PULL]: 2,
      [REVIEWS]: 2,
      [CHECK_RUNS]: 2,
      [STATUS]: 2,
    });
    expect(server.requests.counted).toBe(0);
  });

  it('a new review shows at the next poll (the pull request was updated); a new head re-reads its checks', async () => {
    let now = Date.parse('2026-12-01T10:00:00Z');
    const server = await startServer({ pulls: [{ title: 'A', head: 'a', requestedReviewers: ['dana'] }] });
    const github = await serviceFor(server, { now: () => now, schedule: {} });
    expect((await github.pullRequests())[0]!.review).toBe('review_required');

    now += 1000;
    server.world.review(1, 'dana', 'APPROVED');
    expect((await github.pullRequests())[0]).toMatchObject({ review: 'approved', waitingOn: [] });

    now += 1000;
    const sha = server.world.push(1);
    server.world.addCheckRun(sha, 'test', { status: 'in_progress' });
    expect((await github.pullRequests())[0]).toMatchObject({
      headSha: sha,
      checks: 'pending',
      pendingChecks: ['test'],
    });
  });

  it('pending checks are read at every poll until they finish', async () => {
    let now = Date.parse('2026-12-01T10:00:00Z');
    const server = await startServer({ pulls: [{ title: 'A', head: 'a' }] });
    const run = server.world.addCheckRun(server.world.pull(1).pull.headSha, 'test (20.x)', { status: 'in_progress' });
    const github = await serviceFor(server, { now: () => now });
    expect((await github.pullRequests())[0]!.checks).toBe('pending');
    server.world.completeCheckRun(run.id, 'failure');
    now += GITHUB_POLL_SCHEDULE.pullRequestsMs;
    expect((await github.pullRequests())[0]).toMatchObject({ checks: 'failing', failingChecks: ['test (20.x)'] });
  });

  it('reads a pull request on demand, merged ones too, with review and checks', async () => {
    const server = await startServer({ pulls: [{ title: 'Done', head: 'done' }] });
    server.world.review(1, 'bob', 'CHANGES_REQUESTED');
    server.world.addCheckRun(server.world.pull(1).pull.headSha, 'lint', { conclusion: 'failure' });
    server.world.merge(1, 'squash', 'ann');
    const github = await serviceFor(server);
    expect((await github.pullRequests())[0]).toMatchObject({ state: 'merged', detailed: false, review: 'none' });
    expect(await github.pullRequest(1)).toMatchObject({
      state: 'merged',
      detailed: true,
      review: 'changes_requested',
      checks: 'failing',
      failingChecks: ['lint'],
    });
  });
});
