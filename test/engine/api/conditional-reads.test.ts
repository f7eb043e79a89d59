// The engine's API answers conditional reads as Heroku does: every read carries an ETag,
// If-None-Match naming it gets 304 Not Modified with an empty body, and a 304 costs no
// rate-limit token.
import { afterEach, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApiServer, etagMatches, type Route } from '../../../src/engine/api/http-api.js';
import { createHerokuApi } from '../../../src/services/heroku/heroku-api.js';

const TOKEN = 'b'.repeat(64);
let server: Server | undefined;
afterEach(async () => {
  if (!server) return;
  server.closeAllConnections();
  await new Promise((resolve) => server!.close(resolve));
  server = undefined;
});

async function startApi(budget = 4500) {
  const state = { maintenance: false, releases: [1, 2, 3, 4, 5], tokens: budget, taken: 0 };
  const routes: Route[] = [
    { method: 'GET', path: '/apps/:app', handle: () => ({ body: { name: 'shop', maintenance: state.maintenance } }) },
    {
      method: 'GET',
      path: '/apps/:app/releases',
      list: {
        fields: ['version'],
        defaultField: 'version',
        key: (item: { version: number }) => item.version,
      } as unknown as Route['list'],
      handle: () => state.releases.map((version) => ({ version })),
    },
  ];
  server = createApiServer({
    routes,
    token: TOKEN,
    limiter: {
      take: () => (state.tokens >= 1 ? (state.tokens--, state.taken++, true) : false),
      remaining: () => state.tokens,
    },
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${url}${path}`, {
      headers: { Authorization: `Bearer ${TOKEN}`, Accept: 'application/vnd.heroku+json; version=3', ...headers },
    });
  return { url, state, get };
}

describe('conditional reads of the engine API', () => {
  it('a read carries an ETag, and If-None-Match naming it is answered 304 with an empty body and no token taken', async () => {
    const { get, state } = await startApi();
    const first = await get('/apps/shop');
    const etag = first.headers.get('etag')!;
    await first.text();
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(state.taken).toBe(1);

    const again = await get('/apps/shop', { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('ratelimit-remaining')).toBe('4499');
    expect(state.taken).toBe(1);
  });

  it('a read after a change is answered in full with a new ETag, and costs a token', async () => {
    const { get, state } = await startApi();
    const first = await get('/apps/shop');
    const etag = first.headers.get('etag')!;
    await first.text();
    state.maintenance = true;

    const after = await get('/apps/shop', { 'If-None-Match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(await after.json()).toEqual({ name: 'shop', maintenance: true });
    expect(state.taken).toBe(2);
  });

  it('each page of a list has its own ETag, and a page that did not change is a 304', async () => {
    const { get } = await startApi();
    const page1 = await get('/apps/shop/releases', { Range: 'version ..; max=2' });
    const next = page1.headers.get('next-range')!;
    await page1.text();
    const page2 = await get('/apps/shop/releases', { Range: next });
    await page2.text();
    expect(page1.status).toBe(206);
    expect(page2.headers.get('etag')).not.toBe(page1.headers.get('etag'));

    const again = await get('/apps/shop/releases', { Range: next, 'If-None-Match': page2.headers.get('etag')! });
    expect(again.status).toBe(304);
  });

  it('a conditional read with the budget spent is still a 304 when nothing changed, and a 429 otherwise', async () => {
    const { get, state } = await startApi(1);
    const first = await get('/apps/shop');
    const etag = first.headers.get('etag')!;
    await first.text();
    expect(state.tokens).toBe(0);

    expect((await get('/apps/shop', { 'If-None-Match': etag })).status).toBe(304);
    state.maintenance = true;
    const changed = await get('/apps/shop', { 'If-None-Match': etag });
    expect(changed.status).toBe(429);
    expect(changed.headers.get('ratelimit-remaining')).toBe('0');
    expect((await changed.json()) as { id: string }).toMatchObject({ id: 'rate_limit' });
  });

  it("through the deck's adapter, a repeated read is a 304 that returns the object read before", async () => {
    const { url, state } = await startApi();
    const api = createHerokuApi({ url, token: TOKEN });
    const list = { headers: { Range: 'version ..; max=10' } };
    const first = await api.client.get('/apps/shop/releases', list);
    const again = await api.client.get('/apps/shop/releases', list);
    expect(again).toBe(first);
    expect(state.taken).toBe(1);

    state.releases.push(6);
    expect(((await api.client.get('/apps/shop/releases', list)) as unknown[]).length).toBe(6);
    expect(state.taken).toBe(2);
  });
});

describe('If-None-Match', () => {
  it('matches the ETag among a list, weakly, or any with *', () => {
    expect(etagMatches('"a", "b"', '"b"')).toBe(true);
    expect(etagMatches('W/"b"', '"b"')).toBe(true);
    expect(etagMatches('*', '"b"')).toBe(true);
    expect(etagMatches('"a"', '"b"')).toBe(false);
    expect(etagMatches(undefined, '"b"')).toBe(false);
  });
});
