// A pull request's review, as GitHub shows it: each reviewer counts with their latest
// APPROVED, CHANGES_REQUESTED or DISMISSED review (a later COMMENTED one cancels nothing;
// DISMISSED takes their approval or change request away), and requested reviewers who
// have not answered yet are waited on.
import type { ReviewDecision, Reviewer, ReviewerState } from '../../domain/pull-request.js';

export interface ReviewInput {
  user: { login: string } | null;
  state: string;
  submitted_at?: string | null;
  id?: number | bigint;
}

export interface RequestedReviewers {
  users: readonly { login: string }[];
  /** Team slugs; shown as owner/slug. */
  teams: readonly { slug: string }[];
}

export interface ReviewSummary {
  review: ReviewDecision;
  reviewers: Reviewer[];
  waitingOn: string[];
}

const DECISIVE: Record<string, ReviewerState | undefined> = {
  APPROVED: 'approved',
  CHANGES_REQUESTED: 'changes_requested',
  DISMISSED: 'dismissed',
};

export function summarizeReviews(
  reviews: readonly ReviewInput[],
  requested: RequestedReviewers,
  opts: { author?: string; owner: string },
): ReviewSummary {
  // GitHub lists reviews oldest first; sort anyway so the answer does not depend on it.
  const ordered = reviews
    .map((review, index) => ({ review, index }))
    .sort((a, b) => time(a.review) - time(b.review) || a.index - b.index)
    .map((x) => x.review);
  const latest = new Map<string, ReviewerState>();
  for (const review of ordered) {
    const login = review.user?.login;
    if (!login || login === opts.author || review.state === 'PENDING') continue;
    const decisive = DECISIVE[review.state];
    if (decisive) latest.set(login, decisive);
    else if (review.state === 'COMMENTED' && !latest.has(login)) latest.set(login, 'commented');
  }
  const waitingOn = [...requested.users.map((u) => u.login), ...requested.teams.map((t) => `${opts.owner}/${t.slug}`)];
  const reviewers: Reviewer[] = [...latest].map(([login, state]) => ({ login, state }));
  for (const login of waitingOn) {
    const known = reviewers.find((r) => r.login === login);
    // Asked again after reviewing: their earlier review still stands, and they are waited on.
    if (!known) reviewers.push({ login, state: 'pending' });
  }
  const states = [...latest.values()];
  const review: ReviewDecision = states.includes('changes_requested')
    ? 'changes_requested'
    : states.includes('approved')
      ? 'approved'
      : waitingOn.length > 0
        ? 'review_required'
        : 'none';
  return { review, reviewers, waitingOn };
}

function time(review: ReviewInput): number {
  const t = review.submitted_at ? Date.parse(review.submitted_at) : NaN;
  return Number.isNaN(t) ? Number.MAX_SAFE_INTEGER : t;
}
