// The lines of a ticket's detail view, as plain data so the view only slices and colours them.
import type { BranchStatus } from '../../domain/branch.js';
import type { TicketRow } from './ticket-rows.js';
import { formatAge } from './format-age.js';
import { sanitizeLine, sanitizeText } from '../../logs/sanitize.js';
import { pullRequestDetail } from './pull-request-badge.js';

export type LineStyle = 'title' | 'heading' | 'muted' | 'done' | 'open' | 'warning' | 'plain';

export interface DetailLine {
  text: string;
  style: LineStyle;
}

export function ticketDetailLines(
  row: TicketRow,
  branch: BranchStatus | undefined,
  mainBranch: string,
  now: number,
): DetailLine[] {
  if (row.kind === 'problem') {
    return [
      { text: `⚠ ${sanitizeLine(row.problem.file)} could not be read`, style: 'warning' },
      { text: '', style: 'plain' },
      { text: sanitizeLine(row.problem.message), style: 'plain' },
      { text: '', style: 'plain' },
      { text: 'Fix the file and save it; the deck reads it again within seconds.', style: 'muted' },
    ];
  }
  const t = row.ticket;
  const lines: DetailLine[] = [
    { text: `${sanitizeLine(t.id)}  ${sanitizeLine(t.title)}`, style: 'title' },
    { text: '', style: 'plain' },
    { text: `complexity  ${t.complexity}`, style: 'plain' },
    { text: `stage       ${row.stage}${row.location ? ` · ${row.location}` : ''}`, style: 'plain' },
    { text: `assignee    ${t.assignee ? sanitizeLine(t.assignee) : '–'}`, style: 'plain' },
    { text: `branch      ${t.branch ? sanitizeLine(t.branch) : '– (none named in the ticket)'}`, style: 'plain' },
  ];
  if (t.branch) lines.push(...branchLines(branch, mainBranch, now));
  lines.push({ text: `file        ${sanitizeLine(t.file)}`, style: 'muted' });
  lines.push({ text: '', style: 'plain' });
  if (row.pullRequests.length) {
    lines.push({ text: `Pull requests (${row.pullRequests.length})`, style: 'heading' });
    for (const pr of row.pullRequests) {
      const [first, ...rest] = pullRequestDetail(pr).map(sanitizeLine);
      lines.push({ text: first!, style: 'plain' });
      for (const line of rest)
        lines.push({ text: line, style: /failing|changes requested|conflicts/.test(line) ? 'warning' : 'muted' });
    }
    if (row.location) lines.push({ text: `runs ${row.location}`, style: 'muted' });
    lines.push({ text: '', style: 'plain' });
  }
  if (t.description) {
    for (const line of sanitizeText(t.description).split('\n')) lines.push({ text: line, style: 'plain' });
    lines.push({ text: '', style: 'plain' });
  }
  lines.push({ text: `Acceptance criteria (${row.criteria.done}/${row.criteria.total})`, style: 'heading' });
  if (t.criteria.length === 0) lines.push({ text: 'none written yet', style: 'muted' });
  for (const c of t.criteria) {
    lines.push({ text: `${c.done ? '[x]' : '[ ]'} ${sanitizeLine(c.text)}`, style: c.done ? 'done' : 'open' });
  }
  return lines;
}

function branchLines(branch: BranchStatus | undefined, mainBranch: string, now: number): DetailLine[] {
  if (!branch) return [{ text: '            (reading git…)', style: 'muted' }];
  if (!branch.exists) return [{ text: '            does not exist yet', style: 'muted' }];
  const relation = branch.merged
    ? `merged into ${mainBranch}`
    : `${branch.ahead} ahead, ${branch.behind} behind ${mainBranch}`;
  const lines: DetailLine[] = [{ text: `            ${relation}`, style: 'muted' }];
  const c = branch.lastCommit;
  if (c) {
    lines.push({
      text: `last commit ${c.sha.slice(0, 7)} ${sanitizeLine(c.subject)} (${sanitizeLine(c.author)}, ${formatAge(now - c.date)} ago)`,
      style: 'plain',
    });
  }
  return lines;
}
