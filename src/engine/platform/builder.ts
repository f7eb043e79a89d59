// Turns an uploaded source tarball into a slug folder: extract into a fresh folder,
// run the configured build command there, read the Procfile. Output is Heroku-like.
// Every step runs in its own process group, recorded like a dyno, so that a stopped
// or killed engine leaves no build process behind; a build past its time limit is
// killed and fails, whatever it was doing.
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { execa, type Options } from 'execa';
import type { Clock } from '../../domain/clock.js';
import { parseProcfile } from '../runtime/procfile.js';
import type { OutputWriter } from './output-streams.js';
import { streamLines } from './stream-lines.js';
import { formatLimit } from './time-limits.js';

export interface BuildInput {
  tarball: string;
  /** An empty folder that becomes the slug. */
  dir: string;
  /** The user's build command line, run with /bin/sh like a Procfile entry. */
  command?: string;
  env: Record<string, string>;
  output: OutputWriter;
  /** Where the build's processes are recorded while they run, under `processName`. */
  processes: ProcessTracker;
  processName: string;
  /** The whole build's time limit. */
  timeoutMs: number;
  clock: Clock;
}

export interface ProcessTracker {
  track(name: string, pid: number | undefined): void;
  untrack(name: string): void;
}

export type BuildResult =
  { ok: true; processTypes: Record<string, string>; size: number } | { ok: false; reason: string };

/** The running build: its current step's process group, and whether its time is up. */
interface BuildRun {
  input: BuildInput;
  pid?: number;
  timedOut: boolean;
}

export async function buildSlug(input: BuildInput): Promise<BuildResult> {
  const run: BuildRun = { input, timedOut: false };
  const timer = input.clock.setTimeout(() => {
    run.timedOut = true;
    signalGroup(run.pid, 'SIGKILL');
  }, input.timeoutMs);
  try {
    const result = await build(run);
    return run.timedOut ? fail(input.output, `the build timed out after ${formatLimit(input.timeoutMs)}`) : result;
  } finally {
    input.clock.clearTimeout(timer);
  }
}

async function build(run: BuildRun): Promise<BuildResult> {
  const { input } = run;
  const { output } = input;
  output.write('-----> Extracting source\n');
  const extract = await runStep(run, 'tar', ['-xf', input.tarball, '-C', input.dir], {});
  if (run.timedOut) return { ok: false, reason: 'timed out' };
  if (extract.exitCode !== 0)
    return fail(output, `the source is not a readable tar archive (${firstLine(extract.all)})`);

  let procfile: string;
  try {
    procfile = await readFile(path.join(input.dir, 'Procfile'), 'utf8');
  } catch {
    return fail(output, 'there is no Procfile at the root of the source');
  }
  const parsed = parseProcfile(procfile);
  for (const problem of parsed.problems) output.write(` !     ${problem}\n`);
  if (parsed.processes.size === 0) return fail(output, 'the Procfile declares no process types');

  if (input.command) {
    output.write(`-----> Running build command: ${input.command}\n`);
    const result = await runStep(run, '/bin/sh', ['-c', input.command], {
      cwd: input.dir,
      env: input.env,
      extendEnv: false,
      onLine: (line) => output.write(`       ${line}\n`),
    });
    if (run.timedOut) return { ok: false, reason: 'timed out' };
    if (result.exitCode !== 0)
      return fail(output, `build command "${input.command}" exited with status ${result.exitCode ?? result.signal}`);
  }

  const types = [...parsed.processes.keys()];
  output.write(`-----> Discovering process types\n       Procfile declares types -> ${types.join(', ')}\n`);
  const size = await folderSize(input.dir);
  output.write(`-----> Compressing...\n       Done: ${(size / 1024 / 1024).toFixed(1)}M\n`);
  return { ok: true, processTypes: Object.fromEntries(parsed.processes), size };
}

/** Runs one step in its own process group, recorded while it runs; what it leaves running ends with it. */
async function runStep(
  run: BuildRun,
  file: string,
  args: string[],
  options: Pick<Options, 'cwd' | 'env' | 'extendEnv'> & { onLine?: (line: string) => void },
): Promise<{ exitCode?: number; signal?: string; all: string }> {
  const { input } = run;
  if (run.timedOut) return { all: '' };
  const { onLine, ...execaOptions } = options;
  const child = execa(file, args, {
    ...execaOptions,
    reject: false,
    all: true,
    stdin: 'ignore',
    detached: true,
    cleanup: false,
  });
  run.pid = child.pid;
  input.processes.track(input.processName, child.pid);
  // Like a dyno, the step ends with its main process: a background child must not keep the build open.
  child.once('exit', () => signalGroup(child.pid, 'SIGKILL'));
  try {
    if (onLine) await streamLines(child.all, onLine);
    const { exitCode, signal, all } = await child;
    return { exitCode, signal, all: String(all ?? '') };
  } finally {
    run.pid = undefined;
    input.processes.untrack(input.processName);
  }
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals) {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

function fail(output: OutputWriter, reason: string): BuildResult {
  output.write(` !     Build failed: ${reason}\n`);
  return { ok: false, reason };
}

function firstLine(text: string | undefined): string {
  return (
    (text ?? '')
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? 'no output'
  );
}

async function folderSize(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}
