import { describe, expect, it } from 'vitest';
import { REST_BYTES, createRestPlanner, restAfterRead } from '../../../src/services/heroku/read-rests.js';

describe('the rests of a log stream between reads', () => {
  it('rests longer while a stream brings a few hundred to ten thousand lines a second, the usual rest otherwise', () => {
    const rest = (lines: number, overMs: number, readRestMs = 100) =>
      restAfterRead({ lines, bytes: 0, overMs }, readRestMs, 250);
    // quiet: fewer than 250 lines a second
    expect(rest(0, 100)).toBe(100);
    expect(rest(24, 100)).toBe(100);
    expect(rest(30, 2000)).toBe(100); // measured over the time the lines took, not the rest alone
    // busy
    expect(rest(25, 100)).toBe(250);
    expect(rest(250, 250)).toBe(250);
    expect(rest(999, 250)).toBe(250);
    expect(rest(1250, 250)).toBe(250); // 5,000 lines a second
    expect(rest(2499, 250)).toBe(250);
    // a flood of 10,000 lines a second or more is read again soon, lest the platform's buffer overflow
    expect(rest(2500, 250)).toBe(100);
    expect(rest(2000, 100)).toBe(100);
    // a busy rest never shortens the usual one
    expect(rest(100, 100, 300)).toBe(300);
  });

  it('never rests longer than the byte budget takes to arrive', () => {
    // 1,000 lines a second of 250 bytes: 48 KB take 196 ms to arrive
    expect(restAfterRead({ lines: 250, bytes: 62_500, overMs: 250 }, 100, 250)).toBe(196);
    // 5,000 lines a second: 39 ms, or the whole busy rest with a budget of 400 KB
    expect(restAfterRead({ lines: 1250, bytes: 312_500, overMs: 250 }, 100, 250)).toBe(39);
    expect(restAfterRead({ lines: 1250, bytes: 312_500, overMs: 250 }, 100, 250, 400_000)).toBe(250);
    // 20,000 lines a second: read as it comes
    expect(restAfterRead({ lines: 200, bytes: 50_000, overMs: 10 }, 100, 250)).toBe(9);
    expect(REST_BYTES).toBe(48 * 1024);
    // slow streams keep their rest
    expect(restAfterRead({ lines: 3, bytes: 600, overMs: 100 }, 100, 250)).toBe(100);
  });

  /**
   * A stream of `bytesPerMs` read through buffers that hold `capacity` bytes: each read takes what
   * waits, up to the capacity; the rest stays with the sender. Returns the most the sender held, in
   * all and in the last `seconds / 2`, and the rests of the last second.
   */
  function simulate(bytesPerMs: number, capacity: number, seconds: number) {
    const plan = createRestPlanner(100, 250);
    const bytesPerLine = 250;
    let waiting = 0;
    let rest = 100;
    let heldBySender = 0;
    let heldLately = 0;
    const rests: number[] = [];
    for (let t = 0; t < seconds * 1000;) {
      const overMs = Math.max(rest, 1) + 1; // the rest, and a millisecond to read
      t += overMs;
      waiting += bytesPerMs * overMs;
      const bytes = Math.min(waiting, capacity);
      waiting -= bytes;
      heldBySender = Math.max(heldBySender, waiting);
      if (t > (seconds / 2) * 1000) heldLately = Math.max(heldLately, waiting);
      rest = plan({ lines: Math.round(bytes / bytesPerLine), bytes, overMs });
      if (t > (seconds - 1) * 1000) rests.push(rest);
    }
    return { linesHeld: heldBySender / bytesPerLine, linesHeldLately: heldLately / bytesPerLine, rests };
  }

  it('keeps up with a stream whose connection holds only one window, at 5,000 and 20,000 lines a second', () => {
    for (const linesPerSecond of [5000, 20_000]) {
      const { linesHeld, linesHeldLately } = simulate((linesPerSecond * 250) / 1000, 85_000, 30);
      // The first rest (100 ms) brings more than the window; from then on the reader catches up
      // and what the sender holds stays far from a log session's limit (the engine's: 10,000 lines).
      expect(linesHeld).toBeLessThan(5000);
      expect(linesHeldLately).toBeLessThan(600);
    }
  });

  it('rests longer once the connection has shown it holds more', () => {
    const { rests, linesHeld } = simulate(1250, 4_000_000, 10); // 5,000 lines a second
    expect(Math.min(...rests)).toBeGreaterThanOrEqual(120);
    expect(Math.max(...rests)).toBe(250);
    expect(linesHeld).toBe(0);
  });
});
