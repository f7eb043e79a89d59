// The adapter's reads are conditional, as Heroku documents: each page is asked for with the
// ETag it last came with, a 304 Not Modified (empty, free of budget) is answered from what was
// kept, and a server that sends no ETags, or ignores If-None-Match, is read in full as before.
import { afterEach, describe, expect, it } from 'vitest';
import { createHerokuApi } from '../../../src/services/heroku/heroku-api.js';
import { apiCalls, connectHeroku, herokuFixture, SHOP } from '../../helpers/heroku-fixture.js';

const fixture = herokuFixture();
afterEach(() => fixture.cleanup());

const statuses = (calls: Array<{ status: number }>) => calls.map((c) => c.status);

describe('conditional reads of the Platform API', () => {
  it('a read repeated with nothing changed is answered 304 and returns what the first read returned', async () => {
    const server = await fixture.start();
    const { api } = connectHeroku(server);
    const first = await api.client.get('/apps/shop-staging/releases');
    const again = await api.client.get('/apps/shop-staging/releases');

    expect(statuses(apiCalls(server, 'GET', /^\/apps\/shop-staging\/releases$/))).toEqual([200, 304]);
    expect(again).toBe(first);
    expect((again as unknown[]).length).toBe(5);
  });

  it('a 304 costs no rate-limit token, and the budget it reports is still read', async () => {
    const server = await fixture.start();
    const { api } = connectHeroku(server);
    await api.client.get('/apps/shop-staging/dynos');
    const afterFirst = server.remaining();
    server.setRemaining(afterFirst - 100); // someone else spent some
    await api.client.get('/apps/shop-staging/dynos');

    expect(statuses(apiCalls(server, 'GET', /dynos$/))).toEqual([200, 304]);
    expect(server.remaining()).toBe(afterFirst - 100);
    expect(api.rateLimitRemaining()).toBe(afterFirst - 100);
  });

  it('a read after a change gets the new body in full', async () => {
    const server = await fixture.start();
    const { api } = connectHeroku(server);
    await api.client.get('/apps/shop-staging/formation');
    const other = createHerokuApi({ url: server.url, token: server.token });
    await other.client.patch('/apps/shop-staging/formation', { body: { updates: [{ type: 'web', quantity: 4 }] } });
    const after = (await api.client.get('/apps/shop-staging/formation')) as Array<{ type: string; quantity: number }>;

    expect(statuses(apiCalls(server, 'GET', /^\/apps\/shop-staging\/formation$/))).toEqual([200, 200]);
    expect(after.find((f) => f.type === 'web')?.quantity).toBe(4);
  });

  it('each page of a paged list is asked for with its own ETag, and all 304s give the whole list again', async () => {
    const server = await fixture.start();
    const { api } = connectHeroku(server);
    const range = { headers: { Range: 'version ..; max=2' } };
    const first = (await api.client.get('/apps/shop-staging/releases', range)) as Array<{ version: number }>;
    const again = (await api.client.get('/apps/shop-staging/releases', range)) as Array<{ version: number }>;

    expect(statuses(apiCalls(server, 'GET', /^\/apps\/shop-staging\/releases$/))).toEqual([
      206, 206, 200, 304, 304, 304,
    ]);
    expect(again.map((r) => r.version)).toEqual([1, 2, 3, 4, 5]);
    expect(again).toEqual(first);
  });

  it('a server that sends no ETags is read in full every time', async () => {
    const server = await fixture.start({ ...SHOP, etags: 'none' });
    const { api } = connectHeroku(server);
    const first = await api.client.get('/apps/shop-staging/dynos');
    const before = server.remaining();
    const again = await api.client.get('/apps/shop-staging/dynos');

    expect(statuses(apiCalls(server, 'GET', /dynos$/))).toEqual([200, 200]);
    expect(again).toEqual(first);
    expect(server.remaining()).toBe(before - 1);
  });

  it('a server that sends ETags but ignores If-None-Match still gives each read its fresh body', async () => {
    const server = await fixture.start({ ...SHOP, etags: 'ignored' });
    const { api } = connectHeroku(server);
    await api.client.get('/apps/shop-staging');
    server.world.app('shop-staging').maintenance = true;
    const after = (await api.client.get('/apps/shop-staging')) as { maintenance: boolean };

    expect(statuses(apiCalls(server, 'GET', /^\/apps\/shop-staging$/))).toEqual([200, 200]);
    expect(after.maintenance).toBe(true);
  });

  it('writes are never conditional', async () => {
    const server = await fixture.start();
    const { api } = connectHeroku(server);
    await api.client.patch('/apps/shop-staging/formation', { body: { updates: [{ type: 'web', quantity: 3 }] } });
    await api.client.patch('/apps/shop-staging/formation', { body: { updates: [{ type: 'web', quantity: 3 }] } });

    expect(statuses(apiCalls(server, 'PATCH', /formation$/))).toEqual([200, 200]);
  });
});

describe('the environments poll over conditional reads', () => {
  it('a poll that finds nothing new hands back the same snapshots, over 304s only', async () => {
    const server = await fixture.start();
    const { platform } = connectHeroku(server, { formationEvery: 5 });
    const first = await platform.environments();
    const mark = server.requests.log.length;
    const again = await platform.environments();

    const later = server.requests.log.slice(mark).filter((r) => r.kind === 'api');
    expect(later.length).toBeGreaterThan(0);
    expect(later.filter((r) => r.status !== 304)).toEqual([]);
    expect(again.map((e) => e.name)).toEqual(['box-1', 'staging', 'production']);
    again.forEach((snapshot, i) => expect(snapshot).toBe(first[i]));
  });

  it('the pipeline is looked up by name once, and again when its id stops answering', async () => {
    const server = await fixture.start();
    const { platform } = connectHeroku(server);
    await platform.environments();
    await platform.environments();
    expect(apiCalls(server, 'GET', /^\/pipelines\/shop$/)).toHaveLength(1);

    server.failNext(/pipeline-couplings$/, 404);
    const envs = await platform.environments();
    expect(apiCalls(server, 'GET', /^\/pipelines\/shop$/)).toHaveLength(2);
    expect(envs.map((e) => e.name)).toEqual(['box-1', 'staging', 'production']);
  });

  it('a dyno crash shows on the next poll', async () => {
    const server = await fixture.start();
    const { platform } = connectHeroku(server, { formationEvery: 5 });
    await platform.environments();
    const dyno = server.world.app('shop-staging').dynos[0]!;
    dyno.state = 'crashed';
    const staging = (await platform.environments()).find((e) => e.name === 'staging')!;

    expect(staging.dynos.find((d) => d.name === dyno.name)?.state).toBe('crashed');
  });

  it('a new release shows on the next poll', async () => {
    const server = await fixture.start();
    const { platform } = connectHeroku(server, { formationEvery: 5 });
    await platform.environments();
    const app = server.world.app('shop-production');
    server.world.addRelease(app, { description: 'Set FEATURE config vars', slugId: null }).status = 'succeeded';
    const production = (await platform.environments()).find((e) => e.name === 'production')!;

    expect(production.release?.version).toBe(13);
    expect(production.release?.description).toBe('Set FEATURE config vars');
  });

  it('a scale made elsewhere shows on the next poll, though the formation is read only every 5th poll', async () => {
    const server = await fixture.start();
    const { platform } = connectHeroku(server, { formationEvery: 5 });
    await platform.environments();
    await platform.environments();
    const other = createHerokuApi({ url: server.url, token: server.token });
    await other.client.patch('/apps/shop-staging/formation', { body: { updates: [{ type: 'web', quantity: 3 }] } });
    const staging = (await platform.environments()).find((e) => e.name === 'staging')!;

    expect(staging.formation).toEqual({ web: 3, worker: 1 });
    expect(staging.dynos.filter((d) => d.type === 'web')).toHaveLength(3);
    // Every app's formation on the first poll, none on the second, then only the app whose dynos changed.
    expect(apiCalls(server, 'GET', /\/formation$/).map((r) => r.path)).toEqual([
      ...server.world.apps.filter((a) => a.stage).map((a) => `/apps/${a.id}/formation`),
      `/apps/${server.world.app('shop-staging').id}/formation`,
    ]);
  });
});
