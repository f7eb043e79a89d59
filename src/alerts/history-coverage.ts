// What a one-shot alert check (`dynodeck alerts`, `status --json`, the CLI's production
// guard) can honestly say from a log session's history. It fails closed: a rule whose
// input could not be read, or whose window the history does not reach back over, is
// "unknown", never "all quiet". Pure: the command reads the log and runs the check.
import type { CheckResult } from '../metrics/types.js';
import { ruleWatches, type AlertRule, type Severity } from './rules.js';
import { CRASH_CLEAR_MS, MEMORY_QUIET_MS, RELEASE_QUIET_MS } from './evaluate.js';
import { formatAge, formatDuration, formatThreshold } from './format-alert.js';
import { parseLogLine } from '../logs/log-line.js';

/** The most history a log session gives (Heroku's limit, and the local engine's). */
export const LOG_HISTORY_LINES = 1500;
/** The replay reaches back at least this far, as the deck's sparklines do. */
const MIN_SPAN_MS = 15 * 60_000;

export type LogHistory = { lines: string[]; requested: number } | { error: string };

export interface UnknownAlert {
  id: string;
  rule: string;
  env: string;
  severity: Severity;
  threshold: string;
  /** Why it cannot be told, in words for the user. */
  reason: string;
}

/**
 * How far back a rule must see to say it is not firing now; undefined for a rule that
 * reads no log (health checks). A p95 or 5xx rule fires when its value over `for` held
 * for `for`, so it reads twice its window.
 */
export function lookbackMs(rule: AlertRule): number | undefined {
  switch (rule.kind) {
    case 'p95':
    case 'error-rate':
      return 2 * rule.forMs;
    case 'restart-loop':
    case 'log-pattern':
      return rule.withinMs;
    case 'crashed':
      return CRASH_CLEAR_MS;
    case 'memory':
      return MEMORY_QUIET_MS;
    case 'release-failed':
      return RELEASE_QUIET_MS;
    case 'health-check':
      return undefined;
  }
}

/** How far back the replay must start to cover the longest window of these rules. */
export function replaySpanMs(rules: readonly AlertRule[]): number {
  return Math.max(MIN_SPAN_MS, ...rules.map((r) => lookbackMs(r) ?? 0));
}

/** Since when the history is complete (epoch ms); -Infinity when the session gave all it had. */
export function coveredSince(history: { lines: string[]; requested: number }, now: number): number {
  if (history.lines.length < history.requested) return Number.NEGATIVE_INFINITY;
  let oldest = now;
  for (const line of history.lines) {
    const time = parseLogLine(line)?.time;
    if (time !== undefined && time < oldest) oldest = time;
  }
  return oldest;
}

/**
 * The rules on `env` that cannot be told from this history and check, unless they fired
 * anyway (`firing`: rule names). `check` is undefined when no health path is configured.
 */
export function unknownRules(opts: {
  rules: readonly AlertRule[];
  env: string;
  history: LogHistory;
  check: CheckResult | undefined;
  firing: ReadonlySet<string>;
  now: number;
}): UnknownAlert[] {
  const { env, history, check, now } = opts;
  const since = 'error' in history ? undefined : coveredSince(history, now);
  const out: UnknownAlert[] = [];
  for (const rule of opts.rules) {
    if (!ruleWatches(rule, env) || opts.firing.has(rule.name)) continue;
    const reason = whyUnknown(rule, history, since, check, now);
    if (reason === undefined) continue;
    out.push({
      id: `${rule.name}@${env}`,
      rule: rule.name,
      env,
      severity: rule.severity,
      threshold: formatThreshold(rule),
      reason,
    });
  }
  return out;
}

function whyUnknown(
  rule: AlertRule,
  history: LogHistory,
  since: number | undefined,
  check: CheckResult | undefined,
  now: number,
): string | undefined {
  if (rule.kind === 'health-check') {
    // One check cannot show N failures in a row; a passing one proves the streak is broken.
    if (!check || check.ok) return undefined;
    const what = check.error ?? (check.status !== undefined ? `HTTP ${check.status}` : 'no answer');
    return `the health check failed (${what}); one check cannot tell whether ${rule.failures} fail in a row`;
  }
  const needs = lookbackMs(rule)!;
  if ('error' in history) return `the log could not be read: ${history.error}`;
  if (since! <= now - needs) return undefined;
  return `the last ${history.lines.length} log lines reach back ${formatAge(now - since!)}; this rule needs ${formatDuration(needs)}`;
}
