// What a rename or a removal of apps kept aside does to postgres.json and the drops it records
// (no server needed: the drops are done at the next engine start, see database-drops.test.ts).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  clusterSecretsFile,
  readClusterSecrets,
  writeClusterSecrets,
  type DatabaseCredentials,
} from '../../../src/engine/postgres/cluster-secrets.js';
import { pendingDatabaseDrops } from '../../../src/engine/postgres/database-drops.js';
import {
  carryOverDatabases,
  databaseNamesByApp,
  databasesOf,
  dropAtNextStart,
} from '../../../src/engine/postgres/parked-databases.js';

let engineDir: string;
const NOW = '2026-12-02T21:00:00.000Z';
const creds = (name: string): DatabaseCredentials => ({ role: name, database: name, password: `pw-${name}` });

function writeSecrets(databases: Record<string, DatabaseCredentials>) {
  writeClusterSecrets(clusterSecretsFile(engineDir), {
    version: 1,
    dataDir: '/nowhere/data',
    port: 5999,
    superuser: { name: 'dynodeck', password: 'su' },
    databases,
  });
}
const databases = () => readClusterSecrets(clusterSecretsFile(engineDir))!.databases;

beforeEach(async () => {
  engineDir = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-parked-db-'));
});
afterEach(() => rm(engineDir, { recursive: true, force: true }));

describe("a renamed app's database", () => {
  it('follows the app to its new name; the database the new name had waits to be dropped', () => {
    writeSecrets({
      'shop-staging': creds('shop_staging'),
      'brightcart-staging': creds('brightcart_staging'),
      'brightcart-production': creds('brightcart_production'),
    });
    const carried = carryOverDatabases(engineDir, [{ from: 'shop-staging', to: 'brightcart-staging' }], NOW);
    expect(carried).toEqual([
      { from: 'shop-staging', to: 'brightcart-staging', database: 'shop_staging', replaced: 'brightcart_staging' },
    ]);
    expect(databases()).toEqual({
      'brightcart-staging': creds('shop_staging'),
      'brightcart-production': creds('brightcart_production'),
    });
    expect(pendingDatabaseDrops(engineDir).map((p) => p.drop)).toEqual([
      {
        app: 'brightcart-staging',
        role: 'brightcart_staging',
        database: 'brightcart_staging',
        reason: 'replaced',
        replacedBy: 'shop-staging',
        recordedAt: NOW,
      },
    ]);
  });

  it('a rename run again after one cut short finishes it without a second drop', () => {
    writeSecrets({ 'shop-staging': creds('shop_staging'), 'brightcart-staging': creds('brightcart_staging') });
    const moves = [{ from: 'shop-staging', to: 'brightcart-staging' }];
    carryOverDatabases(engineDir, moves, NOW);
    expect(carryOverDatabases(engineDir, moves, NOW)).toEqual([
      { from: 'shop-staging', to: 'brightcart-staging', database: 'shop_staging' },
    ]);
    expect(databases()).toEqual({ 'brightcart-staging': creds('shop_staging') });
    expect(pendingDatabaseDrops(engineDir)).toHaveLength(1);
  });

  it('an app that never had a database keeps the one its new name has', () => {
    writeSecrets({ 'brightcart-staging': creds('brightcart_staging') });
    expect(carryOverDatabases(engineDir, [{ from: 'shop-staging', to: 'brightcart-staging' }], NOW)).toEqual([
      { from: 'shop-staging', to: 'brightcart-staging', database: 'brightcart_staging' },
    ]);
    expect(databases()).toEqual({ 'brightcart-staging': creds('brightcart_staging') });
    expect(pendingDatabaseDrops(engineDir)).toEqual([]);
  });

  it('a damaged postgres.json stops the rename before anything changes', async () => {
    await writeFile(clusterSecretsFile(engineDir), '{ not json');
    expect(() => carryOverDatabases(engineDir, [{ from: 'a-staging', to: 'b-staging' }], NOW)).toThrow(
      /postgres\.json is not readable JSON/,
    );
    expect(pendingDatabaseDrops(engineDir)).toEqual([]);
  });
});

describe("a removed app's database", () => {
  it('is recorded to be dropped at the next start; postgres.json, which a running engine owns, is left as it is', () => {
    writeSecrets({ 'shop-staging': creds('shop_staging'), 'brightcart-staging': creds('brightcart_staging') });
    const going = databasesOf(engineDir, ['shop-staging', 'shop-box-1']);
    expect(going).toEqual([{ app: 'shop-staging', ...creds('shop_staging') }]);
    dropAtNextStart(engineDir, going, NOW);
    expect(pendingDatabaseDrops(engineDir).map((p) => p.drop)).toEqual([
      { app: 'shop-staging', role: 'shop_staging', database: 'shop_staging', reason: 'removed', recordedAt: NOW },
    ]);
    expect(Object.keys(databases())).toEqual(['shop-staging', 'brightcart-staging']);
  });

  it('the listing names each app database, and nothing when there is no postgres.json', () => {
    expect(databaseNamesByApp(engineDir)).toEqual({});
    writeSecrets({ 'shop-staging': creds('shop_staging') });
    expect(databaseNamesByApp(engineDir)).toEqual({ 'shop-staging': 'shop_staging' });
  });
});
