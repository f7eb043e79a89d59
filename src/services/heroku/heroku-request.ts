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
import http from 'node:http';
import https from 'node:https';
import HerokuClientRequest from 'heroku-client/lib/request.js';

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

  constructor(options: HerokuRequestOptions) {
    super({ ...options });
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

/** Sends one Platform API request the way heroku-client does, without its unsafe re-sends. */
export function sendHerokuRequest(options: HerokuRequestOptions): Promise<unknown> {
  return new OnceRequest({ ...options, headers: { ...options.headers } }).request() as Promise<unknown>;
}
