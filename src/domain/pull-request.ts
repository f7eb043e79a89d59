// What the deck knows about a pull request, whichever code host it came from: its review
// and checks boiled down to the few states a ticket row can show.

export type PullRequestState = 'open' | 'merged' | 'closed';
/** GitHub's words (reviewDecision), plus `none` when nobody reviewed or was asked to. */
export type ReviewDecision = 'approved' | 'changes_requested' | 'review_required' | 'none';
export type ReviewerState = 'approved' | 'changes_requested' | 'commented' | 'dismissed' | 'pending';
export type ChecksState = 'passing' | 'failing' | 'pending' | 'none';

export interface Reviewer {
  login: string;
  state: ReviewerState;
}

export interface PullRequest {
  number: number;
  title: string;
  url: string;
  state: PullRequestState;
  draft: boolean;
  author: string;
  headRef: string;
  headSha: string;
  baseRef: string;
  /** Issue numbers of this repository that the title or body closes ("Fixes #12"). */
  closes: number[];
  /** Epoch ms; merged pull requests only (squash and rebase merges included). */
  mergedAt?: number;
  /** The commit the merge made on the base branch (a merge, squash or rebased commit). */
  mergeCommitSha?: string;
  /** Epoch ms. */
  updatedAt: number;
  /**
   * Review and checks were read for this pull request (always for open ones). Closed
   * and merged ones come from the list only until asked for: their review is `none`
   * and their checks `none` then, which says "not read", not "not reviewed".
   */
  detailed: boolean;
  review: ReviewDecision;
  reviewers: Reviewer[];
  /** Requested reviewers (logins, or org/team) who have not answered yet. */
  waitingOn: string[];
  checks: ChecksState;
  failingChecks: string[];
  pendingChecks: string[];
  /** false: conflicts with the base branch; null: GitHub has not worked it out yet (or not read). */
  mergeable: boolean | null;
}
