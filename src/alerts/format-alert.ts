// Alert values and thresholds in words, as the Alerts pane and notifications show them.
import type { AlertRule } from './rules.js';

/** What a rule measured on one evaluation, before it is put into words. */
export type Reading =
  | { kind: 'p95'; ms: number | undefined }
  | { kind: 'error-rate'; percent: number | undefined; requests: number }
  | { kind: 'crashed'; dynos: string[] }
  | { kind: 'restart-loop'; crashes: number; withinMs: number }
  | { kind: 'memory'; last: string | undefined; quietMs: number }
  | { kind: 'release-failed'; last: string | undefined; quietMs: number }
  | { kind: 'health-check'; failing: number; passing: number; error?: string }
  | { kind: 'log-pattern'; matches: number; withinMs: number };

const numbers = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

export function formatNumber(n: number): string {
  return numbers.format(n);
}

function plural(n: number, one: string, many: string): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

/** A rule window: '5m', '90s', '1h'. */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s % 3600 === 0 && s >= 3600) return `${s / 3600}h`;
  if (s % 60 === 0 && s >= 60) return `${s / 60}m`;
  return `${s}s`;
}

/** How long ago, coarse on purpose: '12s', '4m', '2h 5m', '3d'. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 === 0 ? `${h}h` : `${h}h ${m % 60}m`;
  return `${Math.floor(h / 24)}d`;
}

export function formatValue(reading: Reading): string {
  switch (reading.kind) {
    case 'p95':
      return reading.ms === undefined ? 'no requests' : `${formatNumber(Math.round(reading.ms))} ms`;
    case 'error-rate':
      return reading.percent === undefined
        ? 'no requests'
        : `${formatNumber(reading.percent)} % of ${plural(reading.requests, 'request', 'requests')}`;
    case 'crashed':
      return reading.dynos.length === 0 ? 'no dyno crashed' : `${reading.dynos.join(', ')} crashed`;
    case 'restart-loop':
      return `${plural(reading.crashes, 'crash', 'crashes')} in ${formatDuration(reading.withinMs)}`;
    case 'memory':
      return reading.last ?? `no memory errors for ${formatDuration(reading.quietMs)}`;
    case 'release-failed':
      return reading.last ?? `no failed release for ${formatDuration(reading.quietMs)}`;
    case 'health-check':
      if (reading.failing > 0) {
        const failed = `${plural(reading.failing, 'failed check', 'failed checks')} in a row`;
        return reading.error ? `${failed} (${reading.error})` : failed;
      }
      return reading.passing > 0
        ? `${plural(reading.passing, 'passing check', 'passing checks')} in a row`
        : 'no checks yet';
    case 'log-pattern':
      return `${plural(reading.matches, 'match', 'matches')} in ${formatDuration(reading.withinMs)}`;
  }
}

export function formatThreshold(rule: AlertRule): string {
  switch (rule.kind) {
    case 'p95':
      return `> ${formatNumber(rule.aboveMs)} ms for ${formatDuration(rule.forMs)}`;
    case 'error-rate': {
      const min = rule.minRequests ? ` (at least ${plural(rule.minRequests, 'request', 'requests')})` : '';
      return `> ${formatNumber(rule.abovePercent)} % for ${formatDuration(rule.forMs)}${min}`;
    }
    case 'crashed':
      return 'any dyno crashed';
    case 'restart-loop':
      return `${plural(rule.crashes, 'crash', 'crashes')} within ${formatDuration(rule.withinMs)}`;
    case 'memory':
      return 'R14/R15 or memory above quota';
    case 'release-failed':
      return 'a failed release';
    case 'health-check':
      return `${plural(rule.failures, 'failed check', 'failed checks')} in a row`;
    case 'log-pattern':
      return `/${rule.pattern}/ ${plural(rule.count, 'time', 'times')} within ${formatDuration(rule.withinMs)}`;
  }
}
