// Where CloudWatch requests go. AWS_ENDPOINT_URL_CLOUDWATCH, then AWS_ENDPOINT_URL, as the AWS
// SDKs and CLI read them (AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true turns both off); the SDK would
// read them from process.env too, but reading them here lets the deck name the host it could not
// reach, and lets tests pass an environment instead of changing the process's.
export type Env = Readonly<Record<string, string | undefined>>;

export interface ResolvedEndpoint {
  /** The override, when there is one; undefined means AWS's own regional endpoint. */
  url?: string;
  /** For messages: the override's host, or monitoring.<region>.amazonaws.com. */
  host: string;
  /** The variable the override came from, for "is not a URL" messages. */
  variable?: 'AWS_ENDPOINT_URL_CLOUDWATCH' | 'AWS_ENDPOINT_URL';
}

export class EndpointError extends Error {
  override readonly name = 'EndpointError';
}

export function resolveEndpoint(env: Env, region: string | undefined): ResolvedEndpoint {
  const awsHost = `monitoring.${region ?? '<region>'}.amazonaws.com`;
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true') return { host: awsHost };
  const variable = env.AWS_ENDPOINT_URL_CLOUDWATCH
    ? 'AWS_ENDPOINT_URL_CLOUDWATCH'
    : env.AWS_ENDPOINT_URL
      ? 'AWS_ENDPOINT_URL'
      : undefined;
  if (!variable) return { host: awsHost };
  const url = env[variable]!.trim();
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new EndpointError(`cloudwatch: ${variable} is not a URL (expected e.g. http://127.0.0.1:4566)`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new EndpointError(`cloudwatch: ${variable} must start with http:// or https://`);
  }
  return { url, host: parsed.host, variable };
}
