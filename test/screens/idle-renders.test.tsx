import { afterEach, describe, expect, it } from 'vitest';
import { Profiler, type ReactNode } from 'react';
import { cleanup, render } from 'ink-testing-library';
import { createDeckStore, refreshAll } from '../../src/store/create-deck-store.js';
import { DeckProvider } from '../../src/screens/deck-context.js';
import { AlertsPane } from '../../src/screens/AlertsPane.js';
import { EnvironmentsPane } from '../../src/screens/EnvironmentsPane.js';
import { createTheme } from '../../src/screens/theme.js';
import type { Alert } from '../../src/alerts/alert-state.js';
import type { EnvHealth } from '../../src/store/health-slice.js';
import { createFakeClock } from '../helpers/fake-clock.js';
import { memoryPlatform } from '../helpers/memory-platform.js';
import { memoryCodeHost, memoryTicketSource } from '../helpers/render-deck.js';
import { waitFor, waitForFrame } from '../helpers/wait-for-frame.js';

afterEach(() => cleanup());

const BOX = { width: 120, height: 14 };

/** One pane on a deck's store, with a count of the renders React commits for it. */
async function renderPane(pane: (box: typeof BOX) => ReactNode) {
  const clock = createFakeClock();
  const platform = memoryPlatform();
  const store = createDeckStore({
    project: 'brightcart',
    root: '/tmp/brightcart',
    platform: 'local',
    services: { tickets: memoryTicketSource([]), code: memoryCodeHost(), platform },
    clock,
  });
  await refreshAll(store);
  const renders = { count: 0 };
  const app = render(
    <DeckProvider store={store} theme={createTheme(false)}>
      <Profiler id="pane" onRender={() => (renders.count += 1)}>
        {pane(BOX)}
      </Profiler>
    </DeckProvider>,
  );
  /** Moves the clock and lets the store's one-second tick see it, as the deck's clock does. */
  const tick = async (ms: number) => {
    await clock.advance(ms);
    store.getState().tick();
  };
  return { ...app, store, clock, platform, renders, tick };
}

const health = (over: Partial<EnvHealth> = {}): EnvHealth => ({
  rps: 0.1,
  p95: 120,
  requests: 6,
  rpsHistory: [0.1, 0.1],
  p95History: [120, 120],
  check: { ok: true, status: 200, latencyMs: 12, at: Date.UTC(2026, 10, 26, 9, 0, 0) },
  ...over,
});

const alert = (since: number, over: Partial<Alert> = {}): Alert => ({
  id: 'crashed:staging',
  rule: 'crashed',
  env: 'staging',
  severity: 'critical',
  state: 'firing',
  since,
  value: '1 crashed (web.2)',
  threshold: 'any crashed process',
  history: [{ at: since, state: 'firing', value: '1 crashed (web.2)' }],
  ...over,
});

describe('panes redraw only when the words they show change', () => {
  it('the Alerts pane showing "All quiet" does not re-render as the clock ticks or health is published', async () => {
    const deck = await renderPane((box) => <AlertsPane box={box} />);
    await waitForFrame(deck.lastFrame, 'All quiet');
    const before = deck.renders.count;
    for (let i = 0; i < 25; i++) await deck.tick(1_000);
    deck.store.getState().publishHealth([], { staging: health() }, {});
    deck.store.getState().publishHealth([], { staging: health({ requests: 9, check: undefined }) }, {});
    expect(deck.renders.count).toBe(before);
    expect(deck.lastFrame()).toContain('All quiet');
  });

  it('the Alerts pane re-renders when an alert appears or its reading changes, not when an unshown age moves', async () => {
    const deck = await renderPane((box) => <AlertsPane box={box} />);
    await waitForFrame(deck.lastFrame, 'All quiet');
    const since = deck.clock.now();
    deck.store.getState().publishHealth([alert(since)], {}, {});
    await waitForFrame(deck.lastFrame, '1 crashed (web.2)');
    const shown = deck.renders.count;
    // The alert's age is not on the row: a minute of ticks leaves the firing row as it is.
    for (let i = 0; i < 60; i++) await deck.tick(1_000);
    expect(deck.renders.count).toBe(shown);
    deck.store.getState().publishHealth([alert(since, { value: '2 crashed (web.1, web.2)' })], {}, {});
    await waitForFrame(deck.lastFrame, 'now 2 crashed (web.1, web.2)');
    expect(deck.renders.count).toBeGreaterThan(shown);
  });

  it('the Environments pane does not re-render for a tick, a same-words health publish or a same poll', async () => {
    const deck = await renderPane((box) => <EnvironmentsPane box={box} />);
    deck.store.getState().publishHealth([], { staging: health() }, {});
    await waitForFrame(deck.lastFrame, '0.1 req/s');
    const before = deck.renders.count;
    for (let i = 0; i < 20; i++) await deck.tick(1_000);
    // What a health watcher publishes every few seconds: a new check time, a new request count, same words.
    deck.store.getState().publishHealth([], { staging: health({ requests: 7, p50: 40 }) }, {});
    deck.store
      .getState()
      .publishHealth(
        [],
        { staging: health({ requests: 8, check: { ok: true, status: 200, latencyMs: 30, at: deck.clock.now() } }) },
        {},
      );
    await deck.store.getState().refreshEnvironments();
    expect(deck.store.getState().envHealth.staging?.requests).toBe(8);
    expect(deck.renders.count).toBe(before);
  });

  it('the Environments pane re-renders when a shown figure changes: 0.1 → 0.2 req/s, a crashed process', async () => {
    const deck = await renderPane((box) => <EnvironmentsPane box={box} />);
    deck.store.getState().publishHealth([], { staging: health() }, {});
    await waitForFrame(deck.lastFrame, '0.1 req/s');
    const before = deck.renders.count;
    deck.store.getState().publishHealth([], { staging: health({ rps: 0.2 }) }, {});
    await waitForFrame(deck.lastFrame, '0.2 req/s');
    expect(deck.renders.count).toBeGreaterThan(before);

    const afterRate = deck.renders.count;
    const box = deck.platform.envs.find((e) => e.name === 'box-1')!;
    box.dynos = box.dynos.map((d) => ({ ...d, state: 'crashed' as const }));
    await deck.store.getState().refreshEnvironments();
    await waitFor(() => deck.renders.count > afterRate, 'a render for the crashed dynos');
    expect(deck.lastFrame()).toMatch(/box-1.*1 crashed/);
  });
});
