// Where a ticket stands, read from its branch alone.
import type { BranchStatus, TicketStage } from './branch.js';

export function deriveStage(branchName: string | undefined, status: BranchStatus | undefined): TicketStage {
  if (!branchName || !status || !status.exists) return 'todo';
  if (status.merged) return 'merged';
  if (status.ahead > 0) return 'in progress';
  return 'todo';
}

/** A compact cell: `+3 −1`, `+3`, `merged`, `no commits yet`, `missing`; empty while unknown. */
export function describeBranch(status: BranchStatus | undefined): string {
  if (!status) return '';
  if (!status.exists) return 'missing';
  if (status.merged) return 'merged';
  if (status.ahead === 0) return 'no commits yet';
  return status.behind > 0 ? `+${status.ahead} −${status.behind}` : `+${status.ahead}`;
}
