// Critical alerts on one environment as incidents: from firing to resolving. The history is
// the deck's own, written as alerts change; a deck that stopped while an alert fired never
// wrote its resolution, so a later "fired" of the same alert does not start a second
// incident while the first is still open.
import type { AlertTransition } from './outcome-types.js';

export interface AlertIncident {
  rule: string;
  firedAt: number;
  resolvedAt?: number;
}

export function alertIncidents(transitions: readonly AlertTransition[], env: string): AlertIncident[] {
  const ordered = transitions
    .filter((t) => t.env === env && t.severity === 'critical')
    .map((t, i) => ({ t, i }))
    .sort((a, b) => a.t.at - b.t.at || a.i - b.i)
    .map(({ t }) => t);
  const open = new Map<string, AlertIncident>();
  const incidents: AlertIncident[] = [];
  for (const t of ordered) {
    const current = open.get(t.rule);
    if (t.transition === 'fired') {
      if (current) continue;
      const incident: AlertIncident = { rule: t.rule, firedAt: t.at };
      open.set(t.rule, incident);
      incidents.push(incident);
    } else if (t.transition === 'resolved' && current) {
      current.resolvedAt = t.at;
      open.delete(t.rule);
    }
  }
  return incidents;
}
