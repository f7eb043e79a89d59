// A commit's checks as one word: check runs (the latest run of each name counts, so a
// re-run that passed replaces the failure) and the combined commit status (one state
// per context). Any failure → failing; else anything still running → pending; else
// passing; nothing at all → none.
import type { ChecksState } from '../../domain/pull-request.js';

export interface CheckRunInput {
  id: number | bigint;
  name: string;
  status: string;
  conclusion: string | null;
  started_at?: string | null;
}

export interface CommitStatusInput {
  context: string;
  state: string;
  updated_at?: string;
  id?: number;
}

export interface ChecksSummary {
  checks: ChecksState;
  failing: string[];
  pending: string[];
}

const PASSED = new Set(['success', 'neutral', 'skipped']);
const FAILED = new Set(['failure', 'timed_out', 'cancelled', 'action_required', 'startup_failure']);

export function summarizeChecks(runs: readonly CheckRunInput[], statuses: readonly CommitStatusInput[]): ChecksSummary {
  const outcomes = new Map<string, 'pass' | 'fail' | 'wait'>();
  for (const run of latestBy(runs, (r) => r.name, runOrder)) {
    outcomes.set(run.name, run.status !== 'completed' ? 'wait' : runOutcome(run.conclusion));
  }
  for (const status of latestBy(statuses, (s) => s.context, statusOrder)) {
    const outcome = status.state === 'success' ? 'pass' : status.state === 'pending' ? 'wait' : 'fail';
    // A name used by both a check run and a status: the worse of the two.
    const before = outcomes.get(status.context);
    outcomes.set(status.context, worse(before, outcome));
  }
  const failing = [...outcomes].filter(([, o]) => o === 'fail').map(([name]) => name);
  const pending = [...outcomes].filter(([, o]) => o === 'wait').map(([name]) => name);
  const checks: ChecksState =
    outcomes.size === 0 ? 'none' : failing.length > 0 ? 'failing' : pending.length > 0 ? 'pending' : 'passing';
  return { checks, failing, pending };
}

function runOutcome(conclusion: string | null): 'pass' | 'fail' | 'wait' {
  if (conclusion && PASSED.has(conclusion)) return 'pass';
  if (conclusion && FAILED.has(conclusion)) return 'fail';
  return 'wait'; // stale, or none yet: GitHub expects it to run again
}

function worse(a: 'pass' | 'fail' | 'wait' | undefined, b: 'pass' | 'fail' | 'wait'): 'pass' | 'fail' | 'wait' {
  const rank = { pass: 0, wait: 1, fail: 2 } as const;
  return a === undefined || rank[b] > rank[a] ? b : a;
}

function runOrder(a: CheckRunInput, b: CheckRunInput): number {
  return stamp(a.started_at) - stamp(b.started_at) || Number(BigInt(a.id) - BigInt(b.id));
}

function statusOrder(a: CommitStatusInput, b: CommitStatusInput): number {
  return stamp(a.updated_at) - stamp(b.updated_at) || (a.id ?? 0) - (b.id ?? 0);
}

function latestBy<T>(items: readonly T[], key: (item: T) => string, order: (a: T, b: T) => number): T[] {
  const latest = new Map<string, T>();
  for (const item of items) {
    const known = latest.get(key(item));
    if (!known || order(known, item) < 0) latest.set(key(item), item);
  }
  return [...latest.values()];
}

function stamp(iso: string | null | undefined): number {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? 0 : t;
}
