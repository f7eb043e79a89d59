import { afterEach, describe, expect, it } from 'vitest';
import {
  createServer,
  request,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRouter, type Router, type RouterOptions } from '../../../src/engine/router/index.js';

interface TestBackend {
  dyno: string;
  port: number;
  seen: IncomingHttpHeaders[];
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function backend(dyno: string, handler?: Handler): Promise<TestBackend> {
  const seen: IncomingHttpHeaders[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(req.headers);
    if (handler) return handler(req, res);
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`hello from ${dyno}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    const done = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await done;
  };
  cleanups.push(close);
  return { dyno, port: (server.address() as AddressInfo).port, seen, close };
}

/** A port nothing listens on: a dyno that has just stopped. */
async function deadPort(): Promise<number> {
  const b = await backend('dead');
  await b.close();
  return b.port;
}

async function startRouter(options: Partial<RouterOptions> = {}): Promise<{ router: Router; lines: string[] }> {
  const lines: string[] = [];
  const router = await createRouter({ port: 0, appName: 'shop', onLine: (t) => lines.push(t), ...options });
  cleanups.push(() => router.close());
  return { router, lines };
}

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function get(
  port: number,
  path = '/',
  headers: Record<string, string> = {},
  method = 'GET',
  body?: string,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function waitFor(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const web = (...backends: TestBackend[]) => backends.map((b) => ({ dyno: b.dyno, port: b.port }));

describe('router', () => {
  it('balances round-robin over web dynos and logs Heroku router lines', async () => {
    const [a, b] = await Promise.all([backend('web.1'), backend('web.2')]);
    const { router, lines } = await startRouter();
    router.setBackends(web(a, b), { webQuantity: 2, starting: 0 });

    const bodies: string[] = [];
    for (let i = 0; i < 4; i++) bodies.push((await get(router.port, '/products?x=1')).body);
    expect(bodies).toEqual(['hello from web.1', 'hello from web.2', 'hello from web.1', 'hello from web.2']);

    await waitFor(() => lines.length === 4);
    const pattern =
      /^at=info method=GET path="\/products\?x=1" host=shop\.localhost request_id=([0-9a-f-]{36}) fwd="127\.0\.0\.1" dyno=(web\.[12]) connect=\d+ms service=\d+ms status=200 bytes=16 protocol=http$/;
    expect(lines.map((l) => pattern.exec(l)?.[2])).toEqual(['web.1', 'web.2', 'web.1', 'web.2']);

    const first = a.seen[0] as IncomingHttpHeaders;
    expect(lines[0]).toContain(`request_id=${String(first['x-request-id'])}`);
    expect(first['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(first).toMatchObject({
      'x-forwarded-for': '127.0.0.1',
      'x-forwarded-proto': 'http',
      'x-forwarded-port': String(router.port),
      via: '1.1 dynodeck',
    });

    const ownId = 'client-supplied-request-id-0001';
    await get(router.port, '/', { 'x-request-id': ownId, 'x-forwarded-for': '10.0.0.1' });
    await waitFor(() => lines.length === 5);
    expect(a.seen[2]).toMatchObject({ 'x-request-id': ownId, 'x-forwarded-for': '10.0.0.1, 127.0.0.1' });
    expect(lines[4]).toContain(`request_id=${ownId} fwd="10.0.0.1, 127.0.0.1"`);
  });

  it('streams request and response bodies through', async () => {
    const echo = await backend('web.1', (req, res) => {
      res.writeHead(201, { 'content-type': 'text/plain' });
      req.pipe(res);
    });
    const { router, lines } = await startRouter();
    router.setBackends(web(echo), { webQuantity: 1, starting: 0 });
    const payload = 'x'.repeat(200_000);
    const reply = await get(router.port, '/upload', { 'content-type': 'text/plain' }, 'POST', payload);
    expect(reply.status).toBe(201);
    expect(reply.body).toBe(payload);
    await waitFor(() => lines.length === 1);
    expect(lines[0]).toContain('method=POST path="/upload"');
    expect(lines[0]).toContain('status=201 bytes=200000 protocol=http');
  });

  it('a request to a dyno that just stopped is retried on another and succeeds', async () => {
    const stopped = await deadPort();
    const live = await backend('web.2');
    const { router, lines } = await startRouter();
    router.setBackends(
      [
        { dyno: 'web.1', port: stopped },
        { dyno: 'web.2', port: live.port },
      ],
      { webQuantity: 2, starting: 0 },
    );

    for (let i = 0; i < 4; i++) {
      const reply = await get(router.port, '/', {}, 'POST', 'order=1');
      expect(reply).toMatchObject({ status: 200, body: 'hello from web.2' });
    }
    await waitFor(() => lines.length === 4);
    expect(lines.every((l) => l.startsWith('at=info') && l.includes('dyno=web.2'))).toBe(true);
  });

  it('a dyno that stops while the router holds kept-alive connections to it costs no request', async () => {
    const [a, b] = await Promise.all([backend('web.1'), backend('web.2')]);
    const { router, lines } = await startRouter();
    router.setBackends(web(a, b), { webQuantity: 2, starting: 0 });
    for (let i = 0; i < 4; i++) expect((await get(router.port)).status).toBe(200);

    await a.close();
    for (let i = 0; i < 6; i++) expect(await get(router.port)).toMatchObject({ status: 200, body: 'hello from web.2' });
    await waitFor(() => lines.length === 10);
    expect(lines.filter((l) => !l.startsWith('at=info '))).toEqual([]);
  });

  it('gives up with H10 when every dyno refuses the connection', async () => {
    const { router, lines } = await startRouter();
    router.setBackends([{ dyno: 'web.1', port: await deadPort() }], { webQuantity: 1, starting: 0 });
    const reply = await get(router.port);
    expect(reply.status).toBe(503);
    await waitFor(() => lines.length === 1);
    expect(lines[0]).toMatch(/^at=error code=H10 desc="App crashed" method=GET path="\/" host=shop\.localhost /);
  });

  it('with web=0 the router answers 503 with H14', async () => {
    const { router, lines } = await startRouter();
    router.setBackends([], { webQuantity: 0, starting: 0 });
    const reply = await get(router.port, '/');
    expect(reply.status).toBe(503);
    expect(reply.headers['content-type']).toMatch(/^text\/html/);
    expect(reply.body).toContain('Application error');
    await waitFor(() => lines.length === 1);
    expect(lines[0]).toMatch(
      /^at=error code=H14 desc="No web processes running" method=GET path="\/" host=shop\.localhost request_id=[0-9a-f-]{36} fwd="127\.0\.0\.1" dyno= connect= service= status=503 bytes= protocol=http$/,
    );
  });

  it('with web dynos configured but none up the router answers H10 after the grace', async () => {
    const { router, lines } = await startRouter({ bootGraceMs: 150 });
    router.setBackends([], { webQuantity: 2, starting: 1 });
    const started = performance.now();
    const reply = await get(router.port);
    expect(reply.status).toBe(503);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    await waitFor(() => lines.length === 1);
    expect(lines[0]).toMatch(
      /^at=error code=H10 desc="App crashed" .* dyno= connect= service= status=503 bytes= protocol=http$/,
    );

    // Nothing starting: no reason to wait.
    router.setBackends([], { webQuantity: 2, starting: 0 });
    expect((await get(router.port)).status).toBe(503);
    await waitFor(() => lines.length === 2);
    expect(lines[1]).toContain('code=H10');
  });

  it('a request waits while dynos are starting and goes through once one is up', async () => {
    const { router, lines } = await startRouter({ bootGraceMs: 3_000 });
    router.setBackends([], { webQuantity: 1, starting: 1 });
    const pending = get(router.port, '/checkout');
    await waitFor(() => router.inFlight() === 1);

    const booted = await backend('web.1');
    router.setBackends(web(booted), { webQuantity: 1, starting: 0 });
    expect(await pending).toMatchObject({ status: 200, body: 'hello from web.1' });
    await waitFor(() => lines.length === 1);
    expect(lines[0]).toMatch(/^at=info method=GET path="\/checkout" .* dyno=web\.1 .* status=200 /);
  });

  it('a slow backend gets H12 after the timeout', async () => {
    const slow = await backend('web.1', () => undefined);
    const { router, lines } = await startRouter({ requestTimeoutMs: 200 });
    router.setBackends(web(slow), { webQuantity: 1, starting: 0 });
    const reply = await get(router.port, '/slow');
    expect(reply.status).toBe(503);
    expect(reply.body).toContain('Application error');
    await waitFor(() => lines.length === 1);
    expect(lines[0]).toMatch(
      /^at=error code=H12 desc="Request timeout" method=GET path="\/slow" .* dyno=web\.1 connect=\d+ms service=200ms status=503 bytes=0 protocol=http$/,
    );
  });

  it('a backend that closes the connection gives H13', async () => {
    const rude = await backend('web.1', (req) => req.socket.destroy());
    const { router, lines } = await startRouter();
    router.setBackends(web(rude), { webQuantity: 1, starting: 0 });
    const reply = await get(router.port);
    expect(reply.status).toBe(503);
    await waitFor(() => lines.length === 1);
    expect(lines[0]).toMatch(
      /^at=error code=H13 desc="Connection closed without response" .* dyno=web\.1 connect=\d+ms service=\d+ms status=503 /,
    );
    expect(rude.seen).toHaveLength(1);
  });

  it('a backend that dies mid-response gives H18 and cuts the client off', async () => {
    const partial = await backend('web.1', (_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('only part', () => res.socket?.destroy());
    });
    const { router, lines } = await startRouter();
    router.setBackends(web(partial), { webQuantity: 1, starting: 0 });
    await expect(get(router.port)).rejects.toThrow();
    await waitFor(() => lines.length === 1);
    expect(lines[0]).toMatch(
      /^sock=backend at=error code=H18 desc="Server Request Interrupted" .* dyno=web\.1 .* status=200 bytes=9 /,
    );
  });

  it('drain resolves once in-flight requests to those dynos finish', async () => {
    const held: ServerResponse[] = [];
    const a = await backend('web.1', (_req, res) => held.push(res));
    const b = await backend('web.2');
    const { router } = await startRouter();
    router.setBackends(web(a, b), { webQuantity: 2, starting: 0 });

    const pending = get(router.port);
    await waitFor(() => held.length === 1);
    expect(router.inFlight()).toBe(1);
    await router.drain(['web.2']);
    await router.drain(['web.9']);

    router.setBackends(web(b), { webQuantity: 1, starting: 0 });
    let drained = false;
    const draining = router.drain(['web.1', 'web.2']).then(() => (drained = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(drained).toBe(false);

    held[0]?.end('done');
    await draining;
    expect((await pending).body).toBe('done');
  });

  it('draining an old web.1 does not wait for the new web.1 that replaced it', async () => {
    const held: ServerResponse[] = [];
    const replacement = await backend('web.1', (_req, res) => held.push(res));
    const { router } = await startRouter();
    router.setBackends(web(replacement), { webQuantity: 1, starting: 0 });
    const pending = get(router.port);
    await waitFor(() => held.length === 1);
    await router.drain(['web.1']);
    held[0]?.end('ok');
    expect((await pending).body).toBe('ok');
  });

  it('maintenance mode answers 503 with H80', async () => {
    const a = await backend('web.1');
    const { router, lines } = await startRouter();
    router.setBackends(web(a), { webQuantity: 1, starting: 0 });
    router.setMaintenance(true);
    const reply = await get(router.port, '/');
    expect(reply.status).toBe(503);
    expect(reply.body).toContain('Maintenance');
    expect(a.seen).toHaveLength(0);
    await waitFor(() => lines.length === 1);
    expect(lines[0]).toMatch(
      /^at=info code=H80 desc="Maintenance mode" method=GET path="\/" .* dyno= connect= service= status=503 bytes= protocol=http$/,
    );

    router.setMaintenance(false);
    expect((await get(router.port)).status).toBe(200);
  });

  it('a steady request loop sees no failure while backends are swapped one by one', async () => {
    const [a, b, c] = await Promise.all([backend('web.1'), backend('web.2'), backend('web.3')]);
    const { router, lines } = await startRouter();
    router.setBackends(web(a, b), { webQuantity: 2, starting: 0 });

    const statuses: number[] = [];
    let running = true;
    // Keep-alive client, like a browser, so connections to the router are reused across the swap.
    const loop = (async () => {
      while (running) statuses.push((await fetch(`http://127.0.0.1:${router.port}/`)).status);
    })();
    const served = (n: number) => waitFor(() => statuses.length >= n);

    await served(20);
    router.setBackends(web(b, c), { webQuantity: 2, starting: 1 });
    await router.drain(['web.1']);
    await a.close();
    await served(statuses.length + 20);
    router.setBackends(web(c), { webQuantity: 1, starting: 0 });
    await router.drain(['web.2']);
    await b.close();
    await served(statuses.length + 20);
    running = false;
    await loop;

    expect(statuses.length).toBeGreaterThanOrEqual(60);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    await waitFor(() => lines.length === statuses.length);
    expect(lines.filter((l) => !l.startsWith('at=info '))).toEqual([]);
    expect(new Set(lines.map((l) => /dyno=(\S+)/.exec(l)?.[1]))).toEqual(new Set(['web.1', 'web.2', 'web.3']));
  });

  it('close waits for in-flight requests', async () => {
    const held: ServerResponse[] = [];
    const a = await backend('web.1', (_req, res) => held.push(res));
    const { router } = await startRouter();
    router.setBackends(web(a), { webQuantity: 1, starting: 0 });
    const pending = get(router.port);
    await waitFor(() => held.length === 1);
    let closed = false;
    const closing = router.close().then(() => (closed = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    held[0]?.end('bye');
    expect((await pending).body).toBe('bye');
    await closing;
    expect(router.inFlight()).toBe(0);
  });
});
