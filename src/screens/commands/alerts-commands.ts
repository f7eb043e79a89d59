// The Alerts pane's commands: acknowledge and silence the selected alert.
import type { DeckState } from '../../store/deck-state.js';
import type { Command } from './command.js';

export const SILENCE_CHOICES = [
  { label: '15 minutes', ms: 15 * 60_000 },
  { label: '1 hour', ms: 60 * 60_000 },
  { label: '4 hours', ms: 4 * 60 * 60_000 },
  { label: '24 hours', ms: 24 * 60 * 60_000 },
];

export function selectedAlert(s: DeckState) {
  return s.alerts[Math.min(s.selection.alerts, s.alerts.length - 1)];
}

export const ALERT_COMMANDS: readonly Command[] = [
  {
    id: 'alert.ack',
    title: 'ack',
    description: 'acknowledge the selected alert (it stays until it resolves, without notifying again)',
    keys: ['a'],
    scope: 'alerts',
    footer: true,
    disabledReason(s) {
      const alert = selectedAlert(s);
      if (!alert) return 'no alert selected';
      if (alert.state !== 'firing') return `this alert is ${alert.state}, not firing`;
      return undefined;
    },
    run: ({ store }) => {
      const s = store.getState();
      s.acknowledgeAlert(selectedAlert(s)!.id);
    },
  },
  {
    id: 'alert.silence',
    title: 'silence',
    description: 'silence the selected alert for 15 min, 1 h, 4 h or 24 h',
    keys: ['x'],
    scope: 'alerts',
    footer: true,
    disabledReason: (s) => (selectedAlert(s) ? undefined : 'no alert selected'),
    run: ({ store }) => {
      const s = store.getState();
      const alert = selectedAlert(s)!;
      s.openDialog({
        kind: 'pick-silence',
        alertId: alert.id,
        label: `${alert.rule} on ${alert.env}`,
        options: SILENCE_CHOICES,
        index: 0,
      });
    },
  },
];
