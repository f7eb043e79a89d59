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
