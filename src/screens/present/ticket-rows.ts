// The Tickets pane's rows: each ticket joined with its branch and derived stage,
// then the files that could not be read, as warnings.
import type { BranchStatus, TicketStage } from '../../domain/branch.js';
import { criteriaProgress, type Ticket, type TicketComplexity, type TicketProblem } from '../../domain/ticket.js';
import { deriveStage, describeBranch } from '../../domain/stage.js';
import { describeLocation } from '../../domain/ticket-location.js';
import type { PullRequest } from '../../domain/pull-request.js';
import { pullRequestsOfTicket } from '../../domain/ticket-pull-requests.js';

export type TicketRow =
  | {
      kind: 'ticket';
      ticket: Ticket;
      stage: TicketStage;
      /** "on box-1", "on staging", "in production": where its code runs, when it runs anywhere. */
      location?: string;
      branchNote: string;
      criteria: { done: number; total: number };
      /** Its pull requests on GitHub (closing it, or from a branch named after it), newest first. */
      pullRequests: PullRequest[];
    }
  | { kind: 'problem'; problem: TicketProblem };

export function ticketRows(
  tickets: readonly Ticket[],
  problems: readonly TicketProblem[],
  branches: Readonly<Record<string, BranchStatus>>,
  locations: Readonly<Record<string, string[]>> = {},
  environmentOrder: readonly string[] = [],
  allPullRequests: readonly PullRequest[] = [],
): TicketRow[] {
  const rows = tickets.map((ticket): TicketRow => {
    const status = ticket.branch ? branches[ticket.branch] : undefined;
    const where = locations[ticket.id];
    const pullRequests = allPullRequests.length ? pullRequestsOfTicket(ticket, allPullRequests) : [];
    return {
      kind: 'ticket',
      ticket,
      stage: stageWithPullRequests(deriveStage(ticket.branch, status), pullRequests),
      pullRequests,
      location: where ? describeLocation(where, environmentOrder) : undefined,
      branchNote: ticket.branch ? (status ? describeBranch(status) : '…') : '',
      criteria: criteriaProgress(ticket),
    };
  });
  // By id, so a row never jumps when its stage changes.
  rows.sort((a, b) => (a.kind === 'ticket' && b.kind === 'ticket' ? compareIds(a.ticket.id, b.ticket.id) : 0));
  return [...rows, ...problems.map((problem): TicketRow => ({ kind: 'problem', problem }))];
}

/** A merged pull request means merged, even after a squash merge git cannot see; an open one means work in progress. */
function stageWithPullRequests(fromGit: TicketStage, pulls: readonly PullRequest[]): TicketStage {
  if (pulls.some((p) => p.state === 'merged')) return 'merged';
  if (fromGit === 'todo' && pulls.some((p) => p.state === 'open')) return 'in progress';
  return fromGit;
}

// One collator for every comparison: `localeCompare` with options builds a new one per call,
// and the rows are sorted each time the footer asks which keys work (every store change).
const ID_ORDER = new Intl.Collator(undefined, { numeric: true });

function compareIds(a: string, b: string): number {
  return ID_ORDER.compare(a, b);
}

export const COMPLEXITY_BADGE: Record<TicketComplexity, string> = {
  trivial: 'triv',
  standard: 'std',
  complex: 'cplx',
  unknown: '?',
};

export function formatCriteria(c: { done: number; total: number }): string {
  return c.total === 0 ? '–' : `${c.done}/${c.total}`;
}
