// postmaster.pid, the lock file a running PostgreSQL server keeps in its data directory:
// pid, data directory, start time, port, socket directory, listen address, shared memory key,
// then its status once it has one (starting, ready, stopping...). Pure parsing.
// https://www.postgresql.org/docs/current/storage-file-layout.html

export interface PostmasterPid {
  pid: number;
  dataDir: string;
  /** Epoch seconds. */
  startedAt: number;
  port: number;
  listenAddress: string;
  /** PM_STATUS_*: "starting", "ready", "stopping", "standby"; undefined while it writes the file. */
  status?: string;
}

export function parsePostmasterPid(text: string): PostmasterPid | undefined {
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  const startedAt = Number(lines[2]);
  const port = Number(lines[3]);
  const dataDir = lines[1]?.trim();
  if (!Number.isInteger(pid) || pid <= 0 || !dataDir || !Number.isInteger(port) || port <= 0) return undefined;
  const status = lines[7]?.trim() || undefined;
  return {
    pid,
    dataDir,
    startedAt: Number.isFinite(startedAt) ? startedAt : 0,
    port,
    listenAddress: lines[5]?.trim() ?? '',
    status,
  };
}
