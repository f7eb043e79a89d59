// Runs one git command in a folder. Arguments always travel as an array, never
// through a shell, so branch names from user files cannot become shell syntax.
import { stat } from 'node:fs/promises';
import { execa } from 'execa';

export interface GitResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Runs `git <args>`; resolves with the result even when git exits non-zero. */
export type GitRunner = (args: readonly string[]) => Promise<GitResult>;

export class GitNotInstalledError extends Error {
  constructor() {
    super('git is not installed (needed to read branches)');
    this.name = 'GitNotInstalledError';
  }
}

export class FolderMissingError extends Error {
  constructor(cwd: string) {
    super(`not a git repository: ${cwd} (no such folder)`);
    this.name = 'FolderMissingError';
  }
}

/** `gitBinary` exists so tests can simulate a machine without git. */
export function createGitRunner(cwd: string, gitBinary = 'git'): GitRunner {
  return async (args) => {
    const result = await execa(gitBinary, [...args], {
      cwd,
      reject: false,
      stdin: 'ignore',
      // No prompts for credentials, and English messages we can recognise.
      env: { GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
    });
    if (result.exitCode === undefined) {
      // Spawning failed: execa reports a missing cwd and a missing binary alike.
      if (result.code === 'ENOENT' && !(await isFolder(cwd))) throw new FolderMissingError(cwd);
      if (result.code === 'ENOENT') throw new GitNotInstalledError();
      throw new Error(`could not run git in ${cwd}: ${result.code ?? 'unknown error'}`);
    }
    return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode };
  };
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** A failed git call in words: the folder, the subcommand and git's first line of complaint. */
export function gitFailure(cwd: string, subcommand: string, stderr: string, exitCode: number | undefined): Error {
  if (/not a git repository/i.test(stderr)) return new Error(`not a git repository: ${cwd}`);
  const reason = stderr.split('\n').find((line) => line.trim() !== '') ?? `exit code ${exitCode}`;
  return new Error(`git ${subcommand} failed in ${cwd}: ${reason.trim()}`);
}

/** Runs `fn` over `items`, at most `limit` at a time (git processes on a 2-core machine). */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
