// The router keeps connections to dynos open between requests. A dyno may close an idle one at any
// moment; that must never cost a request, never be called a crash, and never run a request twice.
import { afterEach, describe, expect, it } from 'vitest';
import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { backend, get, rawClient, runCleanups, startRouter, web, type Handler } from './router-fixtures.js';
import { CLIENT_IDLE_MS } from '../../../src/engine/router/router.js';

afterEach(runCleanups);

/** Answers like a server that keeps connections alive without announcing for how long (no Keep-Alive header). */
const quietKeepAlive: Handler = (req, res) => {
  req.resume();
  req.on('end', () => {
    const body = `ok ${req.url}`;
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': body.length, connection: 'keep-alive' });
    res.end(body);
  });
};

/** Which side ended an idle connection: the router (the dyno reads its FIN) or the dyno (its own timer). */
function whoCloses(socket: Socket): Promise<'router' | 'dyno'> {
  return new Promise((resolve) => {
    socket.once('end', () => resolve('router'));
    socket.once('close', () => resolve('dyno'));
  });
}

describe('keep-alive connections to dynos', () => {
  it('requests that arrive as, or just after, a dyno closes its idle connection are all served, with no router error', async () => {
    // The dyno's keep-alive timer fires; `arrive` says whether the next request reaches the router just
    // before the dyno closes the connection (in the same instant) or just after.
    let atExpiry: ((when: 'as' | 'after') => void) | undefined;
    const dyno = await backend('web.1', quietKeepAlive, (server: Server) => {
      server.keepAliveTimeout = 50;
      server.on('connection', (socket: Socket) => {
        socket.prependListener('timeout', () => atExpiry?.('as'));
        socket.on('close', () => atExpiry?.('after'));
      });
    });
    // The router holds idle connections longer than this dyno does, so only its handling of the race is tested.
    const { router, lines } = await startRouter({ upstreamIdleMs: 60_000 });
    router.setBackends(web(dyno), { webQuantity: 1, starting: 0 });
    const client = await rawClient(router.port);

    expect(await client.send('/0')).toMatchObject({ status: 200, body: 'ok /0' });
    const moments = ['as', 'after', 'as', 'after'] as const;
    for (const [i, moment] of moments.entries()) {
      const path = `/${i + 1}`;
      const reply = await new Promise<Promise<unknown>>((resolve) => {
        atExpiry = (when) => {
          if (when !== moment) return;
          atExpiry = undefined;
          // Written synchronously: for 'as', the request is on the wire before the dyno's own timeout handler closes the socket.
          resolve(client.send(path));
        };
      });
      expect(await reply).toMatchObject({ status: 200, body: `ok ${path}` });
    }

    await lines.until(moments.length + 1);
    expect(lines.items.filter((l) => !l.startsWith('at=info '))).toEqual([]);
    expect(dyno.seen.items.map((h) => h['x-request-id'])).toHaveLength(moments.length + 1);
    // Each request after the first met a connection the dyno had closed: none was sent to it twice or lost.
    expect(dyno.connections.length).toBe(moments.length + 1);
  });

  it("closes an idle connection before the dyno's announced keep-alive timeout runs out", async () => {
    // Node announces `Keep-Alive: timeout=2`; the router has to be done with the connection well before.
    const dyno = await backend('web.1', undefined, (server) => (server.keepAliveTimeout = 2_000));
    const { router } = await startRouter({ upstreamIdleMs: 60_000 });
    router.setBackends(web(dyno), { webQuantity: 1, starting: 0 });
    expect((await get(router.port)).status).toBe(200);
    const [connection] = await dyno.connections.until(1);
    expect(await whoCloses(connection as Socket)).toBe('router');
  });

  it('closes an idle connection after its own idle limit when the dyno announces none', async () => {
    const dyno = await backend('web.1', quietKeepAlive, (server) => (server.keepAliveTimeout = 60_000));
    const { router } = await startRouter();
    router.setBackends(web(dyno), { webQuantity: 1, starting: 0 });
    expect((await get(router.port)).status).toBe(200);
    const [connection] = await dyno.connections.until(1);
    expect(await whoCloses(connection as Socket)).toBe('router');
  });

  it('a request that takes longer than the idle limit is not cut off by it', async () => {
    const slow = await backend('web.1', (req, res) => {
      req.resume();
      setTimeout(() => res.end('slow but fine'), 150);
    });
    const { router, lines } = await startRouter({ upstreamIdleMs: 20 });
    router.setBackends(web(slow), { webQuantity: 1, starting: 0 });
    expect(await get(router.port)).toMatchObject({ status: 200, body: 'slow but fine' });
    await lines.until(1);
    expect(lines.items[0]).toMatch(/^at=info .* status=200 /);
  });
});

describe("keep-alive connections from clients, like Heroku's Router 2.0", () => {
  it('announces the 90 s after which Router 2.0 closes an idle client connection', async () => {
    const dyno = await backend('web.1', quietKeepAlive);
    const { router } = await startRouter();
    router.setBackends(web(dyno), { webQuantity: 1, starting: 0 });
    const client = await rawClient(router.port);
    const reply = await client.send('/health');
    client.close();
    expect(reply.status).toBe(200);
    expect(reply.headers['keep-alive']).toBe('timeout=90');
    expect(CLIENT_IDLE_MS).toBe(90_000);
  });

  it(
    "a client's requests 5 s apart (a synthetic check's interval) go over one connection",
    { timeout: 20_000 },
    async () => {
      const dyno = await backend('web.1', quietKeepAlive);
      const { router, lines } = await startRouter();
      router.setBackends(web(dyno), { webQuantity: 1, starting: 0 });
      const client = await rawClient(router.port);
      expect(await client.send('/health')).toMatchObject({ status: 200, body: 'ok /health' });
      // Node's default server closes an idle client connection after 5 s.
      await sleep(5_500);
      expect(await client.send('/health')).toMatchObject({ status: 200, body: 'ok /health' });
      client.close();
      await lines.until(2);
      expect(lines.items.every((l) => l.startsWith('at=info '))).toBe(true);
    },
  );
});

describe('a request is never run twice', () => {
  /** A dyno that records each POST it starts to handle, then drops the connection without answering. */
  function dropsPosts(executions: string[], dyno: string): Handler {
    return (req, res: ServerResponse) => {
      if (req.method !== 'POST') return quietKeepAlive(req, res);
      executions.push(`${dyno} ${req.url}`);
      req.socket.resetAndDestroy();
    };
  }

  it.each([
    ['without a body', undefined],
    ['with a body', 'sku=linen-apron&quantity=1'],
  ])(
    'a POST /checkout %s that a dyno drops on a kept-alive connection runs once; the client gets 503 and H13',
    async (_, body) => {
      const executions: string[] = [];
      const a = await backend('web.1', dropsPosts(executions, 'web.1'));
      const b = await backend('web.2', dropsPosts(executions, 'web.2'));
      const { router, lines } = await startRouter({ upstreamIdleMs: 60_000 });
      router.setBackends(web(a, b), { webQuantity: 2, starting: 0 });
      // One request to each dyno leaves a kept-alive connection to each.
      expect((await get(router.port)).status).toBe(200);
      expect((await get(router.port)).status).toBe(200);

      const headers: Record<string, string> =
        body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' };
      const reply = await get(router.port, '/checkout', headers, 'POST', body);
      expect(reply.status).toBe(503);
      expect(executions).toEqual(['web.1 /checkout']);

      await lines.until(3);
      expect(lines.items[2]).toMatch(
        /^at=error code=H13 desc="Connection closed without response" method=POST path="\/checkout" .* dyno=web\.1 connect=\d+ms service=\d+ms status=503 bytes=0 protocol=http$/,
      );
      expect(a.seen.length + b.seen.length).toBe(3);
    },
  );

  it('a dyno that sends part of a response head and closes gives H18, not a retry', async () => {
    const executions: string[] = [];
    const broken = await backend('web.1', (req) => {
      executions.push(String(req.url));
      req.socket.end('HTTP/1.1 200 OK\r\nContent-Le');
    });
    const other = await backend('web.2');
    const { router, lines } = await startRouter();
    router.setBackends(web(broken, other), { webQuantity: 2, starting: 0 });
    expect((await get(router.port, '/orders')).status).toBe(503);
    expect(executions).toEqual(['/orders']);
    expect(other.seen.length).toBe(0);
    await lines.until(1);
    expect(lines.items[0]).toMatch(
      /^sock=backend at=error code=H18 desc="Server Request Interrupted" method=GET path="\/orders" .* dyno=web\.1 connect=\d+ms service=\d+ms status=503 bytes=27 protocol=http$/,
    );
  });
});
