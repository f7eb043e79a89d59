// Turns one markdown ticket file into a Ticket, or a message saying what is wrong with it.
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { COMPLEXITIES, type Complexity, type Criterion, type Ticket } from '../../domain/ticket.js';

export type ParsedTicket = { ok: true; ticket: Ticket } | { ok: false; message: string };

const FENCE = /^---\s*$/;
const CHECKBOX = /^\s*[-*+]\s+\[([ xX])\]\s+(.*)$/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const CRITERIA_HEADING = /^acceptance criteria\b/i;

export function parseTicket(text: string, file: string): ParsedTicket {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? '')) {
    return { ok: false, message: 'no front matter: the file must start with a line "---"' };
  }
  const end = lines.findIndex((line, i) => i > 0 && FENCE.test(line));
  if (end < 0) return { ok: false, message: 'front matter is not closed: add a line "---" after it' };

  let meta: unknown;
  try {
    meta = parseYaml(lines.slice(1, end).join('\n'));
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` (line ${error.linePos[0].line + 1})` : '';
    return {
      ok: false,
      message: `front matter is not valid YAML${where}: ${firstLine(String((error as Error).message))}`,
    };
  }
  const fields = readFields(meta);
  if (typeof fields === 'string') return { ok: false, message: fields };

  const { description, criteria } = readBody(lines.slice(end + 1));
  return { ok: true, ticket: { ...fields, description, criteria, file } };
}

type Fields = Pick<Ticket, 'id' | 'title' | 'complexity' | 'assignee' | 'branch'>;

function readFields(meta: unknown): Fields | string {
  if (meta === null || typeof meta !== 'object' || Array.isArray(meta)) {
    return 'front matter must be key: value lines (id, title, complexity, assignee, branch)';
  }
  const m = meta as Record<string, unknown>;
  const id = text(m.id);
  if (!id) return 'front matter: "id" is missing (e.g. id: SHOP-12)';
  const title = text(m.title);
  if (!title) return 'front matter: "title" is missing';
  const complexity = text(m.complexity);
  if (!complexity) return `front matter: "complexity" is missing (expected ${COMPLEXITIES.join(' | ')})`;
  if (!(COMPLEXITIES as readonly string[]).includes(complexity)) {
    return `front matter: complexity "${clip(complexity)}" is not one of ${COMPLEXITIES.join(' | ')}`;
  }
  const assignee = text(m.assignee);
  const branch = text(m.branch);
  if (branch?.startsWith('-')) return `front matter: branch "${clip(branch)}" cannot start with "-"`;
  return { id, title, complexity: complexity as Complexity, assignee, branch };
}

function readBody(body: string[]): { description: string; criteria: Criterion[] } {
  const criteria: Criterion[] = [];
  const description: string[] = [];
  let inCriteria = false;
  for (const line of body) {
    const heading = HEADING.exec(line);
    if (heading) {
      inCriteria = CRITERIA_HEADING.test(heading[2] ?? '');
      if (inCriteria) continue;
    }
    const box = inCriteria ? CHECKBOX.exec(line) : null;
    if (box) criteria.push({ done: box[1] !== ' ', text: (box[2] ?? '').trim() });
    else if (!inCriteria) description.push(line);
  }
  return { description: description.join('\n').trim(), criteria };
}

function text(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function clip(value: string): string {
  return value.length > 40 ? `${value.slice(0, 39)}…` : value;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
