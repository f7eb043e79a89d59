import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate } from '../src/migrate.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'brightcart-migrate-'));
after(() => rmSync(root, { recursive: true, force: true }));

// A folder of migrations written for the test, and a database file beside it.
function setup(name, migrations) {
  const dir = path.join(root, name);
  mkdirSync(path.join(dir, 'migrations'), { recursive: true });
  writeFileSync(path.join(dir, 'migrations', 'package.json'), '{ "type": "module" }\n');
  for (const [file, source] of Object.entries(migrations)) writeFileSync(path.join(dir, 'migrations', file), source);
  return { dir: path.join(dir, 'migrations'), file: path.join(dir, 'database.json') };
}

function quiet() {
  const lines = [];
  return { lines, log: (line) => lines.push(line) };
}

const CREATE = 'export function up(db) { db.products = [{ slug: "stoneware-mug" }]; }\n';
const ADD_STOCK = 'export function up(db) { for (const p of db.products) p.stock = 3; }\n';
const BROKEN = 'export function up(db) { db.order_history = db.orders.map((o) => o); }\n';

test('applies pending migrations in name order and records them', async () => {
  const { dir, file } = setup('fresh', { '002-add-stock.js': ADD_STOCK, '001-create-products.js': CREATE });
  const { lines, log } = quiet();
  assert.deepEqual(await migrate({ file, dir, log }), ['001-create-products', '002-add-stock']);
  assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), {
    products: [{ slug: 'stoneware-mug', stock: 3 }],
    schema_migrations: ['001-create-products', '002-add-stock'],
  });
  assert.equal(lines[0], '== 001-create-products: migrating');
  assert.match(lines[3], /^== 002-add-stock: migrated \(\d+ms\)$/);
});

test('a second run has nothing to do', async () => {
  const { dir, file } = setup('again', { '001-create-products.js': CREATE });
  await migrate({ file, dir, log: () => {} });
  const before = readFileSync(file, 'utf8');
  const { lines, log } = quiet();
  assert.deepEqual(await migrate({ file, dir, log }), []);
  assert.deepEqual(lines, ['No pending migrations']);
  assert.equal(readFileSync(file, 'utf8'), before);
});

test('a failing migration leaves the database file untouched', async () => {
  const { dir, file } = setup('failing', { '001-create-products.js': CREATE });
  await migrate({ file, dir, log: () => {} });
  const before = readFileSync(file);
  writeFileSync(path.join(dir, '002-add-stock.js'), ADD_STOCK);
  writeFileSync(path.join(dir, '003-order-history.js'), BROKEN);

  await assert.rejects(migrate({ file, dir, log: () => {} }), /003-order-history failed: Cannot read properties of undefined/);
  assert.deepEqual(readFileSync(file), before);
});

test('a failing first release writes no database at all', async () => {
  const { dir, file } = setup('first-release', { '001-create-products.js': CREATE, '002-broken.js': BROKEN });
  await assert.rejects(migrate({ file, dir, log: () => {} }), /002-broken failed/);
  assert.equal(existsSync(file), false);
});
