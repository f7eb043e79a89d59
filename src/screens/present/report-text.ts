// `dynodeck report` without --json: the figures, their DORA bands and a sparkline per
// week, then what lies behind them (failed changes, incidents, tickets). Pure.
import type { OutcomeReport, WeekFigures } from '../../outcomes/outcome-types.js';
import { sparkline } from '../../metrics/sparkline.js';
import { sanitizeLine } from '../../logs/sanitize.js';

/** "45 min", "5.5 h", "3.2 d". */
export function formatHours(hours: number): string {
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${trim(hours)} h`;
  return `${trim(hours / 24)} d`;
}

export function formatMinutes(minutes: number): string {
  return minutes < 120 ? `${trim(minutes)} min` : formatHours(minutes / 60);
}

function trim(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function day(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

function weekly(weeks: readonly WeekFigures[], pick: (w: WeekFigures) => number | null, max?: number): string {
  return sparkline(
    weeks.map((w) => pick(w) ?? undefined),
    weeks.length,
    max === undefined ? {} : { max },
  );
}

export function formatReport(report: OutcomeReport): string {
  const { deploymentFrequency: df, leadTime: lt, changeFailureRate: cfr, timeToRestore: ttr } = report;
  const rows: Array<[string, string, string, string]> = [
    [
      'deployment frequency',
      df.perWeek === null
        ? `${plural(df.count, 'deployment')}`
        : `${df.perWeek} a week (${plural(df.count, 'deployment')})`,
      df.band,
      weekly(report.weeks, (w) => w.deployments),
    ],
    [
      'lead time for changes',
      lt.medianHours === null
        ? plural(lt.changes, 'commit')
        : `median ${formatHours(lt.medianHours)}, p90 ${formatHours(lt.p90Hours!)} (${plural(lt.changes, 'commit')})`,
      lt.band,
      weekly(report.weeks, (w) => w.leadTimeMedianHours),
    ],
    [
      'change failure rate',
      cfr.rate === null
        ? `${cfr.failures} of ${plural(cfr.deploys, 'change')}`
        : `${Math.round(cfr.rate * 100)} % (${cfr.failures} of ${plural(cfr.deploys, 'change')})`,
      cfr.band,
      weekly(report.weeks, (w) => w.changeFailureRate, 1),
    ],
    [
      'time to restore',
      `${ttr.medianMinutes === null ? '' : `median ${formatMinutes(ttr.medianMinutes)} `}(${ttr.restored} restored${ttr.open ? `, ${ttr.open} open` : ''})`,
      ttr.band,
      weekly(report.weeks, (w) => w.restoreMedianMinutes),
    ],
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  const table = rows.map((r) =>
    r
      .map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell))
      .join('   ')
      .trimEnd(),
  );

  const out = [
    `Outcomes on ${sanitizeLine(report.env)}, ${day(report.period.from)} to ${day(report.period.to)} UTC (${plural(report.period.days, 'day')}, ${plural(report.weeks.length, 'week')} in the sparklines, oldest first)`,
    '',
    ...table,
    `  ${plural(df.rollbacks, 'rollback')} (counted apart); a change failed when a rollback, a failed release or a critical alert came within ${report.failureWindowHours} h`,
    '',
    'lead time by ticket complexity',
    ...(['trivial', 'standard', 'complex'] as const).map((c) => {
      const f = report.byComplexity[c];
      const value = f.medianLeadTimeHours === null ? 'not enough data' : `median ${formatHours(f.medianLeadTimeHours)}`;
      return `  ${c.padEnd(9)} ${value} (${plural(f.tickets, 'ticket')})`;
    }),
  ];
  if (cfr.failedChanges.length) {
    out.push('', 'failed changes');
    for (const f of cfr.failedChanges)
      out.push(`  v${f.version}  ${day(f.at)}  ${sanitizeLine(f.description)}: ${sanitizeLine(f.reasons.join('; '))}`);
  }
  if (ttr.incidents.length) {
    out.push('', 'incidents');
    for (const i of ttr.incidents) {
      const how =
        i.minutes === null
          ? 'not restored yet'
          : `${formatMinutes(i.minutes)} (${i.restoredBy === 'resolution' ? 'resolved' : 'next good release'})`;
      out.push(`  ${day(i.startedAt)}  ${sanitizeLine(i.what)}: ${how}`);
    }
  }
  if (report.tickets.length) {
    out.push('', 'tickets shipped');
    for (const t of report.tickets)
      out.push(`  ${sanitizeLine(t.id)}  ${t.complexity.padEnd(8)}  v${t.release}  ${formatHours(t.leadTimeHours)}`);
  }
  if (report.audit.overrides || report.audit.failedAttempts) {
    out.push(
      '',
      `audit log: ${plural(report.audit.overrides, 'change')} shipped over a critical alert, ${plural(report.audit.failedAttempts, 'attempt')} that made no release`,
    );
  }
  if (report.notes.length) {
    out.push('', 'notes');
    for (const n of report.notes) out.push(`  ${sanitizeLine(n)}`);
  }
  return out.join('\n');
}
