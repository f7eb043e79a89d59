#!/usr/bin/env node
// log-pipeline.mjs — CPU of the deck's log path alone, without the screen: the log tail
// (src/services/heroku/log-tail.ts) reading a local server-sent-events flood, the shared
// stream, the Logs pane's view (its buffer) and the health watcher's line classifier, as
// the deck wires them. The flood is `RATE` lines/s of the log-flood generator's lines
// (bench/log-flood/lines.mjs, stamped `app[flood.1]` as the engine does) in 10 ms batches
// for `SECONDS` s. Each source tree given (a folder holding a `src/` checkout, e.g. a
// commit exported with `git archive`) is bundled with esbuild and read in its own process,
// the trees alternating `RUNS` times. The reader's CPU (user + system, main thread and V8's
// threads apart) is counted from its 2,000th line to the end, so start-up is left out.
//
//   node bench/log-pipeline.mjs                          # this checkout, RATE=1000 SECONDS=12 RUNS=3
//   RATE=5000 node bench/log-pipeline.mjs before=/tmp/old after=.
//   NODE_ARGS=--no-memory-reducer node bench/log-pipeline.mjs ...   # options for the readers' node
import http from 'node:http';
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const RATE = Number(process.env.RATE ?? 1000);
const SECONDS = Number(process.env.SECONDS ?? 12);
const RUNS = Number(process.env.RUNS ?? 3);
const NODE_ARGS = (process.env.NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
const self = fileURLToPath(import.meta.url);
const here = path.dirname(self);

const READER = (src) => `
import { readdirSync, readFileSync } from 'node:fs';
import { startLogTail } from '${src}/services/heroku/log-tail.js';
import { createSharedLogStreams } from '${src}/services/shared-log-streams.js';
import { createLogView } from '${src}/store/log-view.js';
import { eventsFromLogLine } from '${src}/metrics/classify-line.js';
import { systemClock } from '${src}/domain/clock.js';

/** CPU ms per thread (the main thread, and V8's and libuv's threads together). */
function threads() {
  const out = { main: 0, others: 0 };
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = readFileSync('/proc/self/task/' + tid + '/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    out[tid === String(process.pid) ? 'main' : 'others'] += (Number(f[11]) + Number(f[12])) * 10;
  }
  return out;
}
const view = createLogView({});
let received = 0;
let from;
const streams = createSharedLogStreams((_env, h) => startLogTail({ openSession: async () => process.argv[2], ...h, clock: systemClock }));
const leaveView = streams.follow('flood', {
  onLines(lines) {
    if (from === undefined && received >= 2000) from = { cpu: process.cpuUsage(), threads: threads(), received };
    view.append(lines);
    received += lines.length;
  },
  onStatus(status) {
    if (status.state !== 'reconnecting') return;
    const cpu = process.cpuUsage(from.cpu);
    const now = threads();
    leaveView();
    leaveWatcher();
    process.send({
      lines: received - from.received,
      cpuMs: (cpu.user + cpu.system) / 1000,
      systemMs: cpu.system / 1000,
      mainMs: now.main - from.threads.main,
      othersMs: now.others - from.threads.others,
      rssMb: process.memoryUsage().rss / 1e6,
      heapMb: process.memoryUsage().heapUsed / 1e6,
    });
  },
});
const leaveWatcher = streams.follow('flood', {
  onLines(lines) {
    for (const line of lines) eventsFromLogLine(line);
  },
  onStatus() {},
});
`;

if (process.argv[2] === 'server') {
  const { createLineGenerator } = await import('./log-flood/lines.mjs');
  const generator = createLineGenerator({ seed: 1 });
  const pool = Array.from({ length: 20_000 }, () => `${generator.stamp()} app[flood.1]: ${generator.line()}`);
  http
    .createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      let sent = 0;
      const start = Date.now();
      const timer = setInterval(() => {
        const due = Math.min(RATE * SECONDS, Math.floor(((Date.now() - start) / 1000) * RATE));
        let batch = '';
        for (; sent < due; sent++) batch += `id: ${sent + 1}\ndata: ${pool[sent % pool.length]}\n\n`;
        if (batch) res.write(batch);
        if (sent >= RATE * SECONDS) {
          clearInterval(timer);
          res.end();
        }
      }, 10);
    })
    .listen(0, '127.0.0.1', function () {
      process.send(this.address().port);
    });
} else {
  const { build } = await import('esbuild');
  const trees = (process.argv.length > 2 ? process.argv.slice(2) : [`this=${path.join(here, '..')}`]).map((arg) => {
    const [name, dir] = arg.includes('=') ? arg.split('=') : [path.basename(arg), arg];
    return { name, src: path.resolve(dir, 'src') };
  });
  const work = mkdtempSync(path.join(tmpdir(), 'log-pipeline-'));
  for (const tree of trees) {
    const entry = path.join(work, `${tree.name}.ts`);
    writeFileSync(entry, READER(tree.src));
    tree.bundle = path.join(work, `${tree.name}.mjs`);
    await build({
      entryPoints: [entry],
      outfile: tree.bundle,
      bundle: true,
      platform: 'node',
      format: 'esm',
      keepNames: true,
      minify: true,
      logLevel: 'warning',
    });
  }
  const results = new Map(trees.map((t) => [t.name, []]));
  console.log(
    `${RATE} lines/s x ${SECONDS} s, ${RUNS} runs each, alternating; reader node options: ${['--semi-space-growth-factor=1', ...NODE_ARGS].join(' ')}`,
  );
  for (let run = 0; run < RUNS; run++) {
    for (const tree of run % 2 ? [...trees].reverse() : trees) {
      const server = fork(self, ['server']);
      try {
        const port = await new Promise((resolve) => server.once('message', resolve));
        // The deck's launcher keeps V8's young generation at 1 MB semispaces; so does the reader.
        const reader = fork(tree.bundle, [`http://127.0.0.1:${port}/`], {
          execArgv: ['--semi-space-growth-factor=1', ...NODE_ARGS],
        });
        const r = await new Promise((resolve, reject) => {
          reader.once('message', resolve);
          reader.once('exit', (code) => reject(new Error(`the ${tree.name} reader exited with ${code}`)));
        });
        reader.kill();
        results.get(tree.name).push(r);
        console.log(
          `${tree.name.padEnd(12)} lines ${r.lines}  cpu ${r.cpuMs.toFixed(0)} ms (system ${r.systemMs.toFixed(0)}; main thread ${r.mainMs}, other threads ${r.othersMs}; RSS ${r.rssMb.toFixed(1)} MB)  per 1,000 lines ${((r.cpuMs * 1000) / r.lines).toFixed(1)} ms`,
        );
      } finally {
        server.kill();
      }
    }
  }
  rmSync(work, { recursive: true, force: true });
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const [name, rs] of results)
    console.log(
      `median ${name.padEnd(12)} ${median(rs.map((r) => (r.cpuMs * 1000) / r.lines)).toFixed(1)} ms CPU per 1,000 lines  (${rs.map((r) => r.cpuMs.toFixed(0)).join(', ')} ms)`,
    );
}
