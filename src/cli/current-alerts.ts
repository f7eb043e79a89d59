// The alerts as of now, for headless commands: each environment's recent log history
// replayed through the rules (reaching back over the longest rule window), plus one
// synthetic check. Fails closed: what the history or the check cannot tell is returned
// as unknown, with the reason, never left out as if it were quiet.
import type { LoadedConfig } from '../config/load-config.js';
import type { EnvironmentSnapshot, LogSessionSource, Platform } from '../services/ports.js';
import type { DeckState } from '../store/deck-state.js';
import { rulesFromConfig } from '../alerts/rule-schema.js';
import { evaluateFromHistory } from '../alerts/evaluate-history.js';
import type { Alert } from '../alerts/evaluate.js';
import {
  LOG_HISTORY_LINES,
  replaySpanMs,
  unknownRules,
  type LogHistory,
  type UnknownAlert,
} from '../alerts/history-coverage.js';
import { readLogSession } from '../services/heroku/read-session.js';
import { runHealthCheck } from '../services/health/health-check.js';
import { sortAlerts } from '../alerts/alert-state.js';
import type { DatabaseHealth } from '../domain/database-health.js';
import { readCloudWatchOnce } from './cloudwatch-once.js';

export interface CurrentAlerts {
  alerts: Alert[];
  /** Rules that could not be told (unreadable log, too little history, one failed check, CloudWatch unread). */
  unknown: UnknownAlert[];
  /** Each environment's database, when CloudWatch is configured. */
  databases: Record<string, DatabaseHealth>;
}

export async function currentAlerts(
  loaded: LoadedConfig,
  platform: Platform,
  environments: EnvironmentSnapshot[],
): Promise<CurrentAlerts> {
  const rules = rulesFromConfig(loaded.config.alerts);
  const cloud = readCloudWatchOnce(loaded, environments);
  const path = loaded.config.alerts.checks.path ?? loaded.config.platform?.healthCheck;
  const inputs = await Promise.all(
    environments
      .filter((env) => env.release)
      .map(async (env) => ({
        env,
        history: await readHistory(platform, env.name),
        check: path && env.url ? await runHealthCheck(new URL(path, env.url).href) : undefined,
      })),
  );
  const now = Date.now();
  const alerts = evaluateFromHistory(
    inputs.map(({ env, history, check }) => ({ env, lines: 'error' in history ? [] : history.lines, check })),
    rules,
    now,
    replaySpanMs(rules),
  );
  const unknown = inputs.flatMap(({ env, history, check }) =>
    unknownRules({
      rules,
      env: env.name,
      history,
      check,
      firing: new Set(alerts.filter((a) => a.env === env.name && a.state === 'firing').map((a) => a.rule)),
      now,
    }),
  );
  const fromCloudWatch = await cloud;
  return {
    alerts: sortAlerts([...alerts, ...fromCloudWatch.alerts]),
    unknown: [...unknown, ...fromCloudWatch.unknown],
    databases: fromCloudWatch.databases,
  };
}

async function readHistory(platform: LogSessionSource, env: string): Promise<LogHistory> {
  try {
    const url = await platform.logSessionUrl(env, { tail: false, lines: LOG_HISTORY_LINES });
    return { lines: await readLogSession(url), requested: LOG_HISTORY_LINES };
  } catch (error) {
    return { error: firstLine(error instanceof Error ? error.message : String(error)) };
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

export function alertJson(a: Alert) {
  return {
    rule: a.rule,
    env: a.env,
    severity: a.severity,
    state: a.state,
    since: new Date(a.since).toISOString(),
    value: a.value,
    threshold: a.threshold,
    source: a.source ?? 'logs',
  };
}

/** An alert that cannot be told, as `status --json` and `alerts --json` print it. */
export function unknownJson(u: UnknownAlert) {
  return {
    rule: u.rule,
    env: u.env,
    severity: u.severity,
    state: 'unknown' as const,
    since: null,
    value: null,
    threshold: u.threshold,
    reason: u.reason,
  };
}

/** When not even the environments could be read: no alert can be told at all. */
export function nothingKnownJson(reason: string) {
  return {
    rule: null,
    env: null,
    severity: null,
    state: 'unknown' as const,
    since: null,
    value: null,
    threshold: null,
    reason,
  };
}

export type AlertJson =
  ReturnType<typeof alertJson> | ReturnType<typeof unknownJson> | ReturnType<typeof nothingKnownJson>;

/** The `alerts` of `status --json`: none without a platform, and unknown when its environments could not be read. */
export async function statusAlerts(
  loaded: LoadedConfig,
  platform: Platform | undefined,
  state: Pick<DeckState, 'sources' | 'environments'>,
): Promise<{ alerts: AlertJson[]; databases: Record<string, DatabaseHealth> }> {
  if (!platform) return { alerts: [], databases: {} };
  const error = state.sources[platform.name]?.error;
  if (error !== undefined)
    return { alerts: [nothingKnownJson(`cannot read the environments: ${error}`)], databases: {} };
  const { alerts, unknown, databases } = await currentAlerts(loaded, platform, state.environments);
  return { alerts: [...alerts.map(alertJson), ...unknown.map(unknownJson)], databases };
}
