// An alert's detail: what it measures, its history, and the log lines around the moment it fired.
import type { Alert } from '../../alerts/alert-state.js';
import type { DetailLine } from './ticket-detail-lines.js';
import { formatAge } from './format-age.js';
import { sanitizeLine } from '../../logs/sanitize.js';

export function alertDetailLines(alert: Alert, context: readonly string[] | undefined, now: number): DetailLine[] {
  const lines: DetailLine[] = [
    {
      text: `${alert.severity.toUpperCase()}  ${alert.rule} on ${alert.env}`,
      style: alert.state === 'firing' ? 'warning' : 'title',
    },
    {
      text: `state       ${alert.state}${alert.silencedUntil && alert.silencedUntil > now ? ` (silenced for ${formatAge(alert.silencedUntil - now)})` : ''}`,
      style: 'plain',
    },
    {
      text: `since       ${new Date(alert.since).toISOString()} (${formatAge(now - alert.since)} ago)`,
      style: 'plain',
    },
    { text: `value       ${alert.value}`, style: 'plain' },
    { text: `threshold   ${alert.threshold}`, style: 'plain' },
    { text: '', style: 'plain' },
    { text: 'History', style: 'heading' },
  ];
  for (const h of [...alert.history].reverse()) {
    lines.push({
      text: `  ${new Date(h.at).toISOString().slice(11, 19)}  ${h.state.padEnd(12)} ${h.value}`,
      style: 'plain',
    });
  }
  lines.push({ text: '', style: 'plain' }, { text: 'Log lines before it fired', style: 'heading' });
  if (!context || context.length === 0)
    lines.push({ text: 'none kept (it fired before any line arrived)', style: 'muted' });
  for (const line of context ?? []) lines.push({ text: sanitizeLine(line), style: 'muted' });
  return lines;
}
