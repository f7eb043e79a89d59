// The client's request body, fed to one upstream request at a time. It
// remembers whether any byte has left, because only an untouched body may be
// sent again to another dyno.
import type { IncomingMessage, ClientRequest } from 'node:http';

export interface BodySource {
  /** Bytes already handed to an upstream request. */
  sent(): number;
  sendTo(upstream: ClientRequest): void;
  detach(upstream: ClientRequest): void;
}

export function createBodySource(client: IncomingMessage): BodySource {
  let sent = 0;
  let counting = false;
  return {
    sent: () => sent,
    sendTo(upstream) {
      if (client.readableEnded) {
        upstream.end();
        return;
      }
      if (!counting) {
        counting = true;
        client.on('data', (chunk: Buffer) => {
          sent += chunk.length;
        });
      }
      client.pipe(upstream);
    },
    detach(upstream) {
      client.unpipe(upstream);
    },
  };
}
