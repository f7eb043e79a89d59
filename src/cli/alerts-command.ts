// `dynodeck alerts [--watch] [--json]`: the alerts as of now, for a cron job or a CI step;
// --watch evaluates live (the rules on the log streams, and CloudWatch's alarms when there is
// a CloudWatch) and prints every change. Exit 1 while a critical alert fires, else 3 when any
// rule cannot be told (unreadable log or environments, too little history, a failed check,
// CloudWatch unread), else 0: a check that cannot see never says "all quiet".
import type { LoadedConfig } from '../config/load-config.js';
import { systemClock } from '../services/ports.js';
import { openPlatformStore } from './platform-store.js';
import { currentAlerts, alertJson, nothingKnownJson, unknownJson } from './current-alerts.js';
import type { UnknownAlert } from '../alerts/history-coverage.js';
import { startHealthWatcher } from '../store/health-watcher.js';
import { rulesFromConfig } from '../alerts/rule-schema.js';
import type { Alert } from '../alerts/evaluate.js';
import { sanitizeLine } from '../logs/sanitize.js';
import { printError, printJson, printLine } from './output.js';
import { streamDown } from '../screens/present/environment-row.js';
import { formatAge } from '../screens/present/format-age.js';
import { createAlertHistory } from '../services/history/alert-history.js';
import { recordAlertHistory } from '../store/alert-history-recorder.js';
import { CLOUDWATCH_SOURCE } from '../store/cloudwatch-watcher.js';
import { startCloudWatch } from './start-cloudwatch.js';

export async function alertsCommand(loaded: LoadedConfig, opts: { watch: boolean; json: boolean }): Promise<number> {
  const opened = await openPlatformStore(loaded, { startEngine: false });
  if (!opened.ok) {
    if (opened.code !== UNREADABLE) return opened.code;
    // The environments could not be read (stderr says why): nothing can be told.
    if (opts.json && !opts.watch) printJson([nothingKnownJson('cannot read the environments')]);
    return UNKNOWN;
  }
  const { store, services } = opened;
  const platform = loaded.config.platform!;
  if (!opts.watch) {
    const { alerts, unknown } = await currentAlerts(loaded, services.platform!, store.getState().environments);
    if (opts.json) printJson([...alerts.map(alertJson), ...unknown.map(unknownJson)]);
    else printLine(formatAlerts(alerts, unknown));
    return criticalFiring(alerts) ? 1 : unknown.length ? UNKNOWN : 0;
  }

  const alerts = loaded.config.alerts;
  const printed = new Map<string, string>();
  const stopPolling = setInterval(
    () =>
      void store
        .getState()
        .refreshEnvironments()
        .catch(() => undefined),
    (loaded.config.refresh.environments ?? 5) * 1000,
  );
  // A health stream that stays down is said on stderr: its environment's alerts cannot fire meanwhile.
  const down = new Set<string>();
  let cloudWatchProblem: string | undefined;
  const unsubscribe = store.subscribe((state) => {
    const problem = state.sources[CLOUDWATCH_SOURCE]?.error;
    if (problem !== cloudWatchProblem) {
      if (problem) printError(`dynodeck: cloudwatch: ${sanitizeLine(problem)}; its alarms cannot be told meanwhile`);
      else printError('dynodeck: cloudwatch: read again');
      cloudWatchProblem = problem;
    }
    for (const [env, health] of Object.entries(state.envHealth)) {
      if (health.stream && !down.has(env)) {
        down.add(env);
        printError(`dynodeck: ${env}: ${streamDown(health.stream, Date.now())}; its alerts cannot fire meanwhile`);
      } else if (!health.stream && down.delete(env)) printError(`dynodeck: ${env}: health: stream back`);
    }
    for (const a of state.alerts) {
      const key = `${a.state}`;
      if (printed.get(a.id) === key) continue;
      printed.set(a.id, key);
      if (opts.json) printJson(alertJson(a), { compact: true });
      else printLine(`${new Date().toISOString()} ${formatAlert(a, Date.now())}`);
    }
  });
  const history = createAlertHistory({
    root: loaded.root,
    onError: (error) => printError(`dynodeck: the alert history could not be written: ${error.message}`),
  });
  const stopRecording = recordAlertHistory(store, history, systemClock);
  const stop = startHealthWatcher(store, {
    clock: systemClock,
    logStreams: services.logStreams!,
    rules: rulesFromConfig(alerts),
    checkPath: alerts.checks.path ?? platform.healthCheck,
    checkIntervalMs: alerts.checks.interval * 1000,
  });
  const stopCloudWatch = startCloudWatch(store, loaded, { clock: systemClock, delayMs: 0 });
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  clearInterval(stopPolling);
  unsubscribe();
  stop();
  stopCloudWatch();
  stopRecording();
  await history.flush();
  return criticalFiring(store.getState().alerts) ? 1 : down.size || cloudWatchProblem ? UNKNOWN : 0;
}

/** openPlatformStore's code when the platform answered with an error. */
const UNREADABLE = 1;
/** Some rule could not be told. */
const UNKNOWN = 3;

function criticalFiring(alerts: Alert[]): boolean {
  return alerts.some((a) => a.state === 'firing' && a.severity === 'critical');
}

function formatAlert(a: Alert, now: number): string {
  return `${a.state.padEnd(12)} ${a.severity.padEnd(8)} ${sanitizeLine(a.env).padEnd(12)} ${sanitizeLine(a.rule).padEnd(16)} ${a.value} (${a.threshold}) since ${formatAge(now - a.since)}`;
}

function formatUnknown(u: UnknownAlert): string {
  return `${'unknown'.padEnd(12)} ${u.severity.padEnd(8)} ${sanitizeLine(u.env).padEnd(12)} ${sanitizeLine(u.rule).padEnd(16)} ${u.reason}`;
}

function formatAlerts(alerts: Alert[], unknown: UnknownAlert[]): string {
  if (alerts.length === 0 && unknown.length === 0) return 'no alerts';
  return [...alerts.map((a) => formatAlert(a, Date.now())), ...unknown.map(formatUnknown)].join('\n');
}
