// Who the PostgreSQL server runs as. PostgreSQL refuses to run as root, so an engine run by
// root hands the cluster to the system's unprivileged `postgres` user (Debian's and most
// distributions' packages create it); anyone else runs it as themselves.
import { userInfo } from 'node:os';
import { execa } from 'execa';

export interface ServerUser {
  name: string;
  /** Set when the server must run as another user than the engine (the engine is root). */
  uid?: number;
  gid?: number;
}

export const POSTGRES_SYSTEM_USER = 'postgres';

export async function serverUser(isRoot = process.getuid?.() === 0): Promise<ServerUser> {
  if (!isRoot) return { name: userInfo().username };
  const id = async (flag: string) => {
    const result = await execa('id', [flag, POSTGRES_SYSTEM_USER], { reject: false, stdin: 'ignore' });
    const value = Number(result.stdout.trim());
    return result.exitCode === 0 && Number.isInteger(value) ? value : undefined;
  };
  const [uid, gid] = await Promise.all([id('-u'), id('-g')]);
  if (uid === undefined || gid === undefined || uid === 0) {
    throw new Error(
      `the engine runs as root and PostgreSQL refuses to: there is no "${POSTGRES_SYSTEM_USER}" user to run the ` +
        `databases as. Create one (useradd --system --user-group ${POSTGRES_SYSTEM_USER}) or start dynodeck as an ordinary user.`,
    );
  }
  return { name: POSTGRES_SYSTEM_USER, uid, gid };
}

/** Whether `user` may write into `dir` (every folder above it searchable too), asked of the kernel as that user. */
export async function canWriteAs(user: ServerUser, dir: string): Promise<boolean> {
  if (user.uid === undefined) return true;
  const result = await execa('test', ['-w', dir, '-a', '-x', dir], {
    uid: user.uid,
    gid: user.gid,
    reject: false,
    stdin: 'ignore',
  });
  return result.exitCode === 0;
}
