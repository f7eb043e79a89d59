// Follows a Heroku log session for as long as the deck shows it: reads the logplex URL
// (server-sent events or plain text), resumes a dropped stream with Last-Event-ID,
// opens a new session when the old one expires (and reports the gap it may leave through
// onGap, beside the lines, so no line can pass for one), and waits with backoff between
// attempts. It never throws: trouble goes to onStatus.
// What is known to be lost goes to onLoss: Logplex's overflow notices (L10/L11) and, when
// the session numbers its events consecutively, the ids a resumed or new session skipped.
import type { Clock, LogLoss, LogStreamState, LogStreamStatus } from '../ports.js';
import type { LogGap } from '../../logs/gap-marker.js';
import { overflowDropped } from '../../logs/overflow-notice.js';
import { createRecentLines } from '../../logs/recent-lines.js';
import { createLineSplitter, createSseParser, type SseParser } from './sse-parser.js';
import { openTextStream, type TextStream } from './stream-request.js';
import { createRestPlanner } from './read-rests.js';

export type TailState = LogStreamState;
export type TailStatus = LogStreamStatus;

export interface LogTailOptions {
  /** Creates a log session; resolves to its logplex_url. */
  openSession: () => Promise<string>;
  /** Lines as they arrive: those of one read together, in batches of about READ_BATCH_LINES (see readRestMs). */
  onLines: (lines: string[]) => void;
  /** A new session may have missed lines; called before the first lines after the gap. */
  onGap?: (gap: LogGap) => void;
  /** Lines known to be lost: counted from overflow notices and from skipped event ids. */
  onLoss?: (loss: LogLoss) => void;
  onStatus: (status: TailStatus) => void;
  clock: Clock;
  reconnectBaseMs?: number;
  reconnectMaxMs?: number;
  /** A connection that lived this long (or delivered a line) resets the backoff. */
  healthyMs?: number;
  /**
   * An SSE stream that has sent keep-alive comments and then stays silent this long is
   * taken for dead (a half-open connection looks exactly like a quiet app otherwise).
   */
  stallMs?: number;
  /** 0..1; injectable so tests see exact delays. */
  random?: () => number;
  /**
   * How long the connection rests after each read (see stream-request.ts): a line waits at
   * most this long, and a flood is read ten times a second, not once per packet. Both rests are
   * upper bounds: a rest ends sooner when more would arrive meanwhile than the connection's
   * buffers have shown they hold (read-rests.ts).
   */
  readRestMs?: number;
  /**
   * The rest for a busy stream, one of a few hundred to ten thousand lines a second: the
   * Logs pane draws such a stream every 250-500 ms anyway, so reading it more often only
   * costs wake-ups. Quieter streams, and floods (whose lines would pile up in the platform's
   * buffer for the session, which drops them past a limit), keep `readRestMs`.
   */
  busyReadRestMs?: number;
}

/** A read's lines are handed on in batches of about this many (see onText). */
export const READ_BATCH_LINES = 1000;

export interface LogTail {
  stop(): void;
}

/** The delay before attempt `failures` (1-based): base doubling up to max, with jitter in its upper half. */
export function backoffDelay(failures: number, baseMs: number, maxMs: number, random: () => number): number {
  const cap = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(cap * (0.5 + 0.5 * random()));
}

/** How many recent lines are remembered to drop the overlap a new session replays. */
const REPLAY_MEMORY = 2000;

class HttpStatusError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

export function startLogTail(opts: LogTailOptions): LogTail {
  const {
    clock,
    reconnectBaseMs = 500,
    reconnectMaxMs = 30_000,
    healthyMs = 10_000,
    stallMs = 45_000,
    random = Math.random,
    readRestMs = 100,
    busyReadRestMs = 250,
  } = opts;

  let stopped = false;
  let controller: AbortController | undefined;
  let sleepTimer: unknown;
  let wakeSleep: (() => void) | undefined;
  let stallTimer: unknown;
  let url: string | undefined;
  let needNewSession = true;
  let everConnected = false;
  let lastEventId: string | undefined;
  let failures = 0;
  let lastLineAt: number | undefined;
  // The last lines seen, so a new session's replay of history does not repeat them.
  const recent = createRecentLines(REPLAY_MEMORY, 320);
  let current: TailStatus | undefined;
  // Event ids, when the stream numbers its lines 1, 2, 3… (the local engine does): what a
  // resumed or new session skipped can then be counted, not just marked. Ids count only
  // while every step between two lines is 1 or exactly what an overflow notice announced;
  // a filtered session, or ids that are not counters, give nothing to count with.
  let lastDeliveredId: number | undefined;
  let consecutiveIds = 0;
  let idsUncountable = false;
  let overflowSinceLastId = 0;
  const idsCount = () => consecutiveIds >= 2 && !idsUncountable;

  const status = (state: TailState, error?: string, attempt = failures) => {
    const next: TailStatus = { state, attempt, since: clock.now() };
    if (error !== undefined) next.error = error;
    if (current && current.state === next.state && current.attempt === next.attempt && current.error === next.error)
      return;
    current = next;
    safely(() => opts.onStatus(next));
  };

  const recentSet = (): Set<string> => new Set(recent.lines());

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      wakeSleep = resolve;
      sleepTimer = clock.setTimeout(() => {
        sleepTimer = undefined;
        wakeSleep = undefined;
        resolve();
      }, ms);
    });

  /** One connection, from the request to the end of the body. Resolves when it ends; rejects on trouble. */
  async function connectOnce(): Promise<{ healthy: boolean }> {
    let gap: { from: number; to: number; replay: Set<string>; overlapped: boolean } | undefined;
    // The first numbered line after a reconnect tells how many lines fell in between.
    let resumeAfterId = everConnected ? lastDeliveredId : undefined;
    let overflowSinceResume = 0;
    if (needNewSession || url === undefined) {
      const replacing = everConnected;
      url = await opts.openSession();
      needNewSession = false;
      lastEventId = undefined;
      if (replacing) gap = { from: lastLineAt ?? clock.now(), to: clock.now(), replay: recentSet(), overlapped: false };
    } else if (everConnected && lastEventId === undefined) {
      // Back on the same session with nothing to resume from (plain text, or events without
      // ids): the session replays its recent lines, which must not show twice.
      gap = { from: lastLineAt ?? clock.now(), to: clock.now(), replay: recentSet(), overlapped: false };
    }
    if (stopped) return { healthy: false };
    controller = new AbortController();
    const headers: Record<string, string> = { Accept: 'text/event-stream, text/plain;q=0.9' };
    if (lastEventId !== undefined) headers['Last-Event-ID'] = lastEventId;
    let res: TextStream;
    let restMs = readRestMs;
    try {
      res = await openTextStream(url, {
        headers,
        signal: controller.signal,
        restMs: readRestMs > 0 ? () => restMs : 0,
      });
    } catch (error) {
      // Nothing listens where the session was (a local engine that restarted on another
      // port): only a new session, asked of the platform, can say where the log is now.
      if (refused(error)) needNewSession = true;
      throw error;
    }
    if (res.status === 403 || res.status === 404 || res.status === 410) {
      needNewSession = true;
      res.cancel();
      throw new HttpStatusError(res.status);
    }
    if (res.status < 200 || res.status > 299) {
      res.cancel();
      throw new HttpStatusError(res.status);
    }
    const openedAt = clock.now();
    everConnected = true;
    let delivered = false;
    status('connected', undefined, 0);
    if (gap) gap.to = clock.now();

    const sse = (res.headers['content-type'] ?? '').toLowerCase().includes('text/event-stream');
    const parser: SseParser | undefined = sse ? createSseParser() : undefined;
    const splitter = sse ? undefined : createLineSplitter();

    let lastByteAt = clock.now();
    const watch = () => {
      stallTimer = clock.setTimeout(
        () => {
          stallTimer = undefined;
          if (clock.now() - lastByteAt >= stallMs) {
            controller?.abort(new Error(`no data for ${Math.round(stallMs / 1000)}s`));
            return;
          }
          watch();
        },
        Math.max(1000, stallMs - (clock.now() - lastByteAt)),
      );
    };

    /** Lines lost between the last line before this connection and `id`, the first numbered one on it. */
    const countSkipped = (id: number) => {
      const after = resumeAfterId;
      resumeAfterId = undefined;
      if (after === undefined || !idsCount()) return 0;
      return Math.max(0, id - after - 1 - overflowSinceResume);
    };

    const deliver = (lines: string[], ids?: Array<number | undefined>) => {
      if (lines.length === 0) return;
      let out = lines;
      let outIds = ids;
      let marked = false;
      if (gap) {
        // A new session replays recent history; what overlaps the old one is not news,
        // and an overlap proves nothing was missed in between.
        const replay = gap.replay;
        let skip = 0;
        while (skip < out.length && replay.has(out[skip]!)) skip++;
        if (skip > 0) {
          gap.overlapped = true;
          resumeAfterId = undefined;
        }
        out = out.slice(skip);
        outIds = outIds?.slice(skip);
        if (out.length === 0) return; // still inside the replayed overlap
        if (!gap.overlapped) {
          const missed = { from: gap.from, to: gap.to };
          marked = true;
          safely(() => opts.onGap?.(missed));
        }
        gap = undefined;
      }
      let skipped = 0;
      for (let i = 0; i < out.length; i++) {
        const dropped = overflowDropped(out[i]!);
        if (dropped !== undefined && dropped > 0) {
          overflowSinceResume += dropped;
          overflowSinceLastId += dropped;
          const loss: LogLoss = { cause: 'overflow', lines: dropped };
          safely(() => opts.onLoss?.(loss));
        }
        const id = outIds?.[i];
        if (id === undefined) continue;
        const resuming = resumeAfterId !== undefined;
        if (resuming) skipped += countSkipped(id);
        else if (lastDeliveredId !== undefined) {
          if (id === lastDeliveredId + 1) consecutiveIds++;
          else if (id !== lastDeliveredId + 1 + overflowSinceLastId) idsUncountable = true;
        }
        overflowSinceLastId = 0;
        lastDeliveredId = id;
      }
      if (skipped > 0) {
        // A resumed session that started past lines it no longer had: the loss is marked where it happened.
        if (!marked) safely(() => opts.onGap?.({ from: lastLineAt ?? clock.now(), to: clock.now() }));
        const loss: LogLoss = { cause: 'gap', lines: skipped };
        safely(() => opts.onLoss?.(loss));
      }
      delivered = true;
      lastLineAt = clock.now();
      recent.add(out);
      safely(() => opts.onLines(out));
    };

    // Lines parsed from the pieces of one read, delivered together when the read ends, or
    // sooner once READ_BATCH_LINES have gathered: a flood's read can bring thousands of lines,
    // and text held across the young generation's collections is copied into the old one
    // (measured at 20,000 lines/s: ~20 MB more resident memory).
    let readLines: string[] = [];
    let readIds: Array<number | undefined> = [];
    let linesThisRead = 0;
    let bytesThisRead = 0;
    let lastReadEndedAt = clock.now();
    const planRest = createRestPlanner(readRestMs, busyReadRestMs);
    const deliverRead = () => {
      if (stopped || readLines.length === 0) return;
      const lines = readLines;
      const ids = parser ? readIds : undefined;
      linesThisRead += lines.length;
      readLines = [];
      readIds = [];
      deliver(lines, ids);
    };
    const onText = (text: string) => {
      if (stopped) return;
      lastByteAt = clock.now();
      bytesThisRead += Buffer.byteLength(text, 'utf8');
      if (!parser) {
        for (const line of splitter!.push(text)) if (line !== '') readLines.push(line);
      } else {
        parser.pushLines(text, readLines, readIds);
        if (parser.lastEventId !== undefined) lastEventId = parser.lastEventId;
        if (parser.comments > 0 && stallTimer === undefined && stallMs > 0) watch();
      }
      if (readLines.length >= READ_BATCH_LINES) deliverRead();
    };
    const onReadEnd = () => {
      deliverRead();
      const now = clock.now();
      const read = { lines: linesThisRead, bytes: bytesThisRead, overMs: now - lastReadEndedAt };
      restMs = planRest(read);
      lastReadEndedAt = now;
      linesThisRead = bytesThisRead = 0;
    };

    try {
      await res.read(onText, onReadEnd);
      if (splitter && !stopped) deliver(nonEmpty(splitter.flush()));
    } finally {
      if (stallTimer !== undefined) clock.clearTimeout(stallTimer);
      stallTimer = undefined;
    }
    return { healthy: delivered || clock.now() - openedAt >= healthyMs };
  }

  async function run() {
    status('connecting');
    while (!stopped) {
      let error: string;
      try {
        const { healthy } = await connectOnce();
        if (stopped) break;
        if (healthy) failures = 0;
        error = 'stream ended';
      } catch (e) {
        if (stopped) break;
        error = describe(e);
      }
      failures++;
      status('reconnecting', error);
      await sleep(backoffDelay(failures, reconnectBaseMs, reconnectMaxMs, random));
    }
  }

  void run().catch((e) => {
    // run() handles its own errors; this only guards against a bug leaking a rejection.
    if (!stopped) status('stopped', describe(e));
  });

  return {
    stop() {
      if (stopped) return;
      stopped = true;
      controller?.abort();
      if (sleepTimer !== undefined) clock.clearTimeout(sleepTimer);
      if (stallTimer !== undefined) clock.clearTimeout(stallTimer);
      sleepTimer = stallTimer = undefined;
      wakeSleep?.();
      wakeSleep = undefined;
      status('stopped', undefined, 0);
    },
  };
}

function describe(error: unknown): string {
  if (error instanceof HttpStatusError) {
    return error.status === 403 || error.status === 404 || error.status === 410
      ? `session expired (HTTP ${error.status})`
      : error.message;
  }
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const code =
      cause && typeof cause === 'object' && 'code' in cause ? String((cause as { code: unknown }).code) : undefined;
    const text = code ? `${error.message} (${code})` : error.message;
    return text.split('\n')[0] ?? text;
  }
  return String(error);
}

function refused(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return cause?.code === 'ECONNREFUSED' || (error as { code?: unknown } | undefined)?.code === 'ECONNREFUSED';
}

/** An empty line carries nothing (plain streams may send bare newlines to stay open). */
function nonEmpty(lines: string[]): string[] {
  return lines.includes('') ? lines.filter((l) => l !== '') : lines;
}

function safely(fn: () => void) {
  try {
    fn();
  } catch {
    // a listener's bug must not kill the stream
  }
}
