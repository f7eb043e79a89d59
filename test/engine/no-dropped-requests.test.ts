// A steady stream of requests while the environment is deployed and scaled down sees no failure,
// and no request is served twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/engine-harness.js';
import { Agent, request } from 'node:http';
import { enginePaths } from '../../src/engine/engine-paths.js';
import { loadRecentLines } from '../../src/engine/logs/log-files.js';
import { waitFor } from '../helpers/wait-for-frame.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  const first = await h.deploy('fixture-staging', 'main');
  if (!first.ok) throw new Error(first.reason);
}, 60_000);
afterAll(() => h.close());

function get(url: string, agent: Agent): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}

describe('zero-downtime', () => {
  it('a request loop during a deploy, a scale-up, a scale-down and a restart never fails, and each request runs once', async () => {
    const url = await h.url('fixture-staging');
    const agent = new Agent({ keepAlive: true });
    const statuses: number[] = [];
    let running = true;
    const loop = (async () => {
      while (running) statuses.push(await get(`${url}?n=${statuses.length}`, agent));
    })();

    const deployed = await h.deploy('fixture-staging', 'two');
    expect(deployed.ok).toBe(true);
    await h.api.client.patch('/apps/fixture-staging/formation', { body: { updates: [{ type: 'web', quantity: 3 }] } });
    await expect
      .poll(
        async () =>
          (await h.get<Array<{ state: string }>>('/apps/fixture-staging/dynos')).filter((d) => d.state === 'up').length,
        { timeout: 10_000 },
      )
      .toBe(3);
    await h.api.client.patch('/apps/fixture-staging/formation', { body: { updates: [{ type: 'web', quantity: 1 }] } });
    await expect
      .poll(async () => (await h.get<unknown[]>('/apps/fixture-staging/dynos')).length, { timeout: 10_000 })
      .toBe(1);
    await h.api.client.delete('/apps/fixture-staging/dynos');
    const countAfterRestart = statuses.length;
    await expect.poll(() => statuses.length, { timeout: 10_000 }).toBeGreaterThan(countAfterRestart + 20);

    running = false;
    await loop;
    agent.destroy();
    expect(statuses.length).toBeGreaterThan(50);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);

    // The app logs `served /?n=<i> <version>` for each request it handles: every one exactly once.
    const logs = enginePaths(h.repo.root).logs;
    const served = await waitFor(
      () => {
        const lines = loadRecentLines(logs, 1_000_000).get('fixture-staging') ?? [];
        const ns = lines.flatMap((l) => /^served \/\?n=(\d+) /.exec(l.text)?.[1] ?? []).map(Number);
        return ns.length >= statuses.length && { ns, lines };
      },
      () => `${statuses.length} requests in the app's log`,
      15_000,
    );
    expect(served.ns.sort((a, b) => a - b)).toEqual(statuses.map((_, i) => i));
    const routerErrors = served.lines.filter((l) => l.dyno === 'router' && l.text.includes('at=error'));
    expect(routerErrors.map((l) => l.text)).toEqual([]);
  }, 40_000);
});
