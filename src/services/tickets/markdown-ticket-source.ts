// Tickets kept as markdown files in a folder of the project (default `tickets/`).
import { readdir, readFile, stat } from 'node:fs/promises';
import { watch } from 'node:fs';
import path from 'node:path';
import type { TicketSource } from '../ports.js';
import type { Ticket, TicketLoad, TicketProblem } from '../../domain/ticket.js';
import { parseTicket, type ParsedTicket } from './parse-ticket.js';

interface CachedFile {
  mtimeMs: number;
  size: number;
  parsed: ParsedTicket;
}

export function createMarkdownTicketSource(opts: { root: string; dir: string }): TicketSource {
  const folder = path.resolve(opts.root, opts.dir);
  const shown = (name: string) => path.relative(opts.root, path.join(folder, name)) || name;
  // Files are re-read only when their size or mtime changed, so frequent polling stays cheap.
  const cache = new Map<string, CachedFile>();

  async function load(): Promise<TicketLoad> {
    let names: string[];
    try {
      names = (await readdir(folder)).filter((n) => n.endsWith('.md') && !n.startsWith('.')).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new Error(`ticket folder not found: ${opts.dir}`, { cause: error });
      }
      throw error;
    }
    for (const name of cache.keys()) if (!names.includes(name)) cache.delete(name);

    const tickets: Ticket[] = [];
    const problems: TicketProblem[] = [];
    const seen = new Map<string, string>();
    // All files at once: their stats complete together, one wake-up of the deck instead of one each.
    const read = await Promise.all(names.map(readOne));
    for (const [i, name] of names.entries()) {
      const parsed = read[i];
      if (!parsed) continue;
      if (!parsed.ok) {
        problems.push({ file: shown(name), message: parsed.message });
        continue;
      }
      const earlier = seen.get(parsed.ticket.id);
      if (earlier) {
        problems.push({ file: shown(name), message: `id ${parsed.ticket.id} is already used by ${earlier}` });
        continue;
      }
      seen.set(parsed.ticket.id, shown(name));
      tickets.push(parsed.ticket);
    }
    return { tickets, problems };
  }

  async function readOne(name: string): Promise<ParsedTicket | undefined> {
    const full = path.join(folder, name);
    try {
      const info = await stat(full);
      if (!info.isFile()) return undefined;
      const hit = cache.get(name);
      if (hit && hit.mtimeMs === info.mtimeMs && hit.size === info.size) return hit.parsed;
      const parsed = parseTicket(await readFile(full, 'utf8'), shown(name));
      cache.set(name, { mtimeMs: info.mtimeMs, size: info.size, parsed });
      return parsed;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined; // removed while reading
      return { ok: false, message: `cannot read: ${(error as Error).message}` };
    }
  }

  function watchFolder(onChange: () => void): () => void {
    try {
      const watcher = watch(folder, { persistent: false }, () => onChange());
      watcher.on('error', () => watcher.close());
      return () => watcher.close();
    } catch {
      return () => {}; // the poller still picks changes up
    }
  }

  return { name: 'tickets', load, watch: watchFolder };
}
