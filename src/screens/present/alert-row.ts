// An alert as the Alerts pane shows it.
import type { Alert } from '../../alerts/alert-state.js';
import { formatAge } from './format-age.js';

export interface AlertRowView {
  icon: string;
  tone: 'critical' | 'warning' | 'muted' | 'ok';
  env: string;
  rule: string;
  reading: string;
  age: string;
  state: string;
}

export function alertRow(alert: Alert, now: number): AlertRowView {
  const silenced = alert.silencedUntil !== undefined && alert.silencedUntil > now;
  const tone =
    alert.state === 'resolved' ? 'ok' : alert.state === 'acknowledged' || silenced ? 'muted' : alert.severity;
  const icon =
    alert.state === 'resolved' ? '✓' : alert.state === 'acknowledged' ? '◌' : alert.severity === 'critical' ? '●' : '▲';
  const state =
    alert.state === 'resolved'
      ? `resolved ${formatAge(now - (alert.resolvedAt ?? now))} ago`
      : silenced
        ? `silenced ${formatAge(alert.silencedUntil! - now)}`
        : alert.state === 'acknowledged'
          ? 'acknowledged'
          : 'firing';
  return {
    icon,
    tone,
    env: alert.env,
    rule: alert.rule,
    reading: reading(alert),
    age: formatAge(now - alert.since),
    state,
  };
}

/**
 * The value that made it fire and, apart, the value now: "error-rate 0 % … firing" read as a
 * contradiction when only the current value was shown.
 */
function reading(alert: Alert): string {
  const fired = [...alert.history].reverse().find((h) => h.state === 'firing')?.value;
  if (fired === undefined || fired === alert.value) return `${alert.value} (${alert.threshold})`;
  return `fired at ${fired} · now ${alert.value} (${alert.threshold})`;
}
