// Merging a ticket's pull request through GitHub's merge API, only when it is approved
// with passing checks, with the method the repository allows.
import { describe, expect, it } from 'vitest';
import { serviceFor, startServer } from './helpers.js';

async function readyPull(options: Parameters<typeof startServer>[0] = {}) {
  const server = await startServer({
    ...options,
    pulls: [{ title: 'Cart', head: 'feature/12-cart', body: 'Fixes #12' }],
  });
  server.world.addIssue({ title: 'unrelated' });
  server.world.review(1, 'bob', 'APPROVED');
  server.world.addCheckRun(server.world.pull(1).pull.headSha, 'test (20.x)', { conclusion: 'success' });
  return server;
}

describe('merge', () => {
  it('merges an approved pull request with passing checks, pinned to the head it checked', async () => {
    const server = await readyPull();
    const github = await serviceFor(server);
    const head = server.world.pull(1).pull.headSha;
    const outcome = await github.merge({ id: '#12', number: 12 });
    expect(outcome).toEqual({ ok: true, pullRequest: 1, method: 'merge', sha: server.world.branches.get('main') });
    const put = server.requests.log.filter((r) => r.method === 'PUT');
    expect(put.map((r) => r.body)).toEqual([{ merge_method: 'merge', sha: head }]);
    expect(server.world.pull(1).pull.merged).toBe(true);
  });

  it('uses the method the repository allows (squash only): a squash-merged pull request is merged', async () => {
    const server = await readyPull({ mergeMethods: { merge: false, squash: true, rebase: false } });
    const github = await serviceFor(server);
    expect(await github.merge({ pullRequest: 1 })).toMatchObject({ ok: true, method: 'squash' });
    expect((await github.pullRequest(1)).state).toBe('merged');
  });

  it('refuses while a requested reviewer has not approved: "waiting on dana"', async () => {
    const server = await startServer({
      pulls: [{ title: 'Cart', head: 'feature/12-cart', requestedReviewers: ['dana'] }],
    });
    const github = await serviceFor(server);
    expect(await github.merge({ id: '#12', number: 12 })).toEqual({
      ok: false,
      reason: 'waiting on dana',
      pullRequest: 1,
    });
    expect(server.requests.log.some((r) => r.method === 'PUT')).toBe(false);
  });

  it('refuses with the failing check names: "checks failing: test (20.x)"', async () => {
    const server = await readyPull();
    server.world.rerunCheck(server.world.pull(1).pull.headSha, 'test (20.x)', 'failure');
    const github = await serviceFor(server);
    expect(await github.merge({ pullRequest: 1 })).toEqual({
      ok: false,
      reason: 'checks failing: test (20.x)',
      pullRequest: 1,
    });
  });

  it('refuses with changes requested, naming who requested them', async () => {
    const server = await readyPull();
    server.world.review(1, 'cy', 'CHANGES_REQUESTED');
    const github = await serviceFor(server);
    expect(await github.merge({ pullRequest: 1 })).toMatchObject({ ok: false, reason: 'changes requested by cy' });
  });

  it('reads the pull request fresh before merging: an approval the last poll did not see counts', async () => {
    const server = await startServer({
      pulls: [{ title: 'Cart', head: 'feature/12-cart', requestedReviewers: ['dana'] }],
    });
    const github = await serviceFor(server);
    await github.pullRequests();
    server.world.review(1, 'dana', 'APPROVED');
    expect(await github.merge({ id: '#12', number: 12 })).toMatchObject({ ok: true, pullRequest: 1 });
  });

  it("GitHub's refusal is reported with its message (405 not mergeable)", async () => {
    const server = await readyPull();
    server.failNext(/\/merge$/, 405, 'Pull Request is not mergeable');
    const github = await serviceFor(server);
    const outcome = await github.merge({ pullRequest: 1 });
    expect(outcome).toEqual({
      ok: false,
      reason: '#1 not merged: GitHub refused it (405 Pull Request is not mergeable)',
      pullRequest: 1,
    });
  });

  it('a merge that gets no answer is reported and never sent again', async () => {
    const server = await readyPull();
    server.hangNext(/\/merge$/);
    const github = await serviceFor(server, { client: { secondMs: 20, writeTimeoutMs: 300 } });
    const outcome = await github.merge({ pullRequest: 1 });
    expect(outcome).toMatchObject({ ok: false, pullRequest: 1 });
    expect(outcome.ok ? '' : outcome.reason).toMatch(
      /did not answer PUT \/repos\/acme\/shop\/pulls\/1\/merge within 300 ms; it was not sent again/,
    );
    expect(server.requests.log.filter((r) => r.method === 'PUT')).toHaveLength(1);
  });

  it('a merge answered by a 502 page is reported without the page, and not sent again', async () => {
    const server = await readyPull();
    server.failNextWithHtml(/\/merge$/, 502);
    const github = await serviceFor(server);
    const outcome = await github.merge({ pullRequest: 1 });
    const reason = outcome.ok ? '' : outcome.reason;
    expect(reason).toMatch(
      /^#1 not merged: GitHub answered 502; PUT \/repos\/acme\/shop\/pulls\/1\/merge was not sent again/,
    );
    expect(reason).not.toMatch(/<|html/i);
    expect(server.requests.log.filter((r) => r.method === 'PUT')).toHaveLength(1);
  });

  it('says so when a ticket has no open pull request, or several', async () => {
    const server = await startServer({
      pulls: [
        { title: 'One', head: 'feature/7-a' },
        { title: 'Two', head: 'feature/7-b' },
      ],
    });
    const github = await serviceFor(server);
    expect(await github.merge({ id: '#3', number: 3 })).toEqual({ ok: false, reason: 'no open pull request for #3' });
    expect(await github.merge({ id: '#7', number: 7 })).toEqual({
      ok: false,
      reason: '#7 has 2 open pull requests (#2, #1): merge one by number',
    });
  });
});
