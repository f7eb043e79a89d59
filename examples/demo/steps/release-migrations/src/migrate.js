// Applies pending migrations in one transaction: the list of applied ones lives in
// schema_migrations, created inside that same transaction. If a migration fails, everything
// rolls back and the database (its schema too: Postgres DDL is transactional) is exactly as
// it was, so the release that is live keeps working.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Two release phases at once (two deploys) take turns instead of migrating side by side. */
const MIGRATION_LOCK = 4242_0001;

export function migrationNames(dir) {
  return readdirSync(dir)
    .filter((name) => /^\d+.*\.js$/.test(name))
    .map((name) => name.slice(0, -'.js'.length))
    .sort();
}

/** Runs the migrations in `dir` the database has not had yet, in name order; returns their names. */
export async function migrate({ client, dir, log = console.log }) {
  await client.query('begin');
  try {
    await client.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())');
    const { rows } = await client.query('select name from schema_migrations');
    const done = new Set(rows.map((row) => row.name));
    const pending = migrationNames(dir).filter((name) => !done.has(name));
    if (pending.length === 0) log('No pending migrations');
    for (const name of pending) {
      log(`== ${name}: migrating`);
      const started = performance.now();
      try {
        const { up } = await import(pathToFileURL(path.join(dir, `${name}.js`)).href);
        if (typeof up !== 'function') throw new Error('it does not export an up(db) function');
        await up(client);
      } catch (error) {
        throw new Error(`${name} failed: ${error.message}`, { cause: error });
      }
      await client.query('insert into schema_migrations (name) values ($1)', [name]);
      log(`== ${name}: migrated (${Math.round(performance.now() - started)}ms)`);
    }
    await client.query('commit');
    return pending;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  }
}
