// What the GitHub-like server keeps: one record per issue (a pull request is an issue
// with a pull part), commit, check run, status, release and deployment.
export interface UserRecord {
  login: string;
  id: number;
  type: 'User' | 'Bot';
}

export interface ReviewRecord {
  id: number;
  user: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';
  body: string;
  submittedAt: string;
  commitId: string;
}

export interface PullRecord {
  headRef: string;
  headSha: string;
  baseRef: string;
  draft: boolean;
  merged: boolean;
  mergedAt: string | null;
  mergeCommitSha: string | null;
  mergedBy: string | null;
  mergeable: boolean | null;
  requestedReviewers: string[];
  requestedTeams: string[];
  /** Commits of the head branch that the base did not have when it was opened. */
  commits: string[];
  reviews: ReviewRecord[];
}

export interface IssueRecord {
  number: number;
  id: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: 'completed' | 'not_planned' | 'reopened' | null;
  labels: string[];
  assignees: string[];
  author: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  pull?: PullRecord;
}

export interface CommitRecord {
  sha: string;
  message: string;
  author: string;
  date: string;
  parents: string[];
}

export interface CheckRunRecord {
  id: number;
  sha: string;
  name: string;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: 'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required' | null;
  startedAt: string;
  completedAt: string | null;
  suiteId: number;
}

export interface StatusRecord {
  id: number;
  sha: string;
  context: string;
  state: 'error' | 'failure' | 'pending' | 'success';
  description: string | null;
  targetUrl: string | null;
  creator: string;
  createdAt: string;
  updatedAt: string;
}

export interface ReleaseRecord {
  id: number;
  tagName: string;
  targetCommitish: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  author: string;
  createdAt: string;
}

export type DeploymentState = 'error' | 'failure' | 'inactive' | 'pending' | 'success' | 'queued' | 'in_progress';

export interface DeploymentStatusRecord {
  id: number;
  state: DeploymentState;
  creator: string;
  description: string;
  environment: string;
  targetUrl: string;
  logUrl: string;
  environmentUrl: string;
  createdAt: string;
}

export interface DeploymentRecord {
  id: number;
  sha: string;
  ref: string;
  task: string;
  environment: string;
  description: string | null;
  creator: string;
  payload: Record<string, unknown> | string;
  transient: boolean;
  production: boolean;
  createdAt: string;
  updatedAt: string;
  /** Oldest first. */
  statuses: DeploymentStatusRecord[];
}

export type MergeMethod = 'merge' | 'squash' | 'rebase';
