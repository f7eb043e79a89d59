// The engine's record of its PostgreSQL cluster: where the data directory is, the port it last
// served on, the superuser's password and each environment's role, database and password.
// Readable by its owner only (0600), beside the engine's API token; never printed.
import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../state/atomic-write.js';

export interface DatabaseCredentials {
  role: string;
  database: string;
  password: string;
}

export interface ClusterSecrets {
  version: 1;
  dataDir: string;
  port: number;
  superuser: { name: string; password: string };
  /** By app name. */
  databases: Record<string, DatabaseCredentials>;
}

/** .dynodeck/engine/postgres.json. */
export function clusterSecretsFile(engineDir: string): string {
  return path.join(engineDir, 'postgres.json');
}

export function newPassword(): string {
  return randomBytes(24).toString('hex');
}

export function readClusterSecrets(file: string): ClusterSecrets | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(
      `${file} is not readable JSON (${(error as Error).message}); move it aside to start a new cluster`,
      {
        cause: error,
      },
    );
  }
  const s = parsed as Partial<ClusterSecrets>;
  const ok =
    s.version === 1 &&
    typeof s.dataDir === 'string' &&
    Number.isInteger(s.port) &&
    typeof s.superuser?.name === 'string' &&
    typeof s.superuser.password === 'string' &&
    typeof s.databases === 'object' &&
    s.databases !== null &&
    Object.values(s.databases).every(
      (d) => typeof d?.role === 'string' && typeof d.database === 'string' && typeof d.password === 'string',
    );
  if (!ok)
    throw new Error(`${file}: not a cluster record this engine understands; move it aside to start a new cluster`);
  return s as ClusterSecrets;
}

export function writeClusterSecrets(file: string, secrets: ClusterSecrets): void {
  writeFileAtomic(file, `${JSON.stringify(secrets, null, 2)}\n`, 0o600);
  chmodSync(file, 0o600);
}
