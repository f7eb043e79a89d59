// The pieces tests of the Heroku adapter share: a Heroku-like server with a small pipeline,
// the real client and adapter pointed at it, and a git repo to deploy.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { createHerokuApi } from '../../src/services/heroku/heroku-api.js';
import { createHerokuPlatform, type HerokuPlatformOptions } from '../../src/services/heroku/heroku-platform.js';
import type { DeployStep } from '../../src/services/ports.js';
import { createHerokuTestServer, type HerokuTestServer, type HerokuTestServerOptions } from '../heroku-server/index.js';

export const SHOP: HerokuTestServerOptions = {
  pipeline: { name: 'shop' },
  apps: [
    { name: 'shop-box-1', stage: 'development', releases: 2 },
    { name: 'shop-staging', stage: 'staging', releases: 5, formation: { web: 2, worker: 1 } },
    { name: 'shop-production', stage: 'production', releases: 12, formation: { web: 2 } },
  ],
};

export interface HerokuFixture {
  start(options?: HerokuTestServerOptions): Promise<HerokuTestServer>;
  /** A git repo with a web process and a release phase, committed; removed afterwards. */
  appRepo(): Promise<{ root: string; sha: string }>;
  cleanup(): Promise<void>;
}

export function herokuFixture(): HerokuFixture {
  let servers: HerokuTestServer[] = [];
  let dirs: string[] = [];
  return {
    async start(options = SHOP) {
      // A still clock: the rate-limit bucket refills only when a test moves time.
      const server = await createHerokuTestServer({ stepMs: 10, now: () => Date.UTC(2026, 10, 26, 9), ...options });
      servers.push(server);
      return server;
    },
    async appRepo() {
      const root = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-heroku-repo-'));
      dirs.push(root);
      const env = {
        GIT_AUTHOR_NAME: 'Test',
        GIT_AUTHOR_EMAIL: 't@example.com',
        GIT_COMMITTER_NAME: 'Test',
        GIT_COMMITTER_EMAIL: 't@example.com',
      };
      const git = async (...args: string[]) =>
        (await execa('git', ['-c', 'commit.gpgsign=false', ...args], { cwd: root, env })).stdout;
      await git('init', '-q', '-b', 'main');
      await writeFile(path.join(root, 'Procfile'), 'web: node web.js\nrelease: node migrate.js\n');
      await writeFile(
        path.join(root, 'web.js'),
        "require('node:http').createServer((_, res) => res.end('ok')).listen(process.env.PORT);\n",
      );
      await writeFile(path.join(root, 'migrate.js'), "console.log('migrated');\n");
      await git('add', '.');
      await git('commit', '-q', '-m', 'First');
      return { root, sha: await git('rev-parse', 'HEAD') };
    },
    async cleanup() {
      await Promise.all(servers.map((s) => s.close()));
      servers = [];
      await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
      dirs = [];
    },
  };
}

/** The real heroku-client and the adapter, pointed at the server. */
export function connectHeroku(
  server: HerokuTestServer,
  opts: { timeoutMs?: number; writeTimeoutMs?: number } & Partial<HerokuPlatformOptions> = {},
) {
  const { timeoutMs, writeTimeoutMs, ...platformOptions } = opts;
  const api = createHerokuApi({ url: server.url, token: server.token, timeoutMs, writeTimeoutMs });
  return {
    api,
    platform: createHerokuPlatform(api, { pipeline: 'shop', pollMs: 10, backoffMs: 20, ...platformOptions }),
  };
}

export const apiCalls = (server: HerokuTestServer, method: string, pattern: RegExp) =>
  server.requests.log.filter((r) => r.kind === 'api' && r.method === method && pattern.test(r.path));

/** What a deploy told the user: its steps and output lines. */
export function recorder() {
  const steps: DeployStep[] = [];
  const output: string[] = [];
  return {
    steps,
    output,
    onStep: (step: DeployStep) => steps.push(step),
    onOutput: (line: string) => output.push(line),
  };
}
