// New markdown tickets: a file in the tickets folder with the next free id (the prefix most
// tickets there use, one past the highest number) and a file name from the title. The file
// is written under a hidden name and linked into place, so the tickets watcher never reads
// half a file and an id taken meanwhile (another deck, a teammate's pull) is never overwritten.
import { link, readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Ticket } from '../../domain/ticket.js';
import type { TicketCreator } from '../ports.js';
import { parseTicket } from './parse-ticket.js';
import { draftTemplate, idPrefixFor, nextTicketId, readDraft, ticketFileName, ticketFileText } from './ticket-draft.js';

export function createMarkdownTicketCreator(opts: { root: string; dir: string; project: string }): TicketCreator {
  const folder = path.resolve(opts.root, opts.dir);

  /** Ids in use: from each file's front matter, else from its name (a file that does not parse still holds its id). */
  async function idsInUse(): Promise<string[]> {
    let names: string[];
    try {
      names = (await readdir(folder)).filter((n) => n.endsWith('.md') && !n.startsWith('.'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const ids: string[] = [];
    for (const name of names) {
      const fromName = /^([A-Za-z][A-Za-z0-9]*-\d+)/.exec(name)?.[1];
      if (fromName) ids.push(fromName);
      const text = await readFile(path.join(folder, name), 'utf8').catch(() => '');
      const parsed = parseTicket(text, name);
      if (parsed.ok) ids.push(parsed.ticket.id);
    }
    return ids;
  }

  async function nextId(): Promise<string> {
    return nextTicketId(await idsInUse(), idPrefixFor(opts.project));
  }

  return {
    kind: 'markdown',
    template: async () => draftTemplate('markdown', await nextId().catch(() => undefined)),
    read: (text) => readDraft(text, 'markdown'),
    async create(draft): Promise<Ticket> {
      const taken = new Set<string>();
      for (let attempt = 0; attempt < 5; attempt++) {
        const ids = await idsInUse();
        const id = nextTicketId([...ids, ...taken], idPrefixFor(opts.project));
        const name = ticketFileName(id, draft.title);
        const shown = path.relative(opts.root, path.join(folder, name)) || name;
        const text = ticketFileText(draft, id);
        const parsed = parseTicket(text, shown);
        if (!parsed.ok) throw new Error(`${shown} would not be a valid ticket: ${parsed.message}`);
        const hidden = path.join(folder, `.${name}.${process.pid}.tmp`);
        try {
          await writeFile(hidden, text, { flag: 'wx' });
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT')
            throw new Error(`ticket folder not found: ${opts.dir}`, { cause: error });
          throw error;
        }
        try {
          await link(hidden, path.join(folder, name));
          return parsed.ticket;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
          taken.add(id);
        } finally {
          await unlink(hidden).catch(() => undefined);
        }
      }
      throw new Error(`no free ticket id in ${opts.dir} after 5 tries`);
    },
  };
}
