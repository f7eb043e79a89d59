// What becomes of the databases of apps kept aside (parked-apps.ts). `engine apps rename`
// moves an app's postgres.json entry to its new name, so the renamed app keeps its data and
// its DATABASE_URL follows it; the database the new name had been given (fresh at the start
// that parked the old apps: a rename is refused once that app has a release) is dropped at the
// next start. `engine apps remove` records its apps' databases to be dropped at the next start.
import {
  clusterSecretsFile,
  readClusterSecrets,
  writeClusterSecrets,
  type DatabaseCredentials,
} from './cluster-secrets.js';
import { recordDatabaseDrop } from './database-drops.js';

export interface CarriedDatabase {
  from: string;
  to: string;
  /** The database the app uses after the rename. */
  database?: string;
  /** The database `to` had before, now waiting to be dropped. */
  replaced?: string;
}

/**
 * Gives each `to` the database of its `from`. Only while no engine runs (the caller holds the
 * project's claim): a running engine owns postgres.json. The drops are recorded before
 * postgres.json changes and that before the ledger does, so a command cut short and run again
 * finishes the job, and a drop recorded for a database still in use is never done.
 */
export function carryOverDatabases(
  engineDir: string,
  moves: readonly { from: string; to: string }[],
  now: string,
): CarriedDatabase[] {
  const file = clusterSecretsFile(engineDir);
  const secrets = readClusterSecrets(file);
  if (!secrets) return moves.map((m) => ({ ...m }));
  let changed = false;
  const carried = moves.map(({ from, to }): CarriedDatabase => {
    const own = secrets.databases[from];
    const replaced = secrets.databases[to];
    if (!own) return { from, to, ...(replaced ? { database: replaced.database } : {}) };
    const drop = replaced && (replaced.role !== own.role || replaced.database !== own.database) ? replaced : undefined;
    if (drop)
      recordDatabaseDrop(engineDir, {
        app: to,
        role: drop.role,
        database: drop.database,
        reason: 'replaced',
        replacedBy: from,
        recordedAt: now,
      });
    secrets.databases[to] = own;
    delete secrets.databases[from];
    changed = true;
    return { from, to, database: own.database, ...(drop ? { replaced: drop.database } : {}) };
  });
  if (changed) writeClusterSecrets(file, secrets);
  return carried;
}

/** The role and database of each of `apps` that has one (postgres.json is only read: a running engine owns it). */
export function databasesOf(engineDir: string, apps: readonly string[]): (DatabaseCredentials & { app: string })[] {
  const secrets = readClusterSecrets(clusterSecretsFile(engineDir));
  return apps.flatMap((app) => {
    const entry = secrets?.databases[app];
    return entry ? [{ app, ...entry }] : [];
  });
}

/** Records the databases of removed apps to be dropped at the next engine start. */
export function dropAtNextStart(
  engineDir: string,
  databases: readonly { app: string; role: string; database: string }[],
  now: string,
): void {
  for (const { app, role, database } of databases)
    recordDatabaseDrop(engineDir, { app, role, database, reason: 'removed', recordedAt: now });
}

/** Each app's database name, for listings (postgres.json is only read; passwords stay in it). */
export function databaseNamesByApp(engineDir: string): Record<string, string> {
  try {
    const secrets = readClusterSecrets(clusterSecretsFile(engineDir));
    return Object.fromEntries(Object.entries(secrets?.databases ?? {}).map(([app, c]) => [app, c.database]));
  } catch {
    return {}; // a damaged record is the engine start's to report
  }
}
