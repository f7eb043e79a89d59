// The kernel's view of TCP connections on this machine (Linux /proc/net/tcp), for tests that
// wait on what no process reports as an event: e.g. that a server has closed a connection.
import { readFile } from 'node:fs/promises';

const ESTABLISHED = '01';

interface Entry {
  localPort: number;
  remotePort: number;
  state: string;
}

function parse(table: string): Entry[] {
  return table
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields.length > 3)
    .map((fields) => ({
      localPort: parseInt(fields[1]!.split(':')[1]!, 16),
      remotePort: parseInt(fields[2]!.split(':')[1]!, 16),
      state: fields[3]!,
    }));
}

/** Whether some connection to `port` (a client's side of it) is still open both ways. */
export async function openConnectionsTo(port: number): Promise<number> {
  const entries = parse(await readFile('/proc/net/tcp', 'utf8'));
  return entries.filter((e) => e.remotePort === port && e.localPort !== port && e.state === ESTABLISHED).length;
}
