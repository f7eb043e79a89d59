// Log sessions: POST /apps/{app}/log-sessions hands out a logplex_url on this server.
// Each GET of it starts with the session's last `lines` lines (or, for server-sent
// events with Last-Event-ID, with every line after that id) and, for a tail, stays open
// for lines pushed later. Streams are SSE (`id: n`, `data: line`) or plain text lines.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LogFormat } from './options.js';
import { timestamp, type AppRecord, type LogEntry } from './state.js';

export interface LogSessionRecord {
  id: string;
  appId: string;
  url: string;
  tail: boolean;
  lines: number;
  source?: string;
  dyno?: string;
  format: LogFormat;
  expired: boolean;
  expiredStatus: number;
  createdAt: string;
}

interface Reader {
  session: LogSessionRecord;
  res: ServerResponse;
  sent: number;
  /** End the response mid-line once this many lines were sent. */
  cutAfter?: number;
}

export class LogSessions {
  readonly sessions = new Map<string, LogSessionRecord>();
  private readonly readers = new Set<Reader>();
  private cutNext: number | undefined;
  private format: LogFormat;

  constructor(
    private readonly deps: {
      baseUrl: () => string;
      appById: (id: string) => AppRecord | undefined;
      format: LogFormat;
      expiredStatus: number;
    },
  ) {
    this.format = deps.format;
  }

  create(
    app: AppRecord,
    body: { tail?: unknown; lines?: unknown; source?: unknown; dyno?: unknown },
  ): LogSessionRecord {
    const id = randomUUID();
    const session: LogSessionRecord = {
      id,
      appId: app.id,
      url: `${this.deps.baseUrl()}/__logs/sessions/${id}?srv=${Date.now()}`,
      tail: body.tail === true,
      lines: typeof body.lines === 'number' ? Math.min(Math.max(0, body.lines), 1500) : 100,
      format: this.format,
      expired: false,
      expiredStatus: this.deps.expiredStatus,
      createdAt: timestamp(),
    };
    if (typeof body.source === 'string') session.source = body.source;
    if (typeof body.dyno === 'string') session.dyno = body.dyno;
    this.sessions.set(id, session);
    return session;
  }

  push(app: AppRecord, line: string) {
    const entry: LogEntry = { seq: (app.logs[app.logs.length - 1]?.seq ?? 0) + 1, line };
    app.logs.push(entry);
    for (const reader of this.readers) {
      if (reader.session.appId === app.id && matches(reader.session, line)) this.send(reader, [entry]);
    }
  }

  serve(id: string, req: IncomingMessage, res: ServerResponse): boolean {
    const session = this.sessions.get(id);
    const app = session && this.deps.appById(session.appId);
    if (!session || !app) return false;
    if (session.expired) {
      res.writeHead(session.expiredStatus, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(session.expiredStatus === 404 ? 'Not Found\n' : 'Session expired\n');
      return true;
    }
    const sse = session.format === 'sse';
    res.writeHead(200, {
      'Content-Type': sse ? 'text/event-stream' : 'text/plain; charset=utf-8',
      'Cache-Control': 'no-cache',
    });
    res.flushHeaders();
    const reader: Reader = { session, res, sent: 0 };
    if (this.cutNext !== undefined) {
      reader.cutAfter = this.cutNext;
      this.cutNext = undefined;
    }
    const lastId = Number(req.headers['last-event-id']);
    const matching = app.logs.filter((e) => matches(session, e.line));
    const history =
      sse && req.headers['last-event-id'] !== undefined && Number.isFinite(lastId)
        ? matching.filter((e) => e.seq > lastId)
        : matching.slice(Math.max(0, matching.length - session.lines));
    this.readers.add(reader);
    req.on('close', () => this.readers.delete(reader));
    res.on('close', () => this.readers.delete(reader));
    this.send(reader, history);
    if (!session.tail && this.readers.has(reader)) {
      this.readers.delete(reader);
      res.end();
    }
    return true;
  }

  /** The open streams (or, when none is open, the next one) end mid-line after `n` more lines. */
  cutAfter(n: number) {
    if (this.readers.size === 0) this.cutNext = n;
    for (const reader of this.readers) reader.cutAfter = reader.sent + n;
  }

  expire(id: string, status?: number) {
    const session = this.sessions.get(id);
    if (!session) throw new Error(`no log session ${id}`);
    session.expired = true;
    if (status !== undefined) session.expiredStatus = status;
    // An expired session's open stream ends too: that is how a client notices.
    for (const reader of [...this.readers]) {
      if (reader.session === session) {
        this.readers.delete(reader);
        reader.res.end();
      }
    }
  }

  expireAll(status?: number) {
    for (const session of this.sessions.values()) if (!session.expired) this.expire(session.id, status);
  }

  setFormat(format: LogFormat, sessionId?: string) {
    if (sessionId === undefined) this.format = format;
    else {
      const session = this.sessions.get(sessionId);
      if (!session) throw new Error(`no log session ${sessionId}`);
      session.format = format;
    }
  }

  openStreams(): number {
    return this.readers.size;
  }

  closeAll() {
    for (const reader of this.readers) reader.res.destroy();
    this.readers.clear();
  }

  private send(reader: Reader, entries: LogEntry[]) {
    const sse = reader.session.format === 'sse';
    let out = '';
    for (const entry of entries) {
      if (reader.cutAfter !== undefined && reader.sent >= reader.cutAfter) {
        // The connection dies in the middle of a line: no newline, no end of the chunked body.
        const half = entry.line.slice(0, Math.max(1, Math.floor(entry.line.length / 2)));
        out += sse ? `id: ${entry.seq}\ndata: ${half}` : half;
        this.readers.delete(reader);
        const res = reader.res;
        res.write(out, () => res.destroy());
        return;
      }
      out += sse ? `id: ${entry.seq}\ndata: ${entry.line}\n\n` : `${entry.line}\n`;
      reader.sent++;
    }
    if (out) reader.res.write(out);
  }
}

/** A session's source (app, heroku) and dyno (web.1, or a type: web) filters. */
function matches(session: LogSessionRecord, line: string): boolean {
  if (!session.source && !session.dyno) return true;
  const m = /^\S+ ([a-z]+)\[([^\]]+)\]:/.exec(line);
  if (!m) return true;
  const [, source = '', dyno = ''] = m;
  if (session.source && source !== session.source) return false;
  if (session.dyno && dyno !== session.dyno && !dyno.startsWith(`${session.dyno}.`)) return false;
  return true;
}
