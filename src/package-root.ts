// The installed dynodeck package's own folder, found from this module's file: it is
// src/ under vitest and the single bundled file in dist/ when built.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageRoot(): string {
  const self = fileURLToPath(import.meta.url);
  for (let folder = path.dirname(self); ; folder = path.dirname(folder)) {
    if (existsSync(path.join(folder, 'package.json')) && existsSync(path.join(folder, 'examples'))) return folder;
    if (path.dirname(folder) === folder) throw new Error(`dynodeck's package folder was not found above ${self}`);
  }
}

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
