// Reads share kept-alive connections (a poll is a dozen GETs every 5 s); writes never ride
// a pooled connection; a pooled connection the server closed costs a read nothing.
import { afterEach, describe, expect, it } from 'vitest';
import type { HerokuTestServer } from '../../heroku-server/index.js';
import { connectHeroku, herokuFixture } from '../../helpers/heroku-fixture.js';

const fixture = herokuFixture();
afterEach(() => fixture.cleanup());

const connectionsOf = (server: HerokuTestServer, method: string, from = 0) =>
  new Set(
    server.requests.log
      .slice(from)
      .filter((r) => r.kind === 'api' && r.method === method)
      .map((r) => r.connection),
  );

describe('connections to the Platform API', () => {
  it('the reads of later polls go over the connections the first poll opened', async () => {
    const server = await fixture.start();
    const { platform } = connectHeroku(server);
    await platform.environments();
    const first = connectionsOf(server, 'GET');
    const firstPoll = server.requests.log.length;
    for (let poll = 0; poll < 3; poll++) await platform.environments();

    const later = connectionsOf(server, 'GET', firstPoll);
    expect(server.requests.log.length - firstPoll).toBeGreaterThan(3 * 3);
    expect([...later].filter((c) => !first.has(c))).toEqual([]);
    // A poll's reads are sent one after another or a few at once: far fewer connections than reads.
    expect(first.size).toBeLessThan(firstPoll);
  });

  it('a write goes on a connection of its own, never on a pooled one', async () => {
    const server = await fixture.start();
    const { platform } = connectHeroku(server);
    await platform.environments();
    const reads = connectionsOf(server, 'GET');
    await platform.scale('staging', { web: 3 });
    await platform.restart('staging');

    const writes = server.requests.log.filter((r) => r.kind === 'api' && r.method !== 'GET');
    expect(writes.map((r) => r.method)).toEqual(['PATCH', 'DELETE']);
    expect(writes.filter((w) => reads.has(w.connection))).toEqual([]);
    expect(writes[0]!.connection).not.toBe(writes[1]!.connection);
    // Nor is a write's connection kept for the reads that follow.
    const before = server.requests.log.length;
    await platform.environments();
    const after = connectionsOf(server, 'GET', before);
    expect(writes.filter((w) => after.has(w.connection))).toEqual([]);
  });

  it('a read that meets a pooled connection the server has closed is answered over a new connection', async () => {
    const server = await fixture.start();
    const { api } = connectHeroku(server);
    await api.client.get('/apps/shop-staging');
    const pooled = server.requests.log.at(-1)!.connection;
    // The server drops the connection as the next read arrives on it (as when its idle
    // timeout and the read cross on the wire).
    server.resetNext(/^\/apps\/shop-staging$/, { method: 'GET' });

    const app = (await api.client.get('/apps/shop-staging')) as { name: string };

    expect(app.name).toBe('shop-staging');
    const tries = server.requests.log.filter((r) => r.path === '/apps/shop-staging').slice(1);
    expect(tries.map((r) => r.connection)[0]).toBe(pooled);
    expect(tries).toHaveLength(2);
    expect(tries[1]!.connection).not.toBe(pooled);
  });
});
