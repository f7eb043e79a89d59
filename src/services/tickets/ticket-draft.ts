// The template `n` opens in the user's editor, and what is read back from it: a title,
// a complexity and an "Acceptance criteria" list, in the front matter + markdown shape the
// ticket parser reads. The header is read line by line rather than as YAML, so a title
// such as "Checkout: keep the cart" or "Support #tags" means what it says; the file a
// markdown ticket is written to is proper YAML (quoted where needed) and parsed back
// before it is written. Pure functions: no I/O here.
import { stringify as toYaml, parse as parseYaml } from 'yaml';
import { closestMatch } from '../../config/did-you-mean.js';
import { COMPLEXITIES, type Complexity, type Criterion } from '../../domain/ticket.js';
import type { DraftReading, TicketDraft, TicketSourceKind } from '../../domain/ticket-draft.js';

const FENCE = /^---\s*$/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const CRITERIA_HEADING = /^acceptance criteria\s*:?$/i;
const CHECKBOX = /^\s*(?:[-*+]|\d+[.)])\s+\[([ xX])\]\s*(.*)$/;
const FIELD = /^([A-Za-z][\w-]*)\s*:\s?(.*)$/;
const FIELDS: Record<TicketSourceKind, readonly string[]> = {
  markdown: ['title', 'complexity', 'assignee', 'branch'],
  github: ['title', 'complexity'],
};

/** The text the editor opens on. `id` is the id the ticket would get now (markdown), for the hints. */
export function draftTemplate(source: TicketSourceKind, id?: string): string {
  const header = [
    '---',
    '# A new ticket. Write its title; leave the title empty to cancel.',
    '# Lines starting with # here, and <!-- ... --> below, are left out.',
    'title: ',
    '# complexity: trivial, standard or complex',
    'complexity: standard',
  ];
  if (source === 'markdown') {
    const branch = id ? `${id.toLowerCase()}-<title words>` : '<id>-<title words>';
    header.push(
      '# assignee: who works on it (optional)',
      'assignee: ',
      `# branch: the git branch for the work (empty: ${branch})`,
      'branch: ',
    );
  }
  header.push('---');
  const where = source === 'github' ? 'the issue' : `tickets/${id ?? '<id>'}-….md`;
  return [
    ...header,
    `<!-- What the ticket is about, for whom and why, in a paragraph or two. Saved into ${where}. -->`,
    '',
    '',
    '## Acceptance criteria',
    '<!-- One "- [ ]" line per thing that must be true when it is done. -->',
    '- [ ] ',
    '',
  ].join('\n');
}

/** Reads a saved draft: the ticket it describes, an empty title (cancelled), or what is wrong. */
export function readDraft(text: string, source: TicketSourceKind): DraftReading {
  const lines = stripComments(text.replace(/^\uFEFF/, '')).split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim() !== '');
  if (start < 0) return { kind: 'empty' };
  if (!FENCE.test(lines[start]!))
    return { kind: 'invalid', message: 'the draft must start with its "---" line (title and complexity go under it)' };
  const end = lines.findIndex((l, i) => i > start && FENCE.test(l));
  if (end < 0) return { kind: 'invalid', message: 'the draft\'s header is not closed: keep the "---" line after it' };

  const fields: Record<string, string> = {};
  for (const [i, raw] of lines.slice(start + 1, end).entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = FIELD.exec(line);
    if (!m)
      return { kind: 'invalid', message: `line ${start + i + 2} of the draft is not "field: value": ${clip(line)}` };
    const name = m[1]!.toLowerCase();
    if (!FIELDS[source].includes(name)) {
      const near = closestMatch(name, FIELDS[source]);
      return {
        kind: 'invalid',
        message: `unknown field "${clip(name)}" in the draft (${near ? `did you mean "${near}"?` : `fields: ${FIELDS[source].join(', ')}`})`,
      };
    }
    fields[name] = unquote(m[2]!.trim());
  }

  const title = fields.title ?? '';
  if (title === '') return { kind: 'empty' };
  const complexity = (fields.complexity ?? '').toLowerCase();
  if (complexity === '')
    return { kind: 'invalid', message: `complexity is empty in the draft: write ${COMPLEXITIES.join(', ')}` };
  if (!(COMPLEXITIES as readonly string[]).includes(complexity))
    return {
      kind: 'invalid',
      message: `complexity "${clip(fields.complexity!)}" in the draft is not one of ${COMPLEXITIES.join(', ')}`,
    };
  const branch = fields.branch || undefined;
  if (branch && !/^[\w][\w./-]*$/.test(branch))
    return { kind: 'invalid', message: `branch "${clip(branch)}" in the draft is not a git branch name` };

  const body = cleanBody(lines.slice(end + 1));
  return {
    kind: 'ticket',
    draft: {
      title,
      complexity: complexity as Complexity,
      ...(fields.assignee ? { assignee: fields.assignee } : {}),
      ...(branch ? { branch } : {}),
      body,
      criteria: criteriaOf(body),
    },
  };
}

/** The whole markdown ticket file for `id`, in the shape parse-ticket reads. */
export function ticketFileText(draft: TicketDraft, id: string): string {
  const meta = {
    id,
    title: draft.title,
    complexity: draft.complexity,
    ...(draft.assignee ? { assignee: draft.assignee } : {}),
    branch: draft.branch ?? `${id.toLowerCase()}-${slug(draft.title)}`.replace(/-$/, ''),
  };
  return `---\n${toYaml(meta, { lineWidth: 0 })}---\n${draft.body ? `${draft.body}\n` : ''}`;
}

/** `BC-109-order-export.md`: the id, then a few words of the title. */
export function ticketFileName(id: string, title: string): string {
  const words = slug(title);
  return `${id}${words ? `-${words}` : ''}.md`;
}

/** Lowercase ASCII words of a title joined by hyphens, at most about 40 characters. */
export function slug(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let out = '';
  for (const word of words) {
    const next = out ? `${out}-${word}` : word;
    if (next.length > 40) break;
    out = next;
  }
  return out || (words[0]?.slice(0, 40) ?? '');
}

/**
 * The id after the highest one with the prefix most tickets use (`BC-108` → `BC-109`),
 * keeping zero padding (`OPS-007` → `OPS-008`); `<fallback>-1` when there is none.
 */
export function nextTicketId(ids: readonly string[], fallbackPrefix: string): string {
  const numbered = ids.flatMap((id) => {
    const m = /^(.*?)(\d+)$/.exec(id.trim());
    return m && m[1] ? [{ prefix: m[1], digits: m[2]! }] : [];
  });
  if (numbered.length === 0) return `${fallbackPrefix}-1`;
  const counts = new Map<string, number>();
  for (const n of numbered) counts.set(n.prefix, (counts.get(n.prefix) ?? 0) + 1);
  const prefix = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  const mine = numbered.filter((n) => n.prefix === prefix);
  const highest = Math.max(...mine.map((n) => Number(n.digits)));
  const width = mine.every((n) => n.digits.length > 1 && n.digits.startsWith('0')) ? mine[0]!.digits.length : 0;
  return `${prefix}${String(highest + 1).padStart(width, '0')}`;
}

/** A fallback id prefix from the project's name: `brightcart` → `BRIGHTCART`. */
export function idPrefixFor(project: string): string {
  return (
    project
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, '')
      .slice(0, 10) || 'T'
  );
}

/** Comments go, and so do the lines they filled, so no blank line is left where a hint was. */
function stripComments(text: string): string {
  return text.replace(/^[ \t]*<!--(?:(?!-->)[\s\S])*-->[ \t]*(?:\r?\n|$)/gm, '').replace(/<!--[\s\S]*?-->/g, '');
}

/** The body as written, without empty checkboxes and with at most one blank line in a row. */
function cleanBody(lines: string[]): string {
  const kept = lines.filter((line) => {
    const box = CHECKBOX.exec(line);
    return !box || (box[2] ?? '').trim() !== '';
  });
  return kept
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The task-list items under an "Acceptance criteria" heading, up to the next heading (fenced code left out). */
function criteriaOf(body: string): Criterion[] {
  const criteria: Criterion[] = [];
  let inCriteria = false;
  let fence = false;
  for (const line of body.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) {
      fence = !fence;
      continue;
    }
    if (fence) continue;
    const heading = HEADING.exec(line);
    if (heading) inCriteria = CRITERIA_HEADING.test(heading[2] ?? '');
    const box = inCriteria ? CHECKBOX.exec(line) : null;
    if (box) criteria.push({ done: box[1] !== ' ', text: (box[2] ?? '').trim() });
  }
  return criteria;
}

function unquote(value: string): string {
  if (value.length >= 2 && /^(["']).*\1$/.test(value)) {
    try {
      const parsed: unknown = parseYaml(value);
      if (typeof parsed === 'string') return parsed.trim();
    } catch {
      // not a YAML string after all: keep what was written
    }
  }
  return value;
}

function clip(value: string): string {
  return value.length > 40 ? `${value.slice(0, 39)}…` : value;
}
