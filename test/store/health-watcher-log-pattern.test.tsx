// A log-pattern rule counts the matching lines of an environment's real log stream (the
// watcher keeps only lines some pattern matches, not every line of a flood).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { renderDeck } from '../helpers/render-deck.js';
import { memoryPlatform } from '../helpers/memory-platform.js';
import { waitFor } from '../helpers/wait-for-frame.js';
import { startHealthWatcher } from '../../src/store/health-watcher.js';
import type { AlertRule } from '../../src/alerts/rules.js';

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

/** Staging's log session: app lines, three of them payment errors, among router lines; then it stays open. */
async function openLogServer(): Promise<string> {
  server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    let id = 0;
    for (let i = 0; i < 30; i++) {
      const text =
        i % 10 === 5
          ? `app[web.1]: PaymentError card declined for order ${i}`
          : `heroku[router]: at=info method=GET path="/products" host=x request_id=r${i} fwd="1.2.3.4" dyno=web.1 connect=0ms service=5ms status=200 bytes=10 protocol=https`;
      res.write(`id: ${++id}\ndata: 2026-11-26T09:00:${String(i).padStart(2, '0')}.000000+00:00 ${text}\n\n`);
    }
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/session`;
}

describe('a log-pattern rule', () => {
  it('fires on the matching lines of the stream; another rule counts its own matches apart', async () => {
    const url = await openLogServer();
    const platform = memoryPlatform();
    platform.logSessionUrl = async (env) => {
      if (env === 'staging') return url;
      throw new Error('HTTP 503');
    };
    const deck = await renderDeck({ platform });
    const rules: AlertRule[] = [
      {
        name: 'payments',
        kind: 'log-pattern',
        pattern: 'PaymentError',
        count: 3,
        withinMs: 60_000,
        severity: 'warning',
      },
      {
        name: 'ok-requests',
        kind: 'log-pattern',
        pattern: 'status=200',
        count: 100,
        withinMs: 60_000,
        severity: 'warning',
      },
    ];
    stopWatcher = startHealthWatcher(deck.store, {
      clock: deck.clock,
      logStreams: deck.logStreams!,
      rules,
      checkIntervalMs: 60_000,
    });
    const firing = (rule: string) =>
      deck.store.getState().alerts.find((a) => a.rule === rule && a.env === 'staging' && a.state === 'firing');
    await waitFor(async () => {
      await deck.clock.advance(1_000);
      return firing('payments') !== undefined;
    }, 'the payments alert to fire on staging');
    // 27 router lines matched the second rule: below its count of 100, so it stays quiet.
    expect(firing('ok-requests')).toBeUndefined();
    expect(firing('payments')!.value).toContain('3');
  });
});
