// The engine's API keeps an idle connection open longer than a deck's poll interval, so
// the deck's reads every 5 s go over one connection instead of a new one each time.
import { afterEach, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApiServer, KEEP_ALIVE_MS } from '../../../src/engine/api/http-api.js';
import { createHerokuApi } from '../../../src/services/heroku/heroku-api.js';

const TOKEN = 'a'.repeat(64);
let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

async function startApi() {
  server = createApiServer({
    routes: [{ method: 'GET', path: '/account', handle: () => ({ body: { email: 'dev@example.com' } }) }],
    token: TOKEN,
    limiter: { take: () => true, remaining: () => 4500 },
  });
  let connections = 0;
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, connections: () => connections };
}

describe('the engine API and kept-alive connections', () => {
  it('announces an idle timeout longer than any poll interval', async () => {
    const { url } = await startApi();
    const res = await fetch(`${url}/account`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    await res.text();
    expect(res.headers.get('keep-alive')).toBe(`timeout=${KEEP_ALIVE_MS / 1000}`);
    expect(KEEP_ALIVE_MS).toBeGreaterThan(30_000);
  });

  it("a deck's reads 5 s apart go over one connection", { timeout: 20_000 }, async () => {
    const { url, connections } = await startApi();
    const api = createHerokuApi({ url, token: TOKEN });
    await api.client.get('/account');
    // Node's default server closes an idle connection after 5 s; a poll comes every 5 s.
    await sleep(5_500);
    expect(await api.client.get('/account')).toEqual({ email: 'dev@example.com' });
    expect(connections()).toBe(1);
  });
});
