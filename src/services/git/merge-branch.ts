// Merging a ticket's branch into the main branch of the local repository, for a deck
// without GitHub: a merge commit made with `git merge-tree --write-tree` (git 2.38+), so
// nothing is touched unless it merges cleanly. When the main branch is checked out, its
// working tree must be clean and is moved forward with a fast-forward; otherwise only
// the branch ref moves.
import { createGitRunner, type GitRunner } from './run-git.js';

export type LocalMergeOutcome = { ok: true; sha: string } | { ok: false; reason: string };

export async function mergeBranchLocally(opts: {
  repo: string;
  branch: string;
  mainBranch: string;
  message: string;
  run?: GitRunner;
}): Promise<LocalMergeOutcome> {
  const run = opts.run ?? createGitRunner(opts.repo);
  const { branch, mainBranch } = opts;
  const sha = async (ref: string) => {
    const r = await run(['rev-parse', '--verify', '--quiet', `refs/heads/${ref}^{commit}`]);
    return r.exitCode === 0 ? r.stdout.trim() : undefined;
  };
  const [mainSha, branchSha] = await Promise.all([sha(mainBranch), sha(branch)]);
  if (!mainSha) return { ok: false, reason: `the main branch ${mainBranch} does not exist` };
  if (!branchSha) return { ok: false, reason: `branch ${branch} does not exist` };
  const merged = await run(['merge-base', '--is-ancestor', branchSha, mainSha]);
  if (merged.exitCode === 0) return { ok: false, reason: `${branch} is already merged into ${mainBranch}` };

  const head = (await run(['symbolic-ref', '--quiet', '--short', 'HEAD'])).stdout.trim();
  const checkedOut = head === mainBranch;
  if (checkedOut) {
    const status = await run(['status', '--porcelain', '--untracked-files=no']);
    if (status.exitCode !== 0) return { ok: false, reason: `git status failed: ${firstLine(status.stderr)}` };
    if (status.stdout.trim()) return { ok: false, reason: 'the working tree has uncommitted changes' };
  }

  const tree = await run(['merge-tree', '--write-tree', '--name-only', '--messages', mainSha, branchSha]);
  if (tree.exitCode === 1) {
    const files = tree.stdout
      .split('\n')
      .slice(1)
      .filter((line) => line && !line.includes(' '));
    return {
      ok: false,
      reason: `${branch} does not merge cleanly into ${mainBranch}${files.length ? `: conflicts in ${[...new Set(files)].join(', ')}` : ''}`,
    };
  }
  if (tree.exitCode !== 0) return { ok: false, reason: `git merge-tree failed: ${firstLine(tree.stderr)}` };
  const treeId = tree.stdout.split('\n')[0]!.trim();
  const commit = await run(['commit-tree', treeId, '-p', mainSha, '-p', branchSha, '-m', opts.message]);
  if (commit.exitCode !== 0) return { ok: false, reason: `git commit-tree failed: ${firstLine(commit.stderr)}` };
  const mergeSha = commit.stdout.trim();
  const moved = checkedOut
    ? await run(['merge', '--ff-only', '--quiet', mergeSha])
    : await run(['update-ref', `refs/heads/${mainBranch}`, mergeSha, mainSha]);
  if (moved.exitCode !== 0) return { ok: false, reason: `could not move ${mainBranch}: ${firstLine(moved.stderr)}` };
  return { ok: true, sha: mergeSha };
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .find((l) => l.trim())
      ?.trim() ?? 'no message'
  );
}
