// The CloudWatch SDK client as the deck uses it: region from dynodeck.yml or AWS_REGION (else the
// profile's), the endpoint override, the credential chain, and no retries inside the SDK: the
// service paces and backs off on its own (injectable) clock, and an SDK retry would hide a
// throttle from it and sleep on the real one.
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { credentialChain, instanceRolePossible, type CredentialProvider } from './credentials.js';
import { resolveEndpoint, type Env, type ResolvedEndpoint } from './endpoint.js';

export interface CloudWatchClientOptions {
  /** cloudwatch.region from dynodeck.yml. */
  region?: string;
  env: Env;
  /** Instead of the default chain: e.g. credentials the local engine writes for the deck. */
  credentials?: CredentialProvider;
  /** Whether the chain may ask an instance or container role; detected when left out. */
  instanceRole?: boolean;
}

export interface CloudWatchConnection {
  client: CloudWatchClient;
  endpoint: ResolvedEndpoint;
  region?: string;
}

/** A hung connection must not hold a poll forever; the next one tries again. */
const CONNECT_TIMEOUT_MS = 5_000;
const REQUEST_TIMEOUT_MS = 20_000;

export function createCloudWatchClient(options: CloudWatchClientOptions): CloudWatchConnection {
  const { env } = options;
  const region = options.region ?? (env.AWS_REGION || undefined);
  const endpoint = resolveEndpoint(env, region);
  // SDK versions from January 2027 on need Node 22 and the current one says so on stderr under
  // Node 20, which would tear the full-screen frame; the lock file pins one that supports Node 20.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const client = new CloudWatchClient({
    ...(region ? { region } : {}),
    ...(endpoint.url ? { endpoint: endpoint.url } : {}),
    credentials:
      options.credentials ?? credentialChain(env, { instanceRole: options.instanceRole ?? instanceRolePossible(env) }),
    maxAttempts: 1,
    requestHandler: { connectionTimeout: CONNECT_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS },
  });
  return { client, endpoint, region };
}
