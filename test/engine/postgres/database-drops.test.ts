// Databases waiting to be dropped, done at an engine start with the real PostgreSQL: a removed
// app's role and database go (its sessions ended), a database a renamed app took over stays in
// use under the new name, and nothing is dropped that an app uses or has again.
import { mkdirSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyDatabaseDrops } from '../../../src/engine/postgres/apply-database-drops.js';
import { clusterSecretsFile, readClusterSecrets } from '../../../src/engine/postgres/cluster-secrets.js';
import {
  pendingDatabaseDrops,
  recordDatabaseDrop,
  type DatabaseDrop,
} from '../../../src/engine/postgres/database-drops.js';
import { ensureEnvironmentDatabase, environmentUrl } from '../../../src/engine/postgres/environment-databases.js';
import { carryOverDatabases } from '../../../src/engine/postgres/parked-databases.js';
import { startCluster, type RunningCluster } from '../../../src/engine/postgres/postgres-cluster.js';

const NOW = '2026-12-02T21:00:00.000Z';
let work: string;
let engineDir: string;
let cluster: RunningCluster;
const notes: string[] = [];

/** The cluster as the next engine start finds it: the server kept, postgres.json read again. */
function restart(): Promise<RunningCluster> {
  const base = path.join(work, '.dynodeck');
  return startCluster({
    dynodeckDir: base,
    secretsFile: clusterSecretsFile(engineDir),
    logFile: path.join(engineDir, 'postgres.log'),
  });
}

async function admin<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = await cluster.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const exists = async (name: string) => ({
  database: (await admin('select 1 from pg_database where datname = $1', [name])).length === 1,
  role: (await admin('select 1 from pg_roles where rolname = $1', [name])).length === 1,
});

const apply = (recorded: string[] = []) =>
  applyDatabaseDrops({
    cluster,
    engineDir,
    isRecordedApp: (app) => recorded.includes(app),
    note: (l) => notes.push(l),
  });

const removed = (app: string, name: string): DatabaseDrop => ({
  app,
  role: name,
  database: name,
  reason: 'removed',
  recordedAt: NOW,
});

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-drops-'));
  await chmod(work, 0o755);
  engineDir = path.join(work, '.dynodeck', 'engine');
  mkdirSync(engineDir, { recursive: true, mode: 0o700 });
  cluster = await restart();
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
  await rm(work, { recursive: true, force: true });
}, 60_000);

describe('databases dropped at an engine start', () => {
  it("a removed app's database and role are dropped, its open sessions ended, its postgres.json entry gone", async () => {
    const url = await ensureEnvironmentDatabase(cluster, 'shop-box-1');
    await query(url, 'create table notes (text text)');
    const session = new pg.Client({ connectionString: url });
    session.on('error', () => undefined);
    await session.connect();
    recordDatabaseDrop(engineDir, removed('shop-box-1', 'shop_box_1'));

    await apply();
    await session.end().catch(() => undefined);
    expect(await exists('shop_box_1')).toEqual({ database: false, role: false });
    expect(readClusterSecrets(clusterSecretsFile(engineDir))!.databases['shop-box-1']).toBeUndefined();
    expect(pendingDatabaseDrops(engineDir)).toEqual([]);
    expect(notes.at(-1)).toBe('dropped the database shop_box_1 and role shop_box_1 (shop-box-1 was removed)');
  });

  it('after a rename the renamed app keeps its data; the database its new name had is dropped', async () => {
    const oldUrl = await ensureEnvironmentDatabase(cluster, 'shop-staging');
    await query(oldUrl, "create table orders (number text); insert into orders values ('BC-1001')");
    await ensureEnvironmentDatabase(cluster, 'brightcart-staging');
    carryOverDatabases(engineDir, [{ from: 'shop-staging', to: 'brightcart-staging' }], NOW);

    cluster = await restart();
    expect(cluster.reused).toBe(true);
    await apply(['brightcart-staging']);
    expect(await exists('brightcart_staging')).toEqual({ database: false, role: false });
    const url = await ensureEnvironmentDatabase(cluster, 'brightcart-staging');
    expect(url).toBe(environmentUrl(cluster, 'brightcart-staging'));
    expect(await query(url, 'select current_database() as db, number from orders')).toEqual([
      { db: 'shop_staging', number: 'BC-1001' },
    ]);
    expect(notes.at(-1)).toBe(
      "dropped the database brightcart_staging and role brightcart_staging (brightcart-staging's database until shop-staging was renamed to brightcart-staging)",
    );
  });

  it('an app kept aside or in use again keeps its database, and the drop is forgotten', async () => {
    const url = await ensureEnvironmentDatabase(cluster, 'shop-production');
    await query(url, 'create table kept (n int)');
    recordDatabaseDrop(engineDir, removed('shop-production', 'shop_production'));
    await apply(['shop-production']);
    expect(await exists('shop_production')).toEqual({ database: true, role: true });
    expect(await query(url, 'select count(*)::int as n from kept')).toEqual([{ n: 0 }]);
    expect(pendingDatabaseDrops(engineDir)).toEqual([]);
    expect(notes.at(-1)).toBe("kept the database shop_production: shop-production is one of the engine's apps again");
  });

  it('a database another app uses is never dropped, nor the cluster’s own', async () => {
    recordDatabaseDrop(engineDir, removed('shop-staging', 'shop_staging'));
    recordDatabaseDrop(engineDir, removed('x', 'postgres'));
    await apply();
    expect(await exists('shop_staging')).toEqual({ database: true, role: true });
    expect((await exists('postgres')).database).toBe(true);
    expect(notes.slice(-2)).toEqual([
      'kept the database shop_staging: brightcart-staging uses it',
      'kept the database postgres: the cluster needs it',
    ]);
    expect(pendingDatabaseDrops(engineDir)).toEqual([]);
  });

  it('role and database names reach SQL quoted: an awkward name is dropped and nothing else', async () => {
    // App names make only [a-z0-9_] names (databaseName); a drop file edited by hand may say anything.
    const awkward = 'Odd "Name"; drop role dynodeck; --';
    const client = await cluster.connect();
    try {
      await client.query(`create role ${client.escapeIdentifier(awkward)} login`);
      await client.query(
        `create database ${client.escapeIdentifier(awkward)} owner ${client.escapeIdentifier(awkward)}`,
      );
    } finally {
      await client.end();
    }
    recordDatabaseDrop(engineDir, removed('odd', awkward));
    await apply();
    expect(await exists(awkward)).toEqual({ database: false, role: false });
    expect(await exists('dynodeck')).toEqual({ database: false, role: true });
    expect(await exists('shop_staging')).toEqual({ database: true, role: true });
  });
});
