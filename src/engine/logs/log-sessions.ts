// Heroku's log sessions: POST gives a capability URL, GET on it streams the app's
// log (history, then the tail) until the client leaves or the session expires.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../domain/clock.js';
import { assertAppName } from './app-name.js';
import type { LogBus } from './log-bus.js';
import type { StreamFormat } from './log-events.js';
import type { LogFilter } from './log-filter.js';
import type { LogLine, LogSource } from '../../logs/log-line.js';
import { createLogStream } from './log-stream.js';

export interface LogSessionRequest {
  tail?: boolean;
  /** Default 100, max 1500. */
  lines?: number;
  source?: LogSource;
  dyno?: string;
}

export interface LogSessionInfo {
  id: string;
  logplex_url: string;
  created_at: string;
  updated_at: string;
}

export interface LogSessions {
  create(app: string, request: LogSessionRequest): LogSessionInfo;
  handle(id: string, req: IncomingMessage, res: ServerResponse): void;
  /** Ends every open stream and forgets every session. */
  close(): void;
}

export interface LogSessionsOptions {
  bus: LogBus;
  clock: Clock;
  /** e.g. http://127.0.0.1:PORT */
  baseUrl: () => string;
  tailTtlMs?: number;
  onceTtlMs?: number;
}

const DEFAULT_LINES = 100;
const MAX_LINES = 1500;
const KEEP_ALIVE_MS = 15_000;
const NOT_FOUND = JSON.stringify({ id: 'not_found', message: 'log session not found or expired' });

interface Session {
  app: string;
  tail: boolean;
  lines: number;
  filter: LogFilter;
  expiresAt: number;
}

export function createLogSessions({
  bus,
  clock,
  baseUrl,
  tailTtlMs = 60 * 60_000,
  onceTtlMs = 5 * 60_000,
}: LogSessionsOptions): LogSessions {
  const sessions = new Map<string, Session>();
  const openStreams = new Set<() => void>();

  const prune = () => {
    const now = clock.now();
    for (const [id, session] of sessions) if (now >= session.expiresAt) sessions.delete(id);
  };

  const live = (id: string): Session | undefined => {
    const session = sessions.get(id);
    if (session && clock.now() >= session.expiresAt) {
      sessions.delete(id);
      return undefined;
    }
    return session;
  };

  const history = (session: Session, lastEventId: number | undefined): LogLine[] => {
    if (lastEventId !== undefined) {
      const newest = bus.recent(session.app, 1)[0]?.seq ?? 0;
      // An id above anything we have comes from before an engine restart: start afresh.
      if (lastEventId <= newest) {
        return bus
          .recent(session.app, Number.POSITIVE_INFINITY, session.filter)
          .filter((line) => line.seq > lastEventId);
      }
    }
    return bus.recent(session.app, session.lines, session.filter);
  };

  return {
    create(app, request) {
      assertAppName(app);
      prune();
      const now = clock.now();
      const id = randomBytes(16).toString('hex');
      const tail = request.tail === true;
      sessions.set(id, {
        app,
        tail,
        lines: clampLines(request.lines),
        filter: {
          ...(request.source ? { source: request.source } : {}),
          ...(request.dyno ? { dyno: request.dyno } : {}),
        },
        expiresAt: now + (tail ? tailTtlMs : onceTtlMs),
      });
      const stamp = herokuTime(now);
      return { id, logplex_url: `${baseUrl()}/log-sessions/${id}`, created_at: stamp, updated_at: stamp };
    },

    handle(id, req, res) {
      const session = live(id);
      if (!session) {
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end(NOT_FOUND);
        return;
      }
      const format: StreamFormat =
        new URL(req.url ?? '/', 'http://localhost').searchParams.get('format') === 'text' ? 'text' : 'sse';
      res.writeHead(200, {
        'Content-Type': format === 'sse' ? 'text/event-stream' : 'text/plain; charset=utf-8',
        'Cache-Control': 'no-cache',
      });
      res.flushHeaders();
      const stream = createLogStream({ res, format, clock });
      const lines = history(session, lastEventId(req));
      if (!session.tail) {
        for (const line of lines) stream.push(line);
        stream.end();
        return;
      }

      // History and subscription start in the same tick, so no line falls between them.
      const unsubscribe = bus.subscribe(session.app, session.filter, (line) => stream.push(line));
      for (const line of lines) stream.push(line);

      let keepAliveTimer: unknown;
      const keepAlive = () => {
        stream.keepAlive();
        keepAliveTimer = clock.setTimeout(keepAlive, KEEP_ALIVE_MS);
      };
      keepAliveTimer = clock.setTimeout(keepAlive, KEEP_ALIVE_MS);
      const expiryTimer = clock.setTimeout(() => finish(), session.expiresAt - clock.now());

      const stop = () => {
        unsubscribe();
        clock.clearTimeout(keepAliveTimer);
        clock.clearTimeout(expiryTimer);
        openStreams.delete(finish);
      };
      const finish = () => {
        stop();
        stream.end();
      };
      res.on('close', () => {
        stop();
        stream.discard();
      });
      openStreams.add(finish);
    },

    close() {
      for (const finish of [...openStreams]) finish();
      sessions.clear();
    },
  };
}

function clampLines(lines: number | undefined): number {
  if (typeof lines !== 'number' || !Number.isFinite(lines)) return DEFAULT_LINES;
  return Math.min(MAX_LINES, Math.max(0, Math.floor(lines)));
}

function lastEventId(req: IncomingMessage): number | undefined {
  const value = req.headers['last-event-id'];
  const text = Array.isArray(value) ? value[0] : value;
  return text && /^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

/** Heroku's API timestamps: seconds, `Z`. */
function herokuTime(time: number): string {
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
