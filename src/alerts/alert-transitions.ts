// What changed between two lists of alerts, as the transitions the alert history keeps:
// fired (new, or fired again), acknowledged, resolved. Pure.
import type { Alert } from './alert-state.js';
import type { AlertTransition } from '../outcomes/outcome-types.js';

export function alertTransitions(previous: readonly Alert[], next: readonly Alert[], now: number): AlertTransition[] {
  const before = new Map(previous.map((a) => [a.id, a]));
  const out: AlertTransition[] = [];
  const add = (alert: Alert, transition: AlertTransition['transition'], at: number) =>
    out.push({ at, transition, rule: alert.rule, env: alert.env, severity: alert.severity, value: alert.value });
  for (const alert of next) {
    const was = before.get(alert.id);
    const firedAgain = was !== undefined && (was.since !== alert.since || was.severity !== alert.severity);
    if (alert.state !== 'resolved' && (was === undefined || firedAgain || was.state === 'resolved'))
      add(alert, 'fired', alert.since);
    if (alert.state === 'acknowledged' && (was?.state !== 'acknowledged' || firedAgain))
      add(alert, 'acknowledged', now);
    if (alert.state === 'resolved' && was !== undefined && was.state !== 'resolved')
      add(alert, 'resolved', alert.resolvedAt ?? now);
  }
  return out;
}
