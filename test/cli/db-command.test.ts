// `dynodeck db <env> [psql args]` through the built CLI against a local engine: psql on the
// environment's own database with the password kept off the screen, and without psql a way to
// connect with the password masked.
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, stopEngine } from '../../src/engine/engine-control.js';
import { createHerokuApi } from '../../src/services/heroku/heroku-api.js';
import { createFixtureRepo, type FixtureRepo } from '../helpers/engine-fixture.js';

const BIN = path.resolve('bin/dynodeck.js');
let repo: FixtureRepo;
let stagingUrl: URL;

beforeAll(async () => {
  repo = await createFixtureRepo({ boxes: 0 });
  const { connection } = await startEngine(repo.root, { timeoutMs: 90_000 });
  const api = createHerokuApi({ url: connection.url, token: connection.token });
  const vars = (await api.client.get('/apps/fixture-staging/config-vars')) as Record<string, string>;
  stagingUrl = new URL(vars.DATABASE_URL!);
}, 180_000);

afterAll(async () => {
  await stopEngine(repo.root);
  await repo.cleanup();
}, 60_000);

const db = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  execa(process.execPath, [BIN, 'db', ...args], { cwd: repo.root, env, extendEnv: false, reject: false });

describe('dynodeck db', () => {
  it("runs psql on the environment's own database, passing the arguments on, the password never shown", async () => {
    const result = await db(['staging', '-At', '-c', 'select current_database(), current_user']);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim()).toBe(`${stagingUrl.pathname.slice(1)}|${decodeURIComponent(stagingUrl.username)}`);
    expect(result.stdout).not.toContain(decodeURIComponent(stagingUrl.password));
  }, 60_000);

  it("exits with psql's status when the SQL fails", async () => {
    const result = await db(['production', '-v', 'ON_ERROR_STOP=1', '-c', 'select * from no_such_table']);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain('relation "no_such_table" does not exist');
  }, 60_000);

  it('without psql, prints how to connect with the password masked, and exits 1', async () => {
    const result = await db(['staging'], { HOME: process.env.HOME, PATH: path.join(repo.root, 'no-tools-here') });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('psql is not installed');
    expect(result.stderr).toContain(`postgres://${stagingUrl.username}:****@127.0.0.1:${stagingUrl.port}/`);
    expect(result.stderr + result.stdout).not.toContain(decodeURIComponent(stagingUrl.password));
  }, 60_000);

  it('names the known environments when asked for one that does not exist', async () => {
    const result = await db(['qa']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('no environment named "qa" (known: staging, production)');
  }, 60_000);
});
