// The worker process: every ten seconds, ranks the bestsellers and stores them
// in the bestsellers table for the front page, so no web request has to sort the catalog.
import { bestsellers } from './src/bestsellers.js';
import { connect, readDatabase } from './src/db.js';

const EVERY_MS = 10_000;

let pool;
try {
  pool = connect();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

/** Replaces the ranking in one transaction, so the front page never sees half of it. */
async function saveRanking(slugs) {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('delete from bestsellers');
    for (const [index, slug] of slugs.entries()) {
      await client.query('insert into bestsellers (rank, slug) values ($1, $2)', [index + 1, slug]);
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

async function recompute() {
  try {
    const db = await readDatabase(pool);
    const slugs = bestsellers(db);
    // Write only when the ranking changed.
    const current = (db.bestsellers ?? []).map((row) => row.slug);
    if (JSON.stringify(current) !== JSON.stringify(slugs)) await saveRanking(slugs);
    console.log(`Recomputed bestsellers: ${slugs.length} products (${slugs.join(', ')})`);
  } catch (error) {
    console.error(`Could not recompute bestsellers: ${error.message}`);
  }
}

// Heroku stops a dyno with SIGTERM: no new round, close the connections, and nothing keeps us running.
let timer;
process.on('SIGTERM', () => {
  clearInterval(timer);
  void pool.end();
  console.log('SIGTERM received: worker stopped');
});

console.log(`Brightcart ${process.env.DYNO ?? 'worker'} started`);
void recompute();
timer = setInterval(recompute, EVERY_MS);
