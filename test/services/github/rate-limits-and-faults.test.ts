// GitHub's rate limits and failures as the real Octokit (throttling and retry plugins)
// meets them through the service: waits that are honoured, requests that are not sent
// while GitHub asked to wait, reads asked again, writes never sent twice.
import { describe, expect, it } from 'vitest';
import { serviceFor, startServer } from './helpers.js';

const ISSUES = 'GET /repos/{owner}/{repo}/issues';

describe('rate limits', () => {
  it('a budget spent for the next hour: fails at once saying until when, then sends nothing until the reset', async () => {
    let now = Date.parse('2026-12-01T10:00:00Z');
    const server = await startServer({ issues: [{ title: 'One' }], now: () => now });
    const github = await serviceFor(server, { now: () => now });
    await github.connect();
    server.rateLimit.setRemaining(0);
    await expect(github.tickets.load()).rejects.toThrow(/^GitHub's rate limit is spent until \d\d:\d\d$/);
    expect(github.status()).toMatchObject({ state: 'rate-limited' });
    const sent = server.requests.log.length;

    await expect(github.tickets.load()).rejects.toThrow(/^GitHub rate limit spent: waiting until \d\d:\d\d$/);
    expect(server.requests.log.length).toBe(sent);

    now += 3601_000;
    expect((await github.tickets.load()).tickets).toHaveLength(1);
    expect(github.status()).toMatchObject({ state: 'ok' });
  });

  it('a budget that comes back within a minute is waited for, then the read carries on', async () => {
    const server = await startServer({ issues: [{ title: 'One' }], rateWindowMs: 1500 });
    // Real seconds here: the wait is for the server's real reset time.
    const github = await serviceFor(server, { client: { secondMs: 1000 } });
    server.rateLimit.setRemaining(0);
    expect((await github.tickets.load()).tickets).toHaveLength(1);
    const issues = server.requests.log.filter((r) => r.route === ISSUES);
    expect(issues.map((r) => r.status)).toEqual([403, 403, 200, 200]);
  });

  it.each([403, 429] as const)(
    'a secondary limit (%i with retry-after) is waited out and the read asked again',
    async (status) => {
      const server = await startServer({ issues: [{ title: 'One' }] });
      const github = await serviceFor(server);
      server.secondaryLimitNext({ count: 1, retryAfter: 2, status });
      expect((await github.tickets.load()).tickets).toHaveLength(1);
      const statuses = server.requests.log.filter((r) => r.route === ISSUES).map((r) => r.status);
      expect(statuses.filter((s) => s === status)).toHaveLength(1);
      expect(statuses.filter((s) => s === 200)).toHaveLength(2);
    },
  );

  it('a secondary limit that persists is reported, and the next request waits for retry-after', async () => {
    const server = await startServer({ issues: [{ title: 'One' }] });
    const github = await serviceFor(server, { client: { secondMs: 20, maxWaitSeconds: 60 } });
    server.secondaryLimitNext({ count: 6, retryAfter: 120 });
    await expect(github.tickets.load()).rejects.toThrow('GitHub asked dynodeck to slow down (secondary rate limit)');
    const sent = server.requests.log.length;
    await expect(github.tickets.load()).rejects.toThrow(/^GitHub secondary rate limit: waiting until \d\d:\d\d$/);
    expect(server.requests.log.length).toBe(sent);
  });

  it('reports the budget left as the headers say, 304s included', async () => {
    const server = await startServer({ issues: [{ title: 'One' }] });
    const github = await serviceFor(server);
    await github.tickets.load();
    const after = github.budget()!;
    expect(after.remaining).toBe(5000 - server.requests.counted);
    await github.tickets.load();
    expect(github.budget()).toMatchObject({ remaining: after.remaining, limit: 5000 });
    expect(github.stats()).toMatchObject({ notModified: 2 });
  });
});

describe('faults', () => {
  it('a 502 HTML page on a read is asked again; the page itself never reaches a message', async () => {
    const server = await startServer({ issues: [{ title: 'One' }] });
    const github = await serviceFor(server);
    server.failNextWithHtml(/\/issues$/);
    expect((await github.tickets.load()).tickets).toHaveLength(1);

    for (let i = 0; i < 6; i++) server.failNextWithHtml(/\/issues$/);
    const error = (await github.tickets.load().catch((e: unknown) => e)) as Error;
    expect(error.message).toBe('GitHub answered 502; trying again later');
    expect(github.statusLine()).toBe('GitHub answered 502; trying again later');
  });

  it('a read that hangs is given up after the time limit and asked again', async () => {
    const server = await startServer({ issues: [{ title: 'One' }] });
    const github = await serviceFor(server, { client: { secondMs: 20, readTimeoutMs: 300 } });
    server.hangNext(/\/pulls$/);
    expect(await github.pullRequests()).toEqual([]);
    const lists = server.requests.log.filter((r) => r.route === 'GET /repos/{owner}/{repo}/pulls');
    expect(lists.filter((r) => r.status === 0)).toHaveLength(1);
  });

  it('a write that hangs is reported and never sent again', async () => {
    const server = await startServer();
    const github = await serviceFor(server, { client: { secondMs: 20, writeTimeoutMs: 300 } });
    server.hangNext(/\/deployments$/);
    await expect(
      github.deployments.start({ environment: 'staging', ref: 'main', description: 'deploy' }),
    ).rejects.toThrow(/did not answer POST \/repos\/acme\/shop\/deployments within 300 ms; it was not sent again/);
    expect(server.requests.log.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('a write refused by a secondary limit (not performed) is sent again after retry-after', async () => {
    const server = await startServer();
    const github = await serviceFor(server);
    await github.connect();
    server.secondaryLimitNext({ count: 1, retryAfter: 1 });
    const outcome = await github.releases.create({ version: 3, sha: server.world.branches.get('main')! });
    expect(outcome).toMatchObject({ ok: true, release: { tag: 'production-v3' } });
    expect(server.requests.log.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([403, 201]);
    expect(server.world.releases).toHaveLength(1);
  });
});

describe('a 429 that names no limit', () => {
  it('is not retried on a short backoff; nothing is sent before its retry-after', async () => {
    let now = Date.parse('2026-12-01T10:00:00Z');
    const server = await startServer({ issues: [{ title: 'One' }], now: () => now });
    const github = await serviceFor(server, { now: () => now });
    server.failNext(/\/issues$/, 429, 'Too many requests', { 'retry-after': '600' });
    await expect(github.tickets.load()).rejects.toThrow('GitHub asked dynodeck to wait (429 Too many requests)');
    const sent = server.requests.log.length;
    await expect(github.tickets.load()).rejects.toThrow(
      /^GitHub asked to wait \(retry-after\): waiting until \d\d:\d\d$/,
    );
    expect(server.requests.log.length).toBe(sent);
    now += 601_000;
    expect((await github.tickets.load()).tickets).toHaveLength(1);
  });
});
