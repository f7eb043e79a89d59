// Streams a dyno's response to the client with backpressure, counting bytes
// and noticing when the dyno stops half-way (H18).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { downstreamHeaders } from './headers.js';

export interface RelayResult {
  /** False when the dyno's response stopped before its end. */
  complete: boolean;
  bytes: number;
  /** performance.now() when the dyno's response ended or broke. */
  endedAt: number;
}

export function relay(upstream: IncomingMessage, client: ServerResponse): Promise<RelayResult> {
  return new Promise((resolve) => {
    let bytes = 0;
    let endedAt = 0;
    let done = false;
    const finish = (complete: boolean) => {
      if (done) return;
      done = true;
      resolve({ complete, bytes, endedAt: endedAt || performance.now() });
    };

    client.writeHead(upstream.statusCode ?? 502, upstream.statusMessage, downstreamHeaders(upstream.rawHeaders));
    upstream.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (!client.write(chunk)) upstream.pause();
    });
    client.on('drain', () => upstream.resume());
    upstream.on('end', () => {
      endedAt = performance.now();
      client.end(() => finish(true));
    });
    upstream.on('error', () => undefined);
    upstream.on('close', () => {
      if (!upstream.complete) finish(false);
    });
    // The client leaving is the router's business (H27); this only has to stop waiting.
    client.on('close', () => finish(client.writableFinished));
  });
}
