// The router as a reverse proxy: round-robin, Heroku router lines, retries that are safe,
// the H-codes Heroku logs, maintenance, draining and closing.
import { afterEach, describe, expect, it } from 'vitest';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { accepts, networkAddress } from '../../helpers/reachability.js';
import { backend, deadPort, get, Recorder, runCleanups, startRouter, watchedClock, web } from './router-fixtures.js';

afterEach(runCleanups);

describe('router', () => {
  it('balances round-robin over web dynos and logs Heroku router lines', async () => {
    const [a, b] = await Promise.all([backend('web.1'), backend('web.2')]);
    const { router, lines } = await startRouter();
    router.setBackends(web(a, b), { webQuantity: 2, starting: 0 });

    const bodies: string[] = [];
    for (let i = 0; i < 4; i++) bodies.push((await get(router.port, '/products?x=1')).body);
    expect(bodies).toEqual(['hello from web.1', 'hello from web.2', 'hello from web.1', 'hello from web.2']);

    await lines.until(4);
    const pattern =
      /^at=info method=GET path="\/products\?x=1" host=shop\.localhost request_id=([0-9a-f-]{36}) fwd="127\.0\.0\.1" dyno=(web\.[12]) connect=\d+ms service=\d+ms status=200 bytes=16 protocol=http$/;
    expect(lines.items.map((l) => pattern.exec(l)?.[2])).toEqual(['web.1', 'web.2', 'web.1', 'web.2']);

    const first = a.seen.items[0] as IncomingHttpHeaders;
    expect(lines.items[0]).toContain(`request_id=${String(first['x-request-id'])}`);
    expect(first['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(first).toMatchObject({
      'x-forwarded-for': '127.0.0.1',
      'x-forwarded-proto': 'http',
      'x-forwarded-port': String(router.port),
      via: '1.1 dynodeck',
    });

    const ownId = 'client-supplied-request-id-0001';
    await get(router.port, '/', { 'x-request-id': ownId, 'x-forwarded-for': '10.0.0.1' });
    await lines.until(5);
    expect(a.seen.items[2]).toMatchObject({ 'x-request-id': ownId, 'x-forwarded-for': '10.0.0.1, 127.0.0.1' });
    expect(lines.items[4]).toContain(`request_id=${ownId} fwd="10.0.0.1, 127.0.0.1"`);
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
    await lines.until(1);
    expect(lines.items[0]).toContain('method=POST path="/upload"');
    expect(lines.items[0]).toContain('status=201 bytes=200000 protocol=http');
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
    await lines.until(4);
    expect(lines.items.every((l) => l.startsWith('at=info') && l.includes('dyno=web.2'))).toBe(true);
  });

  it('a dyno that stops while the router holds kept-alive connections to it costs no request', async () => {
    const [a, b] = await Promise.all([backend('web.1'), backend('web.2')]);
    const { router, lines } = await startRouter();
    router.setBackends(web(a, b), { webQuantity: 2, starting: 0 });
    for (let i = 0; i < 4; i++) expect((await get(router.port)).status).toBe(200);

    await a.close();
    for (let i = 0; i < 6; i++) expect(await get(router.port)).toMatchObject({ status: 200, body: 'hello from web.2' });
    await lines.until(10);
    expect(lines.items.filter((l) => !l.startsWith('at=info '))).toEqual([]);
  });

  it('gives up with H10 when every dyno refuses the connection', async () => {
    const { router, lines } = await startRouter();
    router.setBackends([{ dyno: 'web.1', port: await deadPort() }], { webQuantity: 1, starting: 0 });
    const reply = await get(router.port);
    expect(reply.status).toBe(503);
    await lines.until(1);
    expect(lines.items[0]).toMatch(/^at=error code=H10 desc="App crashed" method=GET path="\/" host=shop\.localhost /);
  });

  it('with web=0 the router answers 503 with H14', async () => {
    const { router, lines } = await startRouter();
    router.setBackends([], { webQuantity: 0, starting: 0 });
    const reply = await get(router.port, '/');
    expect(reply.status).toBe(503);
    expect(reply.headers['content-type']).toMatch(/^text\/html/);
    expect(reply.body).toContain('Application error');
    await lines.until(1);
    expect(lines.items[0]).toMatch(
      /^at=error code=H14 desc="No web processes running" method=GET path="\/" host=shop\.localhost request_id=[0-9a-f-]{36} fwd="127\.0\.0\.1" dyno= connect= service= status=503 bytes= protocol=http$/,
    );
  });

  it('with web dynos configured but none up the router answers H10 once the boot grace is over', async () => {
    const { clock, timers } = watchedClock();
    const { router, lines } = await startRouter({ bootGraceMs: 150, clock });
    router.setBackends([], { webQuantity: 2, starting: 1 });
    let answered = false;
    const reply = get(router.port).then((r) => ((answered = true), r));
    expect(await timers.until(1)).toEqual([150]);
    await clock.advance(149);
    expect(answered).toBe(false);
    await clock.advance(1);
    expect((await reply).status).toBe(503);
    await lines.until(1);
    expect(lines.items[0]).toMatch(
      /^at=error code=H10 desc="App crashed" .* dyno= connect= service= status=503 bytes= protocol=http$/,
    );

    // Nothing starting: no reason to wait.
    router.setBackends([], { webQuantity: 2, starting: 0 });
    expect((await get(router.port)).status).toBe(503);
    await lines.until(2);
    expect(lines.items[1]).toContain('code=H10');
    expect(timers.length).toBe(1);
  });

  it('a request waits while dynos are starting and goes through once one is up', async () => {
    const { clock, timers } = watchedClock();
    const { router, lines } = await startRouter({ bootGraceMs: 3_000, clock });
    router.setBackends([], { webQuantity: 1, starting: 1 });
    const pending = get(router.port, '/checkout');
    // The boot grace timer is set: the request is waiting for a dyno.
    await timers.until(1);
    expect(router.inFlight()).toBe(1);

    const booted = await backend('web.1');
    router.setBackends(web(booted), { webQuantity: 1, starting: 0 });
    expect(await pending).toMatchObject({ status: 200, body: 'hello from web.1' });
    await lines.until(1);
    expect(lines.items[0]).toMatch(/^at=info method=GET path="\/checkout" .* dyno=web\.1 .* status=200 /);
  });

  it('a backend that does not answer within 30 s gets H12', async () => {
    const slow = await backend('web.1', () => undefined);
    const { clock } = watchedClock();
    const { router, lines } = await startRouter({ clock });
    router.setBackends(web(slow), { webQuantity: 1, starting: 0 });
    const reply = get(router.port, '/slow');
    await slow.seen.until(1);
    await clock.advance(29_999);
    expect(lines.length).toBe(0);
    await clock.advance(1);
    expect((await reply).status).toBe(503);
    expect((await reply).body).toContain('Application error');
    await lines.until(1);
    expect(lines.items[0]).toMatch(
      /^at=error code=H12 desc="Request timeout" method=GET path="\/slow" .* dyno=web\.1 connect=\d+ms service=30000ms status=503 bytes=0 protocol=http$/,
    );
  });

  it('a backend that closes the connection gives H13', async () => {
    const rude = await backend('web.1', (req) => req.socket.destroy());
    const { router, lines } = await startRouter();
    router.setBackends(web(rude), { webQuantity: 1, starting: 0 });
    const reply = await get(router.port);
    expect(reply.status).toBe(503);
    await lines.until(1);
    expect(lines.items[0]).toMatch(
      /^at=error code=H13 desc="Connection closed without response" .* dyno=web\.1 connect=\d+ms service=\d+ms status=503 /,
    );
    expect(rude.seen.items).toHaveLength(1);
  });

  it('a backend that dies mid-response gives H18 and cuts the client off', async () => {
    const partial = await backend('web.1', (_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('only part', () => res.socket?.destroy());
    });
    const { router, lines } = await startRouter();
    router.setBackends(web(partial), { webQuantity: 1, starting: 0 });
    await expect(get(router.port)).rejects.toThrow();
    await lines.until(1);
    expect(lines.items[0]).toMatch(
      /^sock=backend at=error code=H18 desc="Server Request Interrupted" .* dyno=web\.1 .* status=200 bytes=9 /,
    );
  });

  it('drain resolves once in-flight requests to those dynos finish', async () => {
    const held = new Recorder<ServerResponse>('held responses');
    const a = await backend('web.1', (_req, res) => held.push(res));
    const b = await backend('web.2');
    const { router } = await startRouter();
    router.setBackends(web(a, b), { webQuantity: 2, starting: 0 });

    const pending = get(router.port);
    await held.until(1);
    expect(router.inFlight()).toBe(1);
    await router.drain(['web.2']);
    await router.drain(['web.9']);

    router.setBackends(web(b), { webQuantity: 1, starting: 0 });
    let drained = false;
    const draining = router.drain(['web.1', 'web.2']).then(() => (drained = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(drained).toBe(false);

    held.items[0]?.end('done');
    await draining;
    expect((await pending).body).toBe('done');
  });

  it('draining an old web.1 does not wait for the new web.1 that replaced it', async () => {
    const held = new Recorder<ServerResponse>('held responses');
    const replacement = await backend('web.1', (_req, res) => held.push(res));
    const { router } = await startRouter();
    router.setBackends(web(replacement), { webQuantity: 1, starting: 0 });
    const pending = get(router.port);
    await held.until(1);
    await router.drain(['web.1']);
    held.items[0]?.end('ok');
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
    expect(a.seen.items).toHaveLength(0);
    await lines.until(1);
    expect(lines.items[0]).toMatch(
      /^at=info code=H80 desc="Maintenance mode" method=GET path="\/" .* dyno= connect= service= status=503 bytes= protocol=http$/,
    );

    router.setMaintenance(false);
    expect((await get(router.port)).status).toBe(200);
  });

  it('a steady request loop sees no failure while backends are swapped one by one', async () => {
    const [a, b, c] = await Promise.all([backend('web.1'), backend('web.2'), backend('web.3')]);
    const { router, lines } = await startRouter();
    router.setBackends(web(a, b), { webQuantity: 2, starting: 0 });

    const statuses = new Recorder<number>('answers');
    let running = true;
    // Keep-alive client, like a browser, so connections to the router are reused across the swap.
    const loop = (async () => {
      while (running) statuses.push((await fetch(`http://127.0.0.1:${router.port}/`)).status);
    })();
    const served = (more: number) => statuses.until(statuses.length + more);

    await served(20);
    router.setBackends(web(b, c), { webQuantity: 2, starting: 1 });
    await router.drain(['web.1']);
    await a.close();
    await served(20);
    router.setBackends(web(c), { webQuantity: 1, starting: 0 });
    await router.drain(['web.2']);
    await b.close();
    await served(20);
    running = false;
    await loop;

    expect(statuses.length).toBeGreaterThanOrEqual(60);
    expect(statuses.items.filter((s) => s !== 200)).toEqual([]);
    await lines.until(statuses.length);
    expect(lines.items.filter((l) => !l.startsWith('at=info '))).toEqual([]);
    expect(new Set(lines.items.map((l) => /dyno=(\S+)/.exec(l)?.[1]))).toEqual(new Set(['web.1', 'web.2', 'web.3']));
  });

  const network = networkAddress();
  it.skipIf(network === undefined)(
    'listens on loopback only: reachable from this machine, not from the network',
    async () => {
      const { router } = await startRouter();
      expect(await accepts('127.0.0.1', router.port)).toBe(true);
      expect(await accepts(network as string, router.port)).toBe(false);
    },
  );

  it('close waits for in-flight requests', async () => {
    const held = new Recorder<ServerResponse>('held responses');
    const a = await backend('web.1', (_req, res) => held.push(res));
    const { router } = await startRouter();
    router.setBackends(web(a), { webQuantity: 1, starting: 0 });
    const pending = get(router.port);
    await held.until(1);
    let closed = false;
    const closing = router.close().then(() => (closed = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    held.items[0]?.end('bye');
    expect((await pending).body).toBe('bye');
    await closing;
    expect(router.inFlight()).toBe(0);
  });
});
