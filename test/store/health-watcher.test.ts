// Alerts from the real log stream of the demo on its engine: a slow branch fires the p95
// alert with a notification and a rollback resolves it; a crash fires within seconds.
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemo } from '../../src/demo/create-demo.js';
import { loadConfig, type LoadedConfig } from '../../src/config/load-config.js';
import { bootstrapDemo } from '../../src/cli/demo-bootstrap.js';
import { stopEngine } from '../../src/engine/engine-control.js';
import { buildServices } from '../../src/cli/build-services.js';
import { createDeckStore, type DeckStore } from '../../src/store/create-deck-store.js';
import { startHealthWatcher } from '../../src/store/health-watcher.js';
import { systemClock } from '../../src/services/ports.js';
import type { AlertRule } from '../../src/alerts/rules.js';
import { waitFor } from '../helpers/wait-for-frame.js';

let work: string;
let loaded: LoadedConfig;
let store: DeckStore;
let stopWatcher: () => void;
const notifications: string[] = [];

const rules: AlertRule[] = [
  { name: 'p95-latency', kind: 'p95', aboveMs: 1000, forMs: 3000, severity: 'warning' },
  { name: 'crashed', kind: 'crashed', severity: 'critical' },
];

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-alerts-'));
  const demo = await createDemo({ dir: path.join(work, 'demo') });
  loaded = await loadConfig({ cwd: demo.dir });
  await bootstrapDemo(loaded, () => undefined);
  const services = buildServices(loaded, { startEngine: true });
  store = createDeckStore({ project: 'brightcart', root: demo.dir, platform: 'local', services, clock: systemClock });
  await store.getState().refreshEnvironments();
  stopWatcher = startHealthWatcher(store, {
    clock: systemClock,
    logStreams: services.logStreams!,
    rules,
    checkPath: '/products/linen-apron',
    checkIntervalMs: 300,
    evaluateEveryMs: 300,
    notify: (title, body) => notifications.push(`${title} | ${body}`),
  });
}, 60_000);
afterAll(async () => {
  stopWatcher?.();
  await stopEngine(loaded.root);
  await rm(work, { recursive: true, force: true });
});

function readFileSyncSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

const alert = (rule: string, env: string) => store.getState().alerts.find((a) => a.rule === rule && a.env === env);
// Read the environments at most every 300 ms while waiting: each read is a dozen API calls,
// and the engine keeps Heroku's rate limit.
let lastRefresh = 0;
const refreshUntil = (test: () => boolean, what: string, timeoutMs = 30_000) =>
  waitFor(
    async () => {
      if (Date.now() - lastRefresh >= 300) {
        lastRefresh = Date.now();
        await store.getState().refreshEnvironments();
      }
      return test();
    },
    what,
    timeoutMs,
  );

describe('alerts on the demo', () => {
  it('the slow branch on a box fires the p95 alert with a notification, and a rollback resolves it', async () => {
    expect((await store.getState().deployEnvironment('box-1', { ref: 'main', skipTests: true })).ok).toBe(true);
    expect(
      (await store.getState().deployEnvironment('box-1', { ref: 'bc-107-related-products', skipTests: true })).ok,
    ).toBe(true);
    await refreshUntil(() => alert('p95-latency', 'box-1')?.state === 'firing', 'the p95 alert to fire');
    expect(alert('p95-latency', 'box-1')?.value).toMatch(/^1,[0-9]{3} ms$/);
    expect(notifications.some((n) => n.startsWith('dynodeck: box-1 warning | p95-latency'))).toBe(true);
    expect(store.getState().envHealth['box-1']?.p95).toBeGreaterThan(1000);

    expect((await store.getState().rollbackEnvironment('box-1')).ok).toBe(true);
    await refreshUntil(() => alert('p95-latency', 'box-1')?.state === 'resolved', 'the p95 alert to resolve');
  }, 60_000);

  it('a crashed process shows as an alert within seconds', async () => {
    const staging = store.getState().environments.find((e) => e.name === 'staging')!;
    // Bring a web process down for good: point it at a command that exits at once.
    await store.getState().scaleEnvironment('staging', { web: 1 });
    const url = new URL('/health', staging.url).href;
    expect((await fetch(url)).status).toBe(200);
    // Kill this demo's web processes (and only this demo's: other tests run beside this one).
    const { readdirSync, readlinkSync } = await import('node:fs');
    const ours = readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .filter((pid) => {
        try {
          return (
            readlinkSync(`/proc/${pid}/cwd`).startsWith(loaded.root) &&
            readFileSyncSafe(`/proc/${pid}/cmdline`).includes('server.js')
          );
        } catch {
          return false;
        }
      });
    expect(ours.length).toBeGreaterThan(0);
    for (const pid of ours) process.kill(Number(pid), 'SIGKILL');
    await refreshUntil(() => alert('crashed', 'staging')?.state === 'firing', 'the crashed alert', 15_000);
    expect(alert('crashed', 'staging')?.severity).toBe('critical');
  }, 30_000);
});
