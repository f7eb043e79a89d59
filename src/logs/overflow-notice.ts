// Logplex's own notice that a reader fell behind and lines were thrown away:
// `<ts> heroku[logplex]: Error L10 (output buffer overflow): 500 messages dropped since <ts>.`
// (L10 for drains and, on the local engine, for tail sessions; L11 for `heroku logs --tail`).
// Only the platform's own source counts: an app printing the same words is an app line.
import { LINE_PREFIX } from './log-line.js';

const NOTICE = /^Error L1[01] \([^)]*overflow\): (\d+) messages? dropped\b/;

/** How many lines the notice says were dropped; undefined for every other line. */
export function overflowDropped(line: string): number | undefined {
  // Cheap first: almost no line is a notice.
  if (!line.includes('L1')) return undefined;
  const prefix = LINE_PREFIX.exec(line);
  if (!prefix || prefix[5] !== 'heroku' || prefix[6] !== 'logplex') return undefined;
  const m = NOTICE.exec(line.slice(prefix[0].length));
  if (!m) return undefined;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) ? n : undefined;
}
