// A ticket's pull requests in a few characters for its row (`#32 ✓ approved · checks ✓`,
// `#33 ✗ changes · checks ✗`) and in words for its detail and `status`.
import type { ChecksState, PullRequest, ReviewDecision } from '../../domain/pull-request.js';

export type BadgeTone = 'ok' | 'warning' | 'error' | 'muted';

export interface PullRequestBadge {
  text: string;
  tone: BadgeTone;
}

/** The pull request a row speaks for: the newest open one, else the newest merged, else the newest. */
export function leadingPullRequest(pulls: readonly PullRequest[]): PullRequest | undefined {
  const newest = [...pulls].sort((a, b) => b.number - a.number);
  return newest.find((p) => p.state === 'open') ?? newest.find((p) => p.state === 'merged') ?? newest[0] ?? undefined;
}

const REVIEW_WORDS: Record<ReviewDecision, string> = {
  approved: '✓ approved',
  changes_requested: '✗ changes',
  review_required: '… review',
  none: '– no review',
};

const CHECK_MARKS: Record<ChecksState, string> = {
  passing: 'checks ✓',
  failing: 'checks ✗',
  pending: 'checks …',
  none: '',
};

export function pullRequestBadge(pulls: readonly PullRequest[]): PullRequestBadge | undefined {
  const pr = leadingPullRequest(pulls);
  if (!pr) return undefined;
  const more = pulls.filter((p) => p.state === 'open').length > 1 ? ' +' : '';
  if (pr.state === 'merged') return { text: `#${pr.number} merged`, tone: 'ok' };
  if (pr.state === 'closed') return { text: `#${pr.number} closed`, tone: 'muted' };
  const review = pr.draft ? 'draft' : REVIEW_WORDS[pr.review];
  const checks = CHECK_MARKS[pr.checks];
  const text = `#${pr.number}${more} ${review}${checks ? ` · ${checks}` : ''}`;
  const tone: BadgeTone =
    pr.review === 'changes_requested' || pr.checks === 'failing' || pr.mergeable === false
      ? 'error'
      : !pr.draft && pr.review === 'approved' && (pr.checks === 'passing' || pr.checks === 'none')
        ? 'ok'
        : 'warning';
  return { text, tone };
}

/** The detail view's lines for one pull request: state, reviewers and what they said, failing checks. */
export function pullRequestDetail(pr: PullRequest): string[] {
  const state = pr.state === 'open' ? (pr.draft ? 'draft' : 'open') : pr.state;
  const lines = [`#${pr.number} ${pr.title} (${state}, ${pr.headRef} → ${pr.baseRef}, by ${pr.author})`];
  if (pr.state === 'open') {
    lines.push(`  review   ${reviewText(pr)}`);
    lines.push(`  checks   ${checksText(pr)}`);
    if (pr.mergeable === false) lines.push(`  conflicts with ${pr.baseRef}`);
  }
  lines.push(`  ${pr.url}`);
  return lines;
}

function reviewText(pr: PullRequest): string {
  const said = pr.reviewers.filter((r) => r.state !== 'pending').map((r) => `${r.login} ${r.state.replace('_', ' ')}`);
  const waiting = pr.waitingOn.length ? [`waiting on ${pr.waitingOn.join(', ')}`] : [];
  const parts = [...said, ...waiting];
  return `${pr.review.replace('_', ' ')}${parts.length ? `: ${parts.join(' · ')}` : ''}`;
}

function checksText(pr: PullRequest): string {
  if (pr.checks === 'failing') return `failing: ${pr.failingChecks.join(', ')}`;
  if (pr.checks === 'pending') return `pending: ${pr.pendingChecks.join(', ')}`;
  return pr.checks;
}
