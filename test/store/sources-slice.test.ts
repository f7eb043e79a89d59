// A poll that finds its source fresh again changes only a time the screens judge against the
// clock: it is published with the clock's next tick, so a second costs one store change.
import { describe, expect, it } from 'vitest';
import { refreshedDeckStore } from '../helpers/render-deck.js';
import { describeSource } from '../../src/screens/present/source-freshness.js';

async function deck() {
  const { store, clock } = await refreshedDeckStore();
  store.getState().registerSource('tickets', 2_000);
  let changes = 0;
  store.subscribe(() => (changes += 1));
  return { store, clock, changes: () => changes };
}

describe('source freshness', () => {
  it("a fresh source's next successes change the store once, with the clock's tick, carrying the latest time", async () => {
    const { store, clock, changes } = await deck();
    store.getState().sourceSucceeded('tickets');
    const first = store.getState().sources.tickets!.lastSuccess!;
    const before = changes();
    await clock.advance(400);
    store.getState().sourceSucceeded('tickets');
    await clock.advance(400);
    store.getState().sourceSucceeded('tickets');
    const latest = clock.now();
    expect(changes()).toBe(before);
    expect(store.getState().sources.tickets!.lastSuccess).toBe(first);
    await clock.advance(200);
    store.getState().tick();
    expect(changes()).toBe(before + 1);
    expect(store.getState().sources.tickets!.lastSuccess).toBe(latest);
    expect(store.getState().now).toBe(clock.now());
  });

  it('the first success and a recovery from a failure are published at once', async () => {
    const { store, changes } = await deck();
    store.getState().registerSource('github', 60_000);
    const before = changes();
    store.getState().sourceSucceeded('github');
    expect(changes()).toBe(before + 1);
    expect(store.getState().sources.github!.lastSuccess).toBeDefined();
    store.getState().sourceFailed('github', new Error('cannot reach GitHub'));
    expect(store.getState().sources.github!.error).toBe('cannot reach GitHub');
    store.getState().sourceSucceeded('github');
    expect(changes()).toBe(before + 3);
    expect(store.getState().sources.github!.error).toBeUndefined();
  });

  it('a failure after held successes says how old the latest success is, not the published one', async () => {
    const { store, clock } = await deck();
    store.getState().sourceSucceeded('tickets');
    await clock.advance(30_000);
    const latest = clock.now();
    store.getState().sourceSucceeded('tickets');
    await clock.advance(5_000);
    store.getState().sourceFailed('tickets', new Error('cannot read'));
    store.getState().tick();
    const tickets = store.getState().sources.tickets!;
    expect(tickets.lastSuccess).toBe(latest);
    expect(describeSource(tickets, store.getState().now).text).toBe('tickets: cannot read (stale 5s)');
  });
});
