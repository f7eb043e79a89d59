// One dyno: one OS process group running a Procfile command, restarted after
// crashes with Heroku's growing backoff and reporting Heroku's platform events.
import { constants } from 'node:os';
import { execa } from 'execa';
import type { Clock } from '../../domain/clock.js';
import { crashBackoffMs, STABLE_AFTER_MS } from './backoff.js';
import { hasBooted } from './boot-check.js';
import { buildDynoEnv } from './dyno-env.js';
import { createLineSplitter } from './lines.js';
import { groupRunning } from './proc-stat.js';

/** 'complete': a one-off process (the release phase) that ended, whatever its status, as Heroku logs it. */
export type DynoState = 'starting' | 'up' | 'crashed' | 'down' | 'complete';

export interface DynoOptions {
  /** 'web.1', 'worker.2', 'release.3' */
  name: string;
  /** The Procfile command line; run by a shell because the user wrote shell syntax, as Heroku runs `bash -c`. */
  command: string;
  /** The release's slug folder. */
  cwd: string;
  /** Config vars and add-on URLs; PORT, DYNO and the engine's PATH are added here, nothing else is inherited. */
  env: Record<string, string>;
  port?: number;
  /** Web dynos: 'up' once 127.0.0.1:port accepts connections (and `path` answers < 500); else R10 after timeoutMs. */
  bootCheck?: { timeoutMs: number; path?: string };
  /** 'never' for one-off and release processes. */
  restart: 'on-crash' | 'never';
  clock: Clock;
  /** One call per line of output. */
  onOutput: (text: string, stream: 'stdout' | 'stderr') => void;
  /** Platform events in Heroku's wording. */
  onEvent: (text: string) => void;
  onState?: (state: DynoState) => void;
}

export interface DynoHandle {
  readonly name: string;
  readonly state: DynoState;
  readonly pid: number | undefined;
  /** Of the current OS process. */
  readonly startedAt: number;
  readonly restarts: number;
  /** Resolves with the exit code once a process with restart 'never' ends (release phase), or once the dyno is stopped. */
  readonly exit: Promise<number>;
  /** SIGTERM to the whole process group, SIGKILL after graceMs; resolves when it is gone; state 'down'; no more restarts. */
  stop(graceMs?: number): Promise<void>;
}

const DEFAULT_GRACE_MS = 10_000;
const BOOT_PROBE_INTERVAL_MS = 50;
const GROUP_POLL_INTERVAL_MS = 20;

interface Run {
  pid: number | undefined;
  startedAt: number;
  /** The group leader has exited (its output may still be draining). */
  exited: boolean;
  bootTimer?: unknown;
  bootTimedOut: boolean;
  finished: Promise<void>;
}

export function startDyno(options: DynoOptions): DynoHandle {
  const { clock, onEvent } = options;
  let state: DynoState = 'starting';
  let run: Run | undefined;
  let restarts = 0;
  let consecutiveCrashes = 0;
  let restartTimer: unknown;
  let stopping: Promise<void> | undefined;
  let lastStatus = 0;
  let resolveExit!: (code: number) => void;
  const exit = new Promise<number>((resolve) => (resolveExit = resolve));

  function setState(next: DynoState) {
    if (next === state) return;
    onEvent(`State changed from ${state} to ${next}`);
    state = next;
    options.onState?.(next);
  }

  function spawnProcess() {
    onEvent(`Starting process with command \`${options.command}\``);
    const subprocess = execa('/bin/sh', ['-c', options.command], {
      cwd: options.cwd,
      env: buildDynoEnv(options, process.env),
      extendEnv: false,
      // Its own process group, so stop reaches every process the command started.
      detached: true,
      cleanup: false,
      stdin: 'ignore',
      buffer: false,
      reject: false,
    });
    let markFinished!: () => void;
    const current: Run = {
      pid: subprocess.pid,
      startedAt: clock.now(),
      exited: false,
      bootTimedOut: false,
      finished: new Promise((resolve) => (markFinished = resolve)),
    };
    run = current;

    const stdout = createLineSplitter((line) => options.onOutput(line, 'stdout'));
    const stderr = createLineSplitter((line) => options.onOutput(line, 'stderr'));
    subprocess.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    subprocess.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    subprocess.once('exit', () => {
      current.exited = true;
      // Like Heroku, the dyno ends with its main process: what it left running goes too.
      if (!stopping) signalGroup(current.pid, 'SIGKILL');
    });

    void subprocess.then((result) => {
      // The promise settles after the output pipes close, so no output is lost.
      stdout.flush();
      stderr.flush();
      current.exited = true;
      clock.clearTimeout(current.bootTimer);
      if (result.exitCode === undefined && result.signal === undefined) {
        onEvent(
          `Process failed to start: ${(result.originalMessage || result.shortMessage || 'unknown error').split('\n')[0]}`,
        );
      }
      lastStatus = exitStatus(result.exitCode, result.signal);
      onEvent(`Process exited with status ${lastStatus}`);
      markFinished();
      if (!stopping) afterExit(current);
    });

    if (current.pid === undefined) return; // it could not start; the promise above reports why
    if (options.port !== undefined && options.bootCheck) watchBoot(current, options.port, options.bootCheck);
    else setState('up');
  }

  function afterExit(ended: Run) {
    if (options.restart === 'never') {
      setState(ended.pid !== undefined ? 'complete' : 'crashed');
      resolveExit(lastStatus);
      return;
    }
    setState('crashed');
    consecutiveCrashes = clock.now() - ended.startedAt >= STABLE_AFTER_MS ? 1 : consecutiveCrashes + 1;
    restartTimer = clock.setTimeout(() => {
      restartTimer = undefined;
      if (stopping) return;
      restarts += 1;
      setState('starting');
      spawnProcess();
    }, crashBackoffMs(consecutiveCrashes));
  }

  function watchBoot(current: Run, port: number, check: { timeoutMs: number; path?: string }) {
    const waiting = () => run === current && !current.exited && !current.bootTimedOut && !stopping;
    current.bootTimer = clock.setTimeout(() => {
      if (!waiting()) return;
      current.bootTimedOut = true;
      onEvent(
        `Error R10 (Boot timeout) -> Web process failed to bind to $PORT within ${Math.round(check.timeoutMs / 1000)} seconds of launch`,
      );
      onEvent('Stopping process with SIGKILL');
      signalGroup(current.pid, 'SIGKILL');
    }, check.timeoutMs);
    void (async () => {
      while (waiting()) {
        if ((await hasBooted(port, check.path)) && waiting()) {
          clock.clearTimeout(current.bootTimer);
          setState('up');
          return;
        }
        // Real time: this waits on the network; only the deadline is policy, on the clock.
        await new Promise((resolve) => setTimeout(resolve, BOOT_PROBE_INTERVAL_MS));
      }
    })();
  }

  async function shutDown(graceMs: number) {
    clock.clearTimeout(restartTimer);
    restartTimer = undefined;
    const current = run;
    if (current && !current.exited) {
      clock.clearTimeout(current.bootTimer);
      onEvent('Stopping all processes with SIGTERM');
      signalGroup(current.pid, 'SIGTERM');
      const grace = clock.setTimeout(() => {
        onEvent(
          `Error R12 (Exit timeout) -> At least one process failed to exit within ${Math.round(graceMs / 1000)} seconds of SIGTERM`,
        );
        onEvent('Stopping remaining processes with SIGKILL');
        signalGroup(current.pid, 'SIGKILL');
      }, graceMs);
      await current.finished;
      // Children that closed their output can outlive the leader; gone means the whole group.
      while (current.pid !== undefined && (await groupRunning(current.pid))) {
        await new Promise((resolve) => setTimeout(resolve, GROUP_POLL_INTERVAL_MS));
      }
      clock.clearTimeout(grace);
    } else if (current) {
      await current.finished;
    }
    setState('down');
    resolveExit(lastStatus);
  }

  options.onState?.(state);
  spawnProcess();

  return {
    name: options.name,
    get state() {
      return state;
    },
    get pid() {
      return run && !run.exited ? run.pid : undefined;
    },
    get startedAt() {
      return run?.startedAt ?? 0;
    },
    get restarts() {
      return restarts;
    },
    exit,
    stop(graceMs = DEFAULT_GRACE_MS) {
      stopping ??= shutDown(graceMs);
      return stopping;
    },
  };
}

/** Heroku's convention: a process killed by a signal exits with 128 + the signal number (143 for SIGTERM). */
export function exitStatus(exitCode: number | undefined, signal: string | undefined): number {
  if (exitCode !== undefined) return exitCode;
  const number = signal ? constants.signals[signal as keyof typeof constants.signals] : undefined;
  return number !== undefined ? 128 + number : 1;
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals) {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}
