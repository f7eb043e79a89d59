// A router port the engine picked for a new app, taken by another program before the
// router bound it, is replaced; a port the user or an earlier start chose is not.
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { newAppRecord } from '../../../src/engine/platform/app-setup.js';
import { createEngineContext, type EngineCoreOptions } from '../../../src/engine/platform/engine-context.js';
import { createFormationAndDynos } from '../../../src/engine/platform/formation-and-dynos.js';
import { createSerialQueue } from '../../../src/engine/platform/serial-queue.js';
import type { AppRecord, EngineStateData, StateStore } from '../../../src/engine/state/engine-state.js';
import { systemClock } from '../../../src/services/ports.js';

function memoryState(apps: AppRecord[]): StateStore {
  const data = { apps } as unknown as EngineStateData;
  return { data, update: (change) => change(data), close() {}, closed: false };
}

function formationFor(app: AppRecord) {
  const state = memoryState([app]);
  const ctx = createEngineContext(
    { clock: systemClock, platform: { kind: 'local', boxes: 0 }, paths: {} } as EngineCoreOptions,
    { state, logs: { publish() {} } as never, outputs: {} as never, queue: createSerialQueue() },
  );
  return { state, formation: createFormationAndDynos(ctx, () => undefined) };
}

async function occupiedPort(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

const app = (port: number) =>
  newAppRecord({ env: 'staging', name: 'shop-staging', stage: 'staging' }, port, new Date(0).toISOString());

describe("an app's router port", () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((c) => c()));
  });

  it('picked just now and taken meanwhile: the router binds another, and the ledger records it', async () => {
    const taken = await occupiedPort();
    cleanups.push(() => new Promise((resolve) => taken.server.close(resolve)));
    const { state, formation } = formationFor(app(taken.port));
    cleanups.push(() => formation.stopAll());

    await formation.startRuntime(state.data.apps[0]!, { portPickedNow: true });

    const bound = state.data.apps[0]!.routerPort;
    expect(bound).not.toBe(taken.port);
    const res = await fetch(`http://127.0.0.1:${bound}/`);
    await res.text();
    expect(res.headers.get('keep-alive')).toContain('timeout=');
  });

  it('kept from an earlier start (or set by basePort) and taken: the start fails naming EADDRINUSE', async () => {
    const taken = await occupiedPort();
    cleanups.push(() => new Promise((resolve) => taken.server.close(resolve)));
    const { state, formation } = formationFor(app(taken.port));
    cleanups.push(() => formation.stopAll());

    await expect(formation.startRuntime(state.data.apps[0]!)).rejects.toThrow('EADDRINUSE');
    expect(state.data.apps[0]!.routerPort).toBe(taken.port);
  });
});
