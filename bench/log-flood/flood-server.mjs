#!/usr/bin/env node
// flood-server.mjs — a stand-in for a running dynodeck engine that floods one app's log.
// Plain Node (>= 20), no dependencies.
//
// Engine mode (for the deck):
//   node flood-server.mjs --project DIR --rate 5000 --seconds 20 [--prefill 500] [--seed 1]
//        [--app bench-staging] [--start-on-signal | --start-after-ms 2000] [--status FILE]
//   Prepares DIR as a dynodeck project (dynodeck.yml with `project: bench` and
//   `platform: {kind: local, boxes: 0}`, one ticket, a git repo with one commit), listens on
//   127.0.0.1 (a free port), then writes DIR/.dynodeck/engine/engine.json with ITS OWN pid
//   and port (with its start time and an instance id it answers GET /engine/identity with)
//   and DIR/.dynodeck/engine/token (mode 0600), so `dynodeck` in DIR finds it as
//   the project's engine and starts none. It answers the Platform API calls the deck makes
//   (pipeline, couplings, apps, formation, dynos, releases, slugs, config-vars, log-sessions)
//   for bench-staging (stage staging) and bench-production (stage production): web=1, one
//   dyno up, one release whose slug's commit is the repo's HEAD.
//   GET on a log session's logplex_url streams server-sent events (`id: <seq>\ndata: <line>\n\n`,
//   like the engine): --prefill lines at once, and for the flooded app (--app), once the
//   flood starts, lines at --rate for --seconds in 10 ms batches, then the sentinel
//   `<ts> app[web.1]: FLOOD-END lines=<n>` (n = flood lines + 1), then keep-alive comments
//   every 15 s while the stream stays open.
//   The flood starts once a client has connected to the flooded app's stream, and then
//   either on SIGUSR1 (--start-on-signal, what log-flood.sh uses so it can take CPU
//   baselines first) or --start-after-ms later (default 2000).
//   Progress goes to stdout (and --status FILE), one event a line:
//     ready port=P pid=N | connected app=A session=S n=K | flood-start rate=R seconds=S
//     lines=N prefill=P end_us=<epoch µs> elapsed_s=.. rate_target=.. rate_actual=.. max_batch_ms=.. backlog_max_kb=.. subscribers=..
//     reconnect app=A ... (a new stream of the flooded app after the last one closed: lines may have been missed)
//     another-stream app=A ... (a further stream while others are open: every open stream gets the flood)
//   SIGTERM/SIGINT: closes the server and removes engine.json (when it is still ours).
//
// File mode (for tail, lnav, less: the same lines as ../shared/bench/logflood.mjs):
//   node flood-server.mjs --file PATH --rate 5000 --seconds 20 [--prefill N] [--seed 1] [--no-sentinel]
//   appends the prefill, then the flood, then the sentinel, and prints `lines=<n> ...`
//   exactly like logflood.mjs.
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createLineGenerator, paceFlood, sentinelLine } from './lines.mjs';

function parseArgs(argv) {
  const o = {
    project: null,
    file: null,
    rate: 1000,
    seconds: 20,
    prefill: undefined,
    seed: 1,
    sentinel: true,
    app: 'bench-staging',
    startOnSignal: false,
    startAfterMs: 2000,
    status: null,
  };
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`missing value for ${a}`);
      return argv[++i];
    };
    switch (a) {
      case '--project':
        o.project = next();
        break;
      case '--file':
      case '--out':
        o.file = next();
        break;
      case '--rate':
        o.rate = Number(next());
        break;
      case '--seconds':
        o.seconds = Number(next());
        break;
      case '--prefill':
        o.prefill = Number(next());
        break;
      case '--seed':
        o.seed = Number(next());
        break;
      case '--no-sentinel':
        o.sentinel = false;
        break;
      case '--app':
        o.app = next();
        break;
      case '--start-on-signal':
        o.startOnSignal = true;
        break;
      case '--start-after-ms':
        o.startAfterMs = Number(next());
        break;
      case '--status':
        o.status = next();
        break;
      case '-h':
      case '--help':
        process.stdout.write(
          'usage: node flood-server.mjs --project DIR | --file PATH  --rate N (0 = idle) --seconds S [--prefill N] [--seed N] [--no-sentinel] [--app NAME] [--start-on-signal | --start-after-ms MS] [--status FILE]\n',
        );
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument ${a}`);
    }
  }
  if (!o.project === !o.file) throw new Error('give either --project DIR (engine mode) or --file PATH (file mode)');
  if (!(o.rate >= 0) || !(o.seconds > 0))
    throw new Error('--rate must be >= 0 (0 = idle: only the sentinel) and --seconds > 0');
  o.prefill ??= o.project ? 500 : 0;
  return o;
}

const opts = (() => {
  try {
    return parseArgs(process.argv);
  } catch (e) {
    process.stderr.write(`flood-server: ${e.message}\n`);
    process.exit(2);
  }
})();

if (opts.file) fileMode(opts);
else engineMode(opts);

// --- file mode: logflood.mjs, line for line -------------------------------------
function fileMode(o) {
  const gen = createLineGenerator({ seed: o.seed });
  const fd = openSync(o.file, 'a');
  let written = 0;
  const writeLines = (n) => {
    if (n <= 0) return;
    let buf = '';
    for (let i = 0; i < n; i++) buf += gen.line() + '\n';
    writeSync(fd, buf);
    written += n;
  };
  writeLines(o.prefill);
  paceFlood({
    rate: o.rate,
    seconds: o.seconds,
    emit: writeLines,
    done: ({ elapsedS, maxBatchMs }) => {
      if (o.sentinel) {
        writeSync(fd, `${sentinelLine(gen.stamp, written + 1)}\n`);
        written += 1;
      }
      closeSync(fd);
      const flood = written - o.prefill - (o.sentinel ? 1 : 0);
      process.stdout.write(
        `lines=${written} elapsed_s=${elapsedS.toFixed(3)} rate_target=${o.rate} rate_actual=${(flood / elapsedS).toFixed(0)} max_batch_ms=${maxBatchMs.toFixed(1)}\n`,
      );
    },
  });
}

/** Field 22 of /proc/self/stat: with the pid, what engine.json records to prove it is this process. */
function ownStartTicks() {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  return Number(
    stat
      .slice(stat.lastIndexOf(')') + 1)
      .trim()
      .split(/\s+/)[19],
  );
}

// --- engine mode -------------------------------------------------------------------
function engineMode(o) {
  const root = path.resolve(o.project);
  const engineDir = path.join(root, '.dynodeck', 'engine');
  const engineJson = path.join(engineDir, 'engine.json');
  const tokenFile = path.join(engineDir, 'token');
  const statusFd = o.status ? openSync(o.status, 'a') : undefined;
  const say = (text) => {
    const line = `${text}\n`;
    process.stdout.write(line);
    if (statusFd !== undefined) writeSync(statusFd, line);
  };

  const head = prepareProject(root);
  const token = randomBytes(32).toString('hex');
  const instanceId = randomBytes(16).toString('hex');
  const startedAt = new Date();
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const created = iso(startedAt.getTime() - 3600_000);

  // Fixed ids so runs look alike.
  const pipeline = {
    id: '6b1e7d2a-0000-4000-8000-000000000001',
    name: 'bench',
    created_at: created,
    updated_at: created,
  };
  const mkApp = (n, env, stage) => ({
    id: `6b1e7d2a-0000-4000-8000-00000000010${n}`,
    name: `bench-${env}`,
    env,
    stage,
    couplingId: `6b1e7d2a-0000-4000-8000-00000000020${n}`,
    releaseId: `6b1e7d2a-0000-4000-8000-00000000030${n}`,
    slugId: `6b1e7d2a-0000-4000-8000-00000000040${n}`,
    dynoId: `6b1e7d2a-0000-4000-8000-00000000050${n}`,
    formationId: `6b1e7d2a-0000-4000-8000-00000000060${n}`,
  });
  const apps = [mkApp(1, 'staging', 'staging'), mkApp(2, 'production', 'production')];
  const byRef = (ref) => apps.find((a) => a.id === ref || a.name === ref);
  let port = 0;

  const appJson = (a) => ({
    id: a.id,
    name: a.name,
    created_at: created,
    updated_at: created,
    released_at: created,
    maintenance: false,
    web_url: `http://127.0.0.1:${port}/`,
    stack: { id: '00000000-0000-0000-0000-000000000024', name: 'local' },
    build_stack: { id: '00000000-0000-0000-0000-000000000024', name: 'local' },
    region: { id: '00000000-0000-0000-0000-000000000001', name: 'local' },
    owner: { id: '00000000-0000-0000-0000-000000000002', email: 'bench@dynodeck' },
    slug_size: null,
    repo_size: null,
    pipeline: { id: pipeline.id },
  });
  const releaseJson = (a) => ({
    id: a.releaseId,
    version: 1,
    status: 'succeeded',
    description: `Deploy ${head.slice(0, 7)}`,
    current: true,
    slug: { id: a.slugId },
    app: { id: a.id, name: a.name },
    user: { id: '00000000-0000-0000-0000-000000000002', email: 'bench@dynodeck' },
    addon_plan_names: [],
    output_stream_url: null,
    created_at: created,
    updated_at: created,
  });
  const slugJson = (a) => ({
    id: a.slugId,
    commit: head,
    commit_description: null,
    process_types: { web: 'node server.js' },
    size: 1024,
    stack: { id: '00000000-0000-0000-0000-000000000024', name: 'local' },
    buildpack_provided_description: 'dynodeck flood bench',
    checksum: null,
    created_at: created,
    updated_at: created,
  });
  const formationJson = (a) => [
    {
      id: a.formationId,
      app: { id: a.id, name: a.name },
      type: 'web',
      quantity: 1,
      size: 'standard-1X',
      command: 'node server.js',
      created_at: created,
      updated_at: created,
    },
  ];
  const dynoJson = (a) => [
    {
      id: a.dynoId,
      name: 'web.1',
      type: 'web',
      state: 'up',
      command: 'node server.js',
      size: 'standard-1X',
      attach_url: null,
      app: { id: a.id, name: a.name },
      release: { id: a.releaseId, version: 1 },
      created_at: startedAt.toISOString(),
      updated_at: startedAt.toISOString(),
    },
  ];

  // --- log sessions and the flood ------------------------------------------------
  const sessions = new Map(); // id -> app
  const subscribers = new Set(); // flooded app's open streams: { res, seq }
  let connections = 0;
  let floodState = 'waiting'; // waiting -> armed (a client is connected) -> running -> done
  let startTimer;
  let backlogMax = 0;
  const floodGen = createLineGenerator({ seed: o.seed });

  const event = (sub, text) => `id: ${++sub.seq}\ndata: ${text}\n\n`;
  const broadcast = (lines) => {
    for (const sub of subscribers) {
      let buf = '';
      for (const l of lines) buf += event(sub, l);
      sub.res.write(buf);
      if (sub.res.writableLength > backlogMax) backlogMax = sub.res.writableLength;
    }
  };

  const startFlood = () => {
    if (floodState !== 'armed') return;
    floodState = 'running';
    say(`flood-start rate=${o.rate} seconds=${o.seconds}`);
    paceFlood({
      rate: o.rate,
      seconds: o.seconds,
      emit: (n) => {
        const lines = new Array(n);
        for (let i = 0; i < n; i++) lines[i] = floodGen.line();
        broadcast(lines);
      },
      done: ({ lines, elapsedS, maxBatchMs }) => {
        const total = lines + (o.sentinel ? 1 : 0);
        if (o.sentinel) broadcast([sentinelLine(floodGen.stamp, total)]);
        floodState = 'done';
        say(
          `lines=${total} prefill=${o.prefill} end_us=${Math.round((performance.timeOrigin + performance.now()) * 1000)} elapsed_s=${elapsedS.toFixed(3)} rate_target=${o.rate} rate_actual=${(lines / elapsedS).toFixed(0)} max_batch_ms=${maxBatchMs.toFixed(1)} backlog_max_kb=${(backlogMax / 1024).toFixed(0)} subscribers=${subscribers.size}`,
        );
      },
    });
  };
  process.on('SIGUSR1', () => {
    if (floodState === 'armed') startFlood();
    else if (floodState === 'waiting') floodState = 'start-when-connected';
  });

  const openStream = (req, res, app) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
    res.flushHeaders();
    const sub = { res, seq: 0 };
    // Prefill: its own generator, seed as given (like a separate `logflood.mjs --prefill` run).
    const pre = createLineGenerator({ seed: o.seed });
    let buf = '';
    for (let i = 0; i < o.prefill; i++) buf += event(sub, pre.line());
    if (buf) res.write(buf);
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    const flooded = app.name === o.app;
    if (flooded) {
      connections++;
      subscribers.add(sub);
      // a second stream while the first is open is another reader (e.g. a metrics watcher), not a reconnect
      const kind = connections === 1 ? 'connected' : subscribers.size > 1 ? 'another-stream' : 'reconnect';
      say(
        `${kind} app=${app.name} n=${connections} open=${subscribers.size} last_event_id=${req.headers['last-event-id'] ?? '-'} state=${floodState}`,
      );
      if (floodState === 'waiting' || floodState === 'start-when-connected') {
        const now = floodState === 'start-when-connected';
        floodState = 'armed';
        if (now) startFlood();
        else if (!o.startOnSignal) startTimer = setTimeout(startFlood, o.startAfterMs);
      }
    } else {
      say(`stream app=${app.name}`);
    }
    res.on('close', () => {
      clearInterval(keepAlive);
      if (subscribers.delete(sub)) say(`disconnected app=${app.name} sent=${sub.seq}`);
    });
  };

  // --- HTTP ----------------------------------------------------------------------------
  const expected = Buffer.from(token);
  const authorized = (req) => {
    const header = req.headers.authorization ?? '';
    const [scheme = '', value = ''] = header.split(' ', 2);
    let given = '';
    if (scheme.toLowerCase() === 'bearer') given = value;
    else if (scheme.toLowerCase() === 'basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      given = decoded.slice(decoded.indexOf(':') + 1);
    }
    const g = Buffer.from(given);
    return g.length === expected.length && timingSafeEqual(g, expected);
  };
  const send = (res, status, body, headers = {}) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(text),
      'RateLimit-Remaining': '4500',
      ...headers,
    });
    res.end(text);
  };
  const notFound = (res, what = 'The requested API endpoint was not found.') =>
    send(res, 404, { id: 'not_found', message: what });
  let unknownLogged = 0;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://flood.local');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const method = req.method ?? 'GET';

    // Who answers here, asked before the deck sends its token (as the engine answers it).
    if (method === 'GET' && url.pathname === '/engine/identity')
      return send(res, 200, { instance_id: instanceId, pid: process.pid });
    // Capability URLs need no token, like Heroku's logplex_url.
    if (method === 'GET' && parts[0] === 'log-sessions' && parts.length === 2) {
      const app = sessions.get(parts[1]);
      if (!app) return notFound(res, 'log session not found or expired');
      return openStream(req, res, app);
    }
    if (!authorized(req)) return send(res, 401, { id: 'unauthorized', message: 'Invalid credentials provided.' });

    req.resume(); // bodies (log-session options) are not needed
    req.on('end', () => {
      const route = `${method} /${parts.map((p, i) => (i % 2 === 1 && parts[0] !== 'engine' ? ':x' : p)).join('/')}`;
      const app = parts[0] === 'apps' && parts[1] ? byRef(parts[1]) : undefined;
      if (parts[0] === 'apps' && parts[1] && !app) return notFound(res, `Couldn't find that app.`);
      switch (route) {
        case 'GET /engine':
          return send(res, 200, {
            pid: process.pid,
            started_at: startedAt.toISOString(),
            pipeline: 'bench',
            apps: apps.map((a) => ({
              name: a.name,
              env: a.env,
              stage: a.stage,
              web_url: `http://127.0.0.1:${port}/`,
              release: 1,
            })),
          });
        case 'GET /account':
          return send(res, 200, { id: '00000000-0000-0000-0000-000000000002', email: 'bench@dynodeck', name: 'bench' });
        case 'GET /pipelines/:x':
          if (parts[1] !== pipeline.name && parts[1] !== pipeline.id)
            return notFound(res, `Couldn't find that pipeline.`);
          return send(res, 200, pipeline);
        case 'GET /pipelines/:x/pipeline-couplings':
          return send(
            res,
            200,
            apps.map((a) => ({
              id: a.couplingId,
              app: { id: a.id },
              pipeline: { id: pipeline.id },
              stage: a.stage,
              created_at: created,
              updated_at: created,
            })),
          );
        case 'GET /apps':
          return send(res, 200, apps.map(appJson));
        case 'GET /apps/:x':
          return send(res, 200, appJson(app));
        case 'GET /apps/:x/formation':
          return send(res, 200, formationJson(app));
        case 'GET /apps/:x/dynos':
          return send(res, 200, dynoJson(app));
        case 'GET /apps/:x/releases':
          return send(res, 200, [releaseJson(app)], { 'Content-Range': 'version 1..1; max=200' });
        case 'GET /apps/:x/releases/:x':
          if (parts[3] !== app.releaseId && parts[3] !== '1') return notFound(res, `Couldn't find that release.`);
          return send(res, 200, releaseJson(app));
        case 'GET /apps/:x/slugs/:x':
          if (parts[3] !== app.slugId) return notFound(res, `Couldn't find that slug.`);
          return send(res, 200, slugJson(app));
        case 'GET /apps/:x/config-vars':
          return send(res, 200, { NODE_ENV: 'production', LOG_LEVEL: 'info' });
        case 'POST /apps/:x/log-sessions': {
          const id = randomBytes(16).toString('hex');
          sessions.set(id, app);
          const now = iso(Date.now());
          return send(res, 201, {
            id,
            logplex_url: `http://127.0.0.1:${port}/log-sessions/${id}`,
            created_at: now,
            updated_at: now,
          });
        }
        default:
          if (unknownLogged++ < 20) say(`unknown ${method} ${url.pathname}`);
          return notFound(res);
      }
    });
  });

  server.listen(0, '127.0.0.1', () => {
    port = server.address().port;
    mkdirSync(engineDir, { recursive: true, mode: 0o700 });
    writeAtomic(tokenFile, `${token}\n`, 0o600);
    writeAtomic(
      engineJson,
      `${JSON.stringify({ pid: process.pid, startTicks: ownStartTicks(), instanceId, port, startedAt: startedAt.toISOString(), version: deckVersion() })}\n`,
      0o600,
    );
    say(`ready port=${port} pid=${process.pid} head=${head}`);
  });

  let closing = false;
  const shutdown = (signal) => {
    if (closing) return;
    closing = true;
    say(`exit signal=${signal}`);
    clearTimeout(startTimer);
    try {
      const info = JSON.parse(readFileSync(engineJson, 'utf8'));
      if (info.pid === process.pid) rmSync(engineJson, { force: true });
    } catch {
      // already gone
    }
    for (const sub of subscribers) sub.res.destroy();
    server.close();
    server.closeAllConnections?.();
    process.exit(0);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  process.on('SIGHUP', shutdown);
}

function writeAtomic(file, text, mode) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode });
  chmodSync(tmp, mode);
  renameSync(tmp, file);
}

function deckVersion() {
  try {
    const here = path.dirname(new URL(import.meta.url).pathname);
    return JSON.parse(readFileSync(path.join(here, '..', '..', 'package.json'), 'utf8')).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** dynodeck.yml, one ticket and a git repo with one commit; returns HEAD's sha. */
function prepareProject(root) {
  mkdirSync(path.join(root, 'tickets'), { recursive: true });
  const yml = path.join(root, 'dynodeck.yml');
  if (!existsSync(yml)) {
    writeFileSync(
      yml,
      [
        '# Written by bench/log-flood/flood-server.mjs: a project whose "engine" is the flood server.',
        'project: bench',
        'platform:',
        '  kind: local',
        '  boxes: 0',
        '',
      ].join('\n'),
    );
  }
  const ticket = path.join(root, 'tickets', 'BENCH-1.md');
  if (!existsSync(ticket)) {
    writeFileSync(
      ticket,
      '---\nid: BENCH-1\ntitle: Survive a log flood\ncomplexity: standard\nassignee: bench\n---\nThe Logs pane keeps up with 20,000 lines a second.\n',
    );
  }
  const gitignore = path.join(root, '.gitignore');
  if (!existsSync(gitignore)) writeFileSync(gitignore, '.dynodeck/\n');
  const git = (...args) =>
    execFileSync(
      'git',
      [
        '-c',
        'user.name=bench',
        '-c',
        'user.email=bench@dynodeck',
        '-c',
        'commit.gpgsign=false',
        '-c',
        'init.defaultBranch=main',
        ...args,
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    )
      .toString()
      .trim();
  if (!existsSync(path.join(root, '.git'))) {
    git('init', '-q');
    git('checkout', '-q', '-B', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'bench project');
  }
  return git('rev-parse', 'HEAD');
}
