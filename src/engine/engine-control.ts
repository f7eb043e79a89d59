// Starting, finding and stopping a project's engine from the CLI and the deck.
import { closeSync, openSync, readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { enginePaths } from './engine-paths.js';
import { isAlive, readEngineInfo, type EngineInfo } from './engine-lockfile.js';
import { readToken } from './engine-token.js';
import { packageRoot } from '../package-root.js';

export interface EngineConnection {
  info: EngineInfo;
  url: string;
  token: string;
}

export function findEngine(projectRoot: string): EngineConnection | undefined {
  const paths = enginePaths(projectRoot);
  const info = readEngineInfo(paths.lockfile);
  const token = readToken(paths.token);
  if (!info || !token) return undefined;
  return { info, url: `http://127.0.0.1:${info.port}`, token };
}

/** Starts the engine in the background unless one runs; resolves once it answers. */
export async function startEngine(
  projectRoot: string,
  opts: { configFile?: string; timeoutMs?: number } = {},
): Promise<{ connection: EngineConnection; started: boolean }> {
  const existing = findEngine(projectRoot);
  if (existing && (await answers(existing))) return { connection: existing, started: false };

  const paths = enginePaths(projectRoot);
  const { mkdirSync } = await import('node:fs');
  mkdirSync(paths.engineDir, { recursive: true, mode: 0o700 });
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
  };
  const child = spawn(process.execPath, args, { cwd: projectRoot, detached: true, stdio: ['ignore', log, log], env });
  child.unref();
  closeSync(log);

  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  for (;;) {
    const found = findEngine(projectRoot);
    if (found && found.info.pid === child.pid && (await answers(found))) return { connection: found, started: true };
    if (child.exitCode !== null || (child.pid !== undefined && !isAlive(child.pid))) {
      throw new Error(`the engine did not start:\n${tailOf(paths.log, 10)}`);
    }
    if (Date.now() > deadline)
      throw new Error(
        `the engine did not answer within ${Math.round((opts.timeoutMs ?? 20_000) / 1000)} s; see ${paths.log}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Asks the engine to stop its environments and exit; resolves once the process is gone. */
export async function stopEngine(projectRoot: string, timeoutMs = 30_000): Promise<boolean> {
  const found = findEngine(projectRoot);
  if (!found) return false;
  try {
    await fetch(`${found.url}/engine/shutdown`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${found.token}`, Accept: 'application/vnd.heroku+json; version=3' },
      signal: AbortSignal.timeout(5000),
    });
  } catch {
    process.kill(found.info.pid, 'SIGTERM');
  }
  const deadline = Date.now() + timeoutMs;
  while (isAlive(found.info.pid)) {
    if (Date.now() > deadline) {
      process.kill(found.info.pid, 'SIGKILL');
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

async function answers(c: EngineConnection): Promise<boolean> {
  try {
    const res = await fetch(`${c.url}/engine`, {
      headers: { Authorization: `Bearer ${c.token}` },
      signal: AbortSignal.timeout(2000),
    });
    return res.ok;
  } catch {
    return false;
  }
}

function tailOf(file: string, lines: number): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no engine log)';
  }
}
