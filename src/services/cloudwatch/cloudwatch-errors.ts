// What went wrong talking to CloudWatch, in one line the header can show, and whether the next
// try should wait longer. Errors are told apart by their code, never by HTTP status alone: the
// SDK's awsQuery-compatible protocol takes the code from the x-amzn-query-error header
// ("Throttling", "ExpiredToken"), older or other servers send the JSON __type names.
// Never print what an auth error's message holds: AWS's SignatureDoesNotMatch text quotes the
// canonical request, which includes the session token.
import { sanitizeLine } from '../../logs/sanitize.js';

export type CloudWatchProblem =
  | 'no-credentials'
  | 'no-profile'
  | 'expired'
  | 'rejected'
  | 'denied'
  | 'no-region'
  | 'bad-endpoint'
  | 'throttled'
  | 'unavailable'
  | 'unreachable'
  | 'failed';

export interface ClassifiedError {
  problem: CloudWatchProblem;
  /** One line for the header, without the retry time. */
  line: string;
  /** Throttling, 5xx and network trouble: wait longer after each failure, with jitter. */
  backoff: boolean;
}

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'RequestThrottled',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
]);
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);
const REJECTED = new Set([
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'InvalidSignatureException',
  'IncompleteSignature',
  'IncompleteSignatureException',
  'MissingAuthenticationToken',
  'MissingAuthenticationTokenException',
  'AuthFailure',
  'InvalidAccessKeyId',
]);
const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'NotAuthorized']);
const NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'TimeoutError',
]);

export const NO_CREDENTIALS_LINE = 'cloudwatch: no AWS credentials (set AWS_PROFILE or AWS_ACCESS_KEY_ID)';
export const EXPIRED_LINE = 'cloudwatch: credentials expired: run aws sso login';

interface AwsLikeError {
  name?: string;
  Code?: string;
  code?: string;
  message?: string;
  $fault?: string;
  $metadata?: { httpStatusCode?: number };
  cause?: unknown;
}

function short(text: string, limit = 120): string {
  const clean = sanitizeLine(text).trim();
  return clean.length > limit ? `${clean.slice(0, limit - 1)}…` : clean;
}

/** The error's code as the SDK reports it (name), or a Node system error code. */
export function errorCode(error: unknown): string {
  const e = (error ?? {}) as AwsLikeError;
  const cause = (e.cause ?? {}) as AwsLikeError;
  if (e.code && NETWORK.has(e.code)) return e.code;
  if (cause.code && NETWORK.has(cause.code)) return cause.code;
  return e.Code ?? e.name ?? 'Error';
}

export interface ErrorContext {
  /** GetMetricData, DescribeAlarms. */
  operation: string;
  /** The host requests went to, for "cannot reach". */
  host: string;
  /** AWS_PROFILE, when set: a chain that fails then names it. */
  profile?: string;
}

export function classifyError(error: unknown, { operation, host, profile }: ErrorContext): ClassifiedError {
  const e = (error ?? {}) as AwsLikeError;
  const code = errorCode(error);
  const message = typeof e.message === 'string' ? e.message : String(error);
  const status = e.$metadata?.httpStatusCode;

  if (code === 'CredentialsProviderError' || code === 'TokenProviderError') {
    if (/expired|aws sso login|sso session/i.test(message))
      return { problem: 'expired', line: EXPIRED_LINE, backoff: false };
    if (profile && /not found|could not|was not/i.test(message)) {
      return {
        problem: 'no-profile',
        line: `cloudwatch: AWS profile "${short(profile, 60)}" not found (check AWS_PROFILE and ~/.aws/config)`,
        backoff: false,
      };
    }
    return { problem: 'no-credentials', line: NO_CREDENTIALS_LINE, backoff: false };
  }
  if (/^Region is missing/.test(message)) {
    return {
      problem: 'no-region',
      line: 'cloudwatch: no AWS region (set cloudwatch.region in dynodeck.yml or AWS_REGION)',
      backoff: false,
    };
  }
  if (EXPIRED.has(code)) return { problem: 'expired', line: EXPIRED_LINE, backoff: false };
  if (REJECTED.has(code)) {
    return {
      problem: 'rejected',
      line: `cloudwatch: AWS rejected the credentials (${code}): check AWS_PROFILE / AWS_ACCESS_KEY_ID`,
      backoff: true,
    };
  }
  if (DENIED.has(code)) {
    return {
      problem: 'denied',
      line: `cloudwatch: access denied to ${operation} (${code}): the credentials need cloudwatch:${operation}`,
      backoff: true,
    };
  }
  if (THROTTLING.has(code) || status === 429) {
    return { problem: 'throttled', line: `cloudwatch: throttled by AWS (${short(code, 40)})`, backoff: true };
  }
  if ((status !== undefined && status >= 500) || e.$fault === 'server') {
    return {
      problem: 'unavailable',
      line: `cloudwatch: AWS answered ${status ?? 'a server error'} (${short(code, 40)})`,
      backoff: true,
    };
  }
  if (NETWORK.has(code) || /socket hang up|ECONNRESET|timed? ?out/i.test(message)) {
    return { problem: 'unreachable', line: `cloudwatch: cannot reach ${host} (${short(code, 40)})`, backoff: true };
  }
  return {
    problem: 'failed',
    line: `cloudwatch: ${operation} failed (${short(code, 40)}: ${short(message)})`,
    backoff: true,
  };
}
