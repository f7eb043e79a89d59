// The demo on the local engine, as the README promises it: live staging and production,
// a ticket branch deployed to a box with its migration, and web scaled to three.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
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
import { openConnectionsTo } from '../helpers/tcp-connections.js';
import { waitFor } from '../helpers/wait-for-frame.js';
import { runHealthCheck } from '../../src/services/health/health-check.js';
import { createAlertEngine } from '../../src/alerts/evaluate.js';
import { DEFAULT_RULES } from '../../src/alerts/default-rules.js';
import { createRollingMetrics } from '../../src/metrics/rolling-metrics.js';
import { eventsFromLogLine } from '../../src/metrics/classify-line.js';
import type { CheckResult } from '../../src/metrics/types.js';

let work: string;
let loaded: LoadedConfig;
let api: HerokuApi;
let engineUrl: string;
let enginePid: number;
const said: string[] = [];

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-demo-engine-'));
  const demo = await createDemo({ dir: path.join(work, 'demo') });
  loaded = await loadConfig({ cwd: demo.dir });
  await bootstrapDemo(loaded, (line) => said.push(line));
  const engine = (await findEngine(demo.dir))!;
  api = createHerokuApi({ url: engine.url, token: engine.token });
  engineUrl = engine.url;
  enginePid = engine.info.pid;
}, 60_000);
afterAll(async () => {
  await stopEngine(loaded.root);
  await rm(work, { recursive: true, force: true });
}, 60_000);

/** The app's log lines (`source`: app or heroku), as `heroku logs` prints them. */
async function logLines(app: string, body: Record<string, unknown>): Promise<string[]> {
  const session = (await api.client.post(`/apps/${app}/log-sessions`, { body: { lines: 1500, ...body } })) as {
    logplex_url: string;
  };
  return (await (await fetch(`${session.logplex_url}?format=text`)).text()).split('\n').filter(Boolean);
}

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

  it('left idle with its checks running, the demo logs no router error and fires no alert, even when the engine is too busy to see a dyno close an idle connection', async () => {
    const app = 'brightcart-production';
    // The demo's timescale, shortened: the web dyno keeps idle connections 2 s (and says so, `Keep-Alive:
    // timeout=2`; Node closes them a second after that) instead of 5 s, and the checks come 2.5 s apart.
    const keepAliveMs = 2_000;
    const preload = path.join(work, 'short-keep-alive.cjs');
    await writeFile(
      preload,
      `const http = require('node:http');
const listen = http.Server.prototype.listen;
http.Server.prototype.listen = function (...args) {
  this.keepAliveTimeout = ${keepAliveMs};
  this.once('listening', () => console.log('keep-alive ${keepAliveMs} ms on port ' + this.address().port));
  return listen.apply(this, args);
};
`,
    );
    await api.client.patch(`/apps/${app}/config-vars`, { body: { NODE_OPTIONS: `--require ${preload}` } });
    const announced = await waitFor(
      async () => {
        const lines = await logLines(app, { source: 'app', dyno: 'web.1' });
        return lines.map((l) => /keep-alive \d+ ms on port (\d+)/.exec(l)?.[1]).findLast(Boolean);
      },
      'the web dyno restarted with the shorter keep-alive',
      20_000,
    );
    const dynoPort = Number(announced);
    await expect
      .poll(async () => ((await api.client.get(`/apps/${app}/dynos`)) as Heroku.Dyno[]).map((d) => d.state), {
        timeout: 15_000,
      })
      .toEqual(['up', 'up']);
    const checkUrl = new URL(loaded.config.alerts.checks.path ?? '/health', await webUrl(app)).href;
    const startedAt = new Date().toISOString();

    const checks: CheckResult[] = [];
    for (let i = 0; i < 8; i++) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, 2_500));
      // A busy machine: the engine gets no CPU while the check arrives and until the dyno's idle timer has had
      // its chance to close the connection the router last used. When it runs again both are waiting for it.
      process.kill(enginePid, 'SIGSTOP');
      let check: Promise<CheckResult>;
      try {
        check = runHealthCheck(checkUrl);
        await waitFor(async () => (await openConnectionsTo(dynoPort)) === 0, 'the idle connection to close', 10_000);
      } finally {
        process.kill(enginePid, 'SIGCONT');
      }
      checks.push(await check);
    }
    expect(checks.map((c) => c.status)).toEqual(Array(8).fill(200));

    const router = (await logLines(app, { source: 'heroku', dyno: 'router' })).filter((l) => l >= startedAt);
    expect(router.filter((l) => l.includes('at=error'))).toEqual([]);
    expect(router.filter((l) => l.includes('at=info') && l.includes('path="/products/linen-apron"'))).toHaveLength(8);

    const alerts = createAlertEngine(DEFAULT_RULES);
    const metrics = createRollingMetrics({ now: () => Date.now() });
    const events = router.flatMap((l) => eventsFromLogLine(l));
    for (const e of events) metrics.add(e);
    alerts.evaluate({
      env: 'production',
      now: Date.now(),
      metrics: (windowMs) => metrics.snapshot(windowMs),
      dynos: [{ name: 'web.1', state: 'up' }],
      events: [],
      logLines: router,
      checks,
    });
    expect(alerts.alerts()).toEqual([]);
  }, 90_000);
});
