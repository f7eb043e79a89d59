// An environment's database in words and sparklines: the compact figure on its row
// ("db 34% · 112 conn") and the detail view's 3-hour lines, with units as people read them.
import { HISTORY_MS, perMinute, type DatabaseHealth, type DatabaseMetric } from '../../domain/database-health.js';
import { formatBytes, formatCount, formatMs, formatPercent } from '../../domain/database-units.js';
import { sanitizeLine } from '../../logs/sanitize.js';
import { sparkline } from '../../metrics/sparkline.js';
import type { DetailLine } from './ticket-detail-lines.js';

/** The row's figure: CPU and connections; '' when CloudWatch has no datapoint yet. */
export function databaseFigure(health: DatabaseHealth | undefined): string {
  return databaseFigureOf(health?.latest);
}

/** The same figure from the latest values alone (what `status` has). */
export function databaseFigureOf(latest: { cpuPercent?: number; connections?: number } | undefined): string {
  const cpu = latest?.cpuPercent;
  const connections = latest?.connections;
  const parts = [
    cpu === undefined ? undefined : formatPercent(cpu),
    connections === undefined ? undefined : `${formatCount(connections)} conn`,
  ].filter((p): p is string => p !== undefined);
  return parts.length > 0 ? `db ${parts.join(' · ')}` : '';
}

const DETAIL: ReadonlyArray<{ metric: DatabaseMetric; label: string; format: (v: number) => string }> = [
  { metric: 'cpuPercent', label: 'cpu', format: formatPercent },
  { metric: 'connections', label: 'connections', format: formatCount },
  { metric: 'freeStorageBytes', label: 'free storage', format: formatBytes },
  { metric: 'freeableMemoryBytes', label: 'free memory', format: formatBytes },
  { metric: 'readIops', label: 'read IOPS', format: (v) => `${formatCount(v)}/s` },
  { metric: 'writeIops', label: 'write IOPS', format: (v) => `${formatCount(v)}/s` },
  { metric: 'readLatencyMs', label: 'read latency', format: formatMs },
  { metric: 'writeLatencyMs', label: 'write latency', format: formatMs },
];

const LABEL_WIDTH = 14;
const VALUE_WIDTH = 10;

/** A heading, then one line per metric: label, a sparkline over the last 3 hours, the latest value. */
export function databaseDetailLines(health: DatabaseHealth | undefined, now: number, width: number): DetailLine[] {
  if (!health) return [];
  const lines: DetailLine[] = [{ text: `Database ${sanitizeLine(health.instance)} (last 3 h)`, style: 'heading' }];
  const sparkWidth = Math.max(8, Math.min(90, width - LABEL_WIDTH - VALUE_WIDTH - 4));
  for (const { metric, label, format } of DETAIL) {
    const latest = health.latest[metric];
    const slots = perMinute(health.history[metric], now, HISTORY_MS / 60_000);
    lines.push({
      text: `  ${label.padEnd(LABEL_WIDTH)}${sparkline(slots, sparkWidth)}  ${latest === undefined ? '–' : format(latest)}`,
      style: latest === undefined ? 'muted' : 'plain',
    });
  }
  return lines;
}
