// What the audit log adds about the environment's changes: those shipped over a critical
// alert (--override), and attempts that failed before making any release (a promotion
// the platform refused, a build that broke), which change nothing live and so are listed
// apart rather than counted as failed changes.
import type { OutcomeAuditEntry } from './outcome-types.js';
import { inPeriod } from './period.js';

const SHIPPING = new Set(['deploy', 'promote', 'rollback']);

export function auditActions(
  entries: readonly OutcomeAuditEntry[],
  env: string,
  period: { from: number; to: number },
): { overrides: number; failedAttempts: number } {
  let overrides = 0;
  let failedAttempts = 0;
  for (const e of entries) {
    if (e.target !== env || !SHIPPING.has(e.what) || !inPeriod(period, e.when)) continue;
    if (e.result === 'started' && e.detail?.override === true) overrides++;
    if (e.result === 'failed' && e.detail?.release === undefined) failedAttempts++;
  }
  return { overrides, failedAttempts };
}
