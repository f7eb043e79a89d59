// The promotion's confirmation with GitHub: what ships (GitHub's compare), the pull requests
// it came from (flagged when changes were requested or checks fail), the tickets with their
// criteria, and someone else's deployment in progress, which must be forced.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { keys, renderDeck } from '../helpers/render-deck.js';
import { memoryPlatform } from '../helpers/memory-platform.js';
import { waitFor, waitForFrame } from '../helpers/wait-for-frame.js';
import { serviceFor, startServer } from '../services/github/helpers.js';
import { issuesAsTickets } from '../../src/cli/build-services.js';
import type { AuditEntry } from '../../src/services/audit/audit-log.js';

afterEach(() => cleanup());

/** Production runs the first commit; staging runs main with #3 (approved, closes #1) and #4 (changes requested) merged. */
async function shippingRepo() {
  const server = await startServer({
    issues: [
      { title: 'Cart button', body: '## Acceptance criteria\n- [x] enabled\n- [ ] tested\n' },
      { title: 'Footer' },
    ],
  });
  const w = server.world;
  const first = w.branches.get('main')!;
  w.addPull({ title: 'Cart button works', head: 'feature/1-cart', body: 'Fixes #1' });
  w.review(3, 'bob', 'APPROVED');
  w.merge(3, 'merge', 'bob');
  w.addPull({ title: 'Footer links', head: 'feature/2-footer', body: 'Closes #2' });
  w.review(4, 'cy', 'CHANGES_REQUESTED');
  const staging = w.merge(4, 'squash', 'bob');
  return { server, first, staging };
}

async function promotionDialog() {
  const { server, first, staging } = await shippingRepo();
  const platform = memoryPlatform();
  platform.envs.find((e) => e.name === 'staging')!.release!.commit = staging;
  platform.envs.find((e) => e.name === 'production')!.release!.commit = first;
  const github = await serviceFor(server);
  const audit: AuditEntry[] = [];
  const deck = await renderDeck({
    platform,
    github,
    tickets: issuesAsTickets(github),
    audit: { write: async (e) => void audit.push(e) },
  });
  await waitForFrame(deck.lastFrame, 'production');
  deck.stdin.write('2');
  await waitFor(() => deck.store.getState().focus === 'environments', 'focus on environments');
  deck.store.setState({ selection: { ...deck.store.getState().selection, environments: 1 } });
  await waitForFrame(deck.lastFrame, '› staging');
  return { ...deck, server, platform, audit, staging };
}

describe('promoting with GitHub', () => {
  it('lists the commits, the pull requests (flagging changes requested) and the tickets with their criteria', async () => {
    const deck = await promotionDialog();
    deck.stdin.write('p');
    const frame = await waitForFrame(deck.lastFrame, 'Ships: 3 commits, 2 tickets');
    expect(frame).toContain('• #3 Cart button works');
    expect(frame).toContain('⚠ #4 Footer links — changes requested');
    expect(frame).toContain('#1 Cart button (1/2 criteria)');
    expect(frame).toContain('#2 Footer');
    expect(frame).toContain('Type production to go ahead');
  });

  it("someone else's deployment in progress on GitHub is shown, and only typing force goes ahead (audited)", async () => {
    const deck = await promotionDialog();
    const w = deck.server.world;
    const theirs = w.addDeployment({ ref: 'main', environment: 'production', creator: 'dana' });
    w.addDeploymentStatus(theirs, 'in_progress', { creator: 'dana' });
    deck.stdin.write('p');
    const frame = await waitForFrame(deck.lastFrame, 'Type force to go ahead anyway');
    expect(frame).toMatch(/⚠ dana is deploying [0-9a-f]{12} to production \(GitHub: in_progress since/);
    deck.stdin.write('production');
    deck.stdin.write(keys.enter);
    await waitForFrame(deck.lastFrame, 'production ');
    expect(deck.platform.calls).toEqual([]);
    for (let i = 0; i < 'production'.length; i++) deck.stdin.write('\u007f');
    await waitFor(() => {
      const d = deck.store.getState().dialog;
      return d?.kind === 'confirm' && d.typed === '';
    }, 'the typed text erased');
    deck.stdin.write('force');
    deck.stdin.write(keys.enter);
    await waitFor(() => deck.platform.calls.includes('promote staging production'), 'the promotion');
    await waitFor(() => deck.audit.some((e) => e.result === 'succeeded'), 'the promotion finished');
    expect(deck.audit.find((e) => e.what === 'promote')!.detail).toMatchObject({ force: true });
  });
});

describe("production's detail with GitHub", () => {
  it('lists the recent deployments recorded on GitHub (any deck or CI) and the GitHub releases', async () => {
    const deck = await promotionDialog();
    const w = deck.server.world;
    const ci = w.addDeployment({ ref: 'main', environment: 'production', creator: 'ci-bot', description: 'CI deploy' });
    w.addDeploymentStatus(ci, 'success', { creator: 'ci-bot' });
    w.addRelease('production-v4', deck.staging, { author: 'dana' });
    deck.store.setState({ selection: { ...deck.store.getState().selection, environments: 2 } });
    await waitForFrame(deck.lastFrame, '› production');
    deck.stdin.write(keys.enter);
    await waitFor(() => {
      const d = deck.store.getState().environmentDetail;
      return d?.githubDeployments !== undefined && d.githubReleases !== undefined;
    }, 'GitHub read');
    deck.stdin.write('G');
    const frame = await waitForFrame(deck.lastFrame, 'GitHub releases');
    expect(frame).toContain('Deployments on GitHub');
    expect(frame).toMatch(new RegExp(`success +${deck.staging.slice(0, 7)} ci-bot .*CI deploy`));
    expect(frame).toMatch(new RegExp(`production-v4 +${deck.staging.slice(0, 7)} dana`));
  });
});
