// CloudWatch read once, for the headless commands (status, alerts, the production guard):
// each environment's database and the alarms as alerts. When CloudWatch cannot be read the
// answer is "unknown" with the reason, never "no alarm".
import type { LoadedConfig } from '../config/load-config.js';
import type { Alert } from '../alerts/alert-state.js';
import type { UnknownAlert } from '../alerts/history-coverage.js';
import type { DatabaseHealth } from '../domain/database-health.js';
import type { EnvironmentSnapshot } from '../services/ports.js';
import { systemClock } from '../services/ports.js';
import { cloudWatchSetup } from './cloudwatch-setup.js';

export interface CloudWatchOnce {
  databases: Record<string, DatabaseHealth>;
  alerts: Alert[];
  unknown: UnknownAlert[];
}

export const NO_CLOUDWATCH: CloudWatchOnce = { databases: {}, alerts: [], unknown: [] };

export async function readCloudWatchOnce(
  loaded: LoadedConfig,
  environments: readonly EnvironmentSnapshot[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<CloudWatchOnce> {
  const setup = cloudWatchSetup(loaded, env);
  // The local engine's CloudWatch is read only while the engine answers (its environments came back).
  if (!setup || (setup.engineEndpoint && environments.length === 0)) return NO_CLOUDWATCH;
  const { createCloudWatchService } = await import('../services/cloudwatch/cloudwatch-service.js');
  const service = createCloudWatchService(setup.config, setup.env, systemClock, {
    ...setup.options,
    environments: () => environments,
  });
  try {
    const [databases, alarms] = await Promise.all([service.pollDatabases(), service.pollAlarms()]);
    const status = service.status();
    const unknown: UnknownAlert[] =
      status.state === 'problem'
        ? [
            {
              id: 'cloudwatch@*',
              rule: 'cloudwatch',
              env: '*',
              severity: 'critical',
              threshold: 'CloudWatch alarms',
              reason: status.line ?? 'cloudwatch could not be read',
            },
          ]
        : [];
    return { databases, alerts: alarms.alerts, unknown };
  } finally {
    service.close();
  }
}
