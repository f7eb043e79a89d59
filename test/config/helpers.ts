import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** A fresh project folder under the system temp folder, optionally holding a dynodeck.yml. */
export async function tempProject(yml?: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-config-'));
  if (yml !== undefined) await writeFile(path.join(dir, 'dynodeck.yml'), yml);
  return dir;
}
