// What the rest of dynodeck may use from GitHub: the service, its types, and the pure
// helpers a screen or the CLI needs (linking tickets to pull requests, merge readiness,
// release tags). Everything else in this folder is internal to the service.
export {
  createGitHubService,
  type GitHubService,
  type GitHubServiceOptions,
  type GitHubStatus,
  type MergeOutcome,
  type TicketRef,
} from './github-service.js';
export type { NewTicket } from './github-tickets.js';
export type { DeploymentActivity, DeploymentState, FinishDeployment, StartDeployment } from './deployments.js';
export type { CreateRelease, ReleaseEntry, ReleaseOutcome } from './releases.js';
export type { Shipment, ShippedCommit, ShippedPullRequest } from './shipment.js';
export type { RateBudget } from './rate-budget.js';
export type { RepoRef } from './repo-ref.js';
export type { TokenSource } from './find-token.js';
export { GitHubProblem, type ProblemKind } from './github-errors.js';
export { GITHUB_POLL_SCHEDULE, type GitHubPollSchedule } from './poll-schedule.js';
export { branchNamesTicket, closingReferences, pullRequestsOfTicket } from './pull-request-links.js';
export { mergeBlocker, type MergeMethod } from './merge-readiness.js';
export { releaseNotes, releaseTag, type ShippedTicket } from './release-notes.js';
export { parseIssueBody } from './acceptance-criteria.js';
