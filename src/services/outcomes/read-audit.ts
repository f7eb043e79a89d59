// The audit log (.dynodeck/audit.log, JSON lines, and its rotated files when there are
// any) read back as entries for the report. A line it cannot use is a note, not a failure.
import path from 'node:path';
import type { OutcomeAuditEntry } from '../../outcomes/outcome-types.js';
import { readJsonl } from '../history/jsonl-file.js';

export const AUDIT_LOG_PATH = path.join('.dynodeck', 'audit.log');
/** Rotated files looked for (audit.log.1 … audit.log.9). */
const ROTATED = 9;

export async function readAuditEntries(root: string): Promise<{ entries: OutcomeAuditEntry[]; problems: string[] }> {
  const { lines, problems } = await readJsonl(path.join(root, AUDIT_LOG_PATH), ROTATED);
  const entries: OutcomeAuditEntry[] = [];
  for (const { where, value } of lines) {
    const v = (value ?? {}) as Record<string, unknown>;
    const when = typeof v.when === 'string' ? Date.parse(v.when) : NaN;
    if (!Number.isFinite(when) || typeof v.what !== 'string' || typeof v.target !== 'string') {
      problems.push(`${where}: expected "when", "what" and "target"`);
      continue;
    }
    entries.push({
      when,
      what: v.what,
      target: v.target,
      result: typeof v.result === 'string' ? v.result : '',
      ...(typeof v.who === 'string' ? { who: v.who } : {}),
      ...(v.detail && typeof v.detail === 'object' ? { detail: v.detail as Record<string, unknown> } : {}),
    });
  }
  return { entries, problems };
}
