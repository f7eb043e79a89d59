import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { createGitRunner, type GitRunner } from '../../../src/services/git/run-git.js';
import { ticketLocations } from '../../../src/services/git/ticket-locations.js';
import { describeLocation } from '../../../src/domain/ticket-location.js';

const folders: string[] = [];

afterEach(async () => {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function makeRepo() {
  const dir = await mkdtemp(join(tmpdir(), 'dynodeck-where-'));
  folders.push(dir);
  const env = {
    GIT_AUTHOR_NAME: 'Ada Lovelace',
    GIT_AUTHOR_EMAIL: 'ada@example.com',
    GIT_COMMITTER_NAME: 'Ada Lovelace',
    GIT_COMMITTER_EMAIL: 'ada@example.com',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
  };
  const git = async (...args: string[]) =>
    (await execa('git', ['-c', 'commit.gpgsign=false', ...args], { cwd: dir, env })).stdout;
  const commit = async (message: string) => {
    await git('commit', '-q', '--allow-empty', '-m', message);
    return git('rev-parse', 'HEAD');
  };
  await git('init', '-q', '-b', 'main');
  const initial = await commit('initial');
  return { dir, git, commit, initial };
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

const MISSING = 'f'.repeat(40);

describe('ticket locations', () => {
  it('a merged ticket branch is in the environment whose commit contains the merge', async () => {
    const repo = await makeRepo();
    await repo.git('checkout', '-q', '-b', 'feature/cart');
    await repo.commit('Add the cart');
    await repo.git('checkout', '-q', 'main');
    await repo.commit('Unrelated work on main');
    const beforeMerge = await repo.git('rev-parse', 'HEAD');
    await repo.git('merge', '-q', '--no-ff', '-m', 'Merge feature/cart', 'feature/cart');
    const merge = await repo.git('rev-parse', 'HEAD');
    await repo.commit('Later work');
    const later = await repo.git('rev-parse', 'HEAD');
    const { run, calls } = countingRunner(repo.dir);
    const options = {
      repo: repo.dir,
      mainBranch: 'main',
      run,
      branches: [{ ticket: 'SHOP-1', branch: 'feature/cart' }],
      environments: [
        { name: 'box-1', commit: beforeMerge },
        { name: 'staging', commit: later },
        { name: 'production', commit: merge },
        // A release built from a commit this clone has never seen.
        { name: 'box-2', commit: MISSING },
      ],
    };

    const where = await ticketLocations(options);

    expect(where).toEqual(new Map([['SHOP-1', ['staging', 'production']]]));
    // Ancestry of fixed commits never changes: a second poll asks git only for the branches.
    const before = calls.length;
    expect(await ticketLocations(options)).toEqual(where);
    expect(calls.slice(before).map((args) => args[0])).toEqual(['for-each-ref', 'merge-base']);
  });

  it('a branch deployed directly to a box is on that box', async () => {
    const repo = await makeRepo();
    await repo.git('checkout', '-q', '-b', 'feature/search');
    const tip = await repo.commit('Search by name');
    await repo.git('checkout', '-q', 'main');

    const where = await ticketLocations({
      repo: repo.dir,
      mainBranch: 'main',
      branches: [
        { ticket: 'SHOP-2', branch: 'feature/search' },
        { ticket: 'SHOP-3', branch: 'no/such/branch' },
        { ticket: 'SHOP-4', branch: '--all' },
      ],
      environments: [
        { name: 'box-1', commit: tip },
        { name: 'staging', commit: repo.initial },
        { name: 'junk', commit: '--all' },
      ],
    });

    expect(where).toEqual(
      new Map([
        ['SHOP-2', ['box-1']],
        ['SHOP-3', []],
        ['SHOP-4', []],
      ]),
    );
  });

  it('a branch with no commits of its own is nowhere', async () => {
    const repo = await makeRepo();
    await repo.git('branch', 'feature/fresh');
    await repo.commit('Main moves on');
    const main = await repo.git('rev-parse', 'HEAD');

    const where = await ticketLocations({
      repo: repo.dir,
      mainBranch: 'main',
      branches: [{ ticket: 'SHOP-5', branch: 'feature/fresh' }],
      environments: [
        { name: 'box-1', commit: repo.initial },
        { name: 'production', commit: main },
      ],
    });

    expect(where.get('SHOP-5')).toEqual([]);
  });

  it('production wins over staging in the description', () => {
    const order = ['box-1', 'box-2', 'staging', 'production'];

    expect(describeLocation(['staging', 'production'], order)).toBe('in production');
    expect(describeLocation(['production', 'box-1'], order)).toBe('in production');
    expect(describeLocation(['box-2', 'staging'], order)).toBe('on staging');
    expect(describeLocation(['box-1'], order)).toBe('on box-1');
    expect(describeLocation([], order)).toBeUndefined();
  });
});
