// Where a project's cluster lives: <project>/.dynodeck/postgres/data, its parent owned by the
// user the server runs as (PostgreSQL creates and locks its data directory itself). An engine
// run by root hands that folder to `postgres`; when `postgres` cannot reach it (a project under
// /root, whose home is closed to others) the cluster goes to /var/lib/dynodeck/postgres/<name>
// instead, and the engine's secrets file remembers where.
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { canWriteAs, type ServerUser } from './server-user.js';

export const SYSTEM_CLUSTERS_DIR = '/var/lib/dynodeck/postgres';
/** In a cluster folder under SYSTEM_CLUSTERS_DIR: the project it belongs to. */
const OWNER_FILE = 'project.json';

export function projectClusterDir(dynodeckDir: string): string {
  return path.join(dynodeckDir, 'postgres');
}

/** Makes a folder the server user owns (0700); returns whether that user can work in it. */
async function prepare(dir: string, user: ServerUser, traversable: string[] = []): Promise<boolean> {
  // Folders made above it must let the server user through; the folder itself is its alone.
  mkdirSync(path.dirname(dir), { recursive: true, mode: 0o755 });
  for (const above of traversable) allowSearch(above);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (user.uid !== undefined) chownSync(dir, user.uid, user.gid!);
  chmodSync(dir, 0o700);
  return canWriteAs(user, dir);
}

/**
 * The folder that holds the data directory, made ready for the server user. `dynodeckDir` is
 * the project's .dynodeck; for root, it gets search permission for others (o+x, no listing) so
 * that `postgres` can walk through it to its own folder.
 */
export async function prepareClusterDir(
  dynodeckDir: string,
  user: ServerUser,
  systemDir = SYSTEM_CLUSTERS_DIR,
): Promise<string> {
  const inProject = projectClusterDir(dynodeckDir);
  if (user.uid !== undefined) {
    mkdirSync(dynodeckDir, { recursive: true });
    allowSearch(dynodeckDir);
  }
  if (await prepare(inProject, user)) return inProject;
  if (user.uid === undefined) throw new Error(`cannot write to ${inProject}`);
  const name = `${path.basename(path.dirname(dynodeckDir)) || 'project'}-${randomBytes(4).toString('hex')}`;
  const elsewhere = path.join(systemDir, name);
  if (await prepare(elsewhere, user, [path.dirname(systemDir), systemDir])) {
    writeFileSync(path.join(elsewhere, OWNER_FILE), `${JSON.stringify({ project: path.dirname(dynodeckDir) })}\n`);
    sweepAbandoned(systemDir);
    return elsewhere;
  }
  throw new Error(
    `the "${user.name}" user that runs PostgreSQL can reach neither ${inProject} nor ${elsewhere}: ` +
      `give it search permission on the folders above the project (chmod o+x) or start dynodeck as an ordinary user`,
  );
}

/** o+x: others may pass through the folder to one below it, not list it. */
function allowSearch(dir: string) {
  const mode = statSync(dir).mode & 0o7777;
  if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
}

/**
 * Clusters under the system folder whose project is gone (its folder deleted, as
 * `dynodeck demo --reset` and temporary projects do) and whose server is not running.
 */
export function sweepAbandoned(systemDir: string): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(systemDir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const dir = path.join(systemDir, name);
    let project: unknown;
    try {
      project = (JSON.parse(readFileSync(path.join(dir, OWNER_FILE), 'utf8')) as { project?: unknown }).project;
    } catch {
      continue; // not a folder this engine made, or being made right now
    }
    if (typeof project !== 'string' || existsSync(project)) continue;
    if (existsSync(path.join(dir, 'data', 'postmaster.pid'))) continue;
    rmSync(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}
