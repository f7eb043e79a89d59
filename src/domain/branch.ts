// What the code host knows about a ticket's branch, and the stage derived from it.

export interface CommitSummary {
  sha: string;
  subject: string;
  author: string;
  /** Commit time, epoch milliseconds. */
  date: number;
}

export interface BranchStatus {
  name: string;
  exists: boolean;
  /** Commits on the branch that the main branch does not have. */
  ahead: number;
  /** Commits on the main branch that the branch does not have. */
  behind: number;
  /** The branch's work reached the main branch through a merge. */
  merged: boolean;
  lastCommit?: CommitSummary;
}

export type TicketStage = 'todo' | 'in progress' | 'merged';
