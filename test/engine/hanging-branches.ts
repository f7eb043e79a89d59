// Branches of the engine fixture whose build, release phase or boot never ends on its own,
// each telling a witness folder the pids of its processes, so tests can check that the
// engine really ends them (and not just forgets them).
import { mkdir, readFile, readdir, readlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FixtureRepo } from '../helpers/engine-fixture.js';
import { readProcStat } from '../../src/engine/runtime/proc-stat.js';
import { waitFor } from '../helpers/wait-for-frame.js';

export interface HangingBranches {
  /** Resolves with the pid a hanging step wrote ('build', 'build-child', 'release'). */
  pid(name: 'build' | 'build-child' | 'release'): Promise<number>;
}

export async function addHangingBranches(repo: FixtureRepo): Promise<HangingBranches> {
  const witness = path.join(repo.root, 'witness');
  await mkdir(witness, { recursive: true });
  const branch = async (name: string, files: Record<string, string>) => {
    await repo.git('checkout', '-q', '-b', name, 'main');
    for (const [file, text] of Object.entries(files)) await writeFile(path.join(repo.root, file), text);
    await repo.git('commit', '-q', '-am', name);
    await repo.git('checkout', '-q', 'main');
  };
  // A build command with a child of its own, both waiting forever.
  await branch('hung-build', {
    'build.sh': `echo $$ > ${witness}/build.pid\nsleep 600 &\necho $! > ${witness}/build-child.pid\nwait\n`,
  });
  // A release phase that hangs and ignores SIGTERM, like a migration stuck on a lock.
  await branch('hung-release', {
    'release.js': `require('node:fs').writeFileSync(${JSON.stringify(`${witness}/release.pid`)}, String(process.pid));
process.on('SIGTERM', () => console.log('ignoring SIGTERM'));
console.log('Running migrations (waiting on a lock)');
setInterval(() => {}, 1000);
`,
  });
  // A web process that runs but never listens on $PORT.
  await branch('hung-boot', { 'web.js': `console.log('warming caches');\nsetInterval(() => {}, 1000);\n` });
  return {
    async pid(name) {
      const text = await waitFor(
        () =>
          readFile(path.join(witness, `${name}.pid`), 'utf8').then(
            (t) => t.trim(),
            () => '',
          ),
        `the ${name} process to start`,
        15_000,
      );
      return Number(text);
    },
  };
}

export async function isRunningPid(pid: number): Promise<boolean> {
  const stat = await readProcStat(pid);
  return stat !== undefined && stat.state !== 'Z' && stat.state !== 'X';
}

export interface ProcessSeen {
  pid: number;
  startTicks: number;
  cwd: string;
}

/** Every live process working in `dir` (dynos, release phases, builds): a witness independent of the engine's records. */
export async function processesWorkingIn(dir: string): Promise<ProcessSeen[]> {
  const found: ProcessSeen[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cwd = await readlink(`/proc/${entry}/cwd`).catch(() => '');
    if (!cwd.startsWith(dir)) continue;
    const stat = await readProcStat(Number(entry));
    if (stat && stat.state !== 'Z' && stat.state !== 'X')
      found.push({ pid: stat.pid, startTicks: stat.startTicks, cwd });
  }
  return found;
}

/** Whether that same process (pid and start time) still runs. */
export async function stillRunning(p: { pid: number; startTicks: number }): Promise<boolean> {
  const stat = await readProcStat(p.pid);
  return stat !== undefined && stat.startTicks === p.startTicks && stat.state !== 'Z' && stat.state !== 'X';
}

/** Test clean-up: nothing a failing run left behind outlives the test. */
export async function killProcessesWorkingIn(dir: string): Promise<void> {
  for (const p of await processesWorkingIn(dir)) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
