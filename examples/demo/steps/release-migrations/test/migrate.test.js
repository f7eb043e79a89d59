import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate, migrationNames } from '../src/migrate.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'brightcart-migrate-'));
after(() => rmSync(root, { recursive: true, force: true }));

// A folder of migrations written for the test.
function folder(name, migrations) {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  for (const [file, source] of Object.entries(migrations)) writeFileSync(path.join(dir, file), source);
  return dir;
}

// Stands in for a Postgres connection: remembers the statements, knows which migrations ran.
function recordingClient(applied = []) {
  const statements = [];
  return {
    statements,
    async query(sql, params = []) {
      statements.push(sql.split('\n')[0]);
      if (sql === 'select name from schema_migrations') return { rows: applied.map((name) => ({ name })) };
      if (sql.startsWith('boom')) throw new Error('relation "orders" does not exist');
      if (sql.startsWith('insert into schema_migrations')) applied.push(params[0]);
      return { rows: [] };
    },
  };
}

const CREATE = 'export async function up(db) { await db.query("create table products (slug text)"); }\n';
const ADD_STOCK = 'export async function up(db) { await db.query("alter table products add column stock integer"); }\n';
const BROKEN = 'export async function up(db) { await db.query("boom: insert into order_history select * from orders"); }\n';

test('migrations run in name order', () => {
  const dir = folder('order', { '002-add-stock.js': ADD_STOCK, '001-create-products.js': CREATE, 'README.md': '' });
  assert.deepEqual(migrationNames(dir), ['001-create-products', '002-add-stock']);
});

test('applies the pending migrations in one transaction and records them', async () => {
  const dir = folder('fresh', { '002-add-stock.js': ADD_STOCK, '001-create-products.js': CREATE });
  const client = recordingClient();
  const lines = [];
  assert.deepEqual(await migrate({ client, dir, log: (line) => lines.push(line) }), ['001-create-products', '002-add-stock']);
  assert.equal(client.statements[0], 'begin');
  assert.equal(client.statements.at(-1), 'commit');
  assert.ok(client.statements.includes('create table products (slug text)'));
  assert.equal(lines[0], '== 001-create-products: migrating');
  assert.match(lines[3], /^== 002-add-stock: migrated \(\d+ms\)$/);
});

test('a second run has nothing to do', async () => {
  const dir = folder('again', { '001-create-products.js': CREATE });
  const lines = [];
  assert.deepEqual(await migrate({ client: recordingClient(['001-create-products']), dir, log: (l) => lines.push(l) }), []);
  assert.deepEqual(lines, ['No pending migrations']);
});

test('a failing migration rolls the whole transaction back and says which one failed', async () => {
  const dir = folder('failing', { '001-create-products.js': CREATE, '002-add-stock.js': ADD_STOCK, '003-order-history.js': BROKEN });
  const client = recordingClient(['001-create-products']);
  await assert.rejects(migrate({ client, dir, log: () => {} }), /003-order-history failed: relation "orders" does not exist/);
  assert.equal(client.statements.at(-1), 'rollback');
  assert.ok(!client.statements.includes('commit'));
});
