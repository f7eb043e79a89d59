// `dynodeck status` without --json: the same facts as a short table for people.
import type { StatusReport } from './status-report.js';
import { formatCriteria } from '../screens/present/ticket-rows.js';
import { sanitizeLine } from '../logs/sanitize.js';

function pullRequestsText(pulls: NonNullable<StatusReport['tickets'][number]['pullRequests']>): string {
  return pulls
    .map((p) =>
      p.state === 'open'
        ? `#${p.number} ${p.draft ? 'draft' : p.review.replace('_', ' ')}, checks ${p.checks}`
        : `#${p.number} ${p.state}`,
    )
    .join('; ');
}

export function formatStatus(report: StatusReport): string {
  const out: string[] = [`${report.project}  (${report.root})`, ''];
  const idWidth = Math.max(2, ...report.tickets.map((t) => t.id.length));
  for (const t of report.tickets) {
    out.push(
      [
        sanitizeLine(t.id).padEnd(idWidth),
        t.complexity.padEnd(8),
        formatCriteria(t.criteria).padEnd(5),
        t.stage.padEnd(11),
        sanitizeLine(t.title),
        ...(t.pullRequests?.length ? [pullRequestsText(t.pullRequests)] : []),
      ].join('  '),
    );
  }
  if (report.tickets.length === 0) out.push('no tickets');
  for (const p of report.ticketProblems) out.push(`warning: ${sanitizeLine(p.file)}: ${sanitizeLine(p.message)}`);
  out.push('');
  for (const s of report.sources)
    out.push(`${s.name}: ${s.state === 'error' ? `error: ${sanitizeLine(s.error ?? '')}` : s.state}`);
  return out.join('\n');
}
