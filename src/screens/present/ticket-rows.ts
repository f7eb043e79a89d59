// The Tickets pane's rows: each ticket joined with its branch and derived stage,
// then the files that could not be read, as warnings.
import type { BranchStatus, TicketStage } from '../../domain/branch.js';
import { criteriaProgress, type Ticket, type TicketComplexity, type TicketProblem } from '../../domain/ticket.js';
import { deriveStage, describeBranch } from '../../domain/stage.js';
import { describeLocation } from '../../domain/ticket-location.js';

export type TicketRow =
  | {
      kind: 'ticket';
      ticket: Ticket;
      stage: TicketStage;
      /** "on box-1", "on staging", "in production": where its code runs, when it runs anywhere. */
      location?: string;
      branchNote: string;
      criteria: { done: number; total: number };
    }
  | { kind: 'problem'; problem: TicketProblem };

export function ticketRows(
  tickets: readonly Ticket[],
  problems: readonly TicketProblem[],
  branches: Readonly<Record<string, BranchStatus>>,
  locations: Readonly<Record<string, string[]>> = {},
  environmentOrder: readonly string[] = [],
): TicketRow[] {
  const rows = tickets.map((ticket): TicketRow => {
    const status = ticket.branch ? branches[ticket.branch] : undefined;
    const where = locations[ticket.id];
    return {
      kind: 'ticket',
      ticket,
      stage: deriveStage(ticket.branch, status),
      location: where ? describeLocation(where, environmentOrder) : undefined,
      branchNote: ticket.branch ? (status ? describeBranch(status) : '…') : '',
      criteria: criteriaProgress(ticket),
    };
  });
  // By id, so a row never jumps when its stage changes.
  rows.sort((a, b) => (a.kind === 'ticket' && b.kind === 'ticket' ? compareIds(a.ticket.id, b.ticket.id) : 0));
  return [...rows, ...problems.map((problem): TicketRow => ({ kind: 'problem', problem }))];
}

function compareIds(a: string, b: string): number {
  return a.localeCompare(b, undefined, { numeric: true });
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
