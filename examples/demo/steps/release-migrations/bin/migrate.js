// The release phase (Procfile `release:`): brings the database up to date before
// the new release gets any traffic. A failure stops the release.
import { fileURLToPath } from 'node:url';
import { connect } from '../src/db.js';
import { migrate } from '../src/migrate.js';

const dir = fileURLToPath(new URL('../migrations/', import.meta.url));

let pool;
try {
  pool = connect();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

console.log('Running migrations...');
let client;
try {
  client = await pool.connect();
  await migrate({ client, dir });
} catch (error) {
  console.error(error.message);
  if (client) console.error('Rolled back: no migration was applied and the database was not changed.');
  process.exitCode = 1;
} finally {
  client?.release();
  await pool.end();
}
