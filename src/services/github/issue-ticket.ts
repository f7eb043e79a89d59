// A GitHub issue as a ticket: id "#<number>", complexity from its labels (unknown when
// none says), acceptance criteria from its body. Everything remote is sanitised here,
// before it can reach a screen.
import { COMPLEXITIES, type Complexity, type Ticket, type TicketComplexity } from '../../domain/ticket.js';
import { sanitizeLine, sanitizeText } from '../../logs/sanitize.js';
import { parseIssueBody } from './acceptance-criteria.js';

/** The fields of GitHub's issue JSON that a ticket is made from. */
export interface IssueJson {
  number: number;
  title: string;
  body?: string | null;
  state: string;
  html_url: string;
  labels: Array<string | { name?: string }>;
  assignee?: { login: string } | null;
  assignees?: Array<{ login: string }> | null;
  closed_at: string | null;
  pull_request?: unknown;
}

export type ComplexityLabels = Record<Complexity, string>;

export const DEFAULT_COMPLEXITY_LABELS: ComplexityLabels = {
  trivial: 'complexity: trivial',
  standard: 'complexity: standard',
  complex: 'complexity: complex',
};

export function ticketFromIssue(issue: IssueJson, labels: ComplexityLabels): Ticket {
  const { criteria, description } = parseIssueBody(issue.body);
  const assignee = issue.assignee?.login ?? issue.assignees?.[0]?.login;
  const closedAt = issue.closed_at ? Date.parse(issue.closed_at) : undefined;
  return {
    id: `#${issue.number}`,
    number: issue.number,
    title: sanitizeLine(issue.title).trim() || `#${issue.number}`,
    complexity: complexityOf(issue.labels, labels),
    ...(assignee ? { assignee: sanitizeLine(assignee) } : {}),
    description: sanitizeText(description),
    criteria: criteria.map((c) => ({ done: c.done, text: sanitizeLine(c.text) })),
    file: issue.html_url,
    url: issue.html_url,
    state: issue.state === 'closed' ? 'closed' : 'open',
    ...(closedAt !== undefined && !Number.isNaN(closedAt) ? { closedAt } : {}),
  };
}

/** The complexity its labels name (the most complex one when several do), else unknown. */
export function complexityOf(issueLabels: IssueJson['labels'], labels: ComplexityLabels): TicketComplexity {
  const names = new Set(
    issueLabels.map((l) => (typeof l === 'string' ? l : (l.name ?? '')).trim().toLowerCase()).filter(Boolean),
  );
  const found = COMPLEXITIES.filter((c) => names.has(labels[c].trim().toLowerCase()));
  return found.at(-1) ?? 'unknown';
}

/** The labels to put on a new issue of this complexity. */
export function labelsFor(complexity: TicketComplexity | undefined, labels: ComplexityLabels): string[] {
  return complexity && complexity !== 'unknown' ? [labels[complexity]] : [];
}
