// `dynodeck deploy|promote … --dry-run [--json]`: the preflight of the confirmation, printed,
// with nothing changed: the commits that would ship, the pull requests they came from (and
// what is wrong with them), the tickets with their criteria, the test gate, and a
// deployment to the target in progress on GitHub.
import type { Preflight } from '../store/dialog-slice.js';
import { formatAge } from '../screens/present/format-age.js';
import { printJson, printLine } from './output.js';

export interface DryRunHeader {
  action: 'deploy' | 'promote';
  from?: string;
  to: string;
  ref?: string;
}

export function printDryRun(header: DryRunHeader, preflight: Preflight | undefined, json: boolean, now: number): void {
  if (json) {
    printJson({
      ...header,
      dryRun: true,
      shipping: preflight
        ? {
            source: preflight.source ?? 'git',
            total: preflight.total,
            truncated: preflight.truncated,
            commits: preflight.commits,
            pullRequests: preflight.pullRequests ?? [],
            tickets: preflight.tickets.map((t) => ({ id: t.id, title: t.title, criteria: t.criteria ?? null })),
            gate: preflight.gate,
            busy: preflight.busy ? { ...preflight.busy, since: new Date(preflight.busy.since).toISOString() } : null,
          }
        : null,
    });
    return;
  }
  const what =
    header.action === 'promote' ? `promote ${header.from} to ${header.to}` : `deploy ${header.ref} to ${header.to}`;
  printLine(`dry run: ${what} (nothing is changed)`);
  if (!preflight) {
    printLine('what ships cannot be told (no commit to compare)');
    return;
  }
  printLine(
    `ships ${preflight.total}${preflight.truncated ? '+' : ''} commit${preflight.total === 1 ? '' : 's'} (${preflight.source === 'github' ? "GitHub's compare" : 'local git'}):`,
  );
  for (const c of preflight.commits) printLine(`  ${c.sha.slice(0, 7)} ${c.subject} (${c.author})`);
  if (preflight.total > preflight.commits.length)
    printLine(`  … and ${preflight.total - preflight.commits.length} more`);
  for (const pr of preflight.pullRequests ?? [])
    printLine(
      `  ${pr.flags.length ? '⚠' : '•'} #${pr.number} ${pr.title}${pr.flags.length ? ` — ${pr.flags.join(', ')}` : ''}`,
    );
  for (const t of preflight.tickets)
    printLine(
      `  ${t.id} ${t.title}${t.criteria && t.criteria.total > 0 ? ` (${t.criteria.done}/${t.criteria.total} criteria)` : ''}`,
    );
  printLine(preflight.gate);
  if (preflight.busy)
    printLine(
      `⚠ ${preflight.busy.who} is deploying ${preflight.busy.ref.slice(0, 12)} to ${header.to} (GitHub: ${preflight.busy.state} since ${formatAge(Math.max(0, now - preflight.busy.since))}); going ahead needs --force`,
    );
}
