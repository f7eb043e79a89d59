// Build and release-phase output: kept in a file and served at a capability URL as
// plain chunked text that follows the output live until the step ends, like Heroku's
// output_stream_url. A client that connects late still gets everything from the start.
import { closeSync, createReadStream, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

export interface OutputWriter {
  readonly id: string;
  write(text: string): void;
  end(): void;
}

export interface OutputStreams {
  create(id: string): OutputWriter;
  /** The last lines written (for failure messages that quote the output's tail). */
  tail(id: string, lines: number): string[];
  handle(id: string, req: IncomingMessage, res: ServerResponse): void;
}

/** A running step's output is also held in memory so late readers get it exactly once; past this it is cut. */
const LIVE_LIMIT = 4 * 1024 * 1024;

interface LiveOutput {
  text: string;
  cut: boolean;
  followers: Set<ServerResponse>;
}

export function createOutputStreams(dir: string): OutputStreams {
  mkdirSync(dir, { recursive: true });
  const live = new Map<string, LiveOutput>();
  const fileOf = (id: string) => path.join(dir, `${id}.log`);

  return {
    create(id) {
      // Held open while the step runs: one write per line, not an open and close per line.
      let fd: number | undefined = openSync(fileOf(id), 'w');
      const entry: LiveOutput = { text: '', cut: false, followers: new Set() };
      live.set(id, entry);
      return {
        id,
        write(text) {
          if (fd === undefined) return;
          writeSync(fd, text);
          entry.text += text;
          if (entry.text.length > LIVE_LIMIT) {
            entry.text = entry.text.slice(-LIVE_LIMIT / 2);
            entry.cut = true;
          }
          for (const res of entry.followers) res.write(text);
        },
        end() {
          if (fd === undefined) return;
          closeSync(fd);
          fd = undefined;
          live.delete(id);
          for (const res of entry.followers) res.end();
        },
      };
    },
    tail(id, count) {
      const text = live.get(id)?.text ?? (existsSync(fileOf(id)) ? readFileSync(fileOf(id), 'utf8') : '');
      return text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .slice(-count);
    },
    handle(id, req, res) {
      const file = fileOf(id);
      if (!/^[0-9a-f-]{36}$/.test(id) || !existsSync(file)) {
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ id: 'not_found', message: 'output stream not found' }));
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache' });
      const entry = live.get(id);
      if (entry) {
        res.write(entry.cut ? `[earlier output cut]\n${entry.text}` : entry.text);
        entry.followers.add(res);
        req.on('close', () => entry.followers.delete(res));
        return;
      }
      createReadStream(file)
        .on('error', () => res.end())
        .pipe(res);
    },
  };
}
