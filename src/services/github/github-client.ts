// Octokit as dynodeck uses it: GitHub's rate-limit advice through the throttling and
// retry plugins, a time limit on every request, conditional requests for every read,
// and the budget left as the headers report it. Writes are never sent twice: a write
// that timed out or lost its connection is reported, not retried (the same rule as the
// Heroku adapter); a write refused by a rate limit (not performed) may wait and retry.
import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { conditionalRequests, type ConditionalCache } from './conditional-requests.js';
import { readRateBudget, type RateBudget } from './rate-budget.js';

export interface GitHubClientOptions {
  baseUrl: string;
  token: string;
  userAgent?: string;
  /** Per attempt (default 15 s). A read that times out is asked again (twice at most). */
  readTimeoutMs?: number;
  /** Default 60 s. A write that times out is reported and never sent again. */
  writeTimeoutMs?: number;
  /** What one second of GitHub's retry-after / reset waits and of the retry backoff lasts (tests shrink it). */
  secondMs?: number;
  /** The longest wait for a spent budget or a secondary limit that is waited out before failing (default 60 s). */
  maxWaitSeconds?: number;
  now?: () => number;
}

export interface RequestStats {
  /** Requests that reached GitHub (retries included). */
  sent: number;
  /** Of those, answered 304 Not Modified (free: they cost no budget). */
  notModified: number;
}

export type GitHubOctokit = InstanceType<typeof DeckOctokit>;

export interface GitHubClient {
  octokit: GitHubOctokit;
  baseUrl: string;
  /** The REST ("core") budget, as the last answer reported it. */
  budget(): RateBudget | undefined;
  stats(): RequestStats;
  cache: ConditionalCache;
}

/** Thrown without sending anything while GitHub has asked dynodeck to wait. */
export class GitHubWaitError extends Error {
  constructor(
    message: string,
    readonly until: number,
  ) {
    super(message);
    this.name = 'GitHubWaitError';
  }
}

/** A request that got no answer in time. */
export class GitHubTimeoutError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly ms: number,
  ) {
    super(
      method === 'GET' || method === 'HEAD'
        ? `GitHub did not answer ${method} ${path} within ${seconds(ms)}`
        : `GitHub did not answer ${method} ${path} within ${seconds(ms)}; it was not sent again, so check on GitHub whether it happened`,
    );
    this.name = 'GitHubTimeoutError';
  }
}

const DeckOctokit = Octokit.plugin(throttling, retry, conditionalRequests);
const READS = new Set(['GET', 'HEAD']);
let instances = 0;

export function createGitHubClient(opts: GitHubClientOptions): GitHubClient {
  const now = opts.now ?? Date.now;
  const secondMs = opts.secondMs ?? 1000;
  const maxWait = opts.maxWaitSeconds ?? 60;
  const readTimeoutMs = opts.readTimeoutMs ?? 15_000;
  const writeTimeoutMs = opts.writeTimeoutMs ?? 60_000;
  let budget: RateBudget | undefined;
  let waitUntil = 0;
  let waitReason = '';
  const stats: RequestStats = { sent: 0, notModified: 0 };

  const timedFetch = async (url: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const method = (init.method ?? 'GET').toUpperCase();
    const ms = READS.has(method) ? readTimeoutMs : writeTimeoutMs;
    const timeout = AbortSignal.timeout(ms);
    // AbortSignal.any arrived in Node 20.3; Octokit passes no signal of its own anyway.
    const signal = init.signal && AbortSignal.any ? AbortSignal.any([init.signal, timeout]) : timeout;
    stats.sent++;
    try {
      const response = await fetch(url, { ...init, signal });
      if (response.status === 304) stats.notModified++;
      const headers = Object.fromEntries(response.headers);
      const read = readRateBudget(headers);
      if (read && read.resource === 'core') budget = read;
      return response;
    } catch (error) {
      if (timeout.aborted) throw new GitHubTimeoutError(method, new URL(String(url)).pathname, ms);
      throw error;
    }
  };

  const waitOut = (kind: string, retryAfter: number, retryCount: number, limit: number): boolean => {
    if (retryCount < limit && retryAfter <= maxWait) return true;
    waitUntil = now() + retryAfter * 1000;
    waitReason = kind;
    return false;
  };

  const octokit = new DeckOctokit({
    auth: opts.token,
    baseUrl: opts.baseUrl,
    userAgent: opts.userAgent ?? 'dynodeck',
    // Octokit's logger writes to the console, which a full-screen deck must keep clean.
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    request: { fetch: timedFetch },
    throttle: {
      id: `dynodeck-${++instances}`,
      retryAfterBaseValue: secondMs,
      onRateLimit: (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) =>
        waitOut('rate limit spent', retryAfter, retryCount, 1),
      onSecondaryRateLimit: (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) =>
        waitOut('secondary rate limit', retryAfter, retryCount, 2),
    },
    // 429 is left to the throttling plugin and retry-after, never retried on a short backoff.
    retry: { retries: 2, retryAfterBaseValue: secondMs, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
  });

  // Outermost (registered last): refuse at once while GitHub asked us to wait, and take
  // the retry plugin's second chances away from writes.
  octokit.hook.wrap('request', async (request, options) => {
    const method = String(options.method).toUpperCase();
    const spent = budget !== undefined && budget.remaining === 0 && budget.resetAt > now();
    const until = Math.max(waitUntil, spent ? budget!.resetAt + 1000 : 0);
    const waitMs = until - now();
    if (waitMs > maxWait * 1000) {
      const reason = waitUntil >= until ? waitReason : 'rate limit spent';
      throw new GitHubWaitError(`GitHub ${reason}: waiting until ${clockTime(until)}`, until);
    }
    if (waitMs > 0) await sleep((waitMs / 1000) * secondMs);
    if (!READS.has(method)) options.request = { ...options.request, retries: 0 };
    try {
      return await request(options);
    } catch (error) {
      // A limit the throttling plugin did not wait out (a 429 that names no limit, or a
      // wait too long): no request is sent before the time GitHub gave.
      const e = error as { status?: number; response?: { headers?: Record<string, string | undefined> } };
      const retryAfter = Number(e.response?.headers?.['retry-after']);
      if ((e.status === 403 || e.status === 429) && retryAfter > 0) {
        waitUntil = Math.max(waitUntil, now() + retryAfter * 1000);
        waitReason ||= 'asked to wait (retry-after)';
      }
      throw error;
    }
  });

  return {
    octokit,
    baseUrl: opts.baseUrl,
    budget: () => budget,
    stats: () => ({ ...stats }),
    cache: octokit.conditionalCache,
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}

function clockTime(epochMs: number): string {
  return new Date(epochMs).toTimeString().slice(0, 5);
}
