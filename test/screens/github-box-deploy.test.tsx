// A deploy to a feature box from the deck with GitHub: it acts at once, unless GitHub shows
// someone else's deployment to that box still in progress; then, as on staging, the deck says
// who and since when and only typing "force" goes ahead (the command line checks the same).
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { keys } from '../helpers/render-deck.js';
import { waitFor, waitForFrame } from '../helpers/wait-for-frame.js';
import { deckWithGitHub } from '../helpers/deck-with-github.js';

afterEach(() => cleanup());

async function deployToBox(opts: { busy: boolean }) {
  const deck = await deckWithGitHub({ busyOn: opts.busy ? 'box-1' : undefined });
  deck.stdin.write('d');
  await waitForFrame(deck.lastFrame, 'which branch?');
  deck.stdin.write(keys.enter);
  return deck;
}

describe('deploying to a box with GitHub', () => {
  it('with nobody else deploying there, goes ahead once GitHub has answered, with no question', async () => {
    const deck = await deployToBox({ busy: false });
    await waitFor(() => deck.platform.calls.includes('deploy box-1 main'), 'the deploy');
    expect(deck.platform.calls).toEqual(['deploy box-1 main']);
    expect(deck.store.getState().dialog).toBeUndefined();
  });

  it("someone else's deployment in progress is shown, y does nothing, and only typing force deploys (audited)", async () => {
    const deck = await deployToBox({ busy: true });
    const frame = await waitForFrame(deck.lastFrame, 'Type force to go ahead anyway');
    expect(frame).toContain('deploy main to box-1?');
    expect(frame).toMatch(/dana is deploying [0-9a-f]{12} to box-1 \(GitHub: in_progress since/);
    deck.stdin.write('y');
    deck.stdin.write(keys.enter);
    await waitForFrame(deck.lastFrame, 'y');
    expect(deck.store.getState().dialog?.kind).toBe('confirm');
    expect(deck.platform.calls).toEqual([]);
    deck.stdin.write('\u007f');
    deck.stdin.write('force');
    deck.stdin.write(keys.enter);
    await waitFor(() => deck.platform.calls.includes('deploy box-1 main'), 'the deploy');
    await waitFor(() => deck.audit.some((e) => e.what === 'deploy' && e.result === 'succeeded'), 'the deploy done');
    expect(deck.audit.find((e) => e.what === 'deploy')!.detail).toMatchObject({ force: true });
    expect(deck.platform.calls).toEqual(['deploy box-1 main']);
  });
});
