// Databases waiting to be dropped: an app removed with `engine apps remove`, or the fresh
// database an app had before `engine apps rename` gave it a parked app's. The cluster serves
// only while the engine runs, and a running engine owns postgres.json, so the command leaves
// one small file per drop in .dynodeck/engine/database-drops/ and the engine's next start
// does the drop (apply-database-drops.ts) and deletes the file. One file each: a command that
// records a drop while the engine processes others never loses or overwrites anything.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../state/atomic-write.js';

export interface DatabaseDrop {
  /** The app whose database it was (postgres.json's key). */
  app: string;
  role: string;
  database: string;
  /** removed: the app was deleted; replaced: a renamed app took the app's place with its own database. */
  reason: 'removed' | 'replaced';
  /** For `replaced`: the parked app whose database the app uses now. */
  replacedBy?: string;
  recordedAt: string;
}

export interface PendingDrop {
  file: string;
  drop: DatabaseDrop;
}

let recorded = 0;

export function databaseDropsDir(engineDir: string): string {
  return path.join(engineDir, 'database-drops');
}

export function recordDatabaseDrop(engineDir: string, drop: DatabaseDrop): void {
  const dir = databaseDropsDir(engineDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Sorted by name they come in the order they were recorded (one command records several at the same time).
  const name = `${drop.recordedAt.replace(/[^0-9]/g, '')}-${String(recorded++).padStart(6, '0')}-${randomBytes(4).toString('hex')}.json`;
  writeFileAtomic(path.join(dir, name), `${JSON.stringify(drop, null, 1)}\n`, 0o600);
}

/** The drops not done yet, oldest first; a file that is not a drop record is left alone. */
export function pendingDatabaseDrops(engineDir: string): PendingDrop[] {
  const dir = databaseDropsDir(engineDir);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  return names.sort().flatMap((name) => {
    const file = path.join(dir, name);
    const drop = parseDrop(file);
    return drop ? [{ file, drop }] : [];
  });
}

export function clearDatabaseDrop(pending: PendingDrop): void {
  rmSync(pending.file, { force: true });
}

function parseDrop(file: string): DatabaseDrop | undefined {
  try {
    const d = JSON.parse(readFileSync(file, 'utf8')) as Partial<DatabaseDrop>;
    const ok =
      typeof d.app === 'string' &&
      typeof d.role === 'string' &&
      d.role !== '' &&
      typeof d.database === 'string' &&
      d.database !== '' &&
      (d.reason === 'removed' || d.reason === 'replaced') &&
      typeof d.recordedAt === 'string';
    return ok ? (d as DatabaseDrop) : undefined;
  } catch {
    return undefined;
  }
}
