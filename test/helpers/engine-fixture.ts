// A tiny real app in a real git repo, for driving the local engine in tests: a web
// process that says which version it runs, a worker, and a release phase that migrates
// the environment's PostgreSQL database. Branches break it in the ways deploys fail.
import { chmod, mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { execa } from 'execa';

const WEB = `
const http = require('node:http');
const fs = require('node:fs');
const version = fs.readFileSync('version.txt', 'utf8').trim();
let inFlight = 0;
const server = http.createServer((req, res) => {
  inFlight++;
  res.on('finish', () => inFlight--);
  if (req.url === '/crash') { res.end('bye'); setTimeout(() => process.exit(3), 10); return; }
  if (req.url === '/slow') { setTimeout(() => res.end('slow ' + version), 300); return; }
  console.log('served ' + req.url + ' ' + version);
  res.end(version + ' ' + process.env.DYNO);
});
if (process.env.NO_BOOT !== '1' && !fs.existsSync('no-boot')) server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

const WORKER = `
console.log('worker started');
const t = setInterval(() => {}, 1000);
process.on('SIGTERM', () => { clearInterval(t); process.exit(0); });
`;

// The release phase migrates the environment's PostgreSQL database in one transaction, with
// node-postgres from dynodeck's own install (the fixture app has no node_modules of its own).
const PG_MODULE = createRequire(import.meta.url).resolve('pg');
const RELEASE = `
const fs = require('node:fs');
const { Client } = require(${JSON.stringify(PG_MODULE)});
const version = fs.readFileSync('version.txt', 'utf8').trim();
const wait = fs.existsSync('slow-release') ? 60000 : 0;
(async () => {
  const db = new Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  console.log('Running migrations for ' + version);
  await db.query('begin');
  try {
    await db.query('create table if not exists deployed (version text not null)');
    if (fs.existsSync('fail-release')) {
      await db.query('alter table deployed add column customer text');
      await db.query('insert into order_copy select * from orders');
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
    await db.query('insert into deployed (version) values ($1)', [version]);
    await db.query('commit');
    console.log('migrated');
  } catch (error) {
    await db.query('rollback');
    console.error('migration failed: ' + error.message);
    process.exitCode = 1;
  } finally {
    await db.end();
  }
})();
`;

export interface FixtureRepo {
  root: string;
  git(...args: string[]): Promise<string>;
  cleanup(): Promise<void>;
}

export async function createFixtureRepo(opts: { boxes?: number; build?: string } = {}): Promise<FixtureRepo> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-engine-'));
  // The engine's PostgreSQL runs as the postgres user when tests run as root: it must reach the project.
  await chmod(root, 0o755);
  const env = {
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 't@example.com',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 't@example.com',
  };
  const git = async (...args: string[]) =>
    (await execa('git', ['-c', 'commit.gpgsign=false', ...args], { cwd: root, env })).stdout;
  const write = (file: string, text: string) => writeFile(path.join(root, file), text);

  await git('init', '-q', '-b', 'main');
  await mkdir(path.join(root, 'tickets'));
  await write('Procfile', 'web: node web.js\nworker: node worker.js\nrelease: node release.js\n');
  await write('web.js', WEB);
  await write('worker.js', WORKER);
  await write('release.js', RELEASE);
  await write(
    'build.sh',
    'test ! -f fail-build || { echo "compile error in app.js" >&2; exit 1; }\necho built > built.txt\n',
  );
  await write('version.txt', 'one\n');
  await write('.gitignore', '.dynodeck/\n');
  await write(
    'dynodeck.yml',
    `project: fixture\nplatform:\n  kind: local\n  boxes: ${opts.boxes ?? 1}\n  build: ${opts.build ?? 'sh build.sh'}\n  healthCheck: /\n`,
  );
  await git('add', '-A');
  await git('commit', '-q', '-m', 'one');

  const branch = async (name: string, files: Record<string, string>) => {
    await git('checkout', '-q', '-b', name, 'main');
    for (const [file, text] of Object.entries(files)) await write(file, text);
    await git('add', '-A');
    await git('commit', '-q', '-m', name);
    await git('checkout', '-q', 'main');
  };
  await branch('two', { 'version.txt': 'two\n' });
  await branch('fail-build', { 'version.txt': 'broken\n', 'fail-build': '' });
  await branch('fail-release', { 'version.txt': 'broken\n', 'fail-release': '' });
  await branch('no-boot', { 'version.txt': 'broken\n', 'no-boot': '' });
  await branch('slow-release', { 'version.txt': 'slow\n', 'slow-release': '' });
  // PostgreSQL may still be removing its own files (pid file, sockets) just after the engine
  // that stopped it exits: rm retries ENOTEMPTY / EBUSY a few times instead of failing the suite.
  return { root, git, cleanup: () => rm(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }) };
}
