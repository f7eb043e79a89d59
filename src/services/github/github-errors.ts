// What went wrong with a GitHub request, in words the user can act on. Bodies are
// never shown raw (GitHub's edge answers HTML when it is down), and tokens never
// appear: messages name only where the token came from.
import { sanitizeLine } from '../../logs/sanitize.js';
import { GitHubTimeoutError, GitHubWaitError } from './github-client.js';
import { tokenAdvice, type TokenSource } from './find-token.js';

/** Connection-level trouble changes the header's GitHub status; `request` trouble is about one request. */
export type ProblemKind = 'no-token' | 'no-repo' | 'bad-token' | 'rate-limited' | 'unreachable' | 'server' | 'request';

export class GitHubProblem extends Error {
  constructor(
    readonly kind: ProblemKind,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'GitHubProblem';
  }
}

interface RequestErrorLike {
  status?: number;
  request?: { method?: string; url?: string };
  message?: string;
  response?: { data?: unknown; headers?: Record<string, string | undefined> };
  cause?: unknown;
}

export function describeGitHubError(
  error: unknown,
  ctx: { tokenSource?: TokenSource; baseUrl: string },
): GitHubProblem {
  if (error instanceof GitHubProblem) return error;
  if (error instanceof GitHubWaitError)
    return new GitHubProblem('rate-limited', error.message, undefined, { cause: error });
  const e = (error ?? {}) as RequestErrorLike;
  const timeout = findCause(error, GitHubTimeoutError);
  if (timeout) return new GitHubProblem('unreachable', timeout.message, undefined, { cause: error });
  const status = e.status;
  const data = e.response?.data;
  const message = typeof data === 'object' && data && 'message' in data ? clip(String(data.message)) : undefined;
  if (status === 401) {
    return new GitHubProblem(
      'bad-token',
      `GitHub rejected the token from ${ctx.tokenSource ?? 'nowhere'} (401 ${message ?? 'Bad credentials'}): ${tokenAdvice(ctx.tokenSource)}`,
      status,
      { cause: error },
    );
  }
  if (status === 429 || (status === 403 && isRateLimit(e, message))) {
    const reset = Number(e.response?.headers?.['x-ratelimit-reset']);
    const when =
      Number.isFinite(reset) && reset > 0 ? ` until ${new Date(reset * 1000).toTimeString().slice(0, 5)}` : '';
    const text = /secondary/i.test(message ?? '')
      ? 'GitHub asked dynodeck to slow down (secondary rate limit)'
      : isRateLimit(e, message)
        ? `GitHub's rate limit is spent${when}`
        : `GitHub asked dynodeck to wait (429${message ? ` ${message}` : ''})`;
    return new GitHubProblem('rate-limited', text, status, { cause: error });
  }
  if (status !== undefined && status >= 500 && e.response) {
    const method = (e.request?.method ?? 'GET').toUpperCase();
    const then =
      method === 'GET' || method === 'HEAD'
        ? 'trying again later'
        : `${method} ${pathOf(e.request?.url)} was not sent again: check on GitHub whether it happened`;
    return new GitHubProblem('server', `GitHub answered ${status}${message ? ` (${message})` : ''}; ${then}`, status, {
      cause: error,
    });
  }
  if (status === undefined || status >= 500) {
    const reason = clip(String(rootMessage(error) ?? 'no answer'));
    return new GitHubProblem('unreachable', `cannot reach GitHub at ${ctx.baseUrl}: ${reason}`, status, {
      cause: error,
    });
  }
  if (status === 304)
    return new GitHubProblem('request', 'GitHub answered 304 with nothing cached', status, { cause: error });
  const details = validationDetails(data);
  return new GitHubProblem(
    'request',
    `GitHub refused it (${status}${message ? ` ${message}` : ''}${details ? `: ${details}` : ''})`,
    status,
    { cause: error },
  );
}

function isRateLimit(e: RequestErrorLike, message: string | undefined): boolean {
  return e.response?.headers?.['x-ratelimit-remaining'] === '0' || /rate limit/i.test(message ?? '');
}

function validationDetails(data: unknown): string | undefined {
  const errors = (data as { errors?: Array<{ code?: string; field?: string; message?: string }> } | undefined)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  return clip(errors.map((x) => x.message ?? [x.field, x.code].filter(Boolean).join(' ')).join('; '));
}

function findCause<T>(error: unknown, type: new (...args: never[]) => T): T | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof type) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function rootMessage(error: unknown): string | undefined {
  let current: unknown = error;
  let message: string | undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    const m = (current as { message?: unknown; code?: unknown }).message;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') message = code;
    else if (typeof m === 'string' && m) message = m;
    current = (current as { cause?: unknown }).cause;
  }
  return message;
}

function pathOf(url: string | undefined): string {
  try {
    return new URL(url ?? '').pathname;
  } catch {
    return url ?? '';
  }
}

function clip(text: string): string {
  const line = sanitizeLine(text).trim();
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}
