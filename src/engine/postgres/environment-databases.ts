// Each environment's database, as a Heroku Postgres add-on gives one: its own role (login,
// random password) owning its own database, which other roles may not connect to. Made when
// first asked for and kept from then on; an environment the config drops keeps its data.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { CLUSTER_HOST, type RunningCluster } from './postgres-cluster.js';
import { newPassword, type DatabaseCredentials } from './cluster-secrets.js';
import { databaseUrl } from './database-url.js';

/** A role and database name from an app name: brightcart-staging → brightcart_staging (63 bytes at most). */
export function databaseName(app: string): string {
  const base =
    app
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'app';
  if (base.length <= 63) return base;
  const hash = createHash('sha256').update(app).digest('hex').slice(0, 8);
  return `${base.slice(0, 54)}_${hash}`;
}

/**
 * Makes sure `app` has its role and database; returns its DATABASE_URL. `admin` runs the
 * statements on a superuser connection the caller keeps (one for every environment, instead
 * of a connection each); without it a connection is opened and closed here.
 */
export async function ensureEnvironmentDatabase(
  cluster: RunningCluster,
  app: string,
  admin?: <T>(work: (client: pg.Client) => Promise<T>) => Promise<T>,
): Promise<string> {
  let credentials = cluster.secrets.databases[app];
  if (!credentials) {
    const name = databaseName(app);
    credentials = { role: name, database: name, password: newPassword() };
    cluster.secrets.databases[app] = credentials;
    cluster.saveSecrets();
  }
  const made = credentials;
  if (admin) await admin((client) => provision(client, made));
  else {
    const client = await cluster.connect();
    try {
      await provision(client, made);
    } finally {
      await client.end();
    }
  }
  return environmentUrl(cluster, app);
}

export function environmentUrl(cluster: Pick<RunningCluster, 'port' | 'secrets'>, app: string): string {
  const c = cluster.secrets.databases[app];
  if (!c) throw new Error(`${app} has no database yet`);
  return databaseUrl({
    host: CLUSTER_HOST,
    port: cluster.port,
    user: c.role,
    password: c.password,
    database: c.database,
  });
}

async function provision(client: pg.Client, c: DatabaseCredentials): Promise<void> {
  const role = client.escapeIdentifier(c.role);
  const password = client.escapeLiteral(c.password);
  const exists = await client.query('select 1 from pg_roles where rolname = $1', [c.role]);
  // The password is set every time, so the record in the secrets file is always the one that works.
  await client.query(
    exists.rowCount
      ? `alter role ${role} with login password ${password}`
      : `create role ${role} with login password ${password}`,
  );
  const db = await client.query('select 1 from pg_database where datname = $1', [c.database]);
  if (!db.rowCount) await client.query(`create database ${client.escapeIdentifier(c.database)} owner ${role}`);
  await client.query(`revoke connect, temporary on database ${client.escapeIdentifier(c.database)} from public`);
}
