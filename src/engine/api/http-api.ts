// The engine's HTTP front: Heroku Platform API manners (bearer auth, JSON errors
// {id, message}, Range paging with 206 and Next-Range, RateLimit-Remaining, an ETag on every
// read with 304 Not Modified for If-None-Match) over a small route table. Handlers return
// data; this file turns it into responses.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';
import { ApiError } from './api-error.js';
import { paginate, parseRange } from './range-paging.js';
import type { RateLimiter } from './rate-limit.js';

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body (undefined for raw routes). */
  body: unknown;
}

export type Reply = { status?: number; body: unknown } | { handled: true };

export interface ListSpec<T> {
  fields: readonly string[];
  defaultField: string;
  key(item: T, field: string): string | number;
}

export interface Route {
  method: string;
  path: string;
  /** Capability URLs (uploads, streams) carry their secret in the path instead of a token. */
  auth?: boolean;
  /** Do not read the body as JSON: the handler streams it. */
  raw?: boolean;
  /** The handler returns a list that is paged with the Range header. */
  list?: ListSpec<never>;
  handle(ctx: RequestContext): Promise<Reply | unknown[]> | Reply | unknown[];
}

const BODY_LIMIT = 1024 * 1024;
/** How long an idle client connection is kept open (longer than any poll interval). */
export const KEEP_ALIVE_MS = 65_000;

export function createApiServer(opts: {
  routes: Route[];
  token: string;
  limiter: RateLimiter;
  onError?: (error: unknown) => void;
}): Server {
  const compiled = opts.routes.map((route) => ({ route, ...compile(route.path) }));
  /** What a conditional read's answer costs, settled once the answer is known (sendJson). */
  const owe = (res: ServerResponse) =>
    unsettled.set(res, (notModified) => {
      if (!notModified && !opts.limiter.take()) {
        res.setHeader('RateLimit-Remaining', '0');
        sendError(res, rateLimited());
        return false;
      }
      res.setHeader('RateLimit-Remaining', String(opts.limiter.remaining()));
      return true;
    });
  const expected = Buffer.from(opts.token);

  const server = createServer((req, res) => {
    void serve(req, res).catch((error: unknown) => {
      opts.onError?.(error);
      if (!res.headersSent)
        sendError(
          res,
          new ApiError(
            500,
            'internal_server_error',
            'The engine failed to handle this request; see .dynodeck/engine/engine.log.',
          ),
        );
      else res.end();
    });
  });
  // A deck reads its environments every 5 s over kept-alive connections. Node's default
  // (5 s idle, announced as `Keep-Alive: timeout=5`) would close each one just before the
  // next poll, and the client, told so, would open a new one every time.
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  return server;

  async function serve(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://engine.local');
    const candidates = compiled.filter((c) => c.regex.test(url.pathname));
    if (candidates.length === 0)
      return sendError(res, new ApiError(404, 'not_found', 'The requested API endpoint was not found.'));
    const match = candidates.find((c) => c.route.method === req.method);
    if (!match) {
      res.setHeader('Allow', candidates.map((c) => c.route.method).join(', '));
      return sendError(res, new ApiError(405, 'method_not_allowed', `${req.method} is not allowed on ${url.pathname}`));
    }
    const { route } = match;

    if (route.auth !== false) {
      const given = Buffer.from(presentedToken(req.headers.authorization));
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return sendError(res, new ApiError(401, 'unauthorized', 'Invalid credentials provided.'));
      }
      // Like Heroku, a read answered 304 Not Modified costs nothing: a conditional read pays
      // when its answer turns out to be a full one (sendJson).
      if (isConditional(req)) owe(res);
      else if (!opts.limiter.take()) {
        res.setHeader('RateLimit-Remaining', '0');
        return sendError(res, rateLimited());
      } else res.setHeader('RateLimit-Remaining', String(opts.limiter.remaining()));
    }

    const params = Object.fromEntries(
      Object.entries(match.regex.exec(url.pathname)?.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]),
    );
    let body: unknown;
    try {
      body = route.raw ? undefined : await readJson(req);
    } catch (error) {
      return sendError(
        res,
        error instanceof ApiError ? error : new ApiError(400, 'bad_request', 'The request body is not valid JSON.'),
      );
    }
    let result: Reply | unknown[];
    try {
      result = await route.handle({ req, res, params, query: url.searchParams, body });
    } catch (error) {
      if (error instanceof ApiError) return sendError(res, error);
      throw error;
    }
    if (Array.isArray(result)) return sendList(req, res, result, route.list);
    if ('handled' in result) return;
    sendJson(res, result.status ?? 200, result.body);
  }
}

const rateLimited = () =>
  new ApiError(
    429,
    'rate_limit',
    'Your account reached the API rate limit. Please wait a few minutes before making new requests.',
  );

const isConditional = (req: IncomingMessage) => req.method === 'GET' && req.headers['if-none-match'] !== undefined;

/** If-None-Match: `*`, or a list of entity tags compared weakly (RFC 9110 13.1.2). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return (header ?? '').split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

/** Conditional reads not yet paid for: settled with whether the answer is a 304; false when it could not be paid (a 429 was sent). */
const unsettled = new WeakMap<ServerResponse, (notModified: boolean) => boolean>();

/** `Bearer <token>`, or Basic with the token as password (what heroku-client and netrc users send). */
function presentedToken(header: string | undefined): string {
  if (!header) return '';
  const [scheme = '', value = ''] = header.split(' ', 2);
  if (scheme.toLowerCase() === 'bearer') return value;
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    return decoded.slice(decoded.indexOf(':') + 1);
  }
  return '';
}

function sendList(req: IncomingMessage, res: ServerResponse, items: unknown[], spec: ListSpec<never> | undefined) {
  if (!spec) return sendJson(res, 200, items);
  const range = parseRange(req.headers.range, spec.fields, spec.defaultField);
  if (typeof range === 'string') return sendError(res, new ApiError(400, 'bad_request', range));
  const page = paginate(items as never[], range, spec.key);
  if (page.contentRange) res.setHeader('Content-Range', page.contentRange);
  if (page.nextRange) {
    res.setHeader('Next-Range', page.nextRange);
    return sendJson(res, 206, page.items);
  }
  sendJson(res, 200, page.items);
}

export function sendJson(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  const settle = unsettled.get(res);
  unsettled.delete(res);
  if (res.req.method === 'GET' && status >= 200 && status < 300) {
    // The ETag names the page as sent (its items and where the next page starts).
    const etag = `"${createHash('md5')
      .update(text)
      .update(String(res.getHeader('Next-Range') ?? ''))
      .digest('hex')}"`;
    const notModified = isConditional(res.req) && etagMatches(res.req.headers['if-none-match'], etag);
    if (settle && !settle(notModified)) return;
    res.setHeader('ETag', etag);
    if (notModified) {
      res.removeHeader('Content-Range');
      res.removeHeader('Next-Range');
      res.writeHead(304);
      return res.end();
    }
  } else if (settle && !settle(false)) return;
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: ApiError) {
  sendJson(res, error.status, { id: error.id, message: error.message });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT) throw new ApiError(413, 'request_entity_too_large', 'The request body is larger than 1 MB.');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  return text === '' ? {} : JSON.parse(text);
}

function compile(pattern: string): { regex: RegExp } {
  const source = pattern.replace(/:([a-zA-Z_]+)/g, (_m, name: string) => `(?<${name}>[^/]+)`);
  return { regex: new RegExp(`^${source}$`) };
}
