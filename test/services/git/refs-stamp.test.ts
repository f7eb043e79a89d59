import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { createRefsStamp } from '../../../src/services/git/refs-stamp.js';

const folders: string[] = [];

afterEach(async () => {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function makeRepo() {
  const dir = await mkdtemp(join(tmpdir(), 'dynodeck-refs-'));
  folders.push(dir);
  const env = {
    GIT_AUTHOR_NAME: 'Ada Lovelace',
    GIT_AUTHOR_EMAIL: 'ada@example.com',
    GIT_COMMITTER_NAME: 'Ada Lovelace',
    GIT_COMMITTER_EMAIL: 'ada@example.com',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
  };
  const git = async (cwd: string, ...args: string[]) =>
    (await execa('git', ['-c', 'commit.gpgsign=false', ...args], { cwd, env })).stdout;
  await git(dir, 'init', '-q', '-b', 'main');
  await git(dir, 'commit', '-q', '--allow-empty', '-m', 'initial');
  return { dir, git: (...args: string[]) => git(dir, ...args), gitIn: git };
}

describe('refs stamp', () => {
  it('stays the same while no branch moves, and changes when one is created, moved, deleted or packed', async () => {
    const repo = await makeRepo();
    const stamp = createRefsStamp(repo.dir, {});
    const first = await stamp();
    expect(first).toBeDefined();
    expect(await stamp()).toBe(first);

    await repo.git('branch', 'feature/a');
    const created = await stamp();
    expect(created).not.toBe(first);

    await repo.git('commit', '-q', '--allow-empty', '-m', 'main moves');
    const moved = await stamp();
    expect(moved).not.toBe(created);

    await repo.git('pack-refs', '--all');
    const packed = await stamp();
    expect(packed).not.toBe(moved);

    await repo.git('branch', '-D', 'feature/a');
    expect(await stamp()).not.toBe(packed);
  });

  it('is read from a subfolder of the repository, and from a worktree sees the branches of the main checkout', async () => {
    const repo = await makeRepo();
    const worktree = join(repo.dir, '..', `${repo.dir.split('/').pop()}-wt`);
    folders.push(worktree);
    await repo.git('worktree', 'add', '-q', '-b', 'side', worktree);
    const fromWorktree = createRefsStamp(join(worktree), {});
    const before = await fromWorktree();
    expect(before).toBeDefined();

    await repo.git('branch', 'made-in-main');
    expect(await fromWorktree()).not.toBe(before);

    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(repo.dir, 'sub', 'deeper'), { recursive: true });
    const fromSub = createRefsStamp(join(repo.dir, 'sub', 'deeper'), {});
    expect(await fromSub()).toBe(await createRefsStamp(repo.dir, {})());
  });

  it('gives no stamp outside a repository or when GIT_DIR points git elsewhere', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dynodeck-norepo-'));
    folders.push(dir);
    // tmpdir may itself sit inside a repository on some machines; only assert when it does not.
    const outside = await createRefsStamp(dir, {})();
    const inRepo = await execa('git', ['rev-parse', '--git-dir'], { cwd: dir, reject: false });
    if (inRepo.exitCode !== 0) expect(outside).toBeUndefined();

    const repo = await makeRepo();
    expect(await createRefsStamp(repo.dir, { GIT_DIR: join(repo.dir, '.git') })()).toBeUndefined();
  });
});
