import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { keys, renderDeck } from '../helpers/render-deck.js';
import { memoryPlatform } from '../helpers/memory-platform.js';
import { waitFor, waitForFrame } from '../helpers/wait-for-frame.js';

afterEach(() => cleanup());

async function deckOnEnvironments() {
  const platform = memoryPlatform();
  const deck = await renderDeck({ platform });
  await waitForFrame(deck.lastFrame, 'production');
  deck.stdin.write('2');
  await waitFor(() => deck.store.getState().focus === 'environments', 'focus on environments');
  return { ...deck, platform };
}

const select = async (deck: Awaited<ReturnType<typeof deckOnEnvironments>>, index: number) => {
  deck.store.setState({ selection: { ...deck.store.getState().selection, environments: index } });
  await waitForFrame(deck.lastFrame, '›');
};

describe('the Environments pane', () => {
  it('shows each environment by stage with release, formation, dyno states and crashed processes', async () => {
    const { lastFrame } = await deckOnEnvironments();
    const frame = lastFrame() ?? '';
    for (const heading of ['FEATURE BOXES', 'STAGING', 'PRODUCTION']) expect(frame).toContain(heading);
    const staging = frame.split('\n').find((l) => l.includes('staging ')) ?? '';
    // 100 columns: the narrow layout, without the formation
    expect(staging).toMatch(/v5 ccccccc\s+2 up 1 crashed/);
  });

  it('more environments than the pane holds: the selected one stays in view', async () => {
    const platform = memoryPlatform();
    const box = platform.envs[0]!;
    platform.envs.splice(
      0,
      1,
      ...Array.from({ length: 9 }, (_, i) => ({ ...box, name: `box-${i + 1}`, app: `shop-box-${i + 1}` })),
    );
    const deck = await renderDeck({ platform });
    await waitForFrame(deck.lastFrame, 'box-1');
    deck.stdin.write('2');
    await waitFor(() => deck.store.getState().focus === 'environments', 'focus on environments');
    deck.stdin.write('G');
    const frame = await waitForFrame(deck.lastFrame, '› production');
    expect(frame).not.toMatch(/box-1 /);
    deck.stdin.write('g');
    await waitForFrame(deck.lastFrame, '› box-1 ');
  });

  it('a box acts at once: + adds a web process without asking', async () => {
    const deck = await deckOnEnvironments();
    await select(deck, 0);
    deck.stdin.write('+');
    await waitFor(() => deck.platform.calls.includes('scale box-1 web=2'), 'the scale call');
    expect(deck.store.getState().dialog).toBeUndefined();
  });

  it('staging asks y/n before acting, and n cancels', async () => {
    const deck = await deckOnEnvironments();
    await select(deck, 1);
    deck.stdin.write('+');
    await waitForFrame(deck.lastFrame, 'scale staging to web=3?');
    deck.stdin.write('n');
    await waitFor(() => deck.store.getState().dialog === undefined, 'the dialog to close');
    expect(deck.platform.calls).toEqual([]);
    deck.stdin.write('+');
    await waitForFrame(deck.lastFrame, 'y go ahead');
    deck.stdin.write('y');
    await waitFor(() => deck.platform.calls.includes('scale staging web=3'), 'the scale call');
  });

  it('production wants its name typed before a promotion, and shows what ships first', async () => {
    const deck = await deckOnEnvironments();
    await select(deck, 2);
    deck.stdin.write('d');
    const dialog = await waitForFrame(deck.lastFrame, 'PRODUCTION · promote staging to production?');
    expect(dialog).toContain('Type production to go ahead');
    deck.stdin.write('prod');
    deck.stdin.write(keys.enter);
    await waitForFrame(deck.lastFrame, 'prod ');
    expect(deck.platform.calls).toEqual([]);
    deck.stdin.write('uction');
    deck.stdin.write(keys.enter);
    await waitFor(() => deck.platform.calls.includes('promote staging production'), 'the promotion');
  });

  it('the scale dialog starts from the current formation', async () => {
    const deck = await deckOnEnvironments();
    await select(deck, 0);
    deck.stdin.write('s');
    const frame = await waitForFrame(deck.lastFrame, 'Scale box-1');
    expect(frame).toMatch(/› web\s+1/);
    expect(frame).toMatch(/worker\s+0/);
    deck.stdin.write('j');
    deck.stdin.write('2');
    deck.stdin.write(keys.enter);
    await waitFor(() => deck.platform.calls.includes('scale box-1 web=1 worker=2'), 'the scale call');
  });

  it('R lists earlier releases that went live and rolls back to the chosen one', async () => {
    const deck = await deckOnEnvironments();
    await select(deck, 1);
    deck.stdin.write('R');
    const frame = await waitForFrame(deck.lastFrame, 'v4  ');
    expect(frame).not.toContain('v3  '); // failed releases are not offered
    deck.stdin.write(keys.enter);
    await waitForFrame(deck.lastFrame, 'roll staging back to v4?');
    deck.stdin.write('y');
    await waitFor(() => deck.platform.calls.includes('rollback staging v4'), 'the rollback');
  });

  it('a deploy shows its steps on the row and its failure stays visible', async () => {
    const deck = await deckOnEnvironments();
    deck.platform.nextOutcome = {
      ok: false,
      reason: 'release failed: the release phase (node bin/migrate.js) exited with status 1',
    };
    await select(deck, 0);
    deck.stdin.write('d');
    await waitForFrame(deck.lastFrame, 'which branch?');
    deck.stdin.write(keys.enter);
    await waitForFrame(deck.lastFrame, '✗ deploy failed: release failed');
  });

  it('Enter opens the detail with dynos, releases and config var names but no values', async () => {
    const deck = await deckOnEnvironments();
    deck.store.getState().publishHealth(
      [],
      {
        staging: {
          rps: 2.5,
          p50: 40,
          p95: 180,
          p99: 420,
          errorRate: 0.02,
          requests: 150,
          hCodes: { H12: 1 },
          rpsHistory: [1, 2, 3],
          p95History: [100, 150, 180],
        },
      },
      {},
    );
    await select(deck, 1);
    deck.stdin.write(keys.enter);
    const frame = await waitForFrame(deck.lastFrame, '● v5');
    expect(frame).toMatch(/web\.2\s+crashed/);
    expect(frame).toMatch(/● v5\s+succeeded/);
    expect(frame).toMatch(/p95\s+\S+\s+180 ms\s+p50 40 ms\s+p99 420 ms/);
    expect(frame).toContain('2.0 %   H12×1');
    deck.stdin.write('G');
    const end = await waitForFrame(deck.lastFrame, 'SECRET_KEY_BASE');
    expect(end).toContain('Config vars (values hidden)');
  });
});

describe('rolling back with nothing to roll back to', () => {
  it('says so, and offers only Esc instead of a choice that does nothing', async () => {
    const platform = memoryPlatform();
    const deck = await renderDeck({ platform });
    await waitForFrame(deck.lastFrame, 'production');
    deck.store.getState().openDialog({ kind: 'pick-release', env: 'production', releases: [], index: 0 });
    const frame = await waitForFrame(
      deck.lastFrame,
      'nothing to roll back to: no earlier release of production went live',
    );
    expect(frame).toContain('Esc close');
    expect(frame).not.toContain('Enter roll back');
  });
});

describe('choosing in a list dialog', () => {
  it('G selects the last entry and g the first, as in the panes', async () => {
    const deck = await renderDeck({ platform: memoryPlatform() });
    await waitForFrame(deck.lastFrame, 'production');
    const options = ['main', 'bc-104-stock', 'bc-108-history'].map((ref) => ({ ref, label: ref }));
    deck.store.getState().openDialog({ kind: 'pick-ref', env: 'box-1', options, index: 0 });
    await waitForFrame(deck.lastFrame, 'bc-108-history');
    deck.stdin.write('G');
    await waitFor(
      () => deck.store.getState().dialog?.kind === 'pick-ref' && deck.store.getState().dialog,
      'the dialog',
    );
    await waitFor(() => (deck.store.getState().dialog as { index: number }).index === 2, 'the last entry');
    deck.stdin.write('g');
    await waitFor(() => (deck.store.getState().dialog as { index: number }).index === 0, 'the first entry');
  });
});
