// The `status --json` document: a stable, machine-readable snapshot of the deck.
import type { DeckState } from '../store/deck-state.js';
import { ticketRows } from '../screens/present/ticket-rows.js';
import type { DatabaseSummary } from '../domain/database-health.js';
import type { PullRequest } from '../domain/pull-request.js';

export interface StatusReport {
  project: string;
  root: string;
  tickets: Array<{
    id: string;
    title: string;
    complexity: string;
    assignee: string | null;
    criteria: { done: number; total: number };
    stage: string;
    branch: string | null;
    file: string;
    /** GitHub issues: the issue number (the id is `#<number>`). */
    number?: number;
    /** With GitHub: the pull requests closing the ticket or named after it, newest first. */
    pullRequests?: StatusPullRequest[];
  }>;
  ticketProblems: Array<{ file: string; message: string }>;
  environments: Array<{
    name: string;
    app: string;
    stage: string;
    /** `null` fields and `status: "unknown"`: the platform did not say. */
    release: {
      version: number | null;
      commit: string | null;
      status: 'pending' | 'succeeded' | 'failed' | 'unknown';
      createdAt: string | null;
      user: string | null;
    } | null;
    formation: Record<string, number>;
    dynos: { up: number; starting: number; crashed: number; down: number };
    url: string;
    maintenance: boolean;
    /** The environment's database from CloudWatch, when `cloudwatch:` names it. */
    database?: DatabaseSummary;
  }>;
  sources: Array<{ name: string; state: 'ok' | 'error' | 'pending'; lastSuccess: string | null; error: string | null }>;
  /**
   * Firing, acknowledged and resolved alerts, and `state: "unknown"` ones (with a `reason`) for
   * rules the one-shot check cannot tell; `env: null` when not even the environments could be read.
   */
  alerts: Array<{
    rule: string | null;
    env: string | null;
    severity: string | null;
    state: string;
    since: string | null;
    value: string | null;
    threshold: string | null;
    reason?: string;
  }>;
}

export interface StatusPullRequest {
  number: number;
  title: string;
  state: 'open' | 'merged' | 'closed';
  draft: boolean;
  review: 'approved' | 'changes_requested' | 'review_required' | 'none';
  waitingOn: string[];
  checks: 'passing' | 'failing' | 'pending' | 'none';
  url: string;
}

function statusPullRequest(pr: PullRequest): StatusPullRequest {
  return {
    number: pr.number,
    title: pr.title,
    state: pr.state,
    draft: pr.draft,
    review: pr.review,
    waitingOn: pr.waitingOn,
    checks: pr.checks,
    url: pr.url,
  };
}

export function statusReport(state: DeckState): StatusReport {
  const rows = ticketRows(
    state.tickets,
    state.ticketProblems,
    state.branches,
    state.ticketLocations,
    state.environments.map((e) => e.name),
    state.pullRequests,
  );
  return {
    project: state.project,
    root: state.root,
    tickets: rows.flatMap((row) =>
      row.kind === 'ticket'
        ? [
            {
              id: row.ticket.id,
              title: row.ticket.title,
              complexity: row.ticket.complexity,
              assignee: row.ticket.assignee ?? null,
              criteria: row.criteria,
              stage: row.location ?? row.stage,
              branch: row.ticket.branch ?? null,
              file: row.ticket.file,
              ...(row.ticket.number !== undefined ? { number: row.ticket.number } : {}),
              ...(state.githubEnabled ? { pullRequests: row.pullRequests.map(statusPullRequest) } : {}),
            },
          ]
        : [],
    ),
    ticketProblems: state.ticketProblems.map((p) => ({ file: p.file, message: p.message })),
    environments: state.environments.map((e) => ({
      name: e.name,
      app: e.app,
      stage: e.stage,
      release: e.release
        ? {
            version: e.release.version ?? null,
            commit: e.release.commit ?? null,
            status: e.release.status,
            createdAt: e.release.createdAt === undefined ? null : new Date(e.release.createdAt).toISOString(),
            user: e.release.user ?? null,
          }
        : null,
      formation: e.formation,
      dynos: {
        up: e.dynos.filter((d) => d.state === 'up').length,
        starting: e.dynos.filter((d) => d.state === 'starting').length,
        crashed: e.dynos.filter((d) => d.state === 'crashed').length,
        down: e.dynos.filter((d) => d.state === 'down').length,
      },
      url: e.url,
      maintenance: e.maintenance,
    })),
    alerts: [],
    sources: Object.values(state.sources).map((s) => ({
      name: s.name,
      state: s.error ? 'error' : s.lastSuccess === undefined ? 'pending' : 'ok',
      lastSuccess: s.lastSuccess === undefined ? null : new Date(s.lastSuccess).toISOString(),
      error: s.error ?? null,
    })),
  };
}
