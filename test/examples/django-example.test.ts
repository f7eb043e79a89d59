// `dynodeck demo --example django` on the local engine: Debian's Django, psycopg2 and gunicorn
// (.ci/run installs them), the build collecting static files, the release phase migrating the
// environment's PostgreSQL, gunicorn serving the product list, and the promotion to production.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type * as Heroku from '@heroku-cli/schema';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapDemo } from '../../src/cli/demo-bootstrap.js';
import { loadConfig, type LoadedConfig } from '../../src/config/load-config.js';
import { createDemo, exampleTemplateDir } from '../../src/demo/create-demo.js';
import { findEngine, stopEngine } from '../../src/engine/engine-control.js';
import { createHerokuApi, type HerokuApi } from '../../src/services/heroku/heroku-api.js';

let work: string;
let loaded: LoadedConfig;
let api: HerokuApi;
const said: string[] = [];

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-django-'));
  await chmod(work, 0o755);
  const demo = await createDemo({ dir: path.join(work, 'shop'), templateDir: exampleTemplateDir('django') });
  loaded = await loadConfig({ cwd: demo.dir });
  await bootstrapDemo(loaded, (line) => said.push(line));
  const engine = (await findEngine(demo.dir))!;
  api = createHerokuApi({ url: engine.url, token: engine.token });
}, 180_000);

afterAll(async () => {
  await stopEngine(loaded.root);
  await rm(work, { recursive: true, force: true });
}, 60_000);

const app = async (name: string) => (await api.client.get(`/apps/${name}`)) as Heroku.App;

async function migrations(name: string): Promise<string[]> {
  const vars = (await api.client.get(`/apps/${name}/config-vars`)) as Record<string, string>;
  const client = new pg.Client({ connectionString: vars.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      "select name from django_migrations where app = 'catalog' order by id",
    );
    return rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

describe('the Django example on the local engine', () => {
  it('staging and production serve the product list from their own databases, with the hashed stylesheet', async () => {
    expect(said).toContain('Deploying main to staging…');
    for (const name of ['tinkershop-staging', 'tinkershop-production']) {
      const url = (await app(name)).web_url!;
      const page = await fetch(url);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<h1>Tinker Shop</h1>');
      expect(html).toContain('Oak dowels (50)');
      expect(html).toContain('Fluted 8 mm oak dowels');
      const css = /href="(\/static\/catalog\/shop\.[0-9a-f]{12}\.css)"/.exec(html)?.[1];
      expect(css, html).toBeDefined();
      const sheet = await fetch(new URL(css!, url));
      expect(sheet.status).toBe(200);
      expect(await sheet.text()).toContain('.description');
      expect(await migrations(name)).toEqual(['0001_initial', '0002_product_description']);
    }
  });

  it('the web dyno is gunicorn, and the release phase ran manage.py migrate', async () => {
    const dynos = (await api.client.get('/apps/tinkershop-staging/dynos')) as Heroku.Dyno[];
    expect(dynos.map((d) => `${d.name}:${d.state}`)).toEqual(['web.1:up']);
    expect(dynos[0]!.command).toContain('-m gunicorn shop.wsgi');
    const session = (await api.client.post('/apps/tinkershop-staging/log-sessions', {
      body: { lines: 1500, source: 'app' },
    })) as { logplex_url: string };
    const log = await (await fetch(`${session.logplex_url}?format=text`)).text();
    expect(log).toMatch(/app\[release\.\d+\]: +Applying catalog\.0002_product_description\.\.\. OK/);
    expect(log).toMatch(/app\[web\.1\]: .*Booting worker with pid/);
  });
});
