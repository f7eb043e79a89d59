// The test gate that runs before every deploy: the ref is resolved to a commit,
// that commit is exported into a fresh folder (never the working tree, so
// uncommitted files cannot make it pass), and the command line the user wrote
// in dynodeck.yml runs there. That command line is the one place a shell is
// used; git and tar get argument arrays. The command sees a clean environment
// with none of the caller's tokens, and runs in its own process group so a
// cancel or a timeout stops everything it started.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { createGitRunner } from '../git/run-git.js';
import { resolveCommit } from '../git/shipping.js';

export type GateResult =
  | { ok: true; sha: string; durationMs: number }
  | {
      ok: false;
      sha?: string;
      reason: string;
      /** The ref names nothing in the repository: no test ran. */
      unknownRef?: boolean;
      exitCode?: number;
      /** The last TAIL_LINES lines of output. */
      tail: string[];
      durationMs: number;
    };

export interface TestGateOptions {
  repo: string;
  ref: string;
  /** A command line from dynodeck.yml, run with `/bin/sh -c`. */
  command: string;
  /** Every output line, stdout and stderr as they arrive, without line endings. */
  onLine: (line: string) => void;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export const TAIL_LINES = 20;
const DEFAULT_TIMEOUT_MS = 15 * 60_000;
/** How long the command's processes get to stop after SIGTERM. */
const KILL_GRACE_MS = 2_000;
/** How long output may keep flowing once the command itself has exited. */
const DRAIN_MS = 1_000;
/** A line longer than this is delivered in pieces rather than held in memory. */
const MAX_LINE = 64 * 1024;
const DEFAULT_PATH = '/usr/local/bin:/usr/bin:/bin';

/**
 * Process groups of gates still running. A detached group would outlive
 * dynodeck, so whatever is left when it exits is killed.
 */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

function trackGroup(pid: number): void {
  liveGroups.add(pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const group of liveGroups) {
      try {
        process.kill(-group, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  });
}

export async function runTestGate(options: TestGateOptions): Promise<GateResult> {
  const { repo, ref, command, signal } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const started = Date.now();
  const tail: string[] = [];
  const onLine = (line: string): void => {
    tail.push(line);
    if (tail.length > TAIL_LINES) tail.shift();
    options.onLine(line);
  };
  const fail = (reason: string, extra: { sha?: string; exitCode?: number; unknownRef?: boolean } = {}): GateResult => ({
    ok: false,
    ...extra,
    reason,
    tail: [...tail],
    durationMs: Date.now() - started,
  });
  const cancelled = 'tests were cancelled';

  if (signal?.aborted) return fail(cancelled);
  let sha: string | undefined;
  let dir: string | undefined;
  try {
    sha = await resolveCommit(createGitRunner(repo), ref);
    if (!sha) return fail(`"${ref}" is not a branch, tag or commit`, { unknownRef: true });
    if (signal?.aborted) return fail(cancelled, { sha });

    dir = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-gate-'));
    const tree = await exportCommit(repo, sha, dir);
    if (signal?.aborted) return fail(cancelled, { sha });

    const outcome = await runCommand({ command, cwd: tree, onLine, signal, timeoutMs });
    if (outcome.kind === 'cancelled') return fail(cancelled, { sha });
    if (outcome.kind === 'timed out') return fail(`tests timed out after ${formatDuration(timeoutMs)}`, { sha });
    if (outcome.kind === 'spawn failed') return fail(`could not start the tests: ${outcome.message}`, { sha });
    if (outcome.exitCode === 0) return { ok: true, sha, durationMs: Date.now() - started };
    if (outcome.exitCode !== null) {
      return fail(`tests failed (exit status ${outcome.exitCode}) in ${sha.slice(0, 7)}`, {
        sha,
        exitCode: outcome.exitCode,
      });
    }
    return fail(`tests failed (killed by ${outcome.signal ?? 'a signal'}) in ${sha.slice(0, 7)}`, { sha });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error), sha ? { sha } : {});
  } finally {
    // Best effort: a folder the tests made undeletable must not hide the result.
    if (dir) await rm(dir, { recursive: true, force: true, maxRetries: 2 }).catch(() => undefined);
  }
}

/** `git archive <sha> | tar -x`, without a shell: through a file in `dir`. */
async function exportCommit(repo: string, sha: string, dir: string): Promise<string> {
  const file = path.join(dir, 'source.tar');
  const tree = path.join(dir, 'source');
  await mkdir(tree);
  const archive = await execa('git', ['archive', '--format=tar', '-o', file, sha], {
    cwd: repo,
    reject: false,
    stdin: 'ignore',
    env: { GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
  });
  if (archive.exitCode !== 0)
    throw new Error(
      `could not export ${sha.slice(0, 7)}: ${firstLine(archive.stderr) ?? archive.code ?? 'git archive failed'}`,
    );
  const untar = await execa('tar', ['-xf', file, '-C', tree], { reject: false, stdin: 'ignore' });
  if (untar.exitCode !== 0)
    throw new Error(`could not export ${sha.slice(0, 7)}: ${firstLine(untar.stderr) ?? untar.code ?? 'tar failed'}`);
  await rm(file, { force: true });
  return tree;
}

type Outcome =
  | { kind: 'exited'; exitCode: number | null; signal: NodeJS.Signals | null }
  | { kind: 'cancelled' }
  | { kind: 'timed out' }
  | { kind: 'spawn failed'; message: string };

interface RunCommandOptions {
  command: string;
  cwd: string;
  onLine: (line: string) => void;
  signal: AbortSignal | undefined;
  timeoutMs: number;
}

function runCommand({ command, cwd, onLine, signal, timeoutMs }: RunCommandOptions): Promise<Outcome> {
  return new Promise((resolve) => {
    // The shell first points its stderr at its stdout, so both reach us through
    // one pipe in the order they were written (two pipes would reorder them).
    // The user's command line follows verbatim on its own line.
    // detached: the shell leads a new process group, which kill() signals whole.
    const child = spawn('/bin/sh', ['-c', `exec 2>&1\n${command}`], {
      cwd,
      env: cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stopping: 'cancelled' | 'timed out' | undefined;
    let exit: { exitCode: number | null; signal: NodeJS.Signals | null } | undefined;
    let spawnError: Error | undefined;
    let openStreams = 2;
    const timers: NodeJS.Timeout[] = [];
    if (child.pid !== undefined) trackGroup(child.pid);

    const killGroup = (sig: NodeJS.Signals): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, sig);
      } catch {
        // ESRCH: the group is already gone.
      }
    };
    const stop = (why: 'cancelled' | 'timed out'): void => {
      if (stopping || exit) return;
      stopping = why;
      killGroup('SIGTERM');
      timers.push(setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS));
    };
    const onAbort = (): void => stop('cancelled');
    signal?.addEventListener('abort', onAbort, { once: true });
    timers.push(setTimeout(() => stop('timed out'), timeoutMs));

    const finish = (): void => {
      if (openStreams > 0 || (!exit && !spawnError)) return;
      for (const timer of timers) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (child.pid !== undefined) liveGroups.delete(child.pid);
      if (spawnError) resolve({ kind: 'spawn failed', message: spawnError.message });
      else if (stopping) resolve({ kind: stopping });
      else resolve({ kind: 'exited', ...exit! });
    };

    for (const stream of [child.stdout, child.stderr]) {
      let pending = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        pending += chunk;
        let newline: number;
        while ((newline = pending.indexOf('\n')) !== -1) {
          onLine(stripCr(pending.slice(0, newline)));
          pending = pending.slice(newline + 1);
        }
        while (pending.length > MAX_LINE) {
          onLine(pending.slice(0, MAX_LINE));
          pending = pending.slice(MAX_LINE);
        }
      });
      stream.once('close', () => {
        if (pending !== '') onLine(stripCr(pending));
        pending = '';
        openStreams -= 1;
        finish();
      });
    }

    child.once('error', (error) => {
      spawnError = error;
      child.stdout.destroy();
      child.stderr.destroy();
      finish();
    });
    child.once('exit', (exitCode, exitSignal) => {
      exit = { exitCode, signal: exitSignal };
      // Whatever the command left running in its group stops with it; output
      // from anything that escaped the group is not waited for long.
      killGroup('SIGKILL');
      timers.push(
        setTimeout(() => {
          child.stdout.destroy();
          child.stderr.destroy();
        }, DRAIN_MS),
      );
      finish();
    });
  });
}

/** Only what a test run needs; nothing of the caller's (no tokens). */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH || DEFAULT_PATH, CI: 'true', NODE_ENV: 'test' };
  if (process.env.HOME) env.HOME = process.env.HOME;
  if (process.env.LANG) env.LANG = process.env.LANG;
  return env;
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

function firstLine(text: string): string | undefined {
  return text
    .split('\n')
    .find((line) => line.trim() !== '')
    ?.trim();
}

export function formatDuration(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms >= 1_000) return `${Math.round(ms / 100) / 10} s`;
  return `${ms} ms`;
}
