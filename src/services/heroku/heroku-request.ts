// heroku-client's own Request (headers, Range paging, JSON errors) with its re-sending
// tamed and its reads on kept-alive connections. heroku-client 3.x re-sends any request that
// fails with a network error it considers retryable (is-retry-allowed: ECONNRESET, EPIPE,
// ETIMEDOUT, ECONNREFUSED, "socket hang up" and errors without a code), up to 4 times, 1-8 s
// apart, whatever the method. Its own timeout aborts the request, and that abort's "socket
// hang up" goes the same way: the caller is told the request failed while the client quietly
// sends it again.
// Here a write (anything but GET) is never re-sent, and no request is re-sent once its caller
// has had an answer. Reads that fail while the caller still waits are retried as before.
//
// heroku-client also makes a new Agent without keep-alive for every request, so each read of
// a poll (a dozen every 5 s) opened its own TCP connection. Reads here share one keep-alive
// agent per protocol; a read that fails on a pooled connection the server had already closed
// is sent once more at once, on a new connection. Writes keep a connection of their own, so a
// stale pooled socket can never fail a write that is never re-sent. Through a proxy
// (HEROKU_HTTP_PROXY_HOST) heroku-client's tunnel agent is left to do its job.
//
// Reads given a cache are conditional (conditional-cache.ts): each page is sent with the
// ETag it last came with, and a 304 answers with the body kept from then (heroku-client
// itself would crash on a 304: it reads a cache it never fills).
import http from 'node:http';
import https from 'node:https';
import HerokuClientRequest from 'heroku-client/lib/request.js';
import { pageKey, type CachedPage, type ConditionalCache } from './conditional-cache.js';

export interface HerokuRequestOptions {
  host: string;
  token: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  partial?: boolean;
  timeout?: number;
  middleware?: (res: http.IncomingMessage, next: () => void) => void;
  /**
   * Where a GET's pages and their ETags are kept between calls. A body answered from it is
   * the same object every time: callers treat what a read returns as read-only.
   */
  cache?: ConditionalCache;
}

/**
 * An unused pooled connection is closed after this long, or sooner when the server's
 * `Keep-Alive: timeout=N` says it will close it first (Node's agent reads that hint only when
 * it has a timeout of its own). Free sockets are unref'd: they never keep a command running.
 */
const IDLE_CONNECTION_MS = 30_000;

let pools: { http: http.Agent; https: https.Agent } | undefined;

/** The shared agents that reads are sent through (created on first use). */
export function readAgents(): { http: http.Agent; https: https.Agent } {
  pools ??= {
    http: new http.Agent({ keepAlive: true, timeout: IDLE_CONNECTION_MS }),
    https: new https.Agent({ keepAlive: true, timeout: IDLE_CONNECTION_MS }),
  };
  return pools;
}

class OnceRequest extends HerokuClientRequest {
  private answered = false;
  private current: http.ClientRequest | undefined;
  private resentFresh = false;
  private readonly cache: ConditionalCache | undefined;
  /** The page being asked for, and what the cache had for it when it was sent. */
  private sent: { key: string; cached: CachedPage | undefined } | undefined;

  constructor(options: HerokuRequestOptions) {
    super({ ...options });
    this.cache = options.method === 'GET' ? options.cache : undefined;
    const { resolve, reject } = this;
    this.resolve = (value: unknown) => {
      this.answered = true;
      resolve(value);
    };
    this.reject = (error: unknown) => {
      this.answered = true;
      reject(error);
    };
    if (options.method === 'GET' && !process.env.HEROKU_HTTP_PROXY_HOST)
      this.agent = this.secure ? readAgents().https : readAgents().http;
  }

  // Each page (and each re-send) asks with the ETag its last answer came with.
  override request(): Promise<unknown> {
    if (this.cache) {
      const headers = this.options.headers;
      const key = pageKey(this.options.path, headers.Range ?? this.nextRange);
      const cached = this.cache.get(key);
      this.sent = { key, cached };
      if (cached) headers['If-None-Match'] = cached.etag;
      else delete headers['If-None-Match'];
    }
    return super.request();
  }

  override handleResponse(res: http.IncomingMessage): void {
    if (res.statusCode !== 304) return super.handleResponse(res);
    this.middleware(res, () => {
      res.resume();
      const cached = this.sent?.cached;
      if (!cached) {
        // Only a conditional read can be answered 304; anything else is the server's mistake.
        const error = Object.assign(new Error('Expected response to be successful, got 304'), { statusCode: 304 });
        return this.reject(error);
      }
      this.deliver(cached.body, cached.nextRange);
    });
  }

  override handleSuccess(res: http.IncomingMessage, buffer: string): void {
    const body = this.parseBody(buffer);
    const nextRange = headerValue(res.headers['next-range']);
    const etag = headerValue(res.headers.etag);
    if (this.cache && this.sent) {
      if (etag) this.cache.remember(this.sent.key, { etag, body, ...(nextRange ? { nextRange } : {}) });
      else this.cache.forget(this.sent.key);
    }
    this.deliver(body, nextRange);
  }

  /** A page's body, fresh or kept: on to the next page, or the answer (a single page as it came). */
  private deliver(body: unknown, nextRange: string | undefined): void {
    if (!this.partial && nextRange) return this.nextRequest(nextRange, body);
    if (this.aggregate === undefined) this.aggregate = body;
    else this.updateAggregate(body);
    this.resolve(this.aggregate);
  }

  override isRetryAllowed(error: unknown): boolean {
    if (this.answered || (this.options.method ?? 'GET') !== 'GET') return false;
    return super.isRetryAllowed(error);
  }

  // Called by heroku-client for every request it sends (each page, each retry), before any
  // error can arrive: the request is kept to tell whether it went out on a pooled socket.
  override setRequestTimeout(req: http.ClientRequest): void {
    this.current = req;
    super.setRequestTimeout(req);
  }

  override handleError(error: unknown): void {
    if (this.current?.reusedSocket && !this.resentFresh && this.isRetryAllowed(error)) {
      // The server closed the idle connection as this read went out on it: no answer can
      // come on it. Once, at once, on a connection of its own (not counted as a retry of a
      // request that reached the server).
      this.resentFresh = true;
      this.agent = this.secure ? new https.Agent() : new http.Agent();
      this.request();
      return;
    }
    super.handleError(error);
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Sends one Platform API request the way heroku-client does, without its unsafe re-sends. */
export function sendHerokuRequest(options: HerokuRequestOptions): Promise<unknown> {
  return new OnceRequest({ ...options, headers: { ...options.headers } }).request() as Promise<unknown>;
}
