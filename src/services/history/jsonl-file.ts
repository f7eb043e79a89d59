// An append-only file of JSON lines, rotated by size (file → file.1 → file.2 …), private
// to the user (0600). Appends are queued so lines never interleave or race a rotation;
// a failure goes to a callback, never thrown at the caller, because losing a history line
// must not stop the deck. Reading tolerates a last line cut short by a crash.
import { mkdir, open, readFile, rename, stat } from 'node:fs/promises';
import path from 'node:path';

export interface JsonlAppender {
  /** Queues one record; returns at once. */
  append(record: unknown): void;
  /** Resolves when everything queued so far is written (or has failed). */
  flush(): Promise<void>;
}

export interface JsonlOptions {
  file: string;
  /** Rotate before a line would take the file past this. */
  maxBytes: number;
  /** Rotated files kept (file.1 … file.keep), at least 1. */
  keep: number;
  onError: (error: Error) => void;
}

export function createJsonlAppender(options: JsonlOptions): JsonlAppender {
  const opts = { ...options, keep: Math.max(1, Math.floor(options.keep)) };
  let queue: Promise<void> = Promise.resolve();
  return {
    append(record) {
      const line = `${JSON.stringify(record)}\n`;
      queue = queue
        .then(() => appendLine(opts, line))
        .catch((error: unknown) => {
          const reason = error instanceof Error ? error.message : String(error);
          opts.onError(new Error(`could not write ${opts.file}: ${reason}`, { cause: error }));
        });
    },
    flush: () => queue,
  };
}

async function appendLine(opts: JsonlOptions, line: string): Promise<void> {
  await mkdir(path.dirname(opts.file), { recursive: true, mode: 0o700 });
  let size = await sizeOf(opts.file);
  if (size > 0 && size + Buffer.byteLength(line) > opts.maxBytes) {
    await rotate(opts.file, opts.keep);
    size = 0;
  }
  const handle = await open(opts.file, 'a+', 0o600);
  try {
    // The mode given to open only applies to a new file, and then through the umask.
    await handle.chmod(0o600);
    // A line cut short by a crash must not swallow the next one.
    let text = line;
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) text = `\n${line}`;
    }
    await handle.write(text);
  } finally {
    await handle.close();
  }
}

async function rotate(file: string, keep: number): Promise<void> {
  for (let i = keep - 1; i >= 1; i--) await renameIfThere(`${file}.${i}`, `${file}.${i + 1}`);
  await renameIfThere(file, `${file}.1`);
}

async function renameIfThere(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

export interface JsonlLine {
  /** Which file and line, for messages: "alerts.jsonl.1:12". */
  where: string;
  value: unknown;
}

/**
 * Every record of the file and its rotated predecessors, oldest first. A line that is not
 * JSON is a problem ("file:line: …"), except a last line without its newline: a write cut
 * short, which is skipped quietly.
 */
export async function readJsonl(file: string, keep: number): Promise<{ lines: JsonlLine[]; problems: string[] }> {
  const lines: JsonlLine[] = [];
  const problems: string[] = [];
  const files = [...Array.from({ length: keep }, (_, i) => `${file}.${keep - i}`), file];
  for (const name of files) {
    let text: string;
    try {
      text = await readFile(name, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      problems.push(`cannot read ${name}: ${(error as Error).message}`);
      continue;
    }
    const rows = text.split('\n');
    const complete = text.endsWith('\n');
    rows.forEach((row, i) => {
      if (row.trim() === '') return;
      const where = `${path.basename(name)}:${i + 1}`;
      try {
        lines.push({ where, value: JSON.parse(row) });
      } catch {
        const cutShort = i === rows.length - 1 && !complete;
        if (!cutShort) problems.push(`${where}: not a JSON line`);
      }
    });
  }
  return { lines, problems };
}
