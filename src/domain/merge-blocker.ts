// Whether a pull request may be merged from the deck: only what GitHub would show as
// approved with passing (or no) checks; otherwise what is missing, in the user's words.
import type { PullRequest } from './pull-request.js';

/** Why it cannot be merged now ("waiting on dana", "checks failing: test (20.x)"), or undefined. */
export function mergeBlocker(pr: PullRequest): string | undefined {
  if (pr.state === 'merged') return `#${pr.number} is already merged`;
  if (pr.state === 'closed') return `#${pr.number} is closed`;
  const reasons: string[] = [];
  if (pr.draft) reasons.push('it is a draft');
  if (pr.review === 'changes_requested') {
    const who = pr.reviewers.filter((r) => r.state === 'changes_requested').map((r) => r.login);
    reasons.push(`changes requested by ${who.join(', ') || 'a reviewer'}`);
  } else if (pr.review !== 'approved') {
    reasons.push(pr.waitingOn.length > 0 ? `waiting on ${pr.waitingOn.join(', ')}` : 'no approving review yet');
  }
  if (pr.checks === 'failing') reasons.push(`checks failing: ${pr.failingChecks.join(', ')}`);
  else if (pr.checks === 'pending') reasons.push(`checks pending: ${pr.pendingChecks.join(', ')}`);
  if (pr.mergeable === false) reasons.push(`conflicts with ${pr.baseRef}`);
  else if (pr.mergeable === null && reasons.length === 0) {
    reasons.push('GitHub is still working out whether it merges cleanly; try again in a moment');
  }
  return reasons.length > 0 ? reasons.join('; ') : undefined;
}
