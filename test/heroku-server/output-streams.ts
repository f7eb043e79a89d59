// Build and release-phase output: plain chunked text that a reader may open at any
// time; it gets what was written so far, then each line as it comes, until the end.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface OutputStream {
  readonly id: string;
  readonly url: string;
  push(line: string): void;
  end(): void;
  readonly lines: readonly string[];
}

interface StreamRecord extends OutputStream {
  done: boolean;
  readers: Set<ServerResponse>;
}

export class OutputStreams {
  private readonly streams = new Map<string, StreamRecord>();

  constructor(private readonly baseUrl: () => string) {}

  create(kind: 'build' | 'release'): OutputStream {
    const id = randomUUID();
    const lines: string[] = [];
    const record: StreamRecord = {
      id,
      url: `${this.baseUrl()}/__streams/${kind}/${id}`,
      lines,
      done: false,
      readers: new Set(),
      push: (line) => {
        if (record.done) return;
        lines.push(line);
        for (const res of record.readers) res.write(`${line}\n`);
      },
      end: () => {
        if (record.done) return;
        record.done = true;
        for (const res of record.readers) res.end();
        record.readers.clear();
      },
    };
    this.streams.set(id, record);
    return record;
  }

  /** Answers a GET of a stream URL; false when the id is unknown. */
  serve(id: string, req: IncomingMessage, res: ServerResponse): boolean {
    const record = this.streams.get(id);
    if (!record) return false;
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache' });
    if (record.lines.length > 0) res.write(record.lines.map((l) => `${l}\n`).join(''));
    if (record.done) {
      res.end();
      return true;
    }
    res.flushHeaders();
    record.readers.add(res);
    req.on('close', () => record.readers.delete(res));
    return true;
  }

  closeAll() {
    for (const record of this.streams.values()) {
      for (const res of record.readers) res.destroy();
      record.readers.clear();
    }
  }
}
