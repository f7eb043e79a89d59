// Heroku's request budget: a bucket of tokens (4,500) refilled continuously (about 75
// a minute); each authenticated request takes one, an empty bucket answers 429.
export interface RateBucket {
  /** Takes one token; false when none is left. */
  take(): boolean;
  remaining(): number;
  set(tokens: number): void;
}

export function createRateBucket(opts: { capacity: number; perMinute: number; now: () => number }): RateBucket {
  const perMs = opts.perMinute / 60_000;
  let tokens = opts.capacity;
  let at = opts.now();
  const refill = () => {
    const now = opts.now();
    tokens = Math.min(opts.capacity, tokens + Math.max(0, now - at) * perMs);
    at = now;
  };
  return {
    take() {
      refill();
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    remaining() {
      refill();
      return Math.floor(tokens);
    },
    set(n) {
      refill();
      tokens = Math.max(0, Math.min(opts.capacity, n));
    },
  };
}
