// Formation, restarts and crashes on the local engine, seen through the API and the router's lines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Heroku from '@heroku-cli/schema';
import { startHarness, fetchText, type Harness } from '../helpers/engine-harness.js';

let h: Harness;
let url: string;
beforeAll(async () => {
  h = await startHarness();
  const first = await h.deploy('fixture-staging', 'main');
  if (!first.ok) throw new Error(`first deploy failed: ${first.reason}`);
  url = await h.url('fixture-staging');
}, 60_000);
afterAll(() => h.close());

const dynoStates = async () =>
  (await h.get<Heroku.Dyno[]>('/apps/fixture-staging/dynos')).map((d) => `${d.name}:${d.state}`).sort();

async function routerDynos(requests: number): Promise<Set<string>> {
  const seen = new Set<string>();
  for (let i = 0; i < requests; i++) seen.add((await fetchText(url)).text.split(' ')[1]!);
  return seen;
}

describe('formation on the local engine', () => {
  it('scaling web to 3 starts three web dynos that all take requests, and back to 1 stops two', async () => {
    const updated = (await h.api.client.patch('/apps/fixture-staging/formation', {
      body: { updates: [{ type: 'web', quantity: 3 }] },
    })) as Heroku.Formation[];
    expect(updated).toMatchObject([{ type: 'web', quantity: 3 }]);
    await expect.poll(dynoStates, { timeout: 10_000 }).toEqual(['web.1:up', 'web.2:up', 'web.3:up']);
    expect(await routerDynos(9)).toEqual(new Set(['web.1', 'web.2', 'web.3']));

    await h.api.client.patch('/apps/fixture-staging/formation', { body: { updates: [{ type: 'web', quantity: 1 }] } });
    await expect.poll(dynoStates, { timeout: 10_000 }).toEqual(['web.1:up']);
  });

  it('the router writes Heroku-format lines naming the dyno that served', async () => {
    await fetchText(`${url}products?page=2`);
    const lines = h.engine && (await readLogs(['heroku'], 'router'));
    expect(
      lines.some((l) =>
        /heroku\[router\]: at=info method=GET path="\/products\?page=2" host=fixture-staging\.localhost request_id=\S+ fwd="127\.0\.0\.1" dyno=web\.1 connect=\d+ms service=\d+ms status=200 bytes=\d+ protocol=http/.test(
          l,
        ),
      ),
    ).toBe(true);
  });

  it('a worker scaled from 0 to 1 runs and logs', async () => {
    await h.api.client.patch('/apps/fixture-staging/formation/worker', { body: { quantity: 1 } });
    await expect.poll(dynoStates, { timeout: 10_000 }).toEqual(['web.1:up', 'worker.1:up']);
    await expect
      .poll(async () => (await readLogs(['app'], 'worker')).some((l) => l.includes('app[worker.1]: worker started')), {
        timeout: 10_000,
      })
      .toBe(true);
  });

  it('a restart replaces every dyno with a fresh process and the site keeps answering', async () => {
    const before = await h.get<Heroku.Dyno[]>('/apps/fixture-staging/dynos');
    await h.api.client.delete('/apps/fixture-staging/dynos');
    await expect
      .poll(async () => (await h.get<Heroku.Dyno[]>('/apps/fixture-staging/dynos')).map((d) => d.id), {
        timeout: 10_000,
      })
      .toSatisfy((ids: string[]) => ids.length === 2 && ids.every((id) => !before.some((b) => b.id === id)));
    expect((await fetchText(url)).status).toBe(200);
  });

  it('a crashed web process is restarted automatically', async () => {
    await fetchText(`${url}crash`);
    await expect
      .poll(
        async () => (await readLogs(['heroku'], 'web')).some((l) => l.includes('State changed from up to crashed')),
        { timeout: 10_000 },
      )
      .toBe(true);
    await expect.poll(async () => (await fetchText(url)).status, { timeout: 15_000 }).toBe(200);
    expect(await dynoStates()).toContain('web.1:up');
  }, 20_000);

  it('every running process logs Heroku runtime metrics samples', async () => {
    await expect
      .poll(
        async () =>
          (await readLogs(['heroku'], 'web')).some((l) =>
            /heroku\[web\.1\]: source=web\.1 dyno=heroku\.\S+ sample#memory_total=[\d.]+MB sample#memory_rss=[\d.]+MB/.test(
              l,
            ),
          ),
        { timeout: 10_000 },
      )
      .toBe(true);
    expect(
      (await readLogs(['heroku'], 'web')).some((l) => /sample#load_avg_1m=[\d.]+ sample#load_avg_5m=/.test(l)),
    ).toBe(true);
  });

  it('an unknown process type answers 404 the Heroku way', async () => {
    await expect(
      h.api.client.patch('/apps/fixture-staging/formation', { body: { updates: [{ type: 'clock', quantity: 1 }] } }),
    ).rejects.toMatchObject({
      statusCode: 404,
      body: { id: 'not_found', message: "Couldn't find that process type (clock)." },
    });
  });
});

async function readLogs(sources: string[], dyno: string): Promise<string[]> {
  const lines: string[] = [];
  for (const source of sources) {
    const session = (await h.api.client.post('/apps/fixture-staging/log-sessions', {
      body: { lines: 1500, source, dyno },
    })) as { logplex_url: string };
    const text = await (await fetch(`${session.logplex_url}?format=text`)).text();
    lines.push(...text.split('\n').filter(Boolean));
  }
  return lines;
}
