// The local git repository as a CodeHost. The deck polls it every few seconds, so an
// unchanged repository must cost a few stat calls (the refs stamp) and no git at all.
import type { BranchStatus } from '../../domain/branch.js';
import type { CodeHost } from '../ports.js';
import { FOR_EACH_REF_FORMAT, parseForEachRef, parseLeftRightCount, parseShaList } from './parse-git-output.js';
import { createGitRunner, forEachLimited, gitFailure, type GitRunner } from './run-git.js';
import { createRefsStamp, type RefsStamp } from './refs-stamp.js';

export interface GitCodeHostOptions {
  cwd: string;
  mainBranch: string;
  /** Replaces the real git runner (tests count calls through it). */
  run?: GitRunner;
  /** Tells whether branch refs changed since the last look (default: read from the repository's files). */
  refsStamp?: RefsStamp;
}

interface Counts {
  ahead: number;
  behind: number;
}

/** Everything that depends only on main's tip, reused until main moves. */
interface MainSnapshot {
  sha: string;
  firstParent: Promise<Set<string>>;
  /** Keyed by branch tip sha. */
  counts: Map<string, Counts>;
}

const MAX_CONCURRENT_GIT = 4;

export function createGitCodeHost(options: GitCodeHostOptions): CodeHost {
  const { cwd, mainBranch } = options;
  const run = options.run ?? createGitRunner(cwd);
  let main: MainSnapshot | undefined;
  const refsStamp = options.refsStamp ?? createRefsStamp(cwd);
  let last:
    { stamp: string | undefined; refs: string; namesKey: string; result: Map<string, BranchStatus> } | undefined;

  async function git(args: readonly string[]): Promise<string> {
    const result = await run(args);
    if (result.exitCode !== 0) throw gitFailure(cwd, args[0] ?? 'git', result.stderr, result.exitCode);
    return result.stdout;
  }

  function snapshotFor(mainSha: string): MainSnapshot {
    if (main?.sha === mainSha) return main;
    const firstParent = git(['rev-list', '--first-parent', mainSha]).then(parseShaList);
    // A failed listing must not stick to this snapshot; the next poll retries.
    firstParent.catch(() => {
      if (main?.firstParent === firstParent) main = undefined;
    });
    main = { sha: mainSha, firstParent, counts: new Map() };
    return main;
  }

  return {
    name: 'git',
    mainBranch,
    async branches(names) {
      const wanted = [...new Set(names)];
      const namesKey = [...wanted].sort().join('\0');
      // Taken before git reads the refs, so a change racing with the listing shows next time.
      const stamp = await refsStamp();
      if (stamp !== undefined && last?.stamp === stamp && last.namesKey === namesKey) return last.result;
      const refs = await git(['for-each-ref', `--format=${FOR_EACH_REF_FORMAT}`, 'refs/heads']);
      if (last && last.refs === refs && last.namesKey === namesKey) {
        last.stamp = stamp;
        return last.result;
      }

      const tips = parseForEachRef(refs);
      const mainTip = tips.get(mainBranch);
      if (!mainTip) throw new Error(`main branch "${mainBranch}" not found in ${cwd}`);
      const snapshot = snapshotFor(mainTip.sha);

      // Names come from user files. They are only ever looked up in the listing of
      // real branches above, never handed to git: a name that is not literally a
      // branch (an option, `@{-1}`, a sha) simply does not exist.
      const existing = new Set(wanted.filter((name) => !name.startsWith('-') && tips.has(name)));

      // Shas, not names, go to rev-list: they cannot be read as options and
      // they pin the answer to the refs listed above.
      const counts = new Map<string, Counts>();
      const [firstParent] = await Promise.all([
        snapshot.firstParent,
        forEachLimited([...existing], MAX_CONCURRENT_GIT, async (name) => {
          const sha = tips.get(name)!.sha;
          let count = snapshot.counts.get(sha);
          if (!count) {
            count = parseLeftRightCount(
              await git(['rev-list', '--left-right', '--count', `${snapshot.sha}...${sha}`, '--']),
            );
          }
          counts.set(sha, count);
        }),
      ]);
      // Keep only the tips still in use so the cache cannot grow without bound.
      snapshot.counts = counts;

      const result = new Map<string, BranchStatus>();
      for (const name of wanted) {
        const tip = existing.has(name) ? tips.get(name) : undefined;
        const count = tip && counts.get(tip.sha);
        if (!tip || !count) {
          result.set(name, { name, exists: false, ahead: 0, behind: 0, merged: false });
          continue;
        }
        result.set(name, {
          name,
          exists: true,
          ahead: count.ahead,
          behind: count.behind,
          // On main's first-parent line means it was only ever a pointer into
          // main (a fresh branch or a fast-forward), not work merged in.
          merged: count.ahead === 0 && !firstParent.has(tip.sha),
          lastCommit: { ...tip },
        });
      }
      last = { stamp, refs, namesKey, result };
      return result;
    },
  };
}
