// An alert's detail: what it measures, its history, and the log lines around the moment it fired
// (a rule's alert) or the alarm's own reason (a CloudWatch alarm, which no log line explains).
import type { Alert } from '../../alerts/alert-state.js';
import type { DetailLine } from './ticket-detail-lines.js';
import { formatAge } from './format-age.js';
import { wrapWords } from './wrap-words.js';
import { sanitizeLine } from '../../logs/sanitize.js';
import { displayText, parseDisplayLine } from '../../logs/display-line.js';

const LABEL_WIDTH = 12;

/** `width` is the room for text; a long reason is wrapped under its label. */
export function alertDetailLines(
  alert: Alert,
  context: readonly string[] | undefined,
  now: number,
  width: number,
): DetailLine[] {
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
    ...labelled('value', sanitizeLine(alert.value), width),
    ...labelled('threshold', sanitizeLine(alert.threshold), width),
  ];
  if (alert.source === 'cloudwatch') lines.push({ text: 'source      CloudWatch alarm', style: 'plain' });
  if (alert.detail) lines.push(...labelled('reason', sanitizeLine(alert.detail), width));
  lines.push({ text: '', style: 'plain' }, { text: 'History', style: 'heading' });
  for (const h of [...alert.history].reverse()) {
    lines.push({
      text: `  ${new Date(h.at).toISOString().slice(11, 19)}  ${h.state.padEnd(12)} ${h.value}`,
      style: 'plain',
    });
  }
  if (alert.source === 'cloudwatch') return lines;
  lines.push({ text: '', style: 'plain' }, { text: 'Log lines before it fired', style: 'heading' });
  if (!context || context.length === 0)
    lines.push({ text: 'none kept (it fired before any line arrived)', style: 'muted' });
  // As the Logs pane shows them (09:00:01.234 app[web.1] …).
  for (const line of context ?? []) lines.push({ text: displayText(parseDisplayLine(line)), style: 'muted' });
  return lines;
}

function labelled(label: string, text: string, width: number): DetailLine[] {
  const wrapped = wrapWords(text, Math.max(20, width - LABEL_WIDTH));
  return wrapped.map((line, i) => ({
    text: `${(i === 0 ? label : '').padEnd(LABEL_WIDTH)}${line}`,
    style: 'plain' as const,
  }));
}
