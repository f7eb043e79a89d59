import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMarkdownTicketSource } from '../../../src/services/tickets/markdown-ticket-source.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-tickets-'));
  await mkdir(path.join(root, 'tickets'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const ticket = (id: string, extra = '') =>
  `---\nid: ${id}\ntitle: Ticket ${id}\ncomplexity: trivial\n${extra}---\nBody\n`;

describe('markdown ticket source', () => {
  it('a broken ticket file becomes a problem naming the file while the others still load', async () => {
    await writeFile(path.join(root, 'tickets', 'A-1.md'), ticket('A-1'));
    await writeFile(path.join(root, 'tickets', 'A-2.md'), '---\nid: A-2\ntitle: x\ncomplexity: huge\n---\n');
    await writeFile(path.join(root, 'tickets', 'notes.txt'), 'ignored');
    const load = await createMarkdownTicketSource({ root, dir: 'tickets' }).load();
    expect(load.tickets.map((t) => t.id)).toEqual(['A-1']);
    expect(load.problems).toEqual([
      { file: path.join('tickets', 'A-2.md'), message: expect.stringContaining('complexity "huge"') },
    ]);
  });

  it('a duplicate id is reported against the second file', async () => {
    await writeFile(path.join(root, 'tickets', 'a.md'), ticket('X-1'));
    await writeFile(path.join(root, 'tickets', 'b.md'), ticket('X-1'));
    const load = await createMarkdownTicketSource({ root, dir: 'tickets' }).load();
    expect(load.tickets).toHaveLength(1);
    expect(load.problems[0]?.message).toBe(`id X-1 is already used by ${path.join('tickets', 'a.md')}`);
  });

  it('an edited file is read again and a removed one disappears', async () => {
    const source = createMarkdownTicketSource({ root, dir: 'tickets' });
    const file = path.join(root, 'tickets', 'A-1.md');
    await writeFile(file, ticket('A-1'));
    await writeFile(path.join(root, 'tickets', 'A-2.md'), ticket('A-2'));
    expect((await source.load()).tickets.map((t) => t.title)).toEqual(['Ticket A-1', 'Ticket A-2']);
    await writeFile(file, ticket('A-1').replace('Ticket A-1', 'Renamed ticket, longer'));
    await rm(path.join(root, 'tickets', 'A-2.md'));
    expect((await source.load()).tickets.map((t) => t.title)).toEqual(['Renamed ticket, longer']);
  });

  it('a missing folder is an error that names it', async () => {
    await expect(createMarkdownTicketSource({ root, dir: 'nope' }).load()).rejects.toThrow(
      'ticket folder not found: nope',
    );
  });
});
