// At an engine start, once the cluster serves and before any app is handed its DATABASE_URL:
// the drops `engine apps remove` and `engine apps rename` left (database-drops.ts) are done.
// A database is dropped only when no app's postgres.json entry uses it any more; a removed
// app that is back (kept aside again, or in the ledger) keeps it. Role and database names
// come from app names, so they only ever reach SQL as quoted identifiers.
import type pg from 'pg';
import type { DatabaseCredentials } from './cluster-secrets.js';
import { clearDatabaseDrop, pendingDatabaseDrops, type DatabaseDrop } from './database-drops.js';
import type { RunningCluster } from './postgres-cluster.js';

/** Never dropped, whatever a drop file says. */
const SYSTEM_DATABASES = new Set(['postgres', 'template0', 'template1']);

export interface DropsContext {
  cluster: Pick<RunningCluster, 'secrets' | 'saveSecrets' | 'connect'>;
  engineDir: string;
  /**
   * The engine has a record of the app (its ledger after setting apps aside, or kept aside), asked
   * when the drop is done: `engine apps remove` may run during the start.
   */
  isRecordedApp: (app: string) => boolean;
  note: (line: string) => void;
}

export async function applyDatabaseDrops(ctx: DropsContext): Promise<void> {
  const pending = pendingDatabaseDrops(ctx.engineDir);
  if (pending.length === 0) return;
  const { secrets } = ctx.cluster;
  let client: pg.Client | undefined;
  try {
    for (const item of pending) {
      const { drop } = item;
      const entry = secrets.databases[drop.app];
      if (entry && sameDatabase(entry, drop)) {
        if (ctx.isRecordedApp(drop.app)) {
          ctx.note(`kept the database ${drop.database}: ${drop.app} is one of the engine's apps again`);
          clearDatabaseDrop(item);
          continue;
        }
        delete secrets.databases[drop.app];
        ctx.cluster.saveSecrets();
      }
      const users = Object.entries(secrets.databases)
        .filter(([, c]) => c.database === drop.database || c.role === drop.role)
        .map(([app]) => app);
      if (users.length > 0 || SYSTEM_DATABASES.has(drop.database) || drop.role === secrets.superuser.name) {
        ctx.note(
          `kept the database ${drop.database}: ${users.length ? `${users.join(', ')} uses it` : 'the cluster needs it'}`,
        );
        clearDatabaseDrop(item);
        continue;
      }
      try {
        client ??= await ctx.cluster.connect();
        await dropDatabase(client, drop);
        ctx.note(`dropped the database ${drop.database} and role ${drop.role} (${describeReason(drop)})`);
        clearDatabaseDrop(item);
      } catch (error) {
        // Left pending: the next start tries again.
        ctx.note(`could not drop the database ${drop.database} yet: ${(error as Error).message}`);
      }
    }
  } finally {
    await client?.end().catch(() => undefined);
  }
}

/** Drops the database (ending its sessions, as a removed app's leftover process may hold one) and then its role. */
export async function dropDatabase(client: pg.Client, drop: Pick<DatabaseDrop, 'role' | 'database'>): Promise<void> {
  await client.query(`drop database if exists ${client.escapeIdentifier(drop.database)} with (force)`);
  await client.query(`drop role if exists ${client.escapeIdentifier(drop.role)}`);
}

function sameDatabase(a: DatabaseCredentials, b: Pick<DatabaseDrop, 'role' | 'database'>): boolean {
  return a.role === b.role && a.database === b.database;
}

export function describeReason(drop: DatabaseDrop): string {
  return drop.reason === 'removed'
    ? `${drop.app} was removed`
    : `${drop.app}'s database until ${drop.replacedBy ?? 'an app kept aside'} was renamed to ${drop.app}`;
}
