import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { createStore } from 'zustand/vanilla';
import { useInput, type Key } from 'ink';
import { createUiSlice, type UiSlice } from '../../src/store/ui-slice.js';
import { createLogsSlice, type LogsSlice } from '../../src/store/logs-slice.js';
import { herokuLogStreams } from '../../src/services/heroku/heroku-log-streams.js';
import type { DeckStore } from '../../src/store/create-deck-store.js';
import type { EnvironmentSnapshot } from '../../src/services/ports.js';
import { DeckProvider } from '../../src/screens/deck-context.js';
import { LogsPane, segmentProps, statusParts } from '../../src/screens/LogsPane.js';
import { keyPresser } from '../helpers/press-key.js';
import { COMMANDS } from '../../src/screens/commands/command-table.js';
import { createCommandLineSlice, type CommandLineSlice } from '../../src/store/command-line-slice.js';
import { createTheme } from '../../src/screens/theme.js';
import { createFakeClock, type FakeClock } from '../helpers/fake-clock.js';
import { waitFor } from '../helpers/wait-for-frame.js';

let servers: http.Server[] = [];
afterEach(async () => {
  cleanup();
  for (const server of servers) server.closeAllConnections();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  servers = [];
});

let n = 0;
const stamp = () =>
  `2026-11-26T09:00:${String(Math.floor(n / 1000) % 60).padStart(2, '0')}.${String(n++ % 1000).padStart(3, '0')}000+00:00`;
const app = (text: string) => `${stamp()} app[web.1]: ${text}`;
const router = (text: string) => `${stamp()} heroku[router]: ${text}`;

/** A log session server on a local port: each GET gets a stream the test writes SSE events into. */
function localLogs() {
  const streams: http.ServerResponse[] = [];
  /** Per stream, whether the deck has closed its connection. */
  const closed: boolean[] = [];
  const asked: Array<{ env: string; lines: number }> = [];
  let id = 0;
  let expireNext = false;
  const server = http.createServer((req, res) => {
    if (expireNext) {
      expireNext = false;
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end('{"id":"not_found","message":"log session not found or expired"}');
      return;
    }
    const index = streams.length;
    closed.push(false);
    req.on('close', () => (closed[index] = true));
    res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    res.flushHeaders();
    streams.push(res);
  });
  servers.push(server);
  const listening = new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    closed,
    asked,
    logSessionUrl: async (env: string, opts: { lines?: number }) => {
      asked.push({ env, lines: opts.lines ?? 0 });
      await listening;
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/${env}`;
    },
    send(lines: string[]) {
      streams.at(-1)!.write(lines.map((l) => `id: ${++id}\ndata: ${l}\n\n`).join(''));
    },
    /** The next request for a stream is answered as Heroku answers for an expired session. */
    expireNextSession() {
      expireNext = true;
    },
    streams,
  };
}

type TestState = UiSlice & LogsSlice & CommandLineSlice & { environments?: EnvironmentSnapshot[] };

function makeStore(clock: FakeClock, server: ReturnType<typeof localLogs>, extra: { reconnectBaseMs?: number } = {}) {
  const logStreams = herokuLogStreams({
    logSessionUrl: server.logSessionUrl,
    clock,
    reconnectBaseMs: extra.reconnectBaseMs,
  });
  const store = createStore<TestState>()((...a) => ({
    ...createUiSlice(...(a as unknown as Parameters<typeof createUiSlice>)),
    ...createCommandLineSlice()(...(a as unknown as Parameters<ReturnType<typeof createCommandLineSlice>>)),
    ...createLogsSlice({ logStreams, clock })(...a),
    // The Logs pane reads whether its environment has a release yet.
    environments: [
      { name: 'box-1', app: 'shop-box-1', stage: 'development', url: '', maintenance: false, formation: {}, dynos: [] },
      {
        name: 'staging',
        app: 'shop-staging',
        stage: 'staging',
        url: '',
        maintenance: false,
        formation: {},
        dynos: [],
        release: { id: 'r1', version: 1, status: 'succeeded', current: true, createdAt: 0, description: 'Deploy' },
      },
    ],
  }));
  return store;
}

/** Moves the fake clock in small steps until the store shows what is wanted. */
async function until(clock: FakeClock, done: () => boolean, what: string) {
  await waitFor(async () => {
    if (done()) return true;
    await clock.advance(50);
    return done();
  }, what);
}

describe('the logs slice', () => {
  it("tails an environment's shared stream (1,000 lines of history) and publishes what fits with the stream health", async () => {
    const clock = createFakeClock();
    const server = localLogs();
    const store = makeStore(clock, server);
    store.getState().setLogViewport(6, 100);
    store.getState().tailLogs('staging');
    await until(clock, () => store.getState().logs.health.state === 'connected', 'connected');
    expect(server.asked).toEqual([{ env: 'staging', lines: 1000 }]);
    server.send(Array.from({ length: 500 }, (_, i) => app(`hello ${i}`)));
    await until(clock, () => store.getState().logs.retained === 500, '500 lines');
    const logs = store.getState().logs;
    expect(logs.target).toBe('staging');
    expect(logs.rows).toHaveLength(5); // 6 rows less the status line
    expect(logs.health).toMatchObject({ state: 'connected', linesPerSecond: 100, retained: 500, dropped: 0, gaps: 0 });
  });

  it("counts Logplex's overflow notices as dropped and says so on the status line", async () => {
    const clock = createFakeClock();
    const server = localLogs();
    const store = makeStore(clock, server);
    store.getState().setLogViewport(6, 120);
    store.getState().tailLogs('staging');
    await until(clock, () => store.getState().logs.health.state === 'connected', 'connected');
    server.send([
      app('before'),
      `${stamp()} heroku[logplex]: Error L10 (output buffer overflow): 1234 messages dropped since 2026-11-26T09:00:00.000000+00:00.`,
      app('after'),
    ]);
    await until(clock, () => store.getState().logs.health.dropped > 0, 'dropped counted');
    const logs = store.getState().logs;
    expect(logs.health).toMatchObject({ dropped: 1234, lost: { overflow: 1234, gap: 0, unshown: 0 }, retained: 3 });
    expect(statusParts(logs).map((p) => p.text)).toContain('1,234 dropped');
  });

  it('the Logs pane and a second listener on the same environment share one log session', async () => {
    const clock = createFakeClock();
    const server = localLogs();
    const logStreams = herokuLogStreams({ logSessionUrl: server.logSessionUrl, clock });
    const watcherLines: string[] = [];
    const stopWatcher = logStreams.follow('staging', {
      onLines: (lines) => void watcherLines.push(...lines),
      onStatus: () => {},
    });
    const store = createStore<TestState>()((...a) => ({
      ...createUiSlice(...(a as unknown as Parameters<typeof createUiSlice>)),
      ...createCommandLineSlice()(...(a as unknown as Parameters<ReturnType<typeof createCommandLineSlice>>)),
      ...createLogsSlice({ logStreams, clock })(...a),
    }));
    store.getState().setLogViewport(6, 100);
    await until(clock, () => server.streams.length === 1, 'one session');
    server.send([app('one'), app('two')]);
    await until(clock, () => watcherLines.length === 2, 'the watcher read two lines');
    // The pane joins the open stream: it gets the recent lines at once, and no second session.
    store.getState().tailLogs('staging');
    await until(clock, () => store.getState().logs.retained === 2, 'the pane holds the two lines');
    server.send([app('three')]);
    await until(clock, () => store.getState().logs.retained === 3, 'three lines');
    expect(watcherLines).toHaveLength(3);
    expect(server.asked).toHaveLength(1);
    store.getState().stopLogs();
    stopWatcher();
    await waitFor(() => server.closed[0], 'the one session to be closed');
  });

  it('an idle tail publishes nothing', async () => {
    const clock = createFakeClock();
    const server = localLogs();
    const store = makeStore(clock, server);
    store.getState().setLogViewport(6, 100);
    store.getState().tailLogs('staging');
    await until(clock, () => store.getState().logs.health.state === 'connected', 'connected');
    server.send([app('one'), app('two')]);
    await until(clock, () => store.getState().logs.retained === 2, 'two lines');
    await clock.advance(6_000); // the lines/s figure falls back to 0
    expect(store.getState().logs.health.linesPerSecond).toBe(0);

    let publishes = 0;
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.logs !== prev.logs) publishes++;
    });
    await clock.advance(60_000);
    unsubscribe();
    expect(publishes).toBe(0);
    expect(clock.pending()).toBe(0); // not even a timer is left running
  });

  it('a burst is published at most every 100 ms, not once per chunk', async () => {
    const clock = createFakeClock();
    const server = localLogs();
    const logStreams = herokuLogStreams({ logSessionUrl: server.logSessionUrl, clock });
    // A second listener on the shared stream sees each network chunk as the pane's tail reads it.
    let read = 0;
    const stopWatcher = logStreams.follow('staging', {
      onLines: (lines) => void (read += lines.length),
      onStatus: () => {},
    });
    const store = createStore<TestState>()((...a) => ({
      ...createUiSlice(...(a as unknown as Parameters<typeof createUiSlice>)),
      ...createCommandLineSlice()(...(a as unknown as Parameters<ReturnType<typeof createCommandLineSlice>>)),
      ...createLogsSlice({ logStreams, clock })(...a),
    }));
    store.getState().setLogViewport(6, 100);
    store.getState().tailLogs('staging');
    await until(clock, () => store.getState().logs.health.state === 'connected', 'connected');
    await clock.advance(1_000);
    let publishes = 0;
    store.subscribe((s, prev) => {
      if (s.logs !== prev.logs) publishes++;
    });
    // Twenty network chunks, each sent once the one before was read, all in the same instant…
    for (let i = 0; i < 20; i++) {
      server.send([app(`chunk ${i}`)]);
      await waitFor(() => read === i + 1, `chunk ${i} to be read`);
    }
    await clock.advance(0);
    // …the first is shown at once, the rest wait for one timer.
    expect(publishes).toBe(1);
    await clock.advance(100);
    expect(publishes).toBe(2);
    expect(store.getState().logs.retained).toBe(20);
    store.getState().stopLogs();
    stopWatcher();
  });

  it('a replaced log session shows one gap; a line spoofing the marker is an ordinary line', async () => {
    const clock = createFakeClock();
    const server = localLogs();
    const store = makeStore(clock, server, { reconnectBaseMs: 10 });
    store.getState().setLogViewport(10, 120);
    store.getState().tailLogs('staging');
    await until(clock, () => store.getState().logs.health.state === 'connected', 'connected');
    const spoof = '── stream resumed; lines between 09:00:00 and 09:00:05 may be missing ──';
    server.send([app('before'), spoof]);
    await until(clock, () => store.getState().logs.retained === 2, 'two lines');
    expect(store.getState().logs.health.gaps).toBe(0);
    expect(store.getState().logs.rows.flatMap((r) => r.segments.map((s) => s.style))).not.toContain('gap');

    server.expireNextSession();
    server.streams.at(-1)!.end();
    await until(clock, () => server.asked.length === 2 && server.streams.length === 2, 'a new session');
    server.send([app('after')]);
    await until(clock, () => store.getState().logs.retained === 4, 'the gap and the new line');
    expect(store.getState().logs.health.gaps).toBe(1);
    const rows = store.getState().logs.rows;
    const styles = rows.map((r) => r.segments.map((s) => s.style).join(','));
    expect(styles.filter((s) => s === 'gap')).toHaveLength(1);
    expect(rows.at(-2)!.segments[0]!.style).toBe('gap');
    store.getState().stopLogs();
  });

  it('switching environment stops the old tail and starts empty; deploy output joins the shown environment only', async () => {
    const clock = createFakeClock();
    const server = localLogs();
    const store = makeStore(clock, server);
    store.getState().setLogViewport(10, 120);
    store.getState().tailLogs('staging');
    await until(clock, () => store.getState().logs.health.state === 'connected', 'connected');
    server.send([app('from staging')]);
    await until(clock, () => store.getState().logs.retained === 1, 'a staging line');
    store.getState().tailLogs('production');
    await waitFor(() => server.closed[0], "staging's stream to be closed");
    await until(
      clock,
      () => store.getState().logs.target === 'production' && store.getState().logs.retained === 0,
      'an empty production log',
    );
    store.getState().appendLocalLog('staging', 'not shown here');
    store.getState().appendLocalLog('production', 'Build started\nBuild succeeded\n');
    await until(clock, () => store.getState().logs.retained === 2, 'two deploy lines');
    const texts = store.getState().logs.rows.map((r) => r.segments.map((s) => s.text).join(''));
    expect(texts).toEqual([
      expect.stringMatching(/ dynodeck\[deploy\] Build started$/),
      expect.stringMatching(/ dynodeck\[deploy\] Build succeeded$/),
    ]);
    store.getState().stopLogs();
    await until(clock, () => store.getState().logs.health.state === 'stopped', 'stopped');
    await waitFor(() => server.closed[1], "production's stream to be closed");
  });

  it('keys: f pauses, j/k scroll, G resumes follow, s cycles sources, Esc clears the filter', async () => {
    const clock = createFakeClock();
    const server = localLogs();
    const store = makeStore(clock, server);
    const deck = store as unknown as DeckStore;
    store.getState().setLogViewport(4, 100);
    store.getState().tailLogs('staging');
    await until(clock, () => store.getState().logs.health.state === 'connected', 'connected');
    server.send([router('at=info status=200'), ...Array.from({ length: 9 }, (_, i) => app(`line ${i}`))]);
    await until(clock, () => store.getState().logs.retained === 10, 'ten lines');
    store.setState({ focus: 'logs' });
    const press = keyPresser(deck);
    const key = async (input: string, extra: Partial<Key> = {}) => {
      const result = press(input, extra);
      await clock.advance(100);
      return result;
    };
    expect(await key('f')).toEqual({ ran: 'logs.follow' });
    expect(store.getState().logs.follow).toBe(false);
    expect(await key('k')).toEqual({ ran: 'logs.up' });
    expect(store.getState().logs.rows.map((r) => r.segments.at(-1)!.text.trim())).toEqual([
      'line 5',
      'line 6',
      'line 7',
    ]);
    await key('G');
    expect(store.getState().logs.follow).toBe(true);
    await key('s');
    expect(store.getState().logs.source).toBe('app');
    await key('s');
    expect(store.getState().logs.shown).toBe(1); // router
    for (let i = 0; i < 4; i++) await key('s');
    expect(store.getState().logs.source).toBe('all');
    await key('/');
    await key('line [12]');
    await key('', { return: true });
    expect(store.getState().logs.shown).toBe(2);
    expect(await key('', { escape: true })).toEqual({ ran: 'logs.clear' });
    expect(store.getState().logs.filter).toBe('');
    // Nothing left to clear: the footer says so instead of Esc doing nothing.
    expect(await key('', { escape: true })).toEqual({ refused: 'logs.clear', reason: 'no filter or search to clear' });
    expect(store.getState().message?.text).toBe('clear: no filter or search to clear');
    expect(await key('1')).toEqual({ ran: 'focus.tickets' });
  });

  it('a prompt takes every key but Ctrl+C; an invalid pattern keeps it open with the reason', async () => {
    const clock = createFakeClock();
    const store = makeStore(clock, localLogs());
    store.setState({ focus: 'logs' });
    const press = keyPresser(store as unknown as DeckStore);
    press('/');
    for (const ch of ['q', '1', '?', '[']) expect(press(ch)).toEqual({ typed: ch });
    expect(store.getState().logPrompt).toEqual({ kind: 'filter', value: 'q1?[' });
    press('', { backspace: true });
    press('\u001b[31m'); // a pasted escape sequence loses its ESC
    press('', { return: true });
    expect(store.getState().logPrompt).toMatchObject({
      kind: 'filter',
      value: 'q1?[31m',
      error: expect.stringMatching(/^not a valid pattern: /),
    });
    expect(press('c', { ctrl: true })).toEqual({ ran: 'interrupt' });
    expect(press.quits).toBe(1);
    press('', { escape: true });
    expect(store.getState().logPrompt).toBeUndefined();
    press('\\');
    expect(store.getState().logPrompt).toEqual({ kind: 'search', value: '' });
  });
});

describe('the Logs pane', () => {
  async function renderPane(color = false) {
    const clock = createFakeClock();
    const server = localLogs();
    const store = makeStore(clock, server);
    store.setState({ focus: 'logs' });
    const deck = store as unknown as DeckStore;
    // What the App does while the Logs pane has focus.
    const press = keyPresser(deck);
    function Focused() {
      useInput((input, key) => void press(input, key));
      return <LogsPane box={{ width: 110, height: 12 }} />;
    }
    const app = render(
      <DeckProvider store={deck} theme={createTheme(color)}>
        <Focused />
      </DeckProvider>,
    );
    /** Waits for a frame while the fake clock moves (the slice publishes on it). */
    const frame = (text: string | RegExp) =>
      waitFor(
        async () => {
          const f = app.lastFrame() ?? '';
          if (typeof text === 'string' ? f.includes(text) : text.test(f)) return f;
          await clock.advance(50);
          return undefined;
        },
        () => `a frame showing ${String(text)}; last frame:\n${app.lastFrame() ?? ''}`,
      );
    return { ...app, clock, server, store, deck, frame, press };
  }

  it('an environment with no release yet says so, instead of waiting for a line that cannot come', async () => {
    const { frame: show, store, clock } = await renderPane();
    store.getState().tailLogs('box-1');
    await until(clock, () => store.getState().logs.health.state === 'connected', 'connected');
    await show('box-1 has no release yet, so nothing runs there to log (d on the Environments pane deploys to it).');
  });

  it('says what will appear before an environment is chosen, then that it connects', async () => {
    const { frame, store, clock } = await renderPane();
    await frame('Select an environment; its live logs stream here');
    await until(clock, () => store.getState().logViewport.rows === 10, 'the pane to report its size');
    expect(store.getState().logViewport).toEqual({ rows: 10, cols: 106 });
    store.getState().tailLogs('staging');
    await frame(/Connecting to staging's log stream…|Waiting for staging's first log line…/);
  });

  it('shows lines, an error line, and the status line; / then H12 and Enter applies a filter', async () => {
    const { frame: show, stdin, store, clock, server } = await renderPane();
    store.getState().tailLogs('staging');
    await until(clock, () => store.getState().logs.health.state === 'connected', 'connected');
    server.send([
      app('GET /cart 200'),
      router('at=error code=H12 desc="Request timeout" method=GET path="/checkout" status=503'),
      app('\u001b[2J\u001b]0;pwned\u0007still readable'),
      ...Array.from({ length: 100 }, (_, i) => app(`request ${i}`)),
    ]);
    await until(clock, () => store.getState().logs.retained === 103, 'the lines');
    let frame = await show('request 99');
    expect(frame).toMatch(/● connected {2}FOLLOW {2}\d+ lines\/s {2}103 retained {2}0 dropped/);
    expect(frame).not.toContain('H12'); // only the rows that fit: the error is further up

    stdin.write('/');
    await show('filter /');
    stdin.write('H12');
    await show('filter /H12');
    stdin.write('\r');
    await until(clock, () => store.getState().logs.filter === 'H12', 'the filter');
    frame = await show('code=H12');
    expect(frame).toContain('heroku[router] at=error code=H12 desc="Request timeout"');
    expect(frame).toContain('filter: /H12/ 1 shown');
    expect(frame).not.toContain('filter /H12'); // the prompt closed
    const errorRow = store.getState().logs.rows[0]!;
    expect(errorRow.segments.find((s) => s.text.includes('code=H12'))?.style).toBe('error');
    expect(segmentProps('error', createTheme(true)).color).toBe('red');
    expect(segmentProps('error', createTheme(false)).bold).toBe(true);

    stdin.write('/');
    await show('filter /');
    stdin.write('readable');
    await show('filter /readable');
    stdin.write('\r');
    frame = await show('still readable');
    expect(frame).not.toContain('pwned');
    expect(frame).not.toMatch(/\u001b\[2J|\u001b\]0;/);
  });

  it('under an overlay the rows hold still while lines pour in, and the newest show once it closes', async () => {
    const { frame: show, store, clock, server } = await renderPane();
    store.getState().tailLogs('staging');
    await until(clock, () => store.getState().logs.health.state === 'connected', 'connected');
    server.send(Array.from({ length: 20 }, (_, i) => app(`before ${i}`)));
    await show('before 19');
    store.setState({ overlay: { kind: 'help' } });
    server.send(Array.from({ length: 20 }, (_, i) => app(`during ${i}`)));
    await until(
      clock,
      () => store.getState().logs.rows.some((r) => r.segments.some((s) => s.text.includes('during 19'))),
      'the new lines',
    );
    // A change the pane draws (focus) while covered: the rows are the ones from before.
    store.setState({ focus: 'tickets' });
    const covered = await show('╭─ 3 Logs');
    expect(covered).toContain('before 19');
    expect(covered).not.toContain('during');
    store.setState({ overlay: { kind: 'none' } });
    await show('during 19');
  });

  it('a new overlay opened before a frame is drawn holds the rows of the environment now shown, not the last one', async () => {
    const { frame: show, store, clock, server } = await renderPane();
    store.getState().tailLogs('staging');
    await until(clock, () => store.getState().logs.health.state === 'connected', 'connected');
    server.send([app('from staging')]);
    await show('from staging');
    store.setState({ overlay: { kind: 'help' } });
    await show('Logs · staging');
    // Esc, g (another environment) and Enter in one go: no frame in between.
    store.setState({ overlay: { kind: 'none' } });
    store.getState().tailLogs('production');
    store.setState({ overlay: { kind: 'help' } });
    const covered = await show('Logs · production');
    expect(covered).not.toContain('from staging');
  });

  it('says when a filter matches nothing, and shows search matches with their count', async () => {
    const { frame: show, store, clock, server, press } = await renderPane();
    store.getState().tailLogs('staging');
    await until(clock, () => store.getState().logs.health.state === 'connected', 'connected');
    server.send(Array.from({ length: 30 }, (_, i) => app(i % 10 === 3 ? `slow query ${i}` : `ok ${i}`)));
    await until(clock, () => store.getState().logs.retained === 30, 'the lines');
    store.getState().setLogFilter('nomatch');
    await clock.advance(100);
    await show('no line of 30 matches /nomatch/');
    store.getState().setLogFilter('');
    press('\\');
    press('slow');
    press('', { return: true });
    await clock.advance(100);
    await show('search: /slow/ 3 matches');
    press('N');
    await clock.advance(100);
    const frame = await show('search: /slow/ 3/3');
    expect(frame).toContain('PAUSED');
    expect(frame).toContain('slow query 23');
  });

  it('the status line says when the stream is down', () => {
    const parts = statusParts({
      rows: [],
      follow: true,
      wrap: false,
      filter: '',
      search: '',
      matchCount: 0,
      shown: 0,
      retained: 98_321,
      source: 'web',
      target: 'staging',
      health: {
        state: 'reconnecting',
        attempt: 3,
        error: 'session expired (HTTP 404)',
        since: 0,
        linesPerSecond: 0,
        received: 98_321,
        retained: 98_321,
        dropped: 0,
        lost: { overflow: 0, gap: 0, unshown: 0 },
        evicted: 0,
        gaps: 1,
      },
    }).map((p) => p.text);
    // what the user set comes before the counters, so a narrow pane cuts the counters first
    expect(parts).toEqual([
      '● reconnecting (attempt 3: session expired (HTTP 404))',
      'FOLLOW',
      'source: web',
      '1 gap',
      '0 lines/s',
      '98,321 retained',
      '0 dropped',
    ]);
  });

  it('every Logs key is a command listed for the help view, Ctrl+F and Ctrl+B included', () => {
    const keys = COMMANDS.filter((c) => c.scope === 'logs').flatMap((c) => c.keys);
    for (const key of ['f', '/', '\\', 'n', 'N', 's', 'w', 'G', 'End', 'Esc', 'Ctrl+F', 'Ctrl+B'])
      expect(keys).toContain(key);
  });
});
