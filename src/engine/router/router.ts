// The per-environment HTTP router: a reverse proxy on 127.0.0.1 that spreads
// requests over the web dynos round-robin and logs Heroku router lines. It
// retries a dyno that refuses the connection and holds requests while dynos
// boot, so deploys and scale-downs drop no request. A request is sent again only
// when it provably never reached an app, so none runs twice.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock } from '../../domain/clock.js';
import { createBackendPool, type BackendPool, type Lease } from './backend-pool.js';
import { createBodySource } from './body-source.js';
import { forward } from './forward.js';
import { forwardedFor, requestIdFrom, upstreamHeaders } from './headers.js';
import { applicationErrorPage, maintenancePage } from './pages.js';
import { relay } from './relay.js';
import { formatRouterLine, type RouterLineFields } from './router-line.js';
import type { Router, RouterOptions } from './types.js';

export type { Backend, FormationState, Router, RouterOptions } from './types.js';

const CLOSE_WAIT_MS = 5_000;
/**
 * How long a client's idle kept-alive connection stays open: Heroku's Router 2.0 closes idle
 * connections after 90 s (devcenter.heroku.com/articles/http-routing#keepalives). Node's default,
 * 5 s (announced as `Keep-Alive: timeout=5`), made a check every 5 s open a new connection each time.
 */
export const CLIENT_IDLE_MS = 90_000;
/** Below the keep-alive timeouts of common app servers (Node 5 s, gunicorn 2 s, Puma 20 s), so the router closes idle connections first. */
const UPSTREAM_IDLE_MS = 1_000;

type LineUpdate = Omit<RouterLineFields, 'method' | 'path' | 'host' | 'requestId' | 'fwd' | 'protocol'>;

function answer(res: ServerResponse, status: number, html: string): void {
  if (res.destroyed) return;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'cache-control': 'no-cache, no-store',
  });
  res.end(html);
}

function clientAddress(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? '127.0.0.1';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

export async function createRouter(options: RouterOptions): Promise<Router> {
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const graceMs = options.bootGraceMs ?? 5_000;
  const host = `${options.appName}.localhost`;
  const pool: BackendPool = createBackendPool({ idleMs: options.upstreamIdleMs ?? UPSTREAM_IDLE_MS });
  let maintenance = false;
  let closing = false;
  let active = 0;
  let idleWaiters: Array<() => void> = [];
  let closed: Promise<void> | undefined;

  const server = createServer((req, res) => {
    handle(req, res).catch(() => undefined);
  });
  server.keepAliveTimeout = CLIENT_IDLE_MS;
  // A request's headers must be allowed to arrive over a connection that was idle that long.
  server.headersTimeout = CLIENT_IDLE_MS + 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  const settleIdle = () => {
    if (active > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    active++;
    const requestId = requestIdFrom(req.headers['x-request-id']);
    const fwd = forwardedFor(req.headers['x-forwarded-for'], clientAddress(req));
    const base = { method: req.method ?? 'GET', path: req.url ?? '/', host, requestId, fwd, protocol: 'http' };
    // What is known so far about the dyno, for whichever line ends up written.
    const known: LineUpdate = { at: 'info' };
    let logged = false;
    const line = (update: LineUpdate) => {
      if (logged) return;
      logged = true;
      options.onLine(formatRouterLine({ ...base, ...known, ...update }));
    };
    const fail = (code: string, desc: string, update: Partial<LineUpdate> = {}) => {
      line({ at: 'error', code, desc, status: 503, ...update });
      answer(res, 503, applicationErrorPage);
    };

    const abort = new AbortController();
    let wake: (() => void) | undefined;
    res.on('close', () => {
      if (!res.writableFinished) {
        line({ at: 'warning', code: 'H27', desc: 'Client Request Interrupted', status: 499, sock: 'client' });
        abort.abort();
        wake?.();
      }
      active--;
      settleIdle();
    });

    if (maintenance) {
      line({ at: 'info', code: 'H80', desc: 'Maintenance mode', status: 503 });
      answer(res, 503, maintenancePage);
      return;
    }

    const headers = upstreamHeaders(req.headers, { requestId, forwardedFor: fwd, routerPort: port });
    const body = createBodySource(req);
    const tried = new Set<string>();
    let graceOver = false;
    let graceTimer: unknown;
    /** The dyno to try again on a new connection, after its kept-alive one turned out closed. */
    let again: Lease | undefined;
    let triedFresh = false;
    try {
      for (;;) {
        if (abort.signal.aborted) return;
        const fresh = again !== undefined;
        const lease = again ?? (closing ? undefined : pool.pick(tried));
        again = undefined;
        if (!lease) {
          const { webQuantity, starting } = pool.state();
          if (starting > 0 && !graceOver && !closing) {
            graceTimer ??= clock.setTimeout(() => {
              graceOver = true;
              wake?.();
            }, graceMs);
            await new Promise<void>((resolve) => {
              wake = resolve;
              void pool.nextChange().then(resolve);
            });
            continue;
          }
          if (webQuantity === 0) fail('H14', 'No web processes running');
          else fail('H10', 'App crashed');
          return;
        }
        tried.add(lease.key);
        known.dyno = lease.backend.dyno;
        known.connect = undefined;
        const outcome = await forward({
          lease,
          fresh,
          method: base.method,
          path: base.path,
          headers,
          body,
          timeoutMs,
          clock,
          signal: abort.signal,
        });
        known.connect = 'connectMs' in outcome ? outcome.connectMs : undefined;
        if (outcome.kind === 'stale' && !triedFresh) {
          // The dyno had closed an idle connection (its keep-alive ran out) and nothing was written: once, a new connection.
          triedFresh = true;
          again = lease;
          continue;
        }
        if (outcome.kind === 'unreachable' || outcome.kind === 'stale') {
          pool.release(lease);
          continue;
        }
        if (outcome.kind === 'aborted') {
          pool.release(lease);
          return;
        }
        if (outcome.kind === 'closed') {
          pool.release(lease);
          // The request may have reached the app: never sent again. Heroku's H13 and H18 (when part of a response came).
          if (outcome.responseBytes > 0) {
            fail('H18', 'Server Request Interrupted', {
              sock: 'backend',
              service: outcome.serviceMs,
              bytes: outcome.responseBytes,
            });
          } else {
            fail('H13', 'Connection closed without response', { service: outcome.serviceMs, bytes: 0 });
          }
          return;
        }
        if (outcome.kind === 'timeout') {
          pool.release(lease);
          fail('H12', 'Request timeout', { service: timeoutMs, bytes: 0 });
          return;
        }
        const status = outcome.response.statusCode;
        const result = await relay(outcome.response, res);
        pool.release(lease);
        const service = result.endedAt - outcome.sentAt;
        if (result.complete) {
          line({ at: 'info', service, status, bytes: result.bytes });
        } else if (!abort.signal.aborted) {
          line({
            at: 'error',
            code: 'H18',
            desc: 'Server Request Interrupted',
            sock: 'backend',
            service,
            status,
            bytes: result.bytes,
          });
          // Ending normally would pass a cut-off body as complete; closing the connection tells the client the truth.
          res.destroy();
        }
        return;
      }
    } catch {
      fail('H99', 'Platform error');
    } finally {
      if (graceTimer !== undefined) clock.clearTimeout(graceTimer);
    }
  }

  return {
    port,
    setBackends(backends, state) {
      pool.set(backends, state);
    },
    setMaintenance(on) {
      maintenance = on;
    },
    drain: (dynos) => pool.drain(dynos),
    inFlight: () => active,
    close() {
      closed ??= (async () => {
        closing = true;
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        pool.wake();
        await new Promise<void>((resolve) => {
          const timer = clock.setTimeout(resolve, CLOSE_WAIT_MS);
          idleWaiters.push(() => {
            clock.clearTimeout(timer);
            resolve();
          });
          settleIdle();
        });
        server.closeAllConnections();
        await stopped;
        pool.destroy();
      })();
      return closed;
    },
  };
}
