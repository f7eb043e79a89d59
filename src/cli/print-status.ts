// `dynodeck status` without --json: the same facts as short tables for people: tickets,
// environments, alerts, sources.
import type { StatusReport } from './status-report.js';
import { formatCriteria } from '../screens/present/ticket-rows.js';
import { sanitizeLine } from '../logs/sanitize.js';
import { databaseFigureOf } from '../screens/present/database-figures.js';

type StatusEnvironment = StatusReport['environments'][number];
type StatusAlert = StatusReport['alerts'][number];

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
  if (report.environments.length > 0) {
    out.push('');
    const nameWidth = Math.max(...report.environments.map((e) => sanitizeLine(e.name).length));
    for (const e of report.environments) out.push(environmentLine(e, nameWidth));
  }
  out.push('', ...(report.alerts.length > 0 ? report.alerts.map(alertLine) : ['no alerts']), '');
  for (const s of report.sources)
    out.push(`${s.name}: ${s.state === 'error' ? `error: ${sanitizeLine(s.error ?? '')}` : s.state}`);
  return out.join('\n');
}

function environmentLine(e: StatusEnvironment, nameWidth: number): string {
  const r = e.release;
  const release = r
    ? `v${r.version ?? '?'} ${r.commit?.slice(0, 7) ?? '?'}${r.status === 'succeeded' ? '' : ` ${r.status}`}`
    : 'no release';
  const formation = Object.entries(e.formation)
    .map(([type, n]) => `${sanitizeLine(type)}=${n}`)
    .join(' ');
  const { up, starting, crashed, down } = e.dynos;
  const dynos = [
    `${up} up`,
    starting ? `${starting} starting` : '',
    crashed ? `${crashed} crashed` : '',
    down ? `${down} down` : '',
  ].filter(Boolean);
  const database = databaseFigureOf(e.database);
  return [
    sanitizeLine(e.name).padEnd(nameWidth),
    e.stage.padEnd(11),
    release.padEnd(20),
    (formation || '–').padEnd(18),
    dynos.join(', '),
    ...(e.maintenance ? ['maintenance'] : []),
    ...(database ? [database] : []),
  ]
    .join('  ')
    .trimEnd();
}

function alertLine(a: StatusAlert): string {
  const what =
    a.state === 'unknown'
      ? sanitizeLine(a.reason ?? '')
      : `${sanitizeLine(a.value ?? '')}${a.threshold ? ` (${sanitizeLine(a.threshold)})` : ''}`;
  return [
    a.state.padEnd(12),
    (a.severity ?? '').padEnd(8),
    sanitizeLine(a.env ?? '–').padEnd(12),
    sanitizeLine(a.rule ?? '–').padEnd(16),
    what,
  ].join(' ');
}
