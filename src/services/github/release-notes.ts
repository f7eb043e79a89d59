// The tag and the notes of the GitHub release made after a promotion to production.
import type { PullRequest } from '../../domain/pull-request.js';

export interface ReleaseTagValues {
  version: number | string;
  sha: string;
  /** Epoch ms. */
  date: number;
}

/** `production-v{version}` → `production-v42`; also {sha} (7 characters) and {date} (YYYY-MM-DD, UTC). */
export function releaseTag(template: string, values: ReleaseTagValues): string {
  return template
    .replaceAll('{version}', String(values.version))
    .replaceAll('{sha}', values.sha.slice(0, 7))
    .replaceAll('{date}', new Date(values.date).toISOString().slice(0, 10));
}

export interface ShippedTicket {
  id: string;
  title?: string;
  criteria?: { done: number; total: number };
}

/** Markdown notes: the pull requests shipped and the tickets they close. */
export function releaseNotes(shipped: {
  pullRequests: readonly Pick<PullRequest, 'number' | 'title' | 'author'>[];
  tickets: readonly ShippedTicket[];
  commits: number;
}): string {
  const lines: string[] = [];
  if (shipped.pullRequests.length > 0) {
    lines.push('## Pull requests', '');
    for (const pr of shipped.pullRequests)
      lines.push(`- #${pr.number} ${oneLine(pr.title)}${pr.author ? ` (@${pr.author})` : ''}`);
    lines.push('');
  }
  if (shipped.tickets.length > 0) {
    lines.push('## Tickets', '');
    for (const t of shipped.tickets) {
      const criteria = t.criteria && t.criteria.total > 0 ? ` (${t.criteria.done}/${t.criteria.total} criteria)` : '';
      lines.push(`- ${t.id}${t.title ? ` ${oneLine(t.title)}` : ''}${criteria}`);
    }
    lines.push('');
  }
  lines.push(`${shipped.commits} commit${shipped.commits === 1 ? '' : 's'}.`);
  return lines.join('\n');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
