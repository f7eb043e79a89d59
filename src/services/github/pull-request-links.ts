// Which pull requests belong to a ticket: those whose title or body closes its issue
// (GitHub's closing keywords) and those whose head branch is named after the ticket.
// Works for markdown tickets too (SHOP-12 → a branch "feature/SHOP-12-cart").
import type { PullRequest } from '../../domain/pull-request.js';
import type { Ticket } from '../../domain/ticket.js';
import type { RepoRef } from './repo-ref.js';

const KEYWORD = String.raw`\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)`;
// `#12`, `owner/repo#12`, or the URL (any host: GitHub Enterprise too).
const REFERENCE = String.raw`(?:([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+))?#(\d+)|https?:\/\/[^\s/]+\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)\/issues\/(\d+)`;
const CLOSING = new RegExp(String.raw`${KEYWORD}\s*:?\s+(?:${REFERENCE})(?!\w)`, 'gi');

/** Numbers of this repository's issues that the text closes, in order of mention, without repeats. */
export function closingReferences(text: string, repo: Pick<RepoRef, 'owner' | 'name'>): number[] {
  const found: number[] = [];
  for (const m of text.matchAll(CLOSING)) {
    const owner = m[1] ?? m[4];
    const name = m[2] ?? m[5];
    const number = Number(m[3] ?? m[6]);
    if (owner !== undefined && !sameRepo(owner, name ?? '', repo)) continue;
    if (Number.isSafeInteger(number) && number > 0 && !found.includes(number)) found.push(number);
  }
  return found;
}

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

function sameRepo(owner: string, name: string, repo: Pick<RepoRef, 'owner' | 'name'>): boolean {
  return owner.toLowerCase() === repo.owner.toLowerCase() && name.toLowerCase() === repo.name.toLowerCase();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
