#!/usr/bin/env node
// report.mjs — turns log-flood.sh's raw CSVs into the tables it prints and the
// markdown results file.   node report.mjs --dir <PB_DIR>/log-flood --out FILE.md
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const dir = arg('--dir', '/tmp/peerbench/log-flood');
const out = arg('--out', path.join(path.dirname(dir), 'log-flood-results.md'));

function readCsv(file) {
  if (!existsSync(file)) return [];
  const [head, ...rows] = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const cols = head.split(',');
  return rows.map((line) => {
    const cells = line.split(',');
    // the last column (notes) may hold commas: give it the rest
    const fixed =
      cells.length > cols.length ? [...cells.slice(0, cols.length - 1), cells.slice(cols.length - 1).join(',')] : cells;
    return Object.fromEntries(cols.map((c, i) => [c, fixed[i] ?? '']));
  });
}

function readMeta(file) {
  const meta = {};
  if (!existsSync(file)) return meta;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line);
    if (m) meta[m[1]] = m[2].replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
  }
  return meta;
}

const results = readCsv(path.join(dir, 'results.csv'));
const keys = readCsv(path.join(dir, 'keys.csv'));
const memory = readCsv(path.join(dir, 'memory.csv'));
const meta = readMeta(path.join(dir, 'meta.env'));

const num = (s) => (s === '' || s === undefined ? NaN : Number(s));
const per100k = (cpu, lines) => (lines > 0 ? ((cpu * 100000) / lines).toFixed(3) : '-');
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '-');
const catchup = (c) => (c === 'timeout' ? `>${meta.CATCHUP_TIMEOUT_MS ?? 15000}` : c);
const NAMES = { deck: 'dynodeck', 'deck-ink': 'dynodeck, Ink rows', tail: 'tail -f', lnav: 'lnav', less: 'less +F' };
const name = (v) => NAMES[v] ?? v;

const keyRuns = new Map(results.filter((r) => r.group === 'keys').map((r) => [`${r.viewer}@${r.rate}`, r]));
const keyLatency = (r) => {
  if (!r || Number(r.key_n) === 0) return 'n/a';
  return `${r.key_med_ms} / ${r.key_max_ms}${Number(r.key_timeouts) > 0 ? ` (${r.key_timeouts} t/o)` : ''}`;
};
const deckHealth = (r) => (r.viewer.startsWith('deck') ? `${r.dropped || '?'}` : 'n/a');
const retainedCell = (r) =>
  r.viewer.startsWith('deck')
    ? `${r.retained ? Number(r.retained).toLocaleString('en-US') : '?'} / ${r.sent ? Number(r.sent).toLocaleString('en-US') : '?'}`
    : 'n/a';

function table(head, align, rows) {
  return [
    `| ${head.join(' | ')} |`,
    `|${align.map((a) => (a === 'r' ? '---:' : '---')).join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

const cpuRows = results.filter((r) => r.group === 'cpu');
const MAIN = table(
  [
    'viewer',
    'rate (lines/s)',
    'lines',
    'viewer CPU s',
    'tmux CPU s',
    'viewer CPU s /100k lines',
    'total CPU s /100k lines',
    'max RSS MB',
    'tty out MB',
    'key latency median / max ms',
    'catch-up ms',
    'dropped (deck status line)',
    'retained / sent (deck)',
  ],
  ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
  cpuRows.map((r) => [
    name(r.viewer),
    r.rate,
    r.lines,
    r.viewer_cpu,
    r.tmux_cpu,
    per100k(num(r.viewer_cpu), num(r.lines)),
    per100k(num(r.viewer_cpu) + num(r.tmux_cpu), num(r.lines)),
    r.rss_mb,
    r.tty_mb,
    keyLatency(keyRuns.get(`${r.viewer}@${r.rate}`)),
    catchup(r.catchup_ms),
    deckHealth(r),
    retainedCell(r),
  ]),
);

const cpuByKey = new Map(cpuRows.map((r) => [`${r.viewer}@${r.rate}`, r]));
const KEYS = table(
  [
    'viewer',
    'rate (lines/s)',
    'probes x keys',
    'viewer CPU s with probes',
    '(without, cpu pass)',
    'tmux CPU s',
    'key latency median / max ms',
    'timeouts',
    'catch-up ms',
  ],
  ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
  results
    .filter((r) => r.group === 'keys')
    .map((r) => [
      name(r.viewer),
      r.rate,
      r.key_n,
      r.viewer_cpu,
      cpuByKey.get(`${r.viewer}@${r.rate}`)?.viewer_cpu ?? '-',
      r.tmux_cpu,
      `${r.key_med_ms} / ${r.key_max_ms}`,
      r.key_timeouts,
      catchup(r.catchup_ms),
    ]),
);

// per key: viewer rate key -> samples
const perKey = new Map();
for (const k of keys) {
  const id = `${k.viewer}|${k.rate}|${k.key}`;
  if (!perKey.has(id)) perKey.set(id, { viewer: k.viewer, rate: k.rate, key: k.key, samples: [] });
  perKey.get(id).samples.push(Number(k.latency_ms));
}
const KEY_DETAIL = table(
  ['viewer', 'rate', 'key', 'n', 'median ms', 'max ms', 'samples (ms, in order)'],
  ['l', 'r', 'l', 'r', 'r', 'r', 'l'],
  [...perKey.values()].map((p) => [
    name(p.viewer),
    p.rate,
    `\`${p.key}\``,
    p.samples.length,
    fmt(median(p.samples)),
    fmt(Math.max(...p.samples)),
    p.samples.join(' '),
  ]),
);

const IDLE = table(
  [
    'viewer',
    'keys sent',
    'window s',
    'viewer CPU s',
    'tmux CPU s',
    'max RSS MB',
    'tty out MB',
    'sentinel shown after (ms)',
    'key latency median / max ms',
  ],
  ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
  results
    .filter((r) => r.group === 'idle')
    .map((r) => [
      name(r.viewer),
      r.probes === '1' ? 'yes' : 'no',
      r.window_s,
      r.viewer_cpu,
      r.tmux_cpu,
      r.rss_mb,
      r.tty_mb,
      catchup(r.catchup_ms),
      Number(r.key_n) > 0 ? keyLatency(r) : '-',
    ]),
);

const deckRuns = results.filter((r) => r.viewer.startsWith('deck'));
const engine = meta.SOURCE !== 'standin';
const DECK = table(
  [
    'pass',
    'rate',
    engine ? 'sent (flood dyno)' : 'sent (prefill + flood)',
    'received (status line)',
    'retained (status line)',
    'dropped (status line)',
    engine ? 'unaccounted (sent - received - dropped)' : 'missing (sent - retained, within 100k)',
    'server backlog max KB',
    'staging streams open',
    'reconnects',
    'RSS at end MB (private)',
    'max RSS MB',
    'viewer CPU s (flood only)',
    'notes',
  ],
  ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
  deckRuns.map((r) => [
    r.group + (r.probes === '1' && r.group !== 'keys' ? ' (keys)' : '') + (r.viewer === 'deck' ? '' : ` (${r.viewer})`),
    r.rate,
    r.sent,
    r.received || '-',
    r.retained || '?',
    r.dropped || '?',
    r.missing || '?',
    r.backlog_kb || '-',
    r.streams || '-',
    r.reconnects || '0',
    `${r.rss_now_mb} (${r.anon_mb || '?'})`,
    r.rss_mb,
    r.viewer_cpu_flood,
    r.notes || '',
  ]),
);

const MEM = table(
  [
    'flood',
    'sent',
    'retained',
    'dropped',
    'RSS after flood MB (private)',
    'max RSS MB',
    'RSS after filter MB (private)',
    '`3` focus ms',
    '`/` prompt ms',
    'typing shown ms',
    'Enter → filtered view ms',
    'status shows filter',
    'shown',
    'Esc → unfiltered ms',
    'notes',
  ],
  ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l', 'r', 'r', 'l'],
  memory.map((m) => [
    `${m.rate}/s × ${m.seconds} s`,
    m.sent,
    m.retained,
    m.dropped,
    `${m.rss_now_mb} (${m.anon_mb})`,
    m.rss_max_mb,
    `${m.rss_after_filter_mb} (${m.anon_after_filter_mb})`,
    m.focus_ms,
    m.prompt_ms,
    m.typed_ms,
    m.filter_ms,
    m.filter_status_shown,
    m.shown || '-',
    m.clear_ms,
    m.notes || '',
  ]),
);

// summary like ../shared/bench/README.md: total CPU s per 100k lines by rate, and keys
const rates = [...new Set(cpuRows.map((r) => r.rate))];
const viewers = [...new Set(cpuRows.map((r) => r.viewer))];
const SUMMARY = table(
  [
    'viewer',
    ...rates.map((r) => `${Number(r) >= 1000 ? `${Number(r) / 1000}k` : r} lines/s`),
    'keys (all rates, median / max ms)',
  ],
  ['l', ...rates.map(() => 'r'), 'r'],
  viewers.map((v) => {
    const lats = keys.filter((k) => k.viewer === v && k.rate !== '0').map((k) => Number(k.latency_ms));
    return [
      name(v),
      ...rates.map((rate) => {
        const r = cpuByKey.get(`${v}@${rate}`);
        return r ? per100k(num(r.viewer_cpu) + num(r.tmux_cpu), num(r.lines)) : '-';
      }),
      lats.length ? `${fmt(median(lats), 0)} / ${fmt(Math.max(...lats), 0)} ms` : 'n/a',
    ];
  }),
);

const console_out = [
  'Total CPU s (viewer + tmux) per 100k lines; key latency while flooding:',
  SUMMARY,
  '',
  MAIN,
  '',
  KEYS,
  '',
  IDLE,
  '',
  DECK,
  '',
  MEM,
].join('\n');
process.stdout.write(`${console_out}\n`);

const md = `# dynodeck's Logs pane under a Heroku log flood, next to tail -f, lnav and less +F

Generated by \`bench/log-flood.sh\` (started ${meta.T_START ?? '?'}, finished ${meta.T_END ?? '?'}).

## Machine and tools

- CPU: ${meta.CPU_MODEL ?? '?'}, nproc=${meta.NPROC ?? '?'}, RAM ${meta.MEM_GB ?? '?'} GiB, kernel ${meta.KERNEL ?? '?'}, CLK_TCK=${meta.CLK ?? '?'}
- ${meta.V_TMUX ?? '?'} (fresh server per run, \`-f /dev/null\`, session ${meta.COLS}x${meta.ROWS}, detached)
- dynodeck ${meta.V_DECK ?? '?'}, ${meta.DECK_BUILD ?? ''}; ${meta.V_LNAV || 'lnav: not installed'}; ${meta.V_LESS || 'less: not installed'}; ${meta.V_TAIL || 'tail: not installed'}; node ${meta.V_NODE ?? '?'} (deck and flood writer)
${meta.SKIPPED ? `- Skipped: ${meta.SKIPPED}\n` : ''}
## Method

- Flood: the lines of \`../shared/bench/logflood.mjs\` (same generator, mix and seed, reproduced in \`bench/log-flood/lines.mjs\`): ~55 % router, 33 % app, 2 % H10/H12/H13 errors, 10 % runtime-metrics samples, median ~260 characters, in 10 ms batches at the rate for ${meta.DUR} s after a ${meta.PREFILL}-line prefill, then a \`FLOOD-END lines=<n>\` sentinel line.
  - **deck**${engine ? ' (this run)' : ''}: through the project's real local engine (\`bench/log-flood/engine-flood.mjs\`): \`dynodeck engine start\`, \`deploy staging\`, \`scale staging flood=1\`; the \`flood\` dyno prints the prefill, \`FLOOD-READY\`, then on the harness's word the flood's lines without their Heroku prefix (the engine stamps each \`<ts> app[flood.1]:\`), then \`FLOOD-END lines=<n>\`. The engine's log bus keeps, writes and streams them to the deck's session with its own backpressure: a stream more than 10,000 lines behind loses the oldest and gets an L10 notice saying how many. "sent" = the dyno's flood lines + sentinel; "received" = the deck's own count (status line) since just before the flood; "unaccounted" = sent - received - dropped (−N: N lines more arrived than the flood, the engine's notices and dyno samples). The engine's CPU is not counted (like the peers' writer).
  - **deck**${engine ? '' : ' (this run)'} with PB_SOURCE=standin: \`bench/log-flood/flood-server.mjs\` stands in for the project's engine (it writes \`.dynodeck/engine/engine.json\` with its own pid and port and a 0600 token, answers the Platform API calls the deck makes for \`bench-staging\` and \`bench-production\`) and streams staging's log session as server-sent events (\`id: <seq>\\ndata: <line>\\n\\n\`, as the engine does). The deck runs as \`node bin/dynodeck.js\` in the temp project with \`CI=false\`, selects staging at start and tails it. The flood starts only once the deck has connected and shows the prefill ("500 retained"), plus 2 s.
  - **tail -f / lnav / less +F**: the same lines appended to a file (\`flood-server.mjs --file\`), as \`peer-bench.sh\` does.
- CPU window: flood start -> flood end -> sentinel visible in \`capture-pane\` ("catch-up ms" after flood end, polled every ~20 ms) -> +1 s settle. Viewer CPU = utime+stime+cutime+cstime of the viewer process and its descendants (for the deck: node and the git commands it runs); tmux CPU = utime+stime of the tmux server (the terminal emulator here). per 100k lines = CPU s x 100000 / flood lines (prefill not counted, sentinel counted, as in peer-bench).
- Max RSS = VmHWM of the viewer's main process (it includes the mapped node binary: a bare \`node\` idles at ${meta.NODE_BASE_RSS_MB ?? '?'} MB here); "private" = RssAnon, the memory the process itself allocated. tty out MB = /proc/PID/io wchar of the viewer's main process (≈ bytes written to the pty; for the deck it also includes its few HTTP requests).
- Deck only: "dropped" and "retained" are read from the deck's own Logs status line (\`… N retained  N dropped …\`); "sent" is what the server streamed (prefill + flood + sentinel); "missing" = min(sent, 100,000 retention cap) - retained; "server backlog max KB" is the most the flood server had to buffer for one stream because the deck's socket was full (0 = the deck read everything as fast as it came); "staging streams open" counts the deck's log sessions on the flooded app at flood end (every open stream gets every line: a deck that tails staging twice, e.g. for the Logs pane and for metrics, reads the flood twice).
- Key latency (keys pass): every ${meta.PROBE_EVERY} s during the flood, for each key in turn: \`tmux send-keys\`, then \`capture-pane -p\` of one row every 5 ms until the key's effect shows (includes the send-keys round trip; see harness floor). deck: \`?\` (the key list opens: row 2 shows its "Keys" title), \`Escape\` (closed: the Logs title row, found on the screen at the start, shows "3 Logs" again), \`3\` (the Logs pane takes focus: its border turns heavy, "┏━ 3 Logs"), \`1\` (Tickets take focus: "╭─ 3 Logs"). lnav and less: as in peer-bench (\`?\`, \`q\`, \`:\`, \`Ctrl-]\`; \`Ctrl-C\`, \`F\`). Each key press is one sample; a key not seen within ${meta.KEY_TIMEOUT_MS} ms counts as ${meta.KEY_TIMEOUT_MS} ms (t/o). tail: n/a.
- Harness floor (idle, tty echo of a typed char in a \`cat\` pane, same send/poll path): median ${meta.FLOOR_MED || '-'} ms, max ${meta.FLOOR_MAX || '-'} ms (n=${meta.FLOOR_N || 0}).
- Memory check: the deck alone, ${meta.MEM_RATE} lines/s for ${meta.MEM_SECONDS} s (more than the 100,000 lines the deck retains), then RSS; then \`3\` (focus Logs), \`/\`, type \`${meta.FILTER}\`, Enter: ms until the filtered view shows (the prompt is gone and the status line says "filter:", or — where the status line is cut at the pane's width — every log row shown matches the pattern, case-insensitive as the deck applies it); then Esc (clears the filter): ms until an unfiltered row is back.

## Results (${meta.DUR} s per run, one run per cell)

Total CPU s (viewer + tmux) per 100k lines, and key latency under flood (keys pass, all rates):

${SUMMARY}

CPU columns: cpu pass (no keys sent). Key latency: keys pass (same viewer and rate, separate run).

${MAIN}

### Keys pass (probes every ${meta.PROBE_EVERY} s; CPU here includes answering the keys)

${KEYS}

${KEY_DETAIL}

### Idle control (no lines for ${meta.DUR} s, then the sentinel)

${IDLE}

### The deck's own account of the lines

${DECK}

### Memory: 100,000 retained, filterable lines

${MEM}

## Caveats

- **Machine.** Small VM (see nproc). The flood writer (node) and the harness (bash, short-lived tmux clients) share the CPUs with the viewer and tmux. For the deck the writer is an HTTP server doing SSE framing, a little more work than appending to a file; neither is counted. One run per cell; CPU tick resolution is 1/CLK_TCK s.
- **Terminal emulation is tmux only** (detached session). Viewers that write every line (tail, less: "tty out MB" ≈ the flood's size) would look worse on a real GPU terminal next to ones that redraw one screen at their own pace (lnav, the deck).
- **The deck does more than show lines**: besides the Logs pane it polls the platform (every 5 s) and git (tickets and branches), and re-renders the whole screen (Ink: React + Yoga layout) on every publish (at most every 100 ms). Its idle row is the cost of all that with no log lines.
- **Key latency** includes the harness floor. The deck's \`?\`/Esc replace the whole screen (the key list covers every pane), \`3\`/\`1\` redraw the Logs pane's border while the flood scrolls through it.
- **Catch-up** = flood end -> FLOOD-END visible; "timeout" means the viewer was not showing the tail within the limit (see probe-status.txt and final-screen.txt in the run folder).

## Raw data

\`${path.join(dir, 'results.csv')}\`, \`keys.csv\`, \`memory.csv\`, \`meta.env\`; per-run folders with the final screen, the flood server's log (flood.out) and the temp project: \`${path.join(dir, 'runs')}\`.

\`\`\`
${readFileSync(path.join(dir, 'results.csv'), 'utf8').trimEnd()}
\`\`\`
`;
writeFileSync(out, md);
