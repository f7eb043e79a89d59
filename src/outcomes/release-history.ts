// The environment's releases in order, each with what it was (deploy, promotion,
// rollback, other), so every measure reads the same history the same way.
import type { OutcomeRelease } from './outcome-types.js';
import { classifyRelease, type ReleaseKind } from './release-kind.js';

export interface ClassifiedRelease extends OutcomeRelease {
  kind: ReleaseKind;
  rollbackTo?: number;
}

/** Oldest first, by version (the platform's order), then time. */
export function classifyReleases(releases: readonly OutcomeRelease[]): ClassifiedRelease[] {
  return releases
    .map((r) => ({ ...r, ...classifyRelease(r.description) }))
    .sort((a, b) => a.version - b.version || a.createdAt - b.createdAt);
}

export function isChangeRelease(r: ClassifiedRelease): boolean {
  return r.kind === 'deploy' || r.kind === 'promote';
}

/** Went live: finished and succeeded. */
export function wentLive(r: ClassifiedRelease): boolean {
  return r.status === 'succeeded';
}

/** The first release after `at` that went live (any kind): what restores service after a failed one. */
export function nextGoodRelease(history: readonly ClassifiedRelease[], at: number): ClassifiedRelease | undefined {
  return history.find((r) => wentLive(r) && r.createdAt > at);
}

/** The newest change that went live at or before `at`, excluding `except`. */
export function liveChangeAt(
  history: readonly ClassifiedRelease[],
  at: number,
  except?: ClassifiedRelease,
): ClassifiedRelease | undefined {
  let found: ClassifiedRelease | undefined;
  for (const r of history) {
    if (r === except || !isChangeRelease(r) || !wentLive(r)) continue;
    if (r.createdAt <= at && (!found || r.createdAt >= found.createdAt)) found = r;
  }
  return found;
}
