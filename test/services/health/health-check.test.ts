// Synthetic checks reuse one kept-alive connection, and a connection the server dropped as a
// check went out costs no failed check.
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { runHealthCheck } from '../../../src/services/health/health-check.js';

let server: Server | undefined;
afterEach(async () => {
  const open = server;
  server = undefined;
  if (!open) return;
  open.closeAllConnections();
  await new Promise((resolve) => open.close(resolve));
});

/**
 * A server that keeps idle connections open without announcing for how long (no `Keep-Alive:
 * timeout=N` header), as Heroku's Router 2.0 does for 90 s; counts connections and requests per connection.
 */
async function startServer(handle?: (req: IncomingMessage, res: ServerResponse, nth: number) => void) {
  const perSocket = new Map<Socket, number>();
  let connections = 0;
  server = createServer((req, res) => {
    const nth = (perSocket.get(req.socket) ?? 0) + 1;
    perSocket.set(req.socket, nth);
    if (handle) return handle(req, res, nth);
    res.writeHead(req.url === '/broken' ? 503 : 200, { 'content-type': 'text/plain' });
    res.end('ok');
  });
  server.keepAliveTimeout = 0;
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections: () => connections };
}

describe('runHealthCheck', () => {
  it('checks 4.5 s apart go over one connection', { timeout: 20_000 }, async () => {
    const { url, connections } = await startServer();
    expect(await runHealthCheck(`${url}/health`)).toMatchObject({ ok: true, status: 200 });
    // fetch closed an idle connection after 4 s when the server announced no timeout, so a check
    // every 5 s opened a new one each time.
    await sleep(4_500);
    expect(await runHealthCheck(`${url}/health`)).toMatchObject({ ok: true, status: 200 });
    expect(connections()).toBe(1);
  });

  it('a kept-alive connection the server drops as a check arrives is retried once on a new one, not a failure', async () => {
    const { url, connections } = await startServer((req, res, nth) => {
      if (nth === 2) return req.socket.destroy();
      res.end('ok');
    });
    expect(await runHealthCheck(`${url}/health`)).toMatchObject({ ok: true, status: 200 });
    const second = await runHealthCheck(`${url}/health`);
    expect(second).toMatchObject({ ok: true, status: 200 });
    expect(second.error).toBeUndefined();
    expect(connections()).toBe(2);
  });

  it('a server error is a failed check that names the status', async () => {
    const { url } = await startServer();
    expect(await runHealthCheck(`${url}/broken`)).toMatchObject({ ok: false, status: 503, error: 'HTTP 503' });
  });

  it('a server that drops a new connection gives a failed check, not a retry loop', async () => {
    const { url, connections } = await startServer((req) => req.socket.destroy());
    const result = await runHealthCheck(`${url}/health`);
    expect(result.ok).toBe(false);
    expect(result.error).toBe('socket hang up');
    expect(connections()).toBe(1);
  });

  it('a server that does not answer in time gives "no answer within"', async () => {
    const { url } = await startServer(() => undefined);
    expect(await runHealthCheck(`${url}/health`, { timeoutMs: 1_000 })).toMatchObject({
      ok: false,
      error: 'no answer within 1 s',
    });
  });

  it('nothing listening gives the connection error', async () => {
    const { url } = await startServer();
    const gone = server!;
    server = undefined;
    await new Promise((resolve) => gone.close(resolve));
    const result = await runHealthCheck(`${url}/health`);
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/ECONNREFUSED/);
  });
});
