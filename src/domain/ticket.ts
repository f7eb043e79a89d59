// What a ticket is, independent of where it was read from.

export const COMPLEXITIES = ['trivial', 'standard', 'complex'] as const;
export type Complexity = (typeof COMPLEXITIES)[number];
/** A ticket whose source does not say (a GitHub issue without a complexity label) is shown as unknown, not hidden. */
export type TicketComplexity = Complexity | 'unknown';

export interface Criterion {
  text: string;
  done: boolean;
}

export interface Ticket {
  id: string;
  title: string;
  complexity: TicketComplexity;
  assignee?: string;
  branch?: string;
  description: string;
  criteria: Criterion[];
  /** Where it came from, relative to the project folder (e.g. `tickets/SHOP-1.md`), or the URL. */
  file: string;
  /** GitHub issues: the issue number (the id is `#<number>`), its page, and whether it is closed. */
  number?: number;
  url?: string;
  state?: 'open' | 'closed';
  /** Epoch ms, for closed issues. */
  closedAt?: number;
}

/** A ticket file that could not be read; it is shown as a warning row. */
export interface TicketProblem {
  file: string;
  message: string;
}

export interface TicketLoad {
  tickets: Ticket[];
  problems: TicketProblem[];
}

export function criteriaProgress(ticket: Pick<Ticket, 'criteria'>): { done: number; total: number } {
  return {
    done: ticket.criteria.filter((c) => c.done).length,
    total: ticket.criteria.length,
  };
}
