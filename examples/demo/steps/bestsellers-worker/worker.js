// The worker process: every ten seconds, ranks the bestsellers and stores them
// for the front page, so no web request has to sort the catalog.
import { bestsellers } from './src/bestsellers.js';
import { databasePath, readDatabase, writeDatabase } from './src/db.js';

const EVERY_MS = 10_000;

let databaseFile;
try {
  databaseFile = databasePath();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

function recompute() {
  try {
    const db = readDatabase(databaseFile);
    const slugs = bestsellers(db);
    // Write only when the ranking changed: the file is shared with the web
    // processes and with the next release's migrations.
    if (JSON.stringify(db.bestsellers) !== JSON.stringify(slugs)) writeDatabase(databaseFile, { ...db, bestsellers: slugs });
    console.log(`Recomputed bestsellers: ${slugs.length} products (${slugs.join(', ')})`);
  } catch (error) {
    console.error(`Could not recompute bestsellers: ${error.message}`);
  }
}

// Heroku stops a dyno with SIGTERM: no new round, and nothing else keeps us running.
let timer;
process.on('SIGTERM', () => {
  clearInterval(timer);
  console.log('SIGTERM received: worker stopped');
});

console.log(`Brightcart ${process.env.DYNO ?? 'worker'} started`);
recompute();
timer = setInterval(recompute, EVERY_MS);
