import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runTestGate } from '../../../src/services/shell/test-gate.js';

const folders: string[] = [];

afterEach(async () => {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dynodeck-gate-test-'));
  folders.push(dir);
  return dir;
}

async function makeRepo() {
  const dir = await tempFolder();
  const env = {
    GIT_AUTHOR_NAME: 'Ada Lovelace',
    GIT_AUTHOR_EMAIL: 'ada@example.com',
    GIT_COMMITTER_NAME: 'Ada Lovelace',
    GIT_COMMITTER_EMAIL: 'ada@example.com',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
  };
  const git = async (...args: string[]) =>
    (await execa('git', ['-c', 'commit.gpgsign=false', ...args], { cwd: dir, env })).stdout;
  await git('init', '-q', '-b', 'main');
  await writeFile(join(dir, 'committed.txt'), 'as committed\n');
  await git('add', 'committed.txt');
  await git('commit', '-q', '-m', 'initial');
  return { dir, git, sha: await git('rev-parse', 'HEAD') };
}

/** Alive and not a zombie waiting to be reaped. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('test gate', () => {
  it('a passing gate reports the sha and streams every line', async () => {
    const repo = await makeRepo();
    const lines: string[] = [];

    const result = await runTestGate({
      repo: repo.dir,
      ref: 'main',
      command: "echo one; echo two >&2; printf 'three\\r\\n' >&2; printf 'no newline'; echo; sleep 0.2; echo \"$PWD\"",
      onLine: (line) => lines.push(line),
    });

    expect(result).toMatchObject({ ok: true, sha: repo.sha });
    // The gate's own clock: at least the 0.2 s the command sleeps.
    expect(result.durationMs).toBeGreaterThanOrEqual(200);
    const exportDir = lines.pop()!;
    // stderr interleaved with stdout in the order written; \r\n endings stripped.
    expect(lines).toEqual(['one', 'two', 'three', 'no newline']);
    // The export is removed once the gate is done.
    expect(exportDir).toContain('dynodeck-gate-');
    expect(existsSync(exportDir)).toBe(false);
  });

  it('a failing gate names the exit status and keeps the tail of the output', async () => {
    const repo = await makeRepo();
    const lines: string[] = [];

    const result = await runTestGate({
      repo: repo.dir,
      ref: repo.sha,
      command: 'i=1; while [ $i -le 30 ]; do echo "line $i"; i=$((i + 1)); done; exit 3',
      onLine: (line) => lines.push(line),
    });

    expect(lines).toHaveLength(30);
    expect(result).toMatchObject({
      ok: false,
      sha: repo.sha,
      exitCode: 3,
      reason: `tests failed (exit status 3) in ${repo.sha.slice(0, 7)}`,
    });
    if (result.ok) throw new Error('expected a failure');
    expect(result.tail).toHaveLength(20);
    expect(result.tail[0]).toBe('line 11');
    expect(result.tail[19]).toBe('line 30');
  });

  it('the gate runs in a clean export, not the working tree', async () => {
    const repo = await makeRepo();
    await writeFile(join(repo.dir, 'committed.txt'), 'edited but not committed\n');
    await writeFile(join(repo.dir, 'uncommitted.txt'), 'never committed\n');
    const lines: string[] = [];

    const result = await runTestGate({
      repo: repo.dir,
      ref: 'main',
      command: 'cat committed.txt; ls -A',
      onLine: (line) => lines.push(line),
    });

    expect(result.ok).toBe(true);
    expect(lines).toEqual(['as committed', 'committed.txt']);
  });

  it("the gate does not see the caller's secrets", async () => {
    const repo = await makeRepo();
    const lines: string[] = [];
    vi.stubEnv('HEROKU_API_KEY', 'secret-token');
    vi.stubEnv('NODE_ENV', 'production');
    try {
      const result = await runTestGate({
        repo: repo.dir,
        ref: 'main',
        command: 'env',
        onLine: (line) => lines.push(line),
      });
      expect(result.ok).toBe(true);
    } finally {
      vi.unstubAllEnvs();
    }

    const names = lines.map((line) => line.split('=')[0]);
    expect(lines.join('\n')).not.toContain('secret-token');
    expect(names).not.toContain('HEROKU_API_KEY');
    expect(lines).toEqual(expect.arrayContaining(['CI=true', 'NODE_ENV=test', `PATH=${process.env.PATH}`]));
    // Only what the gate passes, plus what the shell itself sets.
    const allowed = new Set(['PATH', 'HOME', 'LANG', 'CI', 'NODE_ENV', 'PWD', 'OLDPWD', 'SHLVL', '_']);
    expect(names.filter((name) => !allowed.has(name!))).toEqual([]);
  });

  it('a cancelled gate kills its processes', async () => {
    const repo = await makeRepo();
    const controller = new AbortController();
    let pid = 0;

    const result = await runTestGate({
      repo: repo.dir,
      ref: 'main',
      // A grandchild in the background, as test runners start workers.
      command: 'sleep 30 & echo "worker $!"; wait',
      signal: controller.signal,
      onLine: (line) => {
        if (!line.startsWith('worker ')) return;
        pid = Number(line.slice('worker '.length));
        controller.abort();
      },
    });

    expect(result).toMatchObject({ ok: false, sha: repo.sha, reason: 'tests were cancelled' });
    expect(result.durationMs).toBeLessThan(10_000);
    expect(pid).toBeGreaterThan(0);
    await vi.waitFor(() => expect(isAlive(pid)).toBe(false), { timeout: 2_000, interval: 20 });
  });

  it('a gate that runs too long times out', async () => {
    const repo = await makeRepo();

    const result = await runTestGate({
      repo: repo.dir,
      ref: 'main',
      command: 'sleep 30',
      onLine: () => {},
      timeoutMs: 150,
    });

    expect(result).toMatchObject({ ok: false, reason: 'tests timed out after 150 ms' });
  });

  it('an unknown ref is a clear error, not a git option', async () => {
    const repo = await makeRepo();
    const out = join(await tempFolder(), 'written-by-git');
    const onLine = vi.fn();

    const asOption = await runTestGate({ repo: repo.dir, ref: `--output=${out}`, command: 'echo ran', onLine });
    const unknown = await runTestGate({ repo: repo.dir, ref: 'no-such-branch', command: 'echo ran', onLine });

    expect(asOption).toMatchObject({ ok: false, reason: `"--output=${out}" is not a branch, tag or commit`, tail: [] });
    expect(unknown).toMatchObject({
      ok: false,
      reason: '"no-such-branch" is not a branch, tag or commit',
      unknownRef: true,
    });
    expect(existsSync(out)).toBe(false);
    expect(onLine).not.toHaveBeenCalled();
  });
});
