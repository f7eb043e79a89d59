// Lead time per ticket: from the first commit on the ticket's branch to the release that
// first carried the branch's tip, for tickets shipped in the period.
import type { OutcomeCommit, OutcomeTicket, TicketLeadTime } from './outcome-types.js';
import { inPeriod } from './period.js';
import { wentLive, type ClassifiedRelease } from './release-history.js';
import { HOUR_MS, round } from './statistics.js';

export interface TicketSample extends TicketLeadTime {
  ms: number;
  releasedMs: number;
}

export function ticketLeadTimes(
  tickets: readonly OutcomeTicket[],
  commits: readonly OutcomeCommit[],
  history: readonly ClassifiedRelease[],
  period: { from: number; to: number },
): TicketSample[] {
  const releasedIn = new Map(commits.map((c) => [c.sha, c.releasedIn]));
  const byVersion = new Map(history.map((r) => [r.version, r]));
  const samples: TicketSample[] = [];
  for (const ticket of tickets) {
    if (ticket.firstCommitAt === undefined) continue;
    const version = ticket.releasedIn ?? (ticket.tipSha ? releasedIn.get(ticket.tipSha) : undefined);
    const release = version === undefined ? undefined : byVersion.get(version);
    if (!release || !wentLive(release) || !inPeriod(period, release.createdAt)) continue;
    const ms = Math.max(0, release.createdAt - ticket.firstCommitAt);
    samples.push({
      id: ticket.id,
      complexity: ticket.complexity,
      release: release.version,
      firstCommitAt: new Date(ticket.firstCommitAt).toISOString(),
      releasedAt: new Date(release.createdAt).toISOString(),
      leadTimeHours: round(ms / HOUR_MS, 2),
      ms,
      releasedMs: release.createdAt,
    });
  }
  return samples.sort((a, b) => a.releasedMs - b.releasedMs || a.id.localeCompare(b.id));
}
