// Remote strings carrying OSC 52, OSC 8, CSI 2J, C1 controls and a DCS, sent through every
// printer of the headless commands (status, deploy, alerts) by a server that behaves like
// Heroku: none of them may reach stdout or stderr.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHerokuTestServer, type HerokuTestServer } from '../heroku-server/index.js';
import { CLI } from '../helpers/pty-deck.js';
import { hostile, terminalControls } from '../helpers/hostile-text.js';
import { formatLogLine } from '../../src/logs/log-line.js';

let server: HerokuTestServer;
let failingReleases: HerokuTestServer;
let repo: string;

beforeAll(async () => {
  const recent = Date.now() - 60_000;
  server = await createHerokuTestServer({
    stepMs: 5,
    pipeline: { name: 'shop' },
    failBuild: hostile('npm ERR! code ELIFECYCLE'),
    apps: [
      { name: `shop-${hostile('box')}`, stage: 'development', releases: 1 },
      { name: 'shop-staging', stage: 'staging', releases: 2 },
      {
        name: 'shop-production',
        stage: 'production',
        releases: 3,
        logs: [
          formatLogLine({ time: recent, source: 'app', dyno: 'api', text: `Release v3 failed ${hostile('why')}` }),
        ],
      },
    ],
  });
  failingReleases = await createHerokuTestServer({
    stepMs: 5,
    pipeline: { name: 'shop' },
    failReleasePhase: hostile('migration 042 failed'),
    apps: [
      { name: 'shop-staging', stage: 'staging', releases: 3 },
      { name: 'shop-production', stage: 'production', releases: 2 },
    ],
  });
  repo = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-hostile-cli-'));
  const env = {
    GIT_AUTHOR_NAME: 'T',
    GIT_AUTHOR_EMAIL: 't@example.com',
    GIT_COMMITTER_NAME: 'T',
    GIT_COMMITTER_EMAIL: 't@example.com',
  };
  const git = (...args: string[]) => execa('git', ['-c', 'commit.gpgsign=false', ...args], { cwd: repo, env });
  await mkdir(path.join(repo, 'tickets'));
  await writeFile(
    path.join(repo, 'tickets', 'SHOP-1.md'),
    `---\nid: SHOP-1\ntitle: ${JSON.stringify(hostile('Checkout'))}\ncomplexity: standard\n---\n`,
  );
  await writeFile(path.join(repo, 'Procfile'), 'web: node web.js\n');
  await writeFile(path.join(repo, 'web.js'), "require('node:http').createServer((_, res) => res.end('ok'));\n");
  await writeFile(path.join(repo, 'dynodeck.yml'), 'project: shop\nplatform:\n  kind: heroku\n  pipeline: shop\n');
  await git('init', '-q', '-b', 'main');
  await git('add', '.');
  await git('commit', '-q', '-m', 'First');
}, 30_000);

afterAll(async () => {
  await server.close();
  await failingReleases.close();
  await rm(repo, { recursive: true, force: true });
});

const dynodeck = (args: string[], on = server) =>
  execa(process.execPath, [CLI, ...args], {
    cwd: repo,
    reject: false,
    stdin: 'ignore',
    env: { CI: 'true', HOME: repo, HEROKU_API_URL: on.url, HEROKU_API_KEY: on.token },
    extendEnv: false,
  });

describe('what the commands print from outside', () => {
  it('status prints a ticket title and an app name without their escape sequences, with each environment and alert', async () => {
    const { stdout, stderr, exitCode } = await dynodeck(['status']);
    expect(exitCode).toBe(0);
    expect(stdout).toContain('clickCheckoutclick');
    expect(stdout).toMatch(/^clickboxclick +development +/m);
    expect(stdout).toMatch(/^staging +staging +v2 [0-9a-f]{7} +web=1 +1 up$/m);
    expect(stdout).toMatch(/^production +production +v3 [0-9a-f]{7} +web=1 +1 up$/m);
    expect(stdout).toMatch(
      /^firing +warning +production +release-failed +release failed: Release v3 failed clickwhyclick/m,
    );
    expect(terminalControls(stdout + stderr)).toEqual([]);
  });

  it("status --json carries an app's and a ticket's words without control characters", async () => {
    const { stdout, stderr, exitCode } = await dynodeck(['status', '--json']);
    expect(exitCode).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.environments.map((e: { name: string }) => e.name)).toContain('clickboxclick');
    expect(report.tickets[0].title).toBe('clickCheckoutclick');
    expect(terminalControls(stdout + stderr)).toEqual([]);
  });

  it("a failed build's output and reason reach stdout and stderr clean", async () => {
    const { stdout, stderr, exitCode } = await dynodeck(['deploy', 'staging']);
    expect(exitCode).toBe(1);
    expect(stdout).toContain('clicknpm ERR! code ELIFECYCLEclick');
    expect(stderr).toMatch(/build failed: .*clicknpm ERR!/);
    expect(terminalControls(stdout)).toEqual([]);
    expect(terminalControls(stderr)).toEqual([]);
  }, 30_000);

  it("a failed release phase's output and reason reach stdout and stderr clean", async () => {
    const { stdout, stderr, exitCode } = await dynodeck(['rollback', 'staging'], failingReleases);
    expect(exitCode).toBe(1);
    expect(stdout).toContain('clickmigration 042 failedclick');
    expect(stderr).toContain('clickmigration 042 failedclick');
    expect(terminalControls(stdout)).toEqual([]);
    expect(terminalControls(stderr)).toEqual([]);
  }, 30_000);

  it('an unknown environment lists the known ones clean', async () => {
    const { stderr, exitCode } = await dynodeck(['deploy', 'nowhere']);
    expect(exitCode).toBe(2);
    expect(stderr).toContain('clickboxclick');
    expect(terminalControls(stderr)).toEqual([]);
  });

  it("alerts prints a failed release's words from the log clean, as text and as JSON", async () => {
    const text = await dynodeck(['alerts']);
    expect(text.stdout).toContain('clickwhyclick');
    expect(terminalControls(text.stdout + text.stderr)).toEqual([]);
    const json = await dynodeck(['alerts', '--json']);
    expect(json.stdout).toContain('clickwhyclick');
    expect(terminalControls(json.stdout + json.stderr)).toEqual([]);
  }, 60_000);
});
