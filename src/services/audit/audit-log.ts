// Every action the deck or the CLI takes, one JSON line each in .dynodeck/audit.log:
// when, who, what, target, result, and the details audit-detail.ts lets through (the
// deck's own words and references; never a token, a config var value or a build's
// output). The file is private to its user (0600, and made so again if it was wider).
// Writing never throws: an entry that cannot be written (disk full, permissions) is
// reported through onFailure, and the action it describes goes on.
import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import { auditDetail } from './audit-detail.js';

export interface AuditEntry {
  what: string;
  target: string;
  result: 'started' | 'succeeded' | 'failed' | 'refused';
  detail?: Record<string, string | number | boolean | undefined>;
}

export interface AuditLog {
  /** Resolves once the entry is written or its failure reported; never rejects. */
  write(entry: AuditEntry): Promise<void>;
}

export interface AuditLogOptions {
  root: string;
  who: string;
  now?: () => number;
  /** Told, in words for the user, about an entry that could not be written. */
  onFailure?: (message: string) => void;
}

export const AUDIT_FILE_MODE = 0o600;

export function auditLogPath(root: string): string {
  return path.join(root, '.dynodeck', 'audit.log');
}

export function createAuditLog(opts: AuditLogOptions): AuditLog {
  const file = auditLogPath(opts.root);
  const now = opts.now ?? Date.now;
  return {
    async write(entry) {
      const detail = entry.detail ? auditDetail(entry.detail) : undefined;
      const line = {
        when: new Date(now()).toISOString(),
        who: opts.who,
        what: entry.what,
        target: entry.target,
        result: entry.result,
        ...(detail ? { detail } : {}),
      };
      try {
        await append(file, `${JSON.stringify(line)}\n`);
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        const message = `not recorded: ${entry.what} ${entry.target} ${entry.result} (${file}: ${reason})`;
        try {
          opts.onFailure?.(message);
        } catch {
          // a reporter's own trouble must not turn into the action's
        }
      }
    },
  };
}

async function append(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const handle = await open(file, 'a', AUDIT_FILE_MODE);
  try {
    const stat = await handle.stat();
    // A file made before (by an older version, or by hand) may be readable by others.
    if (stat.isFile() && (stat.mode & 0o077) !== 0) await handle.chmod(AUDIT_FILE_MODE);
    await handle.appendFile(text);
  } finally {
    await handle.close();
  }
}
