import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];
afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));

/** A fresh project folder under the system temp folder, optionally holding a dynodeck.yml; removed after the file's tests. */
export async function tempProject(yml?: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-config-'));
  made.push(dir);
  if (yml !== undefined) await writeFile(path.join(dir, 'dynodeck.yml'), yml);
  return dir;
}
