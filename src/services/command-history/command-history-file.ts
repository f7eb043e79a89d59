// The `:` line's history in .dynodeck/command-history, one command a line, so ↑ recalls
// yesterday's commands too. Kept short: only the newest lines are read back.
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Where the `:` line keeps what was run. */
export interface CommandHistoryStore {
  load(): string[];
  append(line: string): void;
}

export function commandHistoryFile(projectRoot: string, keep = 200): CommandHistoryStore {
  const file = path.join(projectRoot, '.dynodeck', 'command-history');
  return {
    load() {
      try {
        return readFileSync(file, 'utf8').split('\n').filter(Boolean).slice(-keep);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
    },
    append(line) {
      mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      appendFileSync(file, `${line.replace(/[\r\n]/g, ' ')}\n`, { mode: 0o600 });
    },
  };
}
