// One PostgreSQL cluster per project, run beside the engine: made once with initdb, started
// with the engine and stopped with it. The server is its own process group (detached), so an
// engine killed with -9 leaves it serving; the next engine finds it by postmaster.pid, checks it
// is this project's server (its command line names the data directory and it answers the
// superuser with that data directory) and keeps it, or stops it and starts it cleanly. Two
// servers can never share a data directory: PostgreSQL's own postmaster.pid lock refuses it.
import { spawn, type ChildProcess } from 'node:child_process';
import {
  chownSync,
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { execa } from 'execa';
import { isRunning } from '../runtime/proc-stat.js';
import { freePort } from '../runtime/free-port.js';
import { findPostgresBinaries, type PostgresBinaries } from './postgres-binaries.js';
import { parsePostmasterPid, type PostmasterPid } from './postmaster-pid.js';
import { serverUser, type ServerUser } from './server-user.js';
import { prepareClusterDir } from './cluster-location.js';
import { newPassword, readClusterSecrets, writeClusterSecrets, type ClusterSecrets } from './cluster-secrets.js';

export const SUPERUSER = 'dynodeck';
export const CLUSTER_HOST = '127.0.0.1';

export interface ClusterOptions {
  /** The project's .dynodeck folder. */
  dynodeckDir: string;
  /** The 0600 record of the cluster (ClusterSecrets). */
  secretsFile: string;
  /** Where the server's own messages go. */
  logFile: string;
  user?: ServerUser;
  binaries?: PostgresBinaries;
  startTimeoutMs?: number;
  /** Lines for the engine's log: what was initialised, reused, restarted. */
  onNote?: (line: string) => void;
}

export interface RunningCluster {
  readonly port: number;
  readonly dataDir: string;
  readonly pid: number;
  /** True when an already running server (left by an engine that died) was kept. */
  readonly reused: boolean;
  readonly user: ServerUser;
  readonly secrets: ClusterSecrets;
  /** Writes the secrets after a change (new environments' databases). */
  saveSecrets(): void;
  /** A connected client, as the superuser, to `database` (default: postgres). The caller ends it. */
  connect(database?: string): Promise<pg.Client>;
  /** Fast shutdown: open transactions roll back, the server exits. */
  stop(): Promise<void>;
}

/** Settings given on every start, so an existing cluster gets them too. */
export function serverArgs(dataDir: string, port: number): string[] {
  return [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-c',
    `listen_addresses=${CLUSTER_HOST}`,
    // TCP only: no socket files in /tmp shared between projects.
    '-c',
    'unix_socket_directories=',
    // Read and write times for ReadLatency/WriteLatency (pg_stat_io, pg_stat_database).
    '-c',
    'track_io_timing=on',
    '-c',
    'shared_buffers=64MB',
    '-c',
    'huge_pages=off',
  ];
}

export async function startCluster(options: ClusterOptions): Promise<RunningCluster> {
  const user = options.user ?? (await serverUser());
  const binaries = options.binaries ?? findPostgresBinaries();
  const note = options.onNote ?? (() => undefined);
  const timeoutMs = options.startTimeoutMs ?? 60_000;

  let secrets = readClusterSecrets(options.secretsFile);
  if (!secrets || !existsSync(path.join(secrets.dataDir, 'PG_VERSION'))) {
    secrets = await initialise(options, user, binaries, secrets);
    note(`initialised a PostgreSQL cluster in ${secrets.dataDir}`);
  }
  const save = () => writeClusterSecrets(options.secretsFile, secrets);
  const connectAs = (port: number, database = 'postgres') =>
    connectClient({ port, user: secrets.superuser.name, password: secrets.superuser.password, database });

  let pid: number | undefined;
  let port = secrets.port;
  let reused = false;
  let child: ChildProcess | undefined;

  const found = readPidFile(secrets.dataDir);
  if (found && (await isOurServer(found.pid, secrets.dataDir))) {
    if (await verifies(found, secrets.dataDir, connectAs)) {
      pid = found.pid;
      port = found.port;
      reused = true;
      note(`kept the PostgreSQL server already running for this project (pid ${pid}, port ${port})`);
    } else {
      note(`stopping a PostgreSQL server on this project's data that did not answer as expected (pid ${found.pid})`);
      await stopServer(found.pid);
    }
  } else if (found) {
    // postmaster.pid left by a server that is gone; its pid may now belong to another process.
    rmSync(path.join(secrets.dataDir, 'postmaster.pid'), { force: true });
  }

  if (pid === undefined) {
    if (!(await portIsFree(port))) port = await freePort();
    const startedAt = Date.now();
    child = launch(binaries, user, secrets.dataDir, port, options.logFile);
    pid = await waitUntilReady(child, secrets.dataDir, options.logFile, timeoutMs);
    note(`PostgreSQL ready on 127.0.0.1:${port} (pid ${pid}) in ${Date.now() - startedAt} ms`);
  }
  if (port !== secrets.port) secrets.port = port;
  save();

  const serverPid = pid;
  const finalPort = port;
  return {
    port: finalPort,
    dataDir: secrets.dataDir,
    pid: serverPid,
    reused,
    user,
    secrets,
    saveSecrets: save,
    connect: (database) => connectAs(finalPort, database),
    stop: () => stopServer(serverPid),
  };
}

async function initialise(
  options: ClusterOptions,
  user: ServerUser,
  binaries: PostgresBinaries,
  previous: ClusterSecrets | undefined,
): Promise<ClusterSecrets> {
  const clusterDir = previous ? path.dirname(previous.dataDir) : await prepareClusterDir(options.dynodeckDir, user);
  if (previous && !existsSync(clusterDir)) await prepareClusterDir(options.dynodeckDir, user);
  const dataDir = path.join(clusterDir, 'data');
  if (existsSync(dataDir)) {
    // A data directory whose superuser password is not known any more: kept, out of the way.
    const aside = `${dataDir}.orphaned-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(dataDir, aside);
    options.onNote?.(`moved a PostgreSQL data directory with no record in ${options.secretsFile} to ${aside}`);
  }
  const password = newPassword();
  const pwfile = path.join(clusterDir, `.initdb-password-${process.pid}`);
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (user.uid !== undefined) chownSync(pwfile, user.uid, user.gid!);
  try {
    const result = await execa(
      binaries.initdb,
      [
        `--pgdata=${dataDir}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--no-instructions',
        // A cluster for development: a crash in the two seconds after initdb costs a new initdb.
        '--no-sync',
      ],
      {
        cwd: clusterDir,
        uid: user.uid,
        gid: user.gid,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' },
        extendEnv: false,
        reject: false,
        all: true,
        stdin: 'ignore',
      },
    );
    if (result.exitCode !== 0) {
      throw new Error(
        `initdb failed for ${dataDir} (exit ${result.exitCode ?? result.signal}): ${lastLines(result.all ?? '', 5)}`,
      );
    }
  } finally {
    rmSync(pwfile, { force: true });
  }
  return {
    version: 1,
    dataDir,
    port: await freePort(),
    superuser: { name: SUPERUSER, password },
    databases: previous?.databases ?? {},
  };
}

function launch(
  binaries: PostgresBinaries,
  user: ServerUser,
  dataDir: string,
  port: number,
  logFile: string,
): ChildProcess {
  try {
    if (statSync(logFile).size > 5 * 1024 * 1024) truncateSync(logFile, 0);
  } catch {
    // no log yet
  }
  const log = openSync(logFile, 'a', 0o600);
  try {
    const child = spawn(binaries.postgres, serverArgs(dataDir, port), {
      cwd: path.dirname(dataDir),
      detached: true,
      stdio: ['ignore', log, log],
      uid: user.uid,
      gid: user.gid,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' },
    });
    child.unref();
    child.on('error', () => undefined);
    return child;
  } finally {
    closeSync(log);
  }
}

async function waitUntilReady(
  child: ChildProcess,
  dataDir: string,
  logFile: string,
  timeoutMs: number,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = readPidFile(dataDir);
    if (found && found.pid === child.pid && found.status === 'ready') return found.pid;
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `PostgreSQL did not start: ${lastLines(readText(logFile), 5) || `exit ${child.exitCode ?? child.signalCode}`}`,
      );
    }
    if (Date.now() > deadline) {
      child.kill('SIGQUIT');
      throw new Error(`PostgreSQL did not get ready within ${Math.round(timeoutMs / 1000)} s; see ${logFile}`);
    }
    await delay(20);
  }
}

function readPidFile(dataDir: string): PostmasterPid | undefined {
  return parsePostmasterPid(readText(path.join(dataDir, 'postmaster.pid')));
}

/** The process is a PostgreSQL server started on this data directory (its command line says so). */
async function isOurServer(pid: number, dataDir: string): Promise<boolean> {
  if (!(await isRunning(pid))) return false;
  const args = readText(`/proc/${pid}/cmdline`).split('\0');
  const d = args.indexOf('-D');
  return d >= 0 && args[d + 1] === dataDir && path.basename(args[0] ?? '') === 'postgres';
}

async function verifies(
  found: PostmasterPid,
  dataDir: string,
  connectAs: (port: number) => Promise<pg.Client>,
): Promise<boolean> {
  // A server that is still starting (or recovering after a crash) gets a moment.
  const deadline = Date.now() + 15_000;
  let current: PostmasterPid | undefined = found;
  while (current && current.status !== 'ready' && Date.now() < deadline) {
    await delay(50);
    current = readPidFile(dataDir);
  }
  if (!current || current.pid !== found.pid || current.status !== 'ready') return false;
  try {
    const client = await connectAs(current.port);
    try {
      const { rows } = await client.query<{ dir: string }>("select current_setting('data_directory') as dir");
      return realpathSync(rows[0]!.dir) === realpathSync(dataDir);
    } finally {
      await client.end();
    }
  } catch {
    return false;
  }
}

async function stopServer(pid: number): Promise<void> {
  if (!(await isRunning(pid))) return;
  signal(pid, 'SIGINT');
  const deadline = Date.now() + 30_000;
  while (await isRunning(pid)) {
    if (Date.now() > deadline) {
      signal(pid, 'SIGQUIT');
      break;
    }
    await delay(20);
  }
}

function signal(pid: number, name: NodeJS.Signals) {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

export async function connectClient(opts: {
  port: number;
  user: string;
  password: string;
  database: string;
}): Promise<pg.Client> {
  const client = new pg.Client({
    host: CLUSTER_HOST,
    port: opts.port,
    user: opts.user,
    password: opts.password,
    database: opts.database,
    connectionTimeoutMillis: 10_000,
    application_name: 'dynodeck engine',
  });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, CLUSTER_HOST, () => server.close(() => resolve(true)));
  });
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function lastLines(text: string, n: number): string {
  return text.trim().split('\n').slice(-n).join(' | ');
}

function delay(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
