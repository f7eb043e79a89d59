// Statements as the cluster's superuser on a project's running engine PostgreSQL (address and
// password from .dynodeck/engine/postgres.json), for tests that look at pg_database and pg_roles.
import path from 'node:path';
import type pg from 'pg';
import { clusterSecretsFile, readClusterSecrets } from '../../src/engine/postgres/cluster-secrets.js';
import { connectClient } from '../../src/engine/postgres/postgres-cluster.js';

export function clusterRecord(projectRoot: string) {
  const secrets = readClusterSecrets(clusterSecretsFile(path.join(projectRoot, '.dynodeck', 'engine')));
  if (!secrets) throw new Error(`${projectRoot} has no cluster record`);
  return secrets;
}

export async function adminQuery<T extends pg.QueryResultRow>(
  projectRoot: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const secrets = clusterRecord(projectRoot);
  const client = await connectClient({
    port: secrets.port,
    user: secrets.superuser.name,
    password: secrets.superuser.password,
    database: 'postgres',
  });
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Which of `names` exist as databases and as roles. */
export async function databasesAndRoles(projectRoot: string, names: string[]) {
  const databases = await adminQuery<{ name: string }>(
    projectRoot,
    'select datname as name from pg_database where datname = any($1) order by 1',
    [names],
  );
  const roles = await adminQuery<{ name: string }>(
    projectRoot,
    'select rolname as name from pg_roles where rolname = any($1) order by 1',
    [names],
  );
  return { databases: databases.map((r) => r.name), roles: roles.map((r) => r.name) };
}
