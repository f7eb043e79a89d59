// heroku-client pointed at a Heroku Platform API: Heroku itself or the local engine.
// It reads the RateLimit-Remaining header of every response (the client hides headers).
import Heroku from 'heroku-client';
import type { IncomingMessage } from 'node:http';

/** The calls dynodeck makes; reads and writes go through different clients (see below). */
export interface HerokuClient {
  get(path: string, options?: Record<string, unknown>): Promise<unknown>;
  post(path: string, options?: Record<string, unknown>): Promise<unknown>;
  patch(path: string, options?: Record<string, unknown>): Promise<unknown>;
  delete(path: string, options?: Record<string, unknown>): Promise<unknown>;
}

export interface HerokuApi {
  client: HerokuClient;
  url: string;
  token: string;
  /** The last RateLimit-Remaining seen, if any. */
  rateLimitRemaining(): number | undefined;
}

export function createHerokuApi(opts: { url: string; token: string; timeoutMs?: number }): HerokuApi {
  let remaining: number | undefined;
  const middleware = (res: unknown, next: () => void) => {
    const header = (res as IncomingMessage).headers?.['ratelimit-remaining'];
    const value = Number(Array.isArray(header) ? header[0] : header);
    if (Number.isFinite(value)) remaining = value;
    next();
  };
  const timeoutMs = opts.timeoutMs ?? 15_000;
  // heroku-client re-sends a request whose connection was reset, and its own timeout works by
  // resetting the connection: fine for reads, but a build or a rollback must never be sent
  // twice. Writes therefore go without the client's timeout, and time out here instead
  // (the request is left to finish on its own rather than being sent again).
  const reader = new Heroku({ host: opts.url, token: opts.token, timeout: timeoutMs, middleware: middleware as never });
  const writer = new Heroku({ host: opts.url, token: opts.token, middleware: middleware as never });
  const write = (method: 'post' | 'patch' | 'delete') => (path: string, options?: Record<string, unknown>) =>
    new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(`${method.toUpperCase()} ${path} got no answer within ${Math.round((timeoutMs * 4) / 1000)} s`),
          ),
        timeoutMs * 4,
      );
      writer[method](path, options as never).then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
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
  const client: HerokuClient = {
    get: (path, options) => withoutCertFiles(() => reader.get(path, options as never)),
    post: (path, options) => withoutCertFiles(() => write('post')(path, options)),
    patch: (path, options) => withoutCertFiles(() => write('patch')(path, options)),
    delete: (path, options) => withoutCertFiles(() => write('delete')(path, options)),
  };
  return { client, url: opts.url, token: opts.token, rateLimitRemaining: () => remaining };
}

/** What heroku-client rejects with: the HTTP status and Heroku's {id, message} body. */
export function describeApiError(error: unknown): string {
  const e = error as { statusCode?: number; body?: { id?: string; message?: string }; message?: string };
  if (e?.statusCode)
    return `${e.statusCode} ${e.body?.id ?? ''}: ${e.body?.message ?? 'no message'}`.replace(' :', ':');
  return e?.message ?? String(error);
}
