import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../src/engine/state/atomic-write.js';

describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-atomic-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('replaces the content and leaves nothing beside the file', async () => {
    const file = path.join(dir, 'state.json');
    await writeFile(file, 'old');
    writeFileAtomic(file, 'new', 0o600);
    expect(await readFile(file, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['state.json']);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('a write that fails leaves the old file and no temporary file behind', async () => {
    // The rename cannot replace a folder that holds something.
    const target = path.join(dir, 'state.json');
    await mkdir(target);
    await writeFile(path.join(target, 'keep'), 'x');
    expect(() => writeFileAtomic(target, 'new')).toThrow();
    expect(await readdir(dir)).toEqual(['state.json']);
  });

  it("a temporary file left by an earlier failed write does not decide the new file's mode", async () => {
    const file = path.join(dir, 'state.json');
    const stale = `${file}.${process.pid}.tmp`;
    await writeFile(stale, 'torn');
    await chmod(stale, 0o666);
    writeFileAtomic(file, 'new', 0o600);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['state.json']);
  });
});
