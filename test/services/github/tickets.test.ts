// Issues as tickets through the real Octokit against the GitHub-like server.
import { describe, expect, it } from 'vitest';
import { GITHUB, serviceFor, startServer } from './helpers.js';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('GitHub issues as tickets', () => {
  it('reads open issues and issues closed in the last 14 days, leaving pull requests out', async () => {
    const now = Date.now();
    const server = await startServer({
      issues: [
        {
          title: 'Checkout',
          labels: ['complexity: standard'],
          assignee: 'ann',
          body: '## Acceptance criteria\n- [x] a\n- [ ] b',
        },
        { title: 'Shipped last week', state: 'closed', closedAt: iso(now - 3 * DAY), createdAt: iso(now - 30 * DAY) },
        { title: 'Shipped long ago', state: 'closed', closedAt: iso(now - 20 * DAY), createdAt: iso(now - 40 * DAY) },
      ],
      pulls: [{ title: 'Fixes #1', head: 'feature/1-checkout' }],
    });
    const github = await serviceFor(server);
    const { tickets, problems } = await github.tickets.load();
    expect(problems).toEqual([]);
    expect(tickets.map((t) => [t.id, t.title, t.state])).toEqual([
      ['#1', 'Checkout', 'open'],
      ['#2', 'Shipped last week', 'closed'],
    ]);
    const checkout = tickets[0]!;
    expect(checkout).toMatchObject({
      number: 1,
      complexity: 'standard',
      assignee: 'ann',
      criteria: [
        { done: true, text: 'a' },
        { done: false, text: 'b' },
      ],
      url: `${server.webUrl}/acme/shop/issues/1`,
    });
    expect(tickets[1]!.closedAt).toBe(Date.parse(iso(now - 3 * DAY)));
  });

  it('an issue without a complexity label is shown as unknown; label names are configurable', async () => {
    const server = await startServer({
      issues: [
        { title: 'No label' },
        { title: 'Sized', labels: ['size/XL'] },
        { title: 'Default name', labels: ['Complexity: Trivial'] },
      ],
    });
    const github = await serviceFor(server, {
      github: { ...GITHUB, labels: { complexity: { trivial: 'size/XS', standard: 'size/M', complex: 'size/XL' } } },
    });
    const { tickets } = await github.tickets.load();
    expect(tickets.map((t) => [t.title, t.complexity])).toEqual([
      ['No label', 'unknown'],
      ['Sized', 'complex'],
      ['Default name', 'unknown'],
    ]);
  });

  it('follows link paging through 230 issues and pull requests', async () => {
    const server = await startServer();
    for (let i = 0; i < 200; i++) server.world.addIssue({ title: `Issue ${i + 1}` });
    for (let i = 0; i < 30; i++) server.world.addPull({ title: `PR ${i + 1}`, head: `pr-${i + 1}` });
    const github = await serviceFor(server);
    const { tickets } = await github.tickets.load();
    expect(tickets).toHaveLength(200);
    const pages = server.requests.log.filter(
      (r) => r.route === 'GET /repos/{owner}/{repo}/issues' && /state=open/.test(r.path),
    );
    expect(pages.map((r) => new URL(r.path, 'http://x').searchParams.get('page') ?? '1')).toEqual(['1', '2', '3']);
  });

  it('polls again with If-None-Match and reuses the answers GitHub says are unchanged (304, free)', async () => {
    const server = await startServer({ issues: [{ title: 'One', body: '## Acceptance criteria\n- [ ] x' }] });
    const github = await serviceFor(server);
    const first = await github.tickets.load();
    server.requests.reset();
    const second = await github.tickets.load();
    expect(second).toEqual(first);
    expect(server.requests.log.map((r) => [r.conditional, r.status])).toEqual([
      [true, 304],
      [true, 304],
    ]);
    expect(server.requests.counted).toBe(0);

    server.world.editIssue(1, { body: '## Acceptance criteria\n- [x] x' });
    const third = await github.tickets.load();
    expect(third.tickets[0]!.criteria).toEqual([{ done: true, text: 'x' }]);
  });

  it('the closed-issue query stays the same all day, so it can be answered 304', async () => {
    let now = Date.parse('2026-12-01T08:00:00Z');
    const server = await startServer({ issues: [{ title: 'One' }] });
    const github = await serviceFor(server, { now: () => now });
    await github.tickets.load();
    now += 6 * 3600_000;
    server.requests.reset();
    await github.tickets.load();
    expect(server.requests.log.every((r) => r.status === 304)).toBe(true);
    const closed = server.requests.log.find((r) => /state=closed/.test(r.path))!;
    expect(new URL(closed.path, 'http://x').searchParams.get('since')).toBe('2026-11-17T00:00:00.000Z');
  });

  it('titles, bodies and logins cannot drive the terminal', async () => {
    const server = await startServer({
      issues: [
        {
          title: 'Evil\u001b[2J title\u0007',
          body: '## Acceptance criteria\n- [ ] click \u001b]8;;http://x\u0007here',
          assignee: 'ann',
        },
      ],
    });
    const github = await serviceFor(server);
    const [ticket] = (await github.tickets.load()).tickets;
    expect(ticket!.title).toBe('Evil title');
    expect(ticket!.criteria[0]!.text).toBe('click here');
  });

  it('creates an issue with the complexity label and reads it back as a ticket', async () => {
    const server = await startServer();
    const github = await serviceFor(server);
    const ticket = await github.tickets.create({
      title: 'New thing',
      complexity: 'trivial',
      body: 'Why.\n\n## Acceptance criteria\n- [ ] it works',
    });
    expect(ticket).toMatchObject({
      id: '#1',
      number: 1,
      complexity: 'trivial',
      criteria: [{ done: false, text: 'it works' }],
    });
    expect(server.world.issue(1).labels).toEqual(['complexity: trivial']);
    const post = server.requests.log.filter((r) => r.method === 'POST');
    expect(post).toHaveLength(1);
  });
});
