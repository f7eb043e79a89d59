// A rollback from the deck with GitHub: like a deploy or a promotion, it reads the target's
// latest GitHub deployment first; someone else's still in progress is shown (who, since
// when) and only typing "force" goes ahead, which the audit log records.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { keys, renderDeck } from '../helpers/render-deck.js';
import { memoryPlatform } from '../helpers/memory-platform.js';
import { waitFor, waitForFrame } from '../helpers/wait-for-frame.js';
import { deckWithGitHub } from '../helpers/deck-with-github.js';
import { serviceFor, startServer } from '../services/github/helpers.js';

afterEach(() => cleanup());

async function rollbackDialog(opts: { busy: boolean }) {
  const deck = await deckWithGitHub({
    busyOn: opts.busy ? 'staging' : undefined,
    // v4 was built from a commit GitHub has (the repository's main), so its deployment can be recorded.
    prepare(platform, server) {
      const main = server.world.branches.get('main')!;
      const releases = platform.releases;
      platform.releases = async (env, count) =>
        (await releases(env, count)).map((r) => (r.version === 4 ? { ...r, commit: main } : r));
    },
  });
  deck.store.setState({ selection: { ...deck.store.getState().selection, environments: 1 } });
  await waitForFrame(deck.lastFrame, '› staging');
  deck.stdin.write('R');
  await waitForFrame(deck.lastFrame, '› v4');
  deck.stdin.write(keys.enter);
  return deck;
}

describe('rolling back with GitHub', () => {
  it("someone else's deployment in progress is shown, y does nothing, and only typing force goes ahead (audited)", async () => {
    const deck = await rollbackDialog({ busy: true });
    const frame = await waitForFrame(deck.lastFrame, 'Type force to go ahead anyway');
    expect(frame).toContain('roll staging back to v4?');
    expect(frame).toMatch(/⚠ dana is deploying [0-9a-f]{12} to staging \(GitHub: in_progress since/);
    deck.stdin.write('y');
    await waitForFrame(deck.lastFrame, 'y');
    expect(deck.store.getState().dialog?.kind).toBe('confirm');
    deck.stdin.write('\u007f');
    deck.stdin.write('force');
    deck.stdin.write(keys.enter);
    await waitFor(() => deck.platform.calls.includes('rollback staging v4'), 'the rollback');
    await waitFor(() => deck.audit.some((e) => e.what === 'rollback' && e.result === 'succeeded'), 'the rollback done');
    expect(deck.audit.find((e) => e.what === 'rollback')!.detail).toMatchObject({ force: true, release: 'v4' });
    // And it is on GitHub's ledger like any other rollback.
    await waitFor(
      () =>
        deck.server.world.deployments.some(
          (d) => d.environment === 'staging' && d.statuses.at(-1)?.state === 'success',
        ),
      'our deployment recorded',
    );
  });

  it('with nobody else deploying, staging asks y/n once GitHub has answered, and y rolls back without force', async () => {
    const deck = await rollbackDialog({ busy: false });
    await waitFor(() => {
      const d = deck.store.getState().dialog;
      return d?.kind === 'confirm' && d.busy === undefined;
    }, 'GitHub checked');
    const frame = await waitForFrame(deck.lastFrame, 'y go ahead');
    expect(frame).not.toContain('is deploying');
    deck.stdin.write('y');
    await waitFor(() => deck.platform.calls.includes('rollback staging v4'), 'the rollback');
    await waitFor(() => deck.audit.some((e) => e.what === 'rollback' && e.result === 'succeeded'), 'the rollback done');
    expect(deck.audit.find((e) => e.what === 'rollback')!.detail).not.toHaveProperty('force');
  });

  it('does not go ahead while GitHub has not answered yet', async () => {
    const server = await startServer();
    server.hangNext(/\/deployments/);
    const platform = memoryPlatform();
    const github = await serviceFor(server, { client: { secondMs: 20, readTimeoutMs: 60_000, writeTimeoutMs: 5000 } });
    const deck = await renderDeck({ platform, github });
    await waitForFrame(deck.lastFrame, 'production');
    deck.store.getState().request({ kind: 'rollback', env: 'staging', release: 'v4' });
    await waitForFrame(deck.lastFrame, 'checking GitHub for another deployment in progress');
    deck.stdin.write('y');
    await waitForFrame(deck.lastFrame, 'go ahead: checking GitHub');
    expect(platform.calls).toEqual([]);
  });

  it('a staging deploy does not go ahead on y while GitHub has not said who else is deploying', async () => {
    const server = await startServer();
    server.hangNext(/\/deployments/);
    const platform = memoryPlatform();
    const github = await serviceFor(server, { client: { secondMs: 20, readTimeoutMs: 60_000, writeTimeoutMs: 5000 } });
    const deck = await renderDeck({ platform, github });
    await waitForFrame(deck.lastFrame, 'production');
    deck.store.getState().request({ kind: 'deploy', env: 'staging', ref: 'main', skipTests: false });
    await waitFor(() => {
      const d = deck.store.getState().dialog;
      return d?.kind === 'confirm' && d.busy === 'checking';
    }, 'the confirmation waiting for GitHub');
    deck.stdin.write('y');
    await waitForFrame(deck.lastFrame, 'go ahead: checking GitHub');
    expect(deck.store.getState().dialog?.kind).toBe('confirm');
    expect(platform.calls).toEqual([]);
  });
});
