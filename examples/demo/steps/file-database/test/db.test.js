import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { databasePath, readDatabase, table, writeDatabase } from '../src/db.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'brightcart-db-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('DATABASE_URL names the database file as a file:// URL', () => {
  const file = path.join(dir, 'database.json');
  assert.equal(databasePath(pathToFileURL(file).href), file);
});

test('a missing or unusable DATABASE_URL is a clear error', () => {
  assert.throws(() => databasePath(undefined), /DATABASE_URL is not set/);
  assert.throws(() => databasePath(''), /DATABASE_URL is not set/);
  assert.throws(() => databasePath('database.json'), /DATABASE_URL is not a URL/);
  assert.throws(() => databasePath('postgres://shop:hunter2@db.example/shop'), (error) => {
    assert.match(error.message, /must be a file:\/\/ URL, not postgres:\/\//);
    assert.doesNotMatch(error.message, /hunter2/);
    return true;
  });
});

test('a database file that does not exist yet is an empty database', () => {
  assert.deepEqual(readDatabase(path.join(dir, 'nothing-here.json')), {});
});

test('writes the whole database and reads it back, leaving no temporary file', () => {
  const file = path.join(dir, 'roundtrip.json');
  writeDatabase(file, { products: [{ slug: 'stoneware-mug' }] });
  writeDatabase(file, { products: [{ slug: 'wool-throw' }] });
  assert.deepEqual(readDatabase(file), { products: [{ slug: 'wool-throw' }] });
  assert.deepEqual(readdirSync(dir).filter((name) => name.includes('roundtrip')), ['roundtrip.json']);
});

test('a damaged database file is reported, not treated as empty', () => {
  const file = path.join(dir, 'damaged.json');
  writeFileSync(file, '{"products": [');
  assert.throws(() => readDatabase(file), /damaged\.json is not valid JSON/);
});

test('a table that no migration created is an error', () => {
  assert.deepEqual(table({ products: [] }, 'products'), []);
  assert.throws(() => table({}, 'orders'), /relation "orders" does not exist/);
});
