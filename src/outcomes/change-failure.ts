// Change failure rate: of the changes (deploys and promotions) made in the period, how many
// were followed within the failure window by a rollback, a failed release or a critical
// alert on the environment. Each such signal is laid at the door of the change that was
// live when it came (the newest deploy or promotion that went live before it); a change
// whose own release failed is a failure by itself. A rollback of a rollback blames the same
// change again, which still counts once.
import type { AlertTransition } from './outcome-types.js';
import { inPeriod } from './period.js';
import { isChangeRelease, liveChangeAt, type ClassifiedRelease } from './release-history.js';

export interface ChangeFailures {
  /** Every change attempted in the period (went live or failed), oldest first. */
  changes: ClassifiedRelease[];
  /** Reasons per failed change, by version, in the order found. */
  reasons: Map<number, string[]>;
}

export function changeFailures(
  history: readonly ClassifiedRelease[],
  alerts: readonly AlertTransition[],
  env: string,
  period: { from: number; to: number },
  windowMs: number,
): ChangeFailures {
  const changes = history.filter((r) => isChangeRelease(r) && r.status !== 'pending' && inPeriod(period, r.createdAt));
  const counted = new Set(changes.map((r) => r.version));
  const reasons = new Map<number, string[]>();
  const blame = (change: ClassifiedRelease | undefined, at: number, reason: string) => {
    if (!change || !counted.has(change.version) || at < change.createdAt || at - change.createdAt > windowMs) return;
    const list = reasons.get(change.version) ?? [];
    if (!list.includes(reason)) list.push(reason);
    reasons.set(change.version, list);
  };

  const signals: Array<{ at: number; change: ClassifiedRelease | undefined; reason: string }> = [];
  for (const r of history) {
    if (r.status === 'failed') {
      const failed = `release v${r.version} failed${r.failure ? `: ${r.failure}` : ''}`;
      if (isChangeRelease(r)) signals.push({ at: r.createdAt, change: r, reason: failed });
      else signals.push({ at: r.createdAt, change: liveChangeAt(history, r.createdAt, r), reason: failed });
    }
    if (r.kind === 'rollback' && r.status !== 'pending') {
      signals.push({
        at: r.createdAt,
        change: liveChangeAt(history, r.createdAt, r),
        reason: `rolled back by v${r.version} (${r.description.trim()})`,
      });
    }
  }
  for (const a of alerts) {
    if (a.transition !== 'fired' || a.severity !== 'critical' || a.env !== env) continue;
    signals.push({
      at: a.at,
      change: liveChangeAt(history, a.at),
      reason: `critical alert ${a.rule} fired at ${new Date(a.at).toISOString()}`,
    });
  }
  signals.sort((a, b) => a.at - b.at);
  for (const s of signals) blame(s.change, s.at, s.reason);
  return { changes, reasons };
}
