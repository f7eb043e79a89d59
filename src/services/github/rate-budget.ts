// GitHub's primary rate limit as its headers report it on every answer (304s included):
// x-ratelimit-limit, -remaining, -used, -reset (epoch seconds) and -resource.

export interface RateBudget {
  limit: number;
  remaining: number;
  used?: number;
  /** Epoch ms when the budget refills. */
  resetAt: number;
  /** "core" for the REST API; search and graphql have budgets of their own. */
  resource: string;
}

export function readRateBudget(headers: Record<string, string | number | undefined>): RateBudget | undefined {
  const number = (name: string) => {
    const value = Number(headers[name]);
    return headers[name] === undefined || !Number.isFinite(value) ? undefined : value;
  };
  const limit = number('x-ratelimit-limit');
  const remaining = number('x-ratelimit-remaining');
  const reset = number('x-ratelimit-reset');
  if (limit === undefined || remaining === undefined || reset === undefined) return undefined;
  return {
    limit,
    remaining,
    used: number('x-ratelimit-used'),
    resetAt: reset * 1000,
    resource: String(headers['x-ratelimit-resource'] ?? 'core'),
  };
}
