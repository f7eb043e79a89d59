import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openTextStream, type TextStream } from '../../../src/services/heroku/stream-request.js';
import { waitFor } from '../../helpers/wait-for-frame.js';
import { TLS_CERT, TLS_KEY } from '../../helpers/tls-fixture.js';

let servers: Array<http.Server | net.Server> = [];
afterEach(async () => {
  for (const s of servers) if ('closeAllConnections' in s) s.closeAllConnections();
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  servers = [];
});

async function listen(server: http.Server | net.Server, scheme = 'http'): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const serve = (handler: http.RequestListener) => listen(http.createServer(handler));

/** Reads a stream's body, keeping each piece as it was handed on. */
function readPieces(stream: TextStream) {
  const pieces: string[] = [];
  const done = stream.read((text) => void pieces.push(text));
  return { pieces, done };
}

describe('a text stream over node:http', () => {
  it('a character split between two packets arrives whole, in the piece that completes it', async () => {
    const euro = Buffer.from('€'); // three bytes
    let held: http.ServerResponse | undefined;
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.write(Buffer.concat([Buffer.from('price: '), euro.subarray(0, 2)]));
      held = res;
    });
    const stream = await openTextStream(`${base}/plain`);
    const { pieces, done } = readPieces(stream);
    await waitFor(() => pieces.length === 1, 'the first packet');
    // The two bytes of the euro sign that came with it wait for their third.
    expect(pieces).toEqual(['price: ']);
    held!.end(Buffer.concat([euro.subarray(2), Buffer.from('5\n')]));
    await done;
    expect(pieces).toEqual(['price: ', '€5\n']);
  });

  it('an SSE stream that ends resolves the read after its last piece, with its headers and status', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write('id: 1\ndata: one\n\n');
      setImmediate(() => res.end('id: 2\ndata: two\n\n'));
    });
    const stream = await openTextStream(`${base}/s`);
    expect(stream.status).toBe(200);
    expect(stream.headers['content-type']).toBe('text/event-stream');
    const { pieces, done } = readPieces(stream);
    await done;
    expect(pieces.join('')).toBe('id: 1\ndata: one\n\nid: 2\ndata: two\n\n');
  });

  it('sends the headers it is given', async () => {
    const seen: http.IncomingHttpHeaders[] = [];
    const base = await serve((req, res) => {
      seen.push(req.headers);
      res.end();
    });
    const stream = await openTextStream(`${base}/s`, {
      headers: { Accept: 'text/event-stream', 'Last-Event-ID': '42' },
    });
    await stream.read(() => {});
    expect(seen[0]).toMatchObject({ accept: 'text/event-stream', 'last-event-id': '42' });
  });

  it('a 500 gives its status, and its body can still be read', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end('{"id":"internal_server_error","message":"Internal server error."}');
    });
    const stream = await openTextStream(`${base}/s`);
    expect(stream.status).toBe(500);
    const { pieces, done } = readPieces(stream);
    await done;
    expect(JSON.parse(pieces.join(''))).toEqual({ id: 'internal_server_error', message: 'Internal server error.' });
  });

  it('aborting mid-stream rejects the read with the reason and closes the connection', async () => {
    let closed = false;
    const base = await serve((req, res) => {
      req.on('close', () => (closed = true));
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write('data: first\n\n');
    });
    const controller = new AbortController();
    const stream = await openTextStream(`${base}/s`, { signal: controller.signal });
    const { pieces, done } = readPieces(stream);
    await waitFor(() => pieces.length === 1, 'the first event');
    const reason = new Error('stopped by the user');
    controller.abort(reason);
    await expect(done).rejects.toBe(reason);
    await waitFor(() => closed, 'the server to see the connection closed');
  });

  it('aborting while the headers are awaited rejects the open; a signal aborted before never connects', async () => {
    let requests = 0;
    let closed = false;
    const base = await serve((req) => {
      requests++;
      req.on('close', () => (closed = true));
    });
    const controller = new AbortController();
    const opening = openTextStream(`${base}/s`, { signal: controller.signal });
    await waitFor(() => requests === 1, 'the request to arrive');
    controller.abort(new Error('stop'));
    await expect(opening).rejects.toThrow('stop');
    await waitFor(() => closed, 'the connection to be closed');

    await expect(openTextStream(`${base}/s`, { signal: AbortSignal.abort(new Error('never')) })).rejects.toThrow(
      'never',
    );
    expect(requests).toBe(1);
  });

  it('a connection cut in the middle of the body rejects the read as lost', async () => {
    const base = await serve((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write('data: half a li');
      setImmediate(() => req.socket.destroy());
    });
    const stream = await openTextStream(`${base}/s`);
    const { pieces, done } = readPieces(stream);
    await expect(done).rejects.toThrow('connection lost');
    expect(pieces.join('')).toBe('data: half a li');
  });

  it('a refused connection fails the open, with the socket code in its cause', async () => {
    const probe = http.createServer();
    const base = await listen(probe);
    await new Promise((resolve) => probe.close(resolve));
    servers = servers.filter((s) => s !== probe);
    const error = await openTextStream(`${base}/s`).then(
      () => undefined,
      (e: unknown) => e as Error & { cause?: { code?: string } },
    );
    expect(error?.message).toBe('connection failed');
    expect(error?.cause?.code).toBe('ECONNREFUSED');
  });

  it('follows a redirect with the same headers, as fetch did', async () => {
    const seen: string[] = [];
    const base = await serve((req, res) => {
      seen.push(`${req.url} ${req.headers['last-event-id'] ?? '-'}`);
      if (req.url === '/old') {
        res.writeHead(302, { Location: '/new' });
        res.end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('moved here\n');
    });
    const stream = await openTextStream(`${base}/old`, { headers: { 'Last-Event-ID': '7' } });
    const { pieces, done } = readPieces(stream);
    await done;
    expect(pieces.join('')).toBe('moved here\n');
    expect(seen).toEqual(['/old 7', '/new 7']);
  });

  it('gives up on a redirect loop', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(307, { Location: '/again' });
      res.end();
    });
    await expect(openTextStream(`${base}/s`, { maxRedirects: 3 })).rejects.toThrow('too many redirects');
  });

  it('a body silent past the idle timeout rejects the read', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.write('one line\n');
    });
    const stream = await openTextStream(`${base}/s`, { idleTimeoutMs: 200 });
    const { pieces, done } = readPieces(stream);
    await expect(done).rejects.toThrow('no data for 200ms');
    expect(pieces).toEqual(['one line\n']);
  });

  it('drops a leading byte-order mark, as TextDecoder does', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('\uFEFFfirst line\n');
    });
    const stream = await openTextStream(`${base}/s`);
    const { pieces, done } = readPieces(stream);
    await done;
    expect(pieces.join('')).toBe('first line\n');
  });

  it('a reader that throws ends the read with its error and closes the connection, it does not crash the process', async () => {
    let closed = false;
    const base = await serve((req, res) => {
      req.on('close', () => (closed = true));
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.write('boom\n');
    });
    const stream = await openTextStream(`${base}/s`);
    await expect(
      stream.read(() => {
        throw new Error('a bug in the reader');
      }),
    ).rejects.toThrow('a bug in the reader');
    await waitFor(() => closed, 'the connection to be closed');
  });
});

describe('a text stream that rests between reads', () => {
  /** A server whose response the test writes to; `written` resolves once the headers are out. */
  async function heldServer(listenOn: (handler: http.RequestListener) => Promise<string>) {
    let res: http.ServerResponse | undefined;
    let closed = false;
    const base = await listenOn((req, response) => {
      req.on('close', () => (closed = true));
      response.writeHead(200, { 'Content-Type': 'text/event-stream' });
      response.write('a');
      res = response;
    });
    return { base, response: () => res!, closed: () => closed };
  }

  /** Reads a stream's body, keeping what each read handed on, its pieces joined. */
  function readReads(stream: TextStream, onPiece: (text: string) => void = () => {}) {
    const reads: string[] = [];
    let current = '';
    const done = stream.read(
      (text) => {
        current += text;
        onPiece(text);
      },
      () => {
        reads.push(current);
        current = '';
      },
    );
    return { reads, done };
  }

  /** On the first piece, the server sends three more chunks and ends. */
  const sendBcdAfterA = (response: () => http.ServerResponse) => (text: string) => {
    if (text !== 'a') return;
    response().write('b');
    response().write('c');
    response().end('d');
  };

  it('what arrives during the rest is handed on in one read, in order and whole', async () => {
    const server = await heldServer(serve);
    const stream = await openTextStream(`${server.base}/s`, { restMs: 500 });
    const euro = Buffer.from('€');
    const afterTurns = (turns: number, then: () => void): void =>
      void (turns === 0 ? then() : setImmediate(() => afterTurns(turns - 1, then)));
    const { reads, done } = readReads(stream, (text) => {
      if (text !== 'a') return;
      // Three chunks a few event-loop turns apart (a reader that did not rest would read each
      // on its own), the euro sign split between two of them, all sent while the reader rests.
      server.response().write('b');
      afterTurns(3, () => server.response().write(Buffer.concat([Buffer.from('c'), euro.subarray(0, 1)])));
      afterTurns(6, () => server.response().end(Buffer.concat([euro.subarray(1), Buffer.from('d')])));
    });
    await done;
    expect(reads).toEqual(['a', 'bc€d']);
  });

  it('without a rest every chunk is a read of its own', async () => {
    const server = await heldServer(serve);
    const stream = await openTextStream(`${server.base}/s`);
    const { reads, done } = readReads(stream, sendBcdAfterA(server.response));
    await done;
    expect(reads).toEqual(['a', 'b', 'c', 'd']);
  });

  it('aborting during the rest rejects the read with the reason and closes the connection', async () => {
    const server = await heldServer(serve);
    const controller = new AbortController();
    const stream = await openTextStream(`${server.base}/s`, { signal: controller.signal, restMs: 60_000 });
    const { reads, done } = readReads(stream, () => {
      server.response().write('never read');
      setImmediate(() => controller.abort(new Error('the deck closed the pane')));
    });
    await expect(done).rejects.toThrow('the deck closed the pane');
    expect(reads).toEqual(['a']);
    await waitFor(server.closed, 'the connection to be closed');
  });

  it('a reader that throws at the end of a read ends the stream with its error', async () => {
    const server = await heldServer(serve);
    const stream = await openTextStream(`${server.base}/s`, { restMs: 50 });
    let last = '';
    const done = stream.read(
      (text) => {
        last = text;
        if (text === 'a') server.response().write('bad');
      },
      () => {
        if (last !== 'a') throw new Error(`cannot parse ${last}`);
      },
    );
    await expect(done).rejects.toThrow('cannot parse bad');
    await waitFor(server.closed, 'the connection to be closed');
  });

  it('a rest given as a function is asked once a read has ended, and lasts as long as it says', async () => {
    const server = await heldServer(serve);
    const events: string[] = [];
    const stream = await openTextStream(`${server.base}/s`, {
      restMs: () => {
        events.push('asked');
        return 200;
      },
    });
    let current = '';
    const sendRest = sendBcdAfterA(server.response);
    await stream.read(
      (text) => {
        current += text;
        sendRest(text);
      },
      () => {
        events.push(`read ${current}`);
        current = '';
      },
    );
    expect(events.slice(0, 3)).toEqual(['read a', 'asked', 'read bcd']);
  });

  it('rests over TLS too', async () => {
    const server = await heldServer((handler) =>
      listen(https.createServer({ cert: TLS_CERT, key: TLS_KEY }, handler), 'https'),
    );
    const stream = await openTextStream(`${server.base}/s`, { ca: TLS_CERT, restMs: 200 });
    const { reads, done } = readReads(stream, sendBcdAfterA(server.response));
    await done;
    expect(reads).toEqual(['a', 'bcd']);
  });
});

describe('a text stream over node:https', () => {
  const tlsServer = (handler: http.RequestListener) =>
    listen(https.createServer({ cert: TLS_CERT, key: TLS_KEY }, handler), 'https');

  it('reads from a server whose certificate it trusts', async () => {
    const base = await tlsServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.end('id: 1\ndata: over TLS\n\n');
    });
    const stream = await openTextStream(`${base}/s`, { ca: TLS_CERT });
    const { pieces, done } = readPieces(stream);
    await done;
    expect(pieces.join('')).toBe('id: 1\ndata: over TLS\n\n');
  });

  it('refuses a certificate it does not trust', async () => {
    let requests = 0;
    const base = await tlsServer((_req, res) => {
      requests++;
      res.end();
    });
    const error = await openTextStream(`${base}/s`).then(
      () => undefined,
      (e: unknown) => e as Error & { cause?: { code?: string } },
    );
    expect(error?.message).toBe('connection failed');
    expect(error?.cause?.code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(requests).toBe(0);
  });

  it('a server that takes the connection but never completes the handshake fails the open after the connect timeout', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => void sockets.push(socket));
    const address = await listen(silent);
    try {
      await expect(
        openTextStream(address.replace('http:', 'https:') + '/s', { connectTimeoutMs: 200 }),
      ).rejects.toThrow('no connection within 200ms');
    } finally {
      for (const socket of sockets) socket.destroy();
    }
  });
});
