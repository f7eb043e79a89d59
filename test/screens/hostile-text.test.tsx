// Remote strings carrying OSC 52, OSC 8, CSI 2J, C1 controls and a DCS, sent through every
// way text reaches the deck: none of them may reach the terminal.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { keys, memoryTicketSource, renderDeck } from '../helpers/render-deck.js';
import { memoryPlatform } from '../helpers/memory-platform.js';
import { waitFor, waitForFrame } from '../helpers/wait-for-frame.js';
import { hostile, terminalControls } from '../helpers/hostile-text.js';
import type { CodeHost } from '../../src/services/ports.js';

afterEach(() => cleanup());

/** Every frame the deck wrote, checked for anything that is not plain text or colour. */
function expectClean(frames: readonly string[]) {
  expect(frames.length).toBeGreaterThan(1);
  expect(terminalControls(frames.join('\n'))).toEqual([]);
}

async function hostileDeck(opts: { code?: CodeHost } = {}) {
  const platform = memoryPlatform();
  const box = platform.envs[0]!;
  box.name = hostile('box-1');
  box.app = hostile('shop-box-1');
  box.url = `http://127.0.0.1:5102/${hostile('path')}`;
  box.formation = { [hostile('web')]: 1 };
  box.dynos = [{ name: hostile('web.1'), type: 'web', state: 'up', startedAt: 0 }];
  box.release = { ...box.release!, user: hostile('mallory'), description: hostile('Deploy') };
  const deck = await renderDeck({ platform, code: opts.code, tickets: memoryTicketSource([]) });
  await waitForFrame(deck.lastFrame, 'production');
  // Wide enough for the formation and the release's author, tall enough for a result's lines.
  Object.defineProperty(deck.stdout, 'columns', { value: 200, configurable: true });
  Object.defineProperty(deck.stdout, 'rows', { value: 50, configurable: true });
  deck.stdout.emit('resize');
  deck.stdin.write('2');
  await waitFor(() => deck.store.getState().focus === 'environments', 'focus on environments');
  return { ...deck, platform, boxName: box.name };
}

describe('text from outside on the deck', () => {
  it('a source error in the header shows its words without its escape sequences', async () => {
    const failingGit: CodeHost = {
      name: 'git',
      mainBranch: 'main',
      branches: async () => {
        throw new Error(hostile('git broke'));
      },
    };
    const deck = await hostileDeck({ code: failingGit });
    await waitForFrame(deck.lastFrame, 'git: clickgit brokeclick');
    expectClean(deck.frames);
  });

  it('an environment row shows its name, formation and release user without escape sequences', async () => {
    const deck = await hostileDeck();
    const frame = await waitForFrame(deck.lastFrame, 'v2 bbbbbbb 1h clickm…');
    expect(frame).toContain('clickwebclick=1');
    expectClean(deck.frames);
  });

  it("a failed deploy's reason and build output reach the row, the result line and the Logs pane clean", async () => {
    const deck = await hostileDeck();
    deck.platform.deploy = async (_env, _repo, _ref, events) => {
      events?.onStep?.('build', 'main');
      events?.onOutput?.(hostile('-----> Building'));
      return { ok: false, reason: `build failed: ${hostile('npm ERR! exit 1')}` };
    };
    deck.store.getState().tailLogs(deck.boxName);
    await deck.clock.advance(200);
    await waitForFrame(deck.lastFrame, '3 Logs · clickbox-1click');
    deck.stdin.write('d');
    await waitForFrame(deck.lastFrame, 'which branch?');
    deck.stdin.write(keys.enter);
    // The row starts the reason; the result line under the rows holds it whole.
    await waitForFrame(deck.lastFrame, '✗ deploy failed: build failed: clicknpm ERR! exit 1click');
    await waitForFrame(deck.lastFrame, 'clickbox-1click: ✗ deploy failed: build failed: clicknpm ERR! exit 1click');
    await deck.clock.advance(200);
    await waitForFrame(deck.lastFrame, 'click-----> Buildingclick');
    expectClean(deck.frames);
  });

  it('an error in the rollback dialog is shown clean', async () => {
    const deck = await hostileDeck();
    deck.platform.releases = async () => {
      throw new Error(hostile('releases unavailable'));
    };
    deck.stdin.write('R');
    await waitForFrame(deck.lastFrame, 'clickreleases unavailableclick');
    expectClean(deck.frames);
  });

  it("the environment's detail shows app, URL, dynos and releases clean", async () => {
    const deck = await hostileDeck();
    deck.stdin.write(keys.enter);
    const frame = await waitForFrame(deck.lastFrame, 'clickshop-box-1click');
    expect(frame).toContain('clickweb.1click');
    expectClean(deck.frames);
  });

  it('alerts with outside words in their environment, rule and value are listed clean', async () => {
    const deck = await hostileDeck();
    const now = deck.store.getState().now;
    deck.store.getState().publishHealth(
      [
        {
          id: 'a',
          rule: hostile('pattern'),
          env: hostile('box'),
          severity: 'critical',
          state: 'firing',
          since: now,
          value: hostile('3 matches'),
          threshold: '≥ 1 in 5m',
          history: [],
        },
      ],
      {},
      {},
    );
    await waitForFrame(deck.lastFrame, 'clickbox');
    expectClean(deck.frames);
  });
});
