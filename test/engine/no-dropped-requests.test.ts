// A steady stream of requests while the environment is deployed and scaled down sees no failure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/engine-harness.js';
import { Agent } from 'node:http';
import { request } from 'node:http';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  const first = await h.deploy('fixture-staging', 'main');
  if (!first.ok) throw new Error(first.reason);
});
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
  it('a request loop during a deploy, a scale-up, a scale-down and a restart never fails', async () => {
    const url = await h.url('fixture-staging');
    const agent = new Agent({ keepAlive: true });
    const statuses: number[] = [];
    let running = true;
    const loop = (async () => {
      while (running) statuses.push(await get(url, agent));
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
  }, 40_000);
});
