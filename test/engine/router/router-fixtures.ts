// What the router tests share: dynos as in-process HTTP servers, a router that records its
// lines, clients, and waits that resolve on the event they wait for (no polling loops).
import {
  createServer,
  request,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { createRouter, type Backend, type Router, type RouterOptions } from '../../../src/engine/router/index.js';
import { createFakeClock, type FakeClock } from '../../helpers/fake-clock.js';

const WAIT_CAP_MS = 10_000;

/** Things that happen one by one (router lines, requests a dyno saw); `until(n)` resolves when the n-th arrives. */
export class Recorder<T> {
  readonly items: T[] = [];
  private waiters: Array<{ count: number; resolve: () => void }> = [];

  constructor(private readonly what: string) {}

  push = (item: T): void => {
    this.items.push(item);
    const due = this.waiters.filter((w) => this.items.length >= w.count);
    this.waiters = this.waiters.filter((w) => this.items.length < w.count);
    for (const w of due) w.resolve();
  };

  get length(): number {
    return this.items.length;
  }

  until(count: number): Promise<T[]> {
    if (this.items.length >= count) return Promise.resolve(this.items);
    return new Promise((resolve, reject) => {
      const cap = setTimeout(
        () => reject(new Error(`waited for ${count} ${this.what}, have ${this.items.length}: ${this.describe()}`)),
        WAIT_CAP_MS,
      );
      this.waiters.push({
        count,
        resolve: () => {
          clearTimeout(cap);
          resolve(this.items);
        },
      });
    });
  }

  private describe(): string {
    return JSON.stringify(this.items.slice(-5));
  }
}

/** Resolves on the first `event` of `emitter`, or fails naming what never happened. */
export function once(
  emitter: { once(event: string, fn: (...args: unknown[]) => void): unknown },
  event: string,
): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const cap = setTimeout(() => reject(new Error(`no '${event}' event`)), WAIT_CAP_MS);
    emitter.once(event, (...args) => {
      clearTimeout(cap);
      resolve(args);
    });
  });
}

/** A fake clock that also reports each timer set on it, so a test can wait for "the router is now waiting". */
export function watchedClock(): { clock: FakeClock; timers: Recorder<number> } {
  const fake = createFakeClock();
  const timers = new Recorder<number>('timers set');
  const clock: FakeClock = {
    ...fake,
    setTimeout(fn, ms) {
      timers.push(ms);
      return fake.setTimeout(fn, ms);
    },
  };
  return { clock, timers };
}

const cleanups: Array<() => Promise<void>> = [];

/** Call from afterEach: closes what the test started, newest first. */
export async function runCleanups(): Promise<void> {
  for (const c of cleanups.splice(0).reverse()) await c();
}

export function onCleanup(fn: () => Promise<void> | void): void {
  cleanups.push(async () => fn());
}

export interface TestDyno {
  dyno: string;
  port: number;
  server: Server;
  /** Request headers, in arrival order. */
  seen: Recorder<IncomingHttpHeaders>;
  /** The dyno's side of every connection the router opened to it. */
  connections: Recorder<Socket>;
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const hello = (dyno: string): Handler => {
  return (req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`hello from ${dyno}`);
    });
  };
};

export async function backend(
  dyno: string,
  handler?: Handler,
  configure?: (server: Server) => void,
): Promise<TestDyno> {
  const seen = new Recorder<IncomingHttpHeaders>(`requests at ${dyno}`);
  const connections = new Recorder<Socket>(`connections to ${dyno}`);
  const serve = handler ?? hello(dyno);
  const server: Server = createServer((req, res) => {
    seen.push(req.headers);
    serve(req, res);
  });
  server.on('connection', connections.push);
  configure?.(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    const done = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await done;
  };
  onCleanup(close);
  return { dyno, port: (server.address() as AddressInfo).port, server, seen, connections, close };
}

/** A port nothing listens on: a dyno that has just stopped. */
export async function deadPort(): Promise<number> {
  const b = await backend('dead');
  await b.close();
  return b.port;
}

export async function startRouter(
  options: Partial<RouterOptions> = {},
): Promise<{ router: Router; lines: Recorder<string> }> {
  const lines = new Recorder<string>('router lines');
  const router = await createRouter({ port: 0, appName: 'shop', onLine: lines.push, ...options });
  onCleanup(() => router.close());
  return { router, lines };
}

export const web = (...dynos: TestDyno[]): Backend[] => dynos.map((b) => ({ dyno: b.dyno, port: b.port }));

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One request on its own connection. */
export function get(
  port: number,
  path = '/',
  headers: Record<string, string> = {},
  method = 'GET',
  body?: string,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export interface RawClient {
  /**
   * Writes a GET on the kept-alive connection at once, synchronously, so a test can put the
   * request on the wire at an exact moment (before something else it does in the same tick).
   */
  send(path: string): Promise<Reply>;
  close(): void;
}

/** A keep-alive HTTP/1.1 client over one TCP connection, one request at a time. */
export async function rawClient(port: number): Promise<RawClient> {
  const socket = connect({ host: '127.0.0.1', port });
  await once(socket, 'connect');
  let buffer = Buffer.alloc(0);
  let pending: { resolve: (r: Reply) => void; reject: (e: Error) => void } | undefined;

  const tryParse = () => {
    if (!pending) return;
    const headEnd = buffer.indexOf('\r\n\r\n');
    if (headEnd < 0) return;
    const head = buffer.subarray(0, headEnd).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head[0] ?? '')?.[1] ?? 0);
    const headers: IncomingHttpHeaders = {};
    for (const line of head.slice(1)) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const length = Number(headers['content-length']);
    if (!Number.isFinite(length)) throw new Error(`rawClient needs content-length, got ${JSON.stringify(headers)}`);
    if (buffer.length < headEnd + 4 + length) return;
    const body = buffer.subarray(headEnd + 4, headEnd + 4 + length).toString();
    buffer = buffer.subarray(headEnd + 4 + length);
    const done = pending;
    pending = undefined;
    done.resolve({ status, headers, body });
  };
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    tryParse();
  });
  socket.on('close', () => pending?.reject(new Error('the router closed the client connection')));
  socket.on('error', () => undefined);
  onCleanup(() => {
    socket.destroy();
  });

  return {
    send(path) {
      if (pending) throw new Error('one request at a time');
      const reply = new Promise<Reply>((resolve, reject) => (pending = { resolve, reject }));
      socket.write(`GET ${path} HTTP/1.1\r\nHost: shop.localhost\r\n\r\n`);
      return reply;
    },
    close: () => socket.destroy(),
  };
}
