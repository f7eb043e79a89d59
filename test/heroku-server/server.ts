// A local stand-in for the Heroku Platform API over real HTTP, for driving the real
// heroku-client and the dynodeck adapter in tests: Heroku's auth, Accept version,
// Range paging, rate limit, JSON errors and streams, plus faults a test can inject.
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  badRequest,
  defaultFaultBody,
  HerokuError,
  missingVersion,
  noSuchEndpoint,
  rateLimited,
  unauthorized,
  type HerokuErrorBody,
} from './errors.js';
import { createLifecycle } from './lifecycle.js';
import { LogSessions, type LogSessionRecord } from './log-sessions.js';
import type { HerokuTestServerOptions, LogFormat } from './options.js';
import { OutputStreams } from './output-streams.js';
import { createRateBucket } from './rate-limit.js';
import { blobId, createRoutes, type Reply } from './routes.js';
import { createScheduler } from './scheduler.js';
import { World } from './state.js';

export interface RequestRecord {
  method: string;
  /** Path and query, as sent. */
  path: string;
  /** api: the Platform API; blob, stream, logs: the URLs it hands out. */
  kind: 'api' | 'blob' | 'stream' | 'logs';
  /** The answer's status; 0 while unanswered (or never, for a hung request). */
  status: number;
  /** The parsed JSON body of an API request, when it had one. */
  body?: unknown;
  /** ms since the server started. */
  at: number;
  /** Which TCP connection it came on: 1 for the server's first, counting up. */
  connection: number;
}

export interface HerokuTestServer {
  /** `http://127.0.0.1:<port>`: heroku-client's `host`. */
  readonly url: string;
  readonly token: string;
  /** Every request seen; `count` is the Platform API ones (what a budget is spent on). */
  readonly requests: { readonly count: number; readonly log: readonly RequestRecord[]; reset(): void };
  /** The state, for assertions (and for arranging what options cannot). */
  readonly world: World;
  /** Whether an API request is being answered or a build, release or promotion step is still to come. */
  busy(): boolean;
  /** Tokens left in the rate-limit bucket. */
  remaining(): number;
  setRemaining(n: number): void;
  /** The next request whose path matches answers `status` with a Heroku error body. */
  failNext(path: RegExp, status: number, body?: HerokuErrorBody): void;
  /** The next request whose path matches is accepted and never answered. */
  hangNext(path: RegExp): void;
  /**
   * The next API request whose path (and method) matches has its body read and, with
   * `processed`, is carried out; then its connection is reset (TCP RST) without an answer.
   */
  resetNext(path: RegExp, opts?: { method?: string; processed?: boolean }): void;
  /**
   * The next API request whose path (and method) matches is answered `ms` later: carried out
   * at once (a slow answer), or with `late`, only then (a slow server).
   */
  delayNext(path: RegExp, ms: number, opts?: { method?: string; late?: boolean }): void;
  /** Open log streams (or, when none is open, the next one) die mid-line after `n` more lines. */
  cutLogStreamAfter(n: number): void;
  /** GETs of the session's logplex_url answer `status` (default: the server's 404) and open ones end. */
  expireSession(id: string, status?: number): void;
  expireAllSessions(status?: number): void;
  setLogFormat(format: LogFormat, sessionId?: string): void;
  /** Appends lines to an app's log; open tails of it receive them at once. */
  pushLog(app: string, ...lines: string[]): void;
  logSessions(): readonly LogSessionRecord[];
  openLogStreams(): number;
  /** What was uploaded to a source URL this server handed out. */
  uploaded(url: string): Buffer | undefined;
  close(): Promise<void>;
}

const BODY_LIMIT = 50 * 1024 * 1024;

/** If-None-Match: `*`, or a list of entity tags compared weakly (RFC 9110 13.1.2). */
export function etagMatches(header: string | string[] | undefined, etag: string): boolean {
  const given = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((t) => t.trim());
  const opaque = (tag: string) => tag.replace(/^W\//, '');
  return given.some((tag) => tag === '*' || opaque(tag) === opaque(etag));
}

export async function createHerokuTestServer(options: HerokuTestServerOptions = {}): Promise<HerokuTestServer> {
  const token = options.token ?? 'heroku-test-token';
  const started = Date.now();
  let base = '';
  const baseUrl = () => base;
  const world = new World(options);
  const bucket = createRateBucket({
    capacity: options.rateLimit?.capacity ?? 4500,
    perMinute: options.rateLimit?.perMinute ?? 75,
    now: options.now ?? Date.now,
  });
  const scheduler = createScheduler();
  const streams = new OutputStreams(baseUrl);
  const logs = new LogSessions({
    baseUrl,
    appById: (id) => world.apps.find((a) => a.id === id),
    format: options.logFormat ?? 'sse',
    expiredStatus: options.expiredSessionStatus ?? 404,
  });
  const lifecycle = createLifecycle(world, streams, scheduler, {
    stepMs: options.stepMs ?? 15,
    failBuild: options.failBuild,
    failReleasePhase: options.failReleasePhase,
    hangBuilds: options.hangBuilds,
    hangReleasePhase: options.hangReleasePhase,
    hangPromotions: options.hangPromotions,
  });
  const blobs = new Map<string, Buffer | undefined>();
  const routes = createRoutes({ world, lifecycle, logs, blobs, baseUrl, rateLimitRemaining: () => bucket.remaining() });
  const faults: Array<{ path: RegExp; hang: boolean; status: number; body?: HerokuErrorBody }> = [];
  const slowFaults: Array<{
    path: RegExp;
    method?: string;
    reset?: { processed: boolean };
    delayMs?: number;
    late?: boolean;
  }> = [];
  const delayed = new Set<NodeJS.Timeout>();
  const etags = options.etags ?? 'honoured';
  /** Conditional reads whose token is taken only if they are not answered 304. */
  const owed = new WeakSet<ServerResponse>();
  let log: RequestRecord[] = [];
  let answering = 0;
  const connectionIds = new WeakMap<object, number>();
  let connections = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else
        send(
          res,
          error instanceof HerokuError
            ? error
            : new HerokuError(500, 'internal_server_error', `test server: ${String(error)}`),
        );
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const kind: RequestRecord['kind'] = url.pathname.startsWith('/__blobs/')
      ? 'blob'
      : url.pathname.startsWith('/__streams/')
        ? 'stream'
        : url.pathname.startsWith('/__logs/')
          ? 'logs'
          : 'api';
    const record: RequestRecord = {
      method: req.method ?? 'GET',
      path: url.pathname + url.search,
      kind,
      status: 0,
      at: Date.now() - started,
      connection: connectionIds.get(req.socket) ?? 0,
    };
    log.push(record);
    res.on('finish', () => (record.status = res.statusCode));
    if (kind === 'api') {
      answering++;
      res.on('close', () => answering--);
    }

    if (kind !== 'api') {
      if (injectFault(url.pathname, req, res)) return;
      return serveCapability(kind, url, req, res);
    }

    res.setHeader('Request-Id', randomUUID());
    const accept = req.headers.accept ?? '';
    if (!/application\/vnd\.heroku\+json;\s*version=3/.test(accept)) return send(res, missingVersion());
    if (!authorized(req.headers.authorization)) return send(res, unauthorized());
    // Checking the budget is free; everything else costs a token, except a conditional read
    // answered 304 Not Modified (decided once its answer is known, in send()).
    const free = url.pathname === '/account/rate-limits';
    const conditional = etags === 'honoured' && req.method === 'GET' && req.headers['if-none-match'] !== undefined;
    if (!free && !conditional && !bucket.take()) return send(res, rateLimited());
    if (conditional && !free) owed.add(res);
    const body = await readJson(req);
    if (body !== undefined) record.body = body;
    if (injectFault(url.pathname, req, res)) return;
    const slow = takeSlowFault(url.pathname, record.method);

    const candidates = routes.filter((r) => r.regex.test(url.pathname) && r.method === req.method);
    const route = candidates[0];
    if (!route) return send(res, noSuchEndpoint());
    const params = Object.fromEntries(
      Object.entries(route.regex.exec(url.pathname)?.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]),
    );
    if (slow?.reset && !slow.reset.processed) return req.socket.resetAndDestroy();
    if (slow?.late) await new Promise((resolve) => setTimeout(resolve, slow.delayMs));
    let reply: Reply | HerokuError;
    try {
      reply = route.handle({ params, body: (body ?? {}) as Record<string, unknown>, req });
    } catch (error) {
      if (!(error instanceof HerokuError)) throw error;
      reply = error;
    }
    if (slow?.reset) return req.socket.resetAndDestroy();
    if (slow?.delayMs !== undefined && !slow.late) {
      const timer = setTimeout(() => {
        delayed.delete(timer);
        if (!res.destroyed) send(res, reply);
      }, slow.delayMs);
      delayed.add(timer);
      return;
    }
    send(res, reply);
  }

  function takeSlowFault(pathname: string, method: string) {
    const i = slowFaults.findIndex((f) => f.path.test(pathname) && (f.method === undefined || f.method === method));
    return i < 0 ? undefined : slowFaults.splice(i, 1)[0];
  }

  function authorized(header: string | undefined): boolean {
    if (!header) return false;
    const [scheme = '', value = ''] = header.split(/\s+/, 2);
    if (/^bearer$/i.test(scheme)) return value === token;
    if (/^basic$/i.test(scheme)) {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      return decoded.slice(decoded.indexOf(':') + 1) === token;
    }
    return false;
  }

  function injectFault(pathname: string, req: IncomingMessage, res: ServerResponse): boolean {
    const i = faults.findIndex((f) => f.path.test(pathname));
    if (i < 0) return false;
    const [fault] = faults.splice(i, 1);
    if (fault!.hang) {
      req.resume(); // read the request, answer nothing
      return true;
    }
    res.setHeader('RateLimit-Remaining', String(bucket.remaining()));
    const body = fault!.body ?? defaultFaultBody(fault!.status);
    const text = JSON.stringify(body);
    res.writeHead(fault!.status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
    });
    res.end(text);
    return true;
  }

  function send(res: ServerResponse, reply: Reply | HerokuError) {
    const status = reply instanceof HerokuError ? reply.status : (reply.status ?? 200);
    const body = reply instanceof HerokuError ? reply.body() : reply.body;
    const headers: Record<string, string> = reply instanceof HerokuError ? {} : { ...reply.headers };
    const text = JSON.stringify(body);
    // Heroku: every answer carries an ETag; a read whose If-None-Match names it is answered
    // 304 with an empty body, and does not count against the rate limit.
    const owesToken = owed.delete(res);
    if (etags !== 'none' && status >= 200 && status < 300 && res.req.method === 'GET') {
      headers.ETag = `"${createHash('md5')
        .update(text)
        .update(headers['Next-Range'] ?? '')
        .digest('hex')}"`;
      if (owesToken && etagMatches(res.req.headers['if-none-match'], headers.ETag)) {
        res.writeHead(304, { ETag: headers.ETag, 'RateLimit-Remaining': String(bucket.remaining()) });
        return res.end();
      }
    }
    if (owesToken && !bucket.take()) return send(res, rateLimited());
    res.writeHead(status, {
      ...headers,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
      'RateLimit-Remaining': String(bucket.remaining()),
    });
    res.end(text);
  }

  async function serveCapability(kind: RequestRecord['kind'], url: URL, req: IncomingMessage, res: ServerResponse) {
    const plain = (status: number, text: string) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(text);
    };
    if (kind === 'blob') {
      const id = blobId(`${base}${url.pathname}`, base);
      if (!id || !blobs.has(id)) return plain(403, 'AccessDenied\n');
      if (req.method === 'PUT') {
        blobs.set(id, await readAll(req));
        return plain(200, '');
      }
      if (req.method === 'GET') {
        const data = blobs.get(id);
        if (data === undefined) return plain(404, 'NoSuchKey\n');
        res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': data.length });
        return res.end(data);
      }
      return plain(405, 'MethodNotAllowed\n');
    }
    if (req.method !== 'GET') return plain(405, 'Method Not Allowed\n');
    if (kind === 'stream') {
      const id = /^\/__streams\/(?:build|release)\/([\w-]+)$/.exec(url.pathname)?.[1];
      if (!id || !streams.serve(id, req, res)) plain(404, 'Not Found\n');
      return;
    }
    const id = /^\/__logs\/sessions\/([\w-]+)$/.exec(url.pathname)?.[1];
    if (!id || !logs.serve(id, req, res)) plain(404, 'Not Found\n');
  }

  server.on('connection', (socket) => connectionIds.set(socket, ++connections));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    token,
    requests: {
      get count() {
        return log.filter((r) => r.kind === 'api').length;
      },
      get log() {
        return log;
      },
      reset() {
        log = [];
      },
    },
    world,
    busy: () => answering > 0 || scheduler.pending() > 0,
    remaining: () => bucket.remaining(),
    setRemaining: (n) => bucket.set(n),
    failNext: (path, status, body) => void faults.push({ path, hang: false, status, body }),
    hangNext: (path) => void faults.push({ path, hang: true, status: 0 }),
    resetNext: (path, opts = {}) =>
      void slowFaults.push({ path, method: opts.method, reset: { processed: opts.processed ?? false } }),
    delayNext: (path, ms, opts = {}) =>
      void slowFaults.push({ path, method: opts.method, delayMs: ms, late: opts.late ?? false }),
    cutLogStreamAfter: (n) => logs.cutAfter(n),
    expireSession: (id, status) => logs.expire(id, status),
    expireAllSessions: (status) => logs.expireAll(status),
    setLogFormat: (format, sessionId) => logs.setFormat(format, sessionId),
    pushLog(appName, ...lines) {
      const app = world.apps.find((a) => a.name === appName || a.id === appName);
      if (!app) throw new Error(`no app ${appName}`);
      for (const line of lines) logs.push(app, line);
    },
    logSessions: () => [...logs.sessions.values()],
    openLogStreams: () => logs.openStreams(),
    uploaded: (url) => blobs.get(blobId(url, base) ?? ''),
    async close() {
      scheduler.cancelAll();
      for (const timer of delayed) clearTimeout(timer);
      logs.closeAll();
      streams.closeAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT) throw new HerokuError(413, 'request_entity_too_large', 'The request body is too large.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** A JSON request body; undefined when there is none. */
async function readJson(req: IncomingMessage): Promise<unknown> {
  const raw = (await readAll(req)).toString('utf8');
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw badRequest('Request body is not valid JSON.');
  }
}
