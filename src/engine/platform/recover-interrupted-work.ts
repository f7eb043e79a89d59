// Work the engine was doing when it stopped (killed, or stopped in the middle) did not
// finish; the releases before it keep serving. The next engine marks it failed with a
// reason the deck can show as it is, instead of leaving it pending forever.
import type { EngineStateData } from '../state/engine-state.js';

/** The failure reasons of interrupted work, as the API serves them (failure_reason, error_message). */
export const STOPPED_DURING_RELEASE = 'the engine stopped during the release';
export const STOPPED_DURING_BUILD = 'the engine stopped during the build';

export interface InterruptedRelease {
  appId: string;
  version: number;
}

/** Marks pending releases, builds and promotion targets failed; returns the releases it marked. */
export function recoverInterruptedWork(d: EngineStateData): InterruptedRelease[] {
  const marked: InterruptedRelease[] = [];
  for (const app of d.apps) {
    for (const r of app.releases) {
      if (r.status !== 'pending') continue;
      Object.assign(r, { status: 'failed', failure: STOPPED_DURING_RELEASE });
      marked.push({ appId: app.id, version: r.version });
    }
  }
  for (const b of Object.values(d.builds)) {
    if (b.status === 'pending') Object.assign(b, { status: 'failed', failure: STOPPED_DURING_BUILD });
  }
  for (const p of Object.values(d.promotions)) {
    if (p.status !== 'pending') continue;
    p.status = 'completed';
    for (const t of p.targets)
      if (t.status === 'pending') Object.assign(t, { status: 'failed', errorMessage: STOPPED_DURING_RELEASE });
  }
  return marked;
}
