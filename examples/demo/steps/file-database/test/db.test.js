import { test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseConfig, table } from '../src/db.js';

test('DATABASE_URL names a Postgres database; a local one is reached without TLS', () => {
  const url = 'postgres://shop:hunter2@127.0.0.1:5432/shop';
  assert.deepEqual(databaseConfig(url), { connectionString: url, ssl: false });
});

test('Heroku Postgres is reached over TLS', () => {
  const url = 'postgres://u:p@ec2-1-2-3-4.compute-1.amazonaws.com:5432/d1';
  assert.deepEqual(databaseConfig(url).ssl, { rejectUnauthorized: false });
});

test('a missing or unusable DATABASE_URL is a clear error that never shows the password', () => {
  assert.throws(() => databaseConfig(undefined), /DATABASE_URL is not set/);
  assert.throws(() => databaseConfig(''), /DATABASE_URL is not set/);
  assert.throws(() => databaseConfig('database.json'), /DATABASE_URL is not a URL/);
  assert.throws(() => databaseConfig('mysql://shop:hunter2@db.example/shop'), (error) => {
    assert.match(error.message, /must be a postgres:\/\/ URL, not mysql:\/\//);
    assert.doesNotMatch(error.message, /hunter2/);
    return true;
  });
});

test('a table that no migration created is an error', () => {
  assert.deepEqual(table({ products: [] }, 'products'), []);
  assert.throws(() => table({}, 'orders'), /relation "orders" does not exist/);
});
