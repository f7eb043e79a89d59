// A local stand-in for GitHub's REST API over real HTTP, for driving the real Octokit
// and dynodeck's GitHub service in tests and the budget benchmark: GitHub's auth, link
// paging, ETags and 304s (free), the primary and secondary rate limits, JSON errors,
// plus faults a test can inject (an HTML 502 from the edge, a request never answered).
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { components } from '@octokit/openapi-types';
import {
  BAD_GATEWAY_HTML,
  badCredentials,
  GitHubError,
  notFound,
  primaryLimit,
  problemsParsingJson,
  requiresAuthentication,
  secondaryLimit,
} from './errors.js';
import type { GitHubTestServerOptions } from './options.js';
import { createRateWindow } from './rate-limit.js';
import { createRoutes, type Reply } from './routes.js';
import { World } from './world.js';

export interface RequestRecord {
  method: string;
  /** Path and query as sent (without the path prefix). */
  path: string;
  /** The route's name, e.g. "GET /repos/{owner}/{repo}/issues" ("?" when none matched). */
  route: string;
  /** 0 while unanswered (or never, for a hung request). */
  status: number;
  /** Sent with If-None-Match. */
  conditional: boolean;
  /** Spent one request of the primary rate limit. */
  counted: boolean;
  /** The parsed JSON body of a write. */
  body?: unknown;
  at: number;
}

export interface RouteCount {
  total: number;
  notModified: number;
  counted: number;
}

export interface GitHubTestServer {
  /** The API root to give Octokit as baseUrl (GITHUB_API_URL). */
  readonly url: string;
  /** The web root html_url fields point at. */
  readonly webUrl: string;
  readonly token: string;
  readonly world: World;
  readonly requests: {
    readonly log: readonly RequestRecord[];
    /** Requests that spent the primary rate limit. */
    readonly counted: number;
    byRoute(): Record<string, RouteCount>;
    reset(): void;
  };
  readonly rateLimit: { remaining(): number; used(): number; setRemaining(n: number): void };
  /** The next request whose path matches answers `status` with a GitHub JSON error (and headers). */
  failNext(path: RegExp, status: number, message?: string, headers?: Record<string, string>): void;
  /** The next request whose path matches gets the edge's HTML error page (default 502). */
  failNextWithHtml(path: RegExp, status?: number): void;
  /** The next request whose path matches is read and never answered. */
  hangNext(path: RegExp): void;
  /** The next `count` requests hit a secondary rate limit (403 with retry-after by default). */
  secondaryLimitNext(opts?: { count?: number; retryAfter?: number; status?: 403 | 429 }): void;
  close(): Promise<void>;
}

type Fault =
  | { path: RegExp; kind: 'json'; status: number; message?: string; headers?: Record<string, string> }
  | { path: RegExp; kind: 'html'; status: number }
  | { path: RegExp; kind: 'hang' };

export async function createGitHubTestServer(options: GitHubTestServerOptions = {}): Promise<GitHubTestServer> {
  const token = options.token ?? 'github-test-token';
  const prefix = (options.pathPrefix ?? '').replace(/\/+$/, '');
  const now = options.now ?? Date.now;
  const world = new World(options);
  const rate = createRateWindow({ limit: options.rateLimit ?? 5000, windowMs: options.rateWindowMs ?? 3600_000, now });
  let origin = '';
  const urls = () => ({ api: `${origin}${prefix}`, web: origin });
  const routes = createRoutes(world, urls);
  const faults: Fault[] = [];
  let secondary: { count: number; retryAfter?: number; status: 403 | 429 } | undefined;
  let log: RequestRecord[] = [];
  const started = Date.now();

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else
        send(res, error instanceof GitHubError ? error : new GitHubError(500, `test server: ${String(error)}`), false);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const full = new URL(req.url ?? '/', origin);
    const path = prefix && full.pathname.startsWith(prefix) ? full.pathname.slice(prefix.length) || '/' : full.pathname;
    const method = (req.method ?? 'GET').toUpperCase();
    const record: RequestRecord = {
      method,
      path: path + full.search,
      route: '?',
      status: 0,
      conditional: req.headers['if-none-match'] !== undefined,
      counted: false,
      at: Date.now() - started,
    };
    log.push(record);
    res.on('finish', () => (record.status = res.statusCode));
    const route = routes.find((r) => r.method === method && r.regex.test(path));
    if (route) record.route = route.name;
    res.setHeader('x-github-request-id', randomUUID().toUpperCase());
    res.setHeader('x-github-api-version-selected', '2022-11-28');

    const fault = takeFault(path);
    if (fault?.kind === 'hang') {
      req.resume();
      return;
    }
    if (fault?.kind === 'html') {
      res.writeHead(fault.status, { 'content-type': 'text/html; charset=utf-8' });
      res.end(BAD_GATEWAY_HTML);
      return;
    }
    if (prefix && !full.pathname.startsWith(prefix)) return send(res, notFound(), false);
    const auth = req.headers.authorization;
    if (!auth) return send(res, requiresAuthentication(), false);
    const [scheme = '', value = ''] = auth.split(/\s+/, 2);
    if (!/^(token|bearer)$/i.test(scheme) || value !== token) return send(res, badCredentials(), false);
    if (fault?.kind === 'json') {
      record.counted = rate.take();
      return send(
        res,
        new GitHubError(
          fault.status,
          fault.message ?? defaultMessage(fault.status),
          undefined,
          undefined,
          fault.headers,
        ),
      );
    }
    if (secondary && secondary.count > 0) {
      secondary.count--;
      return send(res, secondaryLimit(secondary.status, secondary.retryAfter));
    }
    if (method === 'GET' && path === '/rate_limit') return send(res, { body: rateLimitBody() });
    if (rate.remaining() === 0)
      return send(res, primaryLimit(options.rateLimitStatus ?? 403, world.user(world.tokenUser).id));

    const body = method === 'GET' ? undefined : await readJson(req);
    if (body !== undefined) record.body = body;
    if (!route) {
      record.counted = rate.take();
      return send(res, notFound());
    }
    const params = Object.fromEntries(
      Object.entries(route.regex.exec(path)?.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]),
    );
    let reply: Reply;
    try {
      reply = route.handle({ params, url: full, body: (body ?? {}) as Record<string, unknown> });
    } catch (error) {
      record.counted = rate.take();
      throw error;
    }
    if (method === 'GET') {
      const text = JSON.stringify(reply.body);
      const etag = `W/"${createHash('sha256').update(text).digest('hex').slice(0, 40)}"`;
      if (matches(req.headers['if-none-match'], etag)) {
        // Authorised 304s are free.
        res.writeHead(304, { ...rate.headers(), etag, ...cacheHeaders() });
        res.end();
        return;
      }
      record.counted = rate.take();
      return send(res, { ...reply, headers: { ...reply.headers, etag, ...cacheHeaders() } });
    }
    record.counted = rate.take();
    send(res, reply);
  }

  function takeFault(path: string): Fault | undefined {
    const i = faults.findIndex((f) => f.path.test(path));
    return i < 0 ? undefined : faults.splice(i, 1)[0];
  }

  function send(res: ServerResponse, reply: Reply | GitHubError, withRate = true) {
    const error = reply instanceof GitHubError ? reply : undefined;
    const status = error ? error.status : ((reply as Reply).status ?? 200);
    const body = error ? error.body() : (reply as Reply).body;
    const headers = error ? error.headers : ((reply as Reply).headers ?? {});
    const text = JSON.stringify(body);
    res.writeHead(status, {
      ...(withRate ? rate.headers() : {}),
      ...headers,
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      'x-github-media-type': 'github.v3; format=json',
    });
    res.end(text);
  }

  function rateLimitBody(): components['schemas']['rate-limit-overview'] {
    const core = {
      limit: options.rateLimit ?? 5000,
      remaining: rate.remaining(),
      reset: rate.reset(),
      used: rate.used(),
    };
    const search = { limit: 30, remaining: 30, reset: Math.ceil(now() / 1000) + 60, used: 0 };
    return { resources: { core, search }, rate: core };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${origin}${prefix}`,
    webUrl: origin,
    token,
    world,
    requests: {
      get log() {
        return log;
      },
      get counted() {
        return log.filter((r) => r.counted).length;
      },
      byRoute() {
        const counts: Record<string, RouteCount> = {};
        for (const r of log) {
          const c = (counts[r.route] ??= { total: 0, notModified: 0, counted: 0 });
          c.total++;
          if (r.status === 304) c.notModified++;
          if (r.counted) c.counted++;
        }
        return counts;
      },
      reset() {
        log = [];
      },
    },
    rateLimit: {
      remaining: () => rate.remaining(),
      used: () => rate.used(),
      setRemaining: (n) => rate.setRemaining(n),
    },
    failNext: (path, status, message, headers) => void faults.push({ path, kind: 'json', status, message, headers }),
    failNextWithHtml: (path, status = 502) => void faults.push({ path, kind: 'html', status }),
    hangNext: (path) => void faults.push({ path, kind: 'hang' }),
    secondaryLimitNext: (opts = {}) =>
      void (secondary = {
        count: opts.count ?? 1,
        retryAfter: 'retryAfter' in opts ? opts.retryAfter : 60,
        status: opts.status ?? 403,
      }),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function cacheHeaders(): Record<string, string> {
  return { 'cache-control': 'private, max-age=60, s-maxage=60', vary: 'Accept, Authorization, Cookie, X-GitHub-OTP' };
}

/** If-None-Match: a list of (weak or strong) ETags, or *. Weak comparison, as for GET. */
function matches(header: string | string[] | undefined, etag: string): boolean {
  if (!header) return false;
  const strip = (t: string) => t.trim().replace(/^W\//, '');
  const wanted = strip(etag);
  return String(header)
    .split(',')
    .some((t) => t.trim() === '*' || strip(t) === wanted);
}

function defaultMessage(status: number): string {
  switch (status) {
    case 401:
      return 'Bad credentials';
    case 403:
      return 'Resource not accessible by personal access token';
    case 404:
      return 'Not Found';
    case 409:
      return 'Conflict';
    case 422:
      return 'Validation Failed';
    case 503:
      return 'Service Unavailable';
    default:
      return 'Server Error';
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw problemsParsingJson();
  }
}
