// Turns an uploaded source tarball into a slug folder: extract into a fresh folder,
// run the configured build command there, read the Procfile. Output is Heroku-like.
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { parseProcfile } from '../runtime/procfile.js';
import type { OutputWriter } from './output-streams.js';
import { streamLines } from './stream-lines.js';

export interface BuildInput {
  tarball: string;
  /** An empty folder that becomes the slug. */
  dir: string;
  /** The user's build command line, run with /bin/sh like a Procfile entry. */
  command?: string;
  env: Record<string, string>;
  output: OutputWriter;
}

export type BuildResult =
  { ok: true; processTypes: Record<string, string>; size: number } | { ok: false; reason: string };

export async function buildSlug(input: BuildInput): Promise<BuildResult> {
  const { output } = input;
  output.write('-----> Extracting source\n');
  const extract = await execa('tar', ['-xf', input.tarball, '-C', input.dir], { reject: false, all: true });
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
    const child = execa('/bin/sh', ['-c', input.command], {
      cwd: input.dir,
      env: input.env,
      extendEnv: false,
      reject: false,
      all: true,
      stdin: 'ignore',
    });
    await streamLines(child.all!, (line) => output.write(`       ${line}\n`));
    const result = await child;
    if (result.exitCode !== 0)
      return fail(output, `build command "${input.command}" exited with status ${result.exitCode ?? result.signal}`);
  }

  const types = [...parsed.processes.keys()];
  output.write(`-----> Discovering process types\n       Procfile declares types -> ${types.join(', ')}\n`);
  const size = await folderSize(input.dir);
  output.write(`-----> Compressing...\n       Done: ${(size / 1024 / 1024).toFixed(1)}M\n`);
  return { ok: true, processTypes: Object.fromEntries(parsed.processes), size };
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
