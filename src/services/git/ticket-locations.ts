// Which environments run a ticket's work. A branch's work is in an environment
// when the branch tip is an ancestor of (or equal to) the environment's commit,
// and the branch has work of its own. A branch whose tip lies on the main
// branch's first-parent line was only ever a pointer into main (created and
// never committed to, or fast-forwarded), so it is nowhere: otherwise every
// fresh branch would look deployed everywhere main is. A branch merged with a
// merge commit keeps its tip off that line. Squash merges are not detected.
import { parseForEachRef, parseShaList, FOR_EACH_REF_FORMAT } from './parse-git-output.js';
import { createGitRunner, forEachLimited, gitFailure, type GitRunner } from './run-git.js';

export interface TicketBranch {
  ticket: string;
  branch: string;
}

export interface EnvironmentCommit {
  name: string;
  /** Full commit sha deployed there (e.g. a Heroku release's slug commit). */
  commit: string;
}

export interface TicketLocationsOptions {
  repo: string;
  mainBranch: string;
  branches: readonly TicketBranch[];
  environments: readonly EnvironmentCommit[];
  /** Replaces the real git runner (tests count calls through it). */
  run?: GitRunner;
}

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const MAX_CONCURRENT_GIT = 4;
const MAX_CACHED_PAIRS = 10_000;

/**
 * Ancestry between two existing commits never changes, so answers are kept
 * across calls (the deck polls). Keyed by repo, ancestor and descendant.
 * Missing commits are not cached: a later fetch may bring them.
 */
const ancestry = new Map<string, boolean>();
/** Main's first-parent line per repo, reused until main moves. */
const firstParentLines = new Map<string, { sha: string; line: Promise<Set<string>> }>();

/** Ticket id → names of the environments (in the order given) holding its work. */
export async function ticketLocations(options: TicketLocationsOptions): Promise<Map<string, string[]>> {
  const { repo, mainBranch, branches, environments } = options;
  const run = options.run ?? createGitRunner(repo);
  const result = new Map<string, string[]>();
  for (const { ticket } of branches) result.set(ticket, []);
  if (branches.length === 0) return result;

  // Branch names come from ticket files: they are only looked up in the listing
  // of real branches, never handed to git.
  const listing = await run(['for-each-ref', `--format=${FOR_EACH_REF_FORMAT}`, 'refs/heads']);
  if (listing.exitCode !== 0) throw gitFailure(repo, 'for-each-ref', listing.stderr, listing.exitCode);
  const tips = parseForEachRef(listing.stdout);
  const mainSha = tips.get(mainBranch)?.sha;
  if (!mainSha) throw new Error(`main branch "${mainBranch}" not found in ${repo}`);

  const envs = environments.filter((env) => SHA.test(env.commit));
  const branchTips = new Set<string>();
  for (const { branch } of branches) {
    const sha = !branch.startsWith('-') ? tips.get(branch)?.sha : undefined;
    if (sha) branchTips.add(sha);
  }
  if (envs.length === 0 || branchTips.size === 0) return result;

  // Which tips have work of their own: not on main at all, or merged into it.
  const ownWork = new Set<string>();
  let firstParent: Promise<Set<string>> | undefined;
  await forEachLimited([...branchTips], MAX_CONCURRENT_GIT, async (tip) => {
    if (!(await isAncestor(run, repo, tip, mainSha))) {
      ownWork.add(tip);
      return;
    }
    firstParent ??= firstParentLine(run, repo, mainSha);
    if (!(await firstParent).has(tip)) ownWork.add(tip);
  });

  const pairs = [...ownWork].flatMap((tip) => envs.map((env) => ({ tip, commit: env.commit })));
  const contained = new Set<string>();
  await forEachLimited(pairs, MAX_CONCURRENT_GIT, async ({ tip, commit }) => {
    if (await isAncestor(run, repo, tip, commit)) contained.add(`${tip}:${commit}`);
  });

  for (const { ticket, branch } of branches) {
    const tip = !branch.startsWith('-') ? tips.get(branch)?.sha : undefined;
    if (!tip || !ownWork.has(tip)) continue;
    const names = result.get(ticket)!;
    for (const env of envs) {
      if (contained.has(`${tip}:${env.commit}`) && !names.includes(env.name)) names.push(env.name);
    }
  }
  return result;
}

async function isAncestor(run: GitRunner, repo: string, ancestor: string, descendant: string): Promise<boolean> {
  if (ancestor === descendant) return true;
  const key = `${repo}\0${ancestor}\0${descendant}`;
  const known = ancestry.get(key);
  if (known !== undefined) return known;
  const result = await run(['merge-base', '--is-ancestor', ancestor, descendant]);
  // 0: yes, 1: no; anything else (a commit this repo lacks) counts as no, uncached.
  if (result.exitCode !== 0 && result.exitCode !== 1) return false;
  const answer = result.exitCode === 0;
  if (ancestry.size >= MAX_CACHED_PAIRS) ancestry.delete(ancestry.keys().next().value!);
  ancestry.set(key, answer);
  return answer;
}

function firstParentLine(run: GitRunner, repo: string, mainSha: string): Promise<Set<string>> {
  const cached = firstParentLines.get(repo);
  if (cached?.sha === mainSha) return cached.line;
  const line = run(['rev-list', '--first-parent', mainSha, '--']).then((result) => {
    if (result.exitCode !== 0) throw gitFailure(repo, 'rev-list', result.stderr, result.exitCode);
    return parseShaList(result.stdout);
  });
  // A failed listing must not stick; the next call retries.
  line.catch(() => {
    if (firstParentLines.get(repo)?.line === line) firstParentLines.delete(repo);
  });
  firstParentLines.set(repo, { sha: mainSha, line });
  return line;
}
