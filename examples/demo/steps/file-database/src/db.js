// The shop's database: one JSON document in the file that DATABASE_URL names
// (file:///absolute/path/database.json). It is small enough to read whole on
// every request, and it is written atomically, so no reader sees half a file.
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const EXAMPLE = 'DATABASE_URL=file:///srv/brightcart/database.json';

/** The database file's absolute path, from DATABASE_URL. */
export function databasePath(url = process.env.DATABASE_URL) {
  if (url === undefined || url.trim() === '') {
    throw new Error(`DATABASE_URL is not set; point it at the database file, e.g. ${EXAMPLE}`);
  }
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`DATABASE_URL is not a URL; expected a file URL, e.g. ${EXAMPLE}`);
  }
  // Never echo the URL itself: a postgres:// one carries a password.
  if (parsed.protocol !== 'file:') {
    throw new Error(`DATABASE_URL must be a file:// URL, not ${parsed.protocol}//; this app has no other database driver yet`);
  }
  try {
    return fileURLToPath(parsed);
  } catch (error) {
    throw new Error(`DATABASE_URL is not a usable file URL: ${error.message}`);
  }
}

/** The whole database. A file that does not exist yet is an empty database. */
export function readDatabase(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error.code === 'ENOENT') return {};
    throw error;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${error.message}`);
  }
}

/** Replaces the whole database: writes a temporary file beside it, then renames it over the old one. */
export function writeDatabase(file, data) {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, `${JSON.stringify(data, null, 2)}\n`, { flag: 'wx' });
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** A table's rows, or the error Postgres would give when no migration has created it. */
export function table(db, name) {
  const rows = db[name];
  if (!Array.isArray(rows)) throw new Error(`relation "${name}" does not exist`);
  return rows;
}
