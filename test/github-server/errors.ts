// GitHub's error manners: a status and a JSON body {message, documentation_url, status},
// validation errors with {resource, field, code}, in the wording the REST API uses.
import type { components } from '@octokit/openapi-types';

type ValidationError = components['schemas']['validation-error'];
type BasicError = components['schemas']['basic-error'];

export class GitHubError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly documentationUrl = 'https://docs.github.com/rest',
    readonly errors?: ValidationError['errors'],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): BasicError | ValidationError {
    const base = { message: this.message, documentation_url: this.documentationUrl, status: String(this.status) };
    return this.errors ? { ...base, errors: this.errors } : base;
  }
}

export const notFound = () => new GitHubError(404, 'Not Found');
export const badCredentials = () => new GitHubError(401, 'Bad credentials');
export const requiresAuthentication = () => new GitHubError(401, 'Requires authentication');
export const validationFailed = (errors: NonNullable<ValidationError['errors']>, doc?: string) =>
  new GitHubError(422, 'Validation Failed', doc, errors);
export const missingField = (resource: string, field: string) =>
  validationFailed([{ resource, field, code: 'missing_field' }]);
export const problemsParsingJson = () => new GitHubError(400, 'Problems parsing JSON');

export function primaryLimit(status: 403 | 429, userId: number): GitHubError {
  return new GitHubError(
    status,
    `API rate limit exceeded for user ID ${userId}. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000:0000:0000.`,
    'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
  );
}

export function secondaryLimit(status: 403 | 429, retryAfter: number | undefined): GitHubError {
  return new GitHubError(
    status,
    'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000:0000:0000.',
    'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
    undefined,
    retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) },
  );
}

/** What GitHub's edge answers when the API behind it is down: an HTML page, not JSON. */
export const BAD_GATEWAY_HTML = `<!DOCTYPE html>
<html>
  <head><meta charset="utf-8"><title>Unicorn! &middot; GitHub</title></head>
  <body>
    <div class="container">
      <p><strong>We had issues producing the response to your request.</strong></p>
      <p>Sorry about that. Please try refreshing and contact us if the problem persists.</p>
    </div>
  </body>
</html>
`;
