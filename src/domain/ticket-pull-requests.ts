// Which pull requests belong to a ticket, from what the pull requests say: their closing
// references (read by the code host) and their head branch named after the ticket. Works
// for markdown tickets too (SHOP-12 → a branch "feature/SHOP-12-cart").
import type { PullRequest } from './pull-request.js';
import type { Ticket } from './ticket.js';

/**
 * A branch is named after a ticket when it carries the ticket's id as a whole word
 * (`feature/SHOP-12-cart`, `bc-102-fix`), or, for an issue number, when the number is
 * the first number in one of its path parts (`feature/12-cart`, `issue-12`, `12`):
 * `120-x`, `SHOP-112` and `release-2024-12` are not #12's.
 */
export function branchNamesTicket(branch: string, ticket: Pick<Ticket, 'id' | 'number'>): boolean {
  if (ticket.number !== undefined) {
    return branch.split('/').some((part) => /^\D*?(\d+)/.exec(part)?.[1] === String(ticket.number));
  }
  const id = ticket.id.trim();
  if (!id) return false;
  const after = /[A-Za-z0-9]$/.test(id) ? (/\d$/.test(id) ? '(?!\\d)' : '(?![A-Za-z0-9])') : '';
  return new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(id)}${after}`, 'i').test(branch);
}

/** The ticket's pull requests, newest first. */
export function pullRequestsOfTicket(
  ticket: Pick<Ticket, 'id' | 'number' | 'branch'>,
  pullRequests: readonly PullRequest[],
): PullRequest[] {
  return pullRequests
    .filter(
      (pr) =>
        (ticket.number !== undefined && pr.closes.includes(ticket.number)) ||
        (ticket.branch !== undefined && pr.headRef === ticket.branch) ||
        branchNamesTicket(pr.headRef, ticket),
    )
    .sort((a, b) => b.number - a.number);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
