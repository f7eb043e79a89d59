// Merging a ticket's branch into the main branch of a real local repository (no GitHub).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { mergeBranchLocally } from '../../../src/services/git/merge-branch.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const ENV = {
  GIT_AUTHOR_NAME: 'T',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 'T',
  GIT_COMMITTER_EMAIL: 't@example.com',
};

/** main with a.txt; branch shop-12-cart changes b.txt (or a.txt, to conflict with main). */
async function repo(opts: { conflict?: boolean } = {}) {
  const root = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-merge-'));
  dirs.push(root);
  const git = async (...args: string[]) =>
    (await execa('git', ['-c', 'commit.gpgsign=false', ...args], { cwd: root, env: ENV })).stdout;
  await git('init', '-q', '-b', 'main');
  // The merge commit is made by dynodeck's own git calls: they need an identity as the user's would have.
  await git('config', 'user.name', 'T');
  await git('config', 'user.email', 't@example.com');
  await writeFile(path.join(root, 'a.txt'), 'one\n');
  await git('add', '.');
  await git('commit', '-q', '-m', 'First');
  await git('checkout', '-q', '-b', 'shop-12-cart');
  await writeFile(path.join(root, opts.conflict ? 'a.txt' : 'b.txt'), 'branch\n');
  await git('add', '.');
  await git('commit', '-q', '-m', 'Cart');
  await git('checkout', '-q', 'main');
  if (opts.conflict) {
    await writeFile(path.join(root, 'a.txt'), 'main\n');
    await git('commit', '-q', '-am', 'Main change');
  }
  return { root, git };
}

const merge = (root: string) =>
  mergeBranchLocally({
    repo: root,
    branch: 'shop-12-cart',
    mainBranch: 'main',
    message: "Merge branch 'shop-12-cart'",
  });

describe('mergeBranchLocally', () => {
  it('makes a merge commit on the checked-out main branch and brings the work tree along', async () => {
    const { root, git } = await repo();
    const outcome = await merge(root);
    expect(outcome.ok).toBe(true);
    const sha = (outcome as { sha: string }).sha;
    expect(await git('rev-parse', 'main')).toBe(sha);
    expect((await git('rev-list', '--parents', '-n', '1', sha)).split(' ')).toHaveLength(3);
    expect(await readFile(path.join(root, 'b.txt'), 'utf8')).toBe('branch\n');
    expect(await git('status', '--porcelain')).toBe('');
  });

  it('refuses a branch that does not merge cleanly, naming the files, and changes nothing', async () => {
    const { root, git } = await repo({ conflict: true });
    const before = await git('rev-parse', 'main');
    expect(await merge(root)).toEqual({
      ok: false,
      reason: 'shop-12-cart does not merge cleanly into main: conflicts in a.txt',
    });
    expect(await git('rev-parse', 'main')).toBe(before);
    expect(await git('status', '--porcelain')).toBe('');
  });

  it('refuses while the working tree has uncommitted changes', async () => {
    const { root } = await repo();
    await writeFile(path.join(root, 'a.txt'), 'edited\n');
    expect(await merge(root)).toEqual({ ok: false, reason: 'the working tree has uncommitted changes' });
  });

  it('with another branch checked out, moves only the main branch', async () => {
    const { root, git } = await repo();
    await git('checkout', '-q', '-b', 'elsewhere');
    const outcome = await merge(root);
    expect(outcome.ok).toBe(true);
    expect(await git('rev-parse', 'main')).toBe((outcome as { sha: string }).sha);
    expect(await git('symbolic-ref', '--short', 'HEAD')).toBe('elsewhere');
    expect(await merge(root)).toEqual({ ok: false, reason: 'shop-12-cart is already merged into main' });
  });
});

describe('M without GitHub', () => {
  it("merges the ticket's branch into main after y/n, and says why not when there is nothing to merge", async () => {
    const { root, git } = await repo();
    const { renderDeck, makeTicket, memoryTicketSource } = await import('../../helpers/render-deck.js');
    const { createGitCodeHost } = await import('../../../src/services/git/git-code-host.js');
    const { waitForFrame } = await import('../../helpers/wait-for-frame.js');
    const deck = await renderDeck({
      tickets: memoryTicketSource([
        makeTicket('SHOP-12', { title: 'Cart', branch: 'shop-12-cart' }),
        makeTicket('SHOP-13', { title: 'Footer' }),
      ]),
      code: createGitCodeHost({ cwd: root, mainBranch: 'main' }),
      localMerge: (branch, message) => mergeBranchLocally({ repo: root, branch, mainBranch: 'main', message }),
    });
    await waitForFrame(deck.lastFrame, 'in progress');
    deck.stdin.write('M');
    await waitForFrame(deck.lastFrame, 'Merge shop-12-cart (SHOP-12 Cart) into the');
    deck.stdin.write('y');
    await waitForFrame(deck.lastFrame, /shop-12-cart merged into main \([0-9a-f]{7}\) for SHOP-12/);
    expect(await git('log', '-1', '--format=%s', 'main')).toBe("Merge branch 'shop-12-cart' (SHOP-12 Cart)");
    // git is read again after the merge: the row turns merged, and M has nothing left to merge.
    await waitForFrame(deck.lastFrame, /SHOP-12 .*merged/);
    deck.stdin.write('M');
    await waitForFrame(deck.lastFrame, 'merge: shop-12-cart is already merged into main');
    deck.stdin.write('j');
    deck.stdin.write('M');
    await waitForFrame(deck.lastFrame, 'merge: SHOP-13 names no branch to merge');
  });
});
