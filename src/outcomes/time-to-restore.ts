// Time to restore service: from a critical alert on the environment to its resolution,
// and from a failed release to the next release that went live. An alert whose resolution
// the history lacks (the deck was not running when it cleared) is taken as restored by
// the next good release after it fired; with none yet, it is open and not counted.
import type { AlertTransition, Incident } from './outcome-types.js';
import { alertIncidents } from './alert-incidents.js';
import { inPeriod } from './period.js';
import { nextGoodRelease, type ClassifiedRelease } from './release-history.js';
import { MINUTE_MS, round } from './statistics.js';

export interface TimedIncident extends Incident {
  startedMs: number;
  durationMs: number | null;
}

export function restoreIncidents(
  history: readonly ClassifiedRelease[],
  alerts: readonly AlertTransition[],
  env: string,
  period: { from: number; to: number },
): TimedIncident[] {
  const incidents: TimedIncident[] = [];
  for (const r of history) {
    if (r.status !== 'failed' || !inPeriod(period, r.createdAt)) continue;
    const next = nextGoodRelease(history, r.createdAt);
    incidents.push(
      timed(
        'failed release',
        `v${r.version} failed (${r.description.trim()})`,
        r.createdAt,
        next?.createdAt,
        'release',
      ),
    );
  }
  for (const a of alertIncidents(alerts, env)) {
    if (!inPeriod(period, a.firedAt)) continue;
    if (a.resolvedAt !== undefined) {
      incidents.push(timed('alert', `critical alert ${a.rule}`, a.firedAt, a.resolvedAt, 'resolution'));
    } else {
      const next = nextGoodRelease(history, a.firedAt);
      incidents.push(timed('alert', `critical alert ${a.rule}`, a.firedAt, next?.createdAt, 'release'));
    }
  }
  return incidents.sort((a, b) => a.startedMs - b.startedMs);
}

function timed(
  kind: Incident['kind'],
  what: string,
  start: number,
  end: number | undefined,
  by: 'resolution' | 'release',
): TimedIncident {
  const durationMs = end === undefined ? null : Math.max(0, end - start);
  return {
    kind,
    what,
    startedAt: new Date(start).toISOString(),
    restoredAt: end === undefined ? null : new Date(end).toISOString(),
    restoredBy: end === undefined ? null : by,
    minutes: durationMs === null ? null : round(durationMs / MINUTE_MS, 1),
    startedMs: start,
    durationMs,
  };
}
