// An engine running in this process on a fixture repo, with heroku-client pointed at it.
import { loadConfig } from '../../src/config/load-config.js';
import { runEngine, type RunningEngine } from '../../src/engine/run-engine.js';
import { createHerokuApi, type HerokuApi } from '../../src/services/heroku/heroku-api.js';
import { deployRef, type DeployResult } from '../../src/services/heroku/deploy-ref.js';
import { createFixtureRepo, type FixtureRepo } from './engine-fixture.js';
import { waitFor } from './wait-for-frame.js';

export interface Harness {
  repo: FixtureRepo;
  engine: RunningEngine;
  api: HerokuApi;
  url(app: string): Promise<string>;
  deploy(app: string, ref: string): Promise<DeployResult>;
  get<T = unknown>(path: string, headers?: Record<string, string>): Promise<T>;
  restartEngine(): Promise<void>;
  close(): Promise<void>;
}

export const TIMINGS = { bootTimeoutMs: 8000, stopGraceMs: 3000, metricsIntervalMs: 200 };

export async function startHarness(repo?: FixtureRepo): Promise<Harness> {
  const fixture = repo ?? (await createFixtureRepo());
  const loaded = await loadConfig({ cwd: fixture.root });
  let engine = await runEngine(loaded, { timings: TIMINGS });
  let api = createHerokuApi({ url: `http://127.0.0.1:${engine.port}`, token: engine.token });
  const harness: Harness = {
    repo: fixture,
    get engine() {
      return engine;
    },
    get api() {
      return api;
    },
    async url(app) {
      const found = (await api.client.get(`/apps/${app}`)) as { web_url: string };
      return found.web_url;
    },
    deploy: (app, ref) => deployRef(api, { app, repo: fixture.root, ref, pollMs: 50 }),
    get: (path, headers) => api.client.get(path, { headers }) as Promise<never>,
    async restartEngine() {
      await engine.stop();
      engine = await runEngine(loaded, { timings: TIMINGS });
      api = createHerokuApi({ url: `http://127.0.0.1:${engine.port}`, token: engine.token });
    },
    async close() {
      await engine.stop();
      await fixture.cleanup();
    },
  };
  return harness;
}

export async function fetchText(url: string): Promise<{ status: number; text: string }> {
  const res = await fetch(url);
  return { status: res.status, text: await res.text() };
}

/** Polls an async condition until it holds (no fixed sleeps). */
export function eventually<T>(
  probe: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  return waitFor(probe, what, timeoutMs);
}
