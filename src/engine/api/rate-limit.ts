// Heroku's request budget: a bucket of 4,500 tokens refilled at 75 a minute. The
// engine keeps the same manners so the deck learns to live within them locally.
export interface RateLimiter {
  /** Takes one token; false when the bucket is empty. */
  take(): boolean;
  remaining(): number;
}

export function createRateLimiter(opts: { capacity?: number; perMinute?: number; now: () => number }): RateLimiter {
  const capacity = opts.capacity ?? 4500;
  const perMs = (opts.perMinute ?? 75) / 60_000;
  let tokens = capacity;
  let at = opts.now();
  const refill = () => {
    const now = opts.now();
    tokens = Math.min(capacity, tokens + (now - at) * perMs);
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
  };
}
