#!/usr/bin/env node
// engine-flood.mjs — floods the deck through the project's REAL local engine: a dyno of the
// bench app prints the flood on stdout, the engine's log bus stamps it
// (`<ts> app[flood.1]: <text>`), keeps it, writes it to disk and streams it to the deck's
// log session with its own backpressure (10,000 pending lines a stream, then an L10 notice
// saying how many it threw away). Plain Node (>= 20); drives the built CLI only.
//
//   node engine-flood.mjs --project DIR --cli PATH/bin/dynodeck.js --rate 5000 --seconds 20
//        [--prefill 500] [--seed 1] --status FILE
//
// Prepares DIR (dynodeck.yml `project: bench`, kind local, boxes 0; a Procfile with `web`
// and `flood`; the flood's line generator), starts the engine (`dynodeck engine start`),
// deploys main to staging and scales flood=1. The flood dyno prints --prefill lines, then
// `FLOOD-READY`, waits for the go file, floods at --rate for --seconds in 10 ms batches
// (the message part of bench/log-flood/lines.mjs's lines: the engine adds its own
// timestamp and source), then `FLOOD-END lines=<n>` (n = flood lines + 1), then idles.
// Progress goes to --status, one event a line:
//   ready pid=<engine pid> | flood-start | lines=N prefill=P end_us=<epoch µs> elapsed_s=.. rate_target=.. rate_actual=.. max_batch_ms=..
// SIGUSR1 starts the flood; SIGTERM/SIGINT stop the engine (`dynodeck engine stop`) and exit.
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

function parseArgs(argv) {
  const o = { project: null, cli: null, rate: 1000, seconds: 20, prefill: 500, seed: 1, status: null };
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[++i];
    if (v === undefined) throw new Error(`missing value for ${a}`);
    if (a === '--project') o.project = path.resolve(v);
    else if (a === '--cli') o.cli = path.resolve(v);
    else if (a === '--status') o.status = path.resolve(v);
    else if (a === '--rate' || a === '--seconds' || a === '--prefill' || a === '--seed') o[a.slice(2)] = Number(v);
    else throw new Error(`unknown argument ${a}`);
  }
  if (!o.project || !o.cli || !o.status) throw new Error('--project, --cli and --status are required');
  if (!(o.rate >= 0) || !(o.seconds > 0)) throw new Error('--rate must be >= 0 and --seconds > 0');
  return o;
}

const o = (() => {
  try {
    return parseArgs(process.argv);
  } catch (e) {
    process.stderr.write(`engine-flood: ${e.message}\n`);
    process.exit(2);
  }
})();

const status = (text) => {
  appendFileSync(o.status, `${text}\n`);
  process.stdout.write(`${text}\n`);
};
const go = path.join(path.dirname(o.status), 'flood-go');

// The dyno: the same generator, draw for draw, printed without Heroku's prefix.
const FLOOD_DYNO = `import { appendFileSync, existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createLineGenerator, paceFlood } from './lines.mjs';
const [rate, seconds, prefill, seed, go, status] = process.argv.slice(2);
const gen = createLineGenerator({ seed: Number(seed) });
const message = () => gen.line().replace(/^\\S+ [a-z]+\\[[^\\]]+\\]: /, '');
const print = (n) => {
  let chunk = '';
  for (let i = 0; i < n; i++) chunk += message() + '\\n';
  process.stdout.write(chunk);
};
print(Number(prefill));
process.stdout.write('FLOOD-READY\\n');
const idle = setInterval(() => {}, 60_000);
const wait = setInterval(() => {
  if (!existsSync(go)) return;
  clearInterval(wait);
  paceFlood({
    rate: Number(rate),
    seconds: Number(seconds),
    emit: print,
    done: ({ lines, elapsedS, maxBatchMs }) =>
      process.stdout.write('', () => {
        const endUs = Math.round((performance.timeOrigin + performance.now()) * 1000);
        process.stdout.write('FLOOD-END lines=' + (lines + 1) + '\\n');
        appendFileSync(status, 'lines=' + (lines + 1) + ' prefill=' + prefill + ' end_us=' + endUs +
          ' elapsed_s=' + elapsedS.toFixed(3) + ' rate_target=' + rate + ' rate_actual=' + (lines / elapsedS).toFixed(0) +
          ' max_batch_ms=' + maxBatchMs.toFixed(1) + '\\n');
      }),
  });
}, 10);
process.on('SIGTERM', () => { clearInterval(idle); clearInterval(wait); process.exit(0); });
`;

const WEB_DYNO = `import { createServer } from 'node:http';
const server = createServer((_req, res) => res.end('bench'));
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

function prepareProject(root) {
  mkdirSync(path.join(root, 'tickets'), { recursive: true });
  const write = (file, text) => writeFileSync(path.join(root, file), text);
  write(
    'dynodeck.yml',
    '# Written by bench/log-flood/engine-flood.mjs: the local engine floods staging.\nproject: bench\nplatform:\n  kind: local\n  boxes: 0\n',
  );
  write(
    'tickets/BENCH-1.md',
    '---\nid: BENCH-1\ntitle: Survive a log flood\ncomplexity: standard\nassignee: bench\n---\nThe Logs pane keeps up with 20,000 lines a second.\n',
  );
  write('.gitignore', '.dynodeck/\n');
  write('web.mjs', WEB_DYNO);
  write('flood.mjs', FLOOD_DYNO);
  copyFileSync(path.join(HERE, 'lines.mjs'), path.join(root, 'lines.mjs'));
  // A Procfile entry is a user-written command line: the paths are this run's, quoted.
  const q = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
  write(
    'Procfile',
    `web: node web.mjs\nflood: node flood.mjs ${o.rate} ${o.seconds} ${o.prefill} ${o.seed} ${q(go)} ${q(o.status)}\n`,
  );
  const git = (...args) =>
    execFileSync(
      'git',
      ['-c', 'user.name=bench', '-c', 'user.email=bench@dynodeck', '-c', 'commit.gpgsign=false', ...args],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
  if (!existsSync(path.join(root, '.git'))) {
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'bench project');
  }
}

const cli = (...args) =>
  execFileSync(process.execPath, [o.cli, ...args], {
    cwd: o.project,
    env: { ...process.env, CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  }).toString();

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  try {
    cli('engine', 'stop');
  } catch (e) {
    process.stderr.write(`engine-flood: engine stop failed: ${e.stderr ?? e.message}\n`);
  }
  process.exit(code);
}
process.on('SIGTERM', () => stop(0));
process.on('SIGINT', () => stop(0));
process.on('SIGUSR1', () => {
  writeFileSync(go, '');
  status(`flood-start rate=${o.rate} seconds=${o.seconds}`);
});

try {
  mkdirSync(o.project, { recursive: true });
  prepareProject(o.project);
  cli('engine', 'start');
  cli('deploy', 'staging', '--yes');
  cli('scale', 'staging', 'flood=1', '--yes');
  const info = JSON.parse(readFileSync(path.join(o.project, '.dynodeck', 'engine', 'engine.json'), 'utf8'));
  status(`ready pid=${info.pid} port=${info.port}`);
} catch (e) {
  process.stderr.write(`engine-flood: ${e.stderr ?? ''}${e.stdout ?? ''}${e.message}\n`);
  stop(1);
}
setInterval(() => {}, 60_000);
