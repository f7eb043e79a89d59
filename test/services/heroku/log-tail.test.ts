import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  backoffDelay,
  READ_BATCH_LINES,
  startLogTail,
  type LogTail,
  type TailStatus,
} from '../../../src/services/heroku/log-tail.js';
import { systemClock, type LogLoss } from '../../../src/services/ports.js';
import { createFakeClock } from '../../helpers/fake-clock.js';
import { waitFor } from '../../helpers/wait-for-frame.js';

const line = (i: number) => `2026-11-26T09:00:${String(i % 60).padStart(2, '0')}.000000+00:00 app[web.1]: line ${i}`;
const sse = (from: number, to: number) => {
  let out = '';
  for (let i = from; i <= to; i++) out += `id: ${i}\ndata: ${line(i)}\n\n`;
  return out;
};
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => line(from + k));

let servers: http.Server[] = [];
let tails: LogTail[] = [];
afterEach(async () => {
  for (const t of tails) t.stop();
  tails = [];
  await Promise.all(
    servers.map(
      (s) =>
        new Promise((resolve) => {
          s.closeAllConnections();
          s.close(resolve);
        }),
    ),
  );
  servers = [];
});

/** A port nothing listens on: connecting is refused. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function serve(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function collect() {
  const lines: string[] = [];
  const calls: number[] = [];
  const statuses: TailStatus[] = [];
  const gaps: Array<{ from: number; to: number; before: number }> = [];
  const losses: LogLoss[] = [];
  return {
    lines,
    calls,
    statuses,
    gaps,
    losses,
    onLoss: (loss: LogLoss) => losses.push(loss),
    onLines: (batch: string[]) => {
      calls.push(batch.length);
      lines.push(...batch);
    },
    onGap: (gap: { from: number; to: number }) => gaps.push({ ...gap, before: lines.length }),
    onStatus: (s: TailStatus) => statuses.push(s),
  };
}

describe('the log tail', () => {
  it('a read that brings thousands of lines hands them on in order, in batches of about a thousand', async () => {
    const total = READ_BATCH_LINES * 3 + 500;
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write(sse(1, total));
    });
    const sink = collect();
    tails.push(startLogTail({ openSession: async () => `${base}/log-sessions/abc`, ...sink, clock: systemClock }));
    await waitFor(
      () => sink.lines.length >= total,
      () => `${total} lines, got ${sink.lines.length}`,
    );
    expect(sink.lines).toEqual(range(1, total));
    expect(sink.calls.length).toBeGreaterThanOrEqual(3);
    // a batch is handed on once a piece of the read takes it past the mark
    expect(Math.max(...sink.calls)).toBeLessThan(READ_BATCH_LINES * 2);
  });

  it('a dropped stream reconnects with Last-Event-ID and loses no line', async () => {
    const seen: Array<string | undefined> = [];
    let dropped = false;
    const base = await serve((req, res) => {
      seen.push(req.headers['last-event-id'] as string | undefined);
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      if (!dropped) {
        dropped = true;
        // Twenty whole events, then the connection dies in the middle of the 21st.
        res.write(sse(1, 20) + 'id: 21\ndata: 2026-11-26T09:00:21.000000+00:00 app[web.1]: li');
        setImmediate(() => res.destroy());
        return;
      }
      const after = Number(req.headers['last-event-id'] ?? 0);
      res.write(`: keep-alive\n\n${sse(after + 1, 50)}`);
    });
    const sink = collect();
    tails.push(
      startLogTail({
        openSession: async () => `${base}/log-sessions/abc`,
        ...sink,
        clock: systemClock,
        reconnectBaseMs: 5,
        random: () => 0,
      }),
    );

    await waitFor(
      () => sink.lines.length >= 50,
      () => `50 lines, got ${sink.lines.length}`,
    );
    expect(sink.lines).toEqual(range(1, 50));
    expect(seen).toEqual([undefined, '20']);
    expect(sink.statuses.map((s) => s.state)).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
    expect(sink.statuses[2]!.attempt).toBe(1);
    // Lines come in batches, one call per network chunk, never one call per line.
    expect(sink.calls.length).toBeLessThan(10);
  });

  it('an expired session is re-created and the gap is marked', async () => {
    let sessions = 0;
    const requests: string[] = [];
    const base = await serve((req, res) => {
      requests.push(`${req.url} ${req.headers['last-event-id'] ?? '-'}`);
      if (req.url === '/s1' && requests.length > 1) {
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end('{"id":"not_found","message":"log session not found or expired"}');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      // The first session ends (expiry); the second replays history from after the gap.
      if (req.url === '/s1') res.end(sse(1, 5));
      else res.write(sse(9, 12));
    });
    const sink = collect();
    tails.push(
      startLogTail({
        openSession: async () => `${base}/s${++sessions}`,
        ...sink,
        clock: systemClock,
        reconnectBaseMs: 5,
        random: () => 0,
      }),
    );

    await waitFor(
      () => sink.lines.length >= 9,
      () => `9 lines, got ${sink.lines.join('\n')}`,
    );
    expect(requests).toEqual(['/s1 -', '/s1 5', '/s2 -']);
    // The gap is reported beside the lines, between the old session's and the new one's.
    expect(sink.lines).toEqual([...range(1, 5), ...range(9, 12)]);
    expect(sink.gaps).toHaveLength(1);
    expect(sink.gaps[0]!.before).toBe(5);
    expect(sink.gaps[0]!.to).toBeGreaterThanOrEqual(sink.gaps[0]!.from);
    expect(sink.statuses.filter((s) => s.state === 'reconnecting').map((s) => s.error)).toEqual([
      'stream ended',
      'session expired (HTTP 404)',
    ]);
  });

  it('a session whose server went away (refused) is replaced by a new session, wherever that one lives', async () => {
    // A local engine restarted on another port: the old session's address refuses connections.
    const first: { server?: http.Server } = {};
    const old = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.end(sse(1, 5), () => {
        first.server!.closeAllConnections();
        first.server!.close();
      });
    });
    first.server = servers[servers.length - 1]!;
    const moved = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write(sse(6, 8));
    });
    const opened: string[] = [];
    const sink = collect();
    tails.push(
      startLogTail({
        openSession: async () => {
          opened.push(opened.length === 0 ? `${old}/s1` : `${moved}/s2`);
          return opened[opened.length - 1]!;
        },
        ...sink,
        clock: systemClock,
        reconnectBaseMs: 5,
        random: () => 0,
      }),
    );

    await waitFor(
      () => sink.lines.length >= 8,
      () => `8 lines, got ${sink.lines.join('\n')}`,
    );
    expect(opened).toEqual([`${old}/s1`, `${moved}/s2`]);
    expect(sink.lines).toEqual(range(1, 8));
    // The lines between the two sessions may be missing: said once, out of band, before line 6.
    expect(sink.gaps.map((g) => g.before)).toEqual([5]);
  });

  it("a new session's replay that overlaps what was shown is not repeated, and no gap is claimed", async () => {
    let sessions = 0;
    let first = true;
    const base = await serve((req, res) => {
      if (req.url === '/s1' && !first) {
        res.writeHead(404).end();
        return;
      }
      first = false;
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      if (req.url === '/s1') res.end(sse(1, 5));
      else {
        // History overlapping lines 3-5, the overlap alone in the first chunk.
        res.write(sse(3, 5));
        setImmediate(() => res.write(sse(6, 8)));
      }
    });
    const sink = collect();
    tails.push(
      startLogTail({
        openSession: async () => `${base}/s${++sessions}`,
        ...sink,
        clock: systemClock,
        reconnectBaseMs: 5,
        random: () => 0,
      }),
    );
    await waitFor(
      () => sink.lines.length >= 8,
      () => `8 lines, got ${sink.lines.join('\n')}`,
    );
    expect(sink.lines).toEqual(range(1, 8));
    expect(sink.gaps).toEqual([]);
  });

  it("counts the lines a new session skipped from the stream's event ids, beside the gap marker", async () => {
    let sessions = 0;
    const base = await serve((req, res) => {
      if (req.url === '/s1' && req.headers['last-event-id']) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      // The first session ends after line 5; the new one starts at 9: lines 6-8 are gone.
      if (req.url === '/s1') res.end(sse(1, 5));
      else res.write(sse(9, 12));
    });
    const sink = collect();
    tails.push(
      startLogTail({
        openSession: async () => `${base}/s${++sessions}`,
        ...sink,
        clock: systemClock,
        reconnectBaseMs: 5,
        random: () => 0,
      }),
    );
    await waitFor(
      () => sink.lines.length >= 9,
      () => `9 lines, got ${sink.lines.length}`,
    );
    expect(sink.gaps).toHaveLength(1);
    expect(sink.losses).toEqual([{ cause: 'gap', lines: 3 }]);
  });

  it('ids that already jumped on one session (a filtered stream) are not taken for lost lines after a reconnect', async () => {
    let sessions = 0;
    const filtered = (ids: number[]) => ids.map((i) => `id: ${i}\ndata: ${line(i)}\n\n`).join('');
    const base = await serve((req, res) => {
      if (req.url === '/s1' && req.headers['last-event-id']) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      if (req.url === '/s1') res.end(filtered([1, 2, 3, 7, 8]));
      else res.write(filtered([20, 21]));
    });
    const sink = collect();
    tails.push(
      startLogTail({
        openSession: async () => `${base}/s${++sessions}`,
        ...sink,
        clock: systemClock,
        reconnectBaseMs: 5,
        random: () => 0,
      }),
    );
    await waitFor(
      () => sink.lines.length >= 7,
      () => `7 lines, got ${sink.lines.length}`,
    );
    // The gap is still marked (the session was replaced); how many were lost is not known.
    expect(sink.gaps).toHaveLength(1);
    expect(sink.losses).toEqual([]);
  });

  it("counts what Logplex's overflow notices say was dropped, and an id step they explain keeps ids countable", async () => {
    const notice =
      '2026-11-26T09:00:09.000000+00:00 heroku[logplex]: Error L10 (output buffer overflow): 4 messages dropped since 2026-11-26T09:00:04.000000+00:00.';
    let sessions = 0;
    const base = await serve((req, res) => {
      if (req.url === '/s1' && req.headers['last-event-id']) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      // Lines 4-7 were thrown away by the server, which says so in a notice without an id.
      if (req.url === '/s1') res.end(`${sse(1, 3)}data: ${notice}\n\n${sse(8, 10)}`);
      else res.write(sse(12, 13));
    });
    const sink = collect();
    tails.push(
      startLogTail({
        openSession: async () => `${base}/s${++sessions}`,
        ...sink,
        clock: systemClock,
        reconnectBaseMs: 5,
        random: () => 0,
      }),
    );
    await waitFor(
      () => sink.lines.length >= 9,
      () => `9 lines, got ${sink.lines.length}`,
    );
    expect(sink.lines).toContain(notice);
    expect(sink.losses).toEqual([
      { cause: 'overflow', lines: 4 },
      { cause: 'gap', lines: 1 },
    ]);
  });

  it('an HTTP error status is reported with its code and the same session is tried again', async () => {
    const answers = [500, 429, 200];
    const requests: string[] = [];
    const base = await serve((req, res) => {
      requests.push(req.url!);
      const status = answers.shift() ?? 200;
      if (status !== 200) {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(`{"id":"${status === 429 ? 'rate_limit' : 'internal_server_error'}","message":"try later"}`);
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write(sse(1, 3));
    });
    let sessions = 0;
    const sink = collect();
    tails.push(
      startLogTail({
        openSession: async () => `${base}/s${++sessions}`,
        ...sink,
        clock: systemClock,
        reconnectBaseMs: 5,
        random: () => 0,
      }),
    );
    await waitFor(() => sink.lines.length >= 3, 'three lines');
    expect(sink.lines).toEqual(range(1, 3));
    expect(sink.statuses.filter((s) => s.state === 'reconnecting').map((s) => s.error)).toEqual([
      'HTTP 500',
      'HTTP 429',
    ]);
    expect(requests).toEqual(['/s1', '/s1', '/s1']);
  });

  it('a line that reads like the gap marker is an ordinary line, and no gap is reported', async () => {
    const spoof = '── stream resumed; lines between 09:00:00 and 09:00:05 may be missing ──';
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write(`id: 1\ndata: ${spoof}\n\nid: 2\ndata: ${line(2)}\n\n`);
    });
    const sink = collect();
    tails.push(startLogTail({ openSession: async () => `${base}/s`, ...sink, clock: systemClock }));
    await waitFor(() => sink.lines.length >= 2, 'two lines');
    expect(sink.lines).toEqual([spoof, line(2)]);
    expect(sink.gaps).toEqual([]);
  });

  it('reads a text/plain stream line by line', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.write(`${line(1)}\n\n${line(2)}\r\n${line(3).slice(0, 10)}`); // a bare newline keeps a plain stream open
      setImmediate(() => res.write(`${line(3).slice(10)}\n`));
    });
    const sink = collect();
    tails.push(startLogTail({ openSession: async () => `${base}/plain`, ...sink, clock: systemClock }));
    await waitFor(() => sink.lines.length >= 3, 'three plain lines');
    expect(sink.lines).toEqual(range(1, 3));
  });

  it('backoff grows and resets', async () => {
    const clock = createFakeClock();
    const delays: number[] = [];
    const setTimeout = clock.setTimeout.bind(clock);
    clock.setTimeout = (fn, ms) => (delays.push(ms), setTimeout(fn, ms));
    // Eight refused connections, one healthy connection that delivers a line and ends, then
    // connections the server drops at once.
    const nobody = await closedPort();
    let requests = 0;
    const base = await serve((req, res) => {
      if (requests++ > 0) {
        req.socket.destroy();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.end(`id: 1\ndata: ${line(1)}\n\n`);
    });
    let sessions = 0;
    const sink = collect();
    tails.push(
      startLogTail({
        openSession: async () => (sessions++ < 8 ? `http://127.0.0.1:${nobody}/s` : `${base}/s`),
        ...sink,
        clock,
        random: () => 1,
      }),
    );

    const attempts = 12;
    for (let i = 0; i < attempts - 1; i++) {
      await waitFor(() => delays.length > i, `attempt ${i + 1}`);
      await clock.advance(delays[i]!);
    }
    await waitFor(() => delays.length === attempts, 'the last attempt');
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 500, 1000, 2000, 4000]);
    expect(sink.lines).toEqual([line(1)]);
    const reconnecting = sink.statuses.filter((s) => s.state === 'reconnecting');
    expect(reconnecting[0]).toMatchObject({ attempt: 1, error: 'connection failed (ECONNREFUSED)' });
    expect(reconnecting.map((s) => s.attempt).slice(-4)).toEqual([1, 2, 3, 4]);
    expect(reconnecting.at(-1)!.error).toMatch(/^connection (failed|lost) \(ECONNRESET\)$/);
  });

  it('jitter keeps each delay between half and all of its step', () => {
    for (const r of [0, 0.3, 0.99]) {
      for (let failures = 1; failures < 12; failures++) {
        const cap = Math.min(30_000, 500 * 2 ** (failures - 1));
        const delay = backoffDelay(failures, 500, 30_000, () => r);
        expect(delay).toBeGreaterThanOrEqual(cap / 2);
        expect(delay).toBeLessThanOrEqual(cap);
      }
    }
  });

  it('stop() closes the connection; failures never throw', async () => {
    let asked = false;
    let closed = false;
    const base = await serve((req) => {
      // Headers never come: stop() must not wait for them.
      asked = true;
      req.on('close', () => (closed = true));
    });
    const sink = collect();
    const tail = startLogTail({ openSession: async () => `${base}/s`, ...sink, clock: createFakeClock() });
    await waitFor(() => asked, 'the request to arrive');
    tail.stop();
    expect(sink.statuses.at(-1)?.state).toBe('stopped');
    await waitFor(() => closed, 'the server to see the connection closed');
    expect(sink.statuses.at(-1)?.state).toBe('stopped');

    const failing = collect();
    const clock = createFakeClock();
    tails.push(startLogTail({ openSession: () => Promise.reject(new Error('no such app')), ...failing, clock }));
    await waitFor(() => failing.statuses.some((s) => s.state === 'reconnecting'), 'a reconnecting status');
    expect(failing.statuses.at(-1)).toMatchObject({ state: 'reconnecting', error: 'no such app' });
  });

  it('a stream that sent keep-alives and then goes silent is taken for dead', async () => {
    const clock = createFakeClock();
    let calls = 0;
    let closed = 0;
    const base = await serve((req, res) => {
      calls++;
      req.on('close', () => closed++);
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write(': keep-alive\n\n');
    });
    const sink = collect();
    tails.push(
      startLogTail({
        openSession: async () => `${base}/s`,
        ...sink,
        clock,
        stallMs: 45_000,
        random: () => 1,
      }),
    );
    await waitFor(() => clock.pending() > 0, 'the keep-alive to arm the stall watch');
    expect(sink.statuses.at(-1)?.state).toBe('connected');
    await clock.advance(44_000);
    expect(sink.statuses.at(-1)?.state).toBe('connected');
    await clock.advance(1_000);
    await waitFor(() => sink.statuses.at(-1)?.state === 'reconnecting', 'reconnecting');
    expect(sink.statuses.at(-1)?.error).toBe('no data for 45s');
    await waitFor(() => closed === 1, 'the silent connection to be closed');
    await clock.advance(500);
    await waitFor(() => calls === 2, 'a second connection');
  });
});
