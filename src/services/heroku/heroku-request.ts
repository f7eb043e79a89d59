// heroku-client's own Request (headers, Range paging, JSON errors) with its re-sending
// tamed. heroku-client 3.x re-sends any request that fails with a network error it
// considers retryable (is-retry-allowed: ECONNRESET, EPIPE, ETIMEDOUT, ECONNREFUSED, "socket
// hang up" and errors without a code), up to 4 times, 1-8 s apart, whatever the method. Its
// own timeout aborts the request, and that abort's "socket hang up" goes the same way: the
// caller is told the request failed while the client quietly sends it again.
// Here a write (anything but GET) is never re-sent, and no request is re-sent once its caller
// has had an answer. Reads that fail while the caller still waits are retried as before.
import type http from 'node:http';
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

class OnceRequest extends HerokuClientRequest {
  private answered = false;

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
  }

  override isRetryAllowed(error: unknown): boolean {
    if (this.answered || (this.options.method ?? 'GET') !== 'GET') return false;
    return super.isRetryAllowed(error);
  }
}

/** Sends one Platform API request the way heroku-client does, without its unsafe re-sends. */
export function sendHerokuRequest(options: HerokuRequestOptions): Promise<unknown> {
  return new OnceRequest({ ...options, headers: { ...options.headers } }).request() as Promise<unknown>;
}
