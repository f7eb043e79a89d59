// The alerts as of now, for headless commands: each environment's recent log history
// replayed through the rules, plus one synthetic check.
import type { LoadedConfig } from '../config/load-config.js';
import type { EnvironmentSnapshot, Platform } from '../services/ports.js';
import { rulesFromConfig } from '../alerts/rule-schema.js';
import { evaluateFromHistory } from '../alerts/evaluate-history.js';
import type { Alert } from '../alerts/evaluate.js';
import { readLogSession } from '../services/heroku/read-session.js';
import { runHealthCheck } from '../services/health/health-check.js';

export async function currentAlerts(
  loaded: LoadedConfig,
  platform: Platform,
  environments: EnvironmentSnapshot[],
): Promise<Alert[]> {
  const path = loaded.config.alerts.checks.path ?? loaded.config.platform?.healthCheck;
  const inputs = await Promise.all(
    environments
      .filter((env) => env.release)
      .map(async (env) => ({
        env,
        lines: await readLogSession(await platform.logSessionUrl(env.name, { tail: false, lines: 1500 })).catch(
          () => [],
        ),
        check: path && env.url ? await runHealthCheck(new URL(path, env.url).href) : undefined,
      })),
  );
  return evaluateFromHistory(inputs, rulesFromConfig(loaded.config.alerts), Date.now());
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
  };
}
