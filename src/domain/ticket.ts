// What a ticket is, independent of where it was read from.

export const COMPLEXITIES = ['trivial', 'standard', 'complex'] as const;
export type Complexity = (typeof COMPLEXITIES)[number];

export interface Criterion {
  text: string;
  done: boolean;
}

export interface Ticket {
  id: string;
  title: string;
  complexity: Complexity;
  assignee?: string;
  branch?: string;
  description: string;
  criteria: Criterion[];
  /** Where it came from, relative to the project folder (e.g. `tickets/SHOP-1.md`). */
  file: string;
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
