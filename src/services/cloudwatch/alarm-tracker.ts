// CloudWatch alarms as deck alerts, kept across polls so they have the same lifecycle as the
// rule alerts: ALARM fires a critical alert, INSUFFICIENT_DATA a warning, OK (or the alarm
// vanishing) resolves it; acknowledging and silencing work as for any alert. Pure: `now` comes
// from the caller.
import {
  acknowledgeAlert,
  alertId,
  expireSilence,
  fireAlert,
  isLive,
  isSilenced,
  resolveAlert,
  silenceAlert,
  sortAlerts,
  type Alert,
  type AlertChange,
  type AlertIdentity,
} from '../../alerts/alert-state.js';
import { RESOLVED_KEEP_MS } from '../../alerts/evaluate.js';
import type { AlarmReading } from './alarm-reading.js';

export interface PlacedAlarm {
  reading: AlarmReading;
  /** The environment the alarm is filed under (see alarmEnvironment). */
  env: string;
}

export interface AlarmTracker {
  /** Takes every selected alarm from one poll; returns what to announce (nothing for silenced alerts). */
  update(alarms: readonly PlacedAlarm[], now: number): AlertChange[];
  /** Firing first, then acknowledged, then resolved (recent first). */
  alerts(): Alert[];
  acknowledge(id: string, now: number): void;
  silence(id: string, untilMs: number, now: number): void;
}

export const NO_LONGER_LISTED = 'alarm no longer listed';

export function createAlarmTracker(): AlarmTracker {
  const alerts = new Map<string, Alert>();

  function announce(change: AlertChange, now: number): AlertChange[] {
    return isSilenced(change.alert, now) ? [] : [change];
  }

  function place({ reading, env }: PlacedAlarm, now: number): AlertChange[] {
    const id = alertId(reading.name, env);
    const previous = alerts.get(id);
    // CloudWatch's own time of the change, unless it is in the future (a skewed clock).
    const at = reading.changedAt > 0 ? Math.min(reading.changedAt, now) : now;
    if (reading.state === 'OK') {
      if (!isLive(previous)) return [];
      const resolved = { ...resolveAlert(previous, reading.value, at), detail: reading.reason };
      alerts.set(id, resolved);
      return announce({ alert: resolved, change: 'resolved' }, now);
    }
    const severity = reading.state === 'ALARM' ? 'critical' : 'warning';
    const identity: AlertIdentity = {
      id,
      rule: reading.name,
      env,
      severity,
      threshold: reading.threshold,
      source: 'cloudwatch',
    };
    if (isLive(previous) && previous.severity === severity) {
      const same =
        previous.value === reading.value &&
        previous.detail === reading.reason &&
        previous.threshold === reading.threshold;
      if (!same)
        alerts.set(id, { ...previous, value: reading.value, detail: reading.reason, threshold: reading.threshold });
      return [];
    }
    // New, fired again after OK, or moved between ALARM and INSUFFICIENT_DATA: each is news.
    const fired = fireAlert(previous, identity, reading.value, at);
    const alert = { ...fired.alert, detail: reading.reason };
    alerts.set(id, alert);
    return announce({ alert, change: fired.change }, now);
  }

  /**
   * An alarm filed under another environment than last time (the environments were not known
   * yet, or the config changed) keeps its alert and history instead of resolving and firing again.
   */
  function refile(placed: readonly PlacedAlarm[]) {
    const ids = new Set(placed.map((p) => alertId(p.reading.name, p.env)));
    for (const { reading, env } of placed) {
      const id = alertId(reading.name, env);
      if (alerts.has(id)) continue;
      const moved = [...alerts.values()].find((a) => a.rule === reading.name && isLive(a) && !ids.has(a.id));
      if (!moved) continue;
      alerts.delete(moved.id);
      alerts.set(id, { ...moved, id, env });
    }
  }

  return {
    update(placed, now) {
      refile(placed);
      const changes: AlertChange[] = [];
      const seen = new Set<string>();
      for (const alarm of placed) {
        seen.add(alertId(alarm.reading.name, alarm.env));
        changes.push(...place(alarm, now));
      }
      const changed = new Set(changes.map((c) => c.alert.id));
      for (const [id, alert] of alerts) {
        if (isLive(alert) && !seen.has(id)) {
          // Deleted, renamed, or no longer selected: nothing will resolve it otherwise.
          const resolved = resolveAlert(alert, NO_LONGER_LISTED, now);
          alerts.set(id, resolved);
          changes.push(...announce({ alert: resolved, change: 'resolved' }, now));
          continue;
        }
        if (alert.state === 'resolved' && (alert.resolvedAt ?? now) < now - RESOLVED_KEEP_MS) {
          alerts.delete(id);
          continue;
        }
        const unsilenced = expireSilence(alert, now);
        if (!unsilenced) continue;
        alerts.set(id, unsilenced);
        if (unsilenced.state === 'firing' && !changed.has(id)) changes.push({ alert: unsilenced, change: 'fired' });
      }
      return changes;
    },
    alerts: () => sortAlerts(alerts.values()),
    acknowledge(id, now) {
      const alert = alerts.get(id);
      if (alert) alerts.set(id, acknowledgeAlert(alert, now));
    },
    silence(id, untilMs, now) {
      const alert = alerts.get(id);
      if (alert) alerts.set(id, silenceAlert(alert, untilMs, now));
    },
  };
}
