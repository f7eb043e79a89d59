// Which CloudWatch the deck reads, and how. A `cloudwatch:` section in dynodeck.yml: AWS (or
// AWS_ENDPOINT_URL_CLOUDWATCH), credentials from the SDK's default chain. Without one, on
// `platform: {kind: local}`: the local engine's own CloudWatch API, which measures each
// environment's PostgreSQL as RDS instance <app>-db and keeps its default alarms; it is
// reached with the endpoint and key pair the engine writes in .dynodeck/engine/cloudwatch.json,
// handed to the same SDK client as a real account's, so the user configures nothing.
import type { LoadedConfig } from '../config/load-config.js';
import type { CloudWatchConfig } from '../config/cloudwatch-schema.js';
import type { CloudWatchServiceOptions } from '../services/cloudwatch/cloudwatch-service.js';
import type { Env } from '../services/cloudwatch/endpoint.js';
import { engineCloudWatchFile, readEngineCloudWatch } from '../engine/cloudwatch/engine-cloudwatch-file.js';
import { instanceName } from '../engine/cloudwatch/default-alarms.js';
import { enginePaths } from '../engine/engine-paths.js';
import { wantedApps } from '../engine/platform/app-setup.js';

export interface CloudWatchSetup {
  config: CloudWatchConfig;
  env: Env;
  options: Pick<CloudWatchServiceOptions, 'credentials' | 'instanceRole'>;
  /** The local engine's endpoint, when it is the engine's CloudWatch (it moves if the engine restarts elsewhere). */
  engineEndpoint?: string;
}

export function cloudWatchSetup(
  loaded: LoadedConfig,
  env: Env = process.env,
  readEngineFile = readEngineCloudWatch,
): CloudWatchSetup | undefined {
  const configured = loaded.config.cloudwatch;
  if (configured) return { config: configured, env, options: {} };
  const platform = loaded.config.platform;
  if (platform?.kind !== 'local') return undefined;
  const engine = readEngineFile(engineCloudWatchFile(enginePaths(loaded.root).engineDir));
  // Port 0: the engine is starting and has not bound its CloudWatch API yet.
  if (!engine || /:0\/?$/.test(engine.endpoint)) return undefined;
  const rds = Object.fromEntries(
    wantedApps(loaded.config.project, platform).map((app) => [app.env, instanceName(app.name)]),
  );
  const credentials = { accessKeyId: engine.accessKeyId, secretAccessKey: engine.secretAccessKey };
  return {
    config: { region: engine.region, rds, alarms: 'all' },
    // Only the endpoint: the user's AWS variables and profile are for AWS, not for the engine.
    env: { AWS_ENDPOINT_URL_CLOUDWATCH: engine.endpoint },
    options: { credentials: async () => credentials, instanceRole: false },
    engineEndpoint: engine.endpoint,
  };
}
