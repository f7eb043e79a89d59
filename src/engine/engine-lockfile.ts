// engine.json: how clients find a running engine (pid, port, and what proves it is that
// engine), written once it listens. A pid alone proves nothing: after a crash or a reboot
// the number may belong to any program, so the record carries the process's start time
// and a random instance id that the engine's API answers with.
import { readFileSync, readlinkSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { writeFileAtomic } from './state/atomic-write.js';
import { readStartTicksSync } from './runtime/pid-records.js';
import { parseProcStat } from './runtime/proc-stat.js';

export interface EngineInfo {
  pid: number;
  /** Field 22 of /proc/<pid>/stat when the engine wrote the record. */
  startTicks: number;
  /** Random per engine run; GET /engine/identity answers with it, without a token. */
  instanceId: string;
  port: number;
  startedAt: string;
  version: string;
}

export function writeEngineInfo(file: string, info: EngineInfo): void {
  writeFileAtomic(file, `${JSON.stringify(info)}\n`, 0o600);
}

/** The recorded engine, if the very process that wrote the record still runs. */
export function readEngineInfo(file: string): EngineInfo | undefined {
  const info = readRecordedEngine(file);
  return info && isSameProcess(info.pid, info.startTicks) ? info : undefined;
}

/** What engine.json says, checked for shape only (the process may be long gone). */
export function readRecordedEngine(file: string): EngineInfo | undefined {
  let parsed: Partial<EngineInfo>;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<EngineInfo>;
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { pid, startTicks, instanceId, port } = parsed;
  if (!isPositiveInteger(pid) || !isPositiveInteger(port) || port > 65_535) return undefined;
  if (!Number.isInteger(startTicks) || typeof instanceId !== 'string' || instanceId === '') return undefined;
  return parsed as EngineInfo;
}

/**
 * An engine started by an earlier dynodeck, whose engine.json has no start time or instance
 * id: recognised by its command line (`… dynodeck … engine run`) and its working folder
 * (the project), so that after an upgrade `engine stop` can still stop it.
 */
export function readLegacyEngine(file: string, projectRoot: string): { pid: number; startTicks: number } | undefined {
  let parsed: Partial<EngineInfo>;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<EngineInfo>;
  } catch {
    return undefined;
  }
  const pid = parsed?.pid;
  if (!isPositiveInteger(pid) || parsed.startTicks !== undefined) return undefined;
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const engineRun = args.some((a) => /dynodeck/.test(a)) && args.join(' ').includes('engine run');
    if (!engineRun || realpathSync(readlinkSync(`/proc/${pid}/cwd`)) !== realpathSync(projectRoot)) return undefined;
  } catch {
    return undefined;
  }
  const startTicks = readStartTicksSync(pid);
  return startTicks === undefined ? undefined : { pid, startTicks };
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

/** Whether `pid` is still the process that had `startTicks` (not a later one given the same number). */
export function isSameProcess(pid: number, startTicks: number): boolean {
  let stat;
  try {
    stat = parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
  // A zombie has finished; it only waits to be reaped.
  return stat !== undefined && stat.startTicks === startTicks && stat.state !== 'Z' && stat.state !== 'X';
}

/**
 * Claims the project for one engine: created exclusively, so two engines started at
 * the same moment cannot both run (and kill each other's dynos as leftovers). The claim
 * names the owner's pid and start time, so a claim left by a dead engine whose pid was
 * reused is recognised as stale. Returns a function that releases the claim.
 */
export function claimProject(file: string): () => void {
  const own = `${process.pid} ${readStartTicksSync(process.pid) ?? ''}`.trim();
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, own, { flag: 'wx' });
      return () => {
        try {
          if (readFileSync(file, 'utf8') === own) rmSync(file, { force: true });
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = claimOwner(file);
      if (owner !== undefined) {
        throw new Error(`an engine already runs for this project (pid ${owner})`, { cause: error });
      }
      rmSync(file, { force: true }); // left by an engine that died
    }
  }
  throw new Error(`could not claim ${file}`);
}

/** The pid holding the claim, if that process still runs; undefined for a stale claim. */
export function claimOwner(file: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const [pidText, ticksText] = text.trim().split(/\s+/);
  const pid = Number(pidText);
  if (!isPositiveInteger(pid)) return undefined;
  // A claim written before start times were recorded: only liveness can be checked.
  if (ticksText === undefined) return isAlive(pid) ? pid : undefined;
  return isSameProcess(pid, Number(ticksText)) ? pid : undefined;
}

function isPositiveInteger(n: unknown): n is number {
  return Number.isInteger(n) && (n as number) > 0;
}
