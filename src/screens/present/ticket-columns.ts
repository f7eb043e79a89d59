// Which columns the Tickets pane shows at a given width, widest-first dropping of extras.

export interface TicketColumns {
  id: number;
  complexity: number;
  criteria: number;
  assignee: number;
  branch: number;
  stage: number;
  /** What is left for the title. */
  title: number;
}

const MARKER = 2;
const GAP = 1;

export function ticketColumns(width: number, longestId: number): TicketColumns {
  const id = Math.min(Math.max(longestId, 2), 12);
  const fixed = { complexity: 4, criteria: 5, stage: 13 };
  let assignee = width >= 64 ? 9 : 0;
  let branch = width >= 80 ? Math.min(34, Math.floor(width * 0.27)) : 0;
  const used = () =>
    MARKER +
    id +
    fixed.complexity +
    fixed.criteria +
    fixed.stage +
    assignee +
    branch +
    GAP * (4 + (assignee ? 1 : 0) + (branch ? 1 : 0));
  if (width - used() < 20) branch = 0;
  if (width - used() < 16) assignee = 0;
  return { id, ...fixed, assignee, branch, title: Math.max(8, width - used()) };
}
