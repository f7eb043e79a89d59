// Renaming `project:` in dynodeck.yml never drops the engine's releases, formation and
// config vars: the old project's apps are kept aside, listed, and carried over on request.
import { existsSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import pg from 'pg';
import type * as Heroku from '@heroku-cli/schema';
import { loadConfig } from '../../src/config/load-config.js';
import { findEngine, stopEngine } from '../../src/engine/engine-control.js';
import { enginePaths } from '../../src/engine/engine-paths.js';
import { runEngine } from '../../src/engine/run-engine.js';
import { createHerokuApi, type HerokuApi } from '../../src/services/heroku/heroku-api.js';
import { createHerokuPlatform } from '../../src/services/heroku/heroku-platform.js';
import { clusterRecord, databasesAndRoles } from '../helpers/cluster-admin.js';
import { fetchText, startHarness, TIMINGS, type Harness } from '../helpers/engine-harness.js';
import { CLI } from '../helpers/pty-deck.js';
import { waitFor } from '../helpers/wait-for-frame.js';

async function renameProject(root: string, to: string) {
  const file = path.join(root, 'dynodeck.yml');
  await writeFile(file, (await readFile(file, 'utf8')).replace(/^project: .*$/m, `project: ${to}`));
}

const cli = (root: string, ...args: string[]) =>
  execa(process.execPath, [CLI, ...args], { cwd: root, reject: false, env: { CI: 'true' } });

async function sql<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

async function engineApi(root: string): Promise<HerokuApi> {
  const found = (await findEngine(root))!;
  return createHerokuApi({ url: found.url, token: found.token });
}

describe('renaming the project in dynodeck.yml', () => {
  let h: Harness;
  let root: string;
  beforeAll(async () => {
    h = await startHarness();
    root = h.repo.root;
    expect((await h.deploy('fixture-staging', 'main')).ok).toBe(true);
    await h.api.client.patch('/apps/fixture-staging/config-vars', { body: { GREETING: 'hello' } });
    await h.api.client.patch('/apps/fixture-staging/formation', {
      body: { updates: [{ type: 'worker', quantity: 1 }] },
    });
    // Setting a config var makes a release (v2), as on Heroku: let it go live before the stop.
    let seen = '';
    await waitFor(
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 200)); // within the engine's rate limit
        const releases = await h.get<Heroku.Release[]>('/apps/fixture-staging/releases');
        seen = releases
          .map((r) => `v${r.version}:${r.status}:${r.current}`)
          .sort()
          .join(' ');
        return seen === 'v1:succeeded:false v2:succeeded:true';
      },
      () => `the config var release to go live (releases: ${seen})`,
      15_000,
    );
    // A row the app wrote (beside the release phase's migrations), which must survive the rename.
    const vars = await h.get<Record<string, string>>('/apps/fixture-staging/config-vars');
    await sql(vars.DATABASE_URL!, "create table orders (number text); insert into orders values ('BC-1001')");
    await h.engine.stop();
    await renameProject(root, 'shop');
  }, 60_000);
  afterAll(async () => {
    if (!h) return; // setup failed before the harness started; its error is the one to read
    // The engine the CLI started runs in its own process; the harness's runs in this one.
    const running = await findEngine(root);
    if (running && running.info.pid !== process.pid) await stopEngine(root);
    await h.close();
  }, 30_000);

  it('keeps the old apps aside and says so in one line when the engine starts', async () => {
    const start = await cli(root, 'engine', 'start');
    expect(start.exitCode).toBe(0);
    expect(start.stdout).toContain(
      'the engine keeps the releases, formation and config vars of project "fixture" (fixture-box-1, fixture-staging, fixture-production) aside, as dynodeck.yml now says "shop": "dynodeck engine apps rename fixture" carries them over, "dynodeck engine apps" lists them',
    );
    // The deck reads the renamed project's pipeline.
    const platform = createHerokuPlatform(await engineApi(root), { pipeline: 'shop', name: 'engine' });
    expect((await platform.environments()).map((e) => `${e.app}:${e.release?.version ?? '-'}`)).toEqual([
      'shop-box-1:-',
      'shop-staging:-',
      'shop-production:-',
    ]);
  }, 60_000);

  it('"engine apps" lists the apps in use and those kept aside, with the commands for them', async () => {
    const listed = await cli(root, 'engine', 'apps');
    expect(listed.exitCode).toBe(0);
    const lines = listed.stdout.split('\n');
    expect(lines[0]).toBe('apps of project "shop" (dynodeck.yml):');
    expect(lines.filter((l) => /^ {2}shop-/.test(l))).toHaveLength(3);
    const aside = lines.indexOf('apps of project "fixture", which dynodeck.yml no longer names (kept aside):');
    expect(aside).toBeGreaterThan(0);
    expect(lines.find((l) => l.startsWith('  fixture-staging'))).toMatch(
      /^ {2}fixture-staging +staging +v2 \(2 releases\) +web=1 worker=1 +2 config vars +database fixture_staging$/,
    );
    expect(lines.find((l) => l.startsWith('  shop-staging'))).toMatch(/ database shop_staging$/);
    expect(lines.at(-1)).toBe(
      '"dynodeck engine apps rename fixture" carries fixture\'s apps over to "shop"; "dynodeck engine apps remove fixture" deletes them',
    );
  });

  it('"engine apps rename" carries releases, formation and config vars over to the new name, and the old release serves', async () => {
    const renamed = await cli(root, 'engine', 'apps', 'rename', 'fixture');
    expect(renamed.stderr).toBe('');
    expect(renamed.stdout).toContain(
      'renamed fixture-staging → shop-staging (its releases, formation, config vars and database fixture_staging)',
    );
    expect(renamed.stdout).toContain('started the engine again');
    expect(renamed.stdout).toContain(
      "dropped shop-staging's database until now, shop_staging (shop-staging had no release)",
    );

    const api = await engineApi(root);
    const releases = (await api.client.get('/apps/shop-staging/releases')) as Heroku.Release[];
    expect(releases.map((r) => `v${r.version}:${r.status}:${r.current}`).sort()).toEqual([
      'v1:succeeded:false',
      'v2:succeeded:true',
    ]);
    expect(await api.client.get('/apps/shop-staging/config-vars')).toMatchObject({ GREETING: 'hello' });
    const formation = (await api.client.get('/apps/shop-staging/formation')) as Heroku.Formation[];
    expect(formation.map((f) => `${f.type}=${f.quantity}`).sort()).toEqual(['web=1', 'worker=1']);
    const app = (await api.client.get('/apps/shop-staging')) as Heroku.App;
    await expect.poll(async () => (await fetchText(app.web_url!)).text, { timeout: 15_000 }).toBe('one web.1');

    // What was written before the rename (a row, the release phase's table) is the renamed app's, through
    // its DATABASE_URL and through `dynodeck db`; the empty database the new name had is gone, role and all.
    const url = ((await api.client.get('/apps/shop-staging/config-vars')) as Record<string, string>).DATABASE_URL!;
    expect(new URL(url).pathname).toBe('/fixture_staging');
    expect(await sql(url, 'select number from orders')).toEqual([{ number: 'BC-1001' }]);
    expect(await sql(url, 'select distinct version from deployed')).toEqual([{ version: 'one' }]);
    const psql = await cli(root, 'db', 'staging', '-At', '-c', 'select current_database(), number from orders');
    expect(psql.stdout.trim()).toBe('fixture_staging|BC-1001');
    expect(await databasesAndRoles(root, ['fixture_staging', 'shop_staging'])).toEqual({
      databases: ['fixture_staging'],
      roles: ['fixture_staging'],
    });
    const databases = clusterRecord(root).databases;
    expect(databases['shop-staging']?.database).toBe('fixture_staging');
    expect(databases['fixture-staging']).toBeUndefined();
    expect(existsSync(path.join(enginePaths(root).engineDir, 'database-drops'))).toBe(true);
    expect(readdirSync(path.join(enginePaths(root).engineDir, 'database-drops'))).toEqual([]);

    const after = await cli(root, 'engine', 'status');
    expect(after.stdout).not.toContain('aside');
    expect(existsSync(path.join(enginePaths(root).engineDir, 'parked-apps.json'))).toBe(false);
  }, 60_000);
});

describe('naming the old project again', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    expect((await h.deploy('fixture-staging', 'main')).ok).toBe(true);
    await h.engine.stop();
  }, 60_000);
  afterAll(() => h?.close(), 30_000);

  it('brings its apps back by themselves, and "remove" deletes the ones kept aside, their databases at the next start', async () => {
    await renameProject(h.repo.root, 'shop');
    const renamed = await runEngine(await loadConfig({ cwd: h.repo.root }), { timings: TIMINGS });
    await renamed.stop();

    await renameProject(h.repo.root, 'fixture');
    const loaded = await loadConfig({ cwd: h.repo.root });
    const back = await runEngine(loaded, { timings: TIMINGS });
    const shopNames = ['shop_box_1', 'shop_production', 'shop_staging'];
    try {
      const api = createHerokuApi({ url: `http://127.0.0.1:${back.port}`, token: back.token });
      const app = (await api.client.get('/apps/fixture-staging')) as Heroku.App;
      await expect.poll(async () => (await fetchText(app.web_url!)).text, { timeout: 15_000 }).toBe('one web.1');
      const apps = (await api.client.get('/apps')) as Heroku.App[];
      expect(apps.map((a) => a.name).sort()).toEqual(['fixture-box-1', 'fixture-production', 'fixture-staging']);

      // While the engine runs: it owns postgres.json, so the databases go at its next start.
      const removed = await cli(h.repo.root, 'engine', 'apps', 'remove', 'shop');
      expect(removed.stdout.split('\n').filter(Boolean)).toEqual([
        'removed shop-box-1 (its releases and slugs; its database shop_box_1 is dropped at the next engine start)',
        'removed shop-staging (its releases and slugs; its database shop_staging is dropped at the next engine start)',
        'removed shop-production (its releases and slugs; its database shop_production is dropped at the next engine start)',
      ]);
      expect((await databasesAndRoles(h.repo.root, shopNames)).databases).toEqual(shopNames);
      const listed = await cli(h.repo.root, 'engine', 'apps');
      const lines = listed.stdout.split('\n');
      expect(lines.slice(lines.indexOf('databases dropped at the next engine start:'))).toEqual([
        'databases dropped at the next engine start:',
        '  shop_box_1               shop-box-1 was removed',
        '  shop_staging             shop-staging was removed',
        '  shop_production          shop-production was removed',
      ]);
    } finally {
      await back.stop();
    }

    const next = await runEngine(loaded, { timings: TIMINGS });
    try {
      expect(await databasesAndRoles(h.repo.root, [...shopNames, 'fixture_staging'])).toEqual({
        databases: ['fixture_staging'],
        roles: ['fixture_staging'],
      });
      expect(Object.keys(clusterRecord(h.repo.root).databases).sort()).toEqual([
        'fixture-box-1',
        'fixture-production',
        'fixture-staging',
      ]);
      const api = createHerokuApi({ url: `http://127.0.0.1:${next.port}`, token: next.token });
      const url = ((await api.client.get('/apps/fixture-staging/config-vars')) as Record<string, string>).DATABASE_URL!;
      expect(await sql(url, 'select distinct version from deployed')).toEqual([{ version: 'one' }]);
    } finally {
      await next.stop();
    }
    const listed = await cli(h.repo.root, 'engine', 'apps');
    expect(listed.stdout).not.toContain('shop');
  }, 90_000);
});
