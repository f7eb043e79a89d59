// A health watcher whose log stream keeps failing says so on its environment's row,
// instead of its alerts going silent; a stream that reads well adds nothing.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { renderDeck } from '../helpers/render-deck.js';
import { memoryPlatform } from '../helpers/memory-platform.js';
import { waitFor, waitForFrame } from '../helpers/wait-for-frame.js';
import { startHealthWatcher } from '../../src/store/health-watcher.js';
import { DEFAULT_RULES } from '../../src/alerts/default-rules.js';

let server: http.Server | undefined;
let stopWatcher: (() => void) | undefined;
afterEach(async () => {
  stopWatcher?.();
  cleanup();
  if (server) {
    server.closeAllConnections();
    await new Promise((resolve) => server!.close(resolve));
  }
  server = undefined;
});

/** A log session that stays open, as a quiet app's does. */
async function openLogServer(): Promise<string> {
  server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    res.write('id: 1\ndata: 2026-11-26T09:00:00.000000+00:00 app[web.1]: listening\n\n');
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/session`;
}

describe('a health stream that keeps failing', () => {
  it("is shown on its environment's row with how long and why; a working one is not", async () => {
    const url = await openLogServer();
    const platform = memoryPlatform();
    platform.logSessionUrl = async (env) => {
      if (env === 'staging') return url;
      throw new Error('HTTP 503');
    };
    const deck = await renderDeck({ platform });
    Object.defineProperty(deck.stdout, 'columns', { value: 300, configurable: true });
    deck.stdout.emit('resize');
    await waitForFrame(deck.lastFrame, 'production');
    stopWatcher = startHealthWatcher(deck.store, {
      clock: deck.clock,
      logStreams: deck.logStreams!,
      rules: [...DEFAULT_RULES],
      checkIntervalMs: 10_000,
    });

    // Within its first seconds a stream is given time to connect: nothing is said yet.
    await deck.clock.advance(4_000);
    expect(deck.lastFrame()).not.toContain('stream down');

    await waitFor(async () => {
      await deck.clock.advance(1_000);
      return deck.store.getState().envHealth.production?.stream !== undefined;
    }, 'the production stream to be published as down');
    const frame = await waitForFrame(deck.lastFrame, 'health: stream down (HTTP 503)');
    const row = (name: string) => frame.split('\n').find((l) => l.includes(` ${name} `)) ?? '';
    expect(row('production')).toContain('health: stream down');
    expect(row('box-1')).toContain('health: stream down');
    expect(row('staging')).not.toContain('stream down');

    // Minutes later it says for how long.
    for (let i = 0; i < 30; i++) await deck.clock.advance(5_000);
    deck.store.getState().tick(); // the deck's ticker moves the ages shown
    await waitForFrame(deck.lastFrame, 'health: stream down 2m (HTTP 503)');
  });
});
