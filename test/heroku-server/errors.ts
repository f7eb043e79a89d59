// Heroku's error manners: a status and a JSON body {id, message}, with the ids and
// wording the Platform API uses, so a client's error handling meets the real shapes.
export interface HerokuErrorBody {
  id: string;
  message: string;
  resource?: string;
}

export class HerokuError extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    message: string,
    readonly resource?: string,
  ) {
    super(message);
  }

  body(): HerokuErrorBody {
    return this.resource
      ? { id: this.id, message: this.message, resource: this.resource }
      : { id: this.id, message: this.message };
  }
}

export const notFound = (resource: string, what = resource) =>
  new HerokuError(404, 'not_found', `Couldn't find that ${what}.`, resource);
export const invalidParams = (message: string) => new HerokuError(422, 'invalid_params', message);
export const forbidden = (message: string) => new HerokuError(403, 'forbidden', message);
export const conflict = (message: string) => new HerokuError(409, 'conflict', message);
export const unauthorized = () => new HerokuError(401, 'unauthorized', 'Invalid credentials provided.');
export const rateLimited = () =>
  new HerokuError(
    429,
    'rate_limit',
    'Your account reached the API rate limit\nPlease wait a few minutes before making new requests',
  );
export const missingVersion = () =>
  new HerokuError(
    400,
    'missing_version',
    "Please specify a version along with Heroku's API MIME type. For example, `Accept: application/vnd.heroku+json; version=3`.",
  );
export const badRequest = (message: string) => new HerokuError(400, 'bad_request', message);
export const noSuchEndpoint = () =>
  new HerokuError(
    404,
    'not_found',
    'The requested API endpoint was not found. Are you using the right HTTP verb (i.e. `GET` vs. `POST`), and did you specify your API version in the `Accept` header?',
  );

/** The body an injected failure answers with when the test gives none. */
export function defaultFaultBody(status: number): HerokuErrorBody {
  switch (status) {
    case 401:
      return unauthorized().body();
    case 403:
      return { id: 'forbidden', message: 'You do not have access to this resource.' };
    case 404:
      return { id: 'not_found', message: "Couldn't find that app." };
    case 409:
      return { id: 'conflict', message: 'A conflicting change is in progress.' };
    case 422:
      return { id: 'invalid_params', message: 'Invalid parameters.' };
    case 429:
      return rateLimited().body();
    case 503:
      return { id: 'service_unavailable', message: 'API is temporarily unavailable.' };
    default:
      return { id: 'internal_server_error', message: 'Internal server error.' };
  }
}
