// Writes log lines to one HTTP response: lines arriving in the same tick go out in
// one write, and a reader that stops reading costs a bounded buffer, not memory
// without end.
import { clearImmediate, setImmediate } from 'node:timers';
import type { Clock } from '../../domain/clock.js';
import { encodeLine, encodeNotice, overflowNotice, SSE_KEEP_ALIVE, type StreamFormat } from './log-events.js';
import type { LogLine } from '../../logs/log-line.js';
import { createRing } from './ring.js';

export interface StreamTarget {
  write(chunk: string): boolean;
  end(chunk?: string): void;
  once(event: 'drain', listener: () => void): unknown;
}

export interface LogStream {
  push(line: LogLine): void;
  /** An SSE comment so idle proxies keep the connection; nothing in text format. */
  keepAlive(): void;
  /** Sends what is pending and ends the response. */
  end(): void;
  /** The client is gone: drop everything. */
  discard(): void;
}

export function createLogStream({
  res,
  format,
  clock,
  maxPending = 10_000,
}: {
  res: StreamTarget;
  format: StreamFormat;
  clock: Clock;
  maxPending?: number;
}): LogStream {
  const pending = createRing<LogLine>(maxPending);
  let dropped = 0;
  let droppedSince = 0;
  let blocked = false;
  let done = false;
  let scheduled: ReturnType<typeof setImmediate> | undefined;

  const take = (): string => {
    let chunk = '';
    if (dropped > 0) {
      chunk += encodeNotice(overflowNotice(dropped, droppedSince, clock.now()), format);
      dropped = 0;
    }
    for (const line of pending.toArray()) chunk += encodeLine(line, format);
    pending.clear();
    return chunk;
  };

  const send = (chunk: string) => {
    if (res.write(chunk)) return;
    blocked = true;
    res.once('drain', () => {
      blocked = false;
      flush();
    });
  };

  const flush = () => {
    scheduled = undefined;
    if (done || blocked) return;
    const chunk = take();
    if (chunk) send(chunk);
  };

  const cancel = () => {
    done = true;
    if (scheduled) clearImmediate(scheduled);
    scheduled = undefined;
  };

  return {
    push(line) {
      if (done) return;
      const evicted = pending.push(line);
      if (evicted) {
        if (dropped === 0) droppedSince = evicted.time;
        dropped++;
      }
      if (!blocked && !scheduled) scheduled = setImmediate(flush);
    },
    keepAlive() {
      if (done || blocked || format !== 'sse' || pending.length > 0) return;
      send(SSE_KEEP_ALIVE);
    },
    end() {
      if (done) return;
      cancel();
      const chunk = take();
      if (chunk) res.end(chunk);
      else res.end();
    },
    discard() {
      cancel();
      pending.clear();
    },
  };
}
