import { describe, expect, it } from 'vitest';
import { createEngineContext, type EngineCoreOptions } from '../../../src/engine/platform/engine-context.js';
import { createSerialQueue } from '../../../src/engine/platform/serial-queue.js';
import { systemClock } from '../../../src/services/ports.js';

const ctx = () =>
  createEngineContext({ clock: systemClock, platform: { kind: 'local', boxes: 0 }, paths: {} } as EngineCoreOptions, {
    state: {} as never,
    logs: {} as never,
    outputs: {} as never,
    queue: createSerialQueue(),
  });

describe('work in flight', () => {
  it('stopping waits for it, and a piece of work that fails is left to its caller (no unhandled rejection)', async () => {
    const c = ctx();
    const order: string[] = [];
    let finish!: () => void;
    const slow = c.inFlight(new Promise<void>((resolve) => (finish = resolve)).then(() => void order.push('work')));
    const failing = c.inFlight(Promise.reject(new Error('the release failed')));
    await expect(failing).rejects.toThrow('the release failed');
    const settled = c.settled(60_000).then(() => order.push('settled'));
    finish();
    await Promise.all([slow, settled]);
    expect(order).toEqual(['work', 'settled']);
  });

  it('stopping waits no longer than it is given', async () => {
    const c = ctx();
    void c.inFlight(new Promise(() => undefined));
    await expect(c.settled(10)).resolves.toBeUndefined();
  });
});
