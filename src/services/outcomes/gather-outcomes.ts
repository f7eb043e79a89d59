// Everything the outcome report is computed from, read once: the environment's releases
// from the platform, which commits each release carried and when each ticket's work began
// from local git, the alert history and the audit log. GitHub's pull requests come in as
// an optional input (their first commits start the lead time when known). A source that
// cannot be read leaves a note and its measures empty, and the rest still answers.
import type { Ticket } from '../../domain/ticket.js';
import type { OutcomeInputs, OutcomePullRequest, OutcomeRelease } from '../../outcomes/outcome-types.js';
import type { Platform } from '../ports.js';
import { createGitRunner, type GitRunner } from '../git/run-git.js';
import { readAlertHistory } from '../history/alert-history.js';
import { releasesCovering } from './release-window.js';
import { carriedCommits } from './carried-commits.js';
import { ticketBranchStarts } from './ticket-branch-start.js';
import { readAuditEntries } from './read-audit.js';

export interface GatherOptions {
  platform: Pick<Platform, 'releases'>;
  env: string;
  period: { from: number; to: number };
  /** The project folder: its git repository and its .dynodeck/. */
  root: string;
  mainBranch: string;
  tickets: readonly Ticket[];
  pullRequests?: readonly OutcomePullRequest[];
  failureWindowMs?: number;
  /** Notes from the caller (e.g. tickets that could not be read), reported first. */
  notes?: readonly string[];
  /** Replaces the real git runner (tests). */
  run?: GitRunner;
}

export async function gatherOutcomeInputs(opts: GatherOptions): Promise<OutcomeInputs> {
  const run = opts.run ?? createGitRunner(opts.root);
  const notes: string[] = [...(opts.notes ?? [])];
  const window = await releasesCovering(opts.platform, opts.env, opts.period.from);
  if (window.truncated)
    notes.push(`only the newest ${window.releases.length} releases could be read; the period starts before them`);
  // A release the platform gave no version or date for cannot be placed in the period.
  const placed = window.releases.filter(
    (r): r is typeof r & { version: number; createdAt: number } => r.version !== undefined && r.createdAt !== undefined,
  );
  if (placed.length < window.releases.length)
    notes.push(`${window.releases.length - placed.length} release(s) without a version or date are left out`);
  const releases: OutcomeRelease[] = placed.map((r) => ({
    version: r.version,
    // A release whose status the platform did not say is not counted as live.
    status: r.status === 'unknown' ? 'pending' : r.status,
    description: r.description,
    createdAt: r.createdAt,
    ...(r.commit ? { commit: r.commit } : {}),
    ...(r.failure ? { failure: r.failure } : {}),
  }));

  const [carried, starts, alerts, audit] = await Promise.all([
    carriedCommits(run, opts.root, placed, opts.period.from, window.complete).catch((error: unknown) => {
      notes.push(`lead times need git: ${(error as Error).message}`);
      return { commits: [], notes: [] };
    }),
    ticketBranchStarts(run, opts.root, opts.mainBranch, opts.tickets).catch((error: unknown) => {
      notes.push(`ticket lead times need git: ${(error as Error).message}`);
      return { tickets: opts.tickets.map((t) => ({ id: t.id, complexity: t.complexity })), notes: [] };
    }),
    readAlertHistory(opts.root),
    readAuditEntries(opts.root),
  ]);
  notes.push(...carried.notes, ...starts.notes);
  notes.push(...alerts.problems.map((p) => `alert history ${p}`), ...audit.problems.map((p) => `audit log ${p}`));

  return {
    env: opts.env,
    period: opts.period,
    releases,
    commits: carried.commits,
    alerts: alerts.transitions,
    audit: audit.entries,
    tickets: starts.tickets,
    ...(opts.pullRequests ? { pullRequests: opts.pullRequests } : {}),
    ...(opts.failureWindowMs !== undefined ? { failureWindowMs: opts.failureWindowMs } : {}),
    notes,
  };
}
