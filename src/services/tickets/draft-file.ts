// The one draft of a new ticket, kept under .dynodeck/ while the user's editor has it and
// afterwards whenever the ticket could not be filed, so nothing typed is lost: `n` opens
// it again. Written private to the user (it may hold unpublished plans).
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface DraftFile {
  /** Absolute path, for the editor. */
  readonly path: string;
  /** Relative to the project, for messages. */
  readonly shown: string;
  /** The text and its modification time, or undefined when there is no draft. */
  read(): Promise<{ text: string; mtimeMs: number } | undefined>;
  write(text: string): Promise<void>;
  remove(): Promise<void>;
}

export function createDraftFile(root: string, name = 'new-ticket.md'): DraftFile {
  const file = path.join(root, '.dynodeck', name);
  return {
    path: file,
    shown: path.relative(root, file),
    async read() {
      try {
        const [text, info] = await Promise.all([readFile(file, 'utf8'), stat(file)]);
        return { text, mtimeMs: info.mtimeMs };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async write(text) {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, text, { mode: 0o600 });
    },
    remove: () => rm(file, { force: true }),
  };
}
