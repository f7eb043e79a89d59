// Types for heroku-client's Request class (lib/request.js), which @types/heroku-client
// declares but does not export; heroku-request.ts extends it.
declare module 'heroku-client/lib/request.js' {
  import type { Agent, ClientRequest } from 'node:http';
  export default class HerokuClientRequest {
    constructor(options: Record<string, unknown>);
    options: { method?: string };
    /** Whether the host is https. */
    secure: boolean;
    /** The agent every attempt and page of this request is sent through. */
    agent: Agent;
    resolve: (value: unknown) => void;
    reject: (error: unknown) => void;
    request(): Promise<unknown>;
    isRetryAllowed(error: unknown): boolean;
    handleError(error: unknown): void;
    setRequestTimeout(req: ClientRequest): void;
  }
}
