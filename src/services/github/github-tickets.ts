// GitHub issues as the deck's tickets: the open ones and those closed in the last 14
// days (so "in production" stays visible). Pull requests come back in the same list
// and are left out. Both lists are read with conditional requests page by page.
import type { Complexity, Ticket, TicketLoad } from '../../domain/ticket.js';
import type { GitHubOctokit } from './github-client.js';
import { labelsFor, ticketFromIssue, type ComplexityLabels } from './issue-ticket.js';
import { closedSince } from './poll-schedule.js';
import type { RepoRef } from './repo-ref.js';

export interface NewTicket {
  title: string;
  complexity?: Complexity;
  /** The issue body in markdown (its "Acceptance criteria" list included). */
  body?: string;
}

export function createIssueTickets(opts: {
  octokit: GitHubOctokit;
  repo: RepoRef;
  labels: ComplexityLabels;
  closedDays: number;
  now: () => number;
}) {
  const { octokit, repo, labels } = opts;
  const where = { owner: repo.owner, repo: repo.name };

  async function load(): Promise<TicketLoad> {
    const [open, closed] = await Promise.all([
      octokit.paginate('GET /repos/{owner}/{repo}/issues', { ...where, state: 'open', per_page: 100 }),
      // `since` is about updates; closed_at is checked below. Rounded to the day so the
      // URL (and its ETag) stay the same between polls.
      octokit.paginate('GET /repos/{owner}/{repo}/issues', {
        ...where,
        state: 'closed',
        since: closedSince(opts.now(), opts.closedDays),
        per_page: 100,
      }),
    ]);
    const cutoff = opts.now() - opts.closedDays * 86_400_000;
    const recentlyClosed = closed.filter((i) => i.closed_at && Date.parse(i.closed_at) >= cutoff);
    const tickets = [...open, ...recentlyClosed]
      .filter((issue) => !issue.pull_request)
      .sort((a, b) => a.number - b.number)
      .map((issue) => ticketFromIssue(issue, labels));
    return { tickets, problems: [] };
  }

  async function create(input: NewTicket): Promise<Ticket> {
    const { data } = await octokit.request('POST /repos/{owner}/{repo}/issues', {
      ...where,
      title: input.title,
      ...(input.body ? { body: input.body } : {}),
      labels: labelsFor(input.complexity, labels),
    });
    return ticketFromIssue(data, labels);
  }

  return { load, create };
}
