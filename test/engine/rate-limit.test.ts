import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../src/engine/api/rate-limit.js';

describe('the engine rate limit', () => {
  it('empties after its capacity and refills at 75 tokens a minute', () => {
    let now = 0;
    const limiter = createRateLimiter({ capacity: 3, now: () => now });
    expect([limiter.take(), limiter.take(), limiter.take(), limiter.take()]).toEqual([true, true, true, false]);
    expect(limiter.remaining()).toBe(0);
    now += 60_000 / 75;
    expect(limiter.take()).toBe(true);
    now += 10 * 60_000;
    expect(limiter.remaining()).toBe(3);
  });
});
