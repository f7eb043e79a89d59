// Opens a long-lived GET (a log session) over node:http / node:https and hands its body on
// as text, piece by piece. It is the part of fetch the log tail needs — headers, an
// AbortSignal, redirects, connect and idle timeouts, UTF-8 decoded across chunk boundaries —
// without web streams, which cost about twice the CPU per line on a log flood
// (bench/log-stream-read.mjs).
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';

export interface TextStreamOptions {
  headers?: Record<string, string>;
  /** Aborting closes the connection; a pending open or read rejects with the signal's reason. */
  signal?: AbortSignal;
  /** No TCP (and TLS) connection within this long fails the open (fetch's default: 10 s). */
  connectTimeoutMs?: number;
  /**
   * A connection silent this long, waiting for headers or inside the body, is taken for dead
   * (fetch's default: 300 s). Without it a half-open plain-text stream would wait forever.
   */
  idleTimeoutMs?: number;
  /** Redirects followed, as fetch does (20). */
  maxRedirects?: number;
  /** Certificates trusted for https instead of Node's bundled roots (tests; NODE_EXTRA_CA_CERTS adds to them). */
  ca?: string;
  /**
   * After each read the connection rests this long before it is read again (0: never). What
   * arrives meanwhile waits in the kernel and is taken in one wake-up, whose pieces are handed
   * on together, before one `onReadEnd`: a log flood sent in 10 ms batches then costs ten
   * wake-ups a second instead of a hundred (bench/log-stream-read.mjs). A piece waits at most
   * this long. A function is asked after each read (its `onReadEnd` has run), so the rest can
   * follow what the read brought.
   */
  restMs?: number | (() => number);
}

export interface TextStream {
  readonly status: number;
  /** Response headers, names in lower case. */
  readonly headers: http.IncomingHttpHeaders;
  /**
   * Reads the body to its end: `onText` gets each piece as it arrives (a character split
   * between packets waits for its last byte; a leading BOM is dropped), and `onReadEnd`, when
   * given, follows the last piece of each read: with `restMs`, the pieces one wake-up took,
   * handed on together; without, every piece. Resolves when the server ends the body,
   * rejects when the connection is lost, times out or is aborted (what was read is handed on
   * first, `onReadEnd` included).
   */
  read(onText: (text: string) => void, onReadEnd?: () => void): Promise<void>;
  /** Closes the connection without reading (more of) the body. */
  cancel(): void;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export function openTextStream(url: string | URL, opts: TextStreamOptions = {}): Promise<TextStream> {
  return open(new URL(url), opts.headers ?? {}, opts, opts.maxRedirects ?? 20);
}

function open(
  url: URL,
  headers: Record<string, string>,
  opts: TextStreamOptions,
  redirectsLeft: number,
): Promise<TextStream> {
  const { signal, connectTimeoutMs = 10_000, idleTimeoutMs = 300_000 } = opts;
  return new Promise<TextStream>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const client = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : undefined;
    if (!client) return reject(new Error(`cannot read a log stream over ${url.protocol}`));

    // One connection per stream (no pool): a stream lives for hours, and a pooled socket the
    // server has since closed would only turn the next reconnect into a reset.
    const req = client.request(url, { method: 'GET', headers, agent: false, ...(opts.ca ? { ca: opts.ca } : {}) });
    let failure: unknown;
    let response: http.IncomingMessage | undefined;
    let settleRead: ((error?: unknown) => void) | undefined;
    let endRead: (() => void) | undefined;
    let connectTimer: NodeJS.Timeout | undefined;

    const fail = (error: unknown) => {
      if (failure !== undefined) return;
      // What was read before the trouble is still handed on.
      endRead?.();
      if (failure !== undefined) return;
      failure = error;
      cleanup();
      req.destroy();
      response?.destroy();
      if (response === undefined) reject(error);
      else settleRead?.(error);
    };
    const onAbort = () => fail(signal!.reason);
    const cleanup = () => {
      signal?.removeEventListener('abort', onAbort);
      if (connectTimer !== undefined) clearTimeout(connectTimer);
      connectTimer = undefined;
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    connectTimer = setTimeout(
      () => fail(new Error(`no connection within ${seconds(connectTimeoutMs)}`)),
      connectTimeoutMs,
    ).unref();
    req.once('socket', (socket) => {
      const connected = () => {
        if (connectTimer !== undefined) clearTimeout(connectTimer);
        connectTimer = undefined;
      };
      if (client === https) socket.once('secureConnect', connected);
      else socket.once('connect', connected);
    });
    req.setTimeout(idleTimeoutMs, () =>
      fail(
        new Error(response ? `no data for ${seconds(idleTimeoutMs)}` : `no answer within ${seconds(idleTimeoutMs)}`),
      ),
    );
    req.on('error', (error) => fail(new Error(response ? 'connection lost' : 'connection failed', { cause: error })));

    req.on('response', (res) => {
      response = res;
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (REDIRECTS.has(status) && location !== undefined) {
        cleanup();
        failure = 'redirected';
        res.destroy();
        req.destroy();
        if (redirectsLeft <= 0) return reject(new Error('too many redirects'));
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          return reject(new Error(`a redirect to an invalid address (HTTP ${status})`));
        }
        // As fetch does: credentials do not follow a redirect to another origin.
        const carried =
          next.origin === url.origin
            ? headers
            : Object.fromEntries(Object.entries(headers).filter(([k]) => !/^(authorization|cookie)$/i.test(k)));
        return resolve(open(next, carried, opts, redirectsLeft - 1));
      }

      res.setEncoding('utf8');
      res.on('error', (error) => fail(new Error('connection lost', { cause: error })));
      res.on('close', () => {
        if (!res.complete) fail(new Error('connection lost', { cause: { code: 'ECONNRESET' } }));
      });
      resolve({
        status,
        headers: res.headers,
        read(onText, onReadEnd) {
          return new Promise<void>((resolveRead, rejectRead) => {
            settleRead = (error) => {
              settleRead = undefined;
              if (error === undefined) resolveRead();
              else rejectRead(error);
            };
            if (failure !== undefined) return settleRead(failure);
            const restOption = opts.restMs ?? 0;
            const restMs = typeof restOption === 'function' ? restOption : () => restOption;
            const rests = typeof restOption === 'function' || restOption > 0;
            let first = true;
            let unended = false;
            let afterWakeUp: NodeJS.Immediate | undefined;
            let restTimer: NodeJS.Timeout | undefined;
            const guarded = (call: () => void) => {
              try {
                call();
              } catch (error) {
                fail(error);
              }
            };
            endRead = () => {
              if (afterWakeUp !== undefined) clearImmediate(afterWakeUp);
              if (restTimer !== undefined) clearTimeout(restTimer);
              afterWakeUp = restTimer = undefined;
              if (!unended) return;
              unended = false;
              if (onReadEnd) guarded(onReadEnd);
            };
            // Runs once the wake-up that read the pieces is over: ends the read, then rests.
            const rest = () => {
              afterWakeUp = undefined;
              endRead?.();
              const ms = restMs();
              if (failure !== undefined || res.complete || ms <= 0 || !stopReading(res.socket)) return;
              restTimer = setTimeout(() => {
                restTimer = undefined;
                if (failure === undefined) startReading(res.socket);
              }, ms);
            };
            res.on('data', (text: string) => {
              if (failure !== undefined) return;
              if (first) {
                first = false;
                if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
                if (text === '') return;
              }
              unended = true;
              guarded(() => onText(text));
              if (failure !== undefined) return;
              if (!rests) endRead?.();
              else afterWakeUp ??= setImmediate(rest);
            });
            res.on('end', () => {
              if (failure !== undefined) return;
              endRead?.();
              if (failure !== undefined) return;
              cleanup();
              settleRead?.();
            });
          });
        },
        cancel() {
          if (failure === undefined) fail(new Error('cancelled'));
        },
      });
    });
    req.end();
  });
}

// Node's sockets stop reading only once 64 KB wait in their buffer, so resting has to stop
// the handle itself, the way net.Socket#pause does for sockets read with `onread`. On a
// Node whose sockets lack this handle the connection simply never rests.
interface ReadableHandle {
  reading?: boolean;
  readStart(): number;
  readStop(): number;
}

function handleOf(socket: Socket | null): ReadableHandle | undefined {
  const handle = (socket as unknown as { _handle?: Partial<ReadableHandle> } | null)?._handle;
  return typeof handle?.readStart === 'function' && typeof handle.readStop === 'function'
    ? (handle as ReadableHandle)
    : undefined;
}

/** True when the socket was reading and now is not. */
function stopReading(socket: Socket | null): boolean {
  const handle = handleOf(socket);
  if (socket === null || socket.destroyed || handle?.reading !== true) return false;
  handle.reading = false;
  if (handle.readStop() === 0) return true;
  handle.reading = true;
  return false;
}

function startReading(socket: Socket | null): void {
  const handle = handleOf(socket);
  if (socket === null || socket.destroyed || handle === undefined || handle.reading) return;
  handle.reading = true;
  const code = handle.readStart();
  if (code !== 0) socket.destroy(new Error(`cannot read the connection (libuv ${code})`));
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
