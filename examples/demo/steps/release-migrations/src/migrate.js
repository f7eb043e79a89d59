// Applies pending migrations as one transaction: each runs against an in-memory
// copy of the database, and the file is written once, after all of them have
// succeeded. If one fails, the database stays exactly as it was.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readDatabase, writeDatabase } from './db.js';

/** Runs the migrations in `dir` that `file` has not had yet, in name order; returns their names. */
export async function migrate({ file, dir, log = console.log }) {
  const db = readDatabase(file);
  const done = db.schema_migrations ?? [];
  const pending = readdirSync(dir)
    .filter((name) => name.endsWith('.js'))
    .map((name) => name.slice(0, -'.js'.length))
    .sort()
    .filter((name) => !done.includes(name));
  if (pending.length === 0) {
    log('No pending migrations');
    return [];
  }

  const draft = structuredClone(db);
  draft.schema_migrations = [...done];
  for (const name of pending) {
    log(`== ${name}: migrating`);
    const started = performance.now();
    try {
      const { up } = await import(pathToFileURL(path.join(dir, `${name}.js`)).href);
      if (typeof up !== 'function') throw new Error('it does not export an up(db) function');
      await up(draft);
    } catch (error) {
      throw new Error(`${name} failed: ${error.message}`, { cause: error });
    }
    draft.schema_migrations.push(name);
    log(`== ${name}: migrated (${Math.round(performance.now() - started)}ms)`);
  }
  writeDatabase(file, draft);
  return pending;
}
