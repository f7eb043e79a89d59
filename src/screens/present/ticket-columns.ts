// Which columns the Tickets pane shows at a given width, widest-first dropping of extras.

export interface TicketColumns {
  id: number;
  complexity: number;
  criteria: number;
  assignee: number;
  branch: number;
  stage: number;
  /** Pull request review and checks (`#32 ✓ approved · checks ✓`); 0 without GitHub. */
  review: number;
  /** What is left for the title. */
  title: number;
}

const MARKER = 2;
const GAP = 1;

export function ticketColumns(width: number, longestId: number, withReview = false): TicketColumns {
  const id = Math.min(Math.max(longestId, 2), 12);
  const fixed = { complexity: 4, criteria: 5, stage: 13 };
  let assignee = width >= 64 ? 9 : 0;
  let branch = width >= 80 ? Math.min(34, Math.floor(width * 0.27)) : 0;
  let review = withReview ? 26 : 0;
  const used = () =>
    MARKER +
    id +
    fixed.complexity +
    fixed.criteria +
    fixed.stage +
    assignee +
    branch +
    review +
    GAP * (4 + (assignee ? 1 : 0) + (branch ? 1 : 0) + (review ? 1 : 0));
  if (width - used() < 20) branch = 0;
  if (width - used() < 16) assignee = 0;
  // Narrow: the review cell keeps its number and marks (`#32 ✓ approved`).
  if (review && width - used() < 14) review = 16;
  if (review && width - used() < 10) review = 0;
  return { id, ...fixed, assignee, branch, review, title: Math.max(8, width - used()) };
}
