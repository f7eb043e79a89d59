// The audit log as the CLI writes it against a server that behaves like Heroku: private,
// without what a failed build printed, and an entry that cannot be written is said on
// stderr while the action still runs.
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHerokuTestServer, type HerokuTestServer } from '../heroku-server/index.js';
import { CLI } from '../helpers/pty-deck.js';

const SECRET = 'postgres://shop:hunter2@db.internal:5432/shop';
let server: HerokuTestServer;
let repo: string;
const auditFile = () => path.join(repo, '.dynodeck', 'audit.log');

beforeAll(async () => {
  server = await createHerokuTestServer({
    stepMs: 5,
    pipeline: { name: 'shop' },
    failBuild: `npm ERR! could not reach DATABASE_URL=${SECRET}`,
    apps: [
      { name: 'shop-staging', stage: 'staging', releases: 2, configVars: { DATABASE_URL: SECRET } },
      { name: 'shop-production', stage: 'production', releases: 2 },
    ],
  });
  repo = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-audit-cli-'));
  const env = {
    GIT_AUTHOR_NAME: 'T',
    GIT_AUTHOR_EMAIL: 't@example.com',
    GIT_COMMITTER_NAME: 'T',
    GIT_COMMITTER_EMAIL: 't@example.com',
  };
  const git = (...args: string[]) => execa('git', ['-c', 'commit.gpgsign=false', ...args], { cwd: repo, env });
  await mkdir(path.join(repo, 'tickets'));
  await writeFile(path.join(repo, 'Procfile'), 'web: node web.js\n');
  await writeFile(path.join(repo, 'web.js'), "require('node:http').createServer((_, res) => res.end('ok'));\n");
  await writeFile(path.join(repo, 'dynodeck.yml'), 'project: shop\nplatform:\n  kind: heroku\n  pipeline: shop\n');
  await git('init', '-q', '-b', 'main');
  await git('add', '.');
  await git('commit', '-q', '-m', 'First');
}, 30_000);

afterAll(async () => {
  await server.close();
  await rm(repo, { recursive: true, force: true });
});

const dynodeck = (args: string[]) =>
  execa(process.execPath, [CLI, ...args], {
    cwd: repo,
    reject: false,
    stdin: 'ignore',
    env: { CI: 'true', HOME: repo, HEROKU_API_URL: server.url, HEROKU_API_KEY: server.token },
    extendEnv: false,
  });

describe('the audit log from the command line', () => {
  it("records a failed deploy as the deck's words, privately, without what the build printed", async () => {
    const { exitCode, stderr } = await dynodeck(['deploy', 'staging']);
    expect(exitCode).toBe(1);
    expect(stderr).toContain('hunter2'); // the user still sees why, on their terminal
    const text = await readFile(auditFile(), 'utf8');
    expect(text).not.toContain('hunter2');
    const last = JSON.parse(text.trim().split('\n').at(-1)!);
    expect(last).toMatchObject({ what: 'deploy', target: 'staging', result: 'failed' });
    expect(last.detail.reason).toBe('build failed');
    expect((await stat(auditFile())).mode & 0o777).toBe(0o600);
  }, 30_000);

  it('an entry that cannot be written is said on stderr, and the restart still happens', async () => {
    await rm(auditFile(), { force: true });
    await mkdir(auditFile(), { recursive: true }); // a folder where the file should be
    server.requests.reset();
    const { exitCode, stderr } = await dynodeck(['restart', 'staging']);
    expect(stderr).toContain('dynodeck: audit log: not recorded: restart staging started');
    expect(stderr).toContain('EISDIR');
    expect(exitCode).toBe(0);
    expect(server.requests.log.some((r) => r.method === 'DELETE' && /\/dynos$/.test(r.path))).toBe(true);
    await rm(auditFile(), { recursive: true, force: true });
  });
});
