// Per-app log lines: a bounded ring in memory for readers, batched appends to disk
// for history that survives a restart.
import { mkdirSync } from 'node:fs';
import { appendFile, mkdir, stat } from 'node:fs/promises';
import type { Clock } from '../../domain/clock.js';
import { assertAppName, isValidAppName } from './app-name.js';
import { loadRecentLines, logFilePath, rotateLogFiles } from './log-files.js';
import { matchesFilter, type LogFilter } from './log-filter.js';
import { formatLogLine, type LogLine, type LogSource } from '../../logs/log-line.js';
import { createRing, type Ring } from './ring.js';

export type { LogFilter } from './log-filter.js';

export interface LogBus {
  /** Splits text on newlines into several lines. Never throws. */
  publish(app: string, line: { source: LogSource; dyno: string; text: string; time?: number }): void;
  /** The last `count` matching lines, oldest first, from memory. */
  recent(app: string, count: number, filter?: LogFilter): LogLine[];
  subscribe(app: string, filter: LogFilter, onLine: (line: LogLine) => void): () => void;
  /** Resolves when everything published so far is on disk (or failed to get there). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export interface LogBusOptions {
  dir: string;
  clock: Clock;
  ringSize?: number;
  maxFileBytes?: number;
  keepFiles?: number;
  /** The first failing disk write, a bad app name given to publish, a subscriber that threw. */
  onError?: (error: unknown) => void;
}

const FLUSH_INTERVAL_MS = 100;
const BATCH_BYTES = 64 * 1024;

interface Subscriber {
  filter: LogFilter;
  onLine: (line: LogLine) => void;
}

interface AppLog {
  ring: Ring<LogLine>;
  nextSeq: number;
  subscribers: Set<Subscriber>;
  pending: string[];
  pendingBytes: number;
  /** Unknown until the first write looks at the file. */
  fileBytes: number | undefined;
}

export function createLogBus(options: LogBusOptions): LogBus {
  const { dir, clock, ringSize = 10_000, maxFileBytes = 5 * 1024 * 1024, keepFiles = 3, onError } = options;
  const apps = new Map<string, AppLog>();
  let diskErrorReported = false;
  let closed = false;
  let timer: unknown;
  let writing: Promise<void> = Promise.resolve();
  let writeQueued = false;

  const report = (error: unknown) => {
    try {
      onError?.(error);
    } catch {
      // The reporter itself failing must not take logging down with it.
    }
  };
  const reportDisk = (error: unknown) => {
    if (diskErrorReported) return;
    diskErrorReported = true;
    report(error);
  };

  const appLog = (app: string): AppLog => {
    let log = apps.get(app);
    if (!log) {
      log = {
        ring: createRing(ringSize),
        nextSeq: 1,
        subscribers: new Set(),
        pending: [],
        pendingBytes: 0,
        fileBytes: undefined,
      };
      apps.set(app, log);
    }
    return log;
  };

  try {
    mkdirSync(dir, { recursive: true });
    for (const [app, lines] of loadRecentLines(dir, ringSize)) {
      const log = appLog(app);
      for (const line of lines) log.ring.push({ ...line, seq: log.nextSeq++ });
    }
  } catch (error) {
    reportDisk(error);
  }

  const writeApp = async (app: string, log: AppLog, text: string, bytes: number) => {
    const path = logFilePath(dir, app);
    if (log.fileBytes === undefined) {
      await mkdir(dir, { recursive: true });
      log.fileBytes = await stat(path).then(
        (s) => s.size,
        () => 0,
      );
    }
    if (log.fileBytes > 0 && log.fileBytes + bytes > maxFileBytes) {
      await rotateLogFiles(dir, app, keepFiles);
      log.fileBytes = 0;
    }
    await appendFile(path, text);
    log.fileBytes += bytes;
  };

  const writeAll = async () => {
    writeQueued = false;
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    for (const [app, log] of apps) {
      if (log.pending.length === 0) continue;
      const text = log.pending.join('');
      const bytes = log.pendingBytes;
      log.pending = [];
      log.pendingBytes = 0;
      try {
        await writeApp(app, log, text, bytes);
      } catch (error) {
        // The batch is lost on disk but not in memory; look at the file afresh next time.
        log.fileBytes = undefined;
        reportDisk(error);
      }
    }
  };

  const startWrite = (): Promise<void> => {
    if (!writeQueued) {
      writeQueued = true;
      writing = writing.then(writeAll);
    }
    return writing;
  };

  const queueForDisk = (log: AppLog, formatted: string) => {
    log.pending.push(formatted);
    log.pendingBytes += Buffer.byteLength(formatted);
    if (log.pendingBytes >= BATCH_BYTES) void startWrite();
    else if (timer === undefined && !writeQueued) {
      timer = clock.setTimeout(() => {
        timer = undefined;
        void startWrite();
      }, FLUSH_INTERVAL_MS);
    }
  };

  const deliver = (log: AppLog, line: LogLine) => {
    for (const subscriber of log.subscribers) {
      if (!matchesFilter(line, subscriber.filter)) continue;
      try {
        subscriber.onLine(line);
      } catch (error) {
        report(error);
      }
    }
  };

  return {
    publish(app, input) {
      if (closed) return;
      try {
        if (!isValidAppName(app)) {
          report(new Error(`log line dropped: invalid app name ${JSON.stringify(app)}`));
          return;
        }
        const log = appLog(app);
        const time = input.time ?? clock.now();
        const pieces = String(input.text).split('\n');
        if (pieces.at(-1) === '') pieces.pop();
        for (const piece of pieces) {
          const text = piece.endsWith('\r') ? piece.slice(0, -1) : piece;
          const line: LogLine = { time, source: input.source, dyno: input.dyno, text, seq: log.nextSeq++ };
          log.ring.push(line);
          queueForDisk(log, `${formatLogLine(line)}\n`);
          deliver(log, line);
        }
      } catch (error) {
        report(error);
      }
    },

    recent(app, count, filter) {
      assertAppName(app);
      const log = apps.get(app);
      if (!log || !(count > 0)) return [];
      const out: LogLine[] = [];
      for (const line of log.ring.newestFirst()) {
        if (out.length >= count) break;
        if (matchesFilter(line, filter)) out.push(line);
      }
      return out.reverse();
    },

    subscribe(app, filter, onLine) {
      assertAppName(app);
      const log = appLog(app);
      const subscriber: Subscriber = { filter: { ...filter }, onLine };
      log.subscribers.add(subscriber);
      return () => {
        log.subscribers.delete(subscriber);
      };
    },

    flush: () => startWrite(),

    async close() {
      closed = true;
      for (const log of apps.values()) log.subscribers.clear();
      await startWrite();
    },
  };
}
