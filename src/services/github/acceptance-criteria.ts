// Acceptance criteria in a GitHub issue body: the task-list items under a heading
// "Acceptance criteria" (any level, any case, optional colon) or under a line
// "Acceptance criteria:" alone, up to the next heading of the same or a higher level.
// Fenced code, block quotes and HTML comments (issue templates hide examples there)
// are not the issue's own words, so nothing in them counts.
import type { Criterion } from '../../domain/ticket.js';

export interface IssueBody {
  criteria: Criterion[];
  /** The body without its criteria sections. */
  description: string;
}

const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const CRITERIA_TITLE = /^acceptance criteria\s*:?$/i;
const CRITERIA_LINE = /^\s*acceptance criteria\s*:\s*$/i;
const FENCE = /^\s*(`{3,}|~{3,})(.*)$/;
const QUOTE = /^ {0,3}>/;
const TASK = /^\s*(?:[-*+]|\d{1,9}[.)])\s+\[([ xX])\](?:\s+(.*))?$/;
/** A line "Acceptance criteria:" has no level: any heading ends its section. */
const NO_LEVEL = 7;

export function parseIssueBody(body: string | null | undefined): IssueBody {
  const criteria: Criterion[] = [];
  const description: string[] = [];
  let fence: { char: string; length: number } | undefined;
  let inComment = false;
  let section: { level: number } | undefined;

  for (const raw of (body ?? '').replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const keep = () => {
      if (!section) description.push(raw);
    };
    if (fence) {
      const close = FENCE.exec(raw);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length && close[2]!.trim() === '') {
        fence = undefined;
      }
      keep();
      continue;
    }
    const { text: line, openComment } = withoutComments(raw, inComment);
    inComment = openComment;
    const open = FENCE.exec(line);
    if (open && !(open[1]![0] === '`' && open[2]!.includes('`'))) {
      fence = { char: open[1]![0]!, length: open[1]!.length };
      keep();
      continue;
    }
    if (QUOTE.test(line)) {
      keep();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const level = heading[1]!.length;
      if (section && level <= section.level) section = undefined;
      if (CRITERIA_TITLE.test((heading[2] ?? '').trim())) section = { level };
      keep();
      continue;
    }
    if (!section && CRITERIA_LINE.test(line)) {
      section = { level: NO_LEVEL };
      continue;
    }
    const task = section ? TASK.exec(line) : null;
    const text = task?.[2]?.replace(/\s+/g, ' ').trim();
    if (task && text) criteria.push({ done: task[1] !== ' ', text });
    keep();
  }
  return { criteria, description: description.join('\n').trim() };
}

/** The line with HTML comments removed; `openComment` says whether one runs on past its end. */
function withoutComments(line: string, inComment: boolean): { text: string; openComment: boolean } {
  let rest = line;
  let text = '';
  let open = inComment;
  while (rest !== '') {
    if (open) {
      const end = rest.indexOf('-->');
      if (end < 0) return { text, openComment: true };
      rest = rest.slice(end + 3);
      open = false;
    } else {
      const start = rest.indexOf('<!--');
      if (start < 0) return { text: text + rest, openComment: false };
      text += rest.slice(0, start);
      rest = rest.slice(start + 4);
      open = true;
    }
  }
  return { text, openComment: open };
}
