// Which pull requests belong to a ticket: those whose title or body closes its issue
// (GitHub's closing keywords) and those whose head branch is named after the ticket.
// Works for markdown tickets too (SHOP-12 → a branch "feature/SHOP-12-cart").
import type { RepoRef } from './repo-ref.js';

export { branchNamesTicket, pullRequestsOfTicket } from '../../domain/ticket-pull-requests.js';

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

function sameRepo(owner: string, name: string, repo: Pick<RepoRef, 'owner' | 'name'>): boolean {
  return owner.toLowerCase() === repo.owner.toLowerCase() && name.toLowerCase() === repo.name.toLowerCase();
}
