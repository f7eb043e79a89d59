import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { createLogsSlice, type LogsSlice } from '../../src/store/logs-slice.js';
import type { LogStreamListener, LogStreams } from '../../src/services/ports.js';
import { createFakeClock, type FakeClock } from '../helpers/fake-clock.js';

/** A LogStreams port the test feeds by hand (the deck's own port, not a client library). */
function handFedStreams() {
  const listeners = new Set<LogStreamListener>();
  const streams: LogStreams = {
    follow(_env, listener) {
      listeners.add(listener);
      listener.onStatus({ state: 'connected', attempt: 0, since: 0 });
      return () => listeners.delete(listener);
    },
  };
  return { streams, send: (lines: string[]) => listeners.forEach((l) => l.onLines(lines)) };
}

function setup(clock: FakeClock) {
  const fed = handFedStreams();
  const store = createStore<LogsSlice>()((...a) => createLogsSlice({ logStreams: fed.streams, clock })(...a));
  store.getState().setLogViewport(21, 100);
  store.getState().tailLogs('staging');
  const publishes: number[] = [];
  store.subscribe((s, prev) => {
    if (s.logs !== prev.logs) publishes.push(clock.now());
  });
  let n = 0;
  const line = () => `2026-12-02T17:00:00.000000+00:00 app[web.1]: line ${++n}`;
  /** `perSecond` lines a second in 10 batches a second, for `seconds`. */
  const flood = async (perSecond: number, seconds: number) => {
    for (let t = 0; t < seconds * 10; t++) {
      fed.send(Array.from({ length: perSecond / 10 }, line));
      await clock.advance(100);
    }
  };
  return { store, publishes, flood, sent: () => n };
}

const lastRowText = (store: { getState(): LogsSlice }) =>
  store
    .getState()
    .logs.rows.at(-1)
    ?.segments.map((s) => s.text)
    .join('');

describe('the Logs pane publishes less often during a flood', () => {
  it('draws a slow stream ten times a second and a 1,000 lines/s flood about twice a second', async () => {
    const clock = createFakeClock();
    const { publishes, flood } = setup(clock);

    await flood(20, 6);
    const slowStart = clock.now();
    await flood(20, 2);
    const slow = publishes.filter((t) => t > slowStart).length;
    expect(slow).toBeGreaterThanOrEqual(15);

    await flood(1000, 6);
    const floodStart = clock.now();
    await flood(1000, 4);
    const fast = publishes.filter((t) => t > floodStart).length;
    expect(fast).toBeGreaterThanOrEqual(6);
    expect(fast).toBeLessThanOrEqual(10);
  });

  it('shows the flood’s last line within one flood interval after it stops, with every line counted', async () => {
    const clock = createFakeClock();
    const { store, flood, sent } = setup(clock);
    await flood(2000, 3);
    const end = clock.now();
    await clock.advance(500);
    expect(lastRowText(store)).toContain(`line ${sent()}`);
    expect(clock.now() - end).toBeLessThanOrEqual(500);
    expect(store.getState().logs.health.received).toBe(sent());
  });

  it('answers a key at once, whatever the flood', async () => {
    const clock = createFakeClock();
    const { store, publishes, flood } = setup(clock);
    await flood(2000, 3);
    const before = publishes.length;
    store.getState().toggleLogFollow();
    expect(publishes.length).toBe(before + 1);
    expect(store.getState().logs.follow).toBe(false);
  });
});
