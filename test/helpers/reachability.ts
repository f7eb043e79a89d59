// Whether a port can be reached at an address, for tests that check what listens on loopback only.
import { connect } from 'node:net';
import os from 'node:os';

/** This machine's first non-loopback IPv4 address (what another machine on the network would connect to), if it has one. */
export function networkAddress(): string | undefined {
  for (const addresses of Object.values(os.networkInterfaces())) {
    for (const a of addresses ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return undefined;
}

/** True when a TCP connection to host:port is accepted; false when it is refused or fails. */
export function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(5_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
