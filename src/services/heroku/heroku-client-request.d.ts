// Types for heroku-client's Request class (lib/request.js), which @types/heroku-client
// declares but does not export; heroku-request.ts extends it.
declare module 'heroku-client/lib/request.js' {
  import type { Agent, ClientRequest, IncomingMessage } from 'node:http';
  export default class HerokuClientRequest {
    constructor(options: Record<string, unknown>);
    options: { method?: string; path: string; headers: Record<string, string> };
    /** The Range of the next page (heroku-client's default Range until a Next-Range comes). */
    nextRange: string;
    /** Stop at the first page. */
    partial?: boolean;
    /** The body so far: the single page, or the pages' items concatenated. */
    aggregate: unknown;
    middleware: (res: IncomingMessage, next: () => void) => void;
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
    handleResponse(res: IncomingMessage): void;
    handleSuccess(res: IncomingMessage, buffer: string): void;
    parseBody(body: string): unknown;
    nextRequest(nextRange: string, body: unknown): void;
    updateAggregate(body: unknown): void;
  }
}
