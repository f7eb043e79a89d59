// A pull request from GitHub's JSON (the list's or the single one's), with its review
// and checks summaries when they were read. Remote text is sanitised here.
import type { PullRequest } from '../../domain/pull-request.js';
import { sanitizeLine } from '../../logs/sanitize.js';
import type { ChecksSummary } from './check-state.js';
import { closingReferences } from './pull-request-links.js';
import type { RepoRef } from './repo-ref.js';
import { summarizeReviews, type ReviewInput } from './review-state.js';

/** The fields of GitHub's pull request JSON dynodeck reads. */
export interface PullJson {
  number: number;
  title: string;
  body: string | null;
  html_url: string;
  state: string;
  draft?: boolean;
  user: { login: string } | null;
  head: { ref: string; sha: string };
  base: { ref: string };
  merged_at: string | null;
  merge_commit_sha: string | null;
  updated_at: string;
  requested_reviewers?: Array<{ login: string }> | null;
  requested_teams?: Array<{ slug: string }> | null;
}

export interface PullDetail {
  reviews: readonly ReviewInput[];
  checks: ChecksSummary;
  mergeable: boolean | null;
}

export function pullRequestFrom(json: PullJson, repo: RepoRef, detail?: PullDetail): PullRequest {
  const author = json.user?.login ?? '';
  const review = detail
    ? summarizeReviews(
        detail.reviews,
        { users: json.requested_reviewers ?? [], teams: json.requested_teams ?? [] },
        { author, owner: repo.owner },
      )
    : { review: 'none' as const, reviewers: [], waitingOn: [] };
  const mergedAt = json.merged_at ? Date.parse(json.merged_at) : undefined;
  const clean = (names: string[]) => names.map((n) => sanitizeLine(n));
  return {
    number: json.number,
    title: sanitizeLine(json.title),
    url: json.html_url,
    state: json.merged_at ? 'merged' : json.state === 'open' ? 'open' : 'closed',
    draft: json.draft ?? false,
    author: sanitizeLine(author),
    headRef: sanitizeLine(json.head.ref),
    headSha: json.head.sha,
    baseRef: sanitizeLine(json.base.ref),
    closes: closingReferences(`${json.title}\n${json.body ?? ''}`, repo),
    ...(mergedAt !== undefined ? { mergedAt } : {}),
    ...(json.merged_at && json.merge_commit_sha ? { mergeCommitSha: json.merge_commit_sha } : {}),
    updatedAt: Date.parse(json.updated_at),
    detailed: detail !== undefined,
    review: review.review,
    reviewers: review.reviewers.map((r) => ({ login: sanitizeLine(r.login), state: r.state })),
    waitingOn: clean(review.waitingOn),
    checks: detail?.checks.checks ?? 'none',
    failingChecks: clean(detail?.checks.failing ?? []),
    pendingChecks: clean(detail?.checks.pending ?? []),
    mergeable: detail?.mergeable ?? null,
  };
}
