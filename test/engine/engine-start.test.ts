// An engine start binds everything or stops everything: a taken router port fails it at
// once, naming the port and its holder, with nothing left running behind it.
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { connect, type AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import type * as Heroku from '@heroku-cli/schema';
import { loadConfig } from '../../src/config/load-config.js';
import { runEngine, type RunningEngine } from '../../src/engine/run-engine.js';
import { enginePaths } from '../../src/engine/engine-paths.js';
import { findEngine, stopEngine } from '../../src/engine/engine-control.js';
import { isRunning } from '../../src/engine/runtime/proc-stat.js';
import type { PidRecord } from '../../src/engine/runtime/pid-records.js';
import { createHerokuApi } from '../../src/services/heroku/heroku-api.js';
import { createFixtureRepo, type FixtureRepo } from '../helpers/engine-fixture.js';
import { fetchText, startHarness, TIMINGS } from '../helpers/engine-harness.js';
import { CLI } from '../helpers/pty-deck.js';

async function holdPort(port = 0): Promise<Server> {
  const server = createServer((_req, res) => res.end('not an engine'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return server;
}

const closeServer = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

async function refused(url: string): Promise<boolean> {
  try {
    await fetchText(url);
    return false;
  } catch (error) {
    return (error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED';
  }
}

async function liveRecords(root: string): Promise<PidRecord[]> {
  const file = enginePaths(root).pids;
  if (!existsSync(file)) return [];
  const records = JSON.parse(await readFile(file, 'utf8')) as PidRecord[];
  const live: PidRecord[] = [];
  for (const r of records) if (await isRunning(r.pid)) live.push(r);
  return live;
}

describe('a router port kept from an earlier start that another program took meanwhile', () => {
  let repo: FixtureRepo;
  let urls: { box: string; staging: string };
  let squatter: Server;
  let engine: RunningEngine | undefined;
  beforeAll(async () => {
    const h = await startHarness();
    repo = h.repo;
    expect((await h.deploy('fixture-box-1', 'main')).ok).toBe(true);
    expect((await h.deploy('fixture-staging', 'main')).ok).toBe(true);
    urls = { box: await h.url('fixture-box-1'), staging: await h.url('fixture-staging') };
    await h.engine.stop();
    squatter = await holdPort(Number(new URL(urls.staging).port));
  }, 60_000);
  afterAll(async () => {
    await engine?.stop();
    await closeServer(squatter).catch(() => undefined);
    await repo.cleanup();
  });

  it('fails the start at once with the port, whose router it is and what holds it, and starts nothing', async () => {
    const loaded = await loadConfig({ cwd: repo.root });
    const port = new URL(urls.staging).port;
    await expect(runEngine(loaded, { timings: TIMINGS })).rejects.toThrow(
      `port ${port} (staging's router) is in use by another program: pid ${process.pid} (`,
    );
    // box-1 had a release: neither its router nor its dynos may run without an engine to see them.
    expect(await refused(urls.box)).toBe(true);
    expect(await liveRecords(repo.root)).toEqual([]);
    expect(await findEngine(repo.root)).toBeUndefined();
    expect(existsSync(enginePaths(repo.root).claim)).toBe(false);
  }, 60_000);

  it('an API port that cannot be bound stops the environments the start had booted', async () => {
    await closeServer(squatter);
    const taken = await holdPort();
    try {
      const loaded = await loadConfig({ cwd: repo.root });
      const port = (taken.address() as AddressInfo).port;
      await expect(runEngine(loaded, { timings: TIMINGS, port })).rejects.toThrow('EADDRINUSE');
    } finally {
      await closeServer(taken);
    }
    expect(await refused(urls.box)).toBe(true);
    expect(await refused(urls.staging)).toBe(true);
    expect(await liveRecords(repo.root)).toEqual([]);
    expect(existsSync(enginePaths(repo.root).claim)).toBe(false);
  }, 60_000);

  it('once the port is free, the engine starts, and a second start neither runs nor kills its dynos', async () => {
    const loaded = await loadConfig({ cwd: repo.root });
    engine = await runEngine(loaded, { timings: TIMINGS });
    await expect.poll(async () => (await fetchText(urls.staging)).text, { timeout: 15_000 }).toBe('one web.1');
    const before = JSON.stringify(await liveRecords(repo.root));

    await expect(runEngine(loaded, { timings: TIMINGS })).rejects.toThrow('an engine already runs');
    expect(JSON.stringify(await liveRecords(repo.root))).toBe(before);
    expect((await fetchText(urls.staging)).text).toBe('one web.1');
    const api = createHerokuApi({ url: `http://127.0.0.1:${engine.port}`, token: engine.token });
    const dynos = (await api.client.get('/apps/fixture-staging/dynos')) as Heroku.Dyno[];
    expect(dynos.map((d) => `${d.name}:${d.state}`)).toEqual(['web.1:up']);
  }, 60_000);
});

describe('platform.basePort naming a port that is taken', () => {
  let repo: FixtureRepo;
  let squatter: Server;
  beforeAll(async () => {
    repo = await createFixtureRepo();
    squatter = await holdPort();
    const base = (squatter.address() as AddressInfo).port;
    const file = path.join(repo.root, 'dynodeck.yml');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace('  kind: local\n', `  kind: local\n  basePort: ${base}\n`),
    );
  });
  afterAll(async () => {
    await stopEngine(repo.root);
    await closeServer(squatter);
    await repo.cleanup();
  });

  it('"engine start" fails with the port and its holder, and no half-started engine stays behind', async () => {
    const base = (squatter.address() as AddressInfo).port;
    const result = await execa(process.execPath, [CLI, 'engine', 'start'], {
      cwd: repo.root,
      reject: false,
      env: { CI: 'true' },
    });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(
      `port ${base} (staging's router) is in use by another program: pid ${process.pid} (`,
    );
    expect(result.stderr).toContain('platform.basePort');
    // The engine process is gone: its claim is released and nothing listens on production's port
    // (basePort + 1). Binding that port to prove it would fail whenever another test's outgoing
    // connection happens to use it as its local port (it is in the ephemeral range).
    expect(existsSync(enginePaths(repo.root).claim)).toBe(false);
    expect(await connectError(base + 1)).toBe('ECONNREFUSED');
    expect(readFileSync(enginePaths(repo.root).log, 'utf8')).toContain(`port ${base} (staging's router)`);
  }, 60_000);
});

/** The error code of a connection to the port on 127.0.0.1 (undefined when something accepted it). */
function connectError(port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code));
  });
}
