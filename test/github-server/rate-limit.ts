// GitHub's primary rate limit: a fixed number of requests per token per hour, the window
// starting at the first request; x-ratelimit-* headers on every answer. Answers of 304
// Not Modified to an authorised conditional request are free.
export interface RateWindow {
  /** Spends one request; false when the budget is spent. */
  take(): boolean;
  headers(): Record<string, string>;
  remaining(): number;
  used(): number;
  /** Epoch seconds. */
  reset(): number;
  setRemaining(n: number): void;
}

export function createRateWindow(opts: { limit: number; windowMs: number; now: () => number }): RateWindow {
  let used = 0;
  let resetAt = 0;
  const roll = () => {
    const now = opts.now();
    if (now >= resetAt) {
      used = 0;
      resetAt = now + opts.windowMs;
    }
  };
  return {
    take() {
      roll();
      if (used >= opts.limit) return false;
      used++;
      return true;
    },
    headers() {
      roll();
      return {
        'x-ratelimit-limit': String(opts.limit),
        'x-ratelimit-remaining': String(Math.max(0, opts.limit - used)),
        'x-ratelimit-reset': String(Math.ceil(resetAt / 1000)),
        'x-ratelimit-used': String(used),
        'x-ratelimit-resource': 'core',
      };
    },
    remaining() {
      roll();
      return Math.max(0, opts.limit - used);
    },
    used() {
      roll();
      return used;
    },
    reset() {
      roll();
      return Math.ceil(resetAt / 1000);
    },
    setRemaining(n) {
      roll();
      used = Math.max(0, opts.limit - n);
    },
  };
}
