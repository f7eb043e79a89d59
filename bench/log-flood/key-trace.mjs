// key-trace.mjs — loaded into the deck (node --import) when PB_KEY_TRACE=1: the key latency
// inside the deck, free of the harness floor (tmux send-keys, capture-pane) and of the time a
// key waits in the terminal before the deck reads it. For each chunk the deck reads from its
// terminal: ms until Ink's next frame is written (its synchronized-output end, after the row
// writer's rows), the process CPU ms spent meanwhile, and the bytes of that frame. Written at
// exit to $KEY_TRACE_FILE as CSV lines: key,frame_ms,cpu_ms,bytes (frame_ms empty: no frame).
import { appendFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const out = process.env.KEY_TRACE_FILE;
const BEGIN_SYNC = '\x1b[?2026h';
const END_SYNC = '\x1b[?2026l';
const keys = [];
let open; // the key waiting for its frame

const read = process.stdin.read.bind(process.stdin);
process.stdin.read = (...args) => {
  const chunk = read(...args);
  if (chunk !== null) {
    open = {
      key: JSON.stringify(String(chunk)).slice(1, -1),
      t: performance.now(),
      cpu: process.cpuUsage(),
      bytes: 0,
      begun: false,
    };
    keys.push(open);
  }
  return chunk;
};
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => {
  const text = typeof chunk === 'string' ? chunk : '';
  if (open) {
    // Ink writes the begin mark alone; the row writer's own updates come as one chunk.
    if (text === BEGIN_SYNC) open.begun = true;
    if (open.begun) open.bytes += text.length || chunk.length;
    if (open.begun && text.endsWith(END_SYNC) && !text.startsWith(BEGIN_SYNC)) {
      const cpu = process.cpuUsage(open.cpu);
      open.frameMs = performance.now() - open.t;
      open.cpuMs = (cpu.user + cpu.system) / 1000;
      open = undefined;
    }
  }
  return write(chunk, ...rest);
};
process.on('exit', () => {
  if (!out) return;
  const csv = keys.map(
    (k) => `${k.key.replace(/,/g, '\\x2c')},${k.frameMs?.toFixed(1) ?? ''},${k.cpuMs?.toFixed(1) ?? ''},${k.bytes}`,
  );
  appendFileSync(out, csv.map((l) => l + '\n').join(''));
});
