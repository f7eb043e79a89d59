// Every action the deck or the CLI takes, one JSON line each in .dynodeck/audit.log:
// when, who, what, target, result. Only names and outcomes go in, never a token.
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';

export interface AuditEntry {
  what: string;
  target: string;
  result: 'started' | 'succeeded' | 'failed' | 'refused';
  detail?: Record<string, string | number | boolean | undefined>;
}

export interface AuditLog {
  write(entry: AuditEntry): Promise<void>;
}

const SECRETISH = /token|secret|password|api[_-]?key|authorization/i;

export function createAuditLog(opts: { root: string; who: string; now?: () => number }): AuditLog {
  const file = path.join(opts.root, '.dynodeck', 'audit.log');
  const now = opts.now ?? Date.now;
  return {
    async write(entry) {
      const detail = entry.detail
        ? Object.fromEntries(
            Object.entries(entry.detail).filter(([key, value]) => value !== undefined && !SECRETISH.test(key)),
          )
        : undefined;
      const line = {
        when: new Date(now()).toISOString(),
        who: opts.who,
        what: entry.what,
        target: entry.target,
        result: entry.result,
        ...(detail ? { detail } : {}),
      };
      await mkdir(path.dirname(file), { recursive: true });
      await appendFile(file, `${JSON.stringify(line)}\n`);
    },
  };
}
