// Credentials for CloudWatch, by the AWS SDK's default chain: environment variables, then the
// shared profile (static keys, SSO, credential_process, assumed roles), then the instance or
// container role. The last step probes the instance metadata address (169.254.169.254), which
// off AWS only costs a timeout and sends packets where they have no business going; so it is
// taken only where an instance or container role can exist.
import { readFileSync } from 'node:fs';
import { fromIni } from '@aws-sdk/credential-provider-ini';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import type { Env } from './endpoint.js';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export type CredentialProvider = () => Promise<AwsCredentials>;

type ReadText = (path: string) => string | undefined;

const readText: ReadText = (path) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

/** ECS/EKS container credentials, web identity, an IMDS endpoint named outright, or an EC2 machine. */
export function instanceRolePossible(env: Env, read: ReadText = readText): boolean {
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) return true;
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE || env.AWS_EC2_METADATA_SERVICE_ENDPOINT) return true;
  const vendor = `${read('/sys/devices/virtual/dmi/id/sys_vendor') ?? ''} ${read('/sys/devices/virtual/dmi/id/board_vendor') ?? ''}`;
  if (/Amazon EC2/i.test(vendor)) return true;
  return /^ec2/i.test(read('/sys/hypervisor/uuid') ?? '');
}

/** AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (with AWS_SESSION_TOKEN, AWS_CREDENTIAL_EXPIRATION), unless AWS_PROFILE is set, as in the SDK. */
export function credentialsFromEnv(env: Env): AwsCredentials | undefined {
  if (env.AWS_PROFILE || !env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY) return undefined;
  const expiration = env.AWS_CREDENTIAL_EXPIRATION ? new Date(env.AWS_CREDENTIAL_EXPIRATION) : undefined;
  return {
    accessKeyId: env.AWS_ACCESS_KEY_ID,
    secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
    ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    ...(expiration && !Number.isNaN(expiration.getTime()) ? { expiration } : {}),
  };
}

export function credentialChain(env: Env, options: { instanceRole: boolean }): CredentialProvider {
  const fromEnvironment = credentialsFromEnv(env);
  if (fromEnvironment) return async () => fromEnvironment;
  const profile = env.AWS_PROFILE || undefined;
  if (options.instanceRole) return defaultProvider({ profile });
  return fromIni({
    profile,
    filepath: env.AWS_SHARED_CREDENTIALS_FILE || undefined,
    configFilepath: env.AWS_CONFIG_FILE || undefined,
    // A profile edited or an `aws sso login` run while the deck is open counts on the next try.
    ignoreCache: true,
  });
}
