// The rules that are on without any configuration. The p95 and 5xx rules mirror Heroku's own
// threshold alerting (which lives only in the dashboard), so teams get the same signal here.
import type { AlertRule } from './rules.js';

const MINUTE = 60_000;

export const DEFAULT_RULES: readonly AlertRule[] = Object.freeze([
  { name: 'p95-latency', kind: 'p95', aboveMs: 1000, forMs: 5 * MINUTE, severity: 'warning' },
  { name: 'error-rate', kind: 'error-rate', abovePercent: 5, forMs: 5 * MINUTE, minRequests: 20, severity: 'critical' },
  { name: 'crashed', kind: 'crashed', severity: 'critical' },
  { name: 'restart-loop', kind: 'restart-loop', crashes: 3, withinMs: 10 * MINUTE, severity: 'critical' },
  { name: 'memory', kind: 'memory', severity: 'warning' },
  { name: 'release-failed', kind: 'release-failed', severity: 'warning' },
  { name: 'health-check', kind: 'health-check', failures: 3, severity: 'critical' },
]);
