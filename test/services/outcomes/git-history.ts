// A real git repository with commits at chosen times, for the outcome-gathering tests.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';

export interface DatedRepo {
  root: string;
  git(...args: string[]): Promise<string>;
  /** Commits a change at `at` (epoch ms) on the current branch; returns its sha. */
  commit(message: string, at: number): Promise<string>;
  /** A merge commit (no fast-forward) of `branch` into the current branch at `at`. */
  merge(branch: string, at: number): Promise<string>;
  cleanup(): Promise<void>;
}

export async function createDatedRepo(): Promise<DatedRepo> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-outcomes-'));
  const env = (at?: number) => ({
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 't@example.com',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 't@example.com',
    ...(at !== undefined ? { GIT_AUTHOR_DATE: `@${at / 1000} +0000`, GIT_COMMITTER_DATE: `@${at / 1000} +0000` } : {}),
  });
  const run = async (at: number | undefined, args: string[]) =>
    (await execa('git', ['-c', 'commit.gpgsign=false', ...args], { cwd: root, env: env(at) })).stdout;
  await run(undefined, ['init', '-q', '-b', 'main']);
  let n = 0;
  return {
    root,
    git: (...args) => run(undefined, args),
    async commit(message, at) {
      await writeFile(path.join(root, `file-${n++}.txt`), `${message}\n`);
      await run(at, ['add', '-A']);
      await run(at, ['commit', '-q', '-m', message]);
      return run(undefined, ['rev-parse', 'HEAD']);
    },
    async merge(branch, at) {
      await run(at, ['merge', '-q', '--no-ff', '-m', `merge ${branch}`, branch]);
      return run(undefined, ['rev-parse', 'HEAD']);
    },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}
