// The LogStreams port over Heroku log sessions (and the local engine, which speaks the
// same API): one tailing session per environment, shared by every listener.
import type { Clock, LogSessionSource } from '../ports.js';
import { createSharedLogStreams, DEFAULT_RECENT_LINES } from '../shared-log-streams.js';
import { startLogTail } from './log-tail.js';

export interface HerokuLogStreamsOptions {
  logSessionUrl: LogSessionSource['logSessionUrl'];
  clock: Clock;
  /** Lines of history a new session starts with, and kept for listeners that join later (default 1,000). */
  history?: number;
  reconnectBaseMs?: number;
  reconnectMaxMs?: number;
}

export function herokuLogStreams(opts: HerokuLogStreamsOptions) {
  const history = opts.history ?? DEFAULT_RECENT_LINES;
  return createSharedLogStreams(
    (env, handlers) =>
      startLogTail({
        openSession: () => opts.logSessionUrl(env, { tail: true, lines: history }),
        ...handlers,
        clock: opts.clock,
        reconnectBaseMs: opts.reconnectBaseMs,
        reconnectMaxMs: opts.reconnectMaxMs,
      }),
    { recentLines: history },
  );
}
