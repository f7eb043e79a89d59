// When work on each ticket began: the first commit on its branch, and the branch's tip
// (the release that first carried the tip shipped the ticket). Branch names come from
// ticket files, so they are only looked up in git's listing of real branches and never
// handed to git; only the shas found there are.
// A branch's own commits: for one not yet in main, those main lacks; for one merged with a
// merge commit M, those M's first parent lacks. A branch fast-forwarded into main left no
// trace of where it began, nor does a deleted one: those tickets are not measured.
import type { Ticket } from '../../domain/ticket.js';
import type { OutcomeTicket } from '../../outcomes/outcome-types.js';
import { FOR_EACH_REF_FORMAT, parseForEachRef } from '../git/parse-git-output.js';
import { forEachLimited, gitFailure, type GitRunner } from '../git/run-git.js';
import { COMMIT_FORMAT, parseCommitLines } from './carried-commits.js';

const MAX_CONCURRENT_GIT = 4;

export async function ticketBranchStarts(
  run: GitRunner,
  repo: string,
  mainBranch: string,
  tickets: readonly Ticket[],
): Promise<{ tickets: OutcomeTicket[]; notes: string[] }> {
  const git = async (args: string[]) => {
    const result = await run(args);
    if (result.exitCode !== 0) throw gitFailure(repo, args[0] ?? 'git', result.stderr, result.exitCode);
    return result.stdout;
  };
  const tips = parseForEachRef(await git(['for-each-ref', `--format=${FOR_EACH_REF_FORMAT}`, 'refs/heads']));
  const mainSha = tips.get(mainBranch)?.sha;
  if (!mainSha) throw new Error(`main branch "${mainBranch}" not found in ${repo}`);

  const out: OutcomeTicket[] = [];
  let unknown = 0;
  await forEachLimited(tickets, MAX_CONCURRENT_GIT, async (ticket) => {
    const tip = ticket.branch && !ticket.branch.startsWith('-') ? tips.get(ticket.branch)?.sha : undefined;
    if (!tip) {
      if (ticket.branch) unknown++;
      out.push({ id: ticket.id, complexity: ticket.complexity });
      return;
    }
    const own = await ownCommits(run, git, tip, mainSha);
    const first = own.filter((c) => !c.merge).at(-1) ?? own.at(-1);
    out.push({
      id: ticket.id,
      complexity: ticket.complexity,
      tipSha: tip,
      ...(first ? { firstCommitAt: first.committedAt } : {}),
    });
  });
  const notes = unknown
    ? [
        `${unknown === 1 ? "1 ticket's branch is" : `${unknown} tickets' branches are`} not in this clone (not started, or deleted after merging): if ${unknown === 1 ? 'it' : 'they'} shipped, ${unknown === 1 ? 'its' : 'their'} lead time is not counted`,
      ]
    : [];
  const order = new Map(tickets.map((t, i) => [t.id, i]));
  return { tickets: out.sort((a, b) => order.get(a.id)! - order.get(b.id)!), notes };
}

/** Newest first. */
async function ownCommits(
  run: GitRunner,
  git: (args: string[]) => Promise<string>,
  tip: string,
  mainSha: string,
): Promise<ReturnType<typeof parseCommitLines>> {
  const merged = (await run(['merge-base', '--is-ancestor', tip, mainSha])).exitCode === 0;
  let base = mainSha;
  if (merged) {
    // The oldest commit on main's first-parent line that contains the tip: the merge.
    const line = (await git(['rev-list', '--first-parent', '--ancestry-path', `${tip}..${mainSha}`, '--']))
      .trim()
      .split('\n')
      .filter(Boolean);
    const mergeCommit = line.at(-1);
    if (!mergeCommit) return [];
    base = `${mergeCommit}^`;
  }
  return parseCommitLines(await git(['log', `--format=${COMMIT_FORMAT}`, tip, '--not', base, '--']));
}
