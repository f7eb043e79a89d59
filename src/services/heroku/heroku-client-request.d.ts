// Types for heroku-client's Request class (lib/request.js), which @types/heroku-client
// declares but does not export; heroku-request.ts extends it.
declare module 'heroku-client/lib/request.js' {
  export default class HerokuClientRequest {
    constructor(options: Record<string, unknown>);
    options: { method?: string };
    resolve: (value: unknown) => void;
    reject: (error: unknown) => void;
    request(): Promise<unknown>;
    isRetryAllowed(error: unknown): boolean;
  }
}
