// What the outcome measures are computed from, and the report they produce. The inputs
// are plain values gathered elsewhere (src/services/outcomes), so every figure can be
// checked on a fixed history without a platform, a repository or a clock.
import type { Complexity, TicketComplexity } from '../domain/ticket.js';
import type { Band } from './dora-bands.js';

export interface OutcomeRelease {
  version: number;
  status: 'pending' | 'succeeded' | 'failed';
  /** The platform's words: "Deploy 1a2b3c4", "Promote shop-staging v12", "Rollback to v11". */
  description: string;
  /** The commit the release runs, when known. */
  commit?: string;
  /** Epoch ms. */
  createdAt: number;
  /** Why it failed, when the platform says. */
  failure?: string;
}

export interface OutcomeCommit {
  sha: string;
  /** Commit time, epoch ms. */
  committedAt: number;
  /** A merge commit: it carries others' work and is not a change of its own. */
  merge?: boolean;
  /** Version of the production release that first carried it; undefined when none did. */
  releasedIn?: number;
}

export type AlertTransitionKind = 'fired' | 'acknowledged' | 'resolved';

/** One line of the alert history (.dynodeck/history/alerts.jsonl). */
export interface AlertTransition {
  /** Epoch ms. */
  at: number;
  transition: AlertTransitionKind;
  rule: string;
  env: string;
  severity: 'critical' | 'warning';
  /** The value in words when it changed, e.g. "1,840 ms". */
  value?: string;
}

/** One line of .dynodeck/audit.log, its time in epoch ms. */
export interface OutcomeAuditEntry {
  when: number;
  who?: string;
  what: string;
  target: string;
  result: string;
  detail?: Record<string, unknown>;
}

export interface OutcomeTicket {
  id: string;
  /** `unknown` for a GitHub issue without a complexity label: counted in no complexity's figure. */
  complexity: TicketComplexity;
  /** Commit time of the first commit on the ticket's branch (or its pull request's), epoch ms. */
  firstCommitAt?: number;
  /** The branch's tip commit: the release that first carried it shipped the ticket. */
  tipSha?: string;
  /** Set when known directly; otherwise looked up from tipSha in the commits. */
  releasedIn?: number;
}

export interface OutcomePullRequest {
  id: string;
  /** Commit time of the pull request's first commit, epoch ms. */
  firstCommitAt: number;
  /** The shas it holds. */
  commits: readonly string[];
}

export interface OutcomeInputs {
  env: string;
  period: { from: number; to: number };
  /** The environment's releases, any order; older ones give context (what was live, what came before). */
  releases: readonly OutcomeRelease[];
  commits: readonly OutcomeCommit[];
  alerts: readonly AlertTransition[];
  audit?: readonly OutcomeAuditEntry[];
  tickets: readonly OutcomeTicket[];
  pullRequests?: readonly OutcomePullRequest[];
  /** A change counts as failed when a rollback, failed release or critical alert follows within this. Default 24 h. */
  failureWindowMs?: number;
  /** Things the gathering could not know, passed through to the report. */
  notes?: readonly string[];
}

export interface FailedChange {
  version: number;
  description: string;
  /** ISO time of the change. */
  at: string;
  /** The first reason found. */
  reason: string;
  reasons: string[];
}

export interface Incident {
  kind: 'alert' | 'failed release';
  /** "critical alert error-rate" or "v14 failed". */
  what: string;
  startedAt: string;
  /** Null while it is not restored. */
  restoredAt: string | null;
  /** What ended it: the alert resolving, or the next good release. */
  restoredBy: 'resolution' | 'release' | null;
  minutes: number | null;
}

export interface TicketLeadTime {
  id: string;
  complexity: TicketComplexity;
  release: number;
  firstCommitAt: string;
  releasedAt: string;
  leadTimeHours: number;
}

export interface ComplexityFigure {
  tickets: number;
  medianLeadTimeHours: number | null;
}

export interface WeekFigures {
  from: string;
  to: string;
  deployments: number;
  leadTimeMedianHours: number | null;
  changeFailureRate: number | null;
  restoreMedianMinutes: number | null;
}

/** The JSON of `dynodeck report --json`: a stable interface, keys are only ever added. */
export interface OutcomeReport {
  env: string;
  period: { from: string; to: string; days: number };
  failureWindowHours: number;
  deploymentFrequency: {
    count: number;
    perWeek: number | null;
    band: Band;
    deploys: number;
    promotions: number;
    rollbacks: number;
  };
  leadTime: { medianHours: number | null; p90Hours: number | null; band: Band; changes: number };
  changeFailureRate: {
    deploys: number;
    failures: number;
    rate: number | null;
    band: Band;
    failedChanges: FailedChange[];
  };
  timeToRestore: { medianMinutes: number | null; band: Band; restored: number; open: number; incidents: Incident[] };
  byComplexity: Record<Complexity, ComplexityFigure>;
  tickets: TicketLeadTime[];
  weeks: WeekFigures[];
  /** Production actions from the audit log: shipped over a critical alert, and attempts that made no release. */
  audit: { overrides: number; failedAttempts: number };
  notes: string[];
}
