// A Platform API client for Heroku or the local engine, on heroku-client's own requests
// (see heroku-request.ts for why they are not sent through its Heroku class). It reads the
// RateLimit-Remaining header of every response (heroku-client hides headers). Its reads are
// conditional (ETag / If-None-Match): a read that finds nothing new is a 304, free of budget,
// and returns the very object the last read did.
import type { IncomingMessage } from 'node:http';
import { createConditionalCache } from './conditional-cache.js';
import { sendHerokuRequest, type HerokuRequestOptions } from './heroku-request.js';
import { formatDuration } from './patience.js';

/** Options of one call: a JSON body, extra headers (Range), `partial` to stop at the first page. */
export interface CallOptions {
  body?: unknown;
  headers?: Record<string, string>;
  partial?: boolean;
}

/** The calls dynodeck makes. A write is sent once, whatever happens to it. */
export interface HerokuClient {
  /** While the server answers 304 (nothing changed), the same object as last time: read-only. */
  get(path: string, options?: CallOptions): Promise<unknown>;
  post(path: string, options?: CallOptions): Promise<unknown>;
  patch(path: string, options?: CallOptions): Promise<unknown>;
  delete(path: string, options?: CallOptions): Promise<unknown>;
}

export interface HerokuApi {
  client: HerokuClient;
  url: string;
  token: string;
  /** The last RateLimit-Remaining seen, if any. */
  rateLimitRemaining(): number | undefined;
}

export function createHerokuApi(opts: {
  url: string;
  token: string;
  timeoutMs?: number;
  /** How long a write may take to be answered (default 4x the read timeout); it is never re-sent. */
  writeTimeoutMs?: number;
}): HerokuApi {
  let remaining: number | undefined;
  const middleware = (res: IncomingMessage, next: () => void) => {
    const header = res.headers?.['ratelimit-remaining'];
    const value = Number(Array.isArray(header) ? header[0] : header);
    if (Number.isFinite(value)) remaining = value;
    next();
  };
  const cache = createConditionalCache();
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const writeTimeoutMs = opts.writeTimeoutMs ?? timeoutMs * 4;
  // heroku-client reads every file of SSL_CERT_DIR and SSL_CERT_FILE synchronously for each
  // request (hundreds on a typical machine). Over plain http (the local engine) no
  // certificate is ever used, so the variables are hidden while a request is made.
  const plainHttp = opts.url.startsWith('http://');
  const withoutCertFiles = <T>(call: () => T): T => {
    if (!plainHttp) return call();
    const saved = { dir: process.env.SSL_CERT_DIR, file: process.env.SSL_CERT_FILE };
    delete process.env.SSL_CERT_DIR;
    delete process.env.SSL_CERT_FILE;
    try {
      return call();
    } finally {
      if (saved.dir !== undefined) process.env.SSL_CERT_DIR = saved.dir;
      if (saved.file !== undefined) process.env.SSL_CERT_FILE = saved.file;
    }
  };
  const call =
    (method: HerokuRequestOptions['method']) =>
    async (path: string, options: CallOptions = {}): Promise<unknown> => {
      const timeout = method === 'GET' ? timeoutMs : writeTimeoutMs;
      try {
        return await withoutCertFiles(() =>
          sendHerokuRequest({
            host: opts.url,
            token: opts.token,
            method,
            path,
            timeout,
            middleware,
            cache,
            ...options,
          }),
        );
      } catch (error) {
        // heroku-client's words for its own timeout ("Request took longer than 60000ms to
        // complete.") do not say which request; a write's caller needs to know.
        if (method !== 'GET' && error instanceof Error && /^Request took longer than/.test(error.message))
          throw new Error(`${method} ${path} got no answer within ${formatDuration(timeout)}`, { cause: error });
        // heroku-client says only "Expected response to be successful, got 422"; Heroku's body says why.
        // The error keeps its statusCode and body for the callers that act on them.
        if (error instanceof Error && isRefusal(error)) error.message = describeApiError(error);
        throw error;
      }
    };
  const client: HerokuClient = { get: call('GET'), post: call('POST'), patch: call('PATCH'), delete: call('DELETE') };
  return { client, url: opts.url, token: opts.token, rateLimitRemaining: () => remaining };
}

function isRefusal(error: Error): boolean {
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && /^Expected response to be successful/.test(error.message);
}

/** What heroku-client rejects with: the HTTP status and Heroku's {id, message} body. */
export function describeApiError(error: unknown): string {
  const e = error as { statusCode?: number; body?: { id?: string; message?: string }; message?: string };
  if (e?.statusCode)
    return `${e.statusCode} ${e.body?.id ?? ''}: ${e.body?.message ?? 'no message'}`.replace(' :', ':');
  return e?.message ?? String(error);
}
