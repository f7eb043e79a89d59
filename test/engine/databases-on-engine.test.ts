// The engine's PostgreSQL through the built CLI's engine, as a user runs it: the data survives
// an engine killed with -9 (the next engine keeps the running server), and two projects' engines
// run side by side, each with its own cluster and port.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, stopEngine } from '../../src/engine/engine-control.js';
import { isRunning } from '../../src/engine/runtime/proc-stat.js';
import { readClusterSecrets } from '../../src/engine/postgres/cluster-secrets.js';
import { createHerokuApi } from '../../src/services/heroku/heroku-api.js';
import { createFixtureRepo, type FixtureRepo } from '../helpers/engine-fixture.js';
import { waitFor } from '../helpers/wait-for-frame.js';

let alpha: FixtureRepo;
let beta: FixtureRepo;

beforeAll(async () => {
  [alpha, beta] = await Promise.all([createFixtureRepo({ boxes: 0 }), createFixtureRepo({ boxes: 0 })]);
  await Promise.all([startEngine(alpha.root, { timeoutMs: 90_000 }), startEngine(beta.root, { timeoutMs: 90_000 })]);
}, 180_000);

afterAll(async () => {
  await Promise.all([stopEngine(alpha.root), stopEngine(beta.root)]);
  await Promise.all([alpha.cleanup(), beta.cleanup()]);
}, 60_000);

async function databaseUrl(project: string): Promise<string> {
  const { connection } = await startEngine(project, { timeoutMs: 90_000 });
  const api = createHerokuApi({ url: connection.url, token: connection.token });
  return ((await api.client.get('/apps/fixture-staging/config-vars')) as Record<string, string>).DATABASE_URL!;
}

async function sql<T extends pg.QueryResultRow>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

const serverPid = (project: string) =>
  Number(
    readFileSync(
      path.join(
        readClusterSecrets(path.join(project, '.dynodeck', 'engine', 'postgres.json'))!.dataDir,
        'postmaster.pid',
      ),
      'utf8',
    ).split('\n')[0],
  );

describe('PostgreSQL on the local engine', () => {
  it("two projects' engines run at once, each with its own cluster on its own port", async () => {
    const [a, b] = await Promise.all([databaseUrl(alpha.root), databaseUrl(beta.root)]);
    expect(new URL(a).port).not.toBe(new URL(b).port);
    await sql(a, 'create table notes (text text)');
    await expect(sql(b, 'select * from notes')).rejects.toThrow(/relation "notes" does not exist/);
  });

  it('an engine killed with -9 leaves the server running; the next engine keeps it, with the same data', async () => {
    const url = await databaseUrl(alpha.root);
    await sql(url, "create table if not exists orders (number text); insert into orders values ('BC-1001')");
    const postgres = serverPid(alpha.root);
    const { connection } = await startEngine(alpha.root);
    process.kill(connection.info.pid, 'SIGKILL');
    await waitFor(async () => !(await isRunning(connection.info.pid)), 'the engine to die', 10_000);
    expect(await isRunning(postgres)).toBe(true);

    const { connection: next, started } = await startEngine(alpha.root, { timeoutMs: 90_000 });
    expect(started).toBe(true);
    expect(next.info.pid).not.toBe(connection.info.pid);
    expect(await databaseUrl(alpha.root)).toBe(url);
    expect(serverPid(alpha.root)).toBe(postgres);
    expect(await sql(url, 'select number from orders')).toEqual([{ number: 'BC-1001' }]);
    const log = readFileSync(path.join(alpha.root, '.dynodeck', 'engine', 'engine.log'), 'utf8');
    expect(log).toContain(`kept the PostgreSQL server already running for this project (pid ${postgres}`);
  }, 120_000);

  it('engine stop stops the server too; the next start brings the same data back', async () => {
    const url = await databaseUrl(beta.root);
    await sql(url, 'create table if not exists notes (text text)');
    await sql(url, 'insert into notes values ($1)', ['kept']);
    const postgres = serverPid(beta.root);
    await stopEngine(beta.root);
    expect(await isRunning(postgres)).toBe(false);
    const dataDir = readClusterSecrets(path.join(beta.root, '.dynodeck', 'engine', 'postgres.json'))!.dataDir;
    expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
    const again = await databaseUrl(beta.root);
    expect(await sql(again, 'select text from notes')).toEqual([{ text: 'kept' }]);
  }, 120_000);
});
