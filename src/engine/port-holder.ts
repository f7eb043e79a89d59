// Which program listens on a TCP port, for an error that says what to stop. Linux only:
// /proc/net/tcp{,6} gives the listening socket's inode, and /proc/<pid>/fd of the
// processes this user may read tells whose it is. Anything else answers "unknown".
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { sanitizeLine } from '../logs/sanitize.js';

export interface PortHolder {
  pid: number;
  /** The command line, shortened and stripped of control characters. */
  command: string;
  /** Its working folder, when readable. */
  cwd?: string;
}

const LISTEN = '0A';

/** The inodes of sockets listening on `port` (any address), from /proc/net/tcp and tcp6. */
export function listeningInodes(port: number, tables = ['/proc/net/tcp', '/proc/net/tcp6']): Set<string> {
  const inodes = new Set<string>();
  for (const table of tables) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
      const local = fields[1];
      if (!local || fields[3] !== LISTEN) continue;
      const localPort = Number.parseInt(local.slice(local.lastIndexOf(':') + 1), 16);
      if (localPort === port && fields[9] && fields[9] !== '0') inodes.add(fields[9]);
    }
  }
  return inodes;
}

export function findPortHolder(port: number): PortHolder | undefined {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return undefined;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return undefined;
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // another user's process, or gone
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode && inodes.has(inode)) return describeProcess(Number(pid));
    }
  }
  return undefined;
}

function describeProcess(pid: number): PortHolder {
  let command = '';
  try {
    command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    // gone in between
  }
  let cwd: string | undefined;
  try {
    cwd = readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    cwd = undefined;
  }
  const clean = sanitizeLine(command);
  return {
    pid,
    command: clean.length > 80 ? `${clean.slice(0, 79)}…` : clean,
    ...(cwd ? { cwd: sanitizeLine(cwd) } : {}),
  };
}

/** "pid 123 (node server.js)", or "the dynodeck engine of /work/shop (pid 123)". */
export function describePortHolder(holder: PortHolder): string {
  if (/\bdynodeck(\.js)?\b.*\bengine run\b/.test(holder.command) && holder.cwd)
    return `the dynodeck engine of ${holder.cwd} (pid ${holder.pid})`;
  return `pid ${holder.pid}${holder.command ? ` (${holder.command})` : ''}`;
}
