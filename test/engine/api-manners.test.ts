// The engine answers like the Heroku Platform API: auth, JSON errors, paging, rate limit headers, log sessions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Heroku from '@heroku-cli/schema';
import { startHarness, fetchText, type Harness } from '../helpers/engine-harness.js';
import { createHerokuApi } from '../../src/services/heroku/heroku-api.js';

let h: Harness;
let base: string;
beforeAll(async () => {
  h = await startHarness();
  base = `http://127.0.0.1:${h.engine.port}`;
  for (let i = 0; i < 3; i++) {
    const r = await h.deploy('fixture-staging', i % 2 ? 'two' : 'main');
    if (!r.ok) throw new Error(r.reason);
  }
}, 60_000);
afterAll(() => h.close());

describe('the engine API', () => {
  it('refuses requests without a token or with a wrong one', async () => {
    const none = await fetch(`${base}/apps`);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ id: 'unauthorized', message: 'Invalid credentials provided.' });
    const wrong = createHerokuApi({ url: base, token: 'f'.repeat(64) });
    await expect(wrong.client.get('/apps')).rejects.toMatchObject({ statusCode: 401, body: { id: 'unauthorized' } });
  });

  it('accepts the token as Bearer and as heroku-client sends it, and reports RateLimit-Remaining', async () => {
    const res = await fetch(`${base}/apps`, { headers: { Authorization: `Bearer ${h.engine.token}` } });
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('ratelimit-remaining'))).toBeGreaterThan(4000);
    await h.get('/apps');
    expect(h.api.rateLimitRemaining()).toBeGreaterThan(4000);
  });

  it('keeps its token in a file only its owner can read, and listens on loopback only', async () => {
    const { statSync } = await import('node:fs');
    const { enginePaths } = await import('../../src/engine/engine-paths.js');
    expect(statSync(enginePaths(h.repo.root).token).mode & 0o777).toBe(0o600);
    expect(base.startsWith('http://127.0.0.1:')).toBe(true);
  });

  it('refuses to start a second engine for the same project', async () => {
    const { loadConfig } = await import('../../src/config/load-config.js');
    const { runEngine } = await import('../../src/engine/run-engine.js');
    const loaded = await loadConfig({ cwd: h.repo.root });
    await expect(runEngine(loaded)).rejects.toThrow(/an engine already runs for/);
  });

  it('answers unknown things with JSON errors and the right status', async () => {
    await expect(h.get('/apps/nope')).rejects.toMatchObject({
      statusCode: 404,
      body: { id: 'not_found', message: "Couldn't find that app." },
    });
    await expect(
      h.api.client.post('/apps/fixture-staging/builds', { body: { source_blob: {} } }),
    ).rejects.toMatchObject({
      statusCode: 422,
      body: { id: 'invalid_params', message: 'source_blob.url is required (text)' },
    });
    await expect(
      h.api.client.post('/apps/fixture-staging/releases', { body: { release: 'v99' } }),
    ).rejects.toMatchObject({ statusCode: 404 });
  });

  it('pages lists with Range, answering 206 and Next-Range until the last page', async () => {
    const headers = { Authorization: `Bearer ${h.engine.token}`, Range: 'version ..; max=2' };
    const first = await fetch(`${base}/apps/fixture-staging/releases`, { headers });
    expect(first.status).toBe(206);
    expect(((await first.json()) as Heroku.Release[]).map((r) => r.version)).toEqual([1, 2]);
    const next = first.headers.get('next-range')!;
    expect(next).toBe('version ]2..; max=2');
    const second = await fetch(`${base}/apps/fixture-staging/releases`, { headers: { ...headers, Range: next } });
    expect(second.status).toBe(200);
    expect(((await second.json()) as Heroku.Release[]).map((r) => r.version)).toEqual([3]);
    const all = await h.get<Heroku.Release[]>('/apps/fixture-staging/releases', { Range: 'version ..; max=1' });
    expect(all.map((r) => r.version)).toEqual([1, 2, 3]);
  });

  it('a tailing log session streams lines as server-sent events', async () => {
    const url = await h.url('fixture-staging');
    const session = (await h.api.client.post('/apps/fixture-staging/log-sessions', {
      body: { tail: true, lines: 0, source: 'app', dyno: 'web' },
    })) as { logplex_url: string };
    const abort = new AbortController();
    const res = await fetch(session.logplex_url, { signal: abort.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    await fetchText(`${url}hello-logs`);
    let text = '';
    while (!text.includes('served /hello-logs')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toMatch(
      /data: \S+ app\[web\.1\]: served \/hello-logs two|data: \S+ app\[web\.1\]: served \/hello-logs one/,
    );
    abort.abort();
  });
});
