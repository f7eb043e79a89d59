// One try at one dyno: connect (or take a kept-alive connection), send the request, wait
// for the response head. The outcome says whether the request may be sent again.
import { request, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Clock } from '../../domain/clock.js';
import type { BodySource } from './body-source.js';
import type { Lease } from './backend-pool.js';

export type ForwardOutcome =
  /** The connection could not be made: nothing reached the dyno, any dyno may be tried. */
  | { kind: 'unreachable' }
  /**
   * A kept-alive connection the dyno had already closed, found closed before any byte of this
   * request was written to it: the request provably never reached the app.
   */
  | { kind: 'stale' }
  /** The dyno closed the connection after the request was (perhaps partly) sent and before a whole response head: H13, or H18 when part of a response came. */
  | { kind: 'closed'; connectMs: number; serviceMs: number; responseBytes: number }
  | { kind: 'timeout'; connectMs?: number }
  | { kind: 'aborted'; connectMs?: number }
  | { kind: 'response'; response: IncomingMessage; connectMs: number; sentAt: number };

export interface ForwardInput {
  lease: Lease;
  /** A new connection of its own instead of one from the dyno's keep-alive pool. */
  fresh: boolean;
  method: string;
  path: string;
  headers: OutgoingHttpHeaders;
  body: BodySource;
  timeoutMs: number;
  clock: Clock;
  signal: AbortSignal;
}

/**
 * Runs `fn` after the event loop has polled for I/O once more. A close (FIN or RST) the dyno sent on an
 * idle connection may already sit unread in the kernel; the poll delivers it before anything is written.
 */
function afterPendingIo(fn: () => void): void {
  setImmediate(() => setImmediate(fn));
}

export function forward(input: ForwardInput): Promise<ForwardOutcome> {
  const { lease, body, clock, signal } = input;
  return new Promise((resolve) => {
    const startedAt = performance.now();
    let connectMs: number | undefined;
    let sentAt = startedAt;
    let settled = false;
    let socket: Socket | undefined;
    let writtenBefore = 0;
    let readBefore = 0;
    let sending = false;

    const upstream = request({
      host: '127.0.0.1',
      port: lease.backend.port,
      method: input.method,
      path: input.path,
      headers: input.headers,
      // `false`: a one-off connection, closed after the response.
      agent: input.fresh ? false : lease.agent,
      signal,
    });

    const settle = (outcome: ForwardOutcome) => {
      if (settled) return;
      settled = true;
      clock.clearTimeout(timer);
      if (outcome.kind !== 'response') {
        body.detach(upstream);
        upstream.destroy();
      }
      resolve(outcome);
    };

    const timer = clock.setTimeout(() => settle({ kind: 'timeout', connectMs }), input.timeoutMs);

    const send = () => {
      if (settled) return;
      connectMs = performance.now() - startedAt;
      sentAt = performance.now();
      sending = true;
      // The body waits for a live connection, so one that turns out dead leaves it untouched for the next try.
      body.sendTo(upstream);
    };

    upstream.on('socket', (assigned: Socket) => {
      socket = assigned;
      writtenBefore = assigned.bytesWritten;
      readBefore = assigned.bytesRead;
      if (assigned.connecting) assigned.once('connect', send);
      else if (upstream.reusedSocket) afterPendingIo(send);
      else send();
    });

    upstream.on('response', (response) => {
      settle({ kind: 'response', response, connectMs: connectMs ?? 0, sentAt });
    });

    upstream.on('error', () => {
      if (settled) return;
      if (signal.aborted) return settle({ kind: 'aborted', connectMs });
      if (upstream.reusedSocket) {
        // Counted by the socket itself, so a byte handed over but never delivered still counts as sent; and no
        // byte of the body may have been taken from the client, or a second try would send it incomplete.
        const wroteNothing = !sending || (socket?.bytesWritten === writtenBefore && body.sent() === 0);
        if (wroteNothing) return settle({ kind: 'stale' });
      } else if (connectMs === undefined) {
        return settle({ kind: 'unreachable' });
      }
      settle({
        kind: 'closed',
        connectMs: connectMs ?? 0,
        serviceMs: performance.now() - sentAt,
        responseBytes: Math.max(0, (socket?.bytesRead ?? readBefore) - readBefore),
      });
    });
  });
}
