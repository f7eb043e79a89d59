// The demo on the local engine, as the README promises it: live staging and production,
// a ticket branch deployed to a box with its migration, and web scaled to three.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Heroku from '@heroku-cli/schema';
import { createDemo } from '../../src/demo/create-demo.js';
import { loadConfig, type LoadedConfig } from '../../src/config/load-config.js';
import { bootstrapDemo } from '../../src/cli/demo-bootstrap.js';
import { findEngine, stopEngine } from '../../src/engine/engine-control.js';
import { createHerokuApi, type HerokuApi } from '../../src/services/heroku/heroku-api.js';
import { deployRef } from '../../src/services/heroku/deploy-ref.js';
import { fetchText } from '../helpers/engine-harness.js';
import { accepts, networkAddress } from '../helpers/reachability.js';

let work: string;
let loaded: LoadedConfig;
let api: HerokuApi;
let engineUrl: string;
const said: string[] = [];

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-demo-engine-'));
  const demo = await createDemo({ dir: path.join(work, 'demo') });
  loaded = await loadConfig({ cwd: demo.dir });
  await bootstrapDemo(loaded, (line) => said.push(line));
  const engine = findEngine(demo.dir)!;
  api = createHerokuApi({ url: engine.url, token: engine.token });
  engineUrl = engine.url;
}, 60_000);
afterAll(async () => {
  await stopEngine(loaded.root);
  await rm(work, { recursive: true, force: true });
});

const webUrl = async (app: string) => ((await api.client.get(`/apps/${app}`)) as Heroku.App).web_url!;

describe('the demo on the local engine', () => {
  it('staging and production serve the shop with a worker beside the web process', async () => {
    expect(said).toContain('Deploying main to staging…');
    for (const app of ['brightcart-staging', 'brightcart-production']) {
      const page = await fetchText(await webUrl(app));
      expect(page.status).toBe(200);
      expect(page.text).toContain('<h1>Brightcart</h1>');
      await expect
        .poll(
          async () =>
            ((await api.client.get(`/apps/${app}/dynos`)) as Heroku.Dyno[]).map((d) => `${d.name}:${d.state}`).sort(),
          { timeout: 10_000 },
        )
        .toEqual(['web.1:up', 'worker.1:up']);
    }
  });

  it('a ticket branch deployed to a box runs its migration and the box serves the new code', async () => {
    const output: string[] = [];
    const result = await deployRef(api, {
      app: 'brightcart-box-1',
      repo: loaded.root,
      ref: 'bc-102-product-search',
      pollMs: 50,
      onOutput: (l) => output.push(l),
    });
    expect(result.ok).toBe(true);
    expect(output.join('\n')).toMatch(/003-add-search-terms: migrated/);
    const search = await fetchText(`${await webUrl('brightcart-box-1')}products?q=mug`);
    expect(search.status).toBe(200);
    expect(search.text).toContain('Stoneware mug');
  }, 30_000);

  it('a branch whose migration fails is not released', async () => {
    const result = await deployRef(api, {
      app: 'brightcart-box-2',
      repo: loaded.root,
      ref: 'bc-108-order-history',
      pollMs: 50,
    });
    expect(result).toMatchObject({ ok: false, stage: 'release', reason: expect.stringContaining('release phase') });
  }, 30_000);

  it('scaling web to 3 shows three web dynos in the router lines', async () => {
    await api.client.patch('/apps/brightcart-box-1/formation', { body: { updates: [{ type: 'web', quantity: 3 }] } });
    await expect
      .poll(
        async () =>
          ((await api.client.get('/apps/brightcart-box-1/dynos')) as Heroku.Dyno[]).filter(
            (d) => d.type === 'web' && d.state === 'up',
          ).length,
        { timeout: 15_000 },
      )
      .toBe(3);
    const url = await webUrl('brightcart-box-1');
    for (let i = 0; i < 9; i++) await fetchText(`${url}health`);
    const session = (await api.client.post('/apps/brightcart-box-1/log-sessions', {
      body: { lines: 200, dyno: 'router' },
    })) as { logplex_url: string };
    const lines = (await (await fetch(`${session.logplex_url}?format=text`)).text()).split('\n');
    const dynos = new Set(lines.filter((l) => l.includes('path="/health"')).map((l) => /dyno=(web\.\d)/.exec(l)?.[1]));
    expect(dynos).toEqual(new Set(['web.1', 'web.2', 'web.3']));
  }, 30_000);

  const network = networkAddress();
  it.skipIf(network === undefined)(
    'nothing the demo runs can be reached from the network: the API, the routers and the dynos listen on loopback only',
    async () => {
      const ports = [Number(new URL(engineUrl).port)];
      for (const app of ['brightcart-staging', 'brightcart-production']) {
        ports.push(Number(new URL(await webUrl(app)).port));
        // Each web dyno says where it listens when it starts.
        const session = (await api.client.post(`/apps/${app}/log-sessions`, {
          body: { lines: 1500, source: 'app' },
        })) as { logplex_url: string };
        const text = await (await fetch(`${session.logplex_url}?format=text`)).text();
        const listening = [...text.matchAll(/app\[web\.\d+\]: Brightcart web\.\d+ listening on http:\/\/(\S+):(\d+)/g)];
        expect(listening.length, `${app} web dynos announcing where they listen`).toBeGreaterThan(0);
        for (const [, host, port] of listening) {
          expect(host).toBe('127.0.0.1');
          ports.push(Number(port));
        }
      }
      for (const port of ports) {
        expect(await accepts('127.0.0.1', port), `port ${port} from this machine`).toBe(true);
        expect(await accepts(network as string, port), `port ${port} from the network`).toBe(false);
      }
    },
    20_000,
  );
});
