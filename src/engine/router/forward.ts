// One try at one dyno: connect, send the request, wait for the response head.
// The outcome says whether the request may still go to another dyno.
import { request, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Clock } from '../../services/ports.js';
import type { BodySource } from './body-source.js';
import type { Lease } from './backend-pool.js';

export type ForwardOutcome =
  /** Nothing reached the dyno's app; safe to try another dyno. */
  | { kind: 'unreachable'; connectMs?: number }
  /** The dyno closed the connection before answering (H13). */
  | { kind: 'closed'; connectMs: number; serviceMs: number }
  | { kind: 'timeout'; connectMs?: number }
  | { kind: 'aborted'; connectMs?: number }
  | { kind: 'response'; response: IncomingMessage; connectMs: number; sentAt: number };

export interface ForwardInput {
  lease: Lease;
  method: string;
  path: string;
  headers: OutgoingHttpHeaders;
  body: BodySource;
  timeoutMs: number;
  clock: Clock;
  signal: AbortSignal;
}

export function forward(input: ForwardInput): Promise<ForwardOutcome> {
  const { lease, body, clock, signal } = input;
  return new Promise((resolve) => {
    const startedAt = performance.now();
    let connectMs: number | undefined;
    let sentAt = startedAt;
    let settled = false;

    const upstream = request({
      host: '127.0.0.1',
      port: lease.backend.port,
      method: input.method,
      path: input.path,
      headers: input.headers,
      agent: lease.agent,
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

    const connected = () => {
      connectMs = performance.now() - startedAt;
      sentAt = performance.now();
      // The body waits for a live connection, so a refused connect leaves it untouched for the next dyno.
      body.sendTo(upstream);
    };

    upstream.on('socket', (socket) => {
      if (socket.connecting) socket.once('connect', connected);
      else connected();
    });

    upstream.on('response', (response) => {
      settle({ kind: 'response', response, connectMs: connectMs ?? 0, sentAt });
    });

    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (settled) return;
      if (signal.aborted) return settle({ kind: 'aborted', connectMs });
      if (connectMs === undefined) return settle({ kind: 'unreachable' });
      // A kept-alive socket the dyno had already closed: the request never reached its app (Node's documented retry case).
      if (upstream.reusedSocket && error.code === 'ECONNRESET' && body.sent() === 0) {
        return settle({ kind: 'unreachable', connectMs });
      }
      settle({ kind: 'closed', connectMs, serviceMs: performance.now() - sentAt });
    });
  });
}
