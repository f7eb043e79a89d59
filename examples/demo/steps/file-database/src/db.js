// The shop's database: PostgreSQL at DATABASE_URL (Heroku Postgres, or a dynodeck
// environment's own database), through node-postgres. node_modules is committed: the
// shop builds and deploys with no registry at hand, and pg is plain JavaScript.
import pg from 'pg';

const EXAMPLE = 'DATABASE_URL=postgres://brightcart:secret@localhost:5432/brightcart';
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** How to reach the database named by DATABASE_URL. Never echoes the URL: it carries a password. */
export function databaseConfig(url = process.env.DATABASE_URL) {
  if (url === undefined || url.trim() === '') {
    throw new Error(`DATABASE_URL is not set; point it at the database, e.g. ${EXAMPLE}`);
  }
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`DATABASE_URL is not a URL; expected a postgres:// URL, e.g. ${EXAMPLE}`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new Error(`DATABASE_URL must be a postgres:// URL, not ${parsed.protocol}//`);
  }
  // Heroku Postgres wants TLS, with a certificate its clients are not given to check.
  const ssl = LOCAL_HOSTS.has(parsed.hostname) ? false : { rejectUnauthorized: false };
  return { connectionString: url, ssl };
}

/** A small pool of connections; end() it before the process exits. */
export function connect(url) {
  const pool = new pg.Pool({ ...databaseConfig(url), max: 5, idleTimeoutMillis: 10_000 });
  // A connection the server closed is replaced on the next query; say so, do not crash.
  pool.on('error', (error) => console.error(`Database connection lost: ${error.message}`));
  return pool;
}

function camelCase(row) {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key.replace(/_([a-z])/g, (_, c) => c.toUpperCase()), value]));
}

/**
 * Every table of the app as plain rows (columns in camelCase, in the order of their first
 * column), read in one consistent snapshot. The catalog is a few rows: reading it whole keeps
 * the rest of the code plain functions over plain data, testable without a database.
 */
export async function readDatabase(pool) {
  const client = await pool.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const { rows: tables } = await client.query(
      "select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name <> 'schema_migrations' order by table_name",
    );
    const db = {};
    for (const { table_name: name } of tables) {
      db[name] = (await client.query(`select * from ${client.escapeIdentifier(name)} order by 1`)).rows.map(camelCase);
    }
    await client.query('commit');
    return db;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** A table's rows, or the error Postgres gives when no migration has created it. */
export function table(db, name) {
  const rows = db[name];
  if (!Array.isArray(rows)) throw new Error(`relation "${name}" does not exist`);
  return rows;
}
