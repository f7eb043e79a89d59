// Heroku's release and dyno bodies as the deck's summaries. A field Heroku did not send,
// or sent in a shape the schema does not allow, stays unknown: a release without a status
// is not "succeeded", a missing created_at is not 1970.
import type * as Heroku from '@heroku-cli/schema';
import type { DynoSummary, ReleaseSummary } from '../ports.js';

const RELEASE_STATUSES = ['pending', 'succeeded', 'failed'] as const;
const DYNO_STATES = ['starting', 'up', 'idle', 'crashed', 'down'] as const;

/** Epoch ms of an ISO 8601 date-time; undefined for anything else. */
export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

export function releaseStatus(value: unknown): ReleaseSummary['status'] {
  return (RELEASE_STATUSES as readonly unknown[]).includes(value) ? (value as ReleaseSummary['status']) : 'unknown';
}

export function releaseSummary(
  r: Heroku.Release & { failure_reason?: string },
  commit: string | undefined,
): ReleaseSummary {
  const version = typeof r.version === 'number' && Number.isInteger(r.version) ? r.version : undefined;
  const user = typeof r.user?.email === 'string' && r.user.email !== '' ? r.user.email : undefined;
  return {
    id: String(r.id ?? ''),
    ...(version !== undefined ? { version } : {}),
    status: releaseStatus(r.status),
    description: typeof r.description === 'string' ? r.description : '',
    ...(commit !== undefined ? { commit } : {}),
    ...(user !== undefined ? { user } : {}),
    ...(parseTimestamp(r.created_at) !== undefined ? { createdAt: parseTimestamp(r.created_at) } : {}),
    current: r.current === true,
    ...(typeof r.failure_reason === 'string' ? { failure: r.failure_reason } : {}),
  };
}

export function dynoSummary(d: Heroku.Dyno): DynoSummary {
  const state = (DYNO_STATES as readonly unknown[]).includes(d.state) ? (d.state as DynoSummary['state']) : 'unknown';
  const startedAt = parseTimestamp(d.created_at);
  return {
    name: String(d.name ?? '?'),
    type: String(d.type ?? d.name?.split('.')[0] ?? '?'),
    state,
    ...(startedAt !== undefined ? { startedAt } : {}),
    ...(typeof d.release?.version === 'number' ? { releaseVersion: d.release.version } : {}),
  };
}
