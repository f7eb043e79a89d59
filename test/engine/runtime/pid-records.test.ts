import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { killLeftovers, readStartTicks } from '../../../src/engine/runtime/pid-records.js';
import { isRunning } from '../../../src/engine/runtime/proc-stat.js';
import { sampleProcessGroup } from '../../../src/engine/runtime/process-sample.js';
import { waitFor } from '../../helpers/wait-for-frame.js';

const spawned: number[] = [];

/** A process group like a dyno's, left behind by an engine that was killed. */
function orphan(script = 'setInterval(() => {}, 1000)'): number {
  const child = spawn(process.execPath, ['-e', script], { detached: true, stdio: 'ignore' });
  child.unref();
  spawned.push(child.pid!);
  return child.pid!;
}

afterEach(() => {
  for (const pid of spawned.splice(0)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

describe('pid records', () => {
  it('leftover processes recorded by pid and start time are killed, a reused pid is not', async () => {
    const ours = orphan(
      `require('child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'inherit' }); setInterval(() => {}, 1000)`,
    );
    const stranger = orphan();
    const oursTicks = (await readStartTicks(ours))!;
    const strangerTicks = (await readStartTicks(stranger))!;
    expect(oursTicks).toBeGreaterThan(0);
    const grandchild = await waitFor(async () => (await childPid(ours)) ?? false, 'the orphan child');

    const killed = await killLeftovers([
      { name: 'web.1', pid: ours, startTicks: oursTicks },
      // Same pid as a record, different start time: the pid was reused by another process.
      { name: 'web.2', pid: stranger, startTicks: strangerTicks - 1 },
      { name: 'worker.1', pid: 2 ** 22 + 1, startTicks: 1 },
    ]);

    expect(killed).toBe(1);
    expect(await isRunning(ours)).toBe(false);
    await waitFor(async () => !(await isRunning(grandchild)), 'the orphan child gone');
    expect(await isRunning(stranger)).toBe(true);
  });

  it('samples the memory of a process and its descendants', async () => {
    const parent = orphan(
      `require('child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'inherit' }); setInterval(() => {}, 1000)`,
    );
    const single = orphan();
    await waitFor(async () => (await childPid(parent)) ?? false, 'the child');
    const both = await sampleProcessGroup(parent);
    const one = await sampleProcessGroup(single);
    expect(one!.rssMb).toBeGreaterThan(5);
    expect(both!.rssMb).toBeGreaterThan(one!.rssMb);
    process.kill(-single, 'SIGKILL');
    await waitFor(async () => (await sampleProcessGroup(single)) === undefined, 'no sample of a gone process');
  });
});

async function childPid(pid: number): Promise<number | undefined> {
  const text = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  const first = text.trim().split(/\s+/)[0];
  return first ? Number(first) : undefined;
}
