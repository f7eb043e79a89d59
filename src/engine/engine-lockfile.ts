// engine.json: how clients find a running engine (pid and port), written once it listens.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { writeFileAtomic } from './state/atomic-write.js';

export interface EngineInfo {
  pid: number;
  port: number;
  startedAt: string;
  version: string;
}

export function writeEngineInfo(file: string, info: EngineInfo): void {
  writeFileAtomic(file, `${JSON.stringify(info)}\n`);
}

/** The recorded engine, if its process is still alive. */
export function readEngineInfo(file: string): EngineInfo | undefined {
  let info: EngineInfo;
  try {
    info = JSON.parse(readFileSync(file, 'utf8')) as EngineInfo;
  } catch {
    return undefined;
  }
  if (!Number.isInteger(info.pid) || !Number.isInteger(info.port)) return undefined;
  return isAlive(info.pid) ? info : undefined;
}

export function removeEngineInfo(file: string, pid: number): void {
  try {
    const info = JSON.parse(readFileSync(file, 'utf8')) as EngineInfo;
    if (info.pid === pid) rmSync(file, { force: true });
  } catch {
    // already gone
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Claims the project for one engine: created exclusively, so two engines started at
 * the same moment cannot both run (and kill each other's dynos as leftovers).
 * Returns a function that releases the claim.
 */
export function claimProject(file: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(file, 'utf8'));
      if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) {
        throw new Error(`an engine already runs for this project (pid ${owner})`, { cause: error });
      }
      rmSync(file, { force: true }); // left by an engine that died
    }
  }
  throw new Error(`could not claim ${file}`);
}
