// Keeps the repository's pull requests with their review and checks, following the
// poll schedule: lists every poll (304 when nothing changed), each open pull request's
// details only when due. Details of merged ones are read on demand and kept.
import type { PullRequest } from '../../domain/pull-request.js';
import { summarizeChecks, type ChecksSummary } from './check-state.js';
import type { GitHubOctokit } from './github-client.js';
import type { GitHubPollSchedule } from './poll-schedule.js';
import { pullRequestFrom, type PullDetail, type PullJson } from './pull-request-json.js';
import type { RepoRef } from './repo-ref.js';
import type { ReviewInput } from './review-state.js';

interface Known {
  headSha: string;
  /** What the list says that a review changes (updated_at has only one-second resolution). */
  listed: string;
  reviews: ReviewInput[];
  mergeable: boolean | null;
  reviewReadAt: number;
  checks: ChecksSummary;
  checksReadAt: number;
}

export interface PullRequestTracker {
  /** One poll: the lists, and the details that are due. */
  refresh(): Promise<PullRequest[]>;
  /** The last poll's answer, if any. */
  current(): PullRequest[] | undefined;
  /** One pull request with its review and checks read now (conditional requests). */
  detail(number: number): Promise<PullRequest>;
}

const CONCURRENCY = 4;

export function createPullRequestTracker(opts: {
  octokit: GitHubOctokit;
  repo: RepoRef;
  schedule: GitHubPollSchedule;
  now: () => number;
}): PullRequestTracker {
  const { octokit, repo, schedule, now } = opts;
  const where = { owner: repo.owner, repo: repo.name };
  const known = new Map<number, Known>();
  let last: PullRequest[] | undefined;

  async function readReview(json: PullJson, into: Partial<Known>): Promise<void> {
    const [pull, reviews] = await Promise.all([
      octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', { ...where, pull_number: json.number }),
      octokit.paginate('GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
        ...where,
        pull_number: json.number,
        per_page: 100,
      }),
    ]);
    into.mergeable = pull.data.mergeable;
    into.reviews = reviews;
    into.reviewReadAt = now();
  }

  async function readChecks(sha: string, into: Partial<Known>): Promise<void> {
    const [runs, status] = await Promise.all([
      octokit.paginate('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', { ...where, ref: sha, per_page: 100 }),
      octokit.request('GET /repos/{owner}/{repo}/commits/{ref}/status', { ...where, ref: sha, per_page: 100 }),
    ]);
    into.checks = summarizeChecks(runs, status.data.statuses);
    into.checksReadAt = now();
  }

  async function update(json: PullJson, force: boolean): Promise<Known> {
    const before = known.get(json.number);
    const moved = !before || before.headSha !== json.head.sha;
    const t = now();
    const listed = fingerprint(json);
    const next: Partial<Known> = { ...before, headSha: json.head.sha, listed };
    const reviewDue =
      force ||
      moved ||
      before.listed !== listed ||
      (json.state === 'open' && before.mergeable === null) ||
      t - before.reviewReadAt >= schedule.pullRequestDetailsMs;
    const checksDue =
      force || moved || before.checks.checks === 'pending' || t - before.checksReadAt >= schedule.pullRequestDetailsMs;
    await Promise.all([
      reviewDue ? readReview(json, next) : undefined,
      checksDue ? readChecks(json.head.sha, next) : undefined,
    ]);
    const done = next as Known;
    known.set(json.number, done);
    return done;
  }

  const detailOf = (k: Known | undefined): PullDetail | undefined =>
    k && { reviews: k.reviews, checks: k.checks, mergeable: k.mergeable };

  return {
    async refresh() {
      const [open, closed] = await Promise.all([
        octokit.paginate('GET /repos/{owner}/{repo}/pulls', { ...where, state: 'open', per_page: 100 }),
        octokit.request('GET /repos/{owner}/{repo}/pulls', {
          ...where,
          state: 'closed',
          sort: 'updated',
          direction: 'desc',
          per_page: schedule.closedPullRequests,
        }),
      ]);
      await eachLimited(open, CONCURRENCY, (json) => update(json, false));
      const openNumbers = new Set(open.map((p) => p.number));
      const closedNumbers = new Set(closed.data.map((p) => p.number));
      for (const number of known.keys())
        if (!openNumbers.has(number) && !closedNumbers.has(number)) known.delete(number);
      last = [
        ...open.map((json) => pullRequestFrom(json, repo, detailOf(known.get(json.number)))),
        ...closed.data
          .filter((json) => !openNumbers.has(json.number))
          .map((json) => {
            // A closed pull request's details are kept only as long as they describe its last head.
            const k = known.get(json.number);
            return pullRequestFrom(json, repo, k?.headSha === json.head.sha ? detailOf(k) : undefined);
          }),
      ];
      return last;
    },
    current: () => last,
    async detail(number) {
      const { data } = await octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', {
        ...where,
        pull_number: number,
      });
      const k = await update(data, true);
      const pr = pullRequestFrom(data, repo, detailOf(k));
      if (last) last = last.map((p) => (p.number === number ? pr : p));
      return pr;
    },
  };
}

function fingerprint(json: PullJson): string {
  return JSON.stringify([
    json.updated_at,
    json.state,
    json.draft,
    (json.requested_reviewers ?? []).map((u) => u.login),
    (json.requested_teams ?? []).map((t) => t.slug),
  ]);
}

async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  });
  await Promise.all(workers);
}
