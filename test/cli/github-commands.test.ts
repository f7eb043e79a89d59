// `dynodeck status` with GitHub, run as a user runs it: the built CLI in a child process,
// talking to the GitHub-like server through GITHUB_API_URL with the token in GITHUB_TOKEN.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { CLI } from '../helpers/pty-deck.js';
import { startServer, tempDir } from '../services/github/helpers.js';

async function project(yml: string): Promise<string> {
  const dir = await mkdtemp(path.join(await tempDir('dynodeck-cli-github-'), 'p-'));
  await writeFile(path.join(dir, 'dynodeck.yml'), yml);
  return dir;
}

const GITHUB_YML = 'project: shop\ntickets: { source: github }\ngithub: { repo: acme/shop }\n';

async function repo() {
  const server = await startServer({
    issues: [
      {
        title: 'Cart button',
        body: '## Acceptance criteria\n- [x] enabled\n- [ ] tested\n',
        labels: ['complexity: trivial'],
      },
    ],
  });
  server.world.addPull({ title: 'Cart', head: 'feature/1-cart', body: 'Fixes #1', requestedReviewers: ['dana'] });
  server.world.addCheckRun(server.world.pull(2).pull.headSha, 'test (20.x)', { conclusion: 'failure' });
  return server;
}

const run = (args: string[], cwd: string, env: Record<string, string>) =>
  execa(process.execPath, [CLI, ...args], { cwd, reject: false, env: { CI: 'true', ...env }, extendEnv: false });

describe('dynodeck status with GitHub', () => {
  it('--json gives each issue as a ticket with its number and its pull requests', async () => {
    const server = await repo();
    const cwd = await project(GITHUB_YML);
    const { stdout, exitCode } = await run(['status', '--json'], cwd, {
      GITHUB_TOKEN: server.token,
      GITHUB_API_URL: server.url,
      PATH: process.env.PATH ?? '',
    });
    expect(exitCode).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.tickets).toHaveLength(1);
    expect(report.tickets[0]).toMatchObject({
      id: '#1',
      number: 1,
      title: 'Cart button',
      complexity: 'trivial',
      criteria: { done: 1, total: 2 },
      stage: 'in progress',
      pullRequests: [
        {
          number: 2,
          title: 'Cart',
          state: 'open',
          draft: false,
          review: 'review_required',
          waitingOn: ['dana'],
          checks: 'failing',
          url: expect.stringMatching(/\/acme\/shop\/pull\/2$/),
        },
      ],
    });
    expect(report.sources.find((s: { name: string }) => s.name === 'github')).toMatchObject({ state: 'ok' });
  });

  it('without a token, the github source names the variable to set, and the token is never printed', async () => {
    const server = await repo();
    const cwd = await project('project: shop\ngithub: { repo: acme/shop }\n');
    // No GITHUB_TOKEN, no GH_TOKEN, and no gh on PATH.
    const { stdout, exitCode } = await run(['status'], cwd, { GITHUB_API_URL: server.url, PATH: '/nonexistent' });
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/^github: error: .*GITHUB_TOKEN/m);
    expect(server.requests.log).toHaveLength(0);
  });

  it('a rejected token is reported without the token itself', async () => {
    const server = await repo();
    const cwd = await project(GITHUB_YML);
    const { stdout, stderr } = await run(['status', '--json'], cwd, {
      GITHUB_TOKEN: 'refused-test-token',
      GITHUB_API_URL: server.url,
      PATH: process.env.PATH ?? '',
    });
    const report = JSON.parse(stdout);
    const github = report.sources.find((s: { name: string }) => s.name === 'github');
    expect(github.state).toBe('error');
    expect(github.error).toMatch(/GITHUB_TOKEN/);
    expect(stdout + stderr).not.toContain('refused-test-token');
  });
});
describe('dynodeck merge', () => {
  const env = (server: { token: string; url: string }) => ({
    GITHUB_TOKEN: server.token,
    GITHUB_API_URL: server.url,
    PATH: process.env.PATH ?? '',
  });

  it('says what is missing and exits 1 while the pull request waits on a reviewer and its checks fail', async () => {
    const server = await repo();
    const cwd = await project(GITHUB_YML);
    const { stderr, exitCode } = await run(['merge', '#1'], cwd, env(server));
    expect(exitCode).toBe(1);
    expect(stderr).toContain('#1 not merged: waiting on dana; checks failing: test (20.x)');
    expect(server.world.pull(2).pull.merged).toBe(false);
  });

  it('merges once approved with passing checks, and records it in the audit log', async () => {
    const server = await repo();
    server.world.review(2, 'dana', 'APPROVED');
    server.world.rerunCheck(server.world.pull(2).pull.headSha, 'test (20.x)', 'success');
    const cwd = await project(GITHUB_YML);
    const { stdout, exitCode } = await run(['merge', '1'], cwd, env(server));
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/^#1: #2 merged \(merge, [0-9a-f]{7}\)$/m);
    expect(server.world.pull(2).pull.merged).toBe(true);
    const audit = (await readFile(path.join(cwd, '.dynodeck', 'audit.log'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(audit.map((e) => `${e.what} ${e.target} ${e.result} ${e.detail.via}`)).toEqual([
      'merge #1 started cli',
      'merge #1 succeeded cli',
    ]);
  });

  it('a read-only deck merges nothing (exit 2)', async () => {
    const server = await repo();
    const cwd = await project(`${GITHUB_YML}readOnly: true\n`);
    const { stderr, exitCode } = await run(['merge', '#1'], cwd, env(server));
    expect(exitCode).toBe(2);
    expect(stderr).toContain('read-only deck');
    expect(server.requests.log.filter((r) => r.method === 'PUT')).toHaveLength(0);
  });
});
