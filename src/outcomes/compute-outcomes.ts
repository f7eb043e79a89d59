// The outcome report for one environment and period: the four DORA measures, lead time
// per ticket and by complexity, and the same per week for sparklines. Pure: the inputs
// are a fixed history, so the same history always gives the same report.
import { COMPLEXITIES } from '../domain/ticket.js';
import type { OutcomeInputs, OutcomeReport, WeekFigures } from './outcome-types.js';
import {
  changeFailureBand,
  deploymentFrequencyBand,
  leadTimeBand,
  MIN_EVENTS,
  timeToRestoreBand,
} from './dora-bands.js';
import { classifyReleases } from './release-history.js';
import { countDeployments } from './deployment-frequency.js';
import { changeLeadTimes } from './lead-time.js';
import { changeFailures } from './change-failure.js';
import { restoreIncidents } from './time-to-restore.js';
import { ticketLeadTimes } from './ticket-lead-time.js';
import { auditActions } from './audit-actions.js';
import { weekIndex, weeksOf } from './period.js';
import { DAY_MS, HOUR_MS, median, MINUTE_MS, percentile, round, WEEK_MS } from './statistics.js';

export const DEFAULT_FAILURE_WINDOW_MS = DAY_MS;

/** A statistic over events, or null when there are too few for it to mean anything. */
function enough<T>(count: number, value: () => T): T | null {
  return count >= MIN_EVENTS ? value() : null;
}

export function computeOutcomes(inputs: OutcomeInputs): OutcomeReport {
  const { period, env } = inputs;
  const windowMs = inputs.failureWindowMs ?? DEFAULT_FAILURE_WINDOW_MS;
  const history = classifyReleases(inputs.releases);
  const weeks = weeksOf(period);

  const deployments = countDeployments(history, period);
  const count = deployments.live.length;
  const perWeek = enough(count, () => count / ((period.to - period.from) / WEEK_MS));

  const leads = changeLeadTimes(inputs.commits, history, period, inputs.pullRequests);
  const leadMs = leads.map((l) => l.ms);
  const medianLead = enough(leads.length, () => median(leadMs)!);
  const p90Lead = enough(leads.length, () => percentile(leadMs, 90)!);

  const failures = changeFailures(history, inputs.alerts, env, period, windowMs);
  const failureRate = enough(failures.changes.length, () => failures.reasons.size / failures.changes.length);

  const incidents = restoreIncidents(history, inputs.alerts, env, period);
  const restored = incidents.filter((i) => i.durationMs !== null);
  const medianRestore = enough(restored.length, () => median(restored.map((i) => i.durationMs!))!);

  const tickets = ticketLeadTimes(inputs.tickets, inputs.commits, history, period);
  const byComplexity = Object.fromEntries(
    COMPLEXITIES.map((c) => {
      const ms = tickets.filter((t) => t.complexity === c).map((t) => t.ms);
      return [c, { tickets: ms.length, medianLeadTimeHours: enough(ms.length, () => round(median(ms)! / HOUR_MS, 2)) }];
    }),
  ) as OutcomeReport['byComplexity'];

  const weekly: WeekFigures[] = weeks.map((w, i) => {
    const here = <T>(items: readonly T[], at: (item: T) => number) =>
      items.filter((x) => weekIndex(weeks, at(x)) === i);
    const weekLeads = here(leads, (l) => l.releasedAt).map((l) => l.ms);
    const weekChanges = here(failures.changes, (r) => r.createdAt);
    const weekRestores = here(restored, (r) => r.startedMs).map((r) => r.durationMs!);
    return {
      from: new Date(w.from).toISOString(),
      to: new Date(w.to).toISOString(),
      deployments: here(deployments.live, (r) => r.createdAt).length,
      leadTimeMedianHours: weekLeads.length ? round(median(weekLeads)! / HOUR_MS, 2) : null,
      changeFailureRate: weekChanges.length
        ? round(weekChanges.filter((r) => failures.reasons.has(r.version)).length / weekChanges.length, 3)
        : null,
      restoreMedianMinutes: weekRestores.length ? round(median(weekRestores)! / MINUTE_MS, 1) : null,
    };
  });

  return {
    env,
    period: {
      from: new Date(period.from).toISOString(),
      to: new Date(period.to).toISOString(),
      days: round((period.to - period.from) / DAY_MS, 2),
    },
    failureWindowHours: round(windowMs / HOUR_MS, 2),
    deploymentFrequency: {
      count,
      perWeek: perWeek === null ? null : round(perWeek, 2),
      band: deploymentFrequencyBand(perWeek),
      deploys: deployments.deploys,
      promotions: deployments.promotions,
      rollbacks: deployments.rollbacks,
    },
    leadTime: {
      medianHours: medianLead === null ? null : round(medianLead / HOUR_MS, 2),
      p90Hours: p90Lead === null ? null : round(p90Lead / HOUR_MS, 2),
      band: leadTimeBand(medianLead),
      changes: leads.length,
    },
    changeFailureRate: {
      deploys: failures.changes.length,
      failures: failures.reasons.size,
      rate: failureRate === null ? null : round(failureRate, 3),
      band: changeFailureBand(failureRate),
      failedChanges: failures.changes
        .filter((r) => failures.reasons.has(r.version))
        .map((r) => {
          const reasons = failures.reasons.get(r.version)!;
          return {
            version: r.version,
            description: r.description,
            at: new Date(r.createdAt).toISOString(),
            reason: reasons[0]!,
            reasons,
          };
        }),
    },
    timeToRestore: {
      medianMinutes: medianRestore === null ? null : round(medianRestore / MINUTE_MS, 1),
      band: timeToRestoreBand(medianRestore),
      restored: restored.length,
      open: incidents.length - restored.length,
      incidents: incidents.map(({ startedMs: _s, durationMs: _d, ...incident }) => incident),
    },
    byComplexity,
    tickets: tickets.map(({ ms: _ms, releasedMs: _r, ...ticket }) => ticket),
    weeks: weekly,
    audit: auditActions(inputs.audit ?? [], env, period),
    notes: [...(inputs.notes ?? [])],
  };
}
