// The headless commands against a server that behaves like Heroku, reached through
// HEROKU_API_URL with a token from HEROKU_API_KEY, as a user would run them.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHerokuTestServer, type HerokuTestServer } from '../heroku-server/index.js';
import { CLI } from '../helpers/pty-deck.js';
import { waitFor } from '../helpers/wait-for-frame.js';

let server: HerokuTestServer;
let repo: string;

beforeAll(async () => {
  server = await createHerokuTestServer({
    stepMs: 10,
    pipeline: { name: 'shop' },
    apps: [
      { name: 'shop-box-1', stage: 'development', releases: 1 },
      { name: 'shop-staging', stage: 'staging', releases: 3, formation: { web: 1 } },
      { name: 'shop-production', stage: 'production', releases: 5, formation: { web: 2 } },
    ],
  });
  repo = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-heroku-cli-'));
  const env = {
    GIT_AUTHOR_NAME: 'T',
    GIT_AUTHOR_EMAIL: 't@example.com',
    GIT_COMMITTER_NAME: 'T',
    GIT_COMMITTER_EMAIL: 't@example.com',
  };
  const git = (...args: string[]) => execa('git', ['-c', 'commit.gpgsign=false', ...args], { cwd: repo, env });
  await mkdir(path.join(repo, 'tickets'));
  await writeFile(path.join(repo, 'Procfile'), 'web: node web.js\nrelease: node migrate.js\n');
  await writeFile(
    path.join(repo, 'web.js'),
    "require('node:http').createServer((_, res) => res.end('ok')).listen(process.env.PORT);\n",
  );
  await writeFile(path.join(repo, 'migrate.js'), "console.log('migrated');\n");
  await writeFile(path.join(repo, 'dynodeck.yml'), 'project: shop\nplatform:\n  kind: heroku\n  pipeline: shop\n');
  await git('init', '-q', '-b', 'main');
  await git('add', '.');
  await git('commit', '-q', '-m', 'First');
}, 30_000);
afterAll(async () => {
  await server.close();
  await rm(repo, { recursive: true, force: true });
});

const dynodeck = (args: string[], extra: Record<string, string> = {}) =>
  execa(process.execPath, [CLI, ...args], {
    cwd: repo,
    reject: false,
    stdin: 'ignore',
    env: { CI: 'true', HOME: repo, HEROKU_API_URL: server.url, HEROKU_API_KEY: server.token, ...extra },
    extendEnv: false,
  });

describe('dynodeck against a Heroku-like server', () => {
  it("status --json lists the pipeline's environments with releases and formations", async () => {
    const { stdout, exitCode } = await dynodeck(['status', '--json']);
    expect(exitCode).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.environments.map((e: { name: string; stage: string }) => `${e.name}:${e.stage}`)).toEqual([
      'box-1:development',
      'staging:staging',
      'production:production',
    ]);
    expect(report.environments[2]).toMatchObject({ release: { version: 5 }, formation: { web: 2 } });
    expect(report.sources.find((s: { name: string }) => s.name === 'heroku')).toMatchObject({ state: 'ok' });
  });

  it('apps named per stage work without a pipeline', async () => {
    const named = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-heroku-named-'));
    await mkdir(path.join(named, 'tickets'));
    await writeFile(
      path.join(named, 'dynodeck.yml'),
      'project: shop\nplatform:\n  kind: heroku\n  apps:\n    staging: shop-staging\n    production: shop-production\n',
    );
    const { stdout } = await execa(process.execPath, [CLI, 'status', '--json'], {
      cwd: named,
      reject: false,
      env: { CI: 'true', HOME: named, HEROKU_API_URL: server.url, HEROKU_API_KEY: server.token },
      extendEnv: false,
    });
    await rm(named, { recursive: true, force: true });
    expect(JSON.parse(stdout).environments.map((e: { name: string; stage: string }) => `${e.name}:${e.stage}`)).toEqual(
      ['shop-staging:staging', 'shop-production:production'],
    );
  });

  it('a wrong token is one line that says what to do, and the rest still answers', async () => {
    const { stdout } = await dynodeck(['status', '--json'], { HEROKU_API_KEY: 'f'.repeat(36) });
    const heroku = JSON.parse(stdout).sources.find((s: { name: string }) => s.name === 'heroku');
    expect(heroku.error).toBe('401 bad token (from HEROKU_API_KEY): run "heroku login" or set HEROKU_API_KEY');
    expect(stdout).not.toContain('f'.repeat(36));
  });

  it('deploy staging uploads, builds, runs the release phase and reports the new release', async () => {
    const { stdout, stderr, exitCode } = await dynodeck(['deploy', 'staging']);
    expect(stderr).toBe('');
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/deploy staging: done \(v4\)/);
    expect(server.requests.log.some((r) => r.method === 'POST' && /\/builds$/.test(r.path))).toBe(true);
  }, 30_000);

  it('scale production web=3 sends one batch formation update', async () => {
    server.requests.reset();
    const { exitCode } = await dynodeck(['scale', 'production', 'web=3', '--yes']);
    expect(exitCode).toBe(0);
    const patches = server.requests.log.filter((r) => r.method === 'PATCH' && /\/formation$/.test(r.path));
    expect(patches).toHaveLength(1);
    expect(patches[0]?.body).toEqual({ updates: [{ type: 'web', quantity: 3 }] });
  });

  it('logs production --tail streams until stopped, across an expired session', async () => {
    const child = execa(process.execPath, [CLI, 'logs', 'production', '--tail', '-n', '0'], {
      cwd: repo,
      reject: false,
      stdin: 'ignore',
      env: { CI: 'true', HOME: repo, HEROKU_API_URL: server.url, HEROKU_API_KEY: server.token },
      extendEnv: false,
    });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    await waitFor(() => server.openLogStreams() > 0, 'the log stream to open', 10_000);
    server.pushLog('shop-production', '2026-11-26T09:00:00.000000+00:00 app[web.1]: before expiry');
    await waitFor(() => out.includes('before expiry'), 'the first line', 10_000);
    server.expireAllSessions();
    await waitFor(
      () => server.openLogStreams() > 0 && server.logSessions().length >= 2,
      () => `a new session (sessions ${server.logSessions().length}, open ${server.openLogStreams()}, stderr ${err})`,
      15_000,
    );
    server.pushLog('shop-production', '2026-11-26T09:00:05.000000+00:00 app[web.1]: after expiry');
    await waitFor(() => out.includes('after expiry'), 'a line from the new session', 15_000);
    child.kill('SIGINT');
    expect((await child).exitCode).toBe(0);
  }, 40_000);

  it('maintenance mode on production needs --yes and sends one app update', async () => {
    expect((await dynodeck(['maintenance', 'production', 'on'])).exitCode).toBe(1);
    server.requests.reset();
    expect((await dynodeck(['maintenance', 'production', 'on', '--yes'])).exitCode).toBe(0);
    const patches = server.requests.log.filter((r) => r.method === 'PATCH' && /^\/apps\/[^/]+$/.test(r.path));
    expect(patches.map((p) => p.body)).toEqual([{ maintenance: true }]);
  });

  it('a rollback whose connection is reset is sent once, and the user is told what the releases list shows', async () => {
    server.requests.reset();
    server.resetNext(/\/releases$/, { method: 'POST', processed: true });

    const { stderr, exitCode } = await dynodeck(['rollback', 'staging', 'v2']);

    expect(exitCode).toBe(1);
    expect(stderr).toMatch(
      /^dynodeck: the rollback of shop-staging to v2 \(POST \/apps\/shop-staging\/releases\) got no clear answer \(.+\)\. The request may have reached Heroku; the releases list shows v\d+ \(Rollback to v2\) (pending|succeeded)\. dynodeck did not send it again\.$/,
    );
    // heroku-client used to re-send it a second after the reset (its timer kept the command waiting).
    const posts = server.requests.log.filter((r) => r.method === 'POST' && /\/releases$/.test(r.path));
    expect(posts).toHaveLength(1);
  });

  it('429s make a command fail with a message, not a crash or a spin', async () => {
    server.setRemaining(0);
    const { stderr, exitCode } = await dynodeck(['restart', 'staging']);
    expect(exitCode).toBe(1);
    expect(stderr).toContain('429 rate limit reached');
    server.setRemaining(4500);
  });
});

describe('dynodeck against a Heroku-like server that leaves fields out', () => {
  it('status --json shows what Heroku did not send as unknown: no made-up status, version, date or user', async () => {
    const sparse = await createHerokuTestServer({
      pipeline: { name: 'shop' },
      apps: [
        {
          name: 'shop-staging',
          stage: 'staging',
          releases: [{ commit: 'c0ffee00'.repeat(5), without: ['status', 'created_at', 'user', 'version'] }],
        },
        { name: 'shop-production', stage: 'production', releases: [{ createdAt: 'not a date' }] },
      ],
    });
    try {
      const { stdout, exitCode } = await dynodeck(['status', '--json'], { HEROKU_API_URL: sparse.url });
      expect(exitCode).toBe(0);
      const [staging, production] = JSON.parse(stdout).environments;
      expect(staging.release).toEqual({
        version: null,
        commit: 'c0ffee00'.repeat(5),
        status: 'unknown',
        createdAt: null,
        user: null,
      });
      expect(production.release).toMatchObject({ version: 1, status: 'succeeded', createdAt: null });
      expect(stdout).not.toContain('1970');
    } finally {
      await sparse.close();
    }
  });
});
