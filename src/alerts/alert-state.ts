// One alert's lifecycle: fired, acknowledged, silenced, resolved, fired again. Every function
// returns a new Alert, so an alert handed out earlier (in an AlertChange) never changes under its holder.
import type { Severity } from './rules.js';

export type AlertState = 'firing' | 'acknowledged' | 'resolved';

/** Where an alert comes from: rules over the log stream, synthetic checks, or a CloudWatch alarm. */
export type AlertSource = 'logs' | 'checks' | 'cloudwatch';

export interface AlertHistoryEntry {
  at: number;
  state: AlertState | 'silenced' | 'unsilenced';
  value: string;
}

export interface Alert {
  /** Rule and environment: one alert per rule per environment, reused when it fires again. */
  id: string;
  rule: string;
  env: string;
  severity: Severity;
  state: AlertState;
  /** When it (last) fired. */
  since: number;
  resolvedAt?: number;
  /** The current value in words, e.g. '1,840 ms'. */
  value: string;
  /** e.g. '> 1,000 ms for 5m'. */
  threshold: string;
  silencedUntil?: number;
  /** Oldest first, the last HISTORY_LIMIT entries. */
  history: AlertHistoryEntry[];
  /** Set by CloudWatch alarms; absent on rule alerts, which come from the logs or the checks. */
  source?: AlertSource;
  /** The source's own words on why, e.g. a CloudWatch alarm's StateReason. */
  detail?: string;
}

export type AlertChange = { alert: Alert; change: 'fired' | 'resolved' | 'refired' };

export const HISTORY_LIMIT = 50;

export interface AlertIdentity {
  id: string;
  rule: string;
  env: string;
  severity: Severity;
  threshold: string;
  source?: AlertSource;
}

export function alertId(rule: string, env: string): string {
  return `${rule}@${env}`;
}

function withHistory(alert: Alert, entry: AlertHistoryEntry): Alert {
  const history = [...alert.history, entry];
  return { ...alert, history: history.length > HISTORY_LIMIT ? history.slice(-HISTORY_LIMIT) : history };
}

export function isLive(alert: Alert | undefined): alert is Alert {
  return alert !== undefined && alert.state !== 'resolved';
}

export function isSilenced(alert: Alert, now: number): boolean {
  return alert.silencedUntil !== undefined && now < alert.silencedUntil;
}

/** Fires a new alert, or the same one again after it resolved ('refired'). */
export function fireAlert(
  previous: Alert | undefined,
  identity: AlertIdentity,
  value: string,
  now: number,
): AlertChange {
  const base: Alert = previous ?? { ...identity, state: 'firing', since: now, value, history: [] };
  const { resolvedAt: _resolvedAt, ...rest } = base;
  const fired: Alert = { ...rest, ...identity, state: 'firing', since: now, value };
  return { alert: withHistory(fired, { at: now, state: 'firing', value }), change: previous ? 'refired' : 'fired' };
}

export function resolveAlert(alert: Alert, value: string, now: number): Alert {
  return withHistory({ ...alert, state: 'resolved', resolvedAt: now, value }, { at: now, state: 'resolved', value });
}

/** Only a firing alert can be acknowledged; it then stays so until it resolves. */
export function acknowledgeAlert(alert: Alert, now: number): Alert {
  if (alert.state !== 'firing') return alert;
  return withHistory({ ...alert, state: 'acknowledged' }, { at: now, state: 'acknowledged', value: alert.value });
}

export function silenceAlert(alert: Alert, untilMs: number, now: number): Alert {
  return withHistory({ ...alert, silencedUntil: untilMs }, { at: now, state: 'silenced', value: alert.value });
}

/** Ends a silence whose time has come; undefined when there is none to end. */
export function expireSilence(alert: Alert, now: number): Alert | undefined {
  if (alert.silencedUntil === undefined || isSilenced(alert, now)) return undefined;
  const { silencedUntil: _until, ...rest } = alert;
  return withHistory(rest, { at: now, state: 'unsilenced', value: alert.value });
}

const STATE_ORDER: Record<AlertState, number> = { firing: 0, acknowledged: 1, resolved: 2 };

/** Firing first, then acknowledged (critical before warning, newest first), then resolved, most recent first. */
export function sortAlerts(alerts: Iterable<Alert>): Alert[] {
  return [...alerts].sort((a, b) => {
    if (a.state !== b.state) return STATE_ORDER[a.state] - STATE_ORDER[b.state];
    if (a.state === 'resolved') return (b.resolvedAt ?? 0) - (a.resolvedAt ?? 0);
    if (a.severity !== b.severity) return a.severity === 'critical' ? -1 : 1;
    return b.since - a.since;
  });
}
