// Starting, finding and stopping a project's engine from the CLI and the deck.
import { closeSync, mkdirSync, openSync, readFileSync, statSync } from 'node:fs';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { enginePaths } from './engine-paths.js';
import {
  claimOwner,
  isAlive,
  isSameProcess,
  readEngineInfo,
  readLegacyEngine,
  type EngineInfo,
} from './engine-lockfile.js';
import { readToken } from './engine-token.js';
import { packageRoot } from '../package-root.js';
import { traceWanted } from './start-trace.js';

export interface EngineConnection {
  info: EngineInfo;
  url: string;
  token: string;
}

/**
 * The project's engine, once it is proven to be it: the process that wrote engine.json
 * still runs (pid and start time) and the API on the recorded port answers with the
 * recorded instance id. Only then is the token handed out, so a stale record never gets
 * it sent to whatever program holds that port now.
 */
export async function findEngine(projectRoot: string): Promise<EngineConnection | undefined> {
  const paths = enginePaths(projectRoot);
  const info = readEngineInfo(paths.lockfile);
  if (!info) return undefined;
  const url = `http://127.0.0.1:${info.port}`;
  if (!(await answersAs(url, info))) return undefined;
  const token = readToken(paths.token);
  return token ? { info, url, token } : undefined;
}

/** Asks the port who it is, without credentials. */
async function answersAs(url: string, info: EngineInfo): Promise<boolean> {
  try {
    const res = await fetch(`${url}/engine/identity`, {
      headers: { Accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(IDENTITY_TIMEOUT_MS),
    });
    if (!res.ok) {
      void res.body?.cancel().catch(() => undefined);
      return false;
    }
    const body = (await res.json()) as { instance_id?: unknown };
    return body.instance_id === info.instanceId;
  } catch {
    return false;
  }
}

const IDENTITY_TIMEOUT_MS = 2000;

/** Starts in flight in this process, by project folder: the demo's setup and the deck it opens share one. */
const starting = new Map<string, Promise<{ connection: EngineConnection; started: boolean }>>();

/**
 * Starts the engine in the background unless one runs; resolves once it answers. Callers
 * in one process that ask at once share the start; when another process's engine won the
 * project's claim, this waits for that engine instead of failing.
 */
export function startEngine(
  projectRoot: string,
  opts: { configFile?: string; timeoutMs?: number } = {},
): Promise<{ connection: EngineConnection; started: boolean }> {
  const key = path.resolve(projectRoot);
  const pending = starting.get(key);
  if (pending) return pending;
  const start = launchEngine(projectRoot, opts).finally(() => starting.delete(key));
  starting.set(key, start);
  return start;
}

async function launchEngine(
  projectRoot: string,
  opts: { configFile?: string; timeoutMs?: number },
): Promise<{ connection: EngineConnection; started: boolean }> {
  const existing = await findEngine(projectRoot);
  if (existing) return { connection: existing, started: false };

  const paths = enginePaths(projectRoot);
  mkdirSync(paths.engineDir, { recursive: true, mode: 0o700 });
  const logStart = sizeOf(paths.log);
  const log = openSync(paths.log, 'a');
  const args = [
    path.join(packageRoot(), 'bin', 'dynodeck.js'),
    'engine',
    'run',
    ...(opts.configFile ? ['--config', opts.configFile] : []),
  ];
  // Only what programs need to run; tokens and other secrets of the caller stay out of the engine.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LANG: process.env.LANG ?? 'C.UTF-8',
    CI: 'true',
    ...(traceWanted(process.env) ? { DYNODECK_ENGINE_TRACE: '1' } : {}),
  };
  const child = spawn(process.execPath, args, { cwd: projectRoot, detached: true, stdio: ['ignore', log, log], env });
  child.unref();
  closeSync(log);

  const timeoutMs = opts.timeoutMs ?? 20_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await findEngine(projectRoot);
    // Ours, or one another process started at the same moment (ours then gave way to it).
    if (found) return { connection: found, started: found.info.pid === child.pid };
    const childGone = child.exitCode !== null || (child.pid !== undefined && !isAlive(child.pid));
    if (childGone && !anotherEngineStarting(paths.claim, child.pid)) {
      throw new Error(`the engine did not start:\n${tailOf(paths.log, logStart, 10)}`);
    }
    if (Date.now() > deadline)
      throw new Error(`the engine did not answer within ${Math.round(timeoutMs / 1000)} s; see ${paths.log}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Another live process holds the project's claim: an engine that is still starting (or running). */
function anotherEngineStarting(claim: string, ourChild: number | undefined): boolean {
  const owner = claimOwner(claim);
  return owner !== undefined && owner !== ourChild;
}

/**
 * Asks the engine to stop its environments and exit; resolves once the process is gone.
 * Signals go only to the process that wrote engine.json (same pid and start time), never
 * to a later program that was given the same pid.
 */
export async function stopEngine(projectRoot: string, timeoutMs = 30_000): Promise<boolean> {
  const lockfile = enginePaths(projectRoot).lockfile;
  const info = readEngineInfo(lockfile) ?? readLegacyEngine(lockfile, projectRoot);
  if (!info) return false;
  const found = await findEngine(projectRoot);
  let asked = false;
  if (found) {
    try {
      const res = await fetch(`${found.url}/engine/shutdown`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${found.token}`, Accept: 'application/vnd.heroku+json; version=3' },
        signal: AbortSignal.timeout(5000),
      });
      asked = res.ok;
    } catch {
      asked = false;
    }
  }
  // The process is the engine but its API does not answer (hung, or still starting).
  if (!asked) signalEngine(info, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (isSameProcess(info.pid, info.startTicks)) {
    if (Date.now() > deadline) {
      signalEngine(info, 'SIGKILL');
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

function signalEngine(info: { pid: number; startTicks: number }, signal: NodeJS.Signals) {
  if (!isSameProcess(info.pid, info.startTicks)) return;
  try {
    process.kill(info.pid, signal);
  } catch {
    // gone in between
  }
}

/** The last lines this start wrote to the engine log (earlier runs' lines are not its story). */
function tailOf(file: string, from: number, lines: number): string {
  try {
    const written = readFileSync(file).subarray(from).toString('utf8').trimEnd();
    return written ? written.split('\n').slice(-lines).join('\n') : '(the engine wrote nothing to its log)';
  } catch {
    return '(no engine log)';
  }
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
