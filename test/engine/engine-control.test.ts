// engine.json is a claim, not a proof: the deck and the CLI trust it only once the process
// is the one that wrote it and the API on the port answers as that engine.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findEngine, stopEngine } from '../../src/engine/engine-control.js';
import { claimProject, isSameProcess } from '../../src/engine/engine-lockfile.js';
import { enginePaths } from '../../src/engine/engine-paths.js';
import { readStartTicksSync } from '../../src/engine/runtime/pid-records.js';
import { loadConfig } from '../../src/config/load-config.js';
import { connectPlatform } from '../../src/cli/platform-connection.js';
import { startHarness } from '../helpers/engine-harness.js';

const TOKEN = 'a'.repeat(64);

/** Any other program's HTTP server, answering every request and noting its headers. */
async function foreignServer(): Promise<{ server: Server; port: number; seen: IncomingHttpHeaders[] }> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ instance_id: 'someone-else', apps: [] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, seen };
}

async function projectWithRecord(record: Record<string, unknown>): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-stale-'));
  await writeFile(path.join(root, 'dynodeck.yml'), 'project: stale\nplatform:\n  kind: local\n');
  const paths = enginePaths(root);
  await mkdir(paths.engineDir, { recursive: true });
  await writeFile(paths.token, `${TOKEN}\n`, { mode: 0o600 });
  await writeFile(paths.lockfile, JSON.stringify(record));
  return root;
}

describe('a stale engine.json', () => {
  const roots: string[] = [];
  const children: ChildProcess[] = [];
  let foreign: Awaited<ReturnType<typeof foreignServer>>;
  beforeAll(async () => {
    foreign = await foreignServer();
  });
  afterEach(async () => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
  });
  afterAll(() => new Promise<void>((resolve) => foreign.server.close(() => resolve())));

  it('naming a live process and a port another program holds: the token is never sent there', async () => {
    // The worst case: the recorded process is alive and really the one recorded (this test
    // process), yet the port is held by a server that is not a dynodeck engine.
    const root = await projectWithRecord({
      pid: process.pid,
      startTicks: readStartTicksSync(process.pid),
      instanceId: 'the-engine-that-was',
      port: foreign.port,
      startedAt: new Date().toISOString(),
      version: '0.1.0',
    });
    roots.push(root);
    foreign.seen.length = 0;

    expect(await findEngine(root)).toBeUndefined();
    const platform = connectPlatform(await loadConfig({ cwd: root }), { start: false })!;
    await expect(platform.environments()).rejects.toThrow('the local engine is not running');

    expect(foreign.seen.length).toBeGreaterThan(0); // it was asked who it is...
    expect(foreign.seen.filter((h) => h.authorization !== undefined)).toEqual([]); // ...and given no token
  });

  it('naming a pid that now belongs to an unrelated process: engine stop does not signal it', async () => {
    const unrelated = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    children.push(unrelated);
    const ticks = await waitForTicks(unrelated.pid!);
    const root = await projectWithRecord({
      pid: unrelated.pid,
      startTicks: ticks - 1, // the engine that wrote the record started at another time
      instanceId: 'the-engine-that-was',
      port: foreign.port,
      startedAt: new Date().toISOString(),
      version: '0.1.0',
    });
    roots.push(root);

    expect(await stopEngine(root, 2000)).toBe(false);
    expect(unrelated.exitCode).toBeNull();
    expect(unrelated.signalCode).toBeNull();
    expect(isSameProcess(unrelated.pid!, ticks)).toBe(true);
  });

  it('an engine started before engine.json recorded start times is still stopped by engine stop, an unrelated process is not', async () => {
    const root = await projectWithRecord({});
    roots.push(root);
    // What an earlier dynodeck left running: `node …/dynodeck.js engine run` in the project folder.
    const legacy = spawn(
      process.execPath,
      ['-e', 'setInterval(() => {}, 1000)', '/opt/dynodeck/bin/dynodeck.js', 'engine', 'run'],
      {
        cwd: root,
        stdio: 'ignore',
      },
    );
    const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { cwd: root, stdio: 'ignore' });
    children.push(legacy, other);
    const old = { port: foreign.port, startedAt: new Date().toISOString(), version: '0.0.9' };
    await waitForTicks(other.pid!);
    await writeFile(enginePaths(root).lockfile, JSON.stringify({ pid: other.pid, ...old }));
    expect(await stopEngine(root, 2000)).toBe(false);
    expect(other.exitCode).toBeNull();

    await waitForTicks(legacy.pid!);
    await writeFile(enginePaths(root).lockfile, JSON.stringify({ pid: legacy.pid, ...old }));
    const exited = new Promise((resolve) => legacy.once('exit', (_code, signal) => resolve(signal)));
    expect(await stopEngine(root, 5000)).toBe(true);
    expect(await exited).toBe('SIGTERM');
  });

  it('a claim left by a dead engine whose pid now belongs to another process does not block a new engine', async () => {
    const unrelated = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    children.push(unrelated);
    const ticks = await waitForTicks(unrelated.pid!);
    const root = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-claim-'));
    roots.push(root);
    const claim = path.join(root, 'engine.lock');
    await writeFile(claim, `${unrelated.pid} ${ticks - 1}`);

    const release = claimProject(claim);
    expect(() => claimProject(claim)).toThrow(`an engine already runs for this project (pid ${process.pid})`);
    release();
  });
});

describe('a running engine', () => {
  it('is found through its identity, and its identity answers without a token', async () => {
    const h = await startHarness();
    try {
      const found = await findEngine(h.repo.root);
      expect(found?.url).toBe(`http://127.0.0.1:${h.engine.port}`);
      expect(found?.token).toBe(h.engine.token);
      const res = await fetch(`${found!.url}/engine/identity`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { instance_id: string }).instance_id).toBe(found!.info.instanceId);
    } finally {
      await h.close();
    }
  }, 60_000);
});

async function waitForTicks(pid: number): Promise<number> {
  for (;;) {
    const ticks = readStartTicksSync(pid);
    if (ticks !== undefined) return ticks;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
