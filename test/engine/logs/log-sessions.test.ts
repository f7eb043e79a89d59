import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogBus, type LogBus } from '../../../src/engine/logs/log-bus.js';
import { createLogSessions, type LogSessions } from '../../../src/engine/logs/log-sessions.js';
import { createFakeClock, type FakeClock } from '../../helpers/fake-clock.js';

interface Harness {
  clock: FakeClock;
  bus: LogBus;
  sessions: LogSessions;
  base: string;
  /** Subscriptions the sessions hold open right now. */
  subscribed: () => number;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'dynodeck-sessions-'));
  const clock = createFakeClock();
  const bus = createLogBus({ dir, clock });
  let active = 0;
  const counted: LogBus = {
    ...bus,
    subscribe(app, filter, onLine) {
      const off = bus.subscribe(app, filter, onLine);
      active++;
      let on = true;
      return () => {
        if (on) active--;
        on = false;
        off();
      };
    },
  };
  let base = '';
  const sessions = createLogSessions({ bus: counted, clock, baseUrl: () => base });
  const server: Server = createServer((req, res) => {
    const match = /^\/log-sessions\/([^/?]+)/.exec(req.url ?? '');
    if (match) sessions.handle(match[1]!, req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cleanups.push(async () => {
    sessions.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await bus.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { clock, bus, sessions, base, subscribed: () => active };
}

interface Reader {
  response: Response;
  text: () => string;
  until: (done: (text: string) => boolean) => Promise<void>;
  toEnd: () => Promise<string>;
  leave: () => void;
}

async function open(url: string, headers: Record<string, string> = {}): Promise<Reader> {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const until = async (done: (text: string) => boolean) => {
    while (!done(text)) {
      const chunk = await reader.read();
      if (chunk.done) throw new Error(`stream ended early:\n${text}`);
      text += decoder.decode(chunk.value, { stream: true });
    }
  };
  return {
    response,
    text: () => text,
    until,
    async toEnd() {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) return text;
        text += decoder.decode(chunk.value, { stream: true });
      }
    },
    leave: () => controller.abort(),
  };
}

interface SseEvent {
  id?: number;
  data: string;
}
function events(text: string): SseEvent[] {
  return text
    .split('\n\n')
    .filter((block) => block && !block.startsWith(':'))
    .map((block) => {
      const fields = block.split('\n');
      const id = fields.find((f) => f.startsWith('id: '));
      return {
        ...(id ? { id: Number(id.slice(4)) } : {}),
        data: fields
          .filter((f) => f.startsWith('data: '))
          .map((f) => f.slice(6))
          .join('\n'),
      };
    });
}
const texts = (text: string) => events(text).map((e) => e.data.replace(/^\S+ /, ''));
const count = (n: number) => (text: string) => events(text).length >= n;

describe('log sessions', () => {
  it('a log session without tail sends the last N lines and ends', async () => {
    const { bus, sessions, base } = await start();
    for (let i = 1; i <= 5; i++) bus.publish('shop', { source: 'app', dyno: 'web.1', text: `line ${i}` });
    const session = sessions.create('shop', { lines: 3 });
    expect(session.id).toMatch(/^[0-9a-f]{32}$/);
    expect(session.logplex_url).toBe(`${base}/log-sessions/${session.id}`);
    expect(session.created_at).toBe('2026-11-26T09:00:00Z');

    const reader = await open(session.logplex_url);
    expect(reader.response.status).toBe(200);
    expect(reader.response.headers.get('content-type')).toBe('text/event-stream');
    expect(reader.response.headers.get('cache-control')).toBe('no-cache');
    const body = await reader.toEnd();
    expect(events(body)).toEqual([
      { id: 3, data: '2026-11-26T09:00:00.000000+00:00 app[web.1]: line 3' },
      { id: 4, data: '2026-11-26T09:00:00.000000+00:00 app[web.1]: line 4' },
      { id: 5, data: '2026-11-26T09:00:00.000000+00:00 app[web.1]: line 5' },
    ]);
  });

  it('a tailing session streams new lines as server-sent events until the client leaves', async () => {
    const { clock, bus, sessions, subscribed } = await start();
    bus.publish('shop', { source: 'app', dyno: 'web.1', text: 'old 1\nold 2\nold 3' });
    const reader = await open(sessions.create('shop', { tail: true, lines: 2 }).logplex_url);
    await reader.until(count(2));
    expect(texts(reader.text())).toEqual(['app[web.1]: old 2', 'app[web.1]: old 3']);

    bus.publish('shop', { source: 'app', dyno: 'web.1', text: 'new 1' });
    bus.publish('shop', { source: 'heroku', dyno: 'router', text: 'at=info status=200' });
    await reader.until(count(4));
    expect(events(reader.text()).map((e) => e.id)).toEqual([2, 3, 4, 5]);
    expect(texts(reader.text()).slice(2)).toEqual(['app[web.1]: new 1', 'heroku[router]: at=info status=200']);

    await clock.advance(15_000);
    await reader.until((text) => text.includes(': keep-alive\n\n'));
    expect(subscribed()).toBe(1);

    reader.leave();
    await vi.waitFor(() => expect(subscribed()).toBe(0));
  });

  it('a tailing session ends when it expires', async () => {
    const { clock, sessions, subscribed } = await start();
    const reader = await open(sessions.create('shop', { tail: true }).logplex_url);
    expect(subscribed()).toBe(1);
    await clock.advance(60 * 60_000);
    await reader.toEnd();
    expect(subscribed()).toBe(0);
  });

  it('source and dyno filters apply to history and to the tail', async () => {
    const { bus, sessions } = await start();
    const publishMix = (tag: string) => {
      bus.publish('shop', { source: 'app', dyno: 'web.1', text: `${tag} yes web.1` });
      bus.publish('shop', { source: 'app', dyno: 'web.2', text: `${tag} yes web.2` });
      bus.publish('shop', { source: 'app', dyno: 'worker.1', text: `${tag} no worker` });
      bus.publish('shop', { source: 'heroku', dyno: 'web.1', text: `${tag} no heroku` });
      bus.publish('shop', { source: 'app', dyno: 'webhooks.1', text: `${tag} no webhooks` });
    };
    publishMix('old');
    const reader = await open(sessions.create('shop', { tail: true, source: 'app', dyno: 'web' }).logplex_url);
    await reader.until(count(2));
    publishMix('new');
    await reader.until(count(4));
    expect(texts(reader.text())).toEqual([
      'app[web.1]: old yes web.1',
      'app[web.2]: old yes web.2',
      'app[web.1]: new yes web.1',
      'app[web.2]: new yes web.2',
    ]);

    const exact = await open(sessions.create('shop', { dyno: 'web.2' }).logplex_url);
    expect(texts(await exact.toEnd())).toEqual(['app[web.2]: old yes web.2', 'app[web.2]: new yes web.2']);
  });

  it('Last-Event-ID resumes without repeating lines', async () => {
    const { bus, sessions } = await start();
    for (let i = 1; i <= 10; i++) bus.publish('shop', { source: 'app', dyno: 'web.1', text: `line ${i}` });
    const url = sessions.create('shop', { tail: true, lines: 2 }).logplex_url;

    const first = await open(url);
    await first.until(count(2));
    expect(events(first.text()).map((e) => e.id)).toEqual([9, 10]);
    first.leave();

    bus.publish('shop', { source: 'app', dyno: 'web.1', text: 'line 11\nline 12\nline 13' });
    const resumed = await open(url, { 'Last-Event-ID': '10' });
    await resumed.until(count(3));
    bus.publish('shop', { source: 'app', dyno: 'web.1', text: 'line 14' });
    await resumed.until(count(4));
    expect(events(resumed.text()).map((e) => e.id)).toEqual([11, 12, 13, 14]);
    resumed.leave();

    // An id from before an engine restart (above anything known) starts afresh.
    const stale = await open(url, { 'Last-Event-ID': '99999' });
    await stale.until(count(2));
    expect(events(stale.text()).map((e) => e.id)).toEqual([13, 14]);
    stale.leave();
  });

  it('an expired or unknown session answers 404 JSON', async () => {
    const { clock, sessions, base } = await start();
    const unknown = await fetch(`${base}/log-sessions/${'0'.repeat(32)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('application/json');
    expect(await unknown.json()).toEqual({ id: 'not_found', message: 'log session not found or expired' });

    const once = sessions.create('shop', {});
    const tail = sessions.create('shop', { tail: true });
    await clock.advance(5 * 60_000);
    const expired = await fetch(once.logplex_url);
    expect(expired.status).toBe(404);
    expect(await expired.json()).toMatchObject({ id: 'not_found' });

    const stillOpen = await open(`${tail.logplex_url}`);
    expect(stillOpen.response.status).toBe(200);
    stillOpen.leave();
    await clock.advance(55 * 60_000);
    expect((await fetch(tail.logplex_url)).status).toBe(404);
  });

  it('format=text streams plain lines', async () => {
    const { bus, sessions } = await start();
    bus.publish('shop', { source: 'app', dyno: 'web.1', text: 'one\ntwo' });
    const once = await open(`${sessions.create('shop', {}).logplex_url}?format=text`);
    expect(once.response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await once.toEnd()).toBe(
      '2026-11-26T09:00:00.000000+00:00 app[web.1]: one\n2026-11-26T09:00:00.000000+00:00 app[web.1]: two\n',
    );

    const tail = await open(`${sessions.create('shop', { tail: true, lines: 1 }).logplex_url}?format=text`);
    await tail.until((text) => text.endsWith('two\n'));
    bus.publish('shop', { source: 'heroku', dyno: 'web.1', text: 'State changed from starting to up' });
    await tail.until((text) => text.endsWith('up\n'));
    expect(tail.text().split('\n')).toEqual([
      '2026-11-26T09:00:00.000000+00:00 app[web.1]: two',
      '2026-11-26T09:00:00.000000+00:00 heroku[web.1]: State changed from starting to up',
      '',
    ]);
    tail.leave();
  });

  it('close ends every open stream', async () => {
    const { sessions, subscribed } = await start();
    const reader = await open(sessions.create('shop', { tail: true }).logplex_url);
    sessions.close();
    await reader.toEnd();
    expect(subscribed()).toBe(0);
  });

  it('a slow reader gets an L10 line instead of unbounded memory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dynodeck-sessions-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const clock = createFakeClock();
    const bus = createLogBus({ dir, clock, ringSize: 20_000 });
    const sessions = createLogSessions({ bus, clock, baseUrl: () => 'http://127.0.0.1:1' });
    const res = new SlowResponse();
    sessions.handle(
      sessions.create('shop', { tail: true, lines: 0 }).id,
      { url: '/', headers: {} } as IncomingMessage,
      res as unknown as ServerResponse,
    );

    bus.publish('shop', { source: 'app', dyno: 'web.1', text: 'first' });
    await vi.waitFor(() => expect(res.chunks).toHaveLength(1));
    for (let i = 1; i <= 12_000; i++) bus.publish('shop', { source: 'app', dyno: 'web.1', text: `line ${i}` });
    expect(res.chunks).toHaveLength(1);

    res.writable = true;
    res.emit('drain');
    expect(res.chunks).toHaveLength(2);
    const sent = events(res.chunks[1]!);
    expect(sent).toHaveLength(10_001);
    expect(sent[0]).toEqual({
      data: '2026-11-26T09:00:00.000000+00:00 heroku[logplex]: Error L10 (output buffer overflow): 2000 messages dropped since 2026-11-26T09:00:00.000000+00:00.',
    });
    expect(sent[1]).toMatchObject({ id: 2002, data: expect.stringMatching(/ line 2001$/) });
    expect(sent.at(-1)).toMatchObject({ id: 12_001, data: expect.stringMatching(/ line 12000$/) });

    bus.publish('shop', { source: 'app', dyno: 'web.1', text: 'later' });
    await vi.waitFor(() => expect(res.chunks).toHaveLength(3));
    expect(events(res.chunks[2]!)).toEqual([
      { id: 12_002, data: '2026-11-26T09:00:00.000000+00:00 app[web.1]: later' },
    ]);
    sessions.close();
    expect(res.ended).toBe(true);
  });

  it('lines published in the same tick go out in one write', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dynodeck-sessions-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const clock = createFakeClock();
    const bus = createLogBus({ dir, clock });
    const sessions = createLogSessions({ bus, clock, baseUrl: () => 'http://127.0.0.1:1' });
    const res = new SlowResponse();
    res.writable = true;
    sessions.handle(
      sessions.create('shop', { tail: true }).id,
      { url: '/', headers: {} } as IncomingMessage,
      res as unknown as ServerResponse,
    );
    for (let i = 1; i <= 50; i++) bus.publish('shop', { source: 'app', dyno: `web.${i % 3}`, text: `line ${i}` });
    await vi.waitFor(() => expect(res.chunks).toHaveLength(1));
    expect(events(res.chunks[0]!)).toHaveLength(50);
    sessions.close();
  });
});

/** A response whose client reads nothing until told to. */
class SlowResponse extends EventEmitter {
  chunks: string[] = [];
  writable = false;
  ended = false;
  writeHead() {
    return this;
  }
  flushHeaders() {}
  write(chunk: string) {
    this.chunks.push(chunk);
    return this.writable;
  }
  end(chunk?: string) {
    if (chunk) this.chunks.push(chunk);
    this.ended = true;
    this.emit('close');
  }
}
