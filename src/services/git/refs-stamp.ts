// A cheap fingerprint of a repository's branch refs, read from the file system: the deck
// asks git about branches every few seconds, and spawning git (a fork of the whole deck
// process) costs far more than a few stat calls. While the stamp is unchanged, the branch
// listing cannot have changed, so git need not be asked.
// The stamp covers where git keeps branch tips: loose refs under refs/heads, packed-refs,
// and the reftable folder of repositories that use that backend. Anything it cannot read
// (no repository found, GIT_DIR set, a permissions problem) gives no stamp: git is asked.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/** Resolves to a string that changes whenever a branch ref changes, or undefined when it cannot tell. */
export type RefsStamp = () => Promise<string | undefined>;

export function createRefsStamp(cwd: string, env: NodeJS.ProcessEnv = process.env): RefsStamp {
  let commonDir: Promise<string | undefined> | undefined;
  return async () => {
    if (env.GIT_DIR !== undefined || env.GIT_COMMON_DIR !== undefined) return undefined;
    commonDir ??= findCommonDir(cwd);
    const dir = await commonDir;
    if (dir === undefined) {
      commonDir = undefined; // a repository may be created later
      return undefined;
    }
    try {
      // Read side by side: the file system's answers come back together (one wake-up, not one per file).
      const parts = await Promise.all([
        fileStamp(path.join(dir, 'packed-refs'), 'packed-refs'),
        treeStamp(path.join(dir, 'refs', 'heads'), 'heads'),
        treeStamp(path.join(dir, 'reftable'), 'reftable'),
      ]);
      return parts.flat().join('\n');
    } catch {
      return undefined;
    }
  };
}

/** The folder holding the repository's refs: `.git` itself, or the main repository's for a worktree. */
async function findCommonDir(cwd: string): Promise<string | undefined> {
  let at = path.resolve(cwd);
  for (;;) {
    const dotGit = path.join(at, '.git');
    const info = await stat(dotGit).catch(() => undefined);
    if (info?.isDirectory()) return dotGit;
    if (info?.isFile()) return worktreeCommonDir(dotGit);
    const up = path.dirname(at);
    if (up === at) return undefined;
    at = up;
  }
}

/** A worktree's `.git` file says `gitdir: <dir>`; that dir's `commondir` names the shared one. */
async function worktreeCommonDir(dotGitFile: string): Promise<string | undefined> {
  try {
    const text = await readFile(dotGitFile, 'utf8');
    const match = /^gitdir:\s*(.+?)\s*$/m.exec(text);
    if (!match) return undefined;
    const gitDir = path.resolve(path.dirname(dotGitFile), match[1]!);
    const common = await readFile(path.join(gitDir, 'commondir'), 'utf8').catch(() => undefined);
    return common === undefined ? gitDir : path.resolve(gitDir, common.trim());
  } catch {
    return undefined;
  }
}

async function fileStamp(file: string, name: string): Promise<string> {
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  // A ref is replaced by renaming a new file over it: the inode changes even within one mtime tick.
  return info ? `${name} ${info.ino} ${info.size} ${info.mtimeMs}` : `${name} -`;
}

async function treeStamp(dir: string, name: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [`${name}/ -`];
    throw error;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const [dirInfo, children] = await Promise.all([
    stat(dir),
    Promise.all(
      entries.map((entry) => {
        const child = path.join(dir, entry.name);
        return entry.isDirectory()
          ? treeStamp(child, `${name}/${entry.name}`)
          : fileStamp(child, `${name}/${entry.name}`).then((line) => [line]);
      }),
    ),
  ]);
  return [`${name}/ ${dirInfo.mtimeMs}`, ...children.flat()];
}
