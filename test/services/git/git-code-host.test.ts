import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { deriveStage } from '../../../src/domain/stage.js';
import { createGitCodeHost } from '../../../src/services/git/git-code-host.js';
import { createGitRunner, type GitRunner } from '../../../src/services/git/run-git.js';

const folders: string[] = [];

afterEach(async () => {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dynodeck-git-'));
  folders.push(dir);
  return dir;
}

async function makeRepo() {
  const dir = await tempFolder();
  const env = {
    GIT_AUTHOR_NAME: 'Ada Lovelace',
    GIT_AUTHOR_EMAIL: 'ada@example.com',
    GIT_COMMITTER_NAME: 'Ada Lovelace',
    GIT_COMMITTER_EMAIL: 'ada@example.com',
    // The developer's own git config must not change the fixture.
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
  };
  const git = async (...args: string[]) =>
    (await execa('git', ['-c', 'commit.gpgsign=false', ...args], { cwd: dir, env })).stdout;
  const commit = (message: string) => git('commit', '--allow-empty', '-m', message);
  await git('init', '-q', '-b', 'main');
  await commit('initial');
  return { dir, git, commit };
}

function countingRunner(cwd: string) {
  const real = createGitRunner(cwd);
  const calls: string[][] = [];
  const run: GitRunner = (args) => {
    calls.push([...args]);
    return real(args);
  };
  return { run, calls };
}

describe('git code host', () => {
  it('a branch with commits is in progress with its ahead count', async () => {
    const repo = await makeRepo();
    await repo.git('checkout', '-q', '-b', 'feature/cart');
    await repo.commit('one');
    await repo.commit('two');
    await repo.commit('Add the cart');
    await repo.git('checkout', '-q', 'main');
    const host = createGitCodeHost({ cwd: repo.dir, mainBranch: 'main' });

    const status = (await host.branches(['feature/cart'])).get('feature/cart');

    expect(host.name).toBe('git');
    expect(status).toMatchObject({ name: 'feature/cart', exists: true, ahead: 3, behind: 0, merged: false });
    expect(status?.lastCommit).toMatchObject({
      sha: await repo.git('rev-parse', 'feature/cart'),
      subject: 'Add the cart',
      author: 'Ada Lovelace',
    });
    expect(status?.lastCommit?.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(deriveStage('feature/cart', status)).toBe('in progress');
  });

  it('reports the commit time in epoch milliseconds', async () => {
    const repo = await makeRepo();
    await repo.git('checkout', '-q', '-b', 'dated');
    await execa('git', ['-c', 'commit.gpgsign=false', 'commit', '--allow-empty', '-m', 'dated'], {
      cwd: repo.dir,
      env: {
        GIT_AUTHOR_NAME: 'Ada Lovelace',
        GIT_AUTHOR_EMAIL: 'ada@example.com',
        GIT_COMMITTER_NAME: 'Ada Lovelace',
        GIT_COMMITTER_EMAIL: 'ada@example.com',
        GIT_AUTHOR_DATE: '2024-05-01T12:00:00Z',
        GIT_COMMITTER_DATE: '2024-05-01T12:00:00Z',
      },
    });
    const host = createGitCodeHost({ cwd: repo.dir, mainBranch: 'main' });

    const status = (await host.branches(['dated'])).get('dated');

    expect(status?.lastCommit?.date).toBe(Date.parse('2024-05-01T12:00:00Z'));
  });

  it('a branch merged with a merge commit is merged', async () => {
    const repo = await makeRepo();
    await repo.git('checkout', '-q', '-b', 'feature/login');
    await repo.commit('login form');
    await repo.commit('login api');
    await repo.git('checkout', '-q', 'main');
    await repo.git('merge', '-q', '--no-ff', '-m', 'Merge feature/login', 'feature/login');
    const host = createGitCodeHost({ cwd: repo.dir, mainBranch: 'main' });

    const status = (await host.branches(['feature/login'])).get('feature/login');

    expect(status).toMatchObject({ exists: true, ahead: 0, behind: 1, merged: true });
    expect(deriveStage('feature/login', status)).toBe('merged');
  });

  it('a branch with no commits of its own is todo, not merged', async () => {
    const repo = await makeRepo();
    await repo.git('branch', 'fresh');
    await repo.git('branch', 'stale');
    await repo.commit('main moves on');
    await repo.git('branch', 'at-tip');
    const host = createGitCodeHost({ cwd: repo.dir, mainBranch: 'main' });

    const result = await host.branches(['fresh', 'stale', 'at-tip', 'main']);

    for (const name of ['fresh', 'stale', 'at-tip', 'main']) {
      expect(result.get(name)).toMatchObject({ exists: true, ahead: 0, merged: false });
      expect(deriveStage(name, result.get(name))).toBe('todo');
    }
  });

  it('a missing branch is todo', async () => {
    const repo = await makeRepo();
    const host = createGitCodeHost({ cwd: repo.dir, mainBranch: 'main' });

    const result = await host.branches(['nope/never-made']);

    expect(result.get('nope/never-made')).toEqual({
      name: 'nope/never-made',
      exists: false,
      ahead: 0,
      behind: 0,
      merged: false,
    });
    expect(deriveStage('nope/never-made', result.get('nope/never-made'))).toBe('todo');
    expect(deriveStage(undefined, undefined)).toBe('todo');
  });

  it('a branch name that looks like an option is never passed to git as one', async () => {
    const repo = await makeRepo();
    // git refuses to create such branches, but a ref can still be written directly.
    await repo.git('update-ref', 'refs/heads/-x', 'HEAD');
    const outside = join(await tempFolder(), 'pwned');
    const hostile = [`--output=${outside}`, '-x', '--all', '-D', 'HEAD', '@{-1}', 'bad..name', ''];
    const { run, calls } = countingRunner(repo.dir);
    const host = createGitCodeHost({ cwd: repo.dir, mainBranch: 'main', run });

    const result = await host.branches(hostile);

    for (const name of hostile) expect(result.get(name)).toMatchObject({ name, exists: false });
    for (const args of calls) {
      for (const arg of args) expect(arg.startsWith('-') && hostile.includes(arg)).toBe(false);
    }
    expect(calls.flat()).not.toContain(`--output=${outside}`);
    expect(existsSync(outside)).toBe(false);
  });

  it('behind counts commits main gained since the branch left', async () => {
    const repo = await makeRepo();
    await repo.git('checkout', '-q', '-b', 'feature/search');
    await repo.commit('search box');
    await repo.git('checkout', '-q', 'main');
    await repo.commit('hotfix one');
    await repo.commit('hotfix two');
    const host = createGitCodeHost({ cwd: repo.dir, mainBranch: 'main' });

    const status = (await host.branches(['feature/search'])).get('feature/search');

    expect(status).toMatchObject({ exists: true, ahead: 1, behind: 2, merged: false });
  });

  it('an unchanged repository answers from cache without running git at all', async () => {
    const repo = await makeRepo();
    await repo.git('branch', 'feature/a');
    await repo.git('checkout', '-q', '-b', 'feature/b');
    await repo.commit('b work');
    await repo.git('checkout', '-q', 'main');
    const { run, calls } = countingRunner(repo.dir);
    const host = createGitCodeHost({ cwd: repo.dir, mainBranch: 'main', run });
    const names = ['feature/a', 'feature/b'];

    const first = await host.branches(names);
    expect(calls.some((args) => args[0] === 'rev-list')).toBe(true);

    calls.length = 0;
    const second = await host.branches([...names].reverse());
    expect(calls).toEqual([]);
    expect(second).toBe(first);

    // A new branch nobody asked about changes the listing but no answer.
    await repo.git('branch', 'other');
    calls.length = 0;
    await host.branches(names);
    expect(calls.map((args) => args[0])).toEqual(['for-each-ref']);

    // Packing the refs moves every tip into packed-refs: git lists them again, the answer stands.
    const beforePacking = await host.branches(names);
    await repo.git('pack-refs', '--all');
    calls.length = 0;
    expect(await host.branches(names)).toBe(beforePacking);
    expect(calls.map((args) => args[0])).toEqual(['for-each-ref']);

    // A new commit on one branch recounts that branch only.
    await repo.git('checkout', '-q', 'feature/b');
    await repo.commit('more b work');
    await repo.git('checkout', '-q', 'main');
    calls.length = 0;
    const third = await host.branches(names);
    expect(calls.filter((args) => args[0] === 'rev-list')).toHaveLength(1);
    expect(third.get('feature/b')).toMatchObject({ ahead: 2 });
  });

  it('a folder that is not a repository gives a clear error', async () => {
    const dir = await tempFolder();
    const host = createGitCodeHost({ cwd: dir, mainBranch: 'main' });

    await expect(host.branches(['x'])).rejects.toThrow(`not a git repository: ${dir}`);
  });

  it('a folder that does not exist gives a clear error', async () => {
    const dir = join(await tempFolder(), 'gone');
    const host = createGitCodeHost({ cwd: dir, mainBranch: 'main' });

    await expect(host.branches(['x'])).rejects.toThrow(`not a git repository: ${dir} (no such folder)`);
  });

  it('a missing main branch is named in the error', async () => {
    const repo = await makeRepo();
    const host = createGitCodeHost({ cwd: repo.dir, mainBranch: 'trunk' });

    await expect(host.branches(['x'])).rejects.toThrow(`main branch "trunk" not found in ${repo.dir}`);
  });

  it('says so when git is not installed', async () => {
    const dir = await tempFolder();
    const run = createGitRunner(dir, join(dir, 'no-such-git'));
    const host = createGitCodeHost({ cwd: dir, mainBranch: 'main', run });

    await expect(host.branches(['x'])).rejects.toThrow('git is not installed (needed to read branches)');
  });
});
