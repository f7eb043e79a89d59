#!/usr/bin/env node
// log-stream-read.mjs — CPU to read a log session's server-sent events, three ways: Node's
// fetch + TextDecoder (how log-tail.ts read first), src/services/heroku/stream-request.ts
// handing on every chunk as it comes (`stream-request`, restMs 0) and the same resting
// `REST_MS` (100) after each read, as log-tail.ts reads now (`stream-request+rest`). A child
// process serves `RATE` events/s of 250-character lines in 10 ms batches for `SECONDS` s;
// each reading runs in its own process, the modes alternate `RUNS` times, and the reader's
// own CPU (user + system) is printed per run and as medians, with how many reads (wake-ups
// whose pieces were handed on together) it made. Only the transport differs: all count events the same way, none parses them (the
// SSE parser's cost is the same either way).
//
//   node bench/log-stream-read.mjs            # RATE=1000 SECONDS=10 RUNS=3 (esbuild compiles the module)
//   RATE=5000 RUNS=5 MODES="stream-request stream-request+rest" node bench/log-stream-read.mjs
/* global fetch, TextDecoder */
import http from 'node:http';
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const RATE = Number(process.env.RATE ?? 1000);
const SECONDS = Number(process.env.SECONDS ?? 10);
const RUNS = Number(process.env.RUNS ?? 3);
const REST_MS = Number(process.env.REST_MS ?? 100);
const MODES = (process.env.MODES ?? 'fetch stream-request stream-request+rest').split(/\s+/).filter(Boolean);
const role = process.argv[2];

if (role === 'server') {
  const line = 'x'.repeat(250);
  http
    .createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      let id = 0;
      const timer = setInterval(() => {
        let batch = '';
        for (let i = 0; i < RATE / 100; i++) batch += `id: ${++id}\ndata: ${line}\n\n`;
        res.write(batch);
      }, 10);
      setTimeout(() => {
        clearInterval(timer);
        res.end();
      }, SECONDS * 1000);
    })
    .listen(0, '127.0.0.1', function () {
      process.send(this.address().port);
    });
} else if (role === 'read') {
  const [mode, url, modulePath] = process.argv.slice(3);
  let events = 0;
  let reads = 0;
  const count = (text) => {
    for (let i = text.indexOf('\n\n'); i >= 0; i = text.indexOf('\n\n', i + 2)) events++;
  };
  const before = process.cpuUsage();
  if (mode === 'fetch') {
    const res = await fetch(url, { headers: { Accept: 'text/event-stream' } });
    const decoder = new TextDecoder();
    const reader = res.body.getReader();
    reads = undefined; // fetch hands on chunks, not reads
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      count(decoder.decode(value, { stream: true }));
    }
  } else {
    const { openTextStream } = await import(pathToFileURL(modulePath).href);
    const restMs = mode === 'stream-request+rest' ? REST_MS : 0;
    const stream = await openTextStream(url, { headers: { Accept: 'text/event-stream' }, restMs });
    await stream.read(count, () => reads++);
  }
  const cpu = process.cpuUsage(before);
  process.send({ mode, events, reads, cpuMs: (cpu.user + cpu.system) / 1000 });
} else {
  const self = fileURLToPath(import.meta.url);
  const { build } = await import('esbuild');
  const dir = mkdtempSync(path.join(tmpdir(), 'log-stream-read-'));
  const modulePath = path.join(dir, 'stream-request.mjs');
  await build({
    entryPoints: [path.join(path.dirname(self), '../src/services/heroku/stream-request.ts')],
    outfile: modulePath,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'warning',
  });
  const runOnce = async (mode) => {
    const server = fork(self, ['server'], { env: { ...process.env, RATE, SECONDS } });
    try {
      const port = await new Promise((resolve) => server.once('message', resolve));
      const reader = fork(self, ['read', mode, `http://127.0.0.1:${port}/`, modulePath]);
      const result = await new Promise((resolve, reject) => {
        reader.once('message', resolve);
        reader.once('exit', (code) => reject(new Error(`the ${mode} reader exited with ${code}`)));
      });
      await new Promise((resolve) => reader.once('exit', resolve));
      return result;
    } finally {
      server.kill();
    }
  };
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const results = Object.fromEntries(MODES.map((mode) => [mode, []]));
  console.log(`${RATE} events/s x ${SECONDS} s, ${RUNS} runs each, alternating; rest ${REST_MS} ms`);
  for (let run = 0; run < RUNS; run++) {
    for (const mode of MODES) {
      const r = await runOnce(mode);
      results[mode].push(r.cpuMs);
      console.log(`${mode.padEnd(20)} events ${r.events}  reads ${r.reads ?? 'n/a'}  cpu ${r.cpuMs.toFixed(0)} ms`);
    }
  }
  rmSync(dir, { recursive: true, force: true });
  for (const [mode, xs] of Object.entries(results))
    console.log(`median ${mode.padEnd(20)} ${median(xs).toFixed(0)} ms  (${xs.map((x) => x.toFixed(0)).join(', ')})`);
}
