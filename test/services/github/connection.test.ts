// How the service finds its repository and token, and what it says when it cannot.
import { chmod, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { apiUrlFor, findRepo } from '../../../src/services/github/find-repo.js';
import { findGitHubToken } from '../../../src/services/github/find-token.js';
import { createGitHubService } from '../../../src/services/github/github-service.js';
import { GITHUB, startServer, tempDir } from './helpers.js';

/** A folder on PATH holding a fake `gh` that prints a token (or sleeps). */
async function fakeGh(script: string): Promise<string> {
  const dir = await tempDir('dynodeck-gh-');
  const file = path.join(dir, 'gh');
  await writeFile(file, `#!/bin/sh\n${script}\n`);
  await chmod(file, 0o755);
  return dir;
}

async function gitRepo(origin?: string): Promise<string> {
  const dir = await tempDir('dynodeck-repo-');
  await execa('git', ['init', '-q', dir]);
  if (origin) await execa('git', ['-C', dir, 'remote', 'add', 'origin', origin]);
  return dir;
}

// A PATH where no gh can be found, whatever this machine has installed.
const noGhPath = '/nonexistent-dynodeck-bin';

describe('finding the token', () => {
  it('takes GITHUB_TOKEN first, then GH_TOKEN', async () => {
    expect(await findGitHubToken({ env: { GITHUB_TOKEN: ' a ', GH_TOKEN: 'b' } })).toEqual({
      token: 'a',
      source: 'GITHUB_TOKEN',
    });
    expect(await findGitHubToken({ env: { GITHUB_TOKEN: '', GH_TOKEN: 'b', PATH: noGhPath } })).toEqual({
      token: 'b',
      source: 'GH_TOKEN',
    });
  });

  it('then asks gh (no shell), with --hostname for GitHub Enterprise', async () => {
    const bin = await fakeGh('if [ "$3" = "--hostname" ]; then echo "ghe-$4"; else echo gho_fromgh; fi');
    expect(await findGitHubToken({ env: { PATH: `${bin}:/usr/bin:/bin` } })).toEqual({
      token: 'gho_fromgh',
      source: 'gh auth token',
    });
    expect(await findGitHubToken({ env: { PATH: `${bin}:/usr/bin:/bin` }, host: 'ghe.example.com' })).toEqual({
      token: 'ghe-ghe.example.com',
      source: 'gh auth token',
    });
  });

  it('gh missing, logged out or hanging is simply no token', async () => {
    expect(await findGitHubToken({ env: { PATH: noGhPath } })).toBeUndefined();
    const loggedOut = await fakeGh('echo "no oauth token found" >&2; exit 1');
    expect(await findGitHubToken({ env: { PATH: `${loggedOut}:/usr/bin:/bin` } })).toBeUndefined();
    const hanging = await fakeGh('exec sleep 30');
    expect(await findGitHubToken({ env: { PATH: `${hanging}:/usr/bin:/bin` }, timeoutMs: 200 })).toBeUndefined();
  });
});

describe('finding the repository', () => {
  it('takes github.repo from dynodeck.yml', async () => {
    expect(await findRepo({ root: await tempDir(), configured: 'acme/shop' })).toEqual({
      ok: true,
      repo: { owner: 'acme', name: 'shop' },
      from: 'github.repo',
    });
  });

  it.each(['git@github.com:acme/shop.git', 'https://github.com/acme/shop.git', 'ssh://git@github.com/acme/shop'])(
    'else reads the origin remote %s',
    async (origin) => {
      expect(await findRepo({ root: await gitRepo(origin) })).toEqual({
        ok: true,
        repo: { owner: 'acme', name: 'shop', host: 'github.com' },
        from: 'origin',
      });
    },
  );

  it('says what to set when there is no origin, or it is not GitHub (without showing credentials)', async () => {
    expect(await findRepo({ root: await gitRepo() })).toEqual({
      ok: false,
      problem: 'no GitHub repository: set github.repo: owner/name in dynodeck.yml (no origin remote)',
    });
    expect(await findRepo({ root: await gitRepo('https://user:s3cret@gitlab.com/a/b/c.git') })).toEqual({
      ok: false,
      problem:
        'origin (https://gitlab.com/a/b/c.git) is not a GitHub repository: set github.repo: owner/name in dynodeck.yml',
    });
  });

  it('GITHUB_API_URL wins; an Enterprise remote means https://<host>/api/v3; else api.github.com', () => {
    expect(apiUrlFor({ GITHUB_API_URL: 'http://127.0.0.1:9/' }, { owner: 'a', name: 'b', host: 'github.com' })).toBe(
      'http://127.0.0.1:9',
    );
    expect(apiUrlFor({}, { owner: 'a', name: 'b', host: 'ghe.example.com' })).toBe('https://ghe.example.com/api/v3');
    expect(apiUrlFor({}, { owner: 'a', name: 'b', host: 'github.com' })).toBe('https://api.github.com');
    expect(apiUrlFor({}, { owner: 'a', name: 'b' })).toBe('https://api.github.com');
  });
});

describe('the connection status', () => {
  it('no token: one line naming the variable to set; nothing is sent', async () => {
    const server = await startServer();
    const github = createGitHubService({
      root: await tempDir(),
      github: GITHUB,
      env: { PATH: noGhPath, GITHUB_API_URL: server.url },
    });
    await expect(github.tickets.load()).rejects.toThrow(
      'no GitHub token: set GITHUB_TOKEN (or GH_TOKEN), or run "gh auth login"',
    );
    expect(github.status()).toEqual({
      state: 'no-token',
      message: 'no GitHub token: set GITHUB_TOKEN (or GH_TOKEN), or run "gh auth login"',
    });
    expect(server.requests.log).toHaveLength(0);
  });

  it('a rejected token: the line says where it came from and what to set, never the token', async () => {
    const server = await startServer();
    const secret = 'ghp_wrongwrongwrong123';
    const github = createGitHubService({
      root: await tempDir(),
      github: GITHUB,
      env: { PATH: noGhPath, GH_TOKEN: secret, GITHUB_API_URL: server.url },
    });
    const error = (await github.tickets.load().catch((e: unknown) => e)) as Error;
    const line =
      'GitHub rejected the token from GH_TOKEN (401 Bad credentials): set GH_TOKEN (or GITHUB_TOKEN) to a valid token';
    expect(error.message).toBe(line);
    expect(github.statusLine()).toBe(line);
    expect(JSON.stringify({ status: github.status(), message: error.message, stack: error.stack })).not.toContain(
      secret,
    );
  });

  it('is ok with the repo once GitHub answered; a missing repository is said plainly', async () => {
    const server = await startServer();
    const env = { PATH: noGhPath, GITHUB_TOKEN: server.token, GITHUB_API_URL: server.url };
    const ok = createGitHubService({ root: await tempDir(), github: GITHUB, env });
    expect(await ok.connect()).toEqual({ state: 'ok', repo: 'acme/shop', tokenSource: 'GITHUB_TOKEN' });
    expect(ok.statusLine()).toBeUndefined();
    expect(ok.budget()).toMatchObject({ limit: 5000, remaining: 4999, resource: 'core' });

    const missing = createGitHubService({ root: await tempDir(), github: { ...GITHUB, repo: 'acme/nope' }, env });
    expect(await missing.connect()).toEqual({
      state: 'no-repo',
      message: 'GitHub repository acme/nope not found, or the token from GITHUB_TOKEN cannot see it',
    });
  });

  it('reads the repo from origin and talks to GitHub Enterprise paths (/api/v3)', async () => {
    const server = await startServer({ pathPrefix: '/api/v3', issues: [{ title: 'From GHE' }] });
    const github = createGitHubService({
      root: await gitRepo('git@github.com:acme/shop.git'),
      env: { PATH: noGhPath, GITHUB_TOKEN: server.token, GITHUB_API_URL: server.url },
    });
    expect((await github.tickets.load()).tickets.map((t) => t.title)).toEqual(['From GHE']);
    expect(server.url).toMatch(/\/api\/v3$/);
  });

  it('GitHub unreachable is a status line with the address', async () => {
    const server = await startServer();
    const url = server.url;
    await server.close();
    const github = createGitHubService({
      root: await tempDir(),
      github: GITHUB,
      env: { PATH: noGhPath, GITHUB_TOKEN: 't', GITHUB_API_URL: url },
      client: { secondMs: 5 },
    });
    await expect(github.tickets.load()).rejects.toThrow(`cannot reach GitHub at ${url}: ECONNREFUSED`);
    expect(github.status()).toMatchObject({ state: 'unreachable' });
  });
});
