#!/usr/bin/env node
// Measures the deck on the demo project in a real pseudo-terminal (160x48, like
// ../shared/bench): time from launch to the first full frame, and CPU while idle.
//
//   node bench/startup-and-idle.mjs [--runs 7] [--idle-seconds 30]
//
// The first launch also builds the demo and starts its engine (staging and production
// deployed); later launches find them running.
// "first frame": all four pane titles on screen. "full frame": the demo's tickets
// listed with their git-derived stages. Idle CPU: utime+stime (+ reaped children,
// i.e. git) of the deck process over the idle window, as % of one core, and bytes
// written to the terminal in that window.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { execFileSync } from 'node:child_process';
import pty from '@lydell/node-pty';
import xterm from '@xterm/headless';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const RUNS = opt('--runs', 7);
const IDLE_S = opt('--idle-seconds', 30);
const COLS = 160;
const ROWS = 48;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'bin', 'dynodeck.js');
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

function cpuTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
}

function launch(demoDir, extra = []) {
  const term = new xterm.Terminal({ cols: COLS, rows: ROWS, allowProposedApi: true });
  const start = performance.now();
  const args = extra.length ? extra : ['demo', '--dir', demoDir];
  const child = pty.spawn(process.execPath, [CLI, ...args], {
    cwd: extra.length ? demoDir : os.tmpdir(),
    cols: COLS,
    rows: ROWS,
    name: 'xterm-256color',
    env: { ...process.env, CI: 'false', TERM: 'xterm-256color' },
  });
  let bytes = 0;
  child.onData((d) => {
    bytes += Buffer.byteLength(d);
    term.write(d);
  });
  const screen = () => {
    const b = term.buffer.active;
    let s = '';
    for (let i = 0; i < ROWS; i++) s += `${b.getLine(b.viewportY + i)?.translateToString(true) ?? ''}\n`;
    return s;
  };
  const waitFor = (test, timeoutMs = 15000) =>
    new Promise((resolve, reject) => {
      const poll = () => {
        if (test(screen())) return resolve(performance.now() - start);
        if (performance.now() - start > timeoutMs) return reject(new Error(`timeout; screen:\n${screen()}`));
        setTimeout(poll, 2);
      };
      poll();
    });
  const quit = () =>
    new Promise((resolve) => {
      child.onExit(resolve);
      child.write('q');
    });
  return { child, waitFor, quit, bytes: () => bytes };
}

const firstFrame = (s) => ['1 Tickets', '2 Environments', '3 Logs', '4 Alerts'].every((t) => s.includes(t));
// git has answered once "in progress" shows (merged tickets may show "in production" instead of "merged").
const fullFrame = (s) => firstFrame(s) && s.includes('BC-106') && s.includes('in progress');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const work = mkdtempSync(path.join(os.tmpdir(), 'dynodeck-bench-'));
const demoDir = path.join(work, 'demo');
try {
  console.log(`dynodeck bench: node ${process.version}, ${os.cpus().length} cores, ${COLS}x${ROWS}, ${RUNS} launches`);
  // The first launch builds the demo; report it apart.
  {
    const d = launch(demoDir);
    const full = await d.waitFor(fullFrame, 30000);
    console.log(`launch with demo creation: full frame after ${full.toFixed(0)} ms`);
    await d.quit();
  }
  const first = [];
  const full = [];
  for (let i = 0; i < RUNS; i++) {
    const d = launch(demoDir);
    first.push(await d.waitFor(firstFrame));
    full.push(await d.waitFor(fullFrame));
    await d.quit();
  }
  console.log(
    `first frame (four panes):       median ${median(first).toFixed(0)} ms, max ${Math.max(...first).toFixed(0)} ms`,
  );
  console.log(
    `full frame (tickets + stages):  median ${median(full).toFixed(0)} ms, max ${Math.max(...full).toFixed(0)} ms`,
  );

  await measureIdle('idle, live environments (synthetic checks every 5 s, worker and metrics lines)', launch(demoDir));
  // The same project read as tickets and git only: nothing changes, nothing should be drawn.
  writeFileSync(path.join(demoDir, 'dynodeck.static.yml'), 'project: brightcart\ntickets:\n  dir: tickets\n');
  await measureIdle(
    'idle, nothing changing (tickets and git only)',
    launch(demoDir, ['--config', 'dynodeck.static.yml']),
    (s) => firstFrame(s) && s.includes('BC-106') && s.includes('merged'),
  );
} finally {
  // `dynodeck demo` leaves the demo's environments running; stop them before removing the folder.
  execFileSync(process.execPath, [CLI, 'engine', 'stop'], { cwd: demoDir, stdio: 'ignore' });
  rmSync(work, { recursive: true, force: true });
}

async function measureIdle(label, d, ready = fullFrame) {
  await d.waitFor(ready);
  await new Promise((r) => setTimeout(r, 3000)); // let start-up work settle
  const t0 = cpuTicks(d.child.pid);
  const b0 = d.bytes();
  const w0 = performance.now();
  await new Promise((r) => setTimeout(r, IDLE_S * 1000));
  const ticks = cpuTicks(d.child.pid) - t0;
  const seconds = (performance.now() - w0) / 1000;
  const bytes = d.bytes() - b0;
  await d.quit();
  const pct = (ticks / CLK_TCK / seconds) * 100;
  console.log(
    `${label}, ${seconds.toFixed(0)} s: ${(ticks / CLK_TCK).toFixed(2)} CPU s = ${pct.toFixed(2)}% of one core; ${(bytes / seconds).toFixed(0)} bytes/s to the terminal`,
  );
}
