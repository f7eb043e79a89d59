// heroku-client pointed at a Heroku Platform API: Heroku itself or the local engine.
// It reads the RateLimit-Remaining header of every response (the client hides headers).
import Heroku from 'heroku-client';
import type { IncomingMessage } from 'node:http';

export interface HerokuApi {
  client: Heroku;
  url: string;
  token: string;
  /** The last RateLimit-Remaining seen, if any. */
  rateLimitRemaining(): number | undefined;
}

export function createHerokuApi(opts: { url: string; token: string; timeoutMs?: number }): HerokuApi {
  let remaining: number | undefined;
  const client = new Heroku({
    host: opts.url,
    token: opts.token,
    timeout: opts.timeoutMs ?? 15_000,
    middleware: (res, next) => {
      const header = (res as unknown as IncomingMessage).headers?.['ratelimit-remaining'];
      const value = Number(Array.isArray(header) ? header[0] : header);
      if (Number.isFinite(value)) remaining = value;
      next();
    },
  });
  return { client, url: opts.url, token: opts.token, rateLimitRemaining: () => remaining };
}

/** What heroku-client rejects with: the HTTP status and Heroku's {id, message} body. */
export function describeApiError(error: unknown): string {
  const e = error as { statusCode?: number; body?: { id?: string; message?: string }; message?: string };
  if (e?.statusCode) return `${e.statusCode} ${e.body?.id ?? ''}: ${e.body?.message ?? 'no message'}`.replace(' :', ':');
  return e?.message ?? String(error);
}
