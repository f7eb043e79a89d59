import { describe, expect, it } from 'vitest';
import { createPoller, nextDelay } from '../../src/store/poller.js';
import { budgetInterval } from '../../src/store/start-pollers.js';
import { createFakeClock } from '../helpers/fake-clock.js';

describe('poller', () => {
  it('runs at once, then every interval', async () => {
    const clock = createFakeClock();
    const runs: number[] = [];
    const poller = createPoller({ intervalMs: 1000, clock, run: async () => void runs.push(clock.now()) });
    poller.start();
    await clock.advance(3500);
    expect(runs.map((t) => t - runs[0]!)).toEqual([0, 1000, 2000, 3000]);
    poller.stop();
    await clock.advance(5000);
    expect(runs).toHaveLength(4);
  });

  it('backs off exponentially while failing and returns to the interval after a success', async () => {
    const clock = createFakeClock();
    const runs: number[] = [];
    let failing = true;
    const poller = createPoller({
      intervalMs: 1000,
      maxBackoffMs: 8000,
      clock,
      random: () => 0.5,
      run: async () => {
        runs.push(clock.now());
        if (failing) throw new Error('down');
      },
    });
    poller.start();
    await clock.advance(1 + 2000 + 4000 + 8000 + 8000);
    const gaps = runs.slice(1).map((t, i) => t - runs[i]!);
    expect(gaps).toEqual([2000, 4000, 8000, 8000]);
    failing = false;
    await clock.advance(8000 + 1000 + 1000);
    const after = runs.slice(-3);
    expect(after[2]! - after[1]!).toBe(1000);
    poller.stop();
  });

  it('a poke runs soon and does not overlap a run in flight', async () => {
    const clock = createFakeClock();
    let active = 0;
    let maxActive = 0;
    let count = 0;
    let release: () => void = () => {};
    const poller = createPoller({
      intervalMs: 60_000,
      clock,
      run: () => {
        active++;
        count++;
        maxActive = Math.max(maxActive, active);
        return new Promise<void>((resolve) => {
          release = () => {
            active--;
            resolve();
          };
        });
      },
    });
    poller.start();
    await clock.advance(0);
    poller.poke();
    poller.poke();
    release();
    await clock.advance(0);
    expect(count).toBe(2);
    release();
    await clock.advance(1000);
    expect(count).toBe(2);
    expect(maxActive).toBe(1);
    poller.stop();
  });

  it('nextDelay doubles per failure up to the ceiling', () => {
    expect([0, 1, 2, 3, 10].map((f) => nextDelay(500, f, 3000))).toEqual([500, 1000, 2000, 3000, 3000]);
  });
});

describe('budgetInterval', () => {
  it('keeps the pace above half the budget, then slows down, and near empty reads once a minute at most', () => {
    expect(budgetInterval(5000, undefined)).toBe(5000);
    expect(budgetInterval(5000, 4000)).toBe(5000);
    expect(budgetInterval(5000, 1500)).toBe(10_000);
    expect(budgetInterval(5000, 500)).toBe(20_000);
    expect(budgetInterval(5000, 100)).toBe(60_000);
    expect(budgetInterval(120_000, 100)).toBe(1_440_000);
  });
});
