// The demo app runs the Heroku way: a release phase that migrates, a build step,
// web and worker processes on PORT and DATABASE_URL that stop on SIGTERM. And each
// ticket branch misbehaves the way its ticket says, for real. Its databases are real
// PostgreSQL databases, one per case, in one cluster shared by the file.
import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { execa, type ResultPromise } from 'execa';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDemo } from '../../src/demo/create-demo.js';
import { startCluster, type RunningCluster } from '../../src/engine/postgres/postgres-cluster.js';
import { ensureEnvironmentDatabase } from '../../src/engine/postgres/environment-databases.js';

const IN_PROGRESS = 'bc-102-product-search';
const FAILING_TESTS = 'bc-104-stock-levels';
const SLOW_PAGE = 'bc-107-related-products';
const FAILING_MIGRATION = 'bc-108-order-history';

type Subprocess = ResultPromise<{ cwd: string; env: Record<string, string>; reject: false }>;

let root: string;
let demo: string;
const trees = new Map<string, Promise<string>>();
const running = new Set<Subprocess>();
let databases = 0;
let cluster: RunningCluster;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-demo-app-'));
  await chmod(root, 0o755);
  demo = (await createDemo({ dir: path.join(root, 'demo') })).dir;
  await mkdir(path.join(root, '.dynodeck', 'engine'), { recursive: true, mode: 0o700 });
  cluster = await startCluster({
    dynodeckDir: path.join(root, '.dynodeck'),
    secretsFile: path.join(root, '.dynodeck', 'engine', 'postgres.json'),
    logFile: path.join(root, '.dynodeck', 'engine', 'postgres.log'),
  });
}, 120_000);

afterEach(() => {
  // A failed assertion must not leave a server behind.
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

afterAll(async () => {
  await cluster?.stop();
  await rm(root, { recursive: true, force: true });
}, 60_000);

/** A branch's files, as `git archive` hands them to a build: no .git, nothing untracked. */
function tree(branch: string): Promise<string> {
  let dir = trees.get(branch);
  if (!dir) {
    dir = (async () => {
      const target = path.join(root, 'trees', branch);
      await mkdir(target, { recursive: true });
      const archive = await execa('git', ['archive', '--format=tar', branch], { cwd: demo, encoding: 'buffer' });
      await execa('tar', ['-x', '-C', target], { input: archive.stdout });
      return target;
    })();
    trees.set(branch, dir);
  }
  return dir;
}

/** A database of its own, as the engine gives each environment. */
async function database(): Promise<{ url: string }> {
  return { url: await ensureEnvironmentDatabase(cluster, `demo-${++databases}`) };
}

async function sql<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

/** The tables and columns of a database, to see that a failed release changed nothing. */
function schema(url: string) {
  return sql<{ table_name: string; column_name: string }>(
    url,
    "select table_name, column_name from information_schema.columns where table_schema = 'public' order by 1, 2",
  );
}

function migrate(cwd: string, url: string) {
  return execa('node', ['bin/migrate.js'], { cwd, env: { DATABASE_URL: url }, reject: false });
}

async function migrated(branch: string): Promise<{ cwd: string; url: string }> {
  const cwd = await tree(branch);
  const db = await database();
  const result = await migrate(cwd, db.url);
  expect(result.exitCode, result.stderr).toBe(0);
  return { cwd, ...db };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function spawnProcess(cwd: string, file: string, env: Record<string, string>): Subprocess {
  const child = execa('node', [file], { cwd, env, reject: false });
  running.add(child);
  return child;
}

/** `node server.js` on a free PORT, once GET /health answers. */
async function startWeb(cwd: string, url: string, env: Record<string, string> = {}) {
  const port = await freePort();
  const child = spawnProcess(cwd, 'server.js', { DATABASE_URL: url, PORT: String(port), DYNO: 'web.1', ...env });
  const base = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 10_000; ;) {
    const answer = await fetch(`${base}/health`).catch(() => undefined);
    if (answer?.ok) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      const { stdout, stderr } = await child;
      throw new Error(`the web process never answered on ${base}/health\n${stdout}\n${stderr}`);
    }
    await delay(25);
  }
  return { child, base };
}

/** SIGTERM, as the engine stops a process; resolves with how it ended. */
async function stop(child: Subprocess) {
  child.kill('SIGTERM');
  const result = await child;
  running.delete(child);
  return result;
}

/** Resolves once the process has printed a line matching `pattern`. */
function printed(child: Subprocess, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) resolve();
    });
    child.once('exit', () => reject(new Error(`exited without printing ${pattern}:\n${seen}`)));
  });
}

let build: Promise<string> | undefined;
/** main, built once with its own build command. */
function builtMain(): Promise<string> {
  build ??= (async () => {
    const cwd = await tree('main');
    await execa('npm', ['run', 'build', '--silent'], { cwd });
    return cwd;
  })();
  return build;
}

describe('the demo app on main', () => {
  it("main's Procfile declares web, worker and release", async () => {
    const procfile = await readFile(path.join(demo, 'Procfile'), 'utf8');
    const processes = Object.fromEntries(
      procfile
        .trim()
        .split('\n')
        .map((line) => {
          const [, name, command] = /^([a-z]+):\s*(.+)$/.exec(line) ?? [];
          return [name, command];
        }),
    );
    expect(processes).toEqual({ web: 'node server.js', worker: 'node worker.js', release: 'node bin/migrate.js' });
  });

  it('migrations run against a fresh database and a second run has nothing to do', async () => {
    const cwd = await tree('main');
    const db = await database();

    const first = await migrate(cwd, db.url);
    expect(first.exitCode, first.stderr).toBe(0);
    expect(first.stdout).toMatch(
      /^Running migrations\.\.\.\n== 001-create-products: migrating\n== 001-create-products: migrated \(\d+ms\)\n== 002-add-units-sold: migrating\n== 002-add-units-sold: migrated \(\d+ms\)$/,
    );
    const applied = await sql<{ name: string }>(db.url, 'select name from schema_migrations order by name');
    expect(applied.map((r) => r.name)).toEqual(['001-create-products', '002-add-units-sold']);
    expect(await sql(db.url, 'select slug from products')).toHaveLength(5);
    const tables = await schema(db.url);

    const second = await migrate(cwd, db.url);
    expect(second.exitCode, second.stderr).toBe(0);
    expect(second.stdout).toBe('Running migrations...\nNo pending migrations');
    expect(await schema(db.url)).toEqual(tables);
    expect(await sql(db.url, 'select name from schema_migrations')).toHaveLength(2);
  });

  it('without DATABASE_URL the release and web processes stop with a clear error', async () => {
    const cwd = await tree('main');
    const env = { PATH: process.env.PATH ?? '', PORT: String(await freePort()) };
    for (const file of ['bin/migrate.js', 'server.js', 'worker.js']) {
      const result = await execa('node', [file], { cwd, env, extendEnv: false, reject: false });
      expect(result.exitCode, file).toBe(1);
      expect(result.stderr, file).toContain('DATABASE_URL is not set');
    }
  });

  it('the build step writes hashed assets and a manifest', async () => {
    const cwd = await builtMain();
    const manifest = JSON.parse(await readFile(path.join(cwd, 'public', 'manifest.json'), 'utf8')) as Record<
      string,
      string
    >;
    expect(Object.keys(manifest)).toEqual(['app.css']);
    const css = await readFile(path.join(cwd, 'static', 'app.css'));
    const hash = createHash('sha256').update(css).digest('hex').slice(0, 10);
    expect(manifest['app.css']).toBe(`app.${hash}.css`);
    expect(await readFile(path.join(cwd, 'public', `app.${hash}.css`))).toEqual(css);
    expect((await readdir(path.join(cwd, 'public'))).sort()).toEqual([`app.${hash}.css`, 'manifest.json']);
  });

  it('the web process serves /health on PORT and stops cleanly on SIGTERM', async () => {
    const cwd = await builtMain();
    const db = await database();
    expect((await migrate(cwd, db.url)).exitCode).toBe(0);
    const { child, base } = await startWeb(cwd, db.url, { HEROKU_RELEASE_VERSION: 'v12' });

    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok', release: 'v12' });
    const products = (await (await fetch(`${base}/products`)).json()) as { slug: string }[];
    expect(products.map((p) => p.slug)).toContain('oak-cutting-board');
    const home = await (await fetch(`${base}/`)).text();
    const stylesheet = /href="\/assets\/(app\.[0-9a-f]{10}\.css)"/.exec(home)?.[1];
    expect(stylesheet).toBeDefined();
    const asset = await fetch(`${base}/assets/${stylesheet}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/^text\/css/);
    expect((await fetch(`${base}/assets/manifest.json`)).status).toBe(404);

    const result = await stop(child);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.signal).toBeUndefined();
    expect(result.stdout).toMatch(/^GET \/health 200 \d+\.\dms$/m);
    expect(result.stdout).toMatch(/^GET \/products 200 \d+\.\dms$/m);
    expect(result.stdout.trim().split('\n').at(-1)).toBe('Brightcart stopped');
  });

  it('the worker ranks the bestsellers and stops cleanly on SIGTERM', async () => {
    const { cwd, url } = await migrated('main');
    const worker = spawnProcess(cwd, 'worker.js', { DATABASE_URL: url, DYNO: 'worker.1' });
    await printed(worker, /^Recomputed bestsellers: 3 products/m);

    const result = await stop(worker);
    expect(result.exitCode, result.stderr).toBe(0);
    const ranked = await sql<{ slug: string }>(url, 'select slug from bestsellers order by rank');
    expect(ranked.map((r) => r.slug)).toEqual(['stoneware-mug', 'beeswax-candle', 'linen-apron']);
  });
});

describe('the ticket branches, deployed', () => {
  it("BC-102's migration and tests pass", async () => {
    const { url } = await migrated('main');
    const cwd = await tree(IN_PROGRESS);

    const release = await migrate(cwd, url);
    expect(release.exitCode, release.stderr).toBe(0);
    expect(release.stdout).toMatch(/^== 003-add-search-terms: migrated \(\d+ms\)$/m);
    expect(release.stdout).not.toContain('001-create-products');
    const applied = await sql<{ name: string }>(url, 'select name from schema_migrations order by name');
    expect(applied.at(-1)!.name).toBe('003-add-search-terms');

    const tests = await execa('node', ['--test'], { cwd, reject: false });
    expect(tests.exitCode, tests.stdout).toBe(0);

    const { child, base } = await startWeb(cwd, url);
    const found = (await (await fetch(`${base}/products?q=board%20oak`)).json()) as { slug: string }[];
    expect(found.map((p) => p.slug)).toEqual(['oak-cutting-board']);
    expect((await stop(child)).exitCode).toBe(0);
  });

  it("BC-104's tests fail", async () => {
    const cwd = await tree(FAILING_TESTS);
    const tests = await execa('node', ['--test'], { cwd, reject: false });
    expect(tests.exitCode).toBe(1);
    expect(tests.stdout).toMatch(/^# fail 1$/m);
    expect(tests.stdout).toMatch(/^not ok \d+ - \/products tells the mobile app whether each product is in stock$/m);
    // Only its tests are red: the branch still migrates, so it can be deployed.
    const release = await migrate(cwd, (await database()).url);
    expect(release.exitCode, release.stderr).toBe(0);
    expect(release.stdout).toContain('== 003-add-stock: migrated');
  });

  it("BC-107's product page takes over a second", async () => {
    const { cwd, url } = await migrated(SLOW_PAGE);
    const { child, base } = await startWeb(cwd, url);

    const started = performance.now();
    const answer = await fetch(`${base}/products/oak-cutting-board`);
    const elapsed = performance.now() - started;
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { related: unknown[] }).related).toHaveLength(3);
    expect(elapsed).toBeGreaterThan(1000);

    const result = await stop(child);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^GET \/products\/oak-cutting-board 200 \d{4,}\.\dms$/m);
  });

  it("BC-108's migration fails inside its transaction and leaves the database, schema and data, as it was", async () => {
    const { url } = await migrated('main');
    const before = { schema: await schema(url), products: await sql(url, 'select * from products order by id') };
    const cwd = await tree(FAILING_MIGRATION);

    const release = await migrate(cwd, url);
    expect(release.exitCode).toBe(1);
    expect(release.stdout).toBe('Running migrations...\n== 003-create-order-history: migrating');
    expect(release.stderr).toContain('003-create-order-history failed: relation "orders" does not exist');
    expect(await schema(url)).toEqual(before.schema);
    expect(before.schema.some((c) => c.table_name === 'order_history')).toBe(false);
    expect(await sql(url, 'select * from products order by id')).toEqual(before.products);

    // The first release of a fresh environment fails the same way, and writes nothing.
    const fresh = await database();
    expect((await migrate(cwd, fresh.url)).exitCode).toBe(1);
    expect(await schema(fresh.url)).toEqual([]);
  });
});
