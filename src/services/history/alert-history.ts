// The deck's own history of alerts: every transition (fired, acknowledged, resolved) with
// its environment, severity and rule, one JSON line each in .dynodeck/history/alerts.jsonl,
// so time to restore survives restarts. Rotated by size; a reader rebuilds the transitions.
import path from 'node:path';
import type { Alert } from '../../alerts/alert-state.js';
import type { AlertTransition, AlertTransitionKind } from '../../outcomes/outcome-types.js';
import { createJsonlAppender, readJsonl } from './jsonl-file.js';

export const ALERT_HISTORY_PATH = path.join('.dynodeck', 'history', 'alerts.jsonl');
/** About 6,000 transitions per file at ~170 bytes a line. */
export const ALERT_HISTORY_MAX_BYTES = 1024 * 1024;
export const ALERT_HISTORY_KEEP = 3;

export interface AlertHistory {
  /** Appends one transition; a failure goes to `onError`, never thrown. */
  recordAlertTransition(transition: AlertTransition): void;
  /** Resolves once every transition recorded so far is on disk (or reported). */
  flush(): Promise<void>;
}

export interface AlertHistoryOptions {
  /** The project folder (holding .dynodeck/). */
  root: string;
  onError: (error: Error) => void;
  maxBytes?: number;
  keep?: number;
}

const TRANSITIONS: readonly AlertTransitionKind[] = ['fired', 'acknowledged', 'resolved'];
const SEVERITIES: readonly AlertTransition['severity'][] = ['critical', 'warning'];

export function createAlertHistory(opts: AlertHistoryOptions): AlertHistory {
  const file = path.join(opts.root, ALERT_HISTORY_PATH);
  const appender = createJsonlAppender({
    file,
    maxBytes: opts.maxBytes ?? ALERT_HISTORY_MAX_BYTES,
    keep: opts.keep ?? ALERT_HISTORY_KEEP,
    onError: opts.onError,
  });
  return {
    recordAlertTransition(t) {
      appender.append({
        at: new Date(t.at).toISOString(),
        transition: t.transition,
        env: t.env,
        severity: t.severity,
        rule: t.rule,
        ...(t.value !== undefined ? { value: t.value } : {}),
      });
    },
    flush: () => appender.flush(),
  };
}

/** The transition an alert has just made, for recordAlertTransition. */
export function alertTransition(alert: Alert, transition: AlertTransitionKind, at: number): AlertTransition {
  return { at, transition, rule: alert.rule, env: alert.env, severity: alert.severity, value: alert.value };
}

/** Every recorded transition, oldest first, and what could not be read (file:line: why). */
export async function readAlertHistory(
  root: string,
  keep = ALERT_HISTORY_KEEP,
): Promise<{ transitions: AlertTransition[]; problems: string[] }> {
  const { lines, problems } = await readJsonl(path.join(root, ALERT_HISTORY_PATH), keep);
  const transitions: AlertTransition[] = [];
  for (const { where, value } of lines) {
    const parsed = parseTransition(value);
    if (typeof parsed === 'string') problems.push(`${where}: ${parsed}`);
    else transitions.push(parsed);
  }
  return { transitions, problems };
}

function parseTransition(value: unknown): AlertTransition | string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'expected an object';
  const v = value as Record<string, unknown>;
  const at = typeof v.at === 'string' ? Date.parse(v.at) : NaN;
  if (!Number.isFinite(at)) return '"at" is not a time';
  if (!TRANSITIONS.includes(v.transition as AlertTransitionKind))
    return `"transition" must be ${TRANSITIONS.join(', ')}`;
  if (!SEVERITIES.includes(v.severity as AlertTransition['severity'])) return '"severity" must be critical or warning';
  if (typeof v.env !== 'string' || v.env === '') return '"env" is missing';
  if (typeof v.rule !== 'string' || v.rule === '') return '"rule" is missing';
  return {
    at,
    transition: v.transition as AlertTransitionKind,
    env: v.env,
    severity: v.severity as AlertTransition['severity'],
    rule: v.rule,
    ...(typeof v.value === 'string' ? { value: v.value } : {}),
  };
}
