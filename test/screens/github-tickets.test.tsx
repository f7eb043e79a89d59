// The Tickets pane over GitHub: issues as tickets, each with its pull request's review and
// checks, the detail listing reviewers and failing checks, and `M` merging on GitHub.
// The real GitHub service (Octokit over HTTP) talks to the GitHub-like test server.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { renderDeck, keys } from '../helpers/render-deck.js';
import { waitFor, waitForFrame } from '../helpers/wait-for-frame.js';
import { serviceFor, startServer } from '../services/github/helpers.js';
import { issuesAsTickets } from '../../src/cli/build-services.js';
import type { AuditEntry } from '../../src/services/audit/audit-log.js';

afterEach(() => cleanup());

const CRITERIA = '## Acceptance criteria\n- [x] button enabled\n- [ ] tested on mobile\n';

/** #1 has an approved pull request (#3) with passing checks; #2's (#4) has changes requested and a failing check. */
async function repo() {
  const server = await startServer({
    issues: [
      { title: 'Cart button', body: `Make it work.\n\n${CRITERIA}`, labels: ['complexity: complex'] },
      { title: 'Typo in footer' },
    ],
  });
  const w = server.world;
  w.addPull({ title: 'Cart button works', head: 'feature/1-cart', body: 'Fixes #1' });
  w.addPull({ title: 'Footer typo', head: 'feature/2-typo', body: 'Closes #2', requestedReviewers: ['dana'] });
  w.review(3, 'bob', 'APPROVED');
  w.addCheckRun(w.pull(3).pull.headSha, 'test (20.x)', { conclusion: 'success' });
  w.review(4, 'cy', 'CHANGES_REQUESTED');
  w.addCheckRun(w.pull(4).pull.headSha, 'test (20.x)', { conclusion: 'failure' });
  return server;
}

async function deckOver(server: Awaited<ReturnType<typeof repo>>, opts: { readOnly?: boolean } = {}) {
  const github = await serviceFor(server);
  const audit: AuditEntry[] = [];
  const deck = await renderDeck({
    tickets: issuesAsTickets(github),
    github,
    readOnly: opts.readOnly,
    audit: { write: async (entry) => void audit.push(entry) },
  });
  deck.stdin.write('z'); // the Tickets pane over the whole body: room for the pull request column
  await waitForFrame(deck.lastFrame, 'PULL REQUEST');
  return { ...deck, audit, github };
}

const row = (frame: string, id: string) => frame.split('\n').find((l) => l.includes(`${id} `)) ?? '';

describe('tickets from GitHub issues', () => {
  it('shows each issue as #<number> with its complexity label, criteria progress and its pull request', async () => {
    const server = await repo();
    const { lastFrame } = await deckOver(server);
    const frame = await waitForFrame(lastFrame, '#3 ✓ approved');
    expect(row(frame, '#1')).toMatch(/#1 +Cart button +cplx +1\/2 .*#3 ✓ approved · checks ✓ +in progress/);
    expect(row(frame, '#2')).toMatch(/#2 +Typo in footer +\? .*#4 ✗ changes · checks ✗/);
    // Pull requests come back in the issues list; they are not tickets.
    expect(frame).not.toMatch(/^\W*#3 +Cart button works/m);
  });

  it("the ticket's detail lists its pull request with who reviewed and which checks fail", async () => {
    const server = await repo();
    const { lastFrame, stdin } = await deckOver(server);
    await waitForFrame(lastFrame, '#4 ✗ changes');
    stdin.write('j');
    stdin.write(keys.enter);
    const frame = await waitForFrame(lastFrame, 'Pull requests (1)');
    expect(frame).toContain('#4 Footer typo (open, feature/2-typo → main');
    expect(frame).toMatch(/review +changes requested: cy changes requested · waiting on dana/);
    expect(frame).toContain('checks   failing: test (20.x)');
  });

  it('a merged pull request makes its ticket merged, even after a squash merge', async () => {
    const server = await repo();
    server.world.merge(3, 'squash', 'bob');
    const { lastFrame } = await deckOver(server);
    const frame = await waitForFrame(lastFrame, '#3 merged');
    expect(row(frame, '#1')).toMatch(/#3 merged +merged/);
  });
});

describe('M merges the ticket on GitHub', () => {
  it('asks y/n, merges the approved pull request with passing checks, and records it in the audit log', async () => {
    const server = await repo();
    const { lastFrame, stdin, audit } = await deckOver(server);
    await waitForFrame(lastFrame, '#3 ✓ approved');
    stdin.write('M');
    await waitForFrame(lastFrame, 'Merge #3 Cart button works (#1) on GitHub?');
    expect(server.world.pull(3).pull.merged).toBe(false);
    stdin.write('y');
    await waitForFrame(lastFrame, '#3 merged (merge) for #1');
    expect(server.world.pull(3).pull.merged).toBe(true);
    expect(audit.map((e) => [e.what, e.target, e.result])).toEqual([
      ['merge', '#1', 'started'],
      ['merge', '#1', 'succeeded'],
    ]);
    expect(audit[1]!.detail).toMatchObject({ pullRequest: '#3', method: 'merge' });
  });

  it('says what is missing instead of merging: changes requested, failing checks', async () => {
    const server = await repo();
    const { lastFrame, stdin, store } = await deckOver(server);
    await waitForFrame(lastFrame, '#4 ✗ changes');
    stdin.write('j');
    await waitFor(() => store.getState().selection.tickets === 1, 'the second ticket selected');
    stdin.write('M');
    await waitForFrame(lastFrame, 'merge: #4: changes requested by cy; checks failing: test (20.x)');
    expect(store.getState().dialog).toBeUndefined();
    expect(server.world.pull(4).pull.merged).toBe(false);
  });

  it('is refused on a read-only deck', async () => {
    const server = await repo();
    const { lastFrame, stdin, store } = await deckOver(server, { readOnly: true });
    await waitForFrame(lastFrame, '#3 ✓ approved');
    stdin.write('M');
    const frame = await waitForFrame(lastFrame, 'merge: read-only deck');
    expect(frame.split('\n')[0]).toMatch(/ READ-ONLY (?!:)/);
    expect(store.getState().dialog).toBeUndefined();
  });
});

describe('the header and GitHub', () => {
  it("shows GitHub's REST budget once it runs low, as GitHub's headers report it", async () => {
    const server = await repo();
    server.rateLimit.setRemaining(400);
    const { lastFrame } = await deckOver(server);
    const frame = await waitForFrame(lastFrame, /GitHub 3\d\d\/5,000 left \(refills in \d+[smhd]\)/);
    expect(frame.split('\n')[0]).toMatch(/GitHub 3\d\d\/5,000 left/);
  });

  it('says nothing about the budget while plenty is left', async () => {
    const server = await repo();
    const { lastFrame } = await deckOver(server);
    const frame = await waitForFrame(lastFrame, '#3 ✓ approved');
    expect(frame).not.toContain('GitHub 4');
    expect(frame.split('\n')[0]).toContain('github ✓');
  });

  it('without a token the header says which variable to set, and markdown-free ticket sources say why they are empty', async () => {
    const server = await repo();
    const github = await serviceFor(server, { env: { GITHUB_API_URL: server.url, PATH: '/nonexistent' } });
    const { lastFrame } = await renderDeck({ tickets: issuesAsTickets(github), github });
    const frame = await waitForFrame(lastFrame, 'Could not read tickets');
    expect(frame).toMatch(/GITHUB_TOKEN/);
    expect(frame).toContain('Tickets are read from GitHub issues');
  });
});
