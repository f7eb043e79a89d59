// What a promotion or deploy ships: the commits between the target's commit and the
// source's (GitHub's compare), the pull requests they came from, and the issues those
// pull requests close. A pull request shipped with changes requested or failing checks
// is flagged, so the confirmation can say so.
import type { PullRequest } from '../../domain/pull-request.js';
import { sanitizeLine } from '../../logs/sanitize.js';
import type { GitHubOctokit } from './github-client.js';
import type { PullRequestTracker } from './pull-request-tracker.js';
import type { RepoRef } from './repo-ref.js';

export interface ShippedCommit {
  sha: string;
  subject: string;
  author: string;
  /** Epoch ms. */
  date: number;
}

export interface ShippedPullRequest {
  pullRequest: PullRequest;
  /** "changes requested", "checks failing: test (20.x)"; empty when all is well. */
  flags: string[];
}

export interface Shipment {
  base: string;
  head: string;
  commits: ShippedCommit[];
  /** Commits the head has that the base lacks, as GitHub counts them. */
  aheadBy: number;
  /** More commits than were listed (GitHub lists up to 250 without paging; dynodeck reads up to 300). */
  truncated: boolean;
  pullRequests: ShippedPullRequest[];
  /** Numbers of the issues the shipped pull requests close. */
  closes: number[];
}

const MAX_PAGES = 3;
const MAX_LOOKUPS = 50;

export function createShipments(opts: { octokit: GitHubOctokit; repo: RepoRef; pulls: PullRequestTracker }) {
  const { octokit, repo, pulls } = opts;
  const where = { owner: repo.owner, repo: repo.name };
  /** commit sha → numbers of the merged pull requests that brought it in (merged history does not change). */
  const pullsOfCommit = new Map<string, number[]>();

  async function compare(base: string, head: string): Promise<Shipment> {
    const commits: ShippedCommit[] = [];
    let aheadBy = 0;
    let total = 0;
    let pages = 0;
    for await (const page of octokit.paginate.iterator('GET /repos/{owner}/{repo}/compare/{basehead}', {
      ...where,
      basehead: `${base}...${head}`,
      per_page: 100,
    })) {
      const data = page.data as unknown as {
        ahead_by: number;
        total_commits: number;
        commits: Array<{
          sha: string;
          commit: { message: string; author: { name?: string; date?: string } | null };
          author: { login?: string } | null;
        }>;
      };
      aheadBy = data.ahead_by;
      total = data.total_commits;
      for (const c of data.commits) {
        commits.push({
          sha: c.sha,
          subject: sanitizeLine(c.commit.message.split('\n')[0] ?? ''),
          author: sanitizeLine(c.author?.login ?? c.commit.author?.name ?? ''),
          date: Date.parse(c.commit.author?.date ?? '') || 0,
        });
      }
      if (++pages >= MAX_PAGES) break;
    }
    const numbers = await pullRequestNumbers(commits);
    const shipped: ShippedPullRequest[] = [];
    for (const number of numbers) {
      const pr = await pulls.detail(number);
      shipped.push({ pullRequest: pr, flags: flagsOf(pr) });
    }
    const closes = [...new Set(shipped.flatMap((s) => s.pullRequest.closes))].sort((a, b) => a - b);
    return { base, head, commits, aheadBy, truncated: commits.length < total, pullRequests: shipped, closes };
  }

  /** Merge commits matched against known pull requests first; the rest asked of GitHub, a bounded number. */
  async function pullRequestNumbers(commits: readonly ShippedCommit[]): Promise<number[]> {
    const byMergeSha = new Map(
      (pulls.current() ?? []).filter((p) => p.mergeCommitSha).map((p) => [p.mergeCommitSha!, p.number]),
    );
    const found = new Set<number>();
    let lookups = 0;
    for (const commit of commits) {
      const known = byMergeSha.get(commit.sha);
      if (known !== undefined) {
        found.add(known);
        continue;
      }
      let numbers = pullsOfCommit.get(commit.sha);
      if (!numbers) {
        if (lookups++ >= MAX_LOOKUPS) continue;
        const { data } = await octokit.request('GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls', {
          ...where,
          commit_sha: commit.sha,
        });
        numbers = data.filter((p) => p.merged_at).map((p) => p.number);
        if (numbers.length > 0) pullsOfCommit.set(commit.sha, numbers);
      }
      for (const n of numbers) found.add(n);
    }
    return [...found].sort((a, b) => a - b);
  }

  return { compare };
}

export function flagsOf(pr: PullRequest): string[] {
  const flags: string[] = [];
  if (pr.review === 'changes_requested') flags.push('changes requested');
  if (pr.checks === 'failing') flags.push(`checks failing: ${pr.failingChecks.join(', ')}`);
  return flags;
}
