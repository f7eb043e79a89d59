import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { whatShips } from '../../../src/services/git/shipping.js';

const folders: string[] = [];

afterEach(async () => {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dynodeck-ships-'));
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
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
  };
  const git = async (...args: string[]) =>
    (await execa('git', ['-c', 'commit.gpgsign=false', ...args], { cwd: dir, env })).stdout;
  const commit = async (message: string) => {
    await git('commit', '-q', '--allow-empty', '-m', message);
    return git('rev-parse', 'HEAD');
  };
  /** Many commits on main in one process, a second apart. */
  const commitMany = async (count: number) => {
    const start = 1_700_000_000;
    let stream = '';
    for (let i = 1; i <= count; i++) {
      const message = `bulk ${i}`;
      stream += `commit refs/heads/main\ncommitter Ada Lovelace <ada@example.com> ${start + i} +0000\n`;
      stream += `data ${Buffer.byteLength(message)}\n${message}\n`;
      if (i === 1) stream += 'from refs/heads/main^0\n';
      stream += '\n';
    }
    await execa('git', ['fast-import', '--quiet'], { cwd: dir, env, input: stream });
  };
  await git('init', '-q', '-b', 'main');
  const initial = await commit('initial');
  return { dir, git, commit, commitMany, initial };
}

describe('what ships', () => {
  it('what ships lists commits between two refs, newest first', async () => {
    const repo = await makeRepo();
    await repo.git('tag', 'v1');
    const second = await repo.commit('Add the cart');
    const third = await repo.commit('Fix the checkout');

    const shipment = await whatShips({ repo: repo.dir, from: 'v1', to: 'main' });

    expect(shipment.truncated).toBe(false);
    expect(shipment.commits.map((c) => c.sha)).toEqual([third, second]);
    expect(shipment.commits[0]).toMatchObject({ subject: 'Fix the checkout', author: 'Ada Lovelace' });
    expect(shipment.commits[0]!.date).toBeGreaterThan(Date.UTC(2020, 0, 1));
    // Deployed and target the same commit: nothing ships.
    expect(await whatShips({ repo: repo.dir, from: third, to: 'main' })).toEqual({ commits: [], truncated: false });
  });

  it('refs are looked up, never read as options', async () => {
    const repo = await makeRepo();
    const out = join(await tempFolder(), 'written-by-git');

    await expect(whatShips({ repo: repo.dir, from: 'main', to: `--output=${out}` })).rejects.toThrow(
      `"--output=${out}" is not a branch, tag or commit`,
    );
    await expect(whatShips({ repo: repo.dir, from: 'gone', to: 'main' })).rejects.toThrow(
      '"gone" is not a branch, tag or commit',
    );
    expect(existsSync(out)).toBe(false);
  });

  it('nothing deployed yet ships the recent history', async () => {
    const repo = await makeRepo();
    await repo.commitMany(60);

    const recent = await whatShips({ repo: repo.dir, from: undefined, to: 'main' });

    expect(recent.truncated).toBe(true);
    expect(recent.commits).toHaveLength(50);
    expect(recent.commits[0]).toMatchObject({ subject: 'bulk 60', date: (1_700_000_000 + 60) * 1000 });
    expect(recent.commits[49]!.subject).toBe('bulk 11');
  });

  it('at most 200 commits are listed between two refs', async () => {
    const repo = await makeRepo();
    await repo.commitMany(205);

    const shipment = await whatShips({ repo: repo.dir, from: repo.initial, to: 'main' });

    expect(shipment.truncated).toBe(true);
    expect(shipment.commits).toHaveLength(200);
    expect(shipment.commits[0]!.subject).toBe('bulk 205');
  });
});
