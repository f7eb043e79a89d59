// Errors the Heroku way: a status code and a JSON body {id, message}.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `Couldn't find that ${what}.`);
export const invalidParams = (message: string) => new ApiError(422, 'invalid_params', message);
export const conflict = (message: string) => new ApiError(409, 'conflict', message);
